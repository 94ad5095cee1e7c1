#pragma once

#include "apijob.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QUrl>

#include <chrono>
#include <optional>
#include <utility>

/// Parsers for the response headers and error bodies ApiJob interprets. Pure functions, so they are tested with
/// data tables (tests/net/tst_httpheaders.cpp); ApiJob is their only production caller.
namespace Shipdeck::Http {

using RawHeaders = QList<std::pair<QByteArray, QByteArray>>;

/// The value of header @p name, compared case-insensitively; repeated headers are joined with ", ". Empty if absent.
[[nodiscard]] QByteArray headerValue(const RawHeaders &headers, QByteArrayView name);

/// An HTTP-date (IMF-fixdate, RFC 850 or asctime form) in UTC; invalid when @p value is none of them.
[[nodiscard]] QDateTime parseHttpDate(QByteArrayView value);

/// Retry-After as delay-seconds or HTTP-date (relative to @p now); nullopt when absent or unparsable. Never negative.
[[nodiscard]] std::optional<std::chrono::milliseconds> parseRetryAfter(QByteArrayView value, const QDateTime &now);

/**
 * GitLab RateLimit-Limit/-Remaining/-Reset, else Sentry X-Sentry-Rate-Limit-Limit/-Remaining/-Reset.
 * Reset is Unix time in seconds (fractions allowed); a small value (< 10^9) is read as delta-seconds from @p now,
 * the form of the IETF RateLimit draft.
 */
[[nodiscard]] RateLimitInfo parseRateLimit(const RawHeaders &headers, const QDateTime &now);

/**
 * The target of the RFC 8288 link with rel="next" in a Link header value, resolved against @p base.
 * Sentry marks an exhausted cursor with results="false": such a next link means there is no next page.
 * Empty when there is no (usable) next link.
 */
[[nodiscard]] QUrl parseNextLink(QByteArrayView linkHeader, const QUrl &base);

/**
 * The service's own error text from a response body, as plain text: GitLab {"message": string|object|array} or
 * {"error": ..., "error_description": ...}, Sentry {"detail": string|array}, a DRF validation object
 * {"field": ["..."]}, or a plain-text body. HTML bodies (proxy error pages) yield nothing. Whitespace is collapsed and
 * the text is cut at 500 characters. Markup in the text is kept verbatim: callers show it as plain text.
 */
[[nodiscard]] QString serverMessage(const QByteArray &body, QByteArrayView contentType = {});

} // namespace Shipdeck::Http
