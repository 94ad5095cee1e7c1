#pragma once

#include "net/apierror.h"

namespace Shipdeck::Cli {

/// shipdeck-cli's documented exit codes, the same for every command.
enum ExitCode {
    ExitOk = 0,
    ExitFailure = 1, ///< refused for another reason (other 4xx, invalid URL, cancelled)
    ExitUsage = 2,
    ExitAuth = 3, ///< 401 or 403, or no token
    ExitNotFound = 4,
    ExitNetwork = 5, ///< network, TLS, timeout, rate limit, 5xx, malformed answer
};

/// The exit code for a request that ended with @p error.
[[nodiscard]] inline int exitCodeFor(const ApiError &error)
{
    switch (error.kind) {
    case ApiError::Kind::None:
        return ExitOk;
    case ApiError::Kind::Unauthorized:
    case ApiError::Kind::Forbidden:
        return ExitAuth;
    case ApiError::Kind::NotFound:
        return ExitNotFound;
    case ApiError::Kind::ClientError:
    case ApiError::Kind::InvalidUrl:
    case ApiError::Kind::Cancelled:
        return ExitFailure;
    default:
        return ExitNetwork;
    }
}

} // namespace Shipdeck::Cli
