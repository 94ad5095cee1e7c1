#pragma once

#include "net/apierror.h"
#include "net/apijob.h"
#include "sentryparse.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QUrl>

#include <chrono>

class QNetworkAccessManager;

namespace Shipdeck {

class SentryClient;

/// What to chart: error counts (count()) of the errors dataset over a range, total or per release.
struct ErrorSeriesQuery
{
    QStringList projects; ///< project ids or slugs; empty = all
    QString environment; ///< empty = all
    QStringList releases; ///< only these releases (query release:…); empty = all
    bool groupByRelease = false; ///< one series per release (groupBy=release with topEvents)
    int topEvents = 5; ///< 1–10, when grouped
    qint64 intervalSeconds = 0; ///< bucket size; 0 = chooseInterval() for the range
    QString statsPeriod = QStringLiteral("24h"); ///< the range when start/end are not valid
    QDateTime start; ///< absolute range (with end); overrides statsPeriod
    QDateTime end;

    /// The length of the range in seconds (statsPeriod or end - start); 0 when unknown.
    [[nodiscard]] qint64 rangeSeconds() const;
};

/// Release health: session counts and crash-free rates.
struct SessionsQuery
{
    QStringList projects;
    QString environment;
    QStringList releases;
    bool groupByRelease = true;
    bool groupByStatus = false; ///< rates cannot be grouped by session.status; only sum(session) is asked then
    QStringList fields
        = {QStringLiteral("sum(session)"),
                          QStringLiteral("crash_free_rate(session)"), QStringLiteral("crash_free_rate(user)")};
    qint64 intervalSeconds = 0; ///< 0 = chooseInterval() for the range (at least a minute, dividing a day)
    QString statsPeriod = QStringLiteral("24h");
    QDateTime start;
    QDateTime end;

    [[nodiscard]] qint64 rangeSeconds() const;
};

/**
 * One Sentry read, from request to parsed result. Created (and started) by SentryClient; emits finished() exactly
 * once, from the event loop, and deletes itself afterwards (read the result in the slot). Deleting or cancel()ling it
 * aborts the request.
 */
class SentryJob : public QObject
{
    Q_OBJECT
public:
    ~SentryJob() override;

    [[nodiscard]] bool isFinished() const { return m_finished; }
    [[nodiscard]] const ApiError &error() const { return m_error; }
    [[nodiscard]] bool hasError() const { return m_error.isError(); }
    /// Problems in the answer that did not fail the job (skipped samples): the data is shown, with a warning.
    [[nodiscard]] const ParseWarnings &warnings() const { return m_warnings; }
    /// The delay the server asked for on the last response (rate limit), 0 when none. For pollers.
    [[nodiscard]] std::chrono::milliseconds serverRequestedDelay() const { return m_serverDelay; }
    /// HTTP requests sent for this job (a fallback or further pages add to it; retries by ApiJob do not).
    [[nodiscard]] int requestCount() const { return m_requests; }
    /// The last rate-limit state announced by the server.
    [[nodiscard]] const RateLimitInfo &rateLimit() const { return m_rateLimit; }

    void cancel();

Q_SIGNALS:
    /// The job is over (success, failure or cancellation). Emitted once; the job deletes itself afterwards.
    void finished(Shipdeck::SentryJob *job);

protected:
    SentryJob(SentryClient *client);
    /// Sends a GET of @p path (below /api/0/organizations/{org}/) with @p query; onReply() gets the answer.
    void get(const QString &path, const QList<std::pair<QString, QString>> &query);
    /// Sends a GET of an absolute @p url (a next page).
    void getUrl(const QUrl &url);
    /// Called with the finished ApiJob (deleted afterwards). Call finish() or get() again.
    virtual void onReply(ApiJob *job) = 0;
    void finish(const ApiError &error = {});
    void fail(ApiError::Kind kind, const QString &message);

    SentryClient *m_client;
    ParseWarnings m_warnings;
    bool m_singleAttempt = false; ///< the next request is not retried (an answer that triggers the fallback)

private:
    QPointer<ApiJob> m_job;
    ApiError m_error;
    RateLimitInfo m_rateLimit;
    std::chrono::milliseconds m_serverDelay {0};
    int m_requests = 0;
    bool m_finished = false;

    friend class SentryClient;
};

/// events-timeseries, with the events-stats fallback when the server answers 404 or 500.
class SentryTimeseriesJob : public SentryJob
{
    Q_OBJECT
public:
    [[nodiscard]] const TimeseriesData &data() const { return m_data; }
    [[nodiscard]] const ErrorSeriesQuery &query() const { return m_query; }
    /// Whether the answer came from events-stats.
    [[nodiscard]] bool usedFallback() const { return m_fallback; }
    /// The bucket size used, in seconds.
    [[nodiscard]] qint64 intervalSeconds() const { return m_interval; }

private:
    SentryTimeseriesJob(SentryClient *client, const ErrorSeriesQuery &query, bool statsFirst);
    void start();
    void requestStats();
    void onReply(ApiJob *job) override;

    ErrorSeriesQuery m_query;
    TimeseriesData m_data;
    qint64 m_interval = 0;
    bool m_fallback = false;
    friend class SentryClient;
};

/// sessions (release health).
class SentrySessionsJob : public SentryJob
{
    Q_OBJECT
public:
    [[nodiscard]] const SessionsData &data() const { return m_data; }
    [[nodiscard]] qint64 intervalSeconds() const { return m_interval; }

private:
    SentrySessionsJob(SentryClient *client, const SessionsQuery &query);
    void onReply(ApiJob *job) override;

    SessionsData m_data;
    qint64 m_interval = 0;
    friend class SentryClient;
};

/// releases/{version}/ (details; newGroups, last deploy).
class SentryReleaseJob : public SentryJob
{
    Q_OBJECT
public:
    [[nodiscard]] const SentryReleaseInfo &release() const { return m_release; }

private:
    SentryReleaseJob(SentryClient *client, const QString &version, const QString &project);
    void onReply(ApiJob *job) override;

    SentryReleaseInfo m_release;
    friend class SentryClient;
};

/// releases/{version}/deploys/ (the latest deploy of the release per project and environment).
class SentryDeploysJob : public SentryJob
{
    Q_OBJECT
public:
    [[nodiscard]] const QString &version() const { return m_version; }
    [[nodiscard]] const QList<SentryDeploy> &deploys() const { return m_deploys; }

private:
    SentryDeploysJob(SentryClient *client, const QString &version);
    void onReply(ApiJob *job) override;

    QString m_version;
    QList<SentryDeploy> m_deploys;
    friend class SentryClient;
};

/// issues/?query=firstRelease:"X", following the Link cursor while results="true", up to a page cap.
class SentryIssuesJob : public SentryJob
{
    Q_OBJECT
public:
    [[nodiscard]] const QList<SentryIssue> &issues() const { return m_issues; }
    [[nodiscard]] int pages() const { return m_pages; }
    /// True when more pages existed than the cap allowed.
    [[nodiscard]] bool reachedPageCap() const { return m_capped; }

private:
    SentryIssuesJob(SentryClient *client, int maxPages);
    void onReply(ApiJob *job) override;

    QList<SentryIssue> m_issues;
    int m_maxPages;
    int m_pages = 0;
    bool m_capped = false;
    friend class SentryClient;
};

/**
 * Reads error series, release health, releases and issues from the Sentry Web API of one organization.
 *
 * The QNetworkAccessManager is injected (the app-wide one); the base URL is the region host (https://us.sentry.io,
 * https://de.sentry.io, https://us2.sentry.io) or a self-hosted server, possibly with a path prefix; requests go to
 * <base>/api/0/organizations/<org>/…/ with "Authorization: Bearer <token>". Rate limits and transient failures are
 * handled by ApiJob (retry policy, X-Sentry-Rate-Limit-Reset on 429 without Retry-After).
 *
 * Grouped (per-release) series: sentry.io answers events-timeseries with HTTP 500 for topEvents queries on the
 * errors dataset, and servers without the endpoint answer 404; the job then asks events-stats, and the client
 * remembers that events-stats worked so later grouped queries go there first.
 */
class SentryClient : public QObject
{
    Q_OBJECT
public:
    SentryClient(QNetworkAccessManager *nam, const QUrl &apiBaseUrl, const QString &organization, const QString &token,
                 QObject *parent = nullptr);
    ~SentryClient() override;

    [[nodiscard]] QUrl apiBaseUrl() const { return m_base; }
    [[nodiscard]] QString organization() const { return m_organization; }

    void setRetryPolicy(const RetryPolicy &policy) { m_retry = policy; }
    [[nodiscard]] const RetryPolicy &retryPolicy() const { return m_retry; }
    /// Transfer timeout per request (default 30 s).
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    /// Error counts over time. The job is started; connect to finished().
    SentryTimeseriesJob *errorSeries(const ErrorSeriesQuery &query);
    /// Session counts and crash-free rates.
    SentrySessionsJob *sessions(const SessionsQuery &query);
    /// One release by version (e.g. "storefront@1.7.0"); @p project narrows the per-project data.
    SentryReleaseJob *release(const QString &version, const QString &project = QString());
    /// The deploy records of @p version (Sentry keeps only the latest per project and environment).
    SentryDeploysJob *deploys(const QString &version);
    /// Issues first seen in @p release, newest first.
    SentryIssuesJob *newIssues(const QString &release, const QStringList &projects = {},
                               const QString &environment = QString(), int maxPages = 10, int pageSize = 100);

    /// The URL of @p path below the organization, e.g. organizationUrl(u"events-stats/") (for tests and logs).
    [[nodiscard]] QUrl organizationUrl(const QString &path) const;
    /// Whether grouped series go to events-stats first (after a successful fallback).
    [[nodiscard]] bool prefersEventsStatsForGroups() const { return m_statsForGroups; }
    /// HTTP requests sent so far by all jobs of this client.
    [[nodiscard]] qint64 requestCount() const { return m_requestCount; }

    /// `release:"X"` or `release:["X","Y"]` for @p releases; empty for none.
    [[nodiscard]] static QString releaseFilter(const QStringList &releases);

Q_SIGNALS:
    /// A request was sent (for the "requests per minute" counter of live mode).
    void requestSent();

private:
    friend class SentryJob;
    friend class SentryTimeseriesJob;
    ApiJob *createApiJob(const QUrl &url, QObject *parent);

    QNetworkAccessManager *m_nam;
    QUrl m_base;
    QString m_organization;
    QByteArray m_token;
    RetryPolicy m_retry;
    std::chrono::milliseconds m_timeout {30000};
    bool m_statsForGroups = false;
    qint64 m_requestCount = 0;
};

} // namespace Shipdeck
