#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <chrono>
#include <memory>
#include <utility>

class QTcpServer;
class QTcpSocket;

namespace Shipdeck::Test {

using HeaderList = QList<std::pair<QByteArray, QByteArray>>;

/**
 * A real HTTP/1.1 server on 127.0.0.1 for network tests, programmed per path.
 *
 * Each path has a queue of responses: every request consumes the first one, and the last one stays and is served
 * again. A route registered with a query ("/items?page=2") wins over the bare path. Unknown paths get a JSON 404.
 * Every response closes the connection ("Connection: close"), so one request is one connection.
 *
 * Besides ordinary responses it can misbehave on purpose: answer late, stall forever, reset the connection, announce
 * a Content-Length and close early, send chunked bodies (complete or cut off) and serve TLS with the self-signed
 * certificate in tests/data/tls, which clients must reject.
 */
class HttpTestServer : public QObject
{
    Q_OBJECT
public:
    enum class Mode {
        Plain,
        Tls, ///< QSslServer with tests/data/tls/server.{crt,key}
    };

    struct Response
    {
        enum class Action {
            Respond, ///< status line, headers, body, close
            Truncate, ///< announce Content-Length of the full body, send only truncateAt bytes of it, close
            Chunked, ///< Transfer-Encoding: chunked, one chunk per entry of chunks; cut off after truncateAt chunks
                     ///< when >= 0
            Reset, ///< read the request, then abort the connection (TCP RST) without answering
            Stall, ///< read the request and never answer
        };
        Action action = Action::Respond;
        int status = 200;
        HeaderList headers;
        QByteArray body;
        QList<QByteArray> chunks; ///< for Chunked
        qsizetype truncateAt = -1; ///< for Truncate: body bytes sent; for Chunked: chunks sent before closing (-1: all)
        std::chrono::milliseconds delay {0}; ///< wait this long before answering
    };

    struct ReceivedRequest
    {
        QByteArray method;
        QByteArray target; ///< path and query, as sent
        HeaderList headers;
        QByteArray body;
        /// The value of the header @p name (case-insensitive); empty when absent.
        [[nodiscard]] QByteArray header(const QByteArray &name) const;
        [[nodiscard]] QByteArray path() const; ///< target without the query
    };

    explicit HttpTestServer(QObject *parent = nullptr);
    ~HttpTestServer() override;

    /// Starts listening on 127.0.0.1 on a free port.
    [[nodiscard]] bool listen(Mode mode = Mode::Plain);
    [[nodiscard]] quint16 port() const;
    /// http(s)://127.0.0.1:<port><pathAndQuery>
    [[nodiscard]] QUrl url(const QString &pathAndQuery = QString()) const;
    /// The directory with the test TLS certificate and key.
    [[nodiscard]] static QString tlsDataDir();

    /// Replaces the responses of @p route with @p response.
    void setResponse(const QString &route, const Response &response);
    /// Appends to the queue of @p route (first in, first served; the last one is repeated).
    void enqueue(const QString &route, const Response &response);

    // Shorthands for setResponse().
    void respond(const QString &route, int status, const QByteArray &body = QByteArray(),
                 const HeaderList &headers = HeaderList());
    /// Like respond(), with Content-Type: application/json.
    void respondJson(const QString &route, int status, const QByteArray &json,
                     const HeaderList &headers = HeaderList());
    void truncate(const QString &route, const QByteArray &fullBody, qsizetype bytesSent);
    void chunked(const QString &route, const QList<QByteArray> &chunks, qsizetype chunksSent = -1);
    void reset(const QString &route);
    void stall(const QString &route);

    [[nodiscard]] static Response jsonResponse(int status, const QByteArray &json,
                                               const HeaderList &headers = HeaderList());

    [[nodiscard]] QList<ReceivedRequest> requests() const;
    /// The requests whose path (without query) is @p path.
    [[nodiscard]] QList<ReceivedRequest> requests(const QString &path) const;
    [[nodiscard]] int requestCount(const QString &path) const;
    void clearRequests();

Q_SIGNALS:
    /// A complete request was read (before it is answered).
    void requestReceived(const Shipdeck::Test::HttpTestServer::ReceivedRequest &request);

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void handleRequest(QTcpSocket *socket, const ReceivedRequest &request);
    void sendResponse(QTcpSocket *socket, const Response &response);
    Response takeResponse(const ReceivedRequest &request);

    Mode m_mode = Mode::Plain;
    std::unique_ptr<QTcpServer> m_server;
    QHash<QString, QList<Response>> m_routes;
    QList<ReceivedRequest> m_requests;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QList<QPointer<QTcpSocket>> m_sockets;
};

} // namespace Shipdeck::Test
