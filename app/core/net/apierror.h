#pragma once

#include <QMetaType>
#include <QString>

namespace Shipdeck {

/// What went wrong with an HTTP request, typed so callers can react (back off, ask for a token, mark data stale)
/// and worded so the user can read it.
struct ApiError
{
    enum class Kind {
        None,
        InvalidUrl, ///< the URL is empty, relative or not http(s)
        HostNotFound, ///< DNS lookup failed
        ConnectionRefused,
        Timeout, ///< no complete answer within the transfer timeout
        Tls, ///< handshake failed or certificate rejected; verification is never turned off
        Network, ///< any other transport failure (reset, unreachable, proxy)
        Unauthorized, ///< 401: token missing, wrong or expired
        Forbidden, ///< 403: token lacks the scope or the role
        NotFound, ///< 404
        RateLimited, ///< 429
        ClientError, ///< any other 4xx
        ServerError, ///< 5xx
        MalformedJson, ///< the body is not the JSON we expected
        TruncatedBody, ///< the connection ended before the announced body did
        Cancelled,
    };

    Kind kind = Kind::None;
    int httpStatus = 0; ///< 0 when the request never got a status line
    QString serverMessage; ///< the service's own words ({"message"} for GitLab, {"detail"} for Sentry), plain text
    QString message; ///< translated, human-readable sentence for the UI; includes serverMessage when there is one

    [[nodiscard]] bool isError() const { return kind != Kind::None; }
    /// Whether trying the same idempotent request again later may succeed.
    [[nodiscard]] bool isTransient() const;
    [[nodiscard]] bool operator==(const ApiError &other) const = default;
};

} // namespace Shipdeck

Q_DECLARE_METATYPE(Shipdeck::ApiError)
