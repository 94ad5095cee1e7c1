#include "gitlabapi.h"

#include "apiutil.h"
#include "scenario.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Shipdeck::Sandbox {

namespace {

const QStringList JobStatuses {u"created"_s,   u"waiting_for_resource"_s,
                               u"preparing"_s, u"waiting_for_callback"_s,
                               u"pending"_s,   u"running"_s,
                               u"success"_s,   u"failed"_s,
                               u"canceling"_s, u"canceled"_s,
                               u"skipped"_s,   u"manual"_s,
                               u"scheduled"_s};

/// Collects Grape-style parameter errors ("x is invalid", "y does not have a valid value").
class Params
{
public:
    explicit Params(const ApiRequest &request) : m_request(request) { }

    QString oneOf(const QString &name, const QStringList &allowed, const QString &fallback = QString())
    {
        if (!m_request.query.hasQueryItem(name))
            return fallback;
        const QString value = m_request.value(name);
        if (!allowed.contains(value)) {
            m_errors.append(name + " does not have a valid value"_L1);
            return fallback;
        }
        return value;
    }

    QDateTime date(const QString &name)
    {
        if (!m_request.query.hasQueryItem(name))
            return {};
        const QDateTime time = parseIso(m_request.value(name));
        if (!time.isValid())
            m_errors.append(name + " is invalid"_L1);
        return time;
    }

    int integer(const QString &name)
    {
        bool ok = false;
        const int value = m_request.param(name).toInt(&ok);
        if (!ok)
            m_errors.append(name + " is invalid"_L1);
        return value;
    }

    bool flag(const QString &name) const
    {
        const QString value = m_request.value(name).toLower();
        return value == "true"_L1 || value == "1"_L1 || value == "yes"_L1;
    }

    void require(const QString &name, const QJsonValue &value)
    {
        if (value.isUndefined() || value.isNull() || (value.isString() && value.toString().isEmpty()))
            m_errors.append(name + " is missing"_L1);
    }

    void fail(const QString &error) { m_errors.append(error); }
    [[nodiscard]] bool ok() const { return m_errors.isEmpty(); }
    [[nodiscard]] HttpResponse error() const { return GitLabApi::validationError(m_errors.join(", "_L1)); }

private:
    const ApiRequest &m_request;
    QStringList m_errors;
};

HttpResponse page(const ApiRequest &request, const QJsonArray &all, bool withTotals = true)
{
    HttpResponse response = HttpResponse::json(200, QByteArray());
    response.body = compactJson(gitLabPage(request.http, all, response, withTotals));
    return response;
}

HttpResponse badRequest(const QString &reason)
{
    return GitLabApi::message(400, "400 Bad request - "_L1 + reason);
}

HttpResponse notFound(const QString &what = QString())
{
    return GitLabApi::message(404, what.isEmpty() ? u"404 Not found"_s : "404 "_L1 + what + " Not Found"_L1);
}

template<typename T, typename Key> void sortBy(QList<const T *> &items, Key key, bool descending)
{
    std::stable_sort(items.begin(), items.end(), [&](const T *a, const T *b) {
        const auto ka = key(a), kb = key(b);
        return descending ? kb < ka : ka < kb;
    });
}

int secondsBetween(const QDateTime &from, const QDateTime &to)
{
    return int(from.secsTo(to));
}

QString markdownToHtml(const QString &markdown)
{
    QStringList html;
    const QStringList lines = markdown.split(u'\n');
    bool inList = false;
    for (const QString &line : lines) {
        QString text = line.toHtmlEscaped();
        static const QRegularExpression link(u"\\[([^\\]]+)\\]\\(([^)]+)\\)"_s);
        text.replace(link, u"<a href=\"\\2\">\\1</a>"_s);
        if (line.startsWith(u"- "_s)) {
            if (!inList)
                html.append(u"<ul dir=\"auto\">"_s);
            inList = true;
            html.append(u"<li>"_s + text.mid(2) + u"</li>"_s);
            continue;
        }
        if (inList) {
            html.append(u"</ul>"_s);
            inList = false;
        }
        if (line.startsWith(u"### "_s))
            html.append(u"<h3 dir=\"auto\">"_s + text.mid(4) + u"</h3>"_s);
        else if (line.startsWith(u"## "_s))
            html.append(u"<h2 dir=\"auto\">"_s + text.mid(3) + u"</h2>"_s);
        else if (!line.trimmed().isEmpty())
            html.append(u"<p dir=\"auto\">"_s + text + u"</p>"_s);
    }
    if (inList)
        html.append(u"</ul>"_s);
    return html.join(u'\n');
}

} // namespace

GitLabApi::GitLabApi(Scenario &scenario) : m_scenario(scenario)
{
    registerRoutes();
}

HttpResponse GitLabApi::message(int status, const QString &message)
{
    return jsonResponse(status, QJsonObject {{u"message"_s, message}});
}

HttpResponse GitLabApi::validationError(const QString &error)
{
    return jsonResponse(400, QJsonObject {{u"error"_s, error}});
}

void GitLabApi::registerRoutes()
{
    auto add
        = [this](const char *method, const QString &pattern, HttpResponse (GitLabApi::*handler)(const ApiRequest &)) {
              m_router.add(QByteArray(method), pattern, [this, handler](const ApiRequest &request) {
                  if (!projectMatches(request))
                      return notFound(u"Project"_s);
                  return (this->*handler)(request);
              });
          };
    const QString p = u"/projects/:id"_s;
    add("GET", p, &GitLabApi::getProject);
    add("GET", p + u"/pipelines"_s, &GitLabApi::listPipelines);
    add("GET", p + u"/pipelines/latest"_s, &GitLabApi::latestPipeline);
    add("GET", p + u"/pipelines/:pipeline_id"_s, &GitLabApi::getPipeline);
    add("GET", p + u"/pipelines/:pipeline_id/jobs"_s, &GitLabApi::pipelineJobs);
    add("POST", p + u"/pipelines/:pipeline_id/retry"_s, &GitLabApi::retryPipeline);
    add("POST", p + u"/pipelines/:pipeline_id/cancel"_s, &GitLabApi::cancelPipeline);
    add("GET", p + u"/jobs"_s, &GitLabApi::listJobs);
    add("GET", p + u"/jobs/:job_id"_s, &GitLabApi::getJob);
    add("POST", p + u"/jobs/:job_id/play"_s, &GitLabApi::playJob);
    add("POST", p + u"/jobs/:job_id/retry"_s, &GitLabApi::retryJob);
    add("POST", p + u"/jobs/:job_id/cancel"_s, &GitLabApi::cancelJob);
    add("GET", p + u"/jobs/:job_id/trace"_s, &GitLabApi::jobTrace);
    add("GET", p + u"/environments"_s, &GitLabApi::listEnvironments);
    add("GET", p + u"/environments/:environment_id"_s, &GitLabApi::getEnvironment);
    add("GET", p + u"/deployments"_s, &GitLabApi::listDeployments);
    add("GET", p + u"/deployments/:deployment_id"_s, &GitLabApi::getDeployment);
    add("GET", p + u"/deployments/:deployment_id/merge_requests"_s, &GitLabApi::deploymentMergeRequests);
    add("GET", p + u"/releases"_s, &GitLabApi::listReleases);
    add("POST", p + u"/releases"_s, &GitLabApi::createRelease);
    add("GET", p + u"/releases/:tag_name"_s, &GitLabApi::getRelease);
    add("PUT", p + u"/releases/:tag_name"_s, &GitLabApi::updateRelease);
    add("GET", p + u"/milestones"_s, &GitLabApi::listMilestones);
    add("GET", p + u"/freeze_periods"_s, &GitLabApi::listFreezePeriods);
    add("GET", p + u"/freeze_periods/:freeze_period_id"_s, &GitLabApi::getFreezePeriod);
    add("GET", p + u"/repository/compare"_s, &GitLabApi::compare);
    add("GET", p + u"/repository/changelog"_s, &GitLabApi::changelog);
    add("GET", p + u"/repository/commits/:sha"_s, &GitLabApi::getCommit);
    add("GET", p + u"/repository/commits/:sha/merge_requests"_s, &GitLabApi::commitMergeRequests);
    add("GET", p + u"/repository/tags"_s, &GitLabApi::listTags);
    add("GET", p + u"/merge_requests"_s, &GitLabApi::listMergeRequests);
    add("GET", p + u"/merge_requests/:merge_request_iid"_s, &GitLabApi::getMergeRequest);
}

HttpResponse GitLabApi::handle(const HttpRequest &request, const QByteArray &subPath)
{
    RouteHandler handler;
    QHash<QString, QString> params;
    switch (m_router.route(request.method, subPath, &handler, &params)) {
    case Router::Result::NotFound:
        return jsonResponse(404, QJsonObject {{u"error"_s, u"404 Not Found"_s}});
    case Router::Result::MethodNotAllowed:
        return jsonResponse(405, QJsonObject {{u"error"_s, u"405 Not Allowed"_s}});
    case Router::Result::Found:
        break;
    }
    const ApiRequest api {request, params, request.query(), requestOrigin(request), parseBody(request)};
    return handler(api);
}

bool GitLabApi::projectMatches(const ApiRequest &request) const
{
    const QString id = request.param(u"id"_s);
    return id == QString::number(Scenario::ProjectId) || id.compare(Scenario::projectPath(), Qt::CaseInsensitive) == 0;
}

// --- serialisers --------------------------------------------------------------------------------------------------

QJsonValue GitLabApi::userJson(int id, bool full) const
{
    const User *user = m_scenario.user(id);
    if (!user)
        return QJsonValue(QJsonValue::Null);
    QJsonObject object {
        {u"id"_s, user->id},
        {u"username"_s, user->username},
        {u"public_email"_s, QString()},
        {u"name"_s, user->name},
        {u"state"_s, u"active"_s},
        {u"locked"_s, false},
        {u"avatar_url"_s,
         u"https://secure.gravatar.com/avatar/%1?s=80&d=identicon"_s.arg(fakeSha(quint64(id), 7).left(32))},
        {u"web_url"_s, QString(m_scenario.gitLabWebBase() + u'/' + user->username)},
    };
    if (full) {
        object.insert(u"created_at"_s, isoMs(user->createdAt));
        object.insert(u"bio"_s, QString());
        object.insert(u"location"_s, QString());
        object.insert(u"linkedin"_s, QString());
        object.insert(u"twitter"_s, QString());
        object.insert(u"discord"_s, QString());
        object.insert(u"website_url"_s, QString());
        object.insert(u"github"_s, QString());
        object.insert(u"job_title"_s, QString());
        object.insert(u"pronouns"_s, QJsonValue::Null);
        object.insert(u"organization"_s, u"Acme"_s);
        object.insert(u"bot"_s, user->bot);
        object.insert(u"work_information"_s, u"Acme"_s);
        object.insert(u"followers"_s, 0);
        object.insert(u"following"_s, 0);
        object.insert(u"local_time"_s, QJsonValue::Null);
    }
    return object;
}

QJsonObject GitLabApi::commitJson(const Commit &commit) const
{
    const User *author = m_scenario.user(commit.authorId);
    const QString name = author ? author->name : u"Unknown"_s;
    const QString email = author ? author->username + u"@acme.example.com"_s : u"unknown@acme.example.com"_s;
    const int index = m_scenario.commitIndex(commit.sha);
    QJsonArray parents;
    if (index > 0)
        parents.append(m_scenario.commits().at(index - 1).sha);
    QJsonObject trailers;
    if (!commit.changelog.isEmpty())
        trailers.insert(u"Changelog"_s, commit.changelog);
    QJsonObject extended;
    if (!commit.changelog.isEmpty())
        extended.insert(u"Changelog"_s, QJsonArray {commit.changelog});
    return QJsonObject {
        {u"id"_s, commit.sha},
        {u"short_id"_s, commit.sha.left(8)},
        {u"created_at"_s, isoMs(commit.time)},
        {u"parent_ids"_s, parents},
        {u"title"_s, commit.title},
        {u"message"_s, commit.message},
        {u"author_name"_s, name},
        {u"author_email"_s, email},
        {u"authored_date"_s, isoMs(commit.time)},
        {u"committer_name"_s, name},
        {u"committer_email"_s, email},
        {u"committed_date"_s, isoMs(commit.time)},
        {u"trailers"_s, trailers},
        {u"extended_trailers"_s, extended},
        {u"web_url"_s, QString(m_scenario.projectWebUrl() + u"/-/commit/"_s + commit.sha)},
    };
}

QJsonObject GitLabApi::basicProjectJson() const
{
    const QString web = m_scenario.projectWebUrl();
    return QJsonObject {
        {u"id"_s, Scenario::ProjectId},
        {u"description"_s, u"Acme's online store: React front end and Django API."_s},
        {u"name"_s, u"Storefront"_s},
        {u"name_with_namespace"_s, u"Acme / Storefront"_s},
        {u"path"_s, u"storefront"_s},
        {u"path_with_namespace"_s, Scenario::projectPath()},
        {u"created_at"_s, isoMs(m_scenario.projectCreatedAt())},
        {u"default_branch"_s, Scenario::defaultBranch()},
        {u"tag_list"_s, QJsonArray {u"ecommerce"_s}},
        {u"topics"_s, QJsonArray {u"ecommerce"_s}},
        {u"ssh_url_to_repo"_s, u"git@gitlab.example.com:acme/storefront.git"_s},
        {u"http_url_to_repo"_s, QString(web + u".git"_s)},
        {u"web_url"_s, web},
        {u"readme_url"_s, QString(web + u"/-/blob/main/README.md"_s)},
        {u"forks_count"_s, 0},
        {u"avatar_url"_s, QJsonValue::Null},
        {u"star_count"_s, 3},
        {u"last_activity_at"_s, isoMs(m_scenario.now())},
        {u"visibility"_s, u"private"_s},
        {u"namespace"_s,
         QJsonObject {
             {u"id"_s, Scenario::NamespaceId},
             {u"name"_s, u"Acme"_s},
             {u"path"_s, u"acme"_s},
             {u"kind"_s, u"group"_s},
             {u"full_path"_s, u"acme"_s},
             {u"parent_id"_s, QJsonValue::Null},
             {u"avatar_url"_s, QJsonValue::Null},
             {u"web_url"_s, QString(m_scenario.gitLabWebBase() + u"/groups/acme"_s)},
         }},
    };
}

QJsonObject GitLabApi::projectJson() const
{
    QJsonObject object = basicProjectJson();
    object.insert(u"empty_repo"_s, false);
    object.insert(u"archived"_s, false);
    object.insert(u"open_issues_count"_s, 14);
    object.insert(u"jobs_enabled"_s, true);
    object.insert(u"merge_requests_enabled"_s, true);
    object.insert(u"ci_config_path"_s, QString());
    object.insert(u"builds_access_level"_s, u"enabled"_s);
    object.insert(u"releases_access_level"_s, u"enabled"_s);
    object.insert(u"environments_access_level"_s, u"enabled"_s);
    object.insert(
        u"_links"_s,
        QJsonObject {
            {u"self"_s, QString(m_scenario.gitLabWebBase() + u"/api/v4/projects/42"_s)},
            {u"merge_requests"_s, QString(m_scenario.gitLabWebBase() + u"/api/v4/projects/42/merge_requests"_s)},
            {u"repo_branches"_s, QString(m_scenario.gitLabWebBase() + u"/api/v4/projects/42/repository/branches"_s)},
        });
    object.insert(u"permissions"_s,
                  QJsonObject {
                      {u"project_access"_s, QJsonObject {{u"access_level"_s, 40}, {u"notification_level"_s, 3}}},
                      {u"group_access"_s, QJsonValue::Null},
                  });
    return object;
}

QJsonObject GitLabApi::pipelineBasicJson(const Pipeline &pipeline) const
{
    return QJsonObject {
        {u"id"_s, pipeline.id},
        {u"iid"_s, pipeline.iid},
        {u"project_id"_s, Scenario::ProjectId},
        {u"sha"_s, pipeline.sha},
        {u"ref"_s, pipeline.ref},
        {u"status"_s, m_scenario.pipelineStatus(pipeline)},
        {u"source"_s, pipeline.source},
        {u"created_at"_s, isoMs(pipeline.createdAt)},
        {u"updated_at"_s, isoMs(m_scenario.pipelineUpdatedAt(pipeline))},
        {u"web_url"_s, QString(m_scenario.projectWebUrl() + u"/-/pipelines/"_s + QString::number(pipeline.id))},
    };
}

QJsonObject GitLabApi::pipelineJson(const Pipeline &pipeline) const
{
    QJsonObject object = pipelineBasicJson(pipeline);
    const QString status = m_scenario.pipelineStatus(pipeline);
    const QDateTime started = m_scenario.pipelineStartedAt(pipeline);
    const std::optional<int> duration = m_scenario.pipelineDuration(pipeline);
    const Commit *commit = m_scenario.commitBySha(pipeline.sha);
    object.insert(u"before_sha"_s, pipeline.beforeSha);
    object.insert(u"tag"_s, pipeline.tag);
    object.insert(u"yaml_errors"_s, QJsonValue::Null);
    object.insert(u"user"_s, userJson(pipeline.userId));
    object.insert(u"started_at"_s, isoMsOrNull(started));
    object.insert(u"finished_at"_s, isoMsOrNull(m_scenario.pipelineFinishedAt(pipeline)));
    object.insert(u"committed_at"_s, commit ? QJsonValue(isoMs(commit->time)) : QJsonValue(QJsonValue::Null));
    object.insert(u"duration"_s, duration ? QJsonValue(*duration) : QJsonValue(QJsonValue::Null));
    object.insert(u"queued_duration"_s,
                  started.isValid() ? QJsonValue(secondsBetween(pipeline.createdAt, started))
                                    : QJsonValue(QJsonValue::Null));
    object.insert(u"coverage"_s, QJsonValue::Null);
    object.insert(u"name"_s, QJsonValue::Null);
    struct Look
    {
        const char *icon, *text;
    };
    static const QHash<QString, Look> looks {
        {u"success"_s, {"status_success", "passed"}},     {u"failed"_s, {"status_failed", "failed"}},
        {u"running"_s, {"status_running", "running"}},    {u"pending"_s, {"status_pending", "pending"}},
        {u"canceled"_s, {"status_canceled", "canceled"}}, {u"skipped"_s, {"status_skipped", "skipped"}},
        {u"manual"_s, {"status_manual", "blocked"}},      {u"created"_s, {"status_created", "created"}},
    };
    const Look look = looks.value(status, Look {"status_notfound", "unknown"});
    const QString text = QString::fromLatin1(look.text);
    object.insert(u"detailed_status"_s,
                  QJsonObject {
                      {u"icon"_s, QString::fromLatin1(look.icon)},
                      {u"text"_s, text},
                      {u"label"_s, status == "manual"_L1 ? u"waiting for manual action"_s : text},
                      {u"group"_s, status},
                      {u"tooltip"_s, text},
                      {u"has_details"_s, true},
                      {u"details_path"_s, QString(u"/acme/storefront/-/pipelines/"_s + QString::number(pipeline.id))},
                      {u"illustration"_s, QJsonValue::Null},
                      {u"favicon"_s, u"/assets/ci_favicons/favicon_%1.png"_s.arg(QString::fromLatin1(look.icon))},
                  });
    return object;
}

QJsonObject GitLabApi::jobJson(const Job &job) const
{
    const Pipeline *pipeline = m_scenario.pipeline(job.pipelineId);
    const Commit *commit = pipeline ? m_scenario.commitBySha(pipeline->sha) : nullptr;
    const QDateTime now = m_scenario.now();
    QJsonValue duration = QJsonValue::Null;
    if (job.startedAt.isValid())
        duration = double(job.startedAt.msecsTo(job.finishedAt.isValid() ? job.finishedAt : now)) / 1000.0;
    QJsonValue queued = QJsonValue::Null;
    if (job.queuedAt.isValid())
        queued = double(job.queuedAt.msecsTo(job.startedAt.isValid() ? job.startedAt : now)) / 1000.0;
    const bool ran = job.startedAt.isValid();
    QJsonArray artifacts;
    if (job.finishedAt.isValid() && ran) {
        if (job.name == "build"_L1 && job.status == "success"_L1) {
            artifacts.append(QJsonObject {{u"file_type"_s, u"archive"_s},
                                          {u"size"_s, 18234567},
                                          {u"filename"_s, u"artifacts.zip"_s},
                                          {u"file_format"_s, u"zip"_s}});
            artifacts.append(QJsonObject {{u"file_type"_s, u"metadata"_s},
                                          {u"size"_s, 4821},
                                          {u"filename"_s, u"metadata.gz"_s},
                                          {u"file_format"_s, u"gzip"_s}});
        }
        artifacts.append(QJsonObject {{u"file_type"_s, u"trace"_s},
                                      {u"size"_s, int(m_scenario.jobTrace(job).size())},
                                      {u"filename"_s, u"job.log"_s},
                                      {u"file_format"_s, u"raw"_s}});
    }
    QJsonObject object {
        {u"id"_s, job.id},
        {u"status"_s, job.status},
        {u"stage"_s, job.stage},
        {u"name"_s, job.name},
        {u"ref"_s, pipeline ? pipeline->ref : QString()},
        {u"tag"_s, pipeline ? pipeline->tag : false},
        {u"coverage"_s, QJsonValue::Null},
        {u"allow_failure"_s, job.allowFailure},
        {u"created_at"_s, isoMs(job.createdAt)},
        {u"started_at"_s, isoMsOrNull(job.startedAt)},
        {u"finished_at"_s, isoMsOrNull(job.finishedAt)},
        {u"erased_at"_s, QJsonValue::Null},
        {u"duration"_s, duration},
        {u"queued_duration"_s, queued},
        {u"user"_s, userJson(job.userId, true)},
        {u"commit"_s, commit ? QJsonValue(commitJson(*commit)) : QJsonValue(QJsonValue::Null)},
        {u"pipeline"_s, pipeline ? QJsonValue(pipelineBasicJson(*pipeline)) : QJsonValue(QJsonValue::Null)},
        {u"web_url"_s, QString(m_scenario.projectWebUrl() + u"/-/jobs/"_s + QString::number(job.id))},
        {u"project"_s, QJsonObject {{u"ci_job_token_scope_enabled"_s, false}}},
        {u"artifacts"_s, artifacts},
        {u"runner"_s,
         ran ? QJsonValue(QJsonObject {
                   {u"id"_s, 7},
                   {u"description"_s, u"sandbox-runner-1"_s},
                   {u"ip_address"_s, QJsonValue::Null},
                   {u"active"_s, true},
                   {u"paused"_s, false},
                   {u"is_shared"_s, true},
                   {u"runner_type"_s, u"instance_type"_s},
                   {u"name"_s, u"gitlab-runner"_s},
                   {u"online"_s, true},
                   {u"status"_s, u"online"_s},
               })
             : QJsonValue(QJsonValue::Null)},
        {u"runner_manager"_s,
         ran ? QJsonValue(QJsonObject {
                   {u"id"_s, 12},
                   {u"system_id"_s, u"s_4f2b8a1c9d7e"_s},
                   {u"version"_s, u"17.11.1"_s},
                   {u"revision"_s, u"b1a5d0e8"_s},
                   {u"platform"_s, u"linux"_s},
                   {u"architecture"_s, u"amd64"_s},
                   {u"created_at"_s, isoMs(m_scenario.projectCreatedAt())},
                   {u"contacted_at"_s, isoMs(now)},
                   {u"ip_address"_s, u"10.0.4.17"_s},
                   {u"status"_s, u"online"_s},
               })
             : QJsonValue(QJsonValue::Null)},
        {u"artifacts_expire_at"_s, QJsonValue::Null},
        {u"archived"_s, false},
        {u"tag_list"_s, QJsonArray {u"docker"_s}},
    };
    if (job.status == "failed"_L1)
        object.insert(u"failure_reason"_s, job.failureReason.isEmpty() ? u"script_failure"_s : job.failureReason);
    if (job.name == "build"_L1 && job.status == "success"_L1)
        object.insert(u"artifacts_file"_s, QJsonObject {{u"filename"_s, u"artifacts.zip"_s}, {u"size"_s, 18234567}});
    return object;
}

QJsonObject GitLabApi::environmentBasicJson(const Environment &environment) const
{
    return QJsonObject {
        {u"id"_s, environment.id},
        {u"name"_s, environment.name},
        {u"slug"_s, environment.slug},
        {u"external_url"_s, environment.externalUrl},
        {u"created_at"_s, isoMs(environment.createdAt)},
        {u"updated_at"_s, isoMs(environment.updatedAt)},
    };
}

QJsonObject GitLabApi::environmentJson(const Environment &environment, bool detail) const
{
    QJsonObject object = environmentBasicJson(environment);
    object.insert(u"tier"_s, environment.tier);
    object.insert(u"state"_s, environment.state);
    object.insert(u"auto_stop_at"_s, QJsonValue::Null);
    object.insert(u"description"_s, QJsonValue::Null);
    object.insert(u"auto_stop_setting"_s, u"always"_s);
    object.insert(u"kubernetes_namespace"_s, QJsonValue::Null);
    object.insert(u"flux_resource_path"_s, QJsonValue::Null);
    if (detail) {
        object.insert(u"project"_s, basicProjectJson());
        const Deployment *last = m_scenario.lastSuccessfulDeployment(environment.id);
        object.insert(u"last_deployment"_s, last ? QJsonValue(deploymentJson(*last)) : QJsonValue(QJsonValue::Null));
        object.insert(u"cluster_agent"_s, QJsonValue::Null);
    }
    return object;
}

QJsonObject GitLabApi::deploymentJson(const Deployment &deployment, bool extended) const
{
    const Environment *environment = m_scenario.environment(deployment.environmentId);
    const Job *job = m_scenario.job(deployment.jobId);
    QJsonObject object {
        {u"id"_s, deployment.id},
        {u"iid"_s, deployment.iid},
        {u"ref"_s, deployment.ref},
        {u"sha"_s, deployment.sha},
        {u"created_at"_s, isoMs(deployment.createdAt)},
        {u"updated_at"_s, isoMs(deployment.updatedAt)},
        {u"user"_s, userJson(deployment.userId)},
        {u"environment"_s, environment ? QJsonValue(environmentBasicJson(*environment)) : QJsonValue(QJsonValue::Null)},
        {u"deployable"_s, job ? QJsonValue(jobJson(*job)) : QJsonValue(QJsonValue::Null)},
        {u"status"_s, deployment.status},
    };
    if (extended) {
        object.insert(u"pending_approval_count"_s, 0);
        object.insert(u"approvals"_s, QJsonArray());
        object.insert(u"approval_summary"_s, QJsonObject {{u"rules"_s, QJsonArray()}});
    }
    return object;
}

QJsonObject GitLabApi::milestoneJson(const Milestone &milestone, bool withStats) const
{
    const QDate today = m_scenario.now().date();
    QJsonObject object {
        {u"id"_s, milestone.id},
        {u"iid"_s, milestone.iid},
        {u"project_id"_s, Scenario::ProjectId},
        {u"title"_s, milestone.title},
        {u"description"_s, milestone.description},
        {u"state"_s, milestone.state},
        {u"created_at"_s, isoMs(milestone.createdAt)},
        {u"updated_at"_s, isoMs(milestone.updatedAt)},
        {u"due_date"_s,
         milestone.dueDate.isValid() ? QJsonValue(milestone.dueDate.toString(Qt::ISODate))
                                     : QJsonValue(QJsonValue::Null)},
        {u"start_date"_s,
         milestone.startDate.isValid() ? QJsonValue(milestone.startDate.toString(Qt::ISODate))
                                       : QJsonValue(QJsonValue::Null)},
        {u"expired"_s, milestone.dueDate.isValid() && milestone.dueDate < today},
        {u"web_url"_s, QString(m_scenario.projectWebUrl() + u"/-/milestones/"_s + QString::number(milestone.iid))},
    };
    if (withStats) {
        int total = 2;
        for (const MergeRequest &mr : m_scenario.mergeRequests())
            total += mr.milestoneId == milestone.id ? 1 : 0;
        object.insert(u"issue_stats"_s,
                      QJsonObject {{u"total"_s, total}, {u"closed"_s, milestone.state == "closed"_L1 ? total : 1}});
    }
    return object;
}

QJsonObject GitLabApi::releaseJson(const GitLabRelease &release, bool html) const
{
    const QString web = m_scenario.projectWebUrl();
    const QString tagPath = u"/acme/storefront/-/tags/"_s + release.tagName;
    const Commit *commit = m_scenario.commitBySha(release.sha);
    QJsonObject object {
        {u"name"_s, release.name},
        {u"tag_name"_s, release.tagName},
        {u"description"_s, release.description},
        {u"created_at"_s, isoMs(release.createdAt)},
        {u"released_at"_s, isoMs(release.releasedAt)},
        {u"upcoming_release"_s, release.releasedAt > m_scenario.now()},
        {u"author"_s, userJson(release.authorId)},
        {u"commit"_s, commit ? QJsonValue(commitJson(*commit)) : QJsonValue(QJsonValue::Null)},
        {u"commit_path"_s, QString(u"/acme/storefront/-/commit/"_s + release.sha)},
        {u"tag_path"_s, tagPath},
    };
    if (html)
        object.insert(u"description_html"_s, markdownToHtml(release.description));
    if (!release.milestones.isEmpty()) {
        QJsonArray milestones;
        for (const QString &title : release.milestones) {
            if (const Milestone *milestone = m_scenario.milestoneByTitle(title))
                milestones.append(milestoneJson(*milestone, true));
        }
        object.insert(u"milestones"_s, milestones);
    }
    QJsonArray sources;
    for (const char *format : {"zip", "tar.gz", "tar.bz2", "tar"}) {
        const QString extension = QString::fromLatin1(format);
        sources.append(QJsonObject {
            {u"format"_s, extension},
            {u"url"_s, u"%1/-/archive/%2/storefront-%2.%3"_s.arg(web, release.tagName, extension)},
        });
    }
    object.insert(u"assets"_s,
                  QJsonObject {
                      {u"count"_s, int(sources.size() + release.links.size())},
                      {u"sources"_s, sources},
                      {u"links"_s, release.links},
                  });
    object.insert(u"evidences"_s,
                  QJsonArray {QJsonObject {
                      {u"sha"_s, fakeSha(quint64(release.createdAt.toSecsSinceEpoch()), 3).left(40)},
                      {u"filepath"_s,
                       u"%1/-/releases/%2/evidences/%3.json"_s.arg(web, release.tagName)
                           .arg(release.createdAt.toSecsSinceEpoch() % 100000)},
                      {u"collected_at"_s, isoMs(release.createdAt)},
                  }});
    const QString mrs = web + u"/-/merge_requests?release_tag="_s + release.tagName + u"&scope=all&state="_s;
    const QString issues = web + u"/-/issues?release_tag="_s + release.tagName + u"&scope=all&state="_s;
    object.insert(u"_links"_s,
                  QJsonObject {
                      {u"closed_issues_url"_s, QString(issues + u"closed"_s)},
                      {u"closed_merge_requests_url"_s, QString(mrs + u"closed"_s)},
                      {u"edit_url"_s, QString(web + u"/-/releases/"_s + release.tagName + u"/edit"_s)},
                      {u"merged_merge_requests_url"_s, QString(mrs + u"merged"_s)},
                      {u"opened_issues_url"_s, QString(issues + u"opened"_s)},
                      {u"opened_merge_requests_url"_s, QString(mrs + u"opened"_s)},
                      {u"self"_s, QString(web + u"/-/releases/"_s + release.tagName)},
                  });
    return object;
}

QJsonObject GitLabApi::mergeRequestJson(const MergeRequest &mr) const
{
    const bool merged = mr.state == "merged"_L1;
    const bool draft = mr.title.startsWith(u"Draft:"_s);
    const Milestone *milestone = m_scenario.milestone(mr.milestoneId);
    const QString reference = u"!"_s + QString::number(mr.iid);
    return QJsonObject {
        {u"id"_s, mr.id},
        {u"iid"_s, mr.iid},
        {u"project_id"_s, Scenario::ProjectId},
        {u"title"_s, mr.title},
        {u"description"_s, mr.description},
        {u"state"_s, mr.state},
        {u"created_at"_s, isoMs(mr.createdAt)},
        {u"updated_at"_s, isoMs(mr.updatedAt)},
        {u"merged_by"_s, merged ? userJson(mr.mergedById) : QJsonValue(QJsonValue::Null)},
        {u"merge_user"_s, merged ? userJson(mr.mergedById) : QJsonValue(QJsonValue::Null)},
        {u"merged_at"_s, isoMsOrNull(mr.mergedAt)},
        {u"closed_by"_s, mr.state == "closed"_L1 ? userJson(mr.authorId) : QJsonValue(QJsonValue::Null)},
        {u"closed_at"_s, isoMsOrNull(mr.closedAt)},
        {u"target_branch"_s, mr.targetBranch},
        {u"source_branch"_s, mr.sourceBranch},
        {u"user_notes_count"_s, 2 + mr.iid % 5},
        {u"upvotes"_s, mr.iid % 3},
        {u"downvotes"_s, 0},
        {u"author"_s, userJson(mr.authorId)},
        {u"assignees"_s, QJsonArray {userJson(mr.authorId)}},
        {u"assignee"_s, userJson(mr.authorId)},
        {u"reviewers"_s, QJsonArray {userJson(mr.mergedById ? mr.mergedById : m_scenario.tokenUserId())}},
        {u"source_project_id"_s, Scenario::ProjectId},
        {u"target_project_id"_s, Scenario::ProjectId},
        {u"labels"_s, QJsonArray::fromStringList(mr.labels)},
        {u"draft"_s, draft},
        {u"imported"_s, false},
        {u"imported_from"_s, u"none"_s},
        {u"work_in_progress"_s, draft},
        {u"milestone"_s, milestone ? QJsonValue(milestoneJson(*milestone)) : QJsonValue(QJsonValue::Null)},
        {u"merge_when_pipeline_succeeds"_s, false},
        {u"merge_status"_s, u"can_be_merged"_s},
        {u"detailed_merge_status"_s,
         mr.state == "opened"_L1 ? (draft ? u"draft_status"_s : u"mergeable"_s) : u"not_open"_s},
        {u"merge_after"_s, QJsonValue::Null},
        {u"sha"_s, mr.sha},
        {u"merge_commit_sha"_s,
         mr.mergeCommitSha.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(mr.mergeCommitSha)},
        {u"squash_commit_sha"_s, QJsonValue::Null},
        {u"discussion_locked"_s, QJsonValue::Null},
        {u"should_remove_source_branch"_s, merged ? QJsonValue(true) : QJsonValue(QJsonValue::Null)},
        {u"force_remove_source_branch"_s, true},
        {u"prepared_at"_s, isoMs(mr.createdAt.addSecs(20))},
        {u"reference"_s, reference},
        {u"references"_s,
         QJsonObject {{u"short"_s, reference},
                      {u"relative"_s, reference},
                      {u"full"_s, QString(Scenario::projectPath() + reference)}}},
        {u"web_url"_s, QString(m_scenario.projectWebUrl() + u"/-/merge_requests/"_s + QString::number(mr.iid))},
        {u"time_stats"_s,
         QJsonObject {{u"time_estimate"_s, 0},
                      {u"total_time_spent"_s, 0},
                      {u"human_time_estimate"_s, QJsonValue::Null},
                      {u"human_total_time_spent"_s, QJsonValue::Null}}},
        {u"squash"_s, false},
        {u"squash_on_merge"_s, false},
        {u"task_completion_status"_s, QJsonObject {{u"count"_s, 0}, {u"completed_count"_s, 0}}},
        {u"has_conflicts"_s, false},
        {u"blocking_discussions_resolved"_s, true},
        {u"approvals_before_merge"_s, QJsonValue::Null},
    };
}

// --- handlers: project, pipelines, jobs -------------------------------------------------------------------------

HttpResponse GitLabApi::getProject(const ApiRequest &)
{
    return jsonResponse(200, projectJson());
}

HttpResponse GitLabApi::listPipelines(const ApiRequest &request)
{
    static const QStringList scopes {u"running"_s, u"pending"_s, u"finished"_s, u"branches"_s, u"tags"_s};
    static const QStringList orders {u"id"_s, u"status"_s, u"ref"_s, u"updated_at"_s, u"user_id"_s};
    static const QStringList sources {u"unknown"_s,
                                      u"push"_s,
                                      u"web"_s,
                                      u"trigger"_s,
                                      u"schedule"_s,
                                      u"api"_s,
                                      u"external"_s,
                                      u"pipeline"_s,
                                      u"chat"_s,
                                      u"webide"_s,
                                      u"merge_request_event"_s,
                                      u"external_pull_request_event"_s,
                                      u"parent_pipeline"_s,
                                      u"ondemand_dast_scan"_s,
                                      u"ondemand_dast_validation"_s,
                                      u"security_orchestration_policy"_s,
                                      u"container_registry_push"_s,
                                      u"duo_workflow"_s,
                                      u"pipeline_execution_policy_schedule"_s};
    Params params(request);
    const QString status = params.oneOf(u"status"_s, JobStatuses);
    const QString scope = params.oneOf(u"scope"_s, scopes);
    const QString source = params.oneOf(u"source"_s, sources);
    const QString orderBy = params.oneOf(u"order_by"_s, orders, u"id"_s);
    const QString sort = params.oneOf(u"sort"_s, {u"asc"_s, u"desc"_s}, u"desc"_s);
    const QDateTime updatedAfter = params.date(u"updated_after"_s);
    const QDateTime updatedBefore = params.date(u"updated_before"_s);
    const QDateTime createdAfter = params.date(u"created_after"_s);
    const QDateTime createdBefore = params.date(u"created_before"_s);
    if (!params.ok())
        return params.error();
    const QString ref = request.value(u"ref"_s);
    const QString sha = request.value(u"sha"_s);
    const QString username = request.value(u"username"_s);

    QList<const Pipeline *> selected;
    for (const Pipeline &pipeline : m_scenario.pipelines()) {
        const QString state = m_scenario.pipelineStatus(pipeline);
        const QDateTime updated = m_scenario.pipelineUpdatedAt(pipeline);
        if (!status.isEmpty() && state != status)
            continue;
        if (scope == "running"_L1 && state != "running"_L1)
            continue;
        if (scope == "pending"_L1 && state != "pending"_L1)
            continue;
        if (scope == "finished"_L1
            && !QStringList {u"success"_s, u"failed"_s, u"canceled"_s, u"skipped"_s}.contains(state))
            continue;
        if ((scope == "branches"_L1 && pipeline.tag) || (scope == "tags"_L1 && !pipeline.tag))
            continue;
        if ((!source.isEmpty() && pipeline.source != source) || (!ref.isEmpty() && pipeline.ref != ref)
            || (!sha.isEmpty() && pipeline.sha != sha))
            continue;
        if (!username.isEmpty()) {
            const User *user = m_scenario.user(pipeline.userId);
            if (!user || user->username != username)
                continue;
        }
        if ((updatedAfter.isValid() && !(updated > updatedAfter))
            || (updatedBefore.isValid() && !(updated < updatedBefore))
            || (createdAfter.isValid() && !(pipeline.createdAt > createdAfter))
            || (createdBefore.isValid() && !(pipeline.createdAt < createdBefore)))
            continue;
        selected.append(&pipeline);
    }
    const bool descending = sort == "desc"_L1;
    sortBy(selected, [](const Pipeline *p) { return p->id; }, descending);
    if (orderBy == "status"_L1)
        sortBy(selected, [this](const Pipeline *p) { return m_scenario.pipelineStatus(*p); }, descending);
    else if (orderBy == "ref"_L1)
        sortBy(selected, [](const Pipeline *p) { return p->ref; }, descending);
    else if (orderBy == "updated_at"_L1)
        sortBy(selected, [this](const Pipeline *p) { return m_scenario.pipelineUpdatedAt(*p); }, descending);
    else if (orderBy == "user_id"_L1)
        sortBy(selected, [](const Pipeline *p) { return p->userId; }, descending);

    QJsonArray all;
    for (const Pipeline *pipeline : std::as_const(selected))
        all.append(pipelineBasicJson(*pipeline));
    return page(request, all);
}

HttpResponse GitLabApi::latestPipeline(const ApiRequest &request)
{
    const QString ref = request.has(u"ref"_s) ? request.value(u"ref"_s) : Scenario::defaultBranch();
    const Pipeline *latest = nullptr;
    for (const Pipeline &pipeline : m_scenario.pipelines()) {
        if (pipeline.ref == ref && (!latest || pipeline.id > latest->id))
            latest = &pipeline;
    }
    if (!latest)
        return message(403, u"403 Forbidden"_s);
    return jsonResponse(200, pipelineJson(*latest));
}

HttpResponse GitLabApi::getPipeline(const ApiRequest &request)
{
    Params params(request);
    const int id = params.integer(u"pipeline_id"_s);
    if (!params.ok())
        return params.error();
    const Pipeline *pipeline = m_scenario.pipeline(id);
    return pipeline ? jsonResponse(200, pipelineJson(*pipeline)) : notFound();
}

HttpResponse GitLabApi::pipelineJobs(const ApiRequest &request)
{
    Params params(request);
    const int id = params.integer(u"pipeline_id"_s);
    if (!params.ok())
        return params.error();
    const Pipeline *pipeline = m_scenario.pipeline(id);
    if (!pipeline)
        return notFound();
    const QStringList scope = request.values(u"scope"_s);
    for (const QString &value : scope) {
        if (!JobStatuses.contains(value))
            return message(400, u"Scope contains invalid value(s)"_s);
    }
    const bool includeRetried = params.flag(u"include_retried"_s);
    QList<const Job *> jobs;
    for (int jobId : pipeline->jobIds) {
        const Job *job = m_scenario.job(jobId);
        if (!job || (job->retried && !includeRetried) || (!scope.isEmpty() && !scope.contains(job->status)))
            continue;
        jobs.append(job);
    }
    sortBy(jobs, [](const Job *job) { return job->id; }, true);
    QJsonArray all;
    for (const Job *job : std::as_const(jobs))
        all.append(jobJson(*job));
    return page(request, all);
}

HttpResponse GitLabApi::retryPipeline(const ApiRequest &request)
{
    Params params(request);
    const int id = params.integer(u"pipeline_id"_s);
    if (!params.ok())
        return params.error();
    if (m_scenario.retryPipeline(id) == Scenario::Outcome::NotFound)
        return notFound();
    return jsonResponse(201, pipelineJson(*m_scenario.pipeline(id)));
}

HttpResponse GitLabApi::cancelPipeline(const ApiRequest &request)
{
    Params params(request);
    const int id = params.integer(u"pipeline_id"_s);
    if (!params.ok())
        return params.error();
    if (m_scenario.cancelPipeline(id) == Scenario::Outcome::NotFound)
        return notFound();
    return jsonResponse(200, pipelineJson(*m_scenario.pipeline(id)));
}

HttpResponse GitLabApi::listJobs(const ApiRequest &request)
{
    const QStringList scope = request.values(u"scope"_s);
    for (const QString &value : scope) {
        if (!JobStatuses.contains(value))
            return message(400, u"Scope contains invalid value(s)"_s);
    }
    QJsonArray all;
    const QList<Job> &jobs = m_scenario.jobs();
    for (auto it = jobs.crbegin(); it != jobs.crend(); ++it) {
        if (scope.isEmpty() || scope.contains(it->status))
            all.append(jobJson(*it));
    }
    return page(request, all, false);
}

HttpResponse GitLabApi::getJob(const ApiRequest &request)
{
    Params params(request);
    const int id = params.integer(u"job_id"_s);
    if (!params.ok())
        return params.error();
    const Job *job = m_scenario.job(id);
    return job ? jsonResponse(200, jobJson(*job)) : notFound();
}

HttpResponse GitLabApi::playJob(const ApiRequest &request)
{
    Params params(request);
    const int id = params.integer(u"job_id"_s);
    if (!params.ok())
        return params.error();
    int result = 0;
    switch (m_scenario.playJob(id, &result)) {
    case Scenario::Outcome::NotFound:
        return notFound();
    case Scenario::Outcome::Unplayable:
        return badRequest(u"Unplayable Job"_s);
    default:
        return jsonResponse(200, jobJson(*m_scenario.job(result)));
    }
}

HttpResponse GitLabApi::retryJob(const ApiRequest &request)
{
    Params params(request);
    const int id = params.integer(u"job_id"_s);
    if (!params.ok())
        return params.error();
    int result = 0;
    switch (m_scenario.retryJob(id, &result)) {
    case Scenario::Outcome::NotFound:
        return notFound();
    case Scenario::Outcome::NotRetryable:
        return message(403, u"403 Forbidden - Job is not retryable"_s);
    default:
        return jsonResponse(201, jobJson(*m_scenario.job(result)));
    }
}

HttpResponse GitLabApi::cancelJob(const ApiRequest &request)
{
    Params params(request);
    const int id = params.integer(u"job_id"_s);
    if (!params.ok())
        return params.error();
    if (m_scenario.cancelJob(id) == Scenario::Outcome::NotFound)
        return notFound();
    return jsonResponse(201, jobJson(*m_scenario.job(id)));
}

HttpResponse GitLabApi::jobTrace(const ApiRequest &request)
{
    Params params(request);
    const int id = params.integer(u"job_id"_s);
    if (!params.ok())
        return params.error();
    const Job *job = m_scenario.job(id);
    if (!job)
        return notFound();
    HttpResponse response = HttpResponse::text(200, m_scenario.jobTrace(*job).toUtf8());
    response.setHeader("Content-Disposition", "inline; filename=\"" + QByteArray::number(job->id) + ".log\"");
    return response;
}

// --- handlers: environments, deployments ------------------------------------------------------------------------

HttpResponse GitLabApi::listEnvironments(const ApiRequest &request)
{
    Params params(request);
    const QString states = params.oneOf(u"states"_s, {u"available"_s, u"stopping"_s, u"stopped"_s});
    if (request.has(u"name"_s) && request.has(u"search"_s))
        params.fail(u"name, search are mutually exclusive"_s);
    if (!params.ok())
        return params.error();
    const QString name = request.value(u"name"_s);
    const QString search = request.value(u"search"_s);
    if (request.has(u"search"_s) && search.size() < 3)
        return badRequest(u"Search query is less than 3 characters"_s);
    QJsonArray all;
    for (const Environment &environment : m_scenario.environments()) {
        if ((!name.isEmpty() && environment.name != name)
            || (!search.isEmpty() && !environment.name.contains(search, Qt::CaseInsensitive))
            || (!states.isEmpty() && environment.state != states))
            continue;
        all.append(environmentJson(environment, false));
    }
    return page(request, all);
}

HttpResponse GitLabApi::getEnvironment(const ApiRequest &request)
{
    Params params(request);
    const int id = params.integer(u"environment_id"_s);
    if (!params.ok())
        return params.error();
    const Environment *environment = m_scenario.environment(id);
    return environment ? jsonResponse(200, environmentJson(*environment, true)) : notFound();
}

HttpResponse GitLabApi::listDeployments(const ApiRequest &request)
{
    static const QStringList orders {u"id"_s, u"iid"_s, u"created_at"_s, u"updated_at"_s, u"ref"_s, u"finished_at"_s};
    static const QStringList statuses {u"created"_s,  u"running"_s, u"success"_s, u"failed"_s,
                                       u"canceled"_s, u"skipped"_s, u"blocked"_s};
    Params params(request);
    const QString orderBy = params.oneOf(u"order_by"_s, orders, u"id"_s);
    const QString sort = params.oneOf(u"sort"_s, {u"asc"_s, u"desc"_s}, u"asc"_s);
    const QString status = params.oneOf(u"status"_s, statuses);
    const QDateTime updatedAfter = params.date(u"updated_after"_s);
    const QDateTime updatedBefore = params.date(u"updated_before"_s);
    const QDateTime finishedAfter = params.date(u"finished_after"_s);
    const QDateTime finishedBefore = params.date(u"finished_before"_s);
    if (!params.ok())
        return params.error();

    // DeploymentsFinder#validate!: these combinations are refused as inefficient queries.
    const bool byUpdated = updatedAfter.isValid() || updatedBefore.isValid();
    const bool byFinished = finishedAfter.isValid() || finishedBefore.isValid();
    if (byUpdated && byFinished)
        return badRequest(u"Both `updated_at` filter and `finished_at` filter can not be specified"_s);
    if (byFinished != (orderBy == "finished_at"_L1))
        return badRequest(u"`finished_at` filter and `finished_at` sorting must be paired"_s);
    if (byFinished && status != "success"_L1)
        return badRequest(u"`finished_at` filter must be combined with `success` status filter."_s);

    const QString environmentName = request.value(u"environment"_s);
    QList<const Deployment *> selected;
    for (const Deployment &deployment : m_scenario.deployments()) {
        const Environment *environment = m_scenario.environment(deployment.environmentId);
        if (!environmentName.isEmpty() && (!environment || environment->name != environmentName))
            continue;
        if (!status.isEmpty() && deployment.status != status)
            continue;
        if ((updatedAfter.isValid() && !(deployment.updatedAt > updatedAfter))
            || (updatedBefore.isValid() && !(deployment.updatedAt < updatedBefore)))
            continue;
        if ((finishedAfter.isValid() && !(deployment.finishedAt.isValid() && deployment.finishedAt > finishedAfter))
            || (finishedBefore.isValid()
                && !(deployment.finishedAt.isValid() && deployment.finishedAt < finishedBefore)))
            continue;
        selected.append(&deployment);
    }
    // An updated_* filter implicitly orders by updated_at (the finder's optimisation); created_at and iid order as id.
    const QString effective = byUpdated ? u"updated_at"_s : orderBy;
    const bool descending = sort == "desc"_L1;
    if (effective == "updated_at"_L1) {
        sortBy(selected, [](const Deployment *d) { return d->id; }, true); // tie-breaker: id desc
        sortBy(selected, [](const Deployment *d) { return d->updatedAt; }, descending);
    } else if (effective == "finished_at"_L1) {
        sortBy(selected, [](const Deployment *d) { return d->id; }, descending);
        sortBy(selected, [](const Deployment *d) { return d->finishedAt; }, descending);
    } else if (effective == "ref"_L1) {
        sortBy(selected, [](const Deployment *d) { return d->id; }, descending);
        sortBy(selected, [](const Deployment *d) { return d->ref; }, descending);
    } else {
        sortBy(selected, [](const Deployment *d) { return d->id; }, descending);
    }
    QJsonArray all;
    for (const Deployment *deployment : std::as_const(selected))
        all.append(deploymentJson(*deployment));
    return page(request, all);
}

HttpResponse GitLabApi::getDeployment(const ApiRequest &request)
{
    Params params(request);
    const int id = params.integer(u"deployment_id"_s);
    if (!params.ok())
        return params.error();
    const Deployment *deployment = m_scenario.deployment(id);
    return deployment ? jsonResponse(200, deploymentJson(*deployment, true)) : notFound();
}

HttpResponse GitLabApi::deploymentMergeRequests(const ApiRequest &request)
{
    Params params(request);
    const int id = params.integer(u"deployment_id"_s);
    if (!params.ok())
        return params.error();
    const Deployment *deployment = m_scenario.deployment(id);
    if (!deployment)
        return notFound();
    QJsonArray all;
    const QList<int> iids = m_scenario.deploymentMergeRequests(*deployment);
    for (auto it = iids.crbegin(); it != iids.crend(); ++it) {
        if (const MergeRequest *mr = m_scenario.mergeRequest(*it))
            all.append(mergeRequestJson(*mr));
    }
    return page(request, all);
}

// --- handlers: releases, milestones, freeze periods -------------------------------------------------------------

HttpResponse GitLabApi::listReleases(const ApiRequest &request)
{
    Params params(request);
    const QString orderBy = params.oneOf(u"order_by"_s, {u"released_at"_s, u"created_at"_s}, u"released_at"_s);
    const QString sort = params.oneOf(u"sort"_s, {u"asc"_s, u"desc"_s}, u"desc"_s);
    const QDateTime updatedAfter = params.date(u"updated_after"_s);
    const QDateTime updatedBefore = params.date(u"updated_before"_s);
    if (!params.ok())
        return params.error();
    const bool html = params.flag(u"include_html_description"_s);
    QList<const GitLabRelease *> selected;
    for (const GitLabRelease &release : m_scenario.releases()) {
        if ((updatedAfter.isValid() && !(release.updatedAt > updatedAfter))
            || (updatedBefore.isValid() && !(release.updatedAt < updatedBefore)))
            continue;
        selected.append(&release);
    }
    if (orderBy == "created_at"_L1)
        sortBy(selected, [](const GitLabRelease *r) { return r->createdAt; }, sort == "desc"_L1);
    else
        sortBy(selected, [](const GitLabRelease *r) { return r->releasedAt; }, sort == "desc"_L1);
    QJsonArray all;
    for (const GitLabRelease *release : std::as_const(selected))
        all.append(releaseJson(*release, html));
    return page(request, all);
}

HttpResponse GitLabApi::getRelease(const ApiRequest &request)
{
    const GitLabRelease *release = m_scenario.release(request.param(u"tag_name"_s));
    if (!release)
        return message(404, u"404 Not Found"_s);
    Params params(request);
    return jsonResponse(200, releaseJson(*release, params.flag(u"include_html_description"_s)));
}

namespace {

/// The milestone titles of a release request, or the titles that do not exist (in *missing).
QStringList milestoneTitles(const Scenario &scenario, const QJsonValue &value, const QJsonValue &ids,
                            QStringList *missing)
{
    QStringList titles;
    const QJsonArray array = value.isArray() ? value.toArray()
        : value.isString()                   ? QJsonArray {value.toString()}
                                             : QJsonArray();
    for (const QJsonValue &item : array) {
        const QString title = item.toString();
        if (scenario.milestoneByTitle(title))
            titles.append(title);
        else
            missing->append(title);
    }
    const QJsonArray idArray = ids.isArray() ? ids.toArray() : QJsonArray();
    for (const QJsonValue &item : idArray) {
        const int id = item.isDouble() ? item.toInt() : item.toString().toInt();
        if (const Milestone *milestone = scenario.milestone(id))
            titles.append(milestone->title);
        else
            missing->append(QString::number(id));
    }
    return titles;
}

QJsonArray assetLinks(const QJsonValue &assets, const QString &projectWeb, int *nextId)
{
    QJsonArray links;
    const QJsonArray input = assets.toObject().value(u"links"_s).toArray();
    for (const QJsonValue &value : input) {
        const QJsonObject link = value.toObject();
        const QString path = link.value(u"direct_asset_path"_s).toString(link.value(u"filepath"_s).toString());
        links.append(QJsonObject {
            {u"id"_s, (*nextId)++},
            {u"name"_s, link.value(u"name"_s).toString()},
            {u"url"_s, link.value(u"url"_s).toString()},
            {u"direct_asset_url"_s,
             path.isEmpty() ? link.value(u"url"_s).toString()
                            : projectWeb + u"/-/releases/permalink/latest/downloads"_s + path},
            {u"link_type"_s, link.value(u"link_type"_s).toString(u"other"_s)},
        });
    }
    return links;
}

} // namespace

HttpResponse GitLabApi::createRelease(const ApiRequest &request)
{
    Params params(request);
    const QString tagName = request.input(u"tag_name"_s).toString();
    params.require(u"tag_name"_s, request.input(u"tag_name"_s));
    QDateTime releasedAt = m_scenario.now();
    const QJsonValue releasedValue = request.input(u"released_at"_s);
    if (releasedValue.isString() && !releasedValue.toString().isEmpty()) {
        releasedAt = parseIso(releasedValue.toString());
        if (!releasedAt.isValid())
            params.fail(u"released_at is invalid"_s);
    }
    if (!params.ok())
        return params.error();
    if (m_scenario.release(tagName))
        return message(409, u"Release already exists"_s);

    QString sha;
    if (const Tag *tag = m_scenario.tag(tagName)) {
        sha = tag->sha;
    } else {
        const QString ref = request.input(u"ref"_s).toString();
        if (ref.isEmpty())
            return message(422, u"Ref is not specified"_s);
        const int index = m_scenario.resolveRef(ref);
        if (index < 0)
            return message(422, u"Target %1 is invalid"_s.arg(ref));
        sha = m_scenario.commits().at(index).sha;
    }
    QStringList missing;
    const QStringList milestones
        = milestoneTitles(m_scenario, request.input(u"milestones"_s), request.input(u"milestone_ids"_s), &missing);
    if (!missing.isEmpty())
        return message(400, u"Milestone(s) not found: %1"_s.arg(missing.join(u", "_s)));

    GitLabRelease release;
    release.tagName = tagName;
    release.name = request.input(u"name"_s).toString(tagName);
    release.description = request.input(u"description"_s).toString();
    release.sha = sha;
    release.authorId = m_scenario.tokenUserId();
    release.createdAt = m_scenario.now();
    release.releasedAt = releasedAt;
    release.updatedAt = release.createdAt;
    release.milestones = milestones;
    release.links = assetLinks(request.input(u"assets"_s), m_scenario.projectWebUrl(), &m_nextLinkId);
    m_scenario.createRelease(release, request.input(u"tag_message"_s).toString());
    return jsonResponse(201, releaseJson(*m_scenario.release(tagName), false));
}

HttpResponse GitLabApi::updateRelease(const ApiRequest &request)
{
    const GitLabRelease *existing = m_scenario.release(request.param(u"tag_name"_s));
    if (!existing)
        return message(404, u"404 Not Found"_s);
    GitLabRelease release = *existing;
    Params params(request);
    const QJsonValue releasedValue = request.input(u"released_at"_s);
    if (releasedValue.isString() && !releasedValue.toString().isEmpty()) {
        const QDateTime releasedAt = parseIso(releasedValue.toString());
        if (!releasedAt.isValid())
            params.fail(u"released_at is invalid"_s);
        release.releasedAt = releasedAt;
    }
    if (!params.ok())
        return params.error();
    if (request.input(u"name"_s).isString())
        release.name = request.input(u"name"_s).toString();
    if (request.input(u"description"_s).isString())
        release.description = request.input(u"description"_s).toString();
    const QJsonValue milestonesValue = request.input(u"milestones"_s);
    const QJsonValue idsValue = request.input(u"milestone_ids"_s);
    if (!milestonesValue.isUndefined() || !idsValue.isUndefined()) {
        QStringList missing;
        release.milestones = milestoneTitles(m_scenario, milestonesValue, idsValue, &missing);
        if (!missing.isEmpty())
            return message(400, u"Milestone(s) not found: %1"_s.arg(missing.join(u", "_s)));
    }
    release.updatedAt = m_scenario.now();
    m_scenario.updateRelease(release);
    return jsonResponse(200, releaseJson(release, false));
}

HttpResponse GitLabApi::listMilestones(const ApiRequest &request)
{
    Params params(request);
    const QString state = params.oneOf(u"state"_s, {u"active"_s, u"closed"_s});
    const QDateTime updatedAfter = params.date(u"updated_after"_s);
    const QDateTime updatedBefore = params.date(u"updated_before"_s);
    if (!params.ok())
        return params.error();
    const QString title = request.value(u"title"_s);
    const QString search = request.value(u"search"_s);
    const QStringList iids = request.values(u"iids"_s);
    QList<const Milestone *> selected;
    for (const Milestone &milestone : m_scenario.milestones()) {
        if ((!state.isEmpty() && milestone.state != state) || (!title.isEmpty() && milestone.title != title)
            || (!search.isEmpty() && !milestone.title.contains(search, Qt::CaseInsensitive)
                && !milestone.description.contains(search, Qt::CaseInsensitive))
            || (!iids.isEmpty() && !iids.contains(QString::number(milestone.iid)))
            || (updatedAfter.isValid() && !(milestone.updatedAt >= updatedAfter))
            || (updatedBefore.isValid() && !(milestone.updatedAt <= updatedBefore)))
            continue;
        selected.append(&milestone);
    }
    sortBy(selected, [](const Milestone *m) { return m->id; }, true);
    QJsonArray all;
    for (const Milestone *milestone : std::as_const(selected))
        all.append(milestoneJson(*milestone));
    return page(request, all);
}

namespace {

QJsonObject freezeJson(const FreezePeriod &period)
{
    return QJsonObject {
        {u"id"_s, period.id},
        {u"freeze_start"_s, period.freezeStart},
        {u"freeze_end"_s, period.freezeEnd},
        {u"cron_timezone"_s, period.cronTimezone},
        {u"created_at"_s, isoMs(period.createdAt)},
        {u"updated_at"_s, isoMs(period.updatedAt)},
    };
}

} // namespace

HttpResponse GitLabApi::listFreezePeriods(const ApiRequest &request)
{
    QJsonArray all;
    for (const FreezePeriod &period : m_scenario.freezePeriods())
        all.append(freezeJson(period));
    return page(request, all);
}

HttpResponse GitLabApi::getFreezePeriod(const ApiRequest &request)
{
    Params params(request);
    const int id = params.integer(u"freeze_period_id"_s);
    if (!params.ok())
        return params.error();
    for (const FreezePeriod &period : m_scenario.freezePeriods()) {
        if (period.id == id)
            return jsonResponse(200, freezeJson(period));
    }
    return notFound();
}

// --- handlers: repository, merge requests -----------------------------------------------------------------------

HttpResponse GitLabApi::compare(const ApiRequest &request)
{
    Params params(request);
    params.require(u"from"_s, request.input(u"from"_s));
    params.require(u"to"_s, request.input(u"to"_s));
    if (!params.ok())
        return params.error();
    const QString from = request.value(u"from"_s);
    const QString to = request.value(u"to"_s);
    const int fromIndex = m_scenario.resolveRef(from);
    const int toIndex = m_scenario.resolveRef(to);
    if (fromIndex < 0 || toIndex < 0)
        return notFound(u"Ref"_s);
    QJsonArray commits;
    QStringList files;
    for (int i = fromIndex + 1; i <= toIndex; ++i) {
        const Commit &commit = m_scenario.commits().at(i);
        commits.append(commitJson(commit));
        for (const QString &file : commit.files) {
            if (!files.contains(file))
                files.append(file);
        }
    }
    QJsonArray diffs;
    for (const QString &file : std::as_const(files)) {
        diffs.append(QJsonObject {
            {u"diff"_s, u"@@ -1,4 +1,6 @@\n context\n-old line\n+new line\n+another new line\n context\n"_s},
            {u"collapsed"_s, false},
            {u"too_large"_s, false},
            {u"new_path"_s, file},
            {u"old_path"_s, file},
            {u"a_mode"_s, u"100644"_s},
            {u"b_mode"_s, u"100644"_s},
            {u"new_file"_s, false},
            {u"renamed_file"_s, false},
            {u"deleted_file"_s, false},
            {u"generated_file"_s, false},
        });
    }
    return jsonResponse(
        200,
        QJsonObject {
            {u"commit"_s, commits.isEmpty() ? QJsonValue(QJsonValue::Null) : commits.last()},
            {u"commits"_s, commits},
            {u"diffs"_s, diffs},
            {u"compare_timeout"_s, false},
            {u"compare_same_ref"_s, fromIndex == toIndex},
            {u"web_url"_s, QString(m_scenario.projectWebUrl() + u"/-/compare/"_s + from + u"..."_s + to)},
        });
}

HttpResponse GitLabApi::changelog(const ApiRequest &request)
{
    static const QRegularExpression semver(u"^v?(\\d+)\\.(\\d+)\\.(\\d+)(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?$"_s);
    Params params(request);
    params.require(u"version"_s, request.input(u"version"_s));
    QString version = request.value(u"version"_s);
    if (!version.isEmpty() && !semver.match(version).hasMatch())
        params.fail(u"version is invalid"_s);
    const QDateTime date = params.date(u"date"_s);
    if (!params.ok())
        return params.error();
    const QString to = request.has(u"to"_s) ? request.value(u"to"_s) : Scenario::defaultBranch();
    QString from = request.value(u"from"_s);
    if (from.isEmpty()) {
        from = m_scenario.previousStableTag(version);
        if (from.isEmpty())
            return message(422,
                           u"Failed to generate the changelog: The commit start range is unspecified, and no "
                           "previous tag could be found to use instead"_s);
    }
    const int fromIndex = m_scenario.resolveRef(from);
    const int toIndex = m_scenario.resolveRef(to);
    if (fromIndex < 0 || toIndex < 0)
        return message(422,
                       u"Failed to generate the changelog: %1 is not a valid commit, branch or tag"_s.arg(
                           fromIndex < 0 ? from : to));
    const QString trailer = request.has(u"trailer"_s) ? request.value(u"trailer"_s) : u"Changelog"_s;
    const QString notes = m_scenario.changelogMarkdown(version, fromIndex, toIndex,
                                                       (date.isValid() ? date : m_scenario.now()).date(), trailer);
    return jsonResponse(200, QJsonObject {{u"notes"_s, notes}});
}

HttpResponse GitLabApi::listMergeRequests(const ApiRequest &request)
{
    Params params(request);
    const QString state
        = params.oneOf(u"state"_s, {u"opened"_s, u"closed"_s, u"locked"_s, u"merged"_s, u"all"_s}, u"all"_s);
    const QString orderBy = params.oneOf(u"order_by"_s,
                                         {u"created_at"_s, u"label_priority"_s, u"milestone_due"_s, u"popularity"_s,
                                          u"priority"_s, u"title"_s, u"updated_at"_s, u"merged_at"_s},
                                         u"created_at"_s);
    const QString sort = params.oneOf(u"sort"_s, {u"asc"_s, u"desc"_s}, u"desc"_s);
    const QDateTime createdAfter = params.date(u"created_after"_s);
    const QDateTime createdBefore = params.date(u"created_before"_s);
    const QDateTime updatedAfter = params.date(u"updated_after"_s);
    const QDateTime updatedBefore = params.date(u"updated_before"_s);
    const QDateTime deployedAfter = params.date(u"deployed_after"_s);
    const QDateTime deployedBefore = params.date(u"deployed_before"_s);
    if (!params.ok())
        return params.error();
    const QString targetBranch = request.value(u"target_branch"_s);
    const QString sourceBranch = request.value(u"source_branch"_s);
    const QString milestone = request.value(u"milestone"_s);
    const QString author = request.value(u"author_username"_s);
    const QString search = request.value(u"search"_s);
    const QString environmentName = request.value(u"environment"_s);
    const QStringList iids = request.values(u"iids"_s);
    QStringList labels;
    for (const QString &value : request.values(u"labels"_s))
        labels += value.split(u',', Qt::SkipEmptyParts);
    const Environment *environment
        = environmentName.isEmpty() ? nullptr : m_scenario.environmentByName(environmentName);

    QList<const MergeRequest *> selected;
    for (const MergeRequest &mr : m_scenario.mergeRequests()) {
        if (state != "all"_L1 && mr.state != state)
            continue;
        if ((!targetBranch.isEmpty() && mr.targetBranch != targetBranch)
            || (!sourceBranch.isEmpty() && mr.sourceBranch != sourceBranch))
            continue;
        if (!milestone.isEmpty()) {
            const Milestone *m = m_scenario.milestone(mr.milestoneId);
            if (milestone == "None"_L1      ? m != nullptr
                    : milestone == "Any"_L1 ? m == nullptr
                                            : (!m || m->title != milestone))
                continue;
        }
        if (!author.isEmpty()) {
            const User *user = m_scenario.user(mr.authorId);
            if (!user || user->username != author)
                continue;
        }
        if (!search.isEmpty() && !mr.title.contains(search, Qt::CaseInsensitive)
            && !mr.description.contains(search, Qt::CaseInsensitive))
            continue;
        if (!iids.isEmpty() && !iids.contains(QString::number(mr.iid)))
            continue;
        if (!std::all_of(labels.cbegin(), labels.cend(), [&](const QString &label) {
                return label == "Any"_L1 ? !mr.labels.isEmpty()
                    : label == "None"_L1 ? mr.labels.isEmpty()
                                         : mr.labels.contains(label);
            }))
            continue;
        if ((createdAfter.isValid() && mr.createdAt < createdAfter)
            || (createdBefore.isValid() && mr.createdAt > createdBefore)
            || (updatedAfter.isValid() && mr.updatedAt < updatedAfter)
            || (updatedBefore.isValid() && mr.updatedAt > updatedBefore))
            continue;
        if (!environmentName.isEmpty() || deployedAfter.isValid() || deployedBefore.isValid()) {
            bool deployed = false;
            for (const Deployment &deployment : m_scenario.deployments()) {
                if (deployment.status != "success"_L1 || (environment && deployment.environmentId != environment->id)
                    || (!environmentName.isEmpty() && !environment))
                    continue;
                if ((deployedAfter.isValid() && deployment.finishedAt < deployedAfter)
                    || (deployedBefore.isValid() && deployment.finishedAt > deployedBefore))
                    continue;
                if (m_scenario.deploymentMergeRequests(deployment).contains(mr.iid)) {
                    deployed = true;
                    break;
                }
            }
            if (!deployed)
                continue;
        }
        selected.append(&mr);
    }
    const bool descending = sort == "desc"_L1;
    sortBy(selected, [](const MergeRequest *mr) { return mr->id; }, descending);
    if (orderBy == "updated_at"_L1)
        sortBy(selected, [](const MergeRequest *mr) { return mr->updatedAt; }, descending);
    else if (orderBy == "merged_at"_L1)
        sortBy(
            selected,
            [](const MergeRequest *mr) { return mr->mergedAt.isValid() ? mr->mergedAt.toMSecsSinceEpoch() : 0; },
            descending);
    else if (orderBy == "title"_L1)
        sortBy(selected, [](const MergeRequest *mr) { return mr->title; }, descending);
    else
        sortBy(selected, [](const MergeRequest *mr) { return mr->createdAt; }, descending);
    QJsonArray all;
    for (const MergeRequest *mr : std::as_const(selected))
        all.append(mergeRequestJson(*mr));
    return page(request, all);
}

HttpResponse GitLabApi::getMergeRequest(const ApiRequest &request)
{
    Params params(request);
    const int iid = params.integer(u"merge_request_iid"_s);
    if (!params.ok())
        return params.error();
    const MergeRequest *mr = m_scenario.mergeRequest(iid);
    return mr ? jsonResponse(200, mergeRequestJson(*mr)) : notFound();
}

HttpResponse GitLabApi::getCommit(const ApiRequest &request)
{
    QString ref = request.param(u"sha"_s);
    const int index = m_scenario.resolveRef(ref);
    const Commit *commit = index >= 0 ? &m_scenario.commits().at(index) : m_scenario.commitBySha(ref);
    if (!commit)
        return notFound(u"Commit"_s);
    QJsonObject object = commitJson(*commit);
    const int additions = int(commit->files.size()) * 12, deletions = int(commit->files.size()) * 3;
    object.insert(
        u"stats"_s,
        QJsonObject {{u"additions"_s, additions}, {u"deletions"_s, deletions}, {u"total"_s, additions + deletions}});
    const Pipeline *last = nullptr;
    for (const Pipeline &pipeline : m_scenario.pipelines()) {
        if (pipeline.sha == commit->sha && (!last || pipeline.id > last->id))
            last = &pipeline;
    }
    object.insert(u"status"_s, last ? QJsonValue(m_scenario.pipelineStatus(*last)) : QJsonValue(QJsonValue::Null));
    object.insert(u"project_id"_s, Scenario::ProjectId);
    object.insert(u"last_pipeline"_s, last ? QJsonValue(pipelineBasicJson(*last)) : QJsonValue(QJsonValue::Null));
    return jsonResponse(200, object);
}

HttpResponse GitLabApi::commitMergeRequests(const ApiRequest &request)
{
    const QString ref = request.param(u"sha"_s);
    const Commit *commit = m_scenario.commitBySha(ref);
    if (!commit)
        return notFound(u"Commit"_s);
    QJsonArray all;
    for (const MergeRequest &mr : m_scenario.mergeRequests()) {
        if (mr.sha == commit->sha || mr.mergeCommitSha == commit->sha || mr.iid == commit->mergeRequestIid)
            all.append(mergeRequestJson(mr));
    }
    return page(request, all);
}

HttpResponse GitLabApi::listTags(const ApiRequest &request)
{
    QList<const Tag *> tags;
    for (const Tag &tag : m_scenario.tags())
        tags.append(&tag);
    sortBy(tags, [](const Tag *tag) { return tag->createdAt; }, true);
    QJsonArray all;
    for (const Tag *tag : std::as_const(tags)) {
        const Commit *commit = m_scenario.commitBySha(tag->sha);
        const GitLabRelease *release = m_scenario.release(tag->name);
        all.append(QJsonObject {
            {u"name"_s, tag->name},
            {u"message"_s, tag->message},
            {u"target"_s, tag->sha},
            {u"commit"_s, commit ? QJsonValue(commitJson(*commit)) : QJsonValue(QJsonValue::Null)},
            {u"release"_s,
             release
                 ? QJsonValue(QJsonObject {{u"tag_name"_s, release->tagName}, {u"description"_s, release->description}})
                 : QJsonValue(QJsonValue::Null)},
            {u"protected"_s, true},
            {u"created_at"_s, isoMs(tag->createdAt)},
        });
    }
    return page(request, all);
}

} // namespace Shipdeck::Sandbox
