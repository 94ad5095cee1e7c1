#include "traffic.h"

#include "apiutil.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace Shipdeck::Sandbox {

namespace {

/// Rounds @p value up or down with the probability of its fraction, so that sums keep their expected value.
int stochasticRound(double value, double unit)
{
    const double floor = std::floor(value);
    return int(floor) + ((value - floor) > unit ? 1 : 0);
}

} // namespace

MinuteStats TrafficModel::minute(const TrafficProfile &profile, quint64 streamKey, qint64 epochMinute, bool bad) const
{
    MinuteStats stats;
    const auto key = quint64(epochMinute);
    const qint64 minuteOfDay = ((epochMinute % 1440) + 1440) % 1440;
    const qint64 day = epochMinute >= 0 ? epochMinute / 1440 : (epochMinute - 1439) / 1440;
    const int weekday = int(((day + 3) % 7 + 7) % 7); // 1970-01-01 was a Thursday: 0 = Monday
    const double diurnal = 1.0 + 0.35 * std::sin(2.0 * std::numbers::pi * double(minuteOfDay - 480) / 1440.0);
    const double weekend = weekday >= 5 ? 0.75 : 1.0;
    const double noise = 0.85 + 0.3 * unitNoise(m_seed, streamKey, key, 1);
    const double expected = profile.sessionsPerMinute * diurnal * weekend * noise;
    stats.sessions = stochasticRound(expected, unitNoise(m_seed, streamKey, key, 2));

    const double crashRate = bad ? 0.065 : 0.0028;
    const double abnormalRate = bad ? 0.002 : 0.0006;
    const double erroredRate = bad ? 0.12 : 0.018;
    auto share = [&](double rate, quint64 salt) {
        const double jitter = 0.6 + 0.8 * unitNoise(m_seed, streamKey, key, salt);
        return std::min(stats.sessions,
                        stochasticRound(stats.sessions * rate * jitter, unitNoise(m_seed, streamKey, key, salt + 100)));
    };
    stats.crashed = share(crashRate, 3);
    stats.abnormal = std::min(stats.sessions - stats.crashed, share(abnormalRate, 4));
    stats.errored = std::min(stats.sessions - stats.crashed - stats.abnormal, share(erroredRate, 5));
    stats.healthy = stats.sessions - stats.crashed - stats.abnormal - stats.errored;
    stats.users = stochasticRound(stats.sessions * 0.62, unitNoise(m_seed, streamKey, key, 6));
    stats.crashedUsers
        = std::min(stats.users, stochasticRound(stats.crashed * 0.9, unitNoise(m_seed, streamKey, key, 7)));

    const double errorJitter = 0.7 + 0.6 * unitNoise(m_seed, streamKey, key, 8);
    stats.baselineErrors = stats.sessions * profile.healthyErrorRate * errorJitter;
    stats.excessErrors = bad ? stats.sessions * (profile.badErrorRate - profile.healthyErrorRate) * errorJitter : 0.0;
    stats.errors = stochasticRound(stats.baselineErrors + stats.excessErrors, unitNoise(m_seed, streamKey, key, 9));
    return stats;
}

} // namespace Shipdeck::Sandbox
