#include "settings/connectionsettings.h"
#include "settings/connectiontest.h"

#include <QFile>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace Shipdeck;
using namespace std::chrono_literals;

namespace {

/// A TCP server that accepts connections, optionally says @p greeting, and then stays silent.
class SilentServer : public QTcpServer
{
public:
    explicit SilentServer(QByteArray greeting = {}, QObject *parent = nullptr)
        : QTcpServer(parent), m_greeting(std::move(greeting))
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                socket->setParent(this);
                if (!m_greeting.isEmpty())
                    socket->write(m_greeting);
            }
        });
    }

private:
    QByteArray m_greeting;
};

/// A TLS server with the self-signed test certificate (tests/data/tls), which clients must reject.
std::unique_ptr<QSslServer> untrustedTlsServer()
{
    auto server = std::make_unique<QSslServer>();
    const QString dir = QStringLiteral(SHIPDECK_TEST_DATA_DIR "/tls");
    QFile keyFile(dir + u"/server.key"_s);
    if (!keyFile.open(QIODevice::ReadOnly))
        return nullptr;
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    const auto certificates = QSslCertificate::fromPath(dir + u"/server.crt"_s);
    if (certificates.isEmpty())
        return nullptr;
    config.setLocalCertificate(certificates.first());
    config.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Rsa));
    server->setSslConfiguration(config);
    if (!server->listen(QHostAddress::LocalHost))
        return nullptr;
    return server;
}

} // namespace

class TestConnectionTest : public QObject
{
    Q_OBJECT

private:
    QHttpServer m_http;
    quint16 m_httpPort = 0;
    SilentServer m_silent;
    QNetworkAccessManager m_nam;

    // What the HTTP server answers next, and what it saw last.
    int m_status = 200;
    QByteArray m_body;
    QByteArray m_lastPath;
    QByteArray m_lastPrivateToken;
    QByteArray m_lastAuthorization;
    int m_requests = 0;

    [[nodiscard]] QString httpBase() const { return u"http://127.0.0.1:%1"_s.arg(m_httpPort); }
    [[nodiscard]] QString silentBase() const { return u"http://127.0.0.1:%1"_s.arg(m_silent.serverPort()); }

    /// Runs one test to completion; (ok, message) are what finished() said.
    template<typename Settings>
    void run(const Settings &settings, const QString &secret, std::chrono::milliseconds timeout, bool *ok,
             QString *message)
    {
        ConnectionTest test(&m_nam);
        test.setTimeout(timeout);
        QSignalSpy spy(&test, &ConnectionTest::finished);
        test.start(settings, secret);
        QCOMPARE(spy.count(), 0); // never synchronous
        QVERIFY(spy.wait(30000));
        QCOMPARE(spy.count(), 1);
        QVERIFY(!test.isRunning());
        QVERIFY(test.isFinished());
        *ok = spy.at(0).at(0).toBool();
        *message = spy.at(0).at(1).toString();
        qInfo().noquote() << (*ok ? "ok:" : "failed:") << *message;
        QCOMPARE(test.succeeded(), *ok);
        QCOMPARE(test.message(), *message);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_http.setMissingHandler(this, [this](const QHttpServerRequest &request, QHttpServerResponder &responder) {
            ++m_requests;
            m_lastPath = request.url().path(QUrl::FullyEncoded).toLatin1();
            m_lastPrivateToken = request.value("PRIVATE-TOKEN");
            m_lastAuthorization = request.value("Authorization");
            responder.write(m_body, "application/json", static_cast<QHttpServerResponder::StatusCode>(m_status));
        });
        auto *tcp = new QTcpServer(this);
        QVERIFY(tcp->listen(QHostAddress::LocalHost));
        QVERIFY(m_http.bind(tcp));
        m_httpPort = tcp->serverPort();
        QVERIFY(m_silent.listen(QHostAddress::LocalHost));
    }

    void init()
    {
        m_status = 200;
        m_body.clear();
        m_lastPath.clear();
        m_lastPrivateToken.clear();
        m_lastAuthorization.clear();
        m_requests = 0;
    }

    void gitLab_data()
    {
        QTest::addColumn<QString>("base"); // "http" = the local server, "silent" = a server that never answers
        QTest::addColumn<QString>("project");
        QTest::addColumn<QString>("token");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("message");

        const QByteArray project = R"({"id":42,"path_with_namespace":"group/sub/app","name":"app"})";
        QTest::newRow("200") << u"http"_s << u"group/sub/app"_s << u"tok"_s << 200 << project << true
                             << u"Connected to GitLab as project “group/sub/app”."_s;
        QTest::newRow("200 numeric id") << u"http"_s << u"42"_s << u"tok"_s << 200 << project << true
                                        << u"Connected to GitLab as project “group/sub/app”."_s;
        QTest::newRow("200 but not GitLab")
            << u"http"_s << u"group/app"_s << u"tok"_s << 200 << QByteArray("<html>login</html>") << false
            << u"127.0.0.1 answered, but not as the GitLab API does"_s;
        QTest::newRow("401") << u"http"_s << u"group/app"_s << u"tok"_s << 401
                             << QByteArray(R"({"message":"401 Unauthorized"})") << false
                             << u"GitLab rejected the access token (HTTP 401)"_s;
        QTest::newRow("403") << u"http"_s << u"group/app"_s << u"tok"_s << 403
                             << QByteArray(R"({"error":"insufficient_scope"})") << false << u"(HTTP 403)"_s;
        QTest::newRow("404") << u"http"_s << u"group/app"_s << u"tok"_s << 404
                             << QByteArray(R"({"message":"404 Project Not Found"})") << false
                             << u"The project “group/app” was not found on 127.0.0.1 (HTTP 404)"_s;
        QTest::newRow("500 with message")
            << u"http"_s << u"group/app"_s << u"tok"_s << 500 << QByteArray(R"({"message":"boom\u0007"})") << false
            << u"GitLab had a server error (HTTP 500): boom"_s;
        QTest::newRow("timeout") << u"silent"_s << u"group/app"_s << u"tok"_s << 0 << QByteArray() << false
                                 << u"did not answer within 1 s."_s;
        QTest::newRow("dns") << u"https://nonexistent.invalid"_s << u"group/app"_s << u"tok"_s << 0 << QByteArray()
                             << false << u"The server “nonexistent.invalid” could not be found"_s;
        QTest::newRow("bad url") << u"not a url"_s << u"group/app"_s << u"tok"_s << 0 << QByteArray() << false
                                 << u"is not a valid server address"_s;
        QTest::newRow("ftp url") << u"ftp://gitlab.com"_s << u"group/app"_s << u"tok"_s << 0 << QByteArray() << false
                                 << u"“ftp://gitlab.com” is not a valid server address"_s;
        QTest::newRow("empty url") << QString() << u"group/app"_s << u"tok"_s << 0 << QByteArray() << false
                                   << u"Enter the address of the GitLab server first."_s;
        QTest::newRow("no project") << u"http"_s << QString() << u"tok"_s << 0 << QByteArray() << false
                                    << u"Enter the project path"_s;
        QTest::newRow("no token") << u"http"_s << u"group/app"_s << QString() << 0 << QByteArray() << false
                                  << u"Enter the access token first."_s;
    }

    void gitLab()
    {
        QFETCH(QString, base);
        QFETCH(QString, project);
        QFETCH(QString, token);
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(bool, ok);
        QFETCH(QString, message);

        m_status = status;
        m_body = body;
        GitLabSettings settings;
        settings.baseUrl = QUrl(base == "http"_L1 ? httpBase() : base == "silent"_L1 ? silentBase() : base);
        settings.project = project;
        const bool timeoutRow = base == "silent"_L1;

        bool resultOk = false;
        QString resultMessage;
        run(settings, token, timeoutRow ? 300ms : 10s, &resultOk, &resultMessage);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(resultMessage.contains(message), qPrintable(resultMessage));
        QCOMPARE(resultOk, ok);

        if (status != 0) {
            QCOMPARE(m_requests, 1);
            QCOMPARE(m_lastPrivateToken, token.toUtf8());
            QVERIFY(m_lastAuthorization.isEmpty());
            QCOMPARE(m_lastPath, "/api/v4/projects/" + QUrl::toPercentEncoding(project));
        } else {
            QCOMPARE(m_requests, 0);
        }
    }

    void gitLabBaseWithPath()
    {
        m_body = R"({"path_with_namespace":"group/app"})";
        GitLabSettings settings;
        settings.baseUrl = QUrl(httpBase() + u"/gitlab/"_s);
        settings.project = u"group/app"_s;
        bool ok = false;
        QString message;
        run(settings, u"tok"_s, 10s, &ok, &message);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(ok, qPrintable(message));
        QCOMPARE(m_lastPath, QByteArray("/gitlab/api/v4/projects/group%2Fapp"));
    }

    void sentry_data()
    {
        QTest::addColumn<QString>("base");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("message");

        QTest::newRow("200") << u"http"_s << 200 << QByteArray(R"({"slug":"acme","name":"Acme Corp"})") << true
                             << u"Connected to Sentry organization “Acme Corp”."_s;
        QTest::newRow("401") << u"http"_s << 401 << QByteArray(R"({"detail":"Invalid token"})") << false
                             << u"Sentry rejected the auth token (HTTP 401)"_s;
        QTest::newRow("403") << u"http"_s << 403 << QByteArray(R"({"detail":"no"})") << false << u"org:read scope"_s;
        QTest::newRow("404") << u"http"_s << 404 << QByteArray(R"({"detail":"The requested resource does not exist"})")
                             << false << u"The organization “acme” was not found on 127.0.0.1 (HTTP 404)"_s;
        QTest::newRow("429") << u"http"_s << 429 << QByteArray() << false << u"(HTTP 429)"_s;
        QTest::newRow("timeout") << u"silent"_s << 0 << QByteArray() << false << u"did not answer within"_s;
        QTest::newRow("dns") << u"https://nonexistent.invalid"_s << 0 << QByteArray() << false
                             << u"could not be found"_s;
        QTest::newRow("bad url") << u"mailto:x@example.com"_s << 0 << QByteArray() << false
                                 << u"is not a valid server address"_s;
    }

    void sentry()
    {
        QFETCH(QString, base);
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(bool, ok);
        QFETCH(QString, message);

        m_status = status;
        m_body = body;
        SentrySettings settings;
        settings.region = u"custom"_s;
        settings.baseUrl = QUrl(base == "http"_L1 ? httpBase() : base == "silent"_L1 ? silentBase() : base);
        settings.organization = u"acme"_s;
        settings.projects = {u"web"_s};

        bool resultOk = false;
        QString resultMessage;
        run(settings, u"sntryu_tok"_s, base == "silent"_L1 ? 300ms : 10s, &resultOk, &resultMessage);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(resultMessage.contains(message), qPrintable(resultMessage));
        QCOMPARE(resultOk, ok);
        if (status != 0) {
            QCOMPARE(m_lastAuthorization, QByteArray("Bearer sntryu_tok"));
            QVERIFY(m_lastPrivateToken.isEmpty());
            QCOMPARE(m_lastPath, QByteArray("/api/0/organizations/acme/"));
        }
    }

    void sentryRegionUrl()
    {
        // A region is just a host: the request goes to https://de.sentry.io (not reached here; the URL is what counts).
        SentrySettings settings;
        settings.region = u"de"_s;
        QCOMPARE(settings.apiBaseUrl(), QUrl(u"https://de.sentry.io"_s));
    }

    void slack_data()
    {
        QTest::addColumn<QString>("webhook");
        QTest::addColumn<bool>("ok");
        QTest::newRow("https") << u"https://hooks.slack.com/services/T0/B0/xyz"_s << true;
        QTest::newRow("http") << u"http://hooks.slack.com/services/T0/B0/xyz"_s << false;
        QTest::newRow("not a url") << u"hooks slack com"_s << false;
        QTest::newRow("empty") << QString() << false;
    }

    void slack()
    {
        QFETCH(QString, webhook);
        QFETCH(bool, ok);
        bool resultOk = false;
        QString message;
        run(SlackSettings {}, webhook, 10s, &resultOk, &message);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(resultOk, ok);
        QVERIFY(!message.isEmpty());
        // The webhook is the secret: it is never quoted back.
        if (!webhook.isEmpty())
            QVERIFY2(!message.contains(u"xyz"_s) && !message.contains(webhook), qPrintable(message));
        QCOMPARE(m_requests, 0); // and nothing is posted
    }

    void email_data()
    {
        QTest::addColumn<QByteArray>("greeting"); // "refused" = nobody listens
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("message");
        QTest::newRow("220") << QByteArray("220 test ESMTP\r\n") << true << u"answered on port"_s;
        QTest::newRow("220 multi-line") << QByteArray("220-test ESMTP\r\n220 ready\r\n") << true
                                        << u"answered on port"_s;
        QTest::newRow("554") << QByteArray("554 No SMTP service here\r\n") << false
                             << u"refused the connection: 554 No SMTP service here"_s;
        QTest::newRow("silent") << QByteArray() << false << u"did not greet within 1 s."_s;
        QTest::newRow("refused") << QByteArray("refused") << false << u"refused the connection on port"_s;
    }

    void email()
    {
        QFETCH(QByteArray, greeting);
        QFETCH(bool, ok);
        QFETCH(QString, message);

        SilentServer server(greeting == "refused" ? QByteArray() : greeting);
        QVERIFY(server.listen(QHostAddress::LocalHost));
        EmailSettings settings;
        settings.host = u"127.0.0.1"_s;
        settings.port = server.serverPort();
        settings.tls = EmailSettings::TlsMode::None;
        if (greeting == "refused")
            server.close(); // the port is free again: the connection is refused

        bool resultOk = false;
        QString resultMessage;
        run(settings, u"pw"_s, greeting.isEmpty() ? 300ms : 10s, &resultOk, &resultMessage);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(resultMessage.contains(message), qPrintable(resultMessage));
        QCOMPARE(resultOk, ok);
    }

    void emailImplicitTlsAgainstPlainServer()
    {
        SilentServer server("220 plain ESMTP\r\n");
        QVERIFY(server.listen(QHostAddress::LocalHost));
        EmailSettings settings;
        settings.host = u"127.0.0.1"_s;
        settings.port = server.serverPort();
        settings.tls = EmailSettings::TlsMode::ImplicitTls;
        bool ok = true;
        QString message;
        run(settings, QString(), 2s, &ok, &message);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(!ok);
        QVERIFY2(message.contains(u"The secure connection to the mail server 127.0.0.1 failed"_s), qPrintable(message));
        QVERIFY2(message.contains(u"STARTTLS"_s), qPrintable(message));
    }

    void untrustedCertificateIsRejected_data()
    {
        QTest::addColumn<int>("source");
        QTest::newRow("gitlab") << static_cast<int>(Source::GitLab);
        QTest::newRow("sentry") << static_cast<int>(Source::Sentry);
        QTest::newRow("email") << static_cast<int>(Source::Email);
    }

    void untrustedCertificateIsRejected()
    {
        QFETCH(int, source);
        if (!QSslSocket::supportsSsl())
            QSKIP("No TLS backend");
        const auto server = untrustedTlsServer();
        QVERIFY(server);
        const QUrl base(u"https://127.0.0.1:%1"_s.arg(server->serverPort()));

        bool ok = true;
        QString message;
        switch (static_cast<Source>(source)) {
        case Source::GitLab: {
            GitLabSettings settings;
            settings.baseUrl = base;
            settings.project = u"group/app"_s;
            run(settings, u"tok"_s, 10s, &ok, &message);
            break;
        }
        case Source::Sentry: {
            SentrySettings settings;
            settings.region = u"custom"_s;
            settings.baseUrl = base;
            settings.organization = u"acme"_s;
            run(settings, u"tok"_s, 10s, &ok, &message);
            break;
        }
        default: {
            EmailSettings settings;
            settings.host = u"127.0.0.1"_s;
            settings.port = server->serverPort();
            settings.tls = EmailSettings::TlsMode::ImplicitTls;
            run(settings, QString(), 10s, &ok, &message);
            break;
        }
        }
        if (QTest::currentTestFailed())
            return;
        QVERIFY(!ok);
        QVERIFY2(message.startsWith(u"The certificate of 127.0.0.1 is not trusted: "_s), qPrintable(message));
        QCOMPARE(m_requests, 0);
    }

    void deletingCancels()
    {
        auto *test = new ConnectionTest(&m_nam);
        QSignalSpy spy(test, &ConnectionTest::finished);
        GitLabSettings settings;
        settings.baseUrl = QUrl(silentBase());
        settings.project = u"group/app"_s;
        test->start(settings, u"tok"_s);
        QVERIFY(test->isRunning());
        delete test;
        QCOMPARE(spy.count(), 0);
    }

    void startTwiceIsIgnored()
    {
        ConnectionTest test(&m_nam);
        QSignalSpy spy(&test, &ConnectionTest::finished);
        test.start(SlackSettings {}, u"https://hooks.slack.com/x"_s);
        QTest::ignoreMessage(QtWarningMsg, "ConnectionTest::start() called twice; use one ConnectionTest per test");
        test.start(SlackSettings {}, u"https://hooks.slack.com/x"_s);
        QVERIFY(spy.wait());
        QCOMPARE(spy.count(), 1);
    }
};

QTEST_GUILESS_MAIN(TestConnectionTest)
#include "tst_connectiontest.moc"
