#include "httpheaders.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>
#include <QTimeZone>

#include <algorithm>
#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace Shipdeck::Http {

namespace {

constexpr qsizetype MaxMessageLength = 500;

int monthFromName(QByteArrayView name)
{
    static constexpr const char *months[]
        = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    for (int i = 0; i < 12; ++i) {
        if (name.compare(QByteArrayView(months[i]), Qt::CaseInsensitive) == 0)
            return i + 1;
    }
    return 0;
}

QDateTime makeUtc(int year, int month, int day, QByteArrayView time)
{
    const QList<QByteArray> parts = time.toByteArray().split(':');
    if (parts.size() != 3)
        return {};
    bool okH = false, okM = false, okS = false;
    const int h = parts.at(0).toInt(&okH);
    const int m = parts.at(1).toInt(&okM);
    const int s = parts.at(2).toInt(&okS);
    const QDate date(year, month, day);
    const QTime clock(h, m, s);
    if (!okH || !okM || !okS || !date.isValid() || !clock.isValid())
        return {};
    return QDateTime(date, clock, QTimeZone::UTC);
}

/// Unquotes an RFC 8288 parameter value (quoted-string with backslash escapes, or a token).
QByteArray unquote(QByteArrayView value)
{
    value = value.trimmed();
    if (value.size() < 2 || value.front() != '"' || value.back() != '"')
        return value.toByteArray();
    QByteArray result;
    for (qsizetype i = 1; i < value.size() - 1; ++i) {
        if (value.at(i) == '\\' && i + 1 < value.size() - 1)
            ++i;
        result.append(value.at(i));
    }
    return result;
}

struct LinkValue
{
    QByteArray target;
    QList<std::pair<QByteArray, QByteArray>> params; // names lower-cased
    [[nodiscard]] QByteArray param(QByteArrayView name) const
    {
        for (const auto &[key, value] : params) {
            if (key == name)
                return value;
        }
        return {};
    }
};

QList<LinkValue> parseLinks(QByteArrayView header)
{
    QList<LinkValue> links;
    qsizetype pos = 0;
    const qsizetype n = header.size();
    auto skipSpace = [&] {
        while (pos < n && (header.at(pos) == ' ' || header.at(pos) == '\t'))
            ++pos;
    };
    while (pos < n) {
        skipSpace();
        if (pos < n && header.at(pos) == ',') {
            ++pos;
            continue;
        }
        if (pos >= n)
            break;
        if (header.at(pos) != '<') {
            // Not a link-value: skip to the next comma.
            while (pos < n && header.at(pos) != ',')
                ++pos;
            continue;
        }
        const qsizetype close = header.indexOf('>', pos + 1);
        if (close < 0)
            break;
        LinkValue link;
        link.target = header.sliced(pos + 1, close - pos - 1).trimmed().toByteArray();
        pos = close + 1;
        // Parameters: *( ";" name [ "=" ( token / quoted-string ) ] ), up to the next top-level comma.
        while (true) {
            skipSpace();
            if (pos >= n || header.at(pos) != ';')
                break;
            ++pos;
            skipSpace();
            const qsizetype nameStart = pos;
            while (pos < n && header.at(pos) != '=' && header.at(pos) != ';' && header.at(pos) != ',')
                ++pos;
            const QByteArray name = header.sliced(nameStart, pos - nameStart).trimmed().toByteArray().toLower();
            QByteArray value;
            if (pos < n && header.at(pos) == '=') {
                ++pos;
                skipSpace();
                const qsizetype valueStart = pos;
                if (pos < n && header.at(pos) == '"') {
                    ++pos;
                    while (pos < n && header.at(pos) != '"') {
                        if (header.at(pos) == '\\')
                            ++pos;
                        ++pos;
                    }
                    pos = std::min(pos + 1, n);
                } else {
                    while (pos < n && header.at(pos) != ';' && header.at(pos) != ',')
                        ++pos;
                }
                value = unquote(header.sliced(valueStart, pos - valueStart));
            }
            if (!name.isEmpty())
                link.params.append({name, value});
        }
        links.append(link);
        // Anything left before the next comma is garbage; skip it.
        while (pos < n && header.at(pos) != ',')
            ++pos;
    }
    return links;
}

QString flatten(const QJsonValue &value);

QString flattenObject(const QJsonObject &object)
{
    QStringList parts;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString text = flatten(it.value());
        if (text.isEmpty())
            continue;
        // GitLab validation errors: {"bio": ["is too long"]} → "bio: is too long"
        parts.append(it.key() + u": "_s + text);
    }
    return parts.join(u"; "_s);
}

QString flatten(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double:
        return QString::number(value.toDouble());
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Array: {
        QStringList parts;
        const QJsonArray array = value.toArray();
        for (const QJsonValue &item : array) {
            const QString text = flatten(item);
            if (!text.isEmpty())
                parts.append(text);
        }
        return parts.join(u"; "_s);
    }
    case QJsonValue::Object:
        return flattenObject(value.toObject());
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

bool isStringOrStringList(const QJsonValue &value)
{
    if (value.isString())
        return true;
    if (!value.isArray())
        return false;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array) {
        if (!item.isString())
            return false;
    }
    return true;
}

QString messageFromJson(const QJsonDocument &document)
{
    if (document.isArray())
        return flatten(document.array());
    const QJsonObject object = document.object();
    for (const auto key : {"message"_L1, "detail"_L1}) {
        const QString text = flatten(object.value(key));
        if (!text.isEmpty())
            return text;
    }
    // OAuth-style {"error": "insufficient_scope", "error_description": "..."}: the description is the sentence.
    const QString description = flatten(object.value("error_description"_L1));
    if (!description.isEmpty())
        return description;
    for (const auto key : {"error"_L1, "errors"_L1}) {
        const QString text = flatten(object.value(key));
        if (!text.isEmpty())
            return text;
    }
    // DRF validation errors: {"version": ["This field is required."]}. Anything else is not a message.
    if (object.isEmpty())
        return {};
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!isStringOrStringList(it.value()))
            return {};
    }
    return flattenObject(object);
}

QString clip(const QString &text)
{
    QString result = text.simplified();
    if (result.size() > MaxMessageLength)
        result = result.left(MaxMessageLength - 1) + u'\u2026';
    return result;
}

} // namespace

QByteArray headerValue(const RawHeaders &headers, QByteArrayView name)
{
    QByteArray result;
    bool found = false;
    for (const auto &[key, value] : headers) {
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) != 0)
            continue;
        if (found)
            result += ", ";
        result += value;
        found = true;
    }
    return result;
}

QDateTime parseHttpDate(QByteArrayView value)
{
    const QList<QByteArray> tokens = value.toByteArray().simplified().split(' ');
    // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
    if (tokens.size() == 6 && tokens.at(0).endsWith(',')) {
        const int month = monthFromName(tokens.at(2));
        if (month == 0 || tokens.at(5).compare("GMT", Qt::CaseInsensitive) != 0)
            return {};
        return makeUtc(tokens.at(3).toInt(), month, tokens.at(1).toInt(), tokens.at(4));
    }
    // RFC 850: "Sunday, 06-Nov-94 08:49:37 GMT"
    if (tokens.size() == 4 && tokens.at(0).endsWith(',')) {
        const QList<QByteArray> date = tokens.at(1).split('-');
        if (date.size() != 3 || tokens.at(3).compare("GMT", Qt::CaseInsensitive) != 0)
            return {};
        const int month = monthFromName(date.at(1));
        int year = date.at(2).toInt();
        if (date.at(2).size() == 2)
            year += year < 70 ? 2000 : 1900;
        if (month == 0)
            return {};
        return makeUtc(year, month, date.at(0).toInt(), tokens.at(2));
    }
    // asctime: "Sun Nov  6 08:49:37 1994"
    if (tokens.size() == 5) {
        const int month = monthFromName(tokens.at(1));
        if (month == 0)
            return {};
        return makeUtc(tokens.at(4).toInt(), month, tokens.at(2).toInt(), tokens.at(3));
    }
    return {};
}

std::optional<std::chrono::milliseconds> parseRetryAfter(QByteArrayView value, const QDateTime &now)
{
    const QByteArray trimmed = value.trimmed().toByteArray();
    if (trimmed.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qlonglong seconds = trimmed.toLongLong(&ok);
    if (ok) {
        if (seconds < 0)
            return std::nullopt;
        // Clamp absurd values before multiplying.
        return std::chrono::milliseconds(std::min<qlonglong>(seconds, 365LL * 24 * 3600) * 1000);
    }
    const QDateTime date = parseHttpDate(trimmed);
    if (!date.isValid())
        return std::nullopt;
    return std::chrono::milliseconds(std::max<qint64>(0, now.msecsTo(date)));
}

RateLimitInfo parseRateLimit(const RawHeaders &headers, const QDateTime &now)
{
    auto field = [&headers](QByteArrayView gitlab, QByteArrayView sentry) {
        QByteArray value = headerValue(headers, gitlab).trimmed();
        if (value.isEmpty())
            value = headerValue(headers, sentry).trimmed();
        return value;
    };
    auto toInt = [](const QByteArray &value) {
        bool ok = false;
        const int number = value.toInt(&ok);
        return ok && number >= 0 ? number : -1;
    };

    RateLimitInfo info;
    info.limit = toInt(field("RateLimit-Limit", "X-Sentry-Rate-Limit-Limit"));
    info.remaining = toInt(field("RateLimit-Remaining", "X-Sentry-Rate-Limit-Remaining"));
    const QByteArray reset = field("RateLimit-Reset", "X-Sentry-Rate-Limit-Reset");
    bool ok = false;
    const double resetValue = reset.toDouble(&ok);
    if (ok && std::isfinite(resetValue) && resetValue >= 0) {
        if (resetValue < 1e9) {
            info.reset = now.toUTC().addMSecs(qint64(resetValue * 1000));
        } else {
            info.reset = QDateTime::fromMSecsSinceEpoch(qint64(resetValue * 1000), QTimeZone::UTC);
        }
    }
    return info;
}

QUrl parseNextLink(QByteArrayView linkHeader, const QUrl &base)
{
    const QList<LinkValue> links = parseLinks(linkHeader);
    for (const LinkValue &link : links) {
        const QList<QByteArray> rels = link.param("rel").toLower().simplified().split(' ');
        if (!rels.contains(QByteArrayLiteral("next")))
            continue;
        // Sentry always sends a next cursor; results="false" says it leads nowhere.
        if (link.param("results").compare("false", Qt::CaseInsensitive) == 0)
            return {};
        const QUrl target(QString::fromUtf8(link.target));
        if (!target.isValid())
            return {};
        return base.resolved(target);
    }
    return {};
}

QString serverMessage(const QByteArray &body, QByteArrayView contentType)
{
    const QByteArray trimmed = body.trimmed();
    if (trimmed.isEmpty())
        return {};
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(trimmed, &error);
        if (error.error == QJsonParseError::NoError)
            return clip(messageFromJson(document));
    }
    // A proxy's HTML error page says nothing the status code does not; never pass markup on as a message.
    const QByteArray type = contentType.toByteArray().toLower();
    if (type.contains("html") || (!type.startsWith("text/plain") && trimmed.startsWith('<')))
        return {};
    return clip(QString::fromUtf8(trimmed));
}

} // namespace Shipdeck::Http
