#include "sentryparse.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTimeZone>

#include <cmath>
#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace Shipdeck {

namespace {

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

/// A finite JSON number, or nullopt (null, string, bool, missing, NaN/inf).
std::optional<double> number(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double v = value.toDouble();
    if (!std::isfinite(v))
        return std::nullopt;
    return v;
}

/// A count: a finite, non-negative number.
std::optional<double> countValue(const QJsonValue &value)
{
    const auto v = number(value);
    if (!v || *v < 0)
        return std::nullopt;
    return v;
}

ErrorSample makeSample(qint64 timeMs, double count, qint64 intervalMs, bool complete)
{
    ErrorSample sample;
    sample.time = timeMs;
    sample.count = count;
    sample.rate = intervalMs > 0 ? count / (double(intervalMs) / 60000.0) : 0.0;
    sample.complete = complete;
    return sample;
}

QDateTime isoTime(const QJsonValue &value)
{
    if (!value.isString())
        return {};
    QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(value.toString(), Qt::ISODate);
    return time.isValid() ? time.toUTC() : QDateTime();
}

/// Reads events-stats rows [[seconds, [{count: n}, …]], …] into @p series.
void parseStatsRows(const QJsonValue &data, SentrySeries *series, ParseWarnings *warnings)
{
    if (!data.isArray()) {
        warnings->add(u"events-stats: a series has no data array"_s);
        return;
    }
    const QJsonArray rows = data.toArray();
    for (const QJsonValue &rowValue : rows) {
        const QJsonArray row = rowValue.toArray();
        const auto seconds = number(row.at(0));
        const QJsonArray items = row.at(1).toArray();
        if (!rowValue.isArray() || row.size() < 2 || !seconds || *seconds < 0 || !row.at(1).isArray()) {
            ++warnings->skippedSamples;
            warnings->add(u"events-stats: malformed row skipped"_s);
            continue;
        }
        // Several items per row are summed (older servers split a bucket); an empty list is a bucket of 0.
        double total = 0;
        bool bad = false;
        for (const QJsonValue &item : items) {
            const auto count = countValue(item.toObject().value("count"_L1));
            if (!count) {
                bad = true;
                break;
            }
            total += *count;
        }
        if (bad) {
            ++warnings->skippedSamples;
            warnings->add(u"events-stats: malformed count skipped"_s);
            continue;
        }
        series->samples.append(makeSample(qint64(*seconds) * 1000, total, series->intervalMs, true));
    }
}

bool isSingleSeries(const QJsonObject &object)
{
    return object.contains("data"_L1);
}

} // namespace

void ParseWarnings::add(const QString &message)
{
    if (!messages.contains(message))
        messages.append(message);
}

const SentrySeries *TimeseriesData::find(const QString &release, const QString &yAxis) const
{
    for (const SentrySeries &s : series) {
        if (s.release == release && !s.isOther && s.yAxis == yAxis)
            return &s;
    }
    return nullptr;
}

TimeseriesData parseEventsTimeseries(const QJsonDocument &document)
{
    TimeseriesData result;
    const QJsonObject root = document.object();
    if (!document.isObject() || !root.value("timeSeries"_L1).isArray()) {
        result.error = u"events-timeseries: no timeSeries array"_s;
        return result;
    }
    result.ok = true;
    for (const QJsonValue &entryValue : root.value("timeSeries"_L1).toArray()) {
        if (!entryValue.isObject()) {
            result.warnings.add(u"events-timeseries: a series is not an object"_s);
            continue;
        }
        const QJsonObject entry = entryValue.toObject();
        SentrySeries series;
        if (entry.value("yAxis"_L1).isString())
            series.yAxis = entry.value("yAxis"_L1).toString();
        const QJsonObject meta = entry.value("meta"_L1).toObject();
        if (const auto interval = number(meta.value("interval"_L1)); interval && *interval > 0)
            series.intervalMs = qint64(*interval);
        series.isOther = meta.value("isOther"_L1).toBool(false);
        for (const QJsonValue &group : entry.value("groupBy"_L1).toArray()) {
            const QJsonObject object = group.toObject();
            if (object.value("key"_L1).toString() == "release"_L1)
                series.release = object.value("value"_L1).toString();
        }
        if (!entry.value("values"_L1).isArray()) {
            result.warnings.add(u"events-timeseries: a series has no values array"_s);
            continue;
        }
        const QJsonArray values = entry.value("values"_L1).toArray();
        series.samples.reserve(values.size());
        for (const QJsonValue &itemValue : values) {
            const QJsonObject item = itemValue.toObject();
            const auto timestamp = number(item.value("timestamp"_L1));
            const auto value = countValue(item.value("value"_L1));
            if (!timestamp || *timestamp < 0 || !value) {
                ++result.warnings.skippedSamples;
                result.warnings.add(item.value("value"_L1).isNull() && timestamp
                                        ? u"events-timeseries: bucket without a value skipped"_s
                                        : u"events-timeseries: malformed bucket skipped"_s);
                continue;
            }
            const bool incomplete = item.value("incomplete"_L1).toBool(false);
            series.samples.append(makeSample(qint64(*timestamp), *value, series.intervalMs, !incomplete));
        }
        result.series.append(series);
    }
    return result;
}

TimeseriesData parseEventsStats(const QJsonDocument &document, const QStringList &yAxes, bool grouped,
                                qint64 intervalMs)
{
    TimeseriesData result;
    if (!document.isObject()) {
        result.error = u"events-stats: the answer is not an object"_s;
        return result;
    }
    const QJsonObject root = document.object();
    const QStringList axes = yAxes.isEmpty() ? QStringList {u"count()"_s} : yAxes;
    auto addSeries = [&](const QJsonObject &object, const QString &release, bool other, const QString &axis) {
        SentrySeries series;
        series.release = release;
        series.isOther = other;
        series.yAxis = axis;
        series.intervalMs = intervalMs;
        parseStatsRows(object.value("data"_L1), &series, &result.warnings);
        result.series.append(series);
    };
    // Mark the last bucket incomplete when it ends in the future: events-stats does not say.
    auto finishSeries = [&] {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (SentrySeries &series : result.series) {
            if (!series.samples.isEmpty() && series.intervalMs > 0
                && series.samples.last().time + series.intervalMs > now - 90000)
                series.samples.last().complete = false;
        }
    };

    if (isSingleSeries(root)) {
        // One series (or, for a grouped query without any top events, the zero-filled total).
        addSeries(root, QString(), false, axes.first());
        result.ok = true;
        finishSeries();
        return result;
    }
    if (!grouped) {
        // Several yAxis: keyed by axis.
        for (const QString &axis : axes) {
            const QJsonObject object = root.value(axis).toObject();
            if (!isSingleSeries(object)) {
                result.warnings.add(u"events-stats: the series of %1 is missing"_s.arg(axis));
                continue;
            }
            addSeries(object, QString(), false, axis);
        }
        result.ok = !result.series.isEmpty() || root.isEmpty();
        if (!result.ok)
            result.error = u"events-stats: none of the requested series is in the answer"_s;
        finishSeries();
        return result;
    }
    // topEvents: keyed by release (comma-joined group values), "Other" for the rest; each a series, or with several
    // axes an object of series keyed by axis.
    struct Keyed
    {
        int order;
        QString key;
    };
    QList<Keyed> keys;
    for (auto it = root.constBegin(); it != root.constEnd(); ++it) {
        if (!it.value().isObject()) {
            result.warnings.add(u"events-stats: a group is not an object"_s);
            continue;
        }
        const auto order = number(it.value().toObject().value("order"_L1));
        keys.append({order ? int(*order) : std::numeric_limits<int>::max(), it.key()});
    }
    std::stable_sort(keys.begin(), keys.end(), [](const Keyed &a, const Keyed &b) { return a.order < b.order; });
    for (const Keyed &keyed : std::as_const(keys)) {
        const QJsonObject group = root.value(keyed.key).toObject();
        const bool other = keyed.key == "Other"_L1;
        const QString release = other ? QString() : keyed.key;
        if (isSingleSeries(group)) {
            addSeries(group, release, other, axes.first());
            continue;
        }
        for (const QString &axis : axes) {
            const QJsonObject object = group.value(axis).toObject();
            if (isSingleSeries(object))
                addSeries(object, release, other, axis);
            else
                result.warnings.add(u"events-stats: the series of %1 is missing"_s.arg(axis));
        }
    }
    result.ok = true;
    finishSeries();
    return result;
}

const SessionGroup *SessionsData::find(const QString &release, const QString &status) const
{
    for (const SessionGroup &group : groups) {
        if (group.release == release && group.status == status)
            return &group;
    }
    return nullptr;
}

SessionsData parseSessions(const QJsonDocument &document)
{
    SessionsData result;
    const QJsonObject root = document.object();
    if (!document.isObject() || !root.value("groups"_L1).isArray()) {
        result.error = u"sessions: no groups array"_s;
        return result;
    }
    result.ok = true;
    for (const QJsonValue &value : root.value("intervals"_L1).toArray()) {
        const QDateTime time = isoTime(value);
        if (!time.isValid()) {
            result.warnings.add(u"sessions: malformed interval"_s);
            result.intervals.append(std::numeric_limits<qint64>::min());
            continue;
        }
        result.intervals.append(time.toMSecsSinceEpoch());
    }
    for (const QJsonValue &groupValue : root.value("groups"_L1).toArray()) {
        const QJsonObject object = groupValue.toObject();
        if (!groupValue.isObject()) {
            result.warnings.add(u"sessions: a group is not an object"_s);
            continue;
        }
        SessionGroup group;
        const QJsonObject by = object.value("by"_L1).toObject();
        group.release = by.value("release"_L1).toString();
        group.environment = by.value("environment"_L1).toString();
        group.status = by.value("session.status"_L1).toString();
        const QJsonObject totals = object.value("totals"_L1).toObject();
        for (auto it = totals.constBegin(); it != totals.constEnd(); ++it) {
            const auto v = number(it.value());
            if (!v && !it.value().isNull())
                result.warnings.add(u"sessions: malformed total of %1"_s.arg(it.key()));
            group.totals.insert(it.key(), v);
        }
        const QJsonObject series = object.value("series"_L1).toObject();
        for (auto it = series.constBegin(); it != series.constEnd(); ++it) {
            QList<double> values;
            const QJsonArray array = it.value().toArray();
            if (!it.value().isArray())
                result.warnings.add(u"sessions: the series of %1 is not an array"_s.arg(it.key()));
            values.reserve(array.size());
            for (const QJsonValue &bucket : array) {
                const auto v = number(bucket);
                if (!v && !bucket.isNull()) {
                    ++result.warnings.skippedSamples;
                    result.warnings.add(u"sessions: malformed bucket"_s);
                }
                if (v && *v < 0) {
                    ++result.warnings.skippedSamples;
                    result.warnings.add(u"sessions: negative bucket"_s);
                    values.append(NaN);
                    continue;
                }
                values.append(v.value_or(NaN));
            }
            if (!result.intervals.isEmpty() && values.size() != result.intervals.size()) {
                result.warnings.add(u"sessions: a series does not match the intervals"_s);
                values.resize(result.intervals.size(), NaN);
            }
            group.series.insert(it.key(), values);
        }
        result.groups.append(group);
    }
    return result;
}

std::optional<SentryReleaseInfo> parseRelease(const QJsonDocument &document, QString *error)
{
    const QJsonObject root = document.object();
    if (!document.isObject() || !root.value("version"_L1).isString()) {
        if (error)
            *error = u"release: no version"_s;
        return std::nullopt;
    }
    SentryReleaseInfo info;
    info.version = root.value("version"_L1).toString();
    info.dateCreated = isoTime(root.value("dateCreated"_L1));
    info.dateReleased = isoTime(root.value("dateReleased"_L1));
    info.newGroups = int(number(root.value("newGroups"_L1)).value_or(0));
    info.deployCount = int(number(root.value("deployCount"_L1)).value_or(0));
    const QJsonObject lastDeploy = root.value("lastDeploy"_L1).toObject();
    info.lastDeployEnvironment = lastDeploy.value("environment"_L1).toString();
    info.lastDeployFinished = isoTime(lastDeploy.value("dateFinished"_L1));
    for (const QJsonValue &project : root.value("projects"_L1).toArray())
        info.projects.append(project.toObject().value("slug"_L1).toString());
    return info;
}

QList<SentryDeploy> parseDeploys(const QJsonArray &items, ParseWarnings *warnings)
{
    QList<SentryDeploy> deploys;
    for (const QJsonValue &value : items) {
        const QJsonObject object = value.toObject();
        SentryDeploy deploy;
        const QJsonValue id = object.value("id"_L1);
        deploy.id
            = id.isString() ? id.toString() : (id.isDouble() ? QString::number(qint64(id.toDouble())) : QString());
        deploy.environment = object.value("environment"_L1).toString();
        deploy.name = object.value("name"_L1).toString();
        deploy.dateStarted = isoTime(object.value("dateStarted"_L1));
        deploy.dateFinished = isoTime(object.value("dateFinished"_L1));
        if (!value.isObject() || deploy.environment.isEmpty() || !deploy.dateFinished.isValid()) {
            if (warnings) {
                ++warnings->skippedSamples;
                warnings->add(u"deploys: malformed deploy skipped"_s);
            }
            continue;
        }
        deploys.append(deploy);
    }
    return deploys;
}

QList<SentryIssue> parseIssues(const QJsonArray &items, ParseWarnings *warnings)
{
    QList<SentryIssue> issues;
    auto integer = [](const QJsonValue &value) -> qint64 {
        if (value.isString()) {
            bool ok = false;
            const qint64 n = value.toString().toLongLong(&ok);
            return ok && n >= 0 ? n : -1;
        }
        const auto v = number(value);
        return v && *v >= 0 ? qint64(*v) : -1;
    };
    for (const QJsonValue &value : items) {
        const QJsonObject object = value.toObject();
        if (!value.isObject() || !object.value("id"_L1).isString()) {
            if (warnings) {
                ++warnings->skippedSamples;
                warnings->add(u"issues: malformed issue skipped"_s);
            }
            continue;
        }
        SentryIssue issue;
        issue.id = object.value("id"_L1).toString();
        issue.shortId = object.value("shortId"_L1).toString();
        issue.title = object.value("title"_L1).toString();
        issue.culprit = object.value("culprit"_L1).toString();
        issue.level = object.value("level"_L1).toString();
        issue.status = object.value("status"_L1).toString();
        issue.permalink = object.value("permalink"_L1).toString();
        issue.count = integer(object.value("count"_L1));
        issue.userCount = integer(object.value("userCount"_L1));
        if (warnings && (issue.count < 0 || issue.userCount < 0))
            warnings->add(u"issues: malformed count"_s);
        issue.firstSeen = isoTime(object.value("firstSeen"_L1));
        issue.lastSeen = isoTime(object.value("lastSeen"_L1));
        issues.append(issue);
    }
    return issues;
}

qint64 chooseInterval(qint64 rangeSeconds, int maxBuckets, qint64 minimumSeconds)
{
    static constexpr qint64 Steps[] = {60, 300, 600, 900, 1800, 3600, 7200, 10800, 14400, 21600, 43200, 86400};
    const qint64 range = std::max<qint64>(1, rangeSeconds);
    const qint64 budget = std::max(1, maxBuckets);
    for (const qint64 step : Steps) {
        if (step < minimumSeconds)
            continue;
        if ((range + step - 1) / step <= budget)
            return step;
    }
    return 86400;
}

QString durationString(qint64 seconds)
{
    if (seconds > 0 && seconds % 86400 == 0)
        return QString::number(seconds / 86400) + u'd';
    if (seconds > 0 && seconds % 3600 == 0)
        return QString::number(seconds / 3600) + u'h';
    if (seconds > 0 && seconds % 60 == 0)
        return QString::number(seconds / 60) + u'm';
    return QString::number(seconds) + u's';
}

std::optional<qint64> parseDuration(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.size() < 2)
        return std::nullopt;
    bool ok = false;
    const qint64 n = trimmed.left(trimmed.size() - 1).toLongLong(&ok);
    if (!ok || n <= 0)
        return std::nullopt;
    switch (trimmed.back().unicode()) {
    case 's':
        return n;
    case 'm':
        return n * 60;
    case 'h':
        return n * 3600;
    case 'd':
        return n * 86400;
    case 'w':
        return n * 7 * 86400;
    default:
        return std::nullopt;
    }
}

} // namespace Shipdeck
