#pragma once

#include "domain/errorsample.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Shipdeck {

/// Problems found while parsing a Sentry answer that did not stop the parse: a sample with a malformed number is
/// skipped (never read as 0) and counted here, so the UI can flag the data as incomplete.
struct ParseWarnings
{
    int skippedSamples = 0; ///< buckets dropped because the timestamp or the value was not a finite number
    QStringList messages; ///< one short English line per kind of problem (for logs and tooltips), no duplicates

    void add(const QString &message);
    [[nodiscard]] bool isEmpty() const { return skippedSamples == 0 && messages.isEmpty(); }
};

/// One error-count series: the total (release empty, isOther false), one release, or the "Other" group of a
/// topEvents query.
struct SentrySeries
{
    QString release; ///< the release of a grouped series; empty for an ungrouped total and for "Other"
    QString yAxis = QStringLiteral("count()");
    bool isOther = false;
    qint64 intervalMs = 0; ///< bucket size; 0 when the answer did not say
    QList<ErrorSample> samples; ///< ordered by time; rate = count per minute when intervalMs is known
};

/// The error series of one events-timeseries or events-stats answer.
struct TimeseriesData
{
    QList<SentrySeries> series;
    ParseWarnings warnings;
    bool ok = false; ///< false when the document is not of the expected shape at all
    QString error; ///< why, when !ok

    /// The series of @p release (empty: the ungrouped total), or nullptr.
    [[nodiscard]] const SentrySeries *find(const QString &release,
                                           const QString &yAxis = QStringLiteral("count()")) const;
};

/**
 * Parses GET …/events-timeseries/: {meta, timeSeries[{yAxis, groupBy[{key, value}], meta{interval ms, isOther},
 * values[{timestamp ms, value, incomplete}]}]}. A value of null is a bucket without data and is skipped with a
 * warning; so is a value or timestamp that is a string, negative, NaN or missing.
 */
[[nodiscard]] TimeseriesData parseEventsTimeseries(const QJsonDocument &document);

/**
 * Parses GET …/events-stats/ in its shapes: one yAxis ({data: [[seconds, [{count}]]…]}), several yAxis (object keyed
 * by yAxis), topEvents (object keyed by the release, plus "Other"), topEvents with several yAxis (release → yAxis →
 * series). @p yAxes are the requested axes, @p grouped whether topEvents was asked for; @p intervalMs is the
 * requested bucket size (events-stats does not echo it).
 */
[[nodiscard]] TimeseriesData parseEventsStats(const QJsonDocument &document, const QStringList &yAxes, bool grouped,
                                              qint64 intervalMs);

/// One group of a sessions answer. Rates are 0–1; a null bucket ("no sessions") is NaN, never 0.
struct SessionGroup
{
    QString release; ///< empty when not grouped by release
    QString environment;
    QString status; ///< session.status when grouped by it
    QHash<QString, std::optional<double>> totals; ///< field → total; nullopt for null ("no data")
    QHash<QString, QList<double>> series; ///< field → one value per interval; NaN for null or malformed
};

/// GET …/sessions/: {start, end, intervals[iso], groups[{by, totals, series}]}.
struct SessionsData
{
    QList<qint64> intervals; ///< bucket starts, ms since the epoch
    QList<SessionGroup> groups;
    ParseWarnings warnings;
    bool ok = false;
    QString error;

    [[nodiscard]] const SessionGroup *find(const QString &release, const QString &status = QString()) const;
};
[[nodiscard]] SessionsData parseSessions(const QJsonDocument &document);

/// The parts of a Sentry release (GET …/releases/{version}/) that Shipdeck shows.
struct SentryReleaseInfo
{
    QString version;
    QDateTime dateCreated;
    QDateTime dateReleased; ///< invalid when not set
    int newGroups = 0; ///< issues first seen in this release
    int deployCount = 0;
    QString lastDeployEnvironment;
    QDateTime lastDeployFinished; ///< invalid when never deployed
    QStringList projects;
};
/// Returns nullopt (and sets @p error) when @p document is not a release object.
[[nodiscard]] std::optional<SentryReleaseInfo> parseRelease(const QJsonDocument &document, QString *error = nullptr);

/// A deploy record of a release (GET …/releases/{version}/deploys/): only the latest per project and environment.
struct SentryDeploy
{
    QString id;
    QString environment;
    QString name; ///< free text from whoever recorded it
    QDateTime dateStarted; ///< invalid when not recorded
    QDateTime dateFinished;

    [[nodiscard]] bool operator==(const SentryDeploy &other) const = default;
};
/// Entries without an environment or a finish time are skipped (counted in @p warnings).
[[nodiscard]] QList<SentryDeploy> parseDeploys(const QJsonArray &items, ParseWarnings *warnings = nullptr);

/// An issue of GET …/issues/. The title is plain text (not HTML): escape it before showing it as rich text.
struct SentryIssue
{
    QString id;
    QString shortId;
    QString title;
    QString culprit;
    QString level;
    QString status;
    QString permalink;
    qint64 count = -1; ///< events; Sentry sends a string; -1 when malformed
    qint64 userCount = -1;
    QDateTime firstSeen;
    QDateTime lastSeen;
};
/// Parses one page (a JSON array) of issues; malformed items are skipped and counted in @p warnings.
[[nodiscard]] QList<SentryIssue> parseIssues(const QJsonArray &items, ParseWarnings *warnings = nullptr);

/**
 * The bucket size for a chart over @p rangeSeconds: the smallest of Sentry's usual steps (1m, 5m, 10m, 15m, 30m,
 * 1h, 2h, 3h, 4h, 6h, 12h, 1d — each a multiple of a minute that divides a day, as the sessions endpoint requires)
 * that keeps the number of buckets at or below @p maxBuckets and is at least @p minimumSeconds. Sentry refuses more
 * than 10 000 buckets per series; Grafana budgets 1 000; the default of 720 keeps a live chart light. Ranges so long
 * that even a day is too fine get one day. Returns seconds.
 */
[[nodiscard]] qint64 chooseInterval(qint64 rangeSeconds, int maxBuckets = 720, qint64 minimumSeconds = 60);

/// A Sentry duration string for @p seconds: "1m", "5m", "1h", "1d" (falls back to "Ns").
[[nodiscard]] QString durationString(qint64 seconds);

/// Parses a duration such as "90s", "5m", "24h", "14d", "2w"; nullopt when malformed.
[[nodiscard]] std::optional<qint64> parseDuration(const QString &text);

} // namespace Shipdeck
