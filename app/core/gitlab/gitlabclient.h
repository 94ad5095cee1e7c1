#pragma once

#include "net/apijob.h"

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QUrl>
#include <QUrlQuery>

#include <chrono>

class QNetworkAccessManager;

namespace Shipdeck {

/// Filters for GET /projects/:id/pipelines. Empty strings and invalid dates are left out of the query.
struct PipelineQuery
{
    QString ref;
    QString status; ///< a GitLab status key, e.g. "running"
    QString source; ///< push, web, schedule, …
    QDateTime updatedAfter;
    QString orderBy = QStringLiteral("updated_at"); ///< id, status, ref, updated_at or user_id
    int perPage = 100;
    int maxPages = 1; ///< page cap for pipelines(); pipelinesPage() always fetches one page
    QByteArray ifNoneMatch; ///< an ETag from a previous answer; sent as If-None-Match
};

/// Filters for GET /projects/:id/deployments, following GitLab's pairing rules: an updated_after filter always goes
/// with order_by=updated_at, a finished_after filter with order_by=finished_at and status=success. The sort is
/// always sent explicitly as desc (the API's default is asc).
struct DeploymentQuery
{
    QString environment; ///< the environment's name
    QString orderBy = QStringLiteral("id"); ///< id, updated_at or finished_at (corrected by the pairing rules)
    QString status; ///< created, running, success, failed, canceled, skipped, blocked
    QDateTime updatedAfter;
    QDateTime finishedAfter;
    int perPage = 20;
    int maxPages = 1;

    /// The query string actually sent, with the pairing rules applied.
    [[nodiscard]] QUrlQuery toUrlQuery() const;
};

/**
 * The GitLab REST v4 API of one project. Every method returns a new, not yet started job parented to the client:
 * connect to its finished() signal, call start(), and deleteLater() it when it has finished. GET jobs are retried
 * per retryPolicy(); POST actions are sent once and accept 200 or 201.
 *
 * The QNetworkAccessManager is injected (the application's one); the token is sent as PRIVATE-TOKEN.
 */
class GitLabClient : public QObject
{
    Q_OBJECT
public:
    /// @p baseUrl is the instance without "/api/v4" and may carry a path prefix ("https://host/gitlab").
    /// @p project is a path ("group/sub/project", sent as "group%2Fsub%2Fproject") or a numeric id.
    GitLabClient(QNetworkAccessManager *nam, const QUrl &baseUrl, const QString &project, const QString &token,
                 QObject *parent = nullptr);
    ~GitLabClient() override;

    [[nodiscard]] QNetworkAccessManager *networkAccessManager() const { return m_nam; }
    [[nodiscard]] QUrl baseUrl() const { return m_baseUrl; }
    [[nodiscard]] QString project() const { return m_project; }

    void setRetryPolicy(const RetryPolicy &policy) { m_retryPolicy = policy; }
    [[nodiscard]] const RetryPolicy &retryPolicy() const { return m_retryPolicy; }
    /// The transfer timeout of every request (30 s by default).
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    [[nodiscard]] std::chrono::milliseconds timeout() const { return m_timeout; }

    /// The URL of @p path below /api/v4/projects/:id (path starts with '/' or is empty).
    [[nodiscard]] QUrl projectUrl(const QString &path, const QUrlQuery &query = {}) const;
    /// A request with the token header, the timeout and @p method.
    [[nodiscard]] ApiRequest makeRequest(const QByteArray &method, const QUrl &url) const;

    /// GET /projects/:id
    [[nodiscard]] ApiJob *projectInfo();
    /// GET /projects/:id/pipelines, following pages up to query.maxPages.
    [[nodiscard]] PagedApiJob *pipelines(const PipelineQuery &query);
    /// One page of pipelines, with ETag support (rawHeader("ETag"), httpStatus() 304 = unchanged).
    [[nodiscard]] ApiJob *pipelinesPage(const PipelineQuery &query);
    /// GET /projects/:id/pipelines/:pipeline_id
    [[nodiscard]] ApiJob *pipeline(qint64 pipelineId);
    /// GET /projects/:id/repository/commits/:sha (title, message, author; commits never change).
    [[nodiscard]] ApiJob *commit(const QString &sha);
    /// GET /projects/:id/pipelines/:pipeline_id/jobs (all pages up to 10).
    [[nodiscard]] PagedApiJob *pipelineJobs(qint64 pipelineId, bool includeRetried = false);
    /// GET /projects/:id/pipelines/:pipeline_id/bridges
    [[nodiscard]] PagedApiJob *pipelineBridges(qint64 pipelineId);
    /// GET /projects/:id/environments (no last_deployment in the items).
    [[nodiscard]] PagedApiJob *environments();
    /// GET /projects/:id/environments/:environment_id (with last_deployment).
    [[nodiscard]] ApiJob *environment(qint64 environmentId);
    /// GET /projects/:id/deployments, newest first.
    [[nodiscard]] PagedApiJob *deployments(const DeploymentQuery &query);
    [[nodiscard]] ApiJob *retryPipeline(qint64 pipelineId);
    [[nodiscard]] ApiJob *cancelPipeline(qint64 pipelineId);
    /// POST /jobs/:id/play (200; 400 "Unplayable Job" when the job is not manual).
    [[nodiscard]] ApiJob *playJob(qint64 jobId);
    /// POST /jobs/:id/retry: answers a new job (new id); 403 "Job is not retryable". Also the rollback of a
    /// deployment (retry its deployable job).
    [[nodiscard]] ApiJob *retryJob(qint64 jobId);
    [[nodiscard]] ApiJob *cancelJob(qint64 jobId);
    /// GET /jobs/:id/trace as text (body()).
    [[nodiscard]] ApiJob *jobTrace(qint64 jobId);

private:
    ApiJob *get(const QString &path, const QUrlQuery &query = {});
    PagedApiJob *getPaged(const QString &path, const QUrlQuery &query, int maxPages);
    ApiJob *post(const QString &path);

    QNetworkAccessManager *m_nam;
    QUrl m_baseUrl;
    QString m_project;
    QByteArray m_token;
    RetryPolicy m_retryPolicy;
    std::chrono::milliseconds m_timeout {30000};
};

} // namespace Shipdeck
