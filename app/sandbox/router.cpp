#include "router.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace Shipdeck::Sandbox {

bool ApiRequest::has(const QString &name) const
{
    return query.hasQueryItem(name) || query.hasQueryItem(name + "[]"_L1);
}

QString ApiRequest::value(const QString &name) const
{
    return query.queryItemValue(name, QUrl::FullyDecoded);
}

QStringList ApiRequest::values(const QString &name) const
{
    return query.allQueryItemValues(name, QUrl::FullyDecoded)
        + query.allQueryItemValues(name + "[]"_L1, QUrl::FullyDecoded);
}

QJsonValue ApiRequest::input(const QString &name) const
{
    if (body.contains(name))
        return body.value(name);
    if (query.hasQueryItem(name))
        return QJsonValue(value(name));
    if (query.hasQueryItem(name + "[]"_L1)) {
        QJsonArray array;
        for (const QString &item : query.allQueryItemValues(name + "[]"_L1, QUrl::FullyDecoded))
            array.append(item);
        return array;
    }
    return QJsonValue(QJsonValue::Undefined);
}

void Router::add(const QByteArray &method, const QString &pattern, RouteHandler handler)
{
    m_routes.append(Route {method, pattern.split(u'/', Qt::SkipEmptyParts), std::move(handler)});
}

bool Router::match(const Route &route, const QList<QByteArray> &segments, QHash<QString, QString> *params)
{
    QHash<QString, QString> captured;
    for (qsizetype i = 0; i < route.segments.size(); ++i) {
        const QString &pattern = route.segments.at(i);
        if (pattern.startsWith(u'*')) {
            if (i >= segments.size())
                return false;
            QStringList rest;
            for (qsizetype j = i; j < segments.size(); ++j)
                rest.append(QUrl::fromPercentEncoding(segments.at(j)));
            captured.insert(pattern.mid(1), rest.join(u'/'));
            *params = captured;
            return true;
        }
        if (i >= segments.size())
            return false;
        const QString segment = QUrl::fromPercentEncoding(segments.at(i));
        if (pattern.startsWith(u':')) {
            if (segment.isEmpty())
                return false;
            captured.insert(pattern.mid(1), segment);
        } else if (pattern != segment) {
            return false;
        }
    }
    if (segments.size() != route.segments.size())
        return false;
    *params = captured;
    return true;
}

Router::Result Router::route(const QByteArray &method, const QByteArray &rawPath, RouteHandler *handler,
                             QHash<QString, QString> *params) const
{
    QList<QByteArray> segments = rawPath.split('/');
    segments.removeAll(QByteArray());
    bool pathKnown = false;
    for (const Route &route : m_routes) {
        QHash<QString, QString> captured;
        if (!match(route, segments, &captured))
            continue;
        const bool methodMatches = route.method == method || (method == "HEAD" && route.method == "GET");
        if (!methodMatches) {
            pathKnown = true;
            continue;
        }
        *handler = route.handler;
        *params = captured;
        return Result::Found;
    }
    return pathKnown ? Result::MethodNotAllowed : Result::NotFound;
}

QJsonObject parseBody(const HttpRequest &http)
{
    if (http.body.trimmed().isEmpty())
        return {};
    const QByteArray contentType = http.header("content-type").toLower();
    if (contentType.contains("application/x-www-form-urlencoded")) {
        QByteArray raw = http.body;
        raw.replace('+', "%20");
        const QUrlQuery form(QString::fromUtf8(raw));
        QJsonObject object;
        const auto items = form.queryItems(QUrl::FullyDecoded);
        for (const auto &[key, value] : items) {
            if (key.endsWith("[]"_L1)) {
                QJsonArray array = object.value(key.chopped(2)).toArray();
                array.append(value);
                object.insert(key.chopped(2), array);
            } else {
                object.insert(key, value);
            }
        }
        return object;
    }
    const QJsonDocument document = QJsonDocument::fromJson(http.body);
    return document.object();
}

} // namespace Shipdeck::Sandbox
