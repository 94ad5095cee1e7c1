#include "httpserver.h"

#include <QDateTime>
#include <QHostAddress>
#include <QLocale>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

using namespace Qt::Literals::StringLiterals;

namespace Shipdeck::Sandbox {

namespace {

constexpr qsizetype MaxHeaderBytes = 64 * 1024;
constexpr qsizetype MaxBodyBytes = 8 * 1024 * 1024;

QByteArray httpDate()
{
    return QLocale::c().toString(QDateTime::currentDateTimeUtc(), u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s).toLatin1();
}

} // namespace

QByteArray HttpRequest::header(const QByteArray &name) const
{
    const QByteArray lower = name.toLower();
    for (const auto &[key, value] : headers) {
        if (key == lower)
            return value;
    }
    return {};
}

QUrlQuery HttpRequest::query() const
{
    QByteArray raw = rawQuery;
    raw.replace('+', "%20");
    return QUrlQuery(QString::fromLatin1(raw));
}

void HttpResponse::setHeader(const QByteArray &name, const QByteArray &value)
{
    for (auto &[key, existing] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0) {
            existing = value;
            return;
        }
    }
    headers.append({name, value});
}

QByteArray HttpResponse::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

HttpResponse HttpResponse::json(int status, const QByteArray &json)
{
    HttpResponse response;
    response.status = status;
    response.body = json;
    response.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json") });
    return response;
}

HttpResponse HttpResponse::text(int status, const QByteArray &text, const QByteArray &contentType)
{
    HttpResponse response;
    response.status = status;
    response.body = text;
    response.headers.append({QByteArrayLiteral("Content-Type"), contentType});
    return response;
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 208:
        return "Already Reported";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 409:
        return "Conflict";
    case 411:
        return "Length Required";
    case 413:
        return "Payload Too Large";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Unknown";
    }
}

HttpServer::HttpServer(Handler handler, QObject *parent)
    : QObject(parent), m_handler(std::move(handler)), m_server(std::make_unique<QTcpServer>())
{
    connect(m_server.get(), &QTcpServer::pendingConnectionAvailable, this, &HttpServer::onNewConnection);
}

HttpServer::~HttpServer()
{
    // Sockets are children of the server; make sure no slot of ours runs while they go.
    for (auto it = m_connections.keyBegin(); it != m_connections.keyEnd(); ++it)
        disconnect(*it, nullptr, this, nullptr);
}

bool HttpServer::listen(quint16 port)
{
    return m_server->listen(QHostAddress::LocalHost, port);
}

quint16 HttpServer::port() const
{
    return m_server->serverPort();
}

QString HttpServer::errorString() const
{
    return m_server->errorString();
}

void HttpServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        m_connections.insert(socket, Connection {});
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
            auto it = m_connections.find(socket);
            if (it == m_connections.end())
                return;
            it->buffer += socket->readAll();
            processBuffer(socket);
        });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_connections.remove(socket);
            socket->deleteLater();
        });
    }
}

void HttpServer::processBuffer(QTcpSocket *socket)
{
    auto it = m_connections.find(socket);
    if (it == m_connections.end() || it->busy || it->closing)
        return;
    QByteArray &buffer = it->buffer;

    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0) {
        if (buffer.size() > MaxHeaderBytes) {
            deliver(socket, HttpResponse::text(431, "Request header fields too large\n"), false);
        }
        return;
    }

    HttpRequest request;
    request.localPort = socket->localPort();
    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1.")) {
        it->closing = true;
        deliver(socket, HttpResponse::text(400, "Bad request\n"), false);
        return;
    }
    request.method = requestLine.at(0);
    request.target = requestLine.at(1);
    const bool http10 = requestLine.at(2) == "HTTP/1.0";
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        request.headers.append({line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed()});
    }
    if (!request.header("transfer-encoding").isEmpty()) {
        it->closing = true;
        deliver(socket, HttpResponse::text(411, "Length required\n"), false);
        return;
    }
    bool ok = true;
    const QByteArray lengthHeader = request.header("content-length");
    const qlonglong length = lengthHeader.isEmpty() ? 0 : lengthHeader.toLongLong(&ok);
    if (!ok || length < 0 || length > MaxBodyBytes) {
        it->closing = true;
        deliver(socket, HttpResponse::text(413, "Payload too large\n"), false);
        return;
    }
    if (buffer.size() < headerEnd + 4 + length)
        return; // wait for the rest of the body
    request.body = buffer.mid(headerEnd + 4, length);
    buffer.remove(0, headerEnd + 4 + length);

    const qsizetype question = request.target.indexOf('?');
    request.rawPath = question < 0 ? request.target : request.target.left(question);
    request.rawQuery = question < 0 ? QByteArray() : request.target.mid(question + 1);
    if (request.target.startsWith("http://")) { // absolute-form
        const QUrl url(QString::fromLatin1(request.target));
        request.rawPath = url.path(QUrl::FullyEncoded).toLatin1();
        request.rawQuery = url.query(QUrl::FullyEncoded).toLatin1();
    }

    const QByteArray connectionHeader = request.header("connection").toLower();
    const bool keepAlive = http10 ? connectionHeader == "keep-alive" : connectionHeader != "close";

    it->busy = true;
    HttpResponse response = m_handler(request);
    if (request.method == "HEAD")
        response.body.clear();
    if (response.delayMs > 0) {
        QTimer::singleShot(response.delayMs, socket, [this, socket, response, keepAlive] {
            HttpResponse now = response;
            now.delayMs = 0;
            deliver(socket, now, keepAlive);
        });
        return;
    }
    deliver(socket, response, keepAlive);
}

void HttpServer::deliver(QTcpSocket *socket, const HttpResponse &response, bool keepAlive)
{
    auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    it->busy = true;

    switch (response.delivery) {
    case HttpResponse::Delivery::Stall:
        return; // busy forever: the client gives up and closes
    case HttpResponse::Delivery::Reset: {
        it->closing = true;
#ifdef Q_OS_UNIX
        // SO_LINGER with a zero timeout makes close() send RST instead of FIN.
        struct linger lingerOption {1, 0};
        ::setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &lingerOption, sizeof lingerOption);
#endif
        socket->abort();
        return;
    }
    case HttpResponse::Delivery::Normal:
    case HttpResponse::Delivery::Truncate:
        break;
    }

    const bool truncate = response.delivery == HttpResponse::Delivery::Truncate;
    const bool keep = keepAlive && !truncate && !it->closing;
    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    out += "Date: " + httpDate() + "\r\n";
    out += "Server: shipdeck-sandbox\r\n";
    for (const auto &[name, value] : response.headers)
        out += name + ": " + value + "\r\n";
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    out += keep ? QByteArrayLiteral("Connection: keep-alive\r\n") : QByteArrayLiteral("Connection: close\r\n");
    out += "\r\n";
    out += truncate ? response.body.left(response.body.size() / 2) : response.body;
    socket->write(out);
    finishResponse(socket, keep);
}

void HttpServer::finishResponse(QTcpSocket *socket, bool keepAlive)
{
    auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    if (!keepAlive) {
        it->closing = true;
        socket->flush();
        socket->disconnectFromHost();
        return;
    }
    it->busy = false;
    if (!it->buffer.isEmpty()) {
        // The next pipelined request: answer it from the event loop, not recursively.
        QTimer::singleShot(0, socket, [this, socket] { processBuffer(socket); });
    }
}

} // namespace Shipdeck::Sandbox
