#include "releaseverdict.h"

#include <algorithm>
#include <cmath>

#include <cmath>
#include <limits>

namespace Shipdeck {

VerdictThresholds VerdictThresholds::bounded() const
{
    auto clamp = [](double value, double low, double high, double fallback) {
        return std::isfinite(value) ? std::clamp(value, low, high) : fallback;
    };
    const VerdictThresholds defaults;
    VerdictThresholds t;
    t.maxErrorsPerMinute = clamp(maxErrorsPerMinute, 0.1, 1e6, defaults.maxErrorsPerMinute);
    t.maxRatio = clamp(maxRatio, 1.1, 1000, defaults.maxRatio);
    t.crashFreeFloor = clamp(crashFreeFloor, 0.5, 1.0, defaults.crashFreeFloor);
    t.minMinutes = clamp(minMinutes, 1, 24 * 60, defaults.minMinutes);
    return t;
}

ReleaseWindow ReleaseWindow::fromSamples(const QString &release, const QList<ErrorSample> &samples, qint64 fromMs,
                                         qint64 toMs)
{
    ReleaseWindow window;
    window.release = release;
    window.minutes = std::max<double>(0, double(toMs - fromMs) / 60000.0);
    for (const ErrorSample &sample : samples) {
        if (sample.time >= fromMs && sample.time < toMs && std::isfinite(sample.count) && sample.count >= 0)
            window.errors += sample.count;
    }
    return window;
}

QString ReleaseVerdict::levelKey(Level level)
{
    switch (level) {
    case Level::Healthy:
        return QStringLiteral("healthy");
    case Level::Warning:
        return QStringLiteral("warning");
    case Level::Critical:
        return QStringLiteral("critical");
    case Level::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

ReleaseVerdict ReleaseVerdict::compute(const ReleaseWindow &current, const ReleaseWindow &previous,
                                       const VerdictThresholds &thresholds)
{
    ReleaseVerdict verdict;
    verdict.minutesSinceDeploy = current.minutes;
    const qint64 minutes = qint64(std::floor(current.minutes));
    const bool valid = std::isfinite(current.errors) && current.errors >= 0 && std::isfinite(previous.errors)
        && previous.errors >= 0 && current.minutes > 0 && previous.minutes > 0;
    if (!valid || current.minutes < thresholds.minMinutes) {
        verdict.ratio = std::numeric_limits<double>::quiet_NaN();
        verdict.summary
            = tr("%1: too early for a verdict (deployed %n min ago)", nullptr, int(minutes)).arg(current.release);
        return verdict;
    }
    verdict.errorsPerMinute = current.errors / current.minutes;
    verdict.previousErrorsPerMinute = previous.errors / previous.minutes;
    double rate = verdict.errorsPerMinute, previousRate = verdict.previousErrorsPerMinute;
    if (current.sessions && previous.sessions && *current.sessions > 0 && *previous.sessions > 0) {
        verdict.normalisedBySessions = true;
        rate = current.errors / *current.sessions;
        previousRate = previous.errors / *previous.sessions;
    }
    if (previousRate > 0)
        verdict.ratio = rate / previousRate;
    else
        verdict.ratio = rate > 0 ? std::numeric_limits<double>::infinity() : 1.0;

    const bool ratioHigh = verdict.ratio >= thresholds.maxRatio;
    const bool absoluteHigh = verdict.errorsPerMinute >= thresholds.maxErrorsPerMinute;
    const bool crashing = current.crashFreeRate && *current.crashFreeRate < thresholds.crashFreeFloor;
    if (ratioHigh)
        verdict.reasons.append(tr("The error rate is at least %1x that of %2.")
                                   .arg(QString::number(thresholds.maxRatio, 'f', 1), previous.release));
    if (absoluteHigh)
        verdict.reasons.append(tr("%1 errors per minute (threshold %2).")
                                   .arg(QString::number(verdict.errorsPerMinute, 'f', 1),
                                        QString::number(thresholds.maxErrorsPerMinute, 'f', 1)));
    if (crashing)
        verdict.reasons.append(tr("Crash-free sessions at %1 % (floor %2 %).")
                                   .arg(QString::number(*current.crashFreeRate * 100, 'f', 1),
                                        QString::number(thresholds.crashFreeFloor * 100, 'f', 1)));
    if (crashing || (ratioHigh && absoluteHigh))
        verdict.level = Level::Critical;
    else if (ratioHigh || absoluteHigh)
        verdict.level = Level::Warning;
    else
        verdict.level = Level::Healthy;

    if (std::isinf(verdict.ratio))
        verdict.summary = tr("%1: errors where %2 had none since deploy %n min ago", nullptr, int(minutes))
                              .arg(current.release, previous.release);
    else
        verdict.summary = tr("%1: %2x the error rate of %3 since deploy %n min ago", nullptr, int(minutes))
                              .arg(current.release, QString::number(verdict.ratio, 'f', 1), previous.release);
    return verdict;
}

} // namespace Shipdeck
