#pragma once

#include <QJsonObject>
#include <QObject>
#include <QProcess>

namespace Shipdeck {

class SecretStore;
class SettingsStore;

/**
 * The demo's GitLab and Sentry: shipdeck-sandbox started as a child process on a free port of 127.0.0.1. Once it
 * has printed its start-up line, the demo workspace's settings and (session) secrets point at it. The child ends
 * with Shipdeck, also when Shipdeck is killed (PR_SET_PDEATHSIG).
 */
class DemoSandbox : public QObject
{
    Q_OBJECT
public:
    explicit DemoSandbox(QObject *parent = nullptr);
    ~DemoSandbox() override;

    /// The sandbox binary: next to the running executable unless @p path is given.
    void setProgram(const QString &path);
    /// Scenario time per real second (60: a scenario minute per second).
    void setSpeed(double speed);
    /// Starts the sandbox; ready() or failed() follows.
    void start();

    [[nodiscard]] const QJsonObject &info() const { return m_info; }
    [[nodiscard]] bool isReady() const { return !m_info.isEmpty(); }

    /// Points the workspace at the running sandbox.
    void configure(SettingsStore *settings, SecretStore *secrets) const;

Q_SIGNALS:
    void ready();
    /// The sandbox could not be started or did not describe itself; @p message says why.
    void failed(const QString &message);

private:
    void readStartupLine();

    QProcess m_process;
    QJsonObject m_info;
    double m_speed = 60;
    bool m_reported = false;
};

} // namespace Shipdeck
