#pragma once

#include "connectionsettings.h"
#include "source.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <chrono>

class QAbstractSocket;
class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace Shipdeck {

/**
 * One "Test connection" check, run asynchronously; emits finished() once with a translated sentence for the user.
 *
 * - GitLab: GET {base}/api/v4/projects/{project} with PRIVATE-TOKEN.
 * - Sentry: GET {base}/api/0/organizations/{organization}/ with Authorization: Bearer.
 * - Slack: checks that the webhook is an https URL; sends nothing, since posting would put a message in the channel.
 * - Email: connects to the SMTP server (TLS from the start for implicit TLS) and waits for its 220 greeting.
 *
 * TLS certificates are always verified. The network access manager is injected, never created. Delete the object to
 * cancel a running test (finished() is then not emitted). One object runs one test; start() a second time is ignored.
 */
class ConnectionTest : public QObject
{
    Q_OBJECT
public:
    /// The default time a test may take before it reports a timeout.
    static constexpr std::chrono::milliseconds defaultTimeout {15000};

    explicit ConnectionTest(QNetworkAccessManager *nam, QObject *parent = nullptr);
    ~ConnectionTest() override;

    /// How long to wait for an answer (default 15 s). Set before start().
    void setTimeout(std::chrono::milliseconds timeout);
    [[nodiscard]] std::chrono::milliseconds timeout() const { return m_timeout; }

    void start(const GitLabSettings &settings, const QString &token);
    void start(const SentrySettings &settings, const QString &token);
    void start(const SlackSettings &settings, const QString &webhookUrl);
    void start(const EmailSettings &settings, const QString &password);

    /// The source being tested; valid after start().
    [[nodiscard]] Source source() const { return m_source; }
    [[nodiscard]] bool isRunning() const { return m_running; }
    [[nodiscard]] bool isFinished() const { return m_finished; }
    /// The result, once finished.
    [[nodiscard]] bool succeeded() const { return m_ok; }
    [[nodiscard]] QString message() const { return m_message; }

Q_SIGNALS:
    /**
     * The test is over. @p message is one translated, plain-text sentence: what worked ("Connected to GitLab as
     * project “group/app”.") or what failed and what to check. It may contain text from the server: show it as plain
     * text. Emitted once, never synchronously from start().
     */
    void finished(bool ok, const QString &message);

private:
    bool begin(Source source);
    void finish(bool ok, const QString &message);
    void finishLater(bool ok, const QString &message);
    void get(const QUrl &url, const QByteArray &headerName, const QByteArray &headerValue);
    void onReplyFinished();
    void onSocketError(QAbstractSocket *socket);
    void onSocketReadyRead(QAbstractSocket *socket);
    void onTimeout();
    void handleSuccess(const QByteArray &body);
    [[nodiscard]] QString httpErrorMessage(int status, const QByteArray &body) const;
    [[nodiscard]] QString tlsErrorMessage(const QString &fallback) const;
    [[nodiscard]] QString timeoutMessage() const;
    [[nodiscard]] QString serviceName() const;

    QPointer<QNetworkAccessManager> m_nam;
    std::chrono::milliseconds m_timeout = defaultTimeout;
    Source m_source = Source::GitLab;
    QString m_subject; ///< the project, organization or mail host being tested, for messages
    QString m_host;
    QString m_sentryRegionHost; ///< the sentry.io region host asked, empty for self-hosted
    int m_smtpPort = 0;
    EmailSettings::TlsMode m_smtpTls = EmailSettings::TlsMode::StartTls;
    QNetworkReply *m_reply = nullptr;
    QAbstractSocket *m_socket = nullptr;
    QByteArray m_socketBuffer;
    QTimer *m_timer = nullptr;
    QStringList m_sslErrors;
    bool m_timedOut = false;
    bool m_running = false;
    bool m_finished = false;
    bool m_ok = false;
    QString m_message;
};

} // namespace Shipdeck
