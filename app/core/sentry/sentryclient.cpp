#include "sentryclient.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QTimer>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

namespace Shipdeck {

namespace {

using Query = QList<std::pair<QString, QString>>;

qint64 rangeOf(const QDateTime &start, const QDateTime &end, const QString &statsPeriod)
{
    if (start.isValid() && end.isValid())
        return std::max<qint64>(0, start.secsTo(end));
    return parseDuration(statsPeriod).value_or(0);
}

void addRange(Query *query, const QDateTime &start, const QDateTime &end, const QString &statsPeriod)
{
    if (start.isValid() && end.isValid()) {
        query->append({u"start"_s, start.toUTC().toString(Qt::ISODate)});
        query->append({u"end"_s, end.toUTC().toString(Qt::ISODate)});
    } else {
        query->append({u"statsPeriod"_s, statsPeriod});
    }
}

void addScope(Query *query, const QStringList &projects, const QString &environment)
{
    for (const QString &project : projects)
        query->append({u"project"_s, project});
    if (!environment.isEmpty())
        query->append({u"environment"_s, environment});
}

} // namespace

qint64 ErrorSeriesQuery::rangeSeconds() const
{
    return rangeOf(start, end, statsPeriod);
}

qint64 SessionsQuery::rangeSeconds() const
{
    return rangeOf(start, end, statsPeriod);
}

// --- SentryJob --------------------------------------------------------------------------------------------------

SentryJob::SentryJob(SentryClient *client) : QObject(client), m_client(client) { }

SentryJob::~SentryJob() = default;

void SentryJob::get(const QString &path, const Query &query)
{
    QUrl url = m_client->organizationUrl(path);
    QUrlQuery urlQuery;
    for (const auto &[key, value] : query)
        urlQuery.addQueryItem(QString::fromLatin1(QUrl::toPercentEncoding(key)),
                              QString::fromLatin1(QUrl::toPercentEncoding(value)));
    url.setQuery(urlQuery.query(QUrl::FullyEncoded), QUrl::StrictMode);
    getUrl(url);
}

void SentryJob::getUrl(const QUrl &url)
{
    ++m_requests;
    ApiJob *job = m_client->createApiJob(url, this);
    if (m_singleAttempt) {
        RetryPolicy policy = job->retryPolicy();
        policy.maxAttempts = 1;
        job->setRetryPolicy(policy);
        m_singleAttempt = false;
    }
    m_job = job;
    connect(job, &ApiJob::finished, this, [this](ApiJob *finished) {
        finished->deleteLater();
        if (m_job == finished)
            m_job = nullptr;
        m_serverDelay = finished->serverRequestedDelay();
        const RateLimitInfo limit = finished->rateLimit();
        if (limit.limit >= 0 || limit.remaining >= 0)
            m_rateLimit = limit;
        if (m_finished)
            return;
        onReply(finished);
    });
    job->start();
}

void SentryJob::finish(const ApiError &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    Q_EMIT finished(this);
    deleteLater();
}

void SentryJob::fail(ApiError::Kind kind, const QString &message)
{
    ApiError error;
    error.kind = kind;
    error.message = message;
    finish(error);
}

void SentryJob::cancel()
{
    if (m_finished)
        return;
    if (m_job) {
        ApiJob *job = m_job;
        m_job = nullptr;
        job->disconnect(this);
        job->deleteLater();
    }
    ApiError error;
    error.kind = ApiError::Kind::Cancelled;
    error.message = QCoreApplication::translate("Shipdeck::SentryClient", "Cancelled.");
    finish(error);
}

// --- timeseries -------------------------------------------------------------------------------------------------

SentryTimeseriesJob::SentryTimeseriesJob(SentryClient *client, const ErrorSeriesQuery &query, bool statsFirst)
    : SentryJob(client), m_query(query), m_fallback(statsFirst)
{
    m_query.topEvents = std::clamp(m_query.topEvents, 1, 10);
    m_interval = m_query.intervalSeconds > 0 ? m_query.intervalSeconds : chooseInterval(m_query.rangeSeconds());
}

void SentryTimeseriesJob::start()
{
    if (m_fallback) {
        requestStats();
        return;
    }
    Query query {{u"dataset"_s, u"errors"_s}, {u"yAxis"_s, u"count()"_s}};
    addScope(&query, m_query.projects, m_query.environment);
    const QString filter = SentryClient::releaseFilter(m_query.releases);
    if (!filter.isEmpty())
        query.append({u"query"_s, filter});
    query.append({u"interval"_s, QString::number(m_interval)});
    addRange(&query, m_query.start, m_query.end, m_query.statsPeriod);
    if (m_query.groupByRelease) {
        query.append({u"groupBy"_s, u"release"_s});
        query.append({u"topEvents"_s, QString::number(m_query.topEvents)});
        query.append({u"sort"_s, u"-count()"_s});
        // sentry.io answers grouped errors queries with a 500 every time: go to the fallback at once.
        m_singleAttempt = true;
    }
    get(u"events-timeseries/"_s, query);
}

void SentryTimeseriesJob::requestStats()
{
    m_fallback = true;
    Query query {{u"dataset"_s, u"errors"_s}, {u"yAxis"_s, u"count()"_s}};
    addScope(&query, m_query.projects, m_query.environment);
    const QString filter = SentryClient::releaseFilter(m_query.releases);
    query.append({u"query"_s, filter});
    query.append({u"interval"_s, durationString(m_interval)});
    query.append({u"partial"_s, u"1"_s});
    addRange(&query, m_query.start, m_query.end, m_query.statsPeriod);
    if (m_query.groupByRelease) {
        query.append({u"field"_s, u"release"_s});
        query.append({u"field"_s, u"count()"_s});
        query.append({u"topEvents"_s, QString::number(m_query.topEvents)});
        query.append({u"sort"_s, u"-count()"_s});
    }
    get(u"events-stats/"_s, query);
}

void SentryTimeseriesJob::onReply(ApiJob *job)
{
    if (job->hasError()) {
        const int status = job->httpStatus();
        if (!m_fallback && (status == 404 || status == 500)) {
            requestStats();
            return;
        }
        finish(job->error());
        return;
    }
    m_data = m_fallback ? parseEventsStats(job->json(), {u"count()"_s}, m_query.groupByRelease, m_interval * 1000)
                        : parseEventsTimeseries(job->json());
    m_warnings = m_data.warnings;
    if (!m_data.ok) {
        fail(ApiError::Kind::MalformedJson,
             QCoreApplication::translate("Shipdeck::SentryClient", "Sentry sent error counts in an unknown format."));
        return;
    }
    if (m_fallback && m_query.groupByRelease)
        m_client->m_statsForGroups = true;
    finish();
}

// --- sessions ---------------------------------------------------------------------------------------------------

SentrySessionsJob::SentrySessionsJob(SentryClient *client, const SessionsQuery &sessionsQuery) : SentryJob(client)
{
    m_interval = sessionsQuery.intervalSeconds > 0 ? sessionsQuery.intervalSeconds
                                                   : chooseInterval(sessionsQuery.rangeSeconds());
    Query query;
    for (const QString &field : sessionsQuery.fields) {
        if (sessionsQuery.groupByStatus && field.contains(u"rate("_s))
            continue; // Sentry: "Cannot group field crash_free_rate(session) by session.status"
        query.append({u"field"_s, field});
    }
    if (sessionsQuery.groupByRelease)
        query.append({u"groupBy"_s, u"release"_s});
    if (sessionsQuery.groupByStatus)
        query.append({u"groupBy"_s, u"session.status"_s});
    addScope(&query, sessionsQuery.projects, sessionsQuery.environment);
    const QString filter = SentryClient::releaseFilter(sessionsQuery.releases);
    if (!filter.isEmpty())
        query.append({u"query"_s, filter});
    query.append({u"interval"_s, durationString(m_interval)});
    addRange(&query, sessionsQuery.start, sessionsQuery.end, sessionsQuery.statsPeriod);
    query.append({u"per_page"_s, u"100"_s});
    get(u"sessions/"_s, query);
}

void SentrySessionsJob::onReply(ApiJob *job)
{
    if (job->hasError()) {
        finish(job->error());
        return;
    }
    m_data = parseSessions(job->json());
    m_warnings = m_data.warnings;
    if (!m_data.ok) {
        fail(ApiError::Kind::MalformedJson,
             QCoreApplication::translate("Shipdeck::SentryClient", "Sentry sent release health in an unknown format."));
        return;
    }
    finish();
}

// --- release ----------------------------------------------------------------------------------------------------

SentryReleaseJob::SentryReleaseJob(SentryClient *client, const QString &version, const QString &project)
    : SentryJob(client)
{
    Query query;
    if (!project.isEmpty())
        query.append({u"project"_s, project});
    // The version is one path segment: '@', '+' and the like are percent-encoded; '/' cannot occur.
    get(u"releases/"_s + QString::fromLatin1(QUrl::toPercentEncoding(version)) + u'/', query);
}

void SentryReleaseJob::onReply(ApiJob *job)
{
    if (job->hasError()) {
        finish(job->error());
        return;
    }
    QString error;
    const auto release = parseRelease(job->json(), &error);
    if (!release) {
        fail(ApiError::Kind::MalformedJson,
             QCoreApplication::translate("Shipdeck::SentryClient", "Sentry sent a release in an unknown format."));
        return;
    }
    m_release = *release;
    finish();
}

// --- deploys ----------------------------------------------------------------------------------------------------

SentryDeploysJob::SentryDeploysJob(SentryClient *client, const QString &version) : SentryJob(client), m_version(version)
{
    get(u"releases/"_s + QString::fromLatin1(QUrl::toPercentEncoding(version)) + u"/deploys/"_s, {});
}

void SentryDeploysJob::onReply(ApiJob *job)
{
    if (job->hasError()) {
        finish(job->error());
        return;
    }
    if (!job->json().isArray()) {
        fail(ApiError::Kind::MalformedJson,
             QCoreApplication::translate("Shipdeck::SentryClient", "Sentry sent the deploys in an unknown format."));
        return;
    }
    m_deploys = parseDeploys(job->json().array(), &m_warnings);
    finish();
}

// --- issues -----------------------------------------------------------------------------------------------------

SentryIssuesJob::SentryIssuesJob(SentryClient *client, int maxPages)
    : SentryJob(client), m_maxPages(std::max(1, maxPages))
{ }

void SentryIssuesJob::onReply(ApiJob *job)
{
    if (job->hasError()) {
        finish(job->error());
        return;
    }
    if (!job->json().isArray()) {
        fail(ApiError::Kind::MalformedJson,
             QCoreApplication::translate("Shipdeck::SentryClient", "Sentry sent issues in an unknown format."));
        return;
    }
    ++m_pages;
    m_issues += parseIssues(job->json().array(), &m_warnings);
    const QUrl next = job->nextPageUrl(); // empty also when Sentry marks it results="false"
    if (next.isEmpty()) {
        finish();
        return;
    }
    const QUrl base = m_client->apiBaseUrl();
    if (next.scheme() != base.scheme() || next.host() != base.host() || next.port() != base.port()) {
        // Never send the token to another server.
        fail(ApiError::Kind::InvalidUrl,
             QCoreApplication::translate("Shipdeck::SentryClient", "Sentry pointed the next page to another server."));
        return;
    }
    if (m_pages >= m_maxPages) {
        m_capped = true;
        finish();
        return;
    }
    getUrl(next);
}

// --- SentryClient -----------------------------------------------------------------------------------------------

SentryClient::SentryClient(QNetworkAccessManager *nam, const QUrl &apiBaseUrl, const QString &organization,
                           const QString &token, QObject *parent)
    : QObject(parent), m_nam(nam), m_base(apiBaseUrl), m_organization(organization), m_token(token.toUtf8())
{ }

SentryClient::~SentryClient() = default;

QUrl SentryClient::organizationUrl(const QString &path) const
{
    QUrl url = m_base;
    QString prefix = url.path(QUrl::FullyEncoded);
    while (prefix.endsWith(u'/'))
        prefix.chop(1);
    url.setPath(prefix + u"/api/0/organizations/"_s + QString::fromLatin1(QUrl::toPercentEncoding(m_organization))
                    + u'/' + path,
                QUrl::StrictMode);
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

QString SentryClient::releaseFilter(const QStringList &releases)
{
    auto quote = [](QString value) {
        return u'"' + value.replace(u'"', u"\\\""_s) + u'"';
    };
    if (releases.isEmpty())
        return {};
    if (releases.size() == 1)
        return u"release:"_s + quote(releases.first());
    QStringList quoted;
    for (const QString &release : releases)
        quoted.append(quote(release));
    return u"release:["_s + quoted.join(u","_s) + u']';
}

ApiJob *SentryClient::createApiJob(const QUrl &url, QObject *parent)
{
    ApiRequest request;
    request.url = url;
    request.timeout = m_timeout;
    request.headers.append({QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ") + m_token});
    auto *job = new ApiJob(m_nam, request, parent);
    job->setRetryPolicy(m_retry);
    ++m_requestCount;
    Q_EMIT requestSent();
    // Retries by ApiJob are requests too.
    connect(job, &ApiJob::retrying, this, [this] {
        ++m_requestCount;
        Q_EMIT requestSent();
    });
    return job;
}

SentryTimeseriesJob *SentryClient::errorSeries(const ErrorSeriesQuery &query)
{
    auto *job = new SentryTimeseriesJob(this, query, query.groupByRelease && m_statsForGroups);
    job->start();
    return job;
}

SentrySessionsJob *SentryClient::sessions(const SessionsQuery &query)
{
    return new SentrySessionsJob(this, query);
}

SentryReleaseJob *SentryClient::release(const QString &version, const QString &project)
{
    return new SentryReleaseJob(this, version, project);
}

SentryDeploysJob *SentryClient::deploys(const QString &version)
{
    return new SentryDeploysJob(this, version);
}

SentryIssuesJob *SentryClient::newIssues(const QString &release, const QStringList &projects,
                                         const QString &environment, int maxPages, int pageSize)
{
    auto *job = new SentryIssuesJob(this, maxPages);
    Query query {{u"query"_s, u"firstRelease:"_s + SentryClient::releaseFilter({release}).mid(8)},
                 {u"sort"_s, u"new"_s},
                 {u"limit"_s, QString::number(std::clamp(pageSize, 1, 100))},
                 {u"statsPeriod"_s, u"14d"_s}};
    addScope(&query, projects, environment);
    job->get(u"issues/"_s, query);
    return job;
}

} // namespace Shipdeck
