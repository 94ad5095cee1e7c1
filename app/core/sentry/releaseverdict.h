#pragma once

#include "domain/errorsample.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Shipdeck {

/// The errors (and, when known, sessions) of one release over a window since its deploy.
struct ReleaseWindow
{
    QString release; ///< as shown, e.g. "1.7.0" or "storefront@1.7.0"
    double errors = 0;
    double minutes = 0; ///< length of the window
    std::optional<double> sessions; ///< sessions in the window; normalises the rate when both releases have it
    std::optional<double> crashFreeRate; ///< 0–1

    /// Sums the complete and incomplete buckets of @p samples that start in [fromMs, toMs).
    [[nodiscard]] static ReleaseWindow fromSamples(const QString &release, const QList<ErrorSample> &samples,
                                                   qint64 fromMs, qint64 toMs);
};

/// When a release is judged bad.
struct VerdictThresholds
{
    double maxErrorsPerMinute = 10; ///< absolute: at or above this the new release is at least a warning
    double maxRatio = 2.0; ///< relative to the previous release: at or above this, at least a warning
    double crashFreeFloor = 0.98; ///< crash-free sessions below this are critical
    double minMinutes = 5; ///< less time since the deploy: not enough data for a verdict

    /// The same thresholds within sensible bounds (a stored or typed value can be anything).
    [[nodiscard]] VerdictThresholds bounded() const;
    [[nodiscard]] bool operator==(const VerdictThresholds &other) const = default;
};

/**
 * "v1.7.0: 16.0x the error rate of v1.6.1 since deploy 40 min ago": the error rate of a release since its deploy
 * against the previous release over the same time since *its* deploy. Rates are per minute, or per session when both
 * windows have session counts (so more traffic is not mistaken for more errors).
 * Critical: ratio and absolute rate both over their thresholds, or crash-free below the floor. Warning: one of them.
 */
struct ReleaseVerdict
{
    Q_DECLARE_TR_FUNCTIONS(ReleaseVerdict)
public:
    enum class Level {
        Unknown, ///< too early, or no data
        Healthy,
        Warning,
        Critical,
    };

    Level level = Level::Unknown;
    double ratio = 0; ///< current rate / previous rate; +inf when the previous had none; NaN when unknown
    double errorsPerMinute = 0;
    double previousErrorsPerMinute = 0;
    bool normalisedBySessions = false;
    double minutesSinceDeploy = 0;
    QStringList reasons; ///< why the level is not healthy, one translated sentence each
    QString summary; ///< one translated line

    [[nodiscard]] static ReleaseVerdict compute(const ReleaseWindow &current, const ReleaseWindow &previous,
                                                const VerdictThresholds &thresholds = {});
    /// "healthy", "warning", "critical", "unknown" (for JSON).
    [[nodiscard]] static QString levelKey(Level level);
};

} // namespace Shipdeck
