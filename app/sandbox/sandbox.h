#pragma once

#include "faults.h"
#include "httpserver.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QTimer>

#include <memory>
#include <optional>

namespace Shipdeck::Sandbox {

class Control;
class GitLabApi;
class Scenario;
class SentryApi;

struct SandboxOptions
{
    quint16 port = 0;
    quint64 seed = 1;
    double speed = 1.0;
    QDateTime start; ///< invalid: now
    QString gitLabToken; ///< empty: derived from the seed
    QString sentryToken;
    QList<FaultRule> faults;
    bool groupedTimeseriesFails = false;
    int gitLabRateLimit = 2000; ///< per minute (reported only)
    int sentryRateLimit = 40; ///< per second (reported only)
};

/**
 * The whole server: one port, GitLab under /gitlab/api/v4, Sentry under /sentry/api/0, controls under /_sandbox.
 * For every API request: faults first, then authentication, then the service's handler; rate-limit and the usual
 * service headers are added to every answer.
 */
class Sandbox : public QObject
{
    Q_OBJECT
public:
    explicit Sandbox(SandboxOptions options, QObject *parent = nullptr);
    ~Sandbox() override;

    [[nodiscard]] bool start(QString *error);
    /// The object printed as the first stdout line.
    [[nodiscard]] QJsonObject connectionInfo() const;
    [[nodiscard]] Scenario &scenario() { return *m_scenario; }

Q_SIGNALS:
    /// A human-readable line: scenario events and notable requests.
    void logLine(const QString &line);

private:
    HttpResponse handle(const HttpRequest &request);
    HttpResponse serve(const HttpRequest &request, const QString &service, const QByteArray &subPath);
    [[nodiscard]] HttpResponse faultResponse(const FaultRule &rule, const QString &service) const;
    [[nodiscard]] std::optional<HttpResponse> authenticate(const HttpRequest &request, const QString &service) const;
    void addServiceHeaders(HttpResponse &response, const QString &service, bool rateLimited);
    void record(const HttpRequest &request, const HttpResponse &response, const QString &fault);

    SandboxOptions m_options;
    std::unique_ptr<HttpServer> m_server;
    std::unique_ptr<Scenario> m_scenario;
    std::unique_ptr<GitLabApi> m_gitLab;
    std::unique_ptr<SentryApi> m_sentry;
    std::unique_ptr<Control> m_control;
    FaultInjector m_faults;
    QTimer m_ticker;
    QJsonArray m_requests;
    qint64 m_requestCounter = 0;

    struct Window
    {
        qint64 start = 0;
        int observed = 0;
    };
    Window m_gitLabWindow;
    Window m_sentryWindow;
};

} // namespace Shipdeck::Sandbox
