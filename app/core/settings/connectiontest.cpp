#include "connectiontest.h"

#include "net/networkaccess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslError>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

#include <cctype>
#include <utility>

using namespace Qt::StringLiterals;

namespace Shipdeck {

namespace {

/// Text from a server, made safe to put in one line of a message: no control characters, bounded length.
QString plainText(const QString &text, qsizetype maxLength = 200)
{
    QString result;
    result.reserve(qMin(text.size(), maxLength + 1));
    for (const QChar c : text) {
        result.append(c.category() == QChar::Other_Control || c.category() == QChar::Other_Format ? u' ' : c);
    }
    result = result.simplified();
    if (result.size() > maxLength)
        result = result.left(maxLength) + u'…';
    return result;
}

/// The service's own error words: {"message"} (GitLab), {"detail"} (Sentry), {"error_description"} or {"error"}.
QString serverMessage(const QByteArray &body)
{
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    for (const auto key : {"message"_L1, "detail"_L1, "error_description"_L1, "error"_L1}) {
        const QJsonValue value = object.value(key);
        if (value.isString())
            return plainText(value.toString());
        if (value.isObject())
            return plainText(QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact)));
        if (value.isArray())
            return plainText(QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)));
    }
    return {};
}

/// Appends @p path (already percent-encoded) to the path of @p base.
QUrl appendPath(const QUrl &base, const QString &encodedPath)
{
    QUrl url = base;
    QString path = base.path(QUrl::FullyEncoded);
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path + encodedPath, QUrl::TolerantMode);
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

QString encoded(const QString &segment)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(segment));
}

} // namespace

ConnectionTest::ConnectionTest(QNetworkAccessManager *nam, QObject *parent) : QObject(parent), m_nam(nam) { }

ConnectionTest::~ConnectionTest()
{
    // Deleting the test cancels it; the reply and the socket are children and go with it.
    if (m_reply)
        disconnect(m_reply, nullptr, this, nullptr);
    if (m_socket)
        disconnect(m_socket, nullptr, this, nullptr);
}

void ConnectionTest::setTimeout(std::chrono::milliseconds timeout)
{
    m_timeout = timeout;
}

bool ConnectionTest::begin(Source source)
{
    if (m_running || m_finished) {
        qWarning("ConnectionTest::start() called twice; use one ConnectionTest per test");
        return false;
    }
    m_source = source;
    m_running = true;
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &ConnectionTest::onTimeout);
    m_timer->start(m_timeout);
    return true;
}

void ConnectionTest::start(const GitLabSettings &settings, const QString &token)
{
    if (!begin(Source::GitLab))
        return;
    m_subject = settings.project.trimmed();
    if (settings.baseUrl.isEmpty())
        return finishLater(false, tr("Enter the address of the GitLab server first."));
    if (!isHttpUrl(settings.baseUrl))
        return finishLater(false,
                           tr("“%1” is not a valid server address: enter an http:// or https:// URL, such as "
                              "https://gitlab.com.")
                               .arg(plainText(settings.baseUrl.toDisplayString(QUrl::RemoveUserInfo))));
    if (m_subject.isEmpty())
        return finishLater(false, tr("Enter the project path (such as group/project) or its numeric id first."));
    if (token.isEmpty())
        return finishLater(false, tr("Enter the access token first."));

    m_host = settings.baseUrl.host();
    get(appendPath(settings.baseUrl, "/api/v4/projects/"_L1 + encoded(m_subject)),
        QByteArrayLiteral("PRIVATE-TOKEN"), token.toUtf8());
}

void ConnectionTest::start(const SentrySettings &settings, const QString &token)
{
    if (!begin(Source::Sentry))
        return;
    m_subject = settings.organization.trimmed();
    const QUrl base = settings.apiBaseUrl();
    if (base.isEmpty())
        return finishLater(false, tr("Enter the address of your Sentry server first."));
    if (!isHttpUrl(base))
        return finishLater(false,
                           tr("“%1” is not a valid server address: enter an http:// or https:// URL, such as "
                              "https://sentry.example.com.")
                               .arg(plainText(base.toDisplayString(QUrl::RemoveUserInfo))));
    if (m_subject.isEmpty())
        return finishLater(false, tr("Enter the organization slug first."));
    if (token.isEmpty())
        return finishLater(false, tr("Enter the auth token first."));

    m_host = base.host();
    m_sentryRegionHost = settings.region == "custom"_L1 ? QString() : base.host();
    get(appendPath(base, "/api/0/organizations/"_L1 + encoded(m_subject) + u'/'),
        QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ") + token.toUtf8());
}

void ConnectionTest::start(const SlackSettings &settings, const QString &webhookUrl)
{
    Q_UNUSED(settings)
    if (!begin(Source::Slack))
        return;
    // The webhook URL is the secret itself: no message below may quote it.
    const QString text = webhookUrl.trimmed();
    if (text.isEmpty())
        return finishLater(false, tr("Enter the incoming webhook URL first."));
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.isRelative() || url.host().isEmpty())
        return finishLater(false,
                           tr("The webhook is not a valid URL. Copy it again from Slack's incoming webhook "
                              "settings; it starts with https://hooks.slack.com/."));
    if (url.scheme().compare("https"_L1, Qt::CaseInsensitive) != 0)
        return finishLater(false,
                           tr("The webhook URL must start with https://: it grants posting to the channel and "
                              "must not travel unencrypted."));
    finishLater(true,
                tr("The webhook is a valid https URL. No test message was sent; the first notification will show "
                   "whether Slack accepts it."));
}

void ConnectionTest::start(const EmailSettings &settings, const QString &password)
{
    Q_UNUSED(password) // checked when the first email is sent: logging in here would need the whole SMTP dialogue
    if (!begin(Source::Email))
        return;
    m_host = settings.host.trimmed();
    m_subject = m_host;
    m_smtpPort = settings.port;
    m_smtpTls = settings.tls;
    if (m_host.isEmpty())
        return finishLater(false, tr("Enter the SMTP server first."));
    if (settings.port <= 0 || settings.port > 65535)
        return finishLater(false, tr("The port must be between 1 and 65535."));

    const auto port = static_cast<quint16>(settings.port);
    if (settings.tls == EmailSettings::TlsMode::ImplicitTls) {
        if (!QSslSocket::supportsSsl())
            return finishLater(false, tr("TLS is not available on this system, so Shipdeck cannot connect securely."));
        auto *socket = new QSslSocket(this);
        m_socket = socket;
        connect(socket, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
            for (const QSslError &error : errors)
                m_sslErrors.append(error.errorString());
        });
        connect(socket, &QAbstractSocket::errorOccurred, this, [this, socket] { onSocketError(socket); });
        connect(socket, &QIODevice::readyRead, this, [this, socket] { onSocketReadyRead(socket); });
        socket->connectToHostEncrypted(m_host, port);
    } else {
        auto *socket = new QTcpSocket(this);
        m_socket = socket;
        connect(socket, &QAbstractSocket::errorOccurred, this, [this, socket] { onSocketError(socket); });
        connect(socket, &QIODevice::readyRead, this, [this, socket] { onSocketReadyRead(socket); });
        socket->connectToHost(m_host, port);
    }
}

void ConnectionTest::get(const QUrl &url, const QByteArray &headerName, const QByteArray &headerValue)
{
    if (!m_nam)
        return finishLater(false, tr("The network is not available."));

    QNetworkRequest request(url);
    request.setRawHeader(headerName, headerValue);
    request.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    request.setHeader(QNetworkRequest::UserAgentHeader, userAgent());
    // A connection test must reach the server, and keeps nothing on disk.
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);

    m_reply = m_nam->get(request);
    m_reply->setParent(this);
    connect(m_reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError> &errors) {
        // Recorded for the message only; the errors are never ignored.
        for (const QSslError &error : errors)
            m_sslErrors.append(error.errorString());
    });
    connect(m_reply, &QNetworkReply::finished, this, &ConnectionTest::onReplyFinished);
}

void ConnectionTest::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    disconnect(reply, nullptr, this, nullptr);
    m_reply = nullptr;
    reply->deleteLater();

    if (m_timedOut)
        return; // onTimeout() reports it

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    if (status >= 200 && status < 300)
        return handleSuccess(body);
    if (status != 0)
        return finish(false, httpErrorMessage(status, body));

    switch (reply->error()) {
    case QNetworkReply::HostNotFoundError:
        return finish(
            false,
            tr("The server “%1” could not be found. Check the address and your network connection.").arg(m_host));
    case QNetworkReply::ConnectionRefusedError:
        return finish(false, tr("%1 refused the connection. Check the address and the port.").arg(m_host));
    case QNetworkReply::SslHandshakeFailedError:
        return finish(false, tlsErrorMessage(reply->errorString()));
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        return finish(false, timeoutMessage());
    default:
        return finish(false, tr("Could not connect to %1: %2").arg(m_host, plainText(reply->errorString())));
    }
}

void ConnectionTest::handleSuccess(const QByteArray &body)
{
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    if (m_source == Source::GitLab) {
        QString project = object.value("path_with_namespace"_L1).toString();
        if (project.isEmpty() && object.contains("id"_L1))
            project = object.value("name"_L1).toString();
        if (project.isEmpty())
            return finish(false,
                          tr("%1 answered, but not as the GitLab API does. Check the server address.").arg(m_host));
        return finish(true, tr("Connected to GitLab as project “%1”.").arg(plainText(project)));
    }

    // Sentry
    QString organization = object.value("name"_L1).toString();
    if (organization.isEmpty())
        organization = object.value("slug"_L1).toString();
    if (organization.isEmpty())
        return finish(false, tr("%1 answered, but not as the Sentry API does. Check the server address.").arg(m_host));
    // sentry.io keeps an organization's events and releases in one region; other region hosts cannot serve them.
    const QUrl regionUrl(object.value("links"_L1).toObject().value("regionUrl"_L1).toString());
    if (!m_sentryRegionHost.isEmpty() && regionUrl.isValid() && !regionUrl.host().isEmpty()
        && regionUrl.host().compare(m_sentryRegionHost, Qt::CaseInsensitive) != 0) {
        return finish(false,
                      tr("The organization “%1” was found, but its data is stored in another region (%2). "
                         "Choose that region.")
                          .arg(plainText(organization), plainText(regionUrl.host())));
    }
    return finish(true, tr("Connected to Sentry organization “%1”.").arg(plainText(organization)));
}

QString ConnectionTest::httpErrorMessage(int status, const QByteArray &body) const
{
    const bool gitLab = m_source == Source::GitLab;
    switch (status) {
    case 401:
        return gitLab ? tr("GitLab rejected the access token (HTTP 401). Check that it is complete and has not expired "
                           "or been revoked.")
                      : tr("Sentry rejected the auth token (HTTP 401). Check that it is complete and has not been "
                           "revoked.");
    case 403:
        return gitLab ? tr("The access token was accepted but may not read the project “%1” (HTTP 403). It needs the "
                           "read_api scope and at least the Reporter role.")
                            .arg(plainText(m_subject))
                      : tr("The auth token was accepted but may not read the organization “%1” (HTTP 403). It needs "
                           "the org:read scope.")
                            .arg(plainText(m_subject));
    case 404:
        return gitLab ? tr("The project “%1” was not found on %2 (HTTP 404). Check the path or id; GitLab also answers "
                           "this when the token cannot see a private project.")
                            .arg(plainText(m_subject), m_host)
                      : tr("The organization “%1” was not found on %2 (HTTP 404). Check the slug and the region.")
                            .arg(plainText(m_subject), m_host);
    case 429:
        return tr("%1 is limiting the rate of requests (HTTP 429). Try again in a minute.").arg(serviceName());
    default:
        break;
    }
    const QString said = serverMessage(body);
    if (status >= 500) {
        return said.isEmpty() ? tr("%1 had a server error (HTTP %2). Try again later.").arg(serviceName()).arg(status)
                              : tr("%1 had a server error (HTTP %2): %3").arg(serviceName()).arg(status).arg(said);
    }
    return said.isEmpty() ? tr("%1 answered with HTTP %2.").arg(serviceName()).arg(status)
                          : tr("%1 answered with HTTP %2: %3").arg(serviceName()).arg(status).arg(said);
}

QString ConnectionTest::tlsErrorMessage(const QString &fallback) const
{
    if (!m_sslErrors.isEmpty()) {
        // The certificate was rejected. Verification is never switched off: the fix belongs in the trust store.
        return tr("The certificate of %1 is not trusted: %2. If the server uses a private certificate authority, add "
                  "it to the system's trusted certificates.")
            .arg(m_host, plainText(m_sslErrors.join(u"; "_s)));
    }
    if (m_source == Source::Email) {
        return tr("The secure connection to the mail server %1 failed: %2. The server may not use implicit TLS on "
                  "this port; try STARTTLS.")
            .arg(m_host, plainText(fallback));
    }
    return tr("The secure connection to %1 failed: %2. Check that the address uses the right scheme and port.")
        .arg(m_host, plainText(fallback));
}

QString ConnectionTest::timeoutMessage() const
{
    // Whole seconds with a unit symbol: no plural forms needed.
    const QString limit = tr("%1 s").arg(qMax<qint64>(1, (m_timeout.count() + 999) / 1000));
    if (m_source == Source::Email) {
        if (m_smtpTls != EmailSettings::TlsMode::ImplicitTls && m_smtpPort == 465)
            return tr("The mail server %1 did not greet within %2. Port 465 usually expects implicit TLS: choose "
                      "that mode.")
                .arg(m_host, limit);
        return tr("The mail server %1 did not greet within %2. Check the host, the port and the TLS mode.")
            .arg(m_host, limit);
    }
    return tr("%1 did not answer within %2. Check the address and your network connection.").arg(m_host, limit);
}

QString ConnectionTest::serviceName() const
{
    return sourceName(m_source);
}

void ConnectionTest::onSocketError(QAbstractSocket *socket)
{
    if (m_finished)
        return;
    switch (socket->error()) {
    case QAbstractSocket::HostNotFoundError:
        return finish(
            false,
            tr("The mail server “%1” could not be found. Check the name and your network connection.").arg(m_host));
    case QAbstractSocket::ConnectionRefusedError:
        return finish(
            false,
            tr("The mail server %1 refused the connection on port %2. Check the port.").arg(m_host).arg(m_smtpPort));
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError:
        return finish(false, tlsErrorMessage(socket->errorString()));
    case QAbstractSocket::SocketTimeoutError:
        return finish(false, timeoutMessage());
    case QAbstractSocket::RemoteHostClosedError:
        return finish(false,
                      tr("The mail server %1 closed the connection without a greeting. Check the port and "
                         "the TLS mode.")
                          .arg(m_host));
    default:
        return finish(false,
                      tr("Could not connect to the mail server %1: %2").arg(m_host, plainText(socket->errorString())));
    }
}

void ConnectionTest::onSocketReadyRead(QAbstractSocket *socket)
{
    if (m_finished)
        return;
    m_socketBuffer += socket->readAll();
    const qsizetype end = m_socketBuffer.indexOf('\n');
    if (end < 0) {
        if (m_socketBuffer.size() > 4096)
            finish(false, tr("%1 did not answer like a mail server. Check the port.").arg(m_host));
        return;
    }
    const QByteArray line = m_socketBuffer.left(end).trimmed();
    // RFC 5321 §4.2: "220" followed by a space (last line) or a hyphen (more lines follow).
    if (line.startsWith("220") && (line.size() == 3 || line.at(3) == ' ' || line.at(3) == '-')) {
        socket->write(QByteArrayLiteral("QUIT\r\n"));
        return finish(true,
                      tr("The mail server %1 answered on port %2. The login is checked when the first email is "
                         "sent.")
                          .arg(m_host)
                          .arg(m_smtpPort));
    }
    if (line.size() >= 3 && std::isdigit(static_cast<unsigned char>(line.at(0))))
        return finish(
            false, tr("The mail server %1 refused the connection: %2").arg(m_host, plainText(QString::fromUtf8(line))));
    finish(false, tr("%1 did not answer like a mail server. Check the port and the TLS mode.").arg(m_host));
}

void ConnectionTest::onTimeout()
{
    if (m_finished)
        return;
    m_timedOut = true;
    finish(false, timeoutMessage());
}

void ConnectionTest::finishLater(bool ok, const QString &message)
{
    QMetaObject::invokeMethod(this, [this, ok, message] { finish(ok, message); }, Qt::QueuedConnection);
}

void ConnectionTest::finish(bool ok, const QString &message)
{
    if (m_finished)
        return;
    m_finished = true;
    m_running = false;
    m_ok = ok;
    m_message = message;
    if (m_timer)
        m_timer->stop();
    if (m_reply) {
        QNetworkReply *reply = std::exchange(m_reply, nullptr);
        disconnect(reply, nullptr, this, nullptr);
        reply->abort();
        reply->deleteLater();
    }
    if (m_socket) {
        QAbstractSocket *socket = std::exchange(m_socket, nullptr);
        disconnect(socket, nullptr, this, nullptr);
        socket->disconnectFromHost(); // sends a pending QUIT first
        socket->deleteLater();
    }
    Q_EMIT finished(ok, message);
}

} // namespace Shipdeck
