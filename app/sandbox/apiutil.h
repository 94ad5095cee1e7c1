#pragma once

#include "httpserver.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>

/// Helpers shared by the GitLab, Sentry and control handlers: time formats, JSON, pagination.
namespace Shipdeck::Sandbox {

/// GitLab's timestamp form: "2026-08-20T10:00:00.123Z".
[[nodiscard]] QString isoMs(const QDateTime &time);
/// Whole seconds: "2026-08-20T10:00:00Z" (Sentry sessions intervals).
[[nodiscard]] QString isoSec(const QDateTime &time);
/// Sentry's model timestamps: "2026-08-20T10:00:00.123000Z".
[[nodiscard]] QString isoMicro(const QDateTime &time);
/// isoMs() or null for an invalid time.
[[nodiscard]] QJsonValue isoMsOrNull(const QDateTime &time);
[[nodiscard]] QJsonValue isoMicroOrNull(const QDateTime &time);

/// An ISO 8601 date or date-time (Z, offsets, fractions); a date alone is midnight UTC. Invalid on failure.
[[nodiscard]] QDateTime parseIso(const QString &text);
/// "90s", "15m", "24h", "14d", "2w" or plain seconds; nullopt when unparsable or not positive.
[[nodiscard]] std::optional<qint64> parseDuration(const QString &text);

[[nodiscard]] QByteArray compactJson(const QJsonValue &value);
[[nodiscard]] HttpResponse jsonResponse(int status, const QJsonValue &value);

/// A deterministic 64-bit mix (splitmix64), the basis of every pseudo-random value of the scenario.
[[nodiscard]] quint64 mix64(quint64 value);
/// Uniform in [0, 1) from the key parts.
[[nodiscard]] double unitNoise(quint64 a, quint64 b = 0, quint64 c = 0, quint64 d = 0);
/// 40 hex digits, as a git SHA-1 looks.
[[nodiscard]] QString fakeSha(quint64 seed, quint64 index);

/// The raw query of @p request without the parameters in @p drop (kept percent-encoded as sent).
[[nodiscard]] QByteArray queryWithout(const HttpRequest &request, const QList<QByteArray> &drop);

/// "http://<Host header>" or "http://127.0.0.1:<port>".
[[nodiscard]] QString requestOrigin(const HttpRequest &request);

/// GitLab offset pagination: page/per_page (default 20, max 100), Link (prev/next/first/last), X-Page, X-Per-Page,
/// X-Prev-Page, X-Next-Page, X-Total, X-Total-Pages. Without totals (project jobs list) X-Total, X-Total-Pages and
/// rel="last" are left out.
[[nodiscard]] QJsonArray gitLabPage(const HttpRequest &request, const QJsonArray &all, HttpResponse &response,
                                    bool withTotals = true);

/// Sentry cursor pagination over a list: cursor "<per_page>:<page>:<is_prev>", Link with rel="previous"/"next",
/// results="true|false" and cursor="…" (both links always present). @p perPageParam is "per_page" or "limit".
[[nodiscard]] QJsonArray sentryPage(const HttpRequest &request, const QJsonArray &all, HttpResponse &response,
                                    int defaultPerPage = 100, const QString &perPageParam = QStringLiteral("per_page"));

} // namespace Shipdeck::Sandbox
