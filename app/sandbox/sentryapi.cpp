#include "sentryapi.h"

#include "apiutil.h"
#include "scenario.h"

#include <QHash>
#include <QRegularExpression>
#include <QTimeZone>

#include <algorithm>
#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace Shipdeck::Sandbox {

namespace {

const QString DoesNotExist = u"The requested resource does not exist"_s;
const QString NoPermission = u"You do not have permission to perform this action."_s;
constexpr qint64 MaxBuckets = 10000;

struct Term
{
    bool negated = false;
    QString key;
    QStringList values;
};

/// Sentry's search syntax, as far as the sandbox filters: key:value, key:"quoted value", key:[a, b], !key:value.
QList<Term> parseSearch(const QString &query)
{
    static const QRegularExpression pattern(
        u"(!?)([A-Za-z_.\\-\\[\\]]+):(\"(?:[^\"\\\\]|\\\\.)*\"|\\[[^\\]]*\\]|\\S*)"_s);
    QList<Term> terms;
    auto unquote = [](QString value) {
        value = value.trimmed();
        if (value.size() >= 2 && value.startsWith(u'"') && value.endsWith(u'"'))
            value = value.mid(1, value.size() - 2).replace(u"\\\""_s, u"\""_s);
        return value;
    };
    auto it = pattern.globalMatch(query);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        Term term;
        term.negated = !match.captured(1).isEmpty();
        term.key = match.captured(2);
        const QString raw = match.captured(3);
        if (raw.startsWith(u'[') && raw.endsWith(u']')) {
            for (const QString &part : raw.mid(1, raw.size() - 2).split(u','))
                term.values.append(unquote(part));
        } else {
            term.values.append(unquote(raw));
        }
        terms.append(term);
    }
    return terms;
}

QString latestVersion(const Scenario &scenario)
{
    const SentryRelease *latest = nullptr;
    for (const SentryRelease &release : scenario.sentryReleases()) {
        if (!latest || release.dateCreated > latest->dateCreated)
            latest = &release;
    }
    return latest ? latest->version : QString();
}

QString errorId(quint64 salt)
{
    return fakeSha(salt, 0x500).left(32);
}

/// The default bucket size for a range, as the Sentry UI picks it.
qint64 defaultInterval(qint64 span)
{
    if (span <= 3600)
        return 60;
    if (span <= 4 * 3600)
        return 300;
    if (span <= 24 * 3600)
        return 1800;
    if (span <= 7 * 86400)
        return 3600;
    if (span <= 30 * 86400)
        return 4 * 3600;
    return 86400;
}

qint64 alignDown(qint64 value, qint64 step)
{
    return value >= 0 ? value / step * step : -((-value + step - 1) / step) * step;
}

qint64 alignUp(qint64 value, qint64 step)
{
    return -alignDown(-value, step);
}

QDateTime fromSecs(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, QTimeZone::UTC);
}

QJsonValue rate(double numerator, double denominator)
{
    return denominator > 0 ? QJsonValue(numerator / denominator) : QJsonValue(QJsonValue::Null);
}

} // namespace

SentryApi::SentryApi(Scenario &scenario, Options options) : m_scenario(scenario), m_options(options)
{
    registerRoutes();
}

HttpResponse SentryApi::detail(int status, const QString &detail)
{
    return jsonResponse(status, QJsonObject {{u"detail"_s, detail}});
}

void SentryApi::registerRoutes()
{
    auto add
        = [this](const char *method, const QString &pattern, HttpResponse (SentryApi::*handler)(const ApiRequest &)) {
              m_router.add(QByteArray(method), pattern, [this, handler](const ApiRequest &request) {
                  const QString org = request.param(u"org"_s);
                  if (org != Scenario::organization() && org != "1207"_L1)
                      return detail(404, DoesNotExist);
                  return (this->*handler)(request);
              });
          };
    const QString o = u"/organizations/:org"_s;
    add("GET", o, &SentryApi::organization);
    add("GET", o + u"/projects"_s, &SentryApi::projects);
    add("GET", o + u"/environments"_s, &SentryApi::environments);
    add("GET", o + u"/events-timeseries"_s, &SentryApi::eventsTimeseries);
    add("GET", o + u"/events-stats"_s, &SentryApi::eventsStats);
    add("GET", o + u"/sessions"_s, &SentryApi::sessions);
    add("GET", o + u"/releases"_s, &SentryApi::listReleases);
    add("POST", o + u"/releases"_s, &SentryApi::createRelease);
    add("GET", o + u"/releases/:version"_s, &SentryApi::getRelease);
    add("PUT", o + u"/releases/:version"_s, &SentryApi::updateRelease);
    add("GET", o + u"/releases/:version/deploys"_s, &SentryApi::listDeploys);
    add("POST", o + u"/releases/:version/deploys"_s, &SentryApi::createDeploy);
    add("GET", o + u"/issues"_s, &SentryApi::issues);
}

HttpResponse SentryApi::handle(const HttpRequest &request, const QByteArray &subPath)
{
    RouteHandler handler;
    QHash<QString, QString> params;
    const Router::Result result = m_router.route(request.method, subPath, &handler, &params);
    if (result == Router::Result::NotFound || !subPath.endsWith('/')) {
        // Sentry's catch-all endpoint: empty 404, or a hint when the trailing slash is missing.
        if (subPath.endsWith('/'))
            return HttpResponse::text(404, QByteArray(), "text/html");
        const QByteArray path = request.rawPath;
        const QByteArray help = "Route not found, did you forget a trailing slash?";
        const QByteArray suggestion = "try: " + path + '/';
        if (request.header("content-type").startsWith("application/json"))
            return jsonResponse(404, QJsonObject {{u"info"_s, QString::fromLatin1(help + ' ' + suggestion)}});
        return HttpResponse::text(404,
                                  help + "\n\n" + suggestion + '\n' + QByteArray(suggestion.size() - 1, ' ') + "^\n");
    }
    if (result == Router::Result::MethodNotAllowed)
        return detail(405, u"Method \"%1\" not allowed."_s.arg(QString::fromLatin1(request.method)));
    const ApiRequest api {request, params, request.query(), requestOrigin(request), parseBody(request)};
    return handler(api);
}

// --- filters and ranges -----------------------------------------------------------------------------------------

std::optional<HttpResponse> SentryApi::parseFilter(const ApiRequest &request, Filter *filter) const
{
    const QStringList projectValues = request.values(u"project"_s);
    if (projectValues.isEmpty() || projectValues.contains(u"-1"_s)) {
        for (const SentryProject &project : m_scenario.sentryProjects())
            filter->projects.append(&project);
    } else {
        for (const QString &value : projectValues) {
            const SentryProject *project = m_scenario.sentryProject(value);
            if (!project)
                return detail(403, NoPermission);
            filter->projects.append(project);
        }
    }
    filter->environments = request.values(u"environment"_s);

    const QString latest = latestVersion(m_scenario);
    for (const Term &term : parseSearch(request.value(u"query"_s))) {
        QStringList values = term.values;
        for (QString &value : values) {
            if (value.contains(u'*'))
                filter->wildcard = true;
            if (value == "latest"_L1 && (term.key.startsWith(u"release"_s) || term.key.contains(u"irst"_s)))
                value = latest;
        }
        if (term.key == "release"_L1 || term.key == "release.version"_L1) {
            auto &set = term.negated ? filter->excludedReleases : filter->releases;
            if (!set)
                set = QSet<QString>();
            for (const QString &value : std::as_const(values))
                set->insert(value);
        } else if (term.key == "environment"_L1 && !term.negated) {
            filter->environments += values;
        } else if (term.key == "project"_L1 && !term.negated) {
            QList<const SentryProject *> kept;
            for (const SentryProject *project : std::as_const(filter->projects)) {
                if (values.contains(project->slug))
                    kept.append(project);
            }
            filter->projects = kept;
        } else if (term.key == "session.status"_L1) {
            filter->statuses = QSet<QString>(values.cbegin(), values.cend());
        } else if (term.key == "firstRelease"_L1 || term.key == "first-release"_L1 || term.key == "first_release"_L1) {
            filter->firstRelease = values.value(0);
        } else if (term.key == "is"_L1) {
            filter->issueState = values.value(0);
        }
    }
    return std::nullopt;
}

std::optional<HttpResponse> SentryApi::parseRange(const ApiRequest &request, const QString &defaultPeriod,
                                                  Range *range) const
{
    const qint64 now = m_scenario.now().toSecsSinceEpoch();
    const QString start = request.value(u"start"_s);
    const QString end = request.value(u"end"_s);
    if (!start.isEmpty() || !end.isEmpty()) {
        if (start.isEmpty() || end.isEmpty())
            return detail(400, u"start and end are both required"_s);
        const QDateTime from = parseIso(start), to = parseIso(end);
        if (!from.isValid() || !to.isValid())
            return detail(400, u"Invalid date range. Please try again."_s);
        if (from >= to)
            return detail(400, u"start must be before end"_s);
        range->start = from.toSecsSinceEpoch();
        range->end = to.toSecsSinceEpoch();
        return std::nullopt;
    }
    const QString period = request.has(u"statsPeriod"_s) ? request.value(u"statsPeriod"_s) : defaultPeriod;
    const std::optional<qint64> seconds = parseDuration(period);
    if (!seconds)
        return detail(400, u"Invalid statsPeriod: %1"_s.arg(period));
    range->end = now;
    range->start = now - *seconds;
    return std::nullopt;
}

void SentryApi::forEachMinute(const Filter &filter, qint64 startMinute, qint64 endMinute,
                              const std::function<void(const SentryProject &, const QString &, qint64, const QString &,
                                                       const MinuteStats &)> &visit) const
{
    const QStringList environments
        = filter.environments.isEmpty() ? Scenario::sentryEnvironments() : filter.environments;
    const qint64 first = std::max(startMinute, m_scenario.historyStartMinute());
    const qint64 last = std::min(endMinute, m_scenario.now().toSecsSinceEpoch() / 60);
    for (const SentryProject *project : filter.projects) {
        for (const QString &environment : environments) {
            if (!Scenario::sentryEnvironments().contains(environment))
                continue;
            for (qint64 minute = first; minute < last; ++minute) {
                QString release;
                const MinuteStats stats = m_scenario.minuteStats(*project, environment, minute, &release);
                if (release.isEmpty())
                    continue;
                if ((filter.releases && !filter.releases->contains(release))
                    || (filter.excludedReleases && filter.excludedReleases->contains(release)))
                    continue;
                visit(*project, environment, minute, release, stats);
            }
        }
    }
}

// --- organization -----------------------------------------------------------------------------------------------

HttpResponse SentryApi::organization(const ApiRequest &request)
{
    const QString base = request.origin + u"/sentry"_s;
    return jsonResponse(
        200,
        QJsonObject {
            {u"id"_s, u"1207"_s},
            {u"slug"_s, Scenario::organization()},
            {u"name"_s, u"Acme"_s},
            {u"status"_s, QJsonObject {{u"id"_s, u"active"_s}, {u"name"_s, u"active"_s}}},
            {u"dateCreated"_s, isoMicro(m_scenario.sentryOrgCreated())},
            {u"isEarlyAdopter"_s, false},
            {u"require2FA"_s, false},
            {u"avatar"_s,
             QJsonObject {{u"avatarType"_s, u"letter_avatar"_s},
                          {u"avatarUuid"_s, QJsonValue::Null},
                          {u"avatarUrl"_s, QJsonValue::Null}}},
            {u"links"_s, QJsonObject {{u"organizationUrl"_s, base}, {u"regionUrl"_s, base}}},
            {u"hasAuthProvider"_s, false},
            {u"allowMemberInvite"_s, true},
            {u"allowMemberProjectCreation"_s, true},
            {u"allowSuperuserAccess"_s, false},
            {u"features"_s, QJsonArray {u"discover-basic"_s, u"performance-view"_s, u"release-health"_s}},
            {u"access"_s, QJsonArray {u"org:read"_s, u"project:read"_s, u"project:releases"_s, u"event:read"_s}},
            {u"onboardingTasks"_s, QJsonArray()},
            {u"extraOptions"_s, QJsonObject()},
        });
}

HttpResponse SentryApi::projects(const ApiRequest &request)
{
    const QString latest = latestVersion(m_scenario);
    const QJsonObject team {{u"id"_s, u"31"_s}, {u"name"_s, u"Storefront"_s}, {u"slug"_s, u"storefront"_s}};
    QJsonArray all;
    for (const SentryProject &project : m_scenario.sentryProjects()) {
        QJsonObject item {
            {u"id"_s, QString::number(project.id)},
            {u"slug"_s, project.slug},
            {u"name"_s, project.name},
            {u"platform"_s, project.platform},
            {u"platforms"_s, QJsonArray {project.platform}},
            {u"dateCreated"_s, isoMicro(project.dateCreated)},
            {u"isBookmarked"_s, false},
            {u"isMember"_s, true},
            {u"hasAccess"_s, true},
            {u"access"_s, QJsonArray {u"event:read"_s, u"project:read"_s, u"project:releases"_s}},
            {u"features"_s, QJsonArray {u"releases"_s, u"minidump"_s}},
            {u"firstEvent"_s, isoMicro(fromSecs(m_scenario.historyStartMinute() * 60))},
            {u"firstTransactionEvent"_s, false},
            {u"environments"_s, QJsonArray::fromStringList(Scenario::sentryEnvironments())},
            {u"latestRelease"_s,
             latest.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(QJsonObject {{u"version"_s, latest}})},
            {u"team"_s, team},
            {u"teams"_s, QJsonArray {team}},
            {u"avatar"_s, QJsonObject {{u"avatarType"_s, u"letter_avatar"_s}, {u"avatarUuid"_s, QJsonValue::Null}}},
            {u"color"_s, project.slug == "storefront"_L1 ? u"#3f70bf"_s : u"#bf6b3f"_s},
            {u"status"_s, u"active"_s},
        };
        for (const char *flag : {"hasFeedbacks",
                                 "hasFlags",
                                 "hasMinifiedStackTrace",
                                 "hasMonitors",
                                 "hasNewFeedbacks",
                                 "hasProfiles",
                                 "hasReplays",
                                 "hasInsightsHttp",
                                 "hasInsightsDb",
                                 "hasInsightsAssets",
                                 "hasInsightsAppStart",
                                 "hasInsightsScreenLoad",
                                 "hasInsightsVitals",
                                 "hasInsightsCaches",
                                 "hasInsightsQueues",
                                 "hasInsightsAgentMonitoring",
                                 "hasInsightsMCP",
                                 "hasLogs",
                                 "hasTraceMetrics",
                                 "hasUserReports"})
            item.insert(QLatin1StringView(flag), false);
        item.insert(u"hasSessions"_s, true);
        all.append(item);
    }
    HttpResponse response = HttpResponse::json(200, QByteArray());
    response.body = compactJson(sentryPage(request.http, all, response));
    return response;
}

HttpResponse SentryApi::environments(const ApiRequest &)
{
    QJsonArray all;
    int id = 31;
    for (const QString &name : Scenario::sentryEnvironments())
        all.append(QJsonObject {{u"id"_s, QString::number(id++)}, {u"name"_s, name}});
    return jsonResponse(200, all);
}

// --- events -----------------------------------------------------------------------------------------------------

namespace {

/// Aggregated error counts per group and bucket.
struct Series
{
    QStringList key; ///< group values, in groupBy order (empty when not grouped)
    QList<double> buckets;
    double total = 0;
};

QString groupValue(const QString &dimension, const SentryProject &project, const QString &environment,
                   const QString &release)
{
    if (dimension == "release"_L1)
        return release;
    if (dimension == "environment"_L1)
        return environment;
    return project.slug;
}

/// Sums error events per group and bucket. Consecutive minutes of one stream mostly share their group, so the last
/// one is remembered (QMap keeps references stable).
struct SeriesCollector
{
    QStringList groupBy;
    QString separator;
    qint64 start = 0;
    qint64 interval = 60;
    qint64 count = 0;
    QMap<QString, Series> series;

    void add(const SentryProject &project, const QString &environment, qint64 minute, const QString &release,
             const MinuteStats &stats)
    {
        if (!m_last || &project != m_lastProject || environment != m_lastEnvironment || release != m_lastRelease) {
            m_lastProject = &project;
            m_lastEnvironment = environment;
            m_lastRelease = release;
            QStringList key;
            for (const QString &dimension : std::as_const(groupBy))
                key.append(groupValue(dimension, project, environment, release));
            m_last = &series[key.join(separator)];
            if (m_last->buckets.isEmpty()) {
                m_last->key = key;
                m_last->buckets = QList<double>(count, 0.0);
            }
        }
        m_last->buckets[(minute * 60 - start) / interval] += stats.errors;
        m_last->total += stats.errors;
    }

    // The last group, for the next minute.
    const SentryProject *m_lastProject = nullptr;
    QString m_lastEnvironment;
    QString m_lastRelease;
    Series *m_last = nullptr;
};

} // namespace

HttpResponse SentryApi::eventsTimeseries(const ApiRequest &request)
{
    const QString dataset = request.value(u"dataset"_s);
    if (dataset.isEmpty())
        return detail(400, u"A dataset is required"_s);
    if (dataset != "errors"_L1)
        return detail(400, u"The sandbox serves the errors dataset only, not %1"_s.arg(dataset));
    QStringList axes = request.values(u"yAxis"_s);
    if (axes.isEmpty())
        axes = {u"count()"_s};
    for (const QString &axis : std::as_const(axes)) {
        if (axis != "count()"_L1 && axis != "count_unique(user)"_L1)
            return detail(400, u"Unsupported yAxis: %1 (count() and count_unique(user))"_s.arg(axis));
    }
    Filter filter;
    if (auto error = parseFilter(request, &filter))
        return *error;
    Range range;
    if (auto error = parseRange(request, u"14d"_s, &range))
        return *error;
    std::optional<qint64> interval = parseDuration(request.value(u"interval"_s));
    if (!interval || *interval % 60 != 0 || *interval > range.end - range.start)
        interval = defaultInterval(range.end - range.start);

    const QStringList groupBy = request.values(u"groupBy"_s);
    int topEvents = 0;
    if (request.has(u"topEvents"_s)) {
        bool ok = false;
        topEvents = request.value(u"topEvents"_s).toInt(&ok);
        if (!ok || topEvents < 1 || topEvents > 10)
            return detail(400, u"topEvents needs to be at least 1 and at most 10"_s);
        if (groupBy.isEmpty())
            return detail(400, u"groupBy is a required parameter when topEvents is passed"_s);
        if (!request.has(u"sort"_s))
            return detail(400, u"sort is a required parameter when topEvents is passed"_s);
    }
    for (const QString &dimension : groupBy) {
        if (dimension != "release"_L1 && dimension != "environment"_L1 && dimension != "project"_L1)
            return detail(400, u"Unsupported groupBy: %1 (release, environment, project)"_s.arg(dimension));
    }
    const bool grouped = !groupBy.isEmpty();
    if (grouped && topEvents == 0)
        topEvents = 5;
    if (grouped && m_options.groupedTimeseriesFails)
        return jsonResponse(
            500, QJsonObject {{u"detail"_s, u"Internal Error"_s}, {u"errorId"_s, errorId(quint64(range.start))}});

    const qint64 start = alignDown(range.start, *interval);
    const qint64 end = alignUp(range.end, *interval);
    const qint64 count = (end - start) / *interval;
    if (count > MaxBuckets)
        return detail(400,
                      u"Your interval and date range would create too many results. Use a larger interval, or a "
                      "smaller date range."_s);

    SeriesCollector collector {groupBy, QString(QChar(0x1f)), start, *interval, count, {}};
    forEachMinute(filter, start / 60, end / 60,
                  [&](const SentryProject &project, const QString &environment, qint64 minute, const QString &release,
                      const MinuteStats &stats) { collector.add(project, environment, minute, release, stats); });
    const QMap<QString, Series> &series = collector.series;

    QList<Series> ordered = series.values();
    const bool ascending = !request.value(u"sort"_s).startsWith(u'-') && request.has(u"sort"_s);
    std::sort(ordered.begin(), ordered.end(), [&](const Series &a, const Series &b) {
        if (a.total != b.total)
            return ascending ? a.total < b.total : a.total > b.total;
        return a.key < b.key;
    });
    const qint64 now = m_scenario.now().toSecsSinceEpoch();
    auto values = [&](const QList<double> &buckets, const QString &axis) {
        QJsonArray array;
        for (qint64 i = 0; i < count; ++i) {
            const qint64 bucketStart = start + i * *interval;
            double value = buckets.isEmpty() ? 0.0 : buckets.at(i);
            if (axis == "count_unique(user)"_L1)
                value *= 0.45;
            QJsonObject item {{u"timestamp"_s, double(bucketStart) * 1000.0},
                              {u"value"_s, std::round(value)},
                              {u"incomplete"_s, bucketStart + *interval >= now - 90}};
            if (bucketStart + *interval >= now - 90)
                item.insert(u"incompleteReason"_s, u"INCOMPLETE_BUCKET"_s);
            array.append(item);
        }
        return array;
    };
    auto meta = [&](int order, bool other) {
        QJsonObject object {{u"valueType"_s, u"integer"_s},
                            {u"valueUnit"_s, QJsonValue::Null},
                            {u"interval"_s, double(*interval) * 1000.0}};
        if (grouped) {
            object.insert(u"order"_s, order);
            object.insert(u"isOther"_s, other);
        }
        return object;
    };

    QJsonArray timeSeries;
    if (!grouped) {
        const Series total = ordered.value(0);
        for (const QString &axis : std::as_const(axes))
            timeSeries.append(QJsonObject {
                {u"yAxis"_s, axis}, {u"meta"_s, meta(0, false)}, {u"values"_s, values(total.buckets, axis)}});
    } else {
        int order = 0;
        for (qsizetype i = 0; i < ordered.size() && i < topEvents; ++i, ++order) {
            QJsonArray by;
            for (qsizetype d = 0; d < groupBy.size(); ++d)
                by.append(QJsonObject {{u"key"_s, groupBy.at(d)}, {u"value"_s, ordered.at(i).key.value(d)}});
            for (const QString &axis : std::as_const(axes))
                timeSeries.append(QJsonObject {{u"yAxis"_s, axis},
                                               {u"groupBy"_s, by},
                                               {u"meta"_s, meta(order, false)},
                                               {u"values"_s, values(ordered.at(i).buckets, axis)}});
        }
        if (ordered.size() > topEvents && request.value(u"excludeOther"_s) != "1"_L1) {
            QList<double> rest(count, 0.0);
            for (qsizetype i = topEvents; i < ordered.size(); ++i) {
                for (qint64 b = 0; b < count; ++b)
                    rest[b] += ordered.at(i).buckets.at(b);
            }
            for (const QString &axis : std::as_const(axes))
                timeSeries.append(QJsonObject {
                    {u"yAxis"_s, axis}, {u"meta"_s, meta(order, true)}, {u"values"_s, values(rest, axis)}});
        }
    }
    return jsonResponse(
        200,
        QJsonObject {
            {u"meta"_s,
             QJsonObject {
                 {u"dataset"_s, dataset}, {u"start"_s, double(start) * 1000.0}, {u"end"_s, double(end) * 1000.0}}},
            {u"timeSeries"_s, timeSeries},
        });
}

HttpResponse SentryApi::eventsStats(const ApiRequest &request)
{
    QStringList axes = request.values(u"yAxis"_s);
    if (axes.isEmpty())
        axes = {u"count()"_s};
    for (QString &axis : axes) {
        if (axis == "event_count"_L1)
            axis = u"count()"_s;
        else if (axis == "user_count"_L1)
            axis = u"count_unique(user)"_s;
        if (axis != "count()"_L1 && axis != "count_unique(user)"_L1)
            return detail(400, u"Unsupported yAxis: %1 (count() and count_unique(user))"_s.arg(axis));
    }
    Filter filter;
    if (auto error = parseFilter(request, &filter))
        return *error;
    Range range;
    if (auto error = parseRange(request, u"14d"_s, &range))
        return *error;
    std::optional<qint64> interval = parseDuration(request.value(u"interval"_s));
    if (!interval || *interval % 60 != 0)
        interval = 3600; // an invalid interval silently falls back, as in Sentry
    const QString dataset = request.has(u"dataset"_s) ? request.value(u"dataset"_s) : u"errors"_s;

    // topEvents groups by the non-aggregate fields.
    QStringList groupBy;
    int topEvents = 0;
    if (request.has(u"topEvents"_s)) {
        bool ok = false;
        topEvents = request.value(u"topEvents"_s).toInt(&ok);
        if (!ok)
            return detail(400, u"topEvents must be an integer"_s);
        if (topEvents < 1 || topEvents > 10)
            return detail(400, u"topEvents needs to be at least 1 and at most 10"_s);
        for (const QString &field : request.values(u"field"_s)) {
            if (field.contains(u'('))
                continue;
            if (field != "release"_L1 && field != "environment"_L1 && field != "project"_L1)
                return detail(400, u"Unsupported field: %1 (release, environment, project)"_s.arg(field));
            groupBy.append(field);
        }
    }

    const qint64 start = alignDown(range.start, *interval);
    const bool partial = request.value(u"partial"_s) == "1"_L1;
    const qint64 end = partial ? alignUp(range.end, *interval) : alignDown(range.end, *interval);
    const qint64 count = std::max<qint64>(0, (end - start) / *interval);
    if (count > MaxBuckets)
        return detail(400,
                      u"Your interval and date range would create too many results. Use a larger interval, or a "
                      "smaller date range."_s);

    SeriesCollector collector {groupBy, u","_s, start, *interval, count, {}};
    forEachMinute(filter, start / 60, end / 60,
                  [&](const SentryProject &project, const QString &environment, qint64 minute, const QString &release,
                      const MinuteStats &stats) { collector.add(project, environment, minute, release, stats); });
    const QMap<QString, Series> &series = collector.series;

    const QJsonObject meta {
        {u"fields"_s, QJsonObject {{u"time"_s, u"date"_s}, {u"count"_s, u"integer"_s}}},
        {u"units"_s, QJsonObject {{u"time"_s, QJsonValue::Null}, {u"count"_s, QJsonValue::Null}}},
        {u"isMetricsData"_s, false},
        {u"isMetricsExtractedData"_s, false},
        {u"tips"_s, QJsonObject()},
        {u"datasetReason"_s, u"unchanged"_s},
        {u"dataset"_s, dataset},
    };
    auto single = [&](const QList<double> &buckets, const QString &axis, std::optional<int> order) {
        QJsonArray data;
        for (qint64 i = 0; i < count; ++i) {
            double value = buckets.isEmpty() ? 0.0 : buckets.at(i);
            if (axis == "count_unique(user)"_L1)
                value *= 0.45;
            data.append(
                QJsonArray {double(start + i * *interval), QJsonArray {QJsonObject {{u"count"_s, std::round(value)}}}});
        }
        QJsonObject object {{u"data"_s, data},
                            {u"start"_s, double(start)},
                            {u"end"_s, double(end)},
                            {u"isMetricsData"_s, false},
                            {u"meta"_s, meta}};
        if (order)
            object.insert(u"order"_s, *order);
        return object;
    };

    if (filter.projects.isEmpty())
        return jsonResponse(200, QJsonObject {{u"data"_s, QJsonArray()}});
    if (topEvents == 0 || series.isEmpty()) {
        const Series total = series.value(QString());
        if (axes.size() == 1)
            return jsonResponse(200, single(total.buckets, axes.first(), std::nullopt));
        QJsonObject object;
        for (qsizetype i = 0; i < axes.size(); ++i)
            object.insert(axes.at(i), single(total.buckets, axes.at(i), int(i)));
        return jsonResponse(200, topEvents == 0 ? object : QJsonObject {{QString(), object}});
    }
    QList<Series> ordered = series.values();
    const bool ascending = request.has(u"sort"_s) && !request.value(u"sort"_s).startsWith(u'-');
    std::sort(ordered.begin(), ordered.end(), [&](const Series &a, const Series &b) {
        if (a.total != b.total)
            return ascending ? a.total < b.total : a.total > b.total;
        return a.key < b.key;
    });
    QJsonObject result;
    auto put = [&](const QString &key, const QList<double> &buckets, int order) {
        if (axes.size() == 1) {
            result.insert(key, single(buckets, axes.first(), order));
            return;
        }
        QJsonObject perAxis;
        for (qsizetype i = 0; i < axes.size(); ++i)
            perAxis.insert(axes.at(i), single(buckets, axes.at(i), int(i)));
        perAxis.insert(u"order"_s, order);
        result.insert(key, perAxis);
    };
    int order = 0;
    for (qsizetype i = 0; i < ordered.size() && i < topEvents; ++i)
        put(ordered.at(i).key.join(u','), ordered.at(i).buckets, order++);
    if (ordered.size() > topEvents && request.value(u"excludeOther"_s) != "1"_L1) {
        QList<double> rest(count, 0.0);
        for (qsizetype i = topEvents; i < ordered.size(); ++i) {
            for (qint64 b = 0; b < count; ++b)
                rest[b] += ordered.at(i).buckets.at(b);
        }
        put(u"Other"_s, rest, order);
    }
    return jsonResponse(200, result);
}

// --- sessions ---------------------------------------------------------------------------------------------------

namespace {

struct SessionTotals
{
    double sessions = 0, healthy = 0, errored = 0, crashed = 0, abnormal = 0, users = 0, crashedUsers = 0;

    void add(const MinuteStats &stats)
    {
        sessions += stats.sessions;
        healthy += stats.healthy;
        errored += stats.errored;
        crashed += stats.crashed;
        abnormal += stats.abnormal;
        users += stats.users;
        crashedUsers += stats.crashedUsers;
    }

    /// The value of @p field; for a session.status group only the sessions of that status count.
    QJsonValue value(const QString &field, const QString &status) const
    {
        double count = sessions, userCount = users;
        if (!status.isEmpty()) {
            count = status == "healthy"_L1 ? healthy
                : status == "errored"_L1   ? errored
                : status == "crashed"_L1   ? crashed
                                           : abnormal;
            userCount = status == "crashed"_L1 ? crashedUsers : (sessions > 0 ? users * count / sessions : 0);
        }
        if (field == "sum(session)"_L1)
            return count;
        if (field == "count_unique(user)"_L1)
            return std::round(userCount);
        const double unhealthy = errored + crashed + abnormal;
        if (field == "crash_free_rate(session)"_L1)
            return rate(sessions - crashed, sessions);
        if (field == "crash_free_rate(user)"_L1)
            return rate(users - crashedUsers, users);
        if (field == "crash_rate(session)"_L1)
            return rate(crashed, sessions);
        if (field == "crash_rate(user)"_L1)
            return rate(crashedUsers, users);
        if (field == "errored_rate(session)"_L1 || field == "unhealthy_rate(session)"_L1)
            return rate(unhealthy, sessions);
        if (field == "abnormal_rate(session)"_L1)
            return rate(abnormal, sessions);
        return QJsonValue::Null;
    }
};

const QStringList SessionFields {
    u"sum(session)"_s,          u"count_unique(user)"_s,      u"crash_free_rate(session)"_s,
    u"crash_free_rate(user)"_s, u"crash_rate(session)"_s,     u"crash_rate(user)"_s,
    u"errored_rate(session)"_s, u"unhealthy_rate(session)"_s, u"abnormal_rate(session)"_s};
const QStringList SessionStatuses {u"abnormal"_s, u"crashed"_s, u"errored"_s, u"healthy"_s};

} // namespace

HttpResponse SentryApi::sessions(const ApiRequest &request)
{
    const QStringList fields = request.values(u"field"_s);
    if (fields.isEmpty())
        return detail(400, u"Request is missing a \"field\""_s);
    for (const QString &field : fields) {
        if (!SessionFields.contains(field))
            return detail(400, u"Invalid field: \"%1\""_s.arg(field));
    }
    const QStringList groupBy = request.values(u"groupBy"_s);
    for (const QString &dimension : groupBy) {
        if (dimension != "project"_L1 && dimension != "release"_L1 && dimension != "environment"_L1
            && dimension != "session.status"_L1)
            return detail(400, u"Invalid groupBy: \"%1\""_s.arg(dimension));
    }
    const bool byStatus = groupBy.contains(u"session.status"_s);
    if (byStatus) {
        for (const QString &field : fields) {
            if (field.contains(u"rate("_s))
                return detail(400, u"Cannot group field %1 by session.status"_s.arg(field));
        }
    }
    Filter filter;
    if (auto error = parseFilter(request, &filter))
        return *error;
    if (filter.wildcard)
        return detail(400, u"Invalid condition: wildcard search is not supported"_s);
    if (filter.statuses) {
        for (const QString &field : fields) {
            if (field.contains(u"rate("_s))
                return detail(400, u"Cannot filter field %1 by session.status"_s.arg(field));
        }
    }
    Range range;
    if (auto error = parseRange(request, u"24h"_s, &range))
        return *error;
    qint64 interval = 3600;
    if (request.has(u"interval"_s)) {
        const std::optional<qint64> parsed = parseDuration(request.value(u"interval"_s));
        if (!parsed)
            return detail(400, u"Invalid interval: %1"_s.arg(request.value(u"interval"_s)));
        if (*parsed % 60 != 0)
            return detail(400, u"The interval has to be a multiple of the minimum interval of one minute."_s);
        if (86400 % *parsed != 0)
            return detail(400, u"The interval should divide one day without a remainder."_s);
        interval = *parsed;
    }
    const qint64 start = alignDown(range.start, interval);
    const qint64 end = alignUp(range.end, interval);
    const qint64 count = (end - start) / interval;

    struct Group
    {
        QJsonObject by;
        QString status;
        SessionTotals totals;
        QList<SessionTotals> buckets;
    };
    QMap<QString, Group> groups;
    // Consecutive minutes of one stream mostly share their groups: remember the last ones.
    const SentryProject *lastProject = nullptr;
    QString lastEnvironment, lastRelease;
    QList<Group *> lastGroups;
    forEachMinute(filter, start / 60, end / 60,
                  [&](const SentryProject &project, const QString &environment, qint64 minute, const QString &release,
                      const MinuteStats &stats) {
                      if (&project != lastProject || environment != lastEnvironment || release != lastRelease) {
                          lastProject = &project;
                          lastEnvironment = environment;
                          lastRelease = release;
                          lastGroups.clear();
                          QJsonObject by;
                          for (const QString &dimension : groupBy) {
                              if (dimension == "project"_L1)
                                  by.insert(dimension, project.id);
                              else if (dimension == "release"_L1)
                                  by.insert(dimension, release);
                              else if (dimension == "environment"_L1)
                                  by.insert(dimension, environment);
                          }
                          const QString key = QString::fromUtf8(compactJson(by));
                          const QStringList statuses = byStatus ? SessionStatuses : QStringList {QString()};
                          for (const QString &status : statuses) {
                              if (filter.statuses && !status.isEmpty() && !filter.statuses->contains(status))
                                  continue;
                              Group &group = groups[key + status];
                              if (group.buckets.isEmpty()) {
                                  group.by = by;
                                  group.status = status;
                                  if (!status.isEmpty())
                                      group.by.insert(u"session.status"_s, status);
                                  group.buckets = QList<SessionTotals>(count);
                              }
                              lastGroups.append(&group);
                          }
                      }
                      for (Group *group : std::as_const(lastGroups)) {
                          group->totals.add(stats);
                          group->buckets[(minute * 60 - start) / interval].add(stats);
                      }
                  });
    if (groups.isEmpty() && groupBy.isEmpty()) {
        Group empty;
        empty.buckets = QList<SessionTotals>(count);
        groups.insert(QString(), empty);
    }
    if (count * std::max<qsizetype>(1, groups.size()) > MaxBuckets)
        return detail(400,
                      u"Your interval and date range would create too many results. Use a larger interval, or a "
                      "smaller date range."_s);

    QList<Group> ordered = groups.values();
    const QString orderBy = request.value(u"orderBy"_s);
    if (!orderBy.isEmpty()) {
        const bool descending = orderBy.startsWith(u'-');
        const QString field = descending ? orderBy.mid(1) : orderBy;
        if (field == "release.timestamp"_L1) {
            std::stable_sort(ordered.begin(), ordered.end(), [&](const Group &a, const Group &b) {
                const int c = Scenario::compareVersions(a.by.value(u"release"_s).toString(),
                                                        b.by.value(u"release"_s).toString());
                return descending ? c > 0 : c < 0;
            });
        } else if (!fields.contains(field)) {
            return detail(400, u"'orderBy' must be one of the provided 'fields'"_s);
        } else {
            std::stable_sort(ordered.begin(), ordered.end(), [&](const Group &a, const Group &b) {
                const double va = a.totals.value(field, a.status).toDouble(-1);
                const double vb = b.totals.value(field, b.status).toDouble(-1);
                return descending ? va > vb : va < vb;
            });
        }
    }
    const bool includeTotals = request.value(u"includeTotals"_s) != "0"_L1;
    const bool includeSeries = request.value(u"includeSeries"_s) != "0"_L1;
    QJsonArray all;
    for (const Group &group : std::as_const(ordered)) {
        QJsonObject totals, series;
        for (const QString &field : fields) {
            totals.insert(field, group.totals.value(field, group.status));
            QJsonArray values;
            for (const SessionTotals &bucket : group.buckets)
                values.append(bucket.value(field, group.status));
            series.insert(field, values);
        }
        QJsonObject item {{u"by"_s, group.by}};
        item.insert(u"totals"_s, includeTotals ? totals : QJsonObject());
        item.insert(u"series"_s, includeSeries ? series : QJsonObject());
        all.append(item);
    }
    QJsonArray intervals;
    if (includeSeries) {
        for (qint64 i = 0; i < count; ++i)
            intervals.append(isoSec(fromSecs(start + i * interval)));
    }
    HttpResponse response = HttpResponse::json(200, QByteArray());
    const QJsonArray groupsPage = sentryPage(request.http, all, response, 100);
    response.body = compactJson(QJsonObject {
        {u"start"_s, isoSec(fromSecs(start))},
        {u"end"_s, isoSec(fromSecs(end))},
        {u"intervals"_s, intervals},
        {u"groups"_s, groupsPage},
        {u"query"_s, request.value(u"query"_s)},
    });
    return response;
}

// --- releases and deploys ---------------------------------------------------------------------------------------

QJsonObject SentryApi::deployJson(const SentryDeploy &deploy)
{
    return QJsonObject {
        {u"id"_s, deploy.id},
        {u"environment"_s, deploy.environment},
        {u"dateStarted"_s, isoMicroOrNull(deploy.dateStarted)},
        {u"dateFinished"_s, isoMicro(deploy.dateFinished)},
        {u"name"_s, deploy.name.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(deploy.name)},
        {u"url"_s, deploy.url.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(deploy.url)},
    };
}

QJsonObject SentryApi::releaseJson(const SentryRelease &release, bool health, bool adoption,
                                   const QString &healthPeriod) const
{
    const qsizetype at = release.version.indexOf(u'@');
    const QString package = at >= 0 ? release.version.left(at) : QString();
    const QString raw = at >= 0 ? release.version.mid(at + 1) : release.version;
    static const QRegularExpression semver(
        u"^(\\d+)\\.(\\d+)\\.(\\d+)(?:-([0-9A-Za-z.-]+))?(?:\\+([0-9A-Za-z.-]+))?$"_s);
    const QRegularExpressionMatch match = semver.match(raw);
    QJsonValue versionInfo = QJsonValue::Null;
    if (match.hasMatch()) {
        versionInfo = QJsonObject {
            {u"package"_s, package.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(package)},
            {u"version"_s,
             QJsonObject {
                 {u"raw"_s, raw},
                 {u"major"_s, match.captured(1).toInt()},
                 {u"minor"_s, match.captured(2).toInt()},
                 {u"patch"_s, match.captured(3).toInt()},
                 {u"pre"_s, match.captured(4).isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(match.captured(4))},
                 {u"buildCode"_s,
                  match.captured(5).isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(match.captured(5))},
                 {u"components"_s, 3},
             }},
            {u"description"_s, raw},
            {u"buildHash"_s, QJsonValue::Null},
        };
    } else {
        versionInfo
            = QJsonObject {{u"package"_s, package.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(package)},
                           {u"version"_s, QJsonObject {{u"raw"_s, raw}}},
                           {u"description"_s, raw},
                           {u"buildHash"_s, QJsonValue::Null}};
    }

    const SentryDeploy *last = nullptr;
    int deployCount = 0;
    for (const SentryDeploy &deploy : m_scenario.sentryDeploys()) {
        if (deploy.version != release.version)
            continue;
        ++deployCount;
        if (!last || deploy.dateFinished >= last->dateFinished)
            last = &deploy;
    }
    const auto activity = m_scenario.releaseActivity(release.version);

    // Issues first seen in this release that have been seen at all.
    int newGroups = 0;
    QHash<QString, int> newGroupsPerProject;
    for (const SentryIssue &issue : m_scenario.sentryIssues()) {
        if (issue.firstRelease != release.version || !activity)
            continue;
        if (issue.regression && !m_scenario.isBadRelease(release.version, u"production"_s))
            continue;
        if (issue.regression) {
            const auto production = m_scenario.releaseAt(u"production"_s, activity->second) == release.version
                || std::any_of(m_scenario.sentryDeploys().cbegin(), m_scenario.sentryDeploys().cend(),
                               [&](const SentryDeploy &d) {
                                   return d.version == release.version && d.environment == "production"_L1;
                               });
            if (!production)
                continue;
        }
        ++newGroups;
        ++newGroupsPerProject[issue.project];
    }

    const qint64 now = m_scenario.now().toSecsSinceEpoch();
    QJsonArray projects;
    for (const QString &slug : release.projects) {
        const SentryProject *project = m_scenario.sentryProject(slug);
        if (!project)
            continue;
        QJsonObject item {
            {u"id"_s, project->id},
            {u"slug"_s, project->slug},
            {u"name"_s, project->name},
            {u"newGroups"_s, newGroupsPerProject.value(slug)},
            {u"platform"_s, project->platform},
            {u"platforms"_s, QJsonArray {project->platform}},
            {u"hasHealthData"_s, activity.has_value()},
        };
        if (health) {
            const qint64 span = parseDuration(healthPeriod).value_or(86400);
            SessionTotals mine, all24, mineAll;
            QJsonArray stats;
            const qint64 bucket = span > 2 * 86400 ? 86400 : 3600;
            const qint64 startBucket = alignDown(now - span, bucket);
            QList<double> perBucket(std::max<qint64>(1, (alignUp(now, bucket) - startBucket) / bucket), 0.0);
            for (const QString &environment : Scenario::sentryEnvironments()) {
                for (qint64 minute = std::max(m_scenario.historyStartMinute(), (now - 86400 * 14) / 60);
                     minute < now / 60; ++minute) {
                    QString version;
                    const MinuteStats s = m_scenario.minuteStats(*project, environment, minute, &version);
                    if (minute * 60 >= now - 86400)
                        all24.add(s);
                    if (version != release.version)
                        continue;
                    mineAll.add(s);
                    if (minute * 60 >= now - 86400)
                        mine.add(s);
                    if (minute * 60 >= startBucket)
                        perBucket[(minute * 60 - startBucket) / bucket] += s.sessions;
                }
            }
            for (qsizetype i = 0; i < perBucket.size(); ++i)
                stats.append(QJsonArray {startBucket + i * bucket, perBucket.at(i)});
            item.insert(
                u"healthData"_s,
                QJsonObject {
                    {u"durationP50"_s, QJsonValue::Null},
                    {u"durationP90"_s, QJsonValue::Null},
                    {u"crashFreeUsers"_s,
                     mineAll.users > 0 ? QJsonValue(100.0 * (mineAll.users - mineAll.crashedUsers) / mineAll.users)
                                       : QJsonValue(QJsonValue::Null)},
                    {u"crashFreeSessions"_s,
                     mineAll.sessions > 0 ? QJsonValue(100.0 * (mineAll.sessions - mineAll.crashed) / mineAll.sessions)
                                          : QJsonValue(QJsonValue::Null)},
                    {u"totalUsers"_s, qint64(mineAll.users)},
                    {u"totalUsers24h"_s, qint64(mine.users)},
                    {u"totalProjectUsers24h"_s, qint64(all24.users)},
                    {u"totalSessions"_s, qint64(mineAll.sessions)},
                    {u"totalSessions24h"_s, qint64(mine.sessions)},
                    {u"totalProjectSessions24h"_s, qint64(all24.sessions)},
                    {u"adoption"_s, rate(100.0 * mine.users, all24.users)},
                    {u"sessionsAdoption"_s, rate(100.0 * mine.sessions, all24.sessions)},
                    {u"sessionsCrashed"_s, qint64(mineAll.crashed)},
                    {u"sessionsErrored"_s, qint64(mineAll.errored + mineAll.crashed + mineAll.abnormal)},
                    {u"hasHealthData"_s, mineAll.sessions > 0},
                    {u"stats"_s, QJsonObject {{healthPeriod, stats}}},
                });
        }
        projects.append(item);
    }

    QJsonObject object {
        {u"id"_s, release.id},
        {u"version"_s, release.version},
        {u"shortVersion"_s, release.version},
        {u"status"_s, release.status},
        {u"versionInfo"_s, versionInfo},
        {u"ref"_s, release.ref.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(release.ref)},
        {u"url"_s, release.url.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(release.url)},
        {u"dateCreated"_s, isoMicro(release.dateCreated)},
        {u"dateReleased"_s, isoMicroOrNull(release.dateReleased)},
        {u"dateStarted"_s, QJsonValue::Null},
        {u"data"_s, QJsonObject()},
        {u"newGroups"_s, newGroups},
        {u"owner"_s, QJsonValue::Null},
        {u"commitCount"_s, release.commitCount},
        {u"lastCommit"_s, QJsonValue::Null},
        {u"deployCount"_s, deployCount},
        {u"lastDeploy"_s, last ? QJsonValue(deployJson(*last)) : QJsonValue(QJsonValue::Null)},
        {u"authors"_s, QJsonArray()},
        {u"projects"_s, projects},
        {u"firstEvent"_s,
         activity ? QJsonValue(isoMicro(fromSecs(activity->first * 60))) : QJsonValue(QJsonValue::Null)},
        {u"lastEvent"_s,
         activity ? QJsonValue(isoMicro(fromSecs(activity->second * 60 + 59))) : QJsonValue(QJsonValue::Null)},
        {u"currentProjectMeta"_s, QJsonObject()},
        {u"userAgent"_s, QJsonValue::Null},
    };
    if (adoption) {
        QJsonObject stages;
        for (const SentryProject &project : m_scenario.sentryProjects()) {
            if (!release.projects.contains(project.slug))
                continue;
            // Adopted while it runs in production; replaced once another release took over.
            QDateTime adopted, unadopted;
            const QString current = m_scenario.releaseAt(u"production"_s, now / 60 - 1);
            for (const SentryDeploy &deploy : m_scenario.sentryDeploys()) {
                if (deploy.environment != "production"_L1)
                    continue;
                if (deploy.version == release.version && !adopted.isValid())
                    adopted = deploy.dateFinished;
                else if (adopted.isValid() && deploy.version != release.version && deploy.dateFinished > adopted)
                    unadopted = deploy.dateFinished;
            }
            const QString stage = current == release.version ? u"adopted"_s
                : adopted.isValid()                          ? u"replaced"_s
                                                             : u"low_adoption"_s;
            stages.insert(
                project.slug,
                QJsonObject {{u"stage"_s, stage},
                             {u"adopted"_s, isoMicroOrNull(adopted)},
                             {u"unadopted"_s,
                              current == release.version ? QJsonValue(QJsonValue::Null) : isoMicroOrNull(unadopted)}});
        }
        object.insert(u"adoptionStages"_s, stages);
    }
    return object;
}

HttpResponse SentryApi::listReleases(const ApiRequest &request)
{
    Filter filter;
    if (auto error = parseFilter(request, &filter))
        return *error;
    const QString query = request.value(u"query"_s);
    const QString status = request.has(u"status"_s) ? request.value(u"status"_s) : u"open"_s;
    const QString sort = request.has(u"sort"_s) ? request.value(u"sort"_s) : u"date"_s;
    QList<const SentryRelease *> selected;
    for (const SentryRelease &release : m_scenario.sentryReleases()) {
        if (!query.isEmpty() && !release.version.contains(query, Qt::CaseInsensitive))
            continue;
        if (release.status != status)
            continue;
        const bool inProject = std::any_of(filter.projects.cbegin(), filter.projects.cend(),
                                           [&](const SentryProject *p) { return release.projects.contains(p->slug); });
        if (!inProject)
            continue;
        if (!request.values(u"environment"_s).isEmpty()) {
            const QStringList environments = request.values(u"environment"_s);
            const bool deployed = std::any_of(
                m_scenario.sentryDeploys().cbegin(), m_scenario.sentryDeploys().cend(), [&](const SentryDeploy &d) {
                    return d.version == release.version && environments.contains(d.environment);
                });
            if (!deployed)
                continue;
        }
        selected.append(&release);
    }
    std::stable_sort(selected.begin(), selected.end(), [&](const SentryRelease *a, const SentryRelease *b) {
        if (sort == "semver"_L1)
            return Scenario::compareVersions(a->version, b->version) > 0;
        return a->dateCreated > b->dateCreated;
    });
    const bool health = request.value(u"health"_s) == "1"_L1 || request.value(u"health"_s) == "true"_L1;
    const bool adoption
        = request.value(u"adoptionStages"_s) == "1"_L1 || request.value(u"adoptionStages"_s) == "true"_L1;
    const QString period = request.has(u"healthStatsPeriod"_s) ? request.value(u"healthStatsPeriod"_s) : u"24h"_s;
    QJsonArray all;
    for (const SentryRelease *release : std::as_const(selected))
        all.append(releaseJson(*release, health, adoption, period));
    HttpResponse response = HttpResponse::json(200, QByteArray());
    response.body = compactJson(sentryPage(request.http, all, response, 100));
    return response;
}

HttpResponse SentryApi::createRelease(const ApiRequest &request)
{
    QJsonObject errors;
    const QString version = request.input(u"version"_s).toString();
    if (version.isEmpty())
        errors.insert(u"version"_s, QJsonArray {u"This field is required."_s});
    else if (version.contains(u'/') || version == "."_L1 || version == ".."_L1 || version.contains(u'\n'))
        errors.insert(u"version"_s, QJsonArray {u"Release with name %1 is not allowed"_s.arg(version)});
    const QJsonValue projectsValue = request.input(u"projects"_s);
    QStringList projects;
    if (!projectsValue.isArray() || projectsValue.toArray().isEmpty()) {
        errors.insert(u"projects"_s, QJsonArray {u"This field is required."_s});
    } else {
        QStringList invalid;
        for (const QJsonValue &value : projectsValue.toArray()) {
            const QString key = value.isDouble() ? QString::number(value.toInt()) : value.toString();
            if (const SentryProject *project = m_scenario.sentryProject(key))
                projects.append(project->slug);
            else
                invalid.append(key);
        }
        if (!invalid.isEmpty())
            errors.insert(u"projects"_s, QJsonArray {u"Invalid project ids or slugs: %1"_s.arg(invalid.join(u", "_s))});
    }
    QDateTime released;
    if (request.input(u"dateReleased"_s).isString()) {
        released = parseIso(request.input(u"dateReleased"_s).toString());
        if (!released.isValid())
            errors.insert(u"dateReleased"_s,
                          QJsonArray {u"Datetime has wrong format. Use one of these formats instead: "
                                      "YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."_s});
    }
    if (!errors.isEmpty())
        return jsonResponse(400, errors);

    SentryRelease release;
    release.version = version;
    release.projects = projects;
    release.ref = request.input(u"ref"_s).toString();
    release.url = request.input(u"url"_s).toString();
    release.dateReleased = released;
    release.dateCreated = m_scenario.now();
    SentryRelease result;
    const bool created = m_scenario.createSentryRelease(release, &result);
    return jsonResponse(created ? 201 : 208, releaseJson(result, false, false, u"24h"_s));
}

HttpResponse SentryApi::getRelease(const ApiRequest &request)
{
    const SentryRelease *release = m_scenario.sentryRelease(request.param(u"version"_s));
    if (!release)
        return detail(404, DoesNotExist);
    const bool health = request.value(u"health"_s) == "1"_L1 || request.value(u"health"_s) == "true"_L1;
    const bool adoption
        = request.value(u"adoptionStages"_s) == "1"_L1 || request.value(u"adoptionStages"_s) == "true"_L1;
    const QString period = request.has(u"healthStatsPeriod"_s) ? request.value(u"healthStatsPeriod"_s) : u"24h"_s;
    return jsonResponse(200, releaseJson(*release, health, adoption, period));
}

HttpResponse SentryApi::updateRelease(const ApiRequest &request)
{
    const SentryRelease *existing = m_scenario.sentryRelease(request.param(u"version"_s));
    if (!existing)
        return detail(404, DoesNotExist);
    SentryRelease release = *existing;
    if (request.input(u"ref"_s).isString())
        release.ref = request.input(u"ref"_s).toString();
    if (request.input(u"url"_s).isString())
        release.url = request.input(u"url"_s).toString();
    if (request.input(u"status"_s).isString())
        release.status = request.input(u"status"_s).toString();
    if (request.input(u"dateReleased"_s).isString()) {
        release.dateReleased = parseIso(request.input(u"dateReleased"_s).toString());
        if (!release.dateReleased.isValid())
            return jsonResponse(400, QJsonObject {{u"dateReleased"_s, QJsonArray {u"Datetime has wrong format."_s}}});
    }
    m_scenario.updateSentryRelease(release);
    return jsonResponse(200, releaseJson(release, false, false, u"24h"_s));
}

HttpResponse SentryApi::listDeploys(const ApiRequest &request)
{
    const QString version = request.param(u"version"_s);
    if (!m_scenario.sentryRelease(version))
        return detail(404, DoesNotExist);
    // Only the latest deploy per (project, environment), newest first.
    QHash<QString, const SentryDeploy *> latest;
    for (const SentryDeploy &deploy : m_scenario.sentryDeploys()) {
        if (deploy.version != version)
            continue;
        for (const QString &project : deploy.projects) {
            const QString key = project + u'\x1f' + deploy.environment;
            const SentryDeploy *current = latest.value(key);
            if (!current || deploy.dateFinished >= current->dateFinished)
                latest.insert(key, &deploy);
        }
    }
    QList<const SentryDeploy *> unique;
    for (const SentryDeploy *deploy : std::as_const(latest)) {
        if (!unique.contains(deploy))
            unique.append(deploy);
    }
    std::sort(unique.begin(), unique.end(), [](const SentryDeploy *a, const SentryDeploy *b) {
        return a->dateFinished != b->dateFinished ? a->dateFinished > b->dateFinished : a->id.toInt() > b->id.toInt();
    });
    QJsonArray all;
    for (const SentryDeploy *deploy : std::as_const(unique))
        all.append(deployJson(*deploy));
    HttpResponse response = HttpResponse::json(200, QByteArray());
    response.body = compactJson(sentryPage(request.http, all, response, 100));
    return response;
}

HttpResponse SentryApi::createDeploy(const ApiRequest &request)
{
    const SentryRelease *release = m_scenario.sentryRelease(request.param(u"version"_s));
    if (!release)
        return detail(404, DoesNotExist);
    QJsonObject errors;
    const QString environment = request.input(u"environment"_s).toString();
    static const QRegularExpression validName(u"^[^\\n\\r\\f/]{1,64}$"_s);
    if (environment.isEmpty())
        errors.insert(u"environment"_s, QJsonArray {u"This field is required."_s});
    else if (!validName.match(environment).hasMatch())
        errors.insert(u"environment"_s, QJsonArray {u"Invalid value for environment"_s});
    SentryDeploy deploy;
    deploy.version = release->version;
    deploy.environment = environment;
    deploy.name = request.input(u"name"_s).isString() ? request.input(u"name"_s).toString() : QString();
    deploy.url = request.input(u"url"_s).toString();
    for (const char *field : {"dateStarted", "dateFinished"}) {
        const QString name = QString::fromLatin1(field);
        if (!request.input(name).isString())
            continue;
        const QDateTime time = parseIso(request.input(name).toString());
        if (!time.isValid())
            errors.insert(name, QJsonArray {u"Datetime has wrong format."_s});
        (name == "dateStarted"_L1 ? deploy.dateStarted : deploy.dateFinished) = time;
    }
    if (request.input(u"projects"_s).isArray()) {
        QStringList invalid;
        for (const QJsonValue &value : request.input(u"projects"_s).toArray()) {
            const QString key = value.isDouble() ? QString::number(value.toInt()) : value.toString();
            const SentryProject *project = m_scenario.sentryProject(key);
            if (project && release->projects.contains(project->slug))
                deploy.projects.append(project->slug);
            else
                invalid.append(key);
        }
        if (!invalid.isEmpty())
            return detail(400, u"Invalid projects (%1) for release %2"_s.arg(invalid.join(u", "_s), release->version));
    }
    if (!errors.isEmpty())
        return jsonResponse(400, errors);
    return jsonResponse(201, deployJson(m_scenario.addSentryDeploy(deploy)));
}

// --- issues -----------------------------------------------------------------------------------------------------

HttpResponse SentryApi::issues(const ApiRequest &request)
{
    Filter filter;
    if (auto error = parseFilter(request, &filter))
        return *error;
    // The query defaults to "is:unresolved" when the parameter is absent.
    if (!request.has(u"query"_s))
        filter.issueState = u"unresolved"_s;
    Range range;
    if (auto error = parseRange(request, u"14d"_s, &range))
        return *error;
    const qint64 now = m_scenario.now().toSecsSinceEpoch();
    const QString groupStats = request.has(u"groupStatsPeriod"_s) ? request.value(u"groupStatsPeriod"_s) : u"24h"_s;
    const bool daily = groupStats == "14d"_L1;
    const qint64 statsBucket = daily ? 86400 : 3600;
    const qint64 statsCount = daily ? 14 : 24;
    const qint64 statsStart = alignUp(now, statsBucket) - statsCount * statsBucket;

    struct Tally
    {
        double lifetime = 0, inRange = 0;
        qint64 firstSeen = -1, lastSeen = -1;
        QSet<QString> releases;
        QString lastRelease; ///< the last one inserted into releases
        QList<double> stats;
    };
    const QList<SentryIssue> &all = m_scenario.sentryIssues();
    QList<Tally> tallies(all.size());
    struct Active
    {
        QList<qsizetype> baseline, regression;
        double baselineWeight = 0, regressionWeight = 0;
    };
    QHash<QString, Active> activeByRelease; // per project and release
    auto activeFor = [&](const SentryProject &project, const QString &release) -> const Active & {
        const QString key = project.slug + u'\x1f' + release;
        auto it = activeByRelease.find(key);
        if (it != activeByRelease.end())
            return *it;
        Active active;
        for (qsizetype i = 0; i < all.size(); ++i) {
            const SentryIssue &issue = all.at(i);
            if (issue.project != project.slug)
                continue;
            if (issue.regression) {
                if (issue.firstRelease == release) {
                    active.regression.append(i);
                    active.regressionWeight += issue.weight;
                }
            } else if (Scenario::compareVersions(issue.firstRelease, release) <= 0
                       && (issue.lastRelease.isEmpty() || Scenario::compareVersions(release, issue.lastRelease) <= 0)) {
                active.baseline.append(i);
                active.baselineWeight += issue.weight;
            }
        }
        return *activeByRelease.insert(key, active);
    };
    const SentryProject *lastProject = nullptr;
    QString lastRelease;
    const Active *lastActive = nullptr;
    Filter everything = filter;
    everything.releases.reset(); // release filters pick issues, they do not cut their counts
    everything.excludedReleases.reset();
    everything.projects.clear();
    for (const SentryProject &project : m_scenario.sentryProjects())
        everything.projects.append(&project);
    forEachMinute(everything, m_scenario.historyStartMinute(), now / 60,
                  [&](const SentryProject &project, const QString &, qint64 minute, const QString &release,
                      const MinuteStats &stats) {
                      if (&project != lastProject || release != lastRelease) {
                          lastProject = &project;
                          lastRelease = release;
                          lastActive = &activeFor(project, release);
                      }
                      const Active &active = *lastActive;
                      auto credit = [&](qsizetype index, double share) {
                          if (share <= 0)
                              return;
                          Tally &tally = tallies[index];
                          if (tally.stats.isEmpty())
                              tally.stats = QList<double>(statsCount, 0.0);
                          tally.lifetime += share;
                          if (tally.firstSeen < 0)
                              tally.firstSeen = minute;
                          tally.lastSeen = std::max(tally.lastSeen, minute);
                          if (minute * 60 >= range.start && minute * 60 < range.end) {
                              tally.inRange += share;
                              if (tally.lastRelease != release) {
                                  tally.releases.insert(release);
                                  tally.lastRelease = release;
                              }
                          }
                          if (minute * 60 >= statsStart)
                              tally.stats[(minute * 60 - statsStart) / statsBucket] += share;
                      };
                      for (qsizetype index : active.baseline)
                          credit(index, stats.baselineErrors * all.at(index).weight / active.baselineWeight);
                      if (stats.excessErrors > 0) {
                          for (qsizetype index : active.regression)
                              credit(index, stats.excessErrors * all.at(index).weight / active.regressionWeight);
                      }
                  });

    struct Row
    {
        const SentryIssue *issue;
        Tally tally;
    };
    QList<Row> rows;
    for (qsizetype index = 0; index < all.size(); ++index) {
        const SentryIssue &issue = all.at(index);
        const Tally *it = &tallies.at(index);
        if (std::round(it->inRange) < 1)
            continue;
        if (!std::any_of(filter.projects.cbegin(), filter.projects.cend(),
                         [&](const SentryProject *p) { return p->slug == issue.project; }))
            continue;
        if (!filter.firstRelease.isEmpty() && issue.firstRelease != filter.firstRelease)
            continue;
        if (!filter.issueState.isEmpty() && issue.status != filter.issueState)
            continue;
        if (filter.releases) {
            bool any = false;
            for (const QString &release : *filter.releases)
                any = any || it->releases.contains(release);
            if (!any)
                continue;
        }
        rows.append(Row {&issue, *it});
    }
    const QString sort = request.has(u"sort"_s) ? request.value(u"sort"_s) : u"date"_s;
    std::stable_sort(rows.begin(), rows.end(), [&](const Row &a, const Row &b) {
        if (sort == "new"_L1)
            return a.tally.firstSeen > b.tally.firstSeen;
        if (sort == "freq"_L1)
            return a.tally.inRange > b.tally.inRange;
        if (sort == "user"_L1)
            return a.tally.inRange > b.tally.inRange;
        return a.tally.lastSeen > b.tally.lastSeen;
    });

    const QString base = request.origin + u"/sentry/organizations/acme/issues/"_s;
    QJsonArray items;
    for (const Row &row : std::as_const(rows)) {
        const SentryIssue &issue = *row.issue;
        const SentryProject *project = m_scenario.sentryProject(issue.project);
        const QString firstSeen = isoMicro(fromSecs(row.tally.firstSeen * 60));
        const QString lastSeen = isoMicro(fromSecs(row.tally.lastSeen * 60 + 59));
        const qint64 count = qint64(std::round(row.tally.inRange));
        const qint64 lifetimeCount = qint64(std::round(row.tally.lifetime));
        QJsonArray stats;
        for (qint64 i = 0; i < statsCount; ++i)
            stats.append(QJsonArray {statsStart + i * statsBucket, std::round(row.tally.stats.at(i))});
        const bool isNew = now - row.tally.firstSeen * 60 < 7 * 86400;
        items.append(QJsonObject {
            {u"id"_s, issue.id},
            {u"shareId"_s, QJsonValue::Null},
            {u"shortId"_s, issue.shortId},
            {u"title"_s, issue.title},
            {u"culprit"_s, issue.culprit},
            {u"permalink"_s, QString(base + issue.id + u'/')},
            {u"logger"_s, QJsonValue::Null},
            {u"level"_s, issue.level},
            {u"status"_s, issue.status},
            {u"statusDetails"_s, QJsonObject()},
            {u"substatus"_s,
             issue.status == "resolved"_L1 ? QJsonValue(QJsonValue::Null)
                                           : QJsonValue(isNew ? u"new"_s : u"ongoing"_s)},
            {u"isPublic"_s, false},
            {u"platform"_s, project ? project->platform : QString()},
            {u"priority"_s, issue.regression ? u"high"_s : u"medium"_s},
            {u"priorityLockedAt"_s, QJsonValue::Null},
            {u"seerFixabilityScore"_s, QJsonValue::Null},
            {u"seerAutofixLastTriggered"_s, QJsonValue::Null},
            {u"seerExplorerAutofixLastTriggered"_s, QJsonValue::Null},
            {u"project"_s,
             QJsonObject {{u"id"_s, project ? QString::number(project->id) : QString()},
                          {u"name"_s, issue.project},
                          {u"slug"_s, issue.project},
                          {u"platform"_s, project ? project->platform : QString()}}},
            {u"type"_s, u"error"_s},
            {u"issueType"_s, u"error"_s},
            {u"issueCategory"_s, u"error"_s},
            {u"metadata"_s,
             QJsonObject {{u"type"_s, issue.type},
                          {u"value"_s, issue.value},
                          {u"filename"_s, issue.culprit.section(u' ', 0, 0)},
                          {u"function"_s, issue.culprit.section(u' ', -1)},
                          {u"in_app_frame_mix"_s, u"in-app-only"_s}}},
            {u"numComments"_s, 0},
            {u"assignedTo"_s, QJsonValue::Null},
            {u"isBookmarked"_s, false},
            {u"isSubscribed"_s, false},
            {u"subscriptionDetails"_s, QJsonValue::Null},
            {u"hasSeen"_s, !isNew},
            {u"annotations"_s, QJsonArray()},
            {u"isUnhandled"_s, !issue.handled},
            {u"count"_s, QString::number(count)},
            {u"userCount"_s, qint64(std::round(count * 0.55))},
            {u"firstSeen"_s, firstSeen},
            {u"lastSeen"_s, lastSeen},
            {u"derivedData"_s,
             QJsonObject {{u"blocker"_s, u"none"_s},
                          {u"progress"_s, u"none"_s},
                          {u"status"_s, u"open"_s},
                          {u"viewCount"_s, 0},
                          {u"hasOpenFixPr"_s, false},
                          {u"isAssigned"_s, false},
                          {u"hasRootCause"_s, false},
                          {u"lastCompletedAutofixStep"_s, u"none"_s},
                          {u"lastProgressedAt"_s, QJsonValue::Null}}},
            {u"stats"_s, QJsonObject {{groupStats.isEmpty() ? u"24h"_s : groupStats, stats}}},
            {u"lifetime"_s,
             QJsonObject {{u"count"_s, QString::number(lifetimeCount)},
                          {u"userCount"_s, qint64(std::round(lifetimeCount * 0.55))},
                          {u"firstSeen"_s, firstSeen},
                          {u"lastSeen"_s, lastSeen},
                          {u"stats"_s, QJsonValue::Null}}},
            {u"filtered"_s, QJsonValue::Null},
            {u"sessionCount"_s, 0},
            {u"inbox"_s,
             QJsonObject {{u"reason"_s, issue.regression ? 0 : 2},
                          {u"reason_details"_s, QJsonValue::Null},
                          {u"date_added"_s, firstSeen}}},
            {u"owners"_s,
             QJsonObject {{u"type"_s, u"ownershipRule"_s}, {u"owner"_s, u"team:31"_s}, {u"date_added"_s, firstSeen}}},
            {u"integrationIssues"_s, QJsonArray()},
            {u"sentryAppIssues"_s, QJsonArray()},
            {u"latestEventHasAttachments"_s, false},
            {u"matchingEventId"_s, QJsonValue::Null},
            {u"matchingEventEnvironment"_s, QJsonValue::Null},
        });
    }
    HttpResponse response = HttpResponse::json(200, QByteArray());
    response.body = compactJson(sentryPage(request.http, items, response, 25, u"limit"_s));
    return response;
}

} // namespace Shipdeck::Sandbox
