#include "gitlabclient.h"

using namespace Qt::Literals::StringLiterals;

namespace Shipdeck {

namespace {

QString isoTime(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

} // namespace

QUrlQuery DeploymentQuery::toUrlQuery() const
{
    QUrlQuery query;
    if (!environment.isEmpty())
        query.addQueryItem(u"environment"_s, QString::fromLatin1(QUrl::toPercentEncoding(environment)));
    QString order = orderBy.isEmpty() ? u"id"_s : orderBy;
    QString effectiveStatus = status;
    if (finishedAfter.isValid()) {
        // finished_* ⇔ order_by=finished_at ⇔ status=success; never together with updated_*.
        order = u"finished_at"_s;
        effectiveStatus = u"success"_s;
        query.addQueryItem(u"finished_after"_s, QString::fromLatin1(QUrl::toPercentEncoding(isoTime(finishedAfter))));
    } else if (updatedAfter.isValid()) {
        order = u"updated_at"_s;
        query.addQueryItem(u"updated_after"_s, QString::fromLatin1(QUrl::toPercentEncoding(isoTime(updatedAfter))));
    } else if (order == "finished_at"_L1) {
        // order_by=finished_at without a finished_* filter is refused: fall back to id.
        order = u"id"_s;
    }
    if (!effectiveStatus.isEmpty())
        query.addQueryItem(u"status"_s, effectiveStatus);
    query.addQueryItem(u"order_by"_s, order);
    query.addQueryItem(u"sort"_s, u"desc"_s);
    query.addQueryItem(u"per_page"_s, QString::number(std::clamp(perPage, 1, 100)));
    return query;
}

GitLabClient::GitLabClient(QNetworkAccessManager *nam, const QUrl &baseUrl, const QString &project,
                           const QString &token, QObject *parent)
    : QObject(parent), m_nam(nam), m_baseUrl(baseUrl), m_project(project.trimmed()), m_token(token.toUtf8())
{ }

GitLabClient::~GitLabClient() = default;

QUrl GitLabClient::projectUrl(const QString &path, const QUrlQuery &query) const
{
    QUrl url = m_baseUrl;
    QString basePath = url.path(QUrl::FullyEncoded);
    while (basePath.endsWith(u'/'))
        basePath.chop(1);
    // The project path is one segment: its slashes are encoded (%2F).
    const QString encodedProject = QString::fromLatin1(QUrl::toPercentEncoding(m_project));
    url.setPath(basePath + "/api/v4/projects/"_L1 + encodedProject + path, QUrl::TolerantMode);
    url.setQuery(query);
    url.setFragment({});
    return url;
}

ApiRequest GitLabClient::makeRequest(const QByteArray &method, const QUrl &url) const
{
    ApiRequest request;
    request.method = method;
    request.url = url;
    request.timeout = m_timeout;
    if (!m_token.isEmpty())
        request.headers.append({QByteArrayLiteral("PRIVATE-TOKEN"), m_token});
    return request;
}

ApiJob *GitLabClient::get(const QString &path, const QUrlQuery &query)
{
    auto *job = new ApiJob(m_nam, makeRequest("GET", projectUrl(path, query)), this);
    job->setRetryPolicy(m_retryPolicy);
    return job;
}

PagedApiJob *GitLabClient::getPaged(const QString &path, const QUrlQuery &query, int maxPages)
{
    auto *job = new PagedApiJob(m_nam, makeRequest("GET", projectUrl(path, query)), std::max(1, maxPages), this);
    job->setRetryPolicy(m_retryPolicy);
    return job;
}

ApiJob *GitLabClient::post(const QString &path)
{
    ApiRequest request = makeRequest("POST", projectUrl(path));
    return new ApiJob(m_nam, std::move(request), this);
}

ApiJob *GitLabClient::projectInfo()
{
    return get(QString());
}

static QUrlQuery pipelineUrlQuery(const PipelineQuery &query)
{
    QUrlQuery q;
    if (!query.ref.isEmpty())
        q.addQueryItem(u"ref"_s, QString::fromLatin1(QUrl::toPercentEncoding(query.ref)));
    if (!query.status.isEmpty())
        q.addQueryItem(u"status"_s, query.status);
    if (!query.source.isEmpty())
        q.addQueryItem(u"source"_s, query.source);
    if (query.updatedAfter.isValid())
        q.addQueryItem(u"updated_after"_s, QString::fromLatin1(QUrl::toPercentEncoding(isoTime(query.updatedAfter))));
    q.addQueryItem(u"order_by"_s, query.orderBy.isEmpty() ? u"id"_s : query.orderBy);
    q.addQueryItem(u"sort"_s, u"desc"_s);
    q.addQueryItem(u"per_page"_s, QString::number(std::clamp(query.perPage, 1, 100)));
    return q;
}

PagedApiJob *GitLabClient::pipelines(const PipelineQuery &query)
{
    return getPaged(u"/pipelines"_s, pipelineUrlQuery(query), query.maxPages);
}

ApiJob *GitLabClient::pipelinesPage(const PipelineQuery &query)
{
    ApiRequest request = makeRequest("GET", projectUrl(u"/pipelines"_s, pipelineUrlQuery(query)));
    if (!query.ifNoneMatch.isEmpty())
        request.headers.append({QByteArrayLiteral("If-None-Match"), query.ifNoneMatch});
    auto *job = new ApiJob(m_nam, std::move(request), this);
    job->setRetryPolicy(m_retryPolicy);
    return job;
}

ApiJob *GitLabClient::pipeline(qint64 pipelineId)
{
    return get(u"/pipelines/"_s + QString::number(pipelineId));
}

ApiJob *GitLabClient::commit(const QString &sha)
{
    return get(u"/repository/commits/"_s + QString::fromLatin1(QUrl::toPercentEncoding(sha)));
}

PagedApiJob *GitLabClient::pipelineJobs(qint64 pipelineId, bool includeRetried)
{
    QUrlQuery q;
    if (includeRetried)
        q.addQueryItem(u"include_retried"_s, u"true"_s);
    q.addQueryItem(u"per_page"_s, u"100"_s);
    return getPaged(u"/pipelines/"_s + QString::number(pipelineId) + u"/jobs"_s, q, 10);
}

PagedApiJob *GitLabClient::pipelineBridges(qint64 pipelineId)
{
    QUrlQuery q;
    q.addQueryItem(u"per_page"_s, u"100"_s);
    return getPaged(u"/pipelines/"_s + QString::number(pipelineId) + u"/bridges"_s, q, 10);
}

PagedApiJob *GitLabClient::environments()
{
    QUrlQuery q;
    q.addQueryItem(u"per_page"_s, u"100"_s);
    return getPaged(u"/environments"_s, q, 10);
}

ApiJob *GitLabClient::environment(qint64 environmentId)
{
    return get(u"/environments/"_s + QString::number(environmentId));
}

PagedApiJob *GitLabClient::deployments(const DeploymentQuery &query)
{
    return getPaged(u"/deployments"_s, query.toUrlQuery(), query.maxPages);
}

ApiJob *GitLabClient::retryPipeline(qint64 pipelineId)
{
    return post(u"/pipelines/"_s + QString::number(pipelineId) + u"/retry"_s);
}

ApiJob *GitLabClient::cancelPipeline(qint64 pipelineId)
{
    return post(u"/pipelines/"_s + QString::number(pipelineId) + u"/cancel"_s);
}

ApiJob *GitLabClient::playJob(qint64 jobId)
{
    return post(u"/jobs/"_s + QString::number(jobId) + u"/play"_s);
}

ApiJob *GitLabClient::retryJob(qint64 jobId)
{
    return post(u"/jobs/"_s + QString::number(jobId) + u"/retry"_s);
}

ApiJob *GitLabClient::cancelJob(qint64 jobId)
{
    return post(u"/jobs/"_s + QString::number(jobId) + u"/cancel"_s);
}

ApiJob *GitLabClient::jobTrace(qint64 jobId)
{
    ApiRequest request = makeRequest("GET", projectUrl(u"/jobs/"_s + QString::number(jobId) + u"/trace"_s));
    request.expectJson = false;
    request.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("text/plain")});
    auto *job = new ApiJob(m_nam, std::move(request), this);
    job->setRetryPolicy(m_retryPolicy);
    return job;
}

} // namespace Shipdeck
