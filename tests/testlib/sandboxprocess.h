#pragma once

#include <QJsonObject>
#include <QProcess>
#include <QStringList>
#include <QUrl>

namespace Shipdeck::Test {

/**
 * A running shipdeck-sandbox for integration tests: started on a free port with a frozen clock (speed 0), a fixed
 * seed and start time, and its start-up JSON line parsed. Stopped with SIGTERM when destroyed.
 */
class SandboxProcess
{
public:
    SandboxProcess() = default;
    ~SandboxProcess();
    SandboxProcess(const SandboxProcess &) = delete;
    SandboxProcess &operator=(const SandboxProcess &) = delete;

    /// Starts @p binary with the defaults plus @p extraArguments. Returns false and sets @p error when it fails.
    bool start(const QString &binary, const QStringList &extraArguments, QString *error);

    /// The start-up line: gitlab_url, gitlab_token, gitlab_project, sentry_url, sentry_token, sentry_org, …
    [[nodiscard]] const QJsonObject &info() const { return m_info; }
    [[nodiscard]] QString value(const char *key) const;
    [[nodiscard]] QUrl gitlabUrl() const { return QUrl(value("gitlab_url")); }
    [[nodiscard]] QUrl sentryUrl() const { return QUrl(value("sentry_url")); }
    /// The control API, e.g. controlUrl("/advance").
    [[nodiscard]] QUrl controlUrl(const QString &path) const;

    QProcess &process() { return m_process; }

private:
    QProcess m_process;
    QJsonObject m_info;
};

} // namespace Shipdeck::Test
