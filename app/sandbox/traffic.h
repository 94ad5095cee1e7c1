#pragma once

#include <QtGlobal>

namespace Shipdeck::Sandbox {

/// What one Sentry project saw in one environment during one minute.
struct MinuteStats
{
    int sessions = 0; ///< healthy + errored + crashed + abnormal
    int healthy = 0;
    int errored = 0; ///< errored but neither crashed nor abnormal
    int crashed = 0;
    int abnormal = 0;
    int users = 0;
    int crashedUsers = 0;
    int errors = 0; ///< error events
    double baselineErrors = 0; ///< the part a healthy release would have had
    double excessErrors = 0; ///< errors - baselineErrors (the regression of a bad release)
};

/// The traffic profile of one project in one environment.
struct TrafficProfile
{
    double sessionsPerMinute = 0;
    double healthyErrorRate = 0; ///< error events per session
    double badErrorRate = 0;
};

/**
 * The deterministic traffic model behind the Sentry endpoints: sessions follow a daily curve (quieter at weekends)
 * with seeded noise; a healthy release has a low error rate and ~99.7 % crash-free sessions, a bad one many errors and
 * ~93 %. Same seed, same minute, same numbers.
 */
class TrafficModel
{
public:
    explicit TrafficModel(quint64 seed) : m_seed(seed) { }

    /// The stats of @p profile during minute @p epochMinute (minutes since 1970), for a healthy or a bad release.
    [[nodiscard]] MinuteStats minute(const TrafficProfile &profile, quint64 streamKey, qint64 epochMinute,
                                     bool bad) const;

private:
    quint64 m_seed;
};

} // namespace Shipdeck::Sandbox
