#include "sandboxprocess.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QSignalSpy>

#if defined(Q_OS_LINUX)
#include <csignal>
#include <sys/prctl.h>
#endif

namespace Shipdeck::Test {

SandboxProcess::~SandboxProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(5000))
            m_process.kill();
    }
}

bool SandboxProcess::start(const QString &binary, const QStringList &extraArguments, QString *error)
{
    QStringList arguments {
        QStringLiteral("--port"),       QStringLiteral("0"),
                                                       QStringLiteral("--speed"),      QStringLiteral("0"),
                                                                                                      QStringLiteral("--seed"),       QStringLiteral("7"),
                                                                                                                                                     QStringLiteral("--start-time"), QStringLiteral("2026-08-20T10:00:00Z")};
    arguments += extraArguments;
    m_process.setProgram(binary);
#if defined(Q_OS_LINUX)
    // A test that crashes must not leave its sandbox running (holding ports and inherited descriptors).
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
#endif
    m_process.setArguments(arguments);
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.start();
    if (!m_process.waitForStarted(10000)) {
        *error = QStringLiteral("cannot start ") + binary + QStringLiteral(": ") + m_process.errorString();
        return false;
    }
    QSignalSpy output(&m_process, &QProcess::readyReadStandardOutput);
    QElapsedTimer timer;
    timer.start();
    while (!m_process.canReadLine() && m_process.state() == QProcess::Running && timer.elapsed() < 20000)
        output.wait(1000);
    if (!m_process.canReadLine()) {
        *error = QStringLiteral("no start-up line; stderr: ") + QString::fromUtf8(m_process.readAllStandardError());
        return false;
    }
    const QByteArray line = m_process.readLine();
    m_info = QJsonDocument::fromJson(line).object();
    if (m_info.isEmpty()) {
        *error = QStringLiteral("the first line is not a JSON object: ") + QString::fromUtf8(line);
        return false;
    }
    return true;
}

QString SandboxProcess::value(const char *key) const
{
    return m_info.value(QLatin1StringView(key)).toString();
}

QUrl SandboxProcess::controlUrl(const QString &path) const
{
    QString base = value("control_url");
    if (base.isEmpty())
        base = QUrl(value("gitlab_url")).resolved(QUrl(QStringLiteral("/_sandbox"))).toString();
    return QUrl(base + path);
}

} // namespace Shipdeck::Test
