#pragma once

#include "traffic.h"

#include <QDate>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace Shipdeck::Sandbox {

struct ScenarioConfig
{
    quint64 seed = 1;
    QDateTime start; ///< scenario time at start-up ("T0"); invalid: now, truncated to the minute
    double speed = 1.0; ///< scenario seconds per real second; 0 freezes the clock (advance it via the control API)
    QString gitLabWebBase; ///< "http://127.0.0.1:<port>/gitlab", for web URLs stored in the data (Sentry deploys)
};

struct User
{
    int id = 0;
    QString username;
    QString name;
    QDateTime createdAt;
    bool bot = false;
};

struct Commit
{
    QString sha;
    QString title;
    QString message;
    int authorId = 0;
    QDateTime time;
    QString changelog; ///< the Changelog trailer ("added", "fixed", …) or empty
    int mergeRequestIid = 0; ///< the MR that brought the commit in
    QStringList files;
};

struct MergeRequest
{
    int id = 0;
    int iid = 0;
    QString title;
    QString description;
    QString state; ///< opened, merged, closed
    int authorId = 0;
    int mergedById = 0;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime mergedAt;
    QDateTime closedAt;
    QString sourceBranch;
    QString targetBranch;
    QString sha; ///< head of the source branch
    QString mergeCommitSha;
    QStringList labels;
    int milestoneId = 0;
};

struct Milestone
{
    int id = 0;
    int iid = 0;
    QString title;
    QString description;
    QString state; ///< active, closed
    QDate startDate;
    QDate dueDate;
    QDateTime createdAt;
    QDateTime updatedAt;
};

struct GitLabRelease
{
    QString tagName;
    QString name;
    QString description;
    QString sha;
    int authorId = 0;
    QDateTime createdAt;
    QDateTime releasedAt;
    QDateTime updatedAt;
    QStringList milestones; ///< titles
    QJsonArray links; ///< asset links: {id, name, url, direct_asset_url, link_type}
};

struct Tag
{
    QString name;
    QString sha;
    QString message;
    QDateTime createdAt;
};

struct Job
{
    int id = 0;
    int pipelineId = 0;
    QString name;
    QString stage;
    int stageIndex = 0;
    QString status = QStringLiteral("created");
    bool manual = false;
    bool allowFailure = false;
    QString environment; ///< deploy jobs only
    int userId = 0;
    QDateTime createdAt;
    QDateTime readyFloor; ///< not ready before this (creation or reset)
    QDateTime queuedAt;
    QDateTime startedAt;
    QDateTime finishedAt;
    QDateTime updatedAt;
    int durationSecs = 60;
    int queueSecs = 10;
    bool willFail = false;
    QString failureReason;
    bool retried = false;
    int retryOf = 0;
    int deploymentId = 0;
    QDateTime autoPlayAt; ///< scripted play of a manual job (history)
    int autoPlayUserId = 0;
};

struct Pipeline
{
    int id = 0;
    int iid = 0;
    QString sha;
    QString beforeSha;
    QString ref;
    bool tag = false;
    QString source = QStringLiteral("push");
    int userId = 0;
    QDateTime createdAt;
    QList<int> jobIds;
};

struct Deployment
{
    int id = 0;
    int iid = 0;
    int environmentId = 0;
    QString sha;
    QString ref;
    bool tag = false;
    int jobId = 0; ///< 0: created through the API (no deployable)
    QString status = QStringLiteral("created");
    int userId = 0;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime finishedAt;
};

struct Environment
{
    int id = 0;
    QString name;
    QString slug;
    QString externalUrl;
    QString tier;
    QString state = QStringLiteral("available");
    QDateTime createdAt;
    QDateTime updatedAt;
};

struct FreezePeriod
{
    int id = 0;
    QString freezeStart;
    QString freezeEnd;
    QString cronTimezone;
    QDateTime createdAt;
    QDateTime updatedAt;
};

struct SentryProject
{
    int id = 0;
    QString slug;
    QString name;
    QString platform;
    QDateTime dateCreated;
    TrafficProfile production;
    TrafficProfile staging;
};

struct SentryRelease
{
    int id = 0;
    QString version; ///< "storefront@1.6.1"
    QString ref;
    QString url;
    QDateTime dateCreated;
    QDateTime dateReleased;
    QStringList projects; ///< slugs
    int commitCount = 0;
    QString status = QStringLiteral("open");
};

struct SentryDeploy
{
    QString id;
    QString version;
    QString environment;
    QString name;
    QString url;
    QDateTime dateStarted;
    QDateTime dateFinished;
    QStringList projects;
};

struct SentryIssue
{
    QString id;
    QString shortId;
    QString title;
    QString culprit;
    QString type; ///< metadata.type
    QString value; ///< metadata.value
    QString level = QStringLiteral("error");
    QString project; ///< slug
    QString firstRelease; ///< version
    QString lastRelease; ///< last version that has it; empty: still open
    double weight = 1; ///< share among the issues that split the same errors
    bool regression = false; ///< fed by the excess errors of a bad release only
    QString status = QStringLiteral("unresolved");
    bool handled = true;
};

/**
 * The scripted world behind both APIs: a product ("acme/storefront") over a few weeks, with past releases, their
 * merge requests, pipelines and deployments, a release plan (milestones, a weekend deploy freeze) and a rollout in
 * progress. Jobs advance on the scenario clock; the production deploy of the rollout waits as a manual job. Errors and
 * sessions derive from which release runs in which environment, minute by minute (TrafficModel).
 *
 * The clock runs at `speed` scenario seconds per real second and can be advanced; sync() applies every job transition
 * due up to now, at its exact time.
 */
class ScenarioSeeder;

class Scenario : public QObject
{
    Q_OBJECT
public:
    enum class Outcome { Ok, NotFound, NotRetryable, Unplayable };

    explicit Scenario(const ScenarioConfig &config, QObject *parent = nullptr);

    // Clock
    [[nodiscard]] QDateTime now() const;
    [[nodiscard]] QDateTime start() const { return m_start; }
    [[nodiscard]] double speed() const { return m_speed; }
    [[nodiscard]] quint64 seed() const { return m_seed; }
    void setSpeed(double speed);
    void advance(qint64 seconds);
    /// Applies all transitions due up to now().
    void sync();

    // Fixed identity
    static constexpr int ProjectId = 42;
    static constexpr int NamespaceId = 7;
    [[nodiscard]] static QString projectPath() { return QStringLiteral("acme/storefront"); }
    [[nodiscard]] static QString organization() { return QStringLiteral("acme"); }
    [[nodiscard]] static QString defaultBranch() { return QStringLiteral("main"); }
    [[nodiscard]] static QString sentryVersion(const QString &semver) { return QStringLiteral("storefront@") + semver; }
    [[nodiscard]] QString rolloutVersion() const { return m_rolloutVersion; }
    [[nodiscard]] QString previousVersion() const { return m_previousVersion; }
    [[nodiscard]] int tokenUserId() const { return m_tokenUserId; }
    [[nodiscard]] QDateTime projectCreatedAt() const { return m_projectCreatedAt; }
    [[nodiscard]] QString gitLabWebBase() const { return m_gitLabWebBase; }
    [[nodiscard]] QString projectWebUrl() const { return m_gitLabWebBase + u'/' + projectPath(); }

    // GitLab data
    [[nodiscard]] const QList<User> &users() const { return m_users; }
    [[nodiscard]] const User *user(int id) const;
    [[nodiscard]] const QList<Commit> &commits() const { return m_commits; } ///< main history, oldest first
    [[nodiscard]] int commitIndex(const QString &shaOrPrefix) const;
    /// A sha, tag or branch name → index in commits(); -1 if unknown.
    [[nodiscard]] int resolveRef(const QString &ref) const;
    [[nodiscard]] const QList<MergeRequest> &mergeRequests() const { return m_mergeRequests; }
    [[nodiscard]] const MergeRequest *mergeRequest(int iid) const;
    [[nodiscard]] const QList<Milestone> &milestones() const { return m_milestones; }
    [[nodiscard]] const Milestone *milestone(int id) const;
    [[nodiscard]] const Milestone *milestoneByTitle(const QString &title) const;
    [[nodiscard]] const QList<GitLabRelease> &releases() const { return m_releases; }
    [[nodiscard]] const GitLabRelease *release(const QString &tag) const;
    [[nodiscard]] const QList<Tag> &tags() const { return m_tags; }
    [[nodiscard]] const Tag *tag(const QString &name) const;
    [[nodiscard]] const QList<Pipeline> &pipelines() const { return m_pipelines; }
    [[nodiscard]] const Pipeline *pipeline(int id) const;
    [[nodiscard]] const QList<Job> &jobs() const { return m_jobs; }
    [[nodiscard]] const Job *job(int id) const;
    [[nodiscard]] const QList<Deployment> &deployments() const { return m_deployments; }
    [[nodiscard]] const Deployment *deployment(int id) const;
    [[nodiscard]] const QList<Environment> &environments() const { return m_environments; }
    [[nodiscard]] const Environment *environment(int id) const;
    [[nodiscard]] const Environment *environmentByName(const QString &name) const;
    [[nodiscard]] const QList<FreezePeriod> &freezePeriods() const { return m_freezePeriods; }

    // Derived GitLab state
    [[nodiscard]] QString pipelineStatus(const Pipeline &pipeline) const;
    [[nodiscard]] QDateTime pipelineUpdatedAt(const Pipeline &pipeline) const;
    [[nodiscard]] QDateTime pipelineStartedAt(const Pipeline &pipeline) const;
    [[nodiscard]] QDateTime pipelineFinishedAt(const Pipeline &pipeline) const;
    [[nodiscard]] std::optional<int> pipelineDuration(const Pipeline &pipeline) const;
    [[nodiscard]] const Deployment *lastSuccessfulDeployment(int environmentId) const;
    /// The merge requests first shipped to its environment by @p deployment (GitLab's deployment_merge_requests).
    [[nodiscard]] QList<int> deploymentMergeRequests(const Deployment &deployment) const;
    /// The deployment that first shipped MR @p iid to @p environmentId, if any.
    [[nodiscard]] const Deployment *firstDeploymentOf(int iid, int environmentId) const;
    /// The job log so far.
    [[nodiscard]] QString jobTrace(const Job &job) const;
    /// GitLab Runner's decorations around the lines of a log (colours, section markers).
    [[nodiscard]] static QString decorateTrace(const QStringList &lines, qint64 started);
    /// The semantic version released at commit @p sha ("1.6.1"), empty if none.
    [[nodiscard]] QString versionAtSha(const QString &sha) const;
    /// A commit of main or of an unmerged branch.
    [[nodiscard]] const Commit *commitBySha(const QString &sha) const;
    /// GitLab's default changelog Markdown for the commits in (fromIndex, toIndex] that carry @p trailer.
    [[nodiscard]] QString changelogMarkdown(const QString &version, int fromIndex, int toIndex, const QDate &date,
                                            const QString &trailer = QStringLiteral("Changelog")) const;
    /// The last tag (vX.Y.Z, no pre-release) on main before @p version; empty if none.
    [[nodiscard]] QString previousStableTag(const QString &version) const;
    /// -1, 0, 1 comparing two semantic versions ("1.6.1" vs "1.7.0"; a "pkg@" prefix is ignored).
    [[nodiscard]] static int compareVersions(const QString &a, const QString &b);

    // GitLab actions (as the token's user, at now())
    Outcome playJob(int jobId, int *resultJobId);
    Outcome retryJob(int jobId, int *newJobId);
    Outcome cancelJob(int jobId);
    Outcome retryPipeline(int pipelineId);
    Outcome cancelPipeline(int pipelineId);
    void createRelease(const GitLabRelease &release, const QString &tagMessage);
    void updateRelease(const GitLabRelease &release);
    /// A push at now(): a new commit titled @p title on @p ref (kept with the branch commits) and a pipeline on it
    /// (build -> test, plus deploy-staging -> manual deploy-production when @p deploy), as the token's user. Its test
    /// job fails when @p failTest. Returns the pipeline id.
    int push(const QString &ref, const QString &title, bool failTest, bool deploy);

    // Sentry data
    [[nodiscard]] const QList<SentryProject> &sentryProjects() const { return m_sentryProjects; }
    [[nodiscard]] const SentryProject *sentryProject(const QString &idOrSlug) const;
    [[nodiscard]] const QList<SentryRelease> &sentryReleases() const { return m_sentryReleases; }
    [[nodiscard]] const SentryRelease *sentryRelease(const QString &version) const;
    [[nodiscard]] const QList<SentryDeploy> &sentryDeploys() const { return m_sentryDeploys; }
    [[nodiscard]] const QList<SentryIssue> &sentryIssues() const { return m_sentryIssues; }
    [[nodiscard]] QDateTime sentryOrgCreated() const { return m_projectCreatedAt; }
    /// Creates the release or, if it exists, returns false (208) and leaves it alone.
    bool createSentryRelease(const SentryRelease &release, SentryRelease *result);
    void updateSentryRelease(const SentryRelease &release);
    SentryDeploy addSentryDeploy(SentryDeploy deploy);

    // Traffic (Sentry environments: "production", "staging")
    [[nodiscard]] static QStringList sentryEnvironments()
    {
        return {QStringLiteral("production"), QStringLiteral("staging") };
    }
    /// The Sentry release running in @p environment during @p epochMinute; empty before the first deployment.
    [[nodiscard]] QString releaseAt(const QString &environment, qint64 epochMinute) const;
    /// Whether @p version is the one that misbehaves in @p environment.
    [[nodiscard]] bool isBadRelease(const QString &version, const QString &environment) const;
    /// Stats of a project in an environment during a minute; zero for minutes not over yet or before any deployment.
    [[nodiscard]] MinuteStats minuteStats(const SentryProject &project, const QString &environment, qint64 epochMinute,
                                          QString *release = nullptr) const;
    /// The first and last minute (epoch minutes) @p version ran anywhere; nullopt if it never ran.
    [[nodiscard]] std::optional<std::pair<qint64, qint64>> releaseActivity(const QString &version) const;
    [[nodiscard]] qint64 historyStartMinute() const { return m_historyStartMinute; }

Q_SIGNALS:
    /// A human-readable line about something that happened on the clock (after start-up).
    void event(const QString &line);

private:
    friend class ScenarioSeeder;

    enum class Transition { None, BecomeManual, Enqueue, Skip, AutoPlay, Start, Finish };
    struct Gate
    {
        enum class State { Waiting, Ready, Skip } state = State::Waiting;
        QDateTime at;
    };

    void processUntil(const QDateTime &until);
    [[nodiscard]] Gate gate(const Job &job) const;
    [[nodiscard]] Transition nextTransition(const Job &job, QDateTime *at) const;
    void apply(Job &job, Transition transition, const QDateTime &at);
    void setDeploymentStatus(Job &job, const QString &status, const QDateTime &at);
    void onJobFinished(Job &job, const QDateTime &at);
    int cloneJob(int jobId, int userId, const QDateTime &at, bool enqueue);
    void resetSkippedAfter(const Pipeline &pipeline, int stageIndex, const QDateTime &at);
    Job *mutableJob(int id);
    Pipeline *mutablePipeline(int id);
    Deployment *mutableDeployment(int id);
    int addJob(Pipeline &pipeline, Job job);
    void rebuildTimeline();
    void log(const QDateTime &at, const QString &text);

    quint64 m_seed;
    QString m_gitLabWebBase;
    QDateTime m_start;
    QDateTime m_clockBase;
    QElapsedTimer m_realClock;
    double m_speed;
    QDateTime m_processedUntil;
    bool m_live = false;
    TrafficModel m_traffic;

    QString m_rolloutVersion;
    QString m_previousVersion;
    int m_tokenUserId = 0;
    QDateTime m_projectCreatedAt;

    QList<User> m_users;
    QList<Commit> m_commits;
    QList<Commit> m_branchCommits; ///< commits of unmerged branches
    QHash<QString, int> m_commitBySha;
    QList<MergeRequest> m_mergeRequests;
    QList<Milestone> m_milestones;
    QList<GitLabRelease> m_releases;
    QList<Tag> m_tags;
    QList<Pipeline> m_pipelines;
    QList<Job> m_jobs;
    QList<Deployment> m_deployments;
    QList<Environment> m_environments;
    QList<FreezePeriod> m_freezePeriods;
    QHash<QString, QString> m_versionBySha;

    QList<SentryProject> m_sentryProjects;
    QList<SentryRelease> m_sentryReleases;
    QList<SentryDeploy> m_sentryDeploys;
    QList<SentryIssue> m_sentryIssues;

    // Which release runs where since when: per environment, (epoch minute from which it runs, version), ascending.
    QHash<QString, QList<std::pair<qint64, QString>>> m_timeline;
    qint64 m_historyStartMinute = 0;

    // Minute stats are pure functions of the timeline: cached per (project, environment) from the history start,
    // dropped whenever the timeline changes.
    struct CachedMinute
    {
        MinuteStats stats;
        int release = -1; ///< index in m_cachedReleases; -1: nothing deployed
    };
    mutable QHash<quint64, QList<CachedMinute>> m_minuteCache;
    mutable QStringList m_cachedReleases;

    int m_nextPipelineId = 1201;
    int m_nextPipelineIid = 301;
    int m_nextJobId = 8801;
    int m_nextDeploymentId = 501;
    int m_nextDeploymentIid = 101;
    int m_nextSentryReleaseId = 9001;
    int m_nextSentryDeployId = 7001;
};

} // namespace Shipdeck::Sandbox
