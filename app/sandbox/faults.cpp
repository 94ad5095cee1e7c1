#include "faults.h"

#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace Shipdeck::Sandbox {

namespace {

struct KindName
{
    FaultRule::Kind kind;
    const char *name;
};

constexpr KindName KindNames[] = {
    {FaultRule::Kind::Latency, "latency"},     {FaultRule::Kind::Status401, "401"},
    {FaultRule::Kind::Status403, "403"},       {FaultRule::Kind::Status404, "404"},
    {FaultRule::Kind::Status429, "429"},       {FaultRule::Kind::Status500, "500"},
    {FaultRule::Kind::Status502, "502"},       {FaultRule::Kind::Status503, "503"},
    {FaultRule::Kind::Malformed, "malformed"}, {FaultRule::Kind::Truncate, "truncate"},
    {FaultRule::Kind::Reset, "reset"},         {FaultRule::Kind::Stall, "stall"},
};

int intOf(const QJsonValue &value, int fallback, bool *ok)
{
    if (value.isUndefined() || value.isNull())
        return fallback;
    if (value.isDouble())
        return value.toInt();
    bool parsed = false;
    const int number = value.toString().toInt(&parsed);
    if (!parsed)
        *ok = false;
    return parsed ? number : fallback;
}

} // namespace

QString FaultRule::kindName(Kind kind)
{
    for (const KindName &entry : KindNames) {
        if (entry.kind == kind)
            return QString::fromLatin1(entry.name);
    }
    return {};
}

std::optional<FaultRule::Kind> FaultRule::parseKind(const QString &name)
{
    const QString lower = name.trimmed().toLower();
    for (const KindName &entry : KindNames) {
        if (lower == QLatin1StringView(entry.name))
            return entry.kind;
    }
    if (lower == "delay"_L1 || lower == "slow"_L1)
        return Kind::Latency;
    if (lower == "truncated"_L1)
        return Kind::Truncate;
    if (lower == "abort"_L1)
        return Kind::Reset;
    if (lower == "hang"_L1)
        return Kind::Stall;
    if (lower == "malformed-json"_L1 || lower == "malformed_json"_L1)
        return Kind::Malformed;
    return std::nullopt;
}

bool FaultRule::compile(QString *error)
{
    if (!pathGlob.isEmpty()) {
        m_compiledGlob = QRegularExpression(
            QRegularExpression::wildcardToRegularExpression(pathGlob, QRegularExpression::NonPathWildcardConversion));
        if (!m_compiledGlob.isValid()) {
            *error = "invalid path glob: "_L1 + pathGlob;
            return false;
        }
    }
    if (!pathRegex.isEmpty()) {
        m_compiledRegex = QRegularExpression(pathRegex);
        if (!m_compiledRegex.isValid()) {
            *error = "invalid regex: "_L1 + m_compiledRegex.errorString();
            return false;
        }
    }
    if (!queryGlob.isEmpty()) {
        m_compiledQuery = QRegularExpression(
            QRegularExpression::wildcardToRegularExpression(queryGlob, QRegularExpression::NonPathWildcardConversion));
        if (!m_compiledQuery.isValid()) {
            *error = "invalid query glob: "_L1 + queryGlob;
            return false;
        }
    }
    if (!service.isEmpty() && service != "gitlab"_L1 && service != "sentry"_L1) {
        *error = "service must be gitlab or sentry"_L1;
        return false;
    }
    return true;
}

bool FaultRule::matches(const HttpRequest &request, const QString &requestService) const
{
    if (!service.isEmpty() && service != requestService)
        return false;
    if (!method.isEmpty() && method.toLatin1() != request.method)
        return false;
    const QString path = QString::fromLatin1(request.rawPath);
    if (!pathGlob.isEmpty() && !m_compiledGlob.match(path).hasMatch())
        return false;
    if (!pathRegex.isEmpty() && !m_compiledRegex.match(path).hasMatch())
        return false;
    if (!queryGlob.isEmpty() && !m_compiledQuery.match(QString::fromLatin1(request.rawQuery)).hasMatch())
        return false;
    return true;
}

QJsonObject FaultRule::toJson() const
{
    QJsonObject object {
        {u"id"_s, id},     {u"kind"_s, kindName(kind)}, {u"count"_s, remaining},
        {u"hits"_s, hits}, {u"delay_ms"_s, delayMs},
    };
    if (!service.isEmpty())
        object.insert(u"service"_s, service);
    if (!method.isEmpty())
        object.insert(u"method"_s, method);
    if (!pathGlob.isEmpty())
        object.insert(u"path"_s, pathGlob);
    if (!pathRegex.isEmpty())
        object.insert(u"regex"_s, pathRegex);
    if (!queryGlob.isEmpty())
        object.insert(u"query"_s, queryGlob);
    if (kind == Kind::Status429)
        object.insert(u"retry_after"_s, retryAfter);
    return object;
}

std::optional<FaultRule> FaultRule::fromJson(const QJsonObject &object, QString *error)
{
    FaultRule rule;
    const QJsonValue kindValue = object.value(u"kind"_s);
    const QString kindText = kindValue.isDouble() ? QString::number(kindValue.toInt()) : kindValue.toString();
    const std::optional<Kind> kind = parseKind(kindText);
    if (!kind) {
        *error = "unknown fault kind \""_L1 + kindText
            + "\" (latency, 401, 403, 404, 429, 500, 502, 503, malformed, truncate, reset, stall)"_L1;
        return std::nullopt;
    }
    rule.kind = *kind;
    bool ok = true;
    rule.service = object.value(u"service"_s).toString().toLower();
    rule.method = object.value(u"method"_s).toString().toUpper();
    rule.pathGlob = object.value(u"path"_s).toString();
    rule.pathRegex = object.value(u"regex"_s).toString();
    rule.queryGlob = object.value(u"query"_s).toString();
    rule.remaining = intOf(object.value(u"count"_s), -1, &ok);
    rule.delayMs = intOf(object.contains(u"delay_ms"_s) ? object.value(u"delay_ms"_s) : object.value(u"ms"_s), 0, &ok);
    rule.retryAfter = intOf(object.value(u"retry_after"_s), 1, &ok);
    if (!ok) {
        *error = "count, delay_ms and retry_after must be integers"_L1;
        return std::nullopt;
    }
    if (rule.remaining == 0 || rule.remaining < -1) {
        *error = "count must be positive (or -1 for unlimited)"_L1;
        return std::nullopt;
    }
    if (rule.kind == Kind::Latency && rule.delayMs <= 0) {
        *error = "a latency fault needs delay_ms > 0"_L1;
        return std::nullopt;
    }
    if (!rule.compile(error))
        return std::nullopt;
    return rule;
}

std::optional<FaultRule> FaultRule::fromSpec(const QString &spec, QString *error)
{
    const QString trimmed = spec.trimmed();
    if (trimmed.startsWith(u'{')) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(trimmed.toUtf8(), &parseError);
        if (!document.isObject()) {
            *error = "invalid JSON: "_L1 + parseError.errorString();
            return std::nullopt;
        }
        return fromJson(document.object(), error);
    }
    // KIND[:ARG][,key=value...]
    const QStringList parts = trimmed.split(u',');
    QJsonObject object;
    const QString head = parts.value(0);
    const qsizetype colon = head.indexOf(u':');
    const QString kind = colon < 0 ? head : head.left(colon);
    object.insert(u"kind"_s, kind);
    if (colon >= 0) {
        const QString argument = head.mid(colon + 1);
        const std::optional<Kind> parsed = parseKind(kind);
        if (parsed == Kind::Status429)
            object.insert(u"retry_after"_s, argument);
        else
            object.insert(u"delay_ms"_s, argument);
    }
    for (qsizetype i = 1; i < parts.size(); ++i) {
        const QString &part = parts.at(i);
        const qsizetype equals = part.indexOf(u'=');
        if (equals <= 0) {
            *error = "expected key=value, got \""_L1 + part + u'"';
            return std::nullopt;
        }
        QString key = part.left(equals).trimmed();
        if (key == "delay"_L1)
            key = u"delay_ms"_s;
        static const QStringList known {u"path"_s,  u"regex"_s,    u"query"_s,       u"method"_s,
                                        u"count"_s, u"delay_ms"_s, u"retry_after"_s, u"service"_s};
        if (!known.contains(key)) {
            *error
                = "unknown key \""_L1 + key + "\" (path, regex, query, method, service, count, delay, retry_after)"_L1;
            return std::nullopt;
        }
        object.insert(key, part.mid(equals + 1));
    }
    return fromJson(object, error);
}

int FaultInjector::add(FaultRule rule)
{
    rule.id = m_nextId++;
    m_rules.append(rule);
    return rule.id;
}

bool FaultInjector::remove(int id)
{
    return m_rules.removeIf([id](const FaultRule &rule) { return rule.id == id; }) > 0;
}

void FaultInjector::clear()
{
    m_rules.clear();
}

QJsonArray FaultInjector::toJson() const
{
    QJsonArray array;
    for (const FaultRule &rule : m_rules)
        array.append(rule.toJson());
    return array;
}

std::optional<FaultRule> FaultInjector::take(const HttpRequest &request, const QString &service)
{
    for (qsizetype i = 0; i < m_rules.size(); ++i) {
        FaultRule &rule = m_rules[i];
        if (!rule.matches(request, service))
            continue;
        ++rule.hits;
        FaultRule applied = rule;
        if (rule.remaining > 0 && --rule.remaining == 0)
            m_rules.removeAt(i);
        return applied;
    }
    return std::nullopt;
}

} // namespace Shipdeck::Sandbox
