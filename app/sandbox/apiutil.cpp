#include "apiutil.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QTimeZone>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Shipdeck::Sandbox {

QString isoMs(const QDateTime &time)
{
    return time.toUTC().toString(u"yyyy-MM-ddTHH:mm:ss.zzz'Z'"_s);
}

QString isoSec(const QDateTime &time)
{
    return time.toUTC().toString(u"yyyy-MM-ddTHH:mm:ss'Z'"_s);
}

QString isoMicro(const QDateTime &time)
{
    return time.toUTC().toString(u"yyyy-MM-ddTHH:mm:ss.zzz'000Z'"_s);
}

QJsonValue isoMsOrNull(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(isoMs(time)) : QJsonValue(QJsonValue::Null);
}

QJsonValue isoMicroOrNull(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(isoMicro(time)) : QJsonValue(QJsonValue::Null);
}

QDateTime parseIso(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return {};
    QDateTime time = QDateTime::fromString(trimmed, Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(trimmed, Qt::ISODate);
    if (!time.isValid()) {
        const QDate date = QDate::fromString(trimmed, Qt::ISODate);
        if (!date.isValid())
            return {};
        return QDateTime(date, QTime(0, 0), QTimeZone::UTC);
    }
    if (time.timeSpec() == Qt::LocalTime) // no zone given: UTC, as both services read it
        time = QDateTime(time.date(), time.time(), QTimeZone::UTC);
    return time.toUTC();
}

std::optional<qint64> parseDuration(const QString &text)
{
    static const QRegularExpression pattern(u"^\\s*(\\d+)\\s*([smhdw]?)\\s*$"_s);
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    bool ok = false;
    const qint64 value = match.captured(1).toLongLong(&ok);
    if (!ok || value <= 0)
        return std::nullopt;
    const QString unit = match.captured(2);
    qint64 factor = 1;
    if (unit == u"m")
        factor = 60;
    else if (unit == u"h")
        factor = 3600;
    else if (unit == u"d")
        factor = 86400;
    else if (unit == u"w")
        factor = 7 * 86400;
    return value * factor;
}

QByteArray compactJson(const QJsonValue &value)
{
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    if (value.isObject())
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    // A scalar document: wrap and strip the brackets.
    QByteArray wrapped = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

HttpResponse jsonResponse(int status, const QJsonValue &value)
{
    return HttpResponse::json(status, compactJson(value));
}

quint64 mix64(quint64 value)
{
    value += 0x9e3779b97f4a7c15ULL;
    value = (value ^ (value >> 30)) * 0xbf58476d1ce4e5b9ULL;
    value = (value ^ (value >> 27)) * 0x94d049bb133111ebULL;
    return value ^ (value >> 31);
}

double unitNoise(quint64 a, quint64 b, quint64 c, quint64 d)
{
    const quint64 h = mix64(mix64(mix64(mix64(a) ^ b) ^ c) ^ d);
    return double(h >> 11) / double(1ULL << 53);
}

QString fakeSha(quint64 seed, quint64 index)
{
    QString sha;
    quint64 state = mix64(seed ^ (index * 0x100000001b3ULL));
    while (sha.size() < 40) {
        state = mix64(state);
        sha += QString::number(state, 16).rightJustified(16, u'0');
    }
    return sha.left(40);
}

QByteArray queryWithout(const HttpRequest &request, const QList<QByteArray> &drop)
{
    QList<QByteArray> kept;
    const QList<QByteArray> parts = request.rawQuery.split('&');
    for (const QByteArray &part : parts) {
        if (part.isEmpty())
            continue;
        const QByteArray key = QByteArray::fromPercentEncoding(part.left(part.indexOf('=')));
        if (drop.contains(key))
            continue;
        kept.append(part);
    }
    return kept.join('&');
}

QString requestOrigin(const HttpRequest &request)
{
    const QByteArray host = request.header("host");
    if (!host.isEmpty())
        return "http://"_L1 + QString::fromLatin1(host);
    return "http://127.0.0.1:"_L1 + QString::number(request.localPort);
}

namespace {

int queryInt(const QUrlQuery &query, const QString &name, int fallback)
{
    bool ok = false;
    const int value = query.queryItemValue(name).toInt(&ok);
    return ok ? value : fallback;
}

} // namespace

QJsonArray gitLabPage(const HttpRequest &request, const QJsonArray &all, HttpResponse &response, bool withTotals)
{
    const QUrlQuery query = request.query();
    int perPage = queryInt(query, u"per_page"_s, 20);
    if (perPage < 1)
        perPage = 20;
    perPage = std::min(perPage, 100);
    const int page = std::max(1, queryInt(query, u"page"_s, 1));
    const int total = int(all.size());
    const int totalPages = std::max(1, (total + perPage - 1) / perPage);

    QJsonArray items;
    for (int i = (page - 1) * perPage; i < std::min(total, page * perPage); ++i)
        items.append(all.at(i));

    const QByteArray base = requestOrigin(request).toLatin1() + request.rawPath + '?';
    const QByteArray rest = queryWithout(request, {"page", "per_page"});
    auto link = [&](int target, const char *rel) -> QByteArray {
        QByteArray url = base;
        if (!rest.isEmpty())
            url += rest + '&';
        url += "page=" + QByteArray::number(target) + "&per_page=" + QByteArray::number(perPage);
        return '<' + url + ">; rel=\"" + rel + '"';
    };
    QList<QByteArray> links;
    const bool hasNext = page < totalPages;
    if (page > 1)
        links.append(link(page - 1, "prev"));
    if (hasNext)
        links.append(link(page + 1, "next"));
    links.append(link(1, "first"));
    if (withTotals)
        links.append(link(totalPages, "last"));
    response.setHeader("Link", links.join(", "));
    response.setHeader("X-Page", QByteArray::number(page));
    response.setHeader("X-Per-Page", QByteArray::number(perPage));
    response.setHeader("X-Prev-Page", page > 1 ? QByteArray::number(page - 1) : QByteArray());
    response.setHeader("X-Next-Page", hasNext ? QByteArray::number(page + 1) : QByteArray());
    if (withTotals) {
        response.setHeader("X-Total", QByteArray::number(total));
        response.setHeader("X-Total-Pages", QByteArray::number(totalPages));
    }
    return items;
}

QJsonArray sentryPage(const HttpRequest &request, const QJsonArray &all, HttpResponse &response, int defaultPerPage,
                      const QString &perPageParam)
{
    const QUrlQuery query = request.query();
    int perPage = queryInt(query, perPageParam, defaultPerPage);
    if (perPage < 1)
        perPage = defaultPerPage;
    perPage = std::min(perPage, 100);
    int page = 0;
    const QStringList cursor = query.queryItemValue(u"cursor"_s).split(u':');
    if (cursor.size() == 3)
        page = std::max(0, cursor.at(1).toInt());

    QJsonArray items;
    const qsizetype total = all.size();
    for (qsizetype i = qsizetype(page) * perPage; i < std::min(total, qsizetype(page + 1) * perPage); ++i)
        items.append(all.at(i));
    const bool hasMore = qsizetype(page + 1) * perPage < total;

    QByteArray base = requestOrigin(request).toLatin1() + request.rawPath + '?';
    const QByteArray rest = queryWithout(request, {"cursor"});
    if (!rest.isEmpty())
        base += rest + '&';
    auto link = [&](const QByteArray &value, const char *rel, bool results) -> QByteArray {
        return '<' + base + "cursor=" + value + ">; rel=\"" + rel + "\"; results=\"" + (results ? "true" : "false")
            + "\"; cursor=\"" + value + '"';
    };
    const QByteArray per = QByteArray::number(perPage);
    response.setHeader("Link",
                       link(per + ':' + QByteArray::number(page - 1) + ":1", "previous", page > 0) + ", "
                           + link(per + ':' + QByteArray::number(page + 1) + ":0", "next", hasMore));
    response.setHeader("X-Hits", QByteArray::number(total));
    response.setHeader("X-Max-Hits", QByteArray::number(1000));
    return items;
}

} // namespace Shipdeck::Sandbox
