#include "httptestserver.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

using namespace Qt::Literals::StringLiterals;

namespace Shipdeck::Test {

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK"_ba;
    case 201:
        return "Created"_ba;
    case 204:
        return "No Content"_ba;
    case 301:
        return "Moved Permanently"_ba;
    case 302:
        return "Found"_ba;
    case 304:
        return "Not Modified"_ba;
    case 400:
        return "Bad Request"_ba;
    case 401:
        return "Unauthorized"_ba;
    case 403:
        return "Forbidden"_ba;
    case 404:
        return "Not Found"_ba;
    case 409:
        return "Conflict"_ba;
    case 422:
        return "Unprocessable Entity"_ba;
    case 429:
        return "Too Many Requests"_ba;
    case 500:
        return "Internal Server Error"_ba;
    case 502:
        return "Bad Gateway"_ba;
    case 503:
        return "Service Unavailable"_ba;
    case 504:
        return "Gateway Timeout"_ba;
    default:
        return "Status"_ba;
    }
}

bool hasHeader(const HeaderList &headers, const QByteArray &name)
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QString routeKey(const QByteArray &target)
{
    return QString::fromLatin1(target);
}

} // namespace

QByteArray HttpTestServer::ReceivedRequest::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QByteArray HttpTestServer::ReceivedRequest::path() const
{
    const qsizetype query = target.indexOf('?');
    return query < 0 ? target : target.left(query);
}

HttpTestServer::HttpTestServer(QObject *parent) : QObject(parent) { }

HttpTestServer::~HttpTestServer()
{
    // Sockets are children of the server; close them before the hashes that know them go away.
    for (const auto &socket : std::as_const(m_sockets)) {
        if (socket)
            socket->disconnect(this);
    }
    m_server.reset();
}

QString HttpTestServer::tlsDataDir()
{
    return QStringLiteral(SHIPDECK_TEST_DATA_DIR "/tls");
}

bool HttpTestServer::listen(Mode mode)
{
    m_mode = mode;
    if (mode == Mode::Tls) {
        QFile certFile(tlsDataDir() + u"/server.crt"_s);
        QFile keyFile(tlsDataDir() + u"/server.key"_s);
        if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly)) {
            qWarning("HttpTestServer: cannot read the TLS certificate or key in %s", qPrintable(tlsDataDir()));
            return false;
        }
        const QSslCertificate cert(&certFile, QSsl::Pem);
        const QSslKey key(&keyFile, QSsl::Rsa, QSsl::Pem);
        if (cert.isNull() || key.isNull()) {
            qWarning("HttpTestServer: invalid TLS certificate or key");
            return false;
        }
        auto sslServer = std::make_unique<QSslServer>();
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setLocalCertificate(cert);
        config.setPrivateKey(key);
        config.setPeerVerifyMode(QSslSocket::VerifyNone);
        sslServer->setSslConfiguration(config);
        m_server = std::move(sslServer);
    } else {
        m_server = std::make_unique<QTcpServer>();
    }
    connect(m_server.get(), &QTcpServer::pendingConnectionAvailable, this, &HttpTestServer::onNewConnection);
    return m_server->listen(QHostAddress::LocalHost, 0);
}

quint16 HttpTestServer::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

QUrl HttpTestServer::url(const QString &pathAndQuery) const
{
    const QString scheme = m_mode == Mode::Tls ? u"https"_s : u"http"_s;
    return QUrl(scheme + u"://127.0.0.1:"_s + QString::number(port()) + pathAndQuery);
}

void HttpTestServer::setResponse(const QString &route, const Response &response)
{
    m_routes.insert(route, {response});
}

void HttpTestServer::enqueue(const QString &route, const Response &response)
{
    m_routes[route].append(response);
}

void HttpTestServer::respond(const QString &route, int status, const QByteArray &body, const HeaderList &headers)
{
    Response response;
    response.status = status;
    response.body = body;
    response.headers = headers;
    setResponse(route, response);
}

HttpTestServer::Response HttpTestServer::jsonResponse(int status, const QByteArray &json, const HeaderList &headers)
{
    Response response;
    response.status = status;
    response.body = json;
    response.headers = headers;
    if (!hasHeader(headers, "Content-Type"_ba))
        response.headers.append({"Content-Type"_ba, "application/json"_ba});
    return response;
}

void HttpTestServer::respondJson(const QString &route, int status, const QByteArray &json, const HeaderList &headers)
{
    setResponse(route, jsonResponse(status, json, headers));
}

void HttpTestServer::truncate(const QString &route, const QByteArray &fullBody, qsizetype bytesSent)
{
    Response response = jsonResponse(200, fullBody);
    response.action = Response::Action::Truncate;
    response.truncateAt = bytesSent;
    setResponse(route, response);
}

void HttpTestServer::chunked(const QString &route, const QList<QByteArray> &chunks, qsizetype chunksSent)
{
    Response response = jsonResponse(200, QByteArray());
    response.action = Response::Action::Chunked;
    response.chunks = chunks;
    response.truncateAt = chunksSent;
    setResponse(route, response);
}

void HttpTestServer::reset(const QString &route)
{
    Response response;
    response.action = Response::Action::Reset;
    setResponse(route, response);
}

void HttpTestServer::stall(const QString &route)
{
    Response response;
    response.action = Response::Action::Stall;
    setResponse(route, response);
}

QList<HttpTestServer::ReceivedRequest> HttpTestServer::requests() const
{
    return m_requests;
}

QList<HttpTestServer::ReceivedRequest> HttpTestServer::requests(const QString &path) const
{
    QList<ReceivedRequest> result;
    for (const auto &request : m_requests) {
        if (QString::fromLatin1(request.path()) == path)
            result.append(request);
    }
    return result;
}

int HttpTestServer::requestCount(const QString &path) const
{
    return int(requests(path).size());
}

void HttpTestServer::clearRequests()
{
    m_requests.clear();
}

void HttpTestServer::onNewConnection()
{
    while (m_server->hasPendingConnections()) {
        QTcpSocket *socket = m_server->nextPendingConnection();
        if (!socket)
            return;
        m_sockets.append(socket);
        m_buffers.insert(socket, QByteArray());
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QObject::destroyed, this, [this, socket] { m_buffers.remove(socket); });
        if (socket->bytesAvailable() > 0)
            onReadyRead(socket);
    }
}

void HttpTestServer::onReadyRead(QTcpSocket *socket)
{
    auto it = m_buffers.find(socket);
    if (it == m_buffers.end())
        return;
    it->append(socket->readAll());
    QByteArray &buffer = *it;

    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return;
    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    if (requestLine.size() != 3) {
        m_buffers.remove(socket);
        socket->abort();
        return;
    }
    ReceivedRequest request;
    request.method = requestLine.at(0);
    request.target = requestLine.at(1);
    qsizetype contentLength = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed();
        const QByteArray value = line.mid(colon + 1).trimmed();
        request.headers.append({name, value});
        if (name.compare("Content-Length"_ba, Qt::CaseInsensitive) == 0)
            contentLength = value.toLongLong();
    }
    const qsizetype bodyStart = headerEnd + 4;
    if (buffer.size() - bodyStart < contentLength)
        return; // wait for the rest of the body
    request.body = buffer.mid(bodyStart, contentLength);

    // One request per connection: whatever follows is ignored.
    m_buffers.remove(socket);
    socket->disconnect(this);
    m_requests.append(request);
    Q_EMIT requestReceived(request);
    handleRequest(socket, request);
}

HttpTestServer::Response HttpTestServer::takeResponse(const ReceivedRequest &request)
{
    QString key = routeKey(request.target);
    if (!m_routes.contains(key))
        key = routeKey(request.path());
    auto it = m_routes.find(key);
    if (it == m_routes.end() || it->isEmpty())
        return jsonResponse(404, R"json({"message":"404 Not Found (no route in HttpTestServer)"})json"_ba);
    if (it->size() > 1)
        return it->takeFirst();
    return it->first();
}

void HttpTestServer::handleRequest(QTcpSocket *socket, const ReceivedRequest &request)
{
    Response response = takeResponse(request);
    if (request.method == "HEAD"_ba && response.action == Response::Action::Respond) {
        // Announce the length of the body a GET would get, send none.
        if (!hasHeader(response.headers, "Content-Length"_ba))
            response.headers.append({"Content-Length"_ba, QByteArray::number(response.body.size())});
        response.body.clear();
    }
    if (response.delay.count() > 0) {
        QTimer::singleShot(response.delay, socket, [this, socket, response] { sendResponse(socket, response); });
    } else {
        sendResponse(socket, response);
    }
}

void HttpTestServer::sendResponse(QTcpSocket *socket, const Response &response)
{
    using Action = Response::Action;
    switch (response.action) {
    case Action::Stall:
        return;
    case Action::Reset: {
#ifdef Q_OS_UNIX
        // SO_LINGER with a zero timeout makes close() send RST instead of FIN.
        struct linger lingerOption {1, 0};
        ::setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &lingerOption, sizeof lingerOption);
#endif
        socket->abort();
        return;
    }
    case Action::Respond:
    case Action::Truncate:
    case Action::Chunked:
        break;
    }

    QByteArray out
        = "HTTP/1.1 "_ba + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    for (const auto &[name, value] : response.headers)
        out += name + ": " + value + "\r\n";
    if (response.action == Action::Chunked) {
        out += "Transfer-Encoding: chunked\r\n"_ba;
    } else if (!hasHeader(response.headers, "Content-Length"_ba)) {
        out += "Content-Length: "_ba + QByteArray::number(response.body.size()) + "\r\n";
    }
    out += "Connection: close\r\n\r\n"_ba;

    switch (response.action) {
    case Action::Respond:
        out += response.body;
        break;
    case Action::Truncate:
        out += response.body.left(response.truncateAt);
        break;
    case Action::Chunked: {
        const qsizetype count = response.truncateAt < 0 ? response.chunks.size() : response.truncateAt;
        for (qsizetype i = 0; i < count && i < response.chunks.size(); ++i) {
            const QByteArray &chunk = response.chunks.at(i);
            out += QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n";
        }
        if (response.truncateAt < 0)
            out += "0\r\n\r\n"_ba;
        break;
    }
    case Action::Reset:
    case Action::Stall:
        break;
    }
    socket->write(out);
    // Graceful close: the pending bytes are written first, then FIN.
    socket->disconnectFromHost();
}

} // namespace Shipdeck::Test
