#include "demosandbox.h"

#include "settings/connectionsettings.h"
#include "settings/secretstore.h"
#include "settings/settingsstore.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

#if defined(Q_OS_LINUX)
#include <csignal>
#include <sys/prctl.h>
#endif

namespace Shipdeck {

DemoSandbox::DemoSandbox(QObject *parent) : QObject(parent)
{
    m_process.setProgram(QCoreApplication::applicationDirPath() + QStringLiteral("/shipdeck-sandbox"));
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
#if defined(Q_OS_LINUX)
    // The sandbox must not outlive Shipdeck, however Shipdeck ends.
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &DemoSandbox::readStartupLine);
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError) {
        if (!m_reported) {
            m_reported = true;
            Q_EMIT failed(
                tr("The demo sandbox (%1) could not be started: %2").arg(m_process.program(), m_process.errorString()));
        }
    });
    connect(&m_process, &QProcess::finished, this, [this](int exitCode) {
        if (!m_reported) {
            m_reported = true;
            Q_EMIT failed(tr("The demo sandbox ended before it was ready (exit code %1).").arg(exitCode));
        }
    });
}

DemoSandbox::~DemoSandbox()
{
    if (m_process.state() != QProcess::NotRunning) {
        disconnect(&m_process, nullptr, this, nullptr);
        // At exit only: SIGTERM lets the sandbox close its sockets and exit at once; ~QProcess would SIGKILL it.
        m_process.terminate();
        m_process.waitForFinished(2000);
    }
}

void DemoSandbox::setProgram(const QString &path)
{
    m_process.setProgram(path);
}

void DemoSandbox::setSpeed(double speed)
{
    m_speed = speed;
}

void DemoSandbox::start()
{
    m_process.setArguments(
        {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--speed"), QString::number(m_speed)});
    m_process.start(QIODevice::ReadOnly);
}

void DemoSandbox::readStartupLine()
{
    if (m_reported) {
        m_process.readAllStandardOutput(); // later lines are for people; drop them
        return;
    }
    if (!m_process.canReadLine())
        return;
    const QByteArray line = m_process.readLine();
    m_info = QJsonDocument::fromJson(line).object();
    m_reported = true;
    if (m_info.isEmpty()) {
        Q_EMIT failed(tr("The demo sandbox did not describe itself."));
        return;
    }
    Q_EMIT ready();
}

void DemoSandbox::configure(SettingsStore *settings, SecretStore *secrets) const
{
    const auto text = [this](const char *key) {
        return m_info.value(QLatin1StringView(key)).toString();
    };
    settings->setGitLab(GitLabSettings {QUrl(text("gitlab_url")), text("gitlab_project")});
    SentrySettings sentry;
    sentry.region = QStringLiteral("custom");
    sentry.baseUrl = QUrl(text("sentry_url"));
    sentry.organization = text("sentry_org");
    for (const QJsonValue &project : m_info.value(QLatin1StringView("sentry_projects")).toArray())
        sentry.projects.append(project.toString());
    sentry.environment = QStringLiteral("production");
    settings->setSentry(sentry);
    secrets->write(SecretStore::Key::GitLabToken, text("gitlab_token"));
    secrets->write(SecretStore::Key::SentryToken, text("sentry_token"));
}

} // namespace Shipdeck
