#pragma once

#include "router.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>

#include <functional>
#include <optional>

namespace Shipdeck::Sandbox {

class Scenario;
struct MinuteStats;
struct SentryIssue;
struct SentryProject;
struct SentryRelease;
struct SentryDeploy;

/**
 * Sentry's web API (/api/0) over the scenario: organization, projects, events-timeseries, the legacy events-stats,
 * sessions (release health), releases with deploys, and organization issues. Errors are {"detail": …}; DRF
 * validation errors are {"field": ["…"]}. Routes need their trailing slash, as in Sentry.
 */
class SentryApi
{
public:
    struct Options
    {
        bool groupedTimeseriesFails = false; ///< answer grouped events-timeseries queries with 500, as sentry.io does
    };

    SentryApi(Scenario &scenario, Options options);

    /// Answers a request for @p subPath, the part after "/api/0" (still percent-encoded).
    [[nodiscard]] HttpResponse handle(const HttpRequest &request, const QByteArray &subPath);

    [[nodiscard]] static HttpResponse detail(int status, const QString &detail);

    /// The parsed filters of a request: projects, environments and the search query.
    struct Filter
    {
        QList<const SentryProject *> projects;
        QStringList environments;
        std::optional<QSet<QString>> releases;
        std::optional<QSet<QString>> excludedReleases;
        std::optional<QSet<QString>> statuses; ///< session.status
        QString firstRelease;
        QString issueState; ///< "unresolved", "resolved" or empty
        bool wildcard = false;
    };
    struct Range
    {
        qint64 start = 0; ///< epoch seconds, inclusive
        qint64 end = 0; ///< epoch seconds, exclusive
    };

private:
    void registerRoutes();

    [[nodiscard]] std::optional<HttpResponse> parseFilter(const ApiRequest &request, Filter *filter) const;
    [[nodiscard]] std::optional<HttpResponse> parseRange(const ApiRequest &request, const QString &defaultPeriod,
                                                         Range *range) const;
    /// Calls @p visit for every (project, environment, minute) in the filter and range that has data.
    void forEachMinute(const Filter &filter, qint64 startMinute, qint64 endMinute,
                       const std::function<void(const SentryProject &, const QString &environment, qint64 minute,
                                                const QString &release, const MinuteStats &)> &visit) const;

    [[nodiscard]] QJsonObject releaseJson(const SentryRelease &release, bool health, bool adoption,
                                          const QString &healthPeriod) const;
    [[nodiscard]] static QJsonObject deployJson(const SentryDeploy &deploy);

    HttpResponse organization(const ApiRequest &request);
    HttpResponse projects(const ApiRequest &request);
    HttpResponse environments(const ApiRequest &request);
    HttpResponse eventsTimeseries(const ApiRequest &request);
    HttpResponse eventsStats(const ApiRequest &request);
    HttpResponse sessions(const ApiRequest &request);
    HttpResponse listReleases(const ApiRequest &request);
    HttpResponse createRelease(const ApiRequest &request);
    HttpResponse getRelease(const ApiRequest &request);
    HttpResponse updateRelease(const ApiRequest &request);
    HttpResponse listDeploys(const ApiRequest &request);
    HttpResponse createDeploy(const ApiRequest &request);
    HttpResponse issues(const ApiRequest &request);

    Scenario &m_scenario;
    Options m_options;
    Router m_router;
};

} // namespace Shipdeck::Sandbox
