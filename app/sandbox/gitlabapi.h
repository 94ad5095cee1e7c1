#pragma once

#include "router.h"

#include <QJsonArray>
#include <QJsonObject>

namespace Shipdeck::Sandbox {

class Scenario;
struct Commit;
struct Deployment;
struct Environment;
struct GitLabRelease;
struct Job;
struct MergeRequest;
struct Milestone;
struct Pipeline;

/**
 * GitLab REST v4 over the scenario: projects, pipelines, jobs, environments, deployments, releases, milestones, freeze
 * periods, compare, changelog, merge requests, commits and tags. Shapes follow GitLab's API entities; errors are
 * {"message": …} (or {"error": …} for parameter validation, as Grape answers).
 */
class GitLabApi
{
public:
    explicit GitLabApi(Scenario &scenario);

    /// Answers a request for @p subPath, the part after "/api/v4" (still percent-encoded).
    [[nodiscard]] HttpResponse handle(const HttpRequest &request, const QByteArray &subPath);

    [[nodiscard]] static HttpResponse message(int status, const QString &message);
    [[nodiscard]] static HttpResponse validationError(const QString &error);

private:
    void registerRoutes();
    [[nodiscard]] bool projectMatches(const ApiRequest &request) const;

    // Serialisers
    [[nodiscard]] QJsonValue userJson(int id, bool full = false) const;
    [[nodiscard]] QJsonObject commitJson(const Commit &commit) const;
    [[nodiscard]] QJsonObject projectJson() const;
    [[nodiscard]] QJsonObject basicProjectJson() const;
    [[nodiscard]] QJsonObject pipelineBasicJson(const Pipeline &pipeline) const;
    [[nodiscard]] QJsonObject pipelineJson(const Pipeline &pipeline) const;
    [[nodiscard]] QJsonObject jobJson(const Job &job) const;
    [[nodiscard]] QJsonObject environmentBasicJson(const Environment &environment) const;
    [[nodiscard]] QJsonObject environmentJson(const Environment &environment, bool detail) const;
    [[nodiscard]] QJsonObject deploymentJson(const Deployment &deployment, bool extended = false) const;
    [[nodiscard]] QJsonObject milestoneJson(const Milestone &milestone, bool withStats = false) const;
    [[nodiscard]] QJsonObject releaseJson(const GitLabRelease &release, bool html) const;
    [[nodiscard]] QJsonObject mergeRequestJson(const MergeRequest &mr) const;

    // Handlers
    HttpResponse getProject(const ApiRequest &request);
    HttpResponse listPipelines(const ApiRequest &request);
    HttpResponse latestPipeline(const ApiRequest &request);
    HttpResponse getPipeline(const ApiRequest &request);
    HttpResponse pipelineJobs(const ApiRequest &request);
    HttpResponse retryPipeline(const ApiRequest &request);
    HttpResponse cancelPipeline(const ApiRequest &request);
    HttpResponse listJobs(const ApiRequest &request);
    HttpResponse getJob(const ApiRequest &request);
    HttpResponse playJob(const ApiRequest &request);
    HttpResponse retryJob(const ApiRequest &request);
    HttpResponse cancelJob(const ApiRequest &request);
    HttpResponse jobTrace(const ApiRequest &request);
    HttpResponse listEnvironments(const ApiRequest &request);
    HttpResponse getEnvironment(const ApiRequest &request);
    HttpResponse listDeployments(const ApiRequest &request);
    HttpResponse getDeployment(const ApiRequest &request);
    HttpResponse deploymentMergeRequests(const ApiRequest &request);
    HttpResponse listReleases(const ApiRequest &request);
    HttpResponse getRelease(const ApiRequest &request);
    HttpResponse createRelease(const ApiRequest &request);
    HttpResponse updateRelease(const ApiRequest &request);
    HttpResponse listMilestones(const ApiRequest &request);
    HttpResponse listFreezePeriods(const ApiRequest &request);
    HttpResponse getFreezePeriod(const ApiRequest &request);
    HttpResponse compare(const ApiRequest &request);
    HttpResponse changelog(const ApiRequest &request);
    HttpResponse listMergeRequests(const ApiRequest &request);
    HttpResponse getMergeRequest(const ApiRequest &request);
    HttpResponse getCommit(const ApiRequest &request);
    HttpResponse commitMergeRequests(const ApiRequest &request);
    HttpResponse listTags(const ApiRequest &request);

    Scenario &m_scenario;
    Router m_router;
    int m_nextLinkId = 301; ///< release asset link ids
};

} // namespace Shipdeck::Sandbox
