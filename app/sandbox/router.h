#pragma once

#include "httpserver.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrlQuery>

#include <functional>

namespace Shipdeck::Sandbox {

/// A request as a handler sees it: the HTTP request, the decoded path parameters and the parsed query and body.
struct ApiRequest
{
    const HttpRequest &http;
    QHash<QString, QString> params; ///< path parameters, percent-decoded
    QUrlQuery query;
    QString origin; ///< "http://127.0.0.1:<port>"
    QJsonObject body; ///< a JSON object body, or the form-encoded body as strings

    [[nodiscard]] QString param(const QString &name) const { return params.value(name); }
    [[nodiscard]] bool has(const QString &name) const;
    /// Query value (fully decoded); empty when absent.
    [[nodiscard]] QString value(const QString &name) const;
    /// All values of a repeated parameter, also in the "name[]" spelling.
    [[nodiscard]] QStringList values(const QString &name) const;
    /// A parameter from the body, else from the query (Grape and DRF both read either).
    [[nodiscard]] QJsonValue input(const QString &name) const;
};

using RouteHandler = std::function<HttpResponse(const ApiRequest &)>;

/**
 * Method + path-pattern routing. Patterns are literal segments, ":name" (one segment) and "*name" (the rest). Matching
 * happens on the raw path split at '/', so an encoded "%2F" stays inside its segment; captures are then decoded.
 */
class Router
{
public:
    enum class Result { Found, MethodNotAllowed, NotFound };

    void add(const QByteArray &method, const QString &pattern, RouteHandler handler);

    /// Looks up @p rawPath (relative to the service prefix, still percent-encoded).
    Result route(const QByteArray &method, const QByteArray &rawPath, RouteHandler *handler,
                 QHash<QString, QString> *params) const;

private:
    struct Route
    {
        QByteArray method;
        QStringList segments;
        RouteHandler handler;
    };
    static bool match(const Route &route, const QList<QByteArray> &segments, QHash<QString, QString> *params);

    QList<Route> m_routes;
};

/// Builds the ApiRequest for @p http (query, JSON or form body).
[[nodiscard]] QJsonObject parseBody(const HttpRequest &http);

} // namespace Shipdeck::Sandbox
