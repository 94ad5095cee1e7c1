#pragma once

#include <QtGlobal>

namespace Shipdeck {

/// One bucket of an error time series (Sentry events-timeseries / events-stats).
struct ErrorSample
{
    qint64 time = 0; ///< bucket start, milliseconds since the epoch (UTC)
    double count = 0; ///< events in the bucket
    double rate = 0; ///< events per minute over the bucket
    bool complete = true; ///< false for the current, still filling bucket

    [[nodiscard]] bool operator==(const ErrorSample &other) const = default;
};

} // namespace Shipdeck
