#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QUrlQuery>

#include <functional>
#include <memory>
#include <utility>

class QTcpServer;
class QTcpSocket;

namespace Shipdeck::Sandbox {

using HeaderList = QList<std::pair<QByteArray, QByteArray>>;

/// One parsed HTTP/1.1 request. The path is kept percent-encoded, so that "acme%2Fstorefront" stays one segment.
struct HttpRequest
{
    QByteArray method;
    QByteArray target; ///< request-target as sent: path and query
    QByteArray rawPath; ///< target without the query, still percent-encoded
    QByteArray rawQuery; ///< without the '?'
    HeaderList headers; ///< names in lower case
    QByteArray body;
    quint16 localPort = 0;

    /// The value of header @p name (case-insensitive); empty when absent.
    [[nodiscard]] QByteArray header(const QByteArray &name) const;
    /// The query, form-decoded ('+' is a space, as Rails and Django read it).
    [[nodiscard]] QUrlQuery query() const;
};

/// A response and the way it is delivered: normally, or broken on purpose (faults).
struct HttpResponse
{
    enum class Delivery {
        Normal,
        Truncate, ///< announce Content-Length of the full body, send half of it, then close the connection
        Reset, ///< send nothing and reset the connection (TCP RST)
        Stall, ///< send nothing and keep the connection open forever
    };

    int status = 200;
    HeaderList headers;
    QByteArray body;
    Delivery delivery = Delivery::Normal;
    int delayMs = 0; ///< wait this long before delivering

    /// Replaces header @p name (case-insensitive) or appends it.
    void setHeader(const QByteArray &name, const QByteArray &value);
    [[nodiscard]] QByteArray header(const QByteArray &name) const;

    [[nodiscard]] static HttpResponse json(int status, const QByteArray &json);
    [[nodiscard]] static HttpResponse text(int status, const QByteArray &text,
                                           const QByteArray &contentType
                                           = QByteArrayLiteral("text/plain; charset=utf-8"));
};

/// The standard reason phrase of @p status ("Already Reported" for 208).
[[nodiscard]] QByteArray reasonPhrase(int status);

/**
 * A small HTTP/1.1 server on 127.0.0.1 with keep-alive, over QTcpServer: it owns the sockets, so that faults can break
 * a response (truncate, reset, stall) in ways a framework would not allow. Requests on one connection are answered in
 * order, one at a time. Request bodies need a Content-Length (chunked request bodies are refused with 411).
 */
class HttpServer : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<HttpResponse(const HttpRequest &)>;

    explicit HttpServer(Handler handler, QObject *parent = nullptr);
    ~HttpServer() override;

    /// Listens on 127.0.0.1:@p port (0: a free port).
    [[nodiscard]] bool listen(quint16 port);
    [[nodiscard]] quint16 port() const;
    [[nodiscard]] QString errorString() const;

private:
    struct Connection
    {
        QByteArray buffer;
        bool busy = false; ///< a response is being prepared (delayed) or the connection stalls
        bool closing = false;
    };

    void onNewConnection();
    void processBuffer(QTcpSocket *socket);
    void deliver(QTcpSocket *socket, const HttpResponse &response, bool keepAlive);
    void finishResponse(QTcpSocket *socket, bool keepAlive);

    Handler m_handler;
    std::unique_ptr<QTcpServer> m_server;
    QHash<QTcpSocket *, Connection> m_connections;
};

} // namespace Shipdeck::Sandbox
