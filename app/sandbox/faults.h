#pragma once

#include "httpserver.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QRegularExpression>
#include <QString>

#include <optional>

namespace Shipdeck::Sandbox {

/**
 * One fault rule: what goes wrong (kind), for which requests (service, method, path glob or regex, query glob) and
 * how often (count; -1 = until cleared). Requests to /_sandbox are never faulted.
 */
struct FaultRule
{
    enum class Kind {
        Latency, ///< answer normally after delayMs
        Status401,
        Status403,
        Status404,
        Status429, ///< GitLab: Retry-After + RateLimit-*; Sentry: X-Sentry-Rate-Limit-* only
        Status500,
        Status502,
        Status503,
        Malformed, ///< the real status and headers, a body that is not valid JSON
        Truncate, ///< Content-Length of the full body, half of it sent, then the connection closes
        Reset, ///< the connection is reset (TCP RST) without an answer
        Stall, ///< no answer, the connection stays open
    };

    int id = 0;
    Kind kind = Kind::Status500;
    QString service; ///< "gitlab", "sentry" or empty for both
    QString method; ///< upper case, empty for any
    QString pathGlob; ///< on the request path as sent (percent-encoded); '*' also matches '/'
    QString pathRegex;
    QString queryGlob; ///< on the raw query string
    int remaining = -1; ///< occurrences left; -1 = unlimited
    int delayMs = 0; ///< added latency (the whole point of Latency; also allowed with any other kind)
    int retryAfter = 1; ///< seconds, for GitLab 429
    int hits = 0;

    [[nodiscard]] bool matches(const HttpRequest &request, const QString &requestService) const;
    [[nodiscard]] QJsonObject toJson() const;

    [[nodiscard]] static QString kindName(Kind kind);
    [[nodiscard]] static std::optional<Kind> parseKind(const QString &name);
    /// From the control endpoint's JSON; nullopt and @p error on invalid input.
    [[nodiscard]] static std::optional<FaultRule> fromJson(const QJsonObject &object, QString *error);
    /// From a --fault spec: "KIND[:ARG][,key=value…]" or a JSON object.
    [[nodiscard]] static std::optional<FaultRule> fromSpec(const QString &spec, QString *error);

private:
    QRegularExpression m_compiledGlob;
    QRegularExpression m_compiledRegex;
    QRegularExpression m_compiledQuery;
    bool compile(QString *error);
};

/// The active fault rules, in the order they were added; the first matching rule applies.
class FaultInjector
{
public:
    int add(FaultRule rule);
    bool remove(int id);
    void clear();
    [[nodiscard]] QJsonArray toJson() const;
    [[nodiscard]] bool isEmpty() const { return m_rules.isEmpty(); }

    /// The rule that applies to @p request, counted as one occurrence (exhausted rules are dropped).
    [[nodiscard]] std::optional<FaultRule> take(const HttpRequest &request, const QString &service);

private:
    QList<FaultRule> m_rules;
    int m_nextId = 1;
};

} // namespace Shipdeck::Sandbox
