#pragma once

#include "gitlab/environmentmonitor.h"
#include "gitlab/gitlabclient.h"
#include "gitlab/pipelinemonitor.h"
#include "gitlab/pipelinenotifier.h"
#include "sentry/errorratemonitor.h"
#include "sentry/sentryclient.h"
#include "services/deploymarkerfeed.h"
#include "settings/source.h"
#include "settings/workspace.h"

#include <QObject>
#include <QPointer>

#include <array>

class QNetworkAccessManager;

namespace Shipdeck {

class AuditLog;
class ConnectionStatus;
class Database;
class ReleaseManager;
class SecretStore;
class SettingsStore;

/**
 * The composition root's objects for one workspace: network, database, managers, settings, secrets and the
 * connection state of every source. Created once by main() (and by widget tests), wired explicitly, handed to
 * the main window; no singletons.
 */
class AppContext : public QObject
{
    Q_OBJECT
public:
    explicit AppContext(const Workspace &workspace, QObject *parent = nullptr);
    ~AppContext() override;

    /// Opens the database and starts loading; storage errors are reported through storageError().
    void start();

    [[nodiscard]] const Workspace &workspace() const { return m_workspace; }
    [[nodiscard]] QNetworkAccessManager *network() const { return m_network; }
    [[nodiscard]] Database *database() const { return m_database; }
    [[nodiscard]] ReleaseManager *releases() const { return m_releases; }
    [[nodiscard]] AuditLog *auditLog() const { return m_audit; }
    [[nodiscard]] SettingsStore *settings() const { return m_settings; }
    [[nodiscard]] SecretStore *secrets() const { return m_secrets; }
    [[nodiscard]] ConnectionStatus *status(Source source) const { return m_status[size_t(source)]; }
    /// The GitLab client and pipeline monitor of the configured project; null while GitLab is not configured.
    [[nodiscard]] GitLabClient *gitLab() const { return m_gitLab; }
    [[nodiscard]] PipelineMonitor *pipelines() const { return m_pipelines; }
    /// Desktop notifications and the worst status of the watched pipelines, following pipelines() with the rules of
    /// the notification settings; null while GitLab is not configured.
    [[nodiscard]] PipelineNotifier *notifier() const { return m_notifier; }
    /// The deploy markers of the watched environment, from GitLab and Sentry (always there; empty when neither is
    /// configured).
    [[nodiscard]] DeployMarkerFeed *deployMarkers() const { return m_deployMarkers; }
    /// The window has been out of sight for long (minimised) or is back. While away, nothing on screen needs
    /// fresh data: environments and error rates pause; pipelines keep polling at the idle pace when notifications
    /// are on (they are what the tray reports), and pause otherwise.
    void setAway(bool away);
    [[nodiscard]] bool isAway() const { return m_away; }
    /// Environments and their deployments, newest first; null while GitLab is not configured.
    [[nodiscard]] EnvironmentMonitor *environments() const { return m_environments; }
    /// The error-rate monitor of the configured Sentry projects; null while Sentry is not configured.
    [[nodiscard]] ErrorRateMonitor *errorRates() const { return m_errorRates; }
    [[nodiscard]] SentryClient *sentry() const { return m_sentry; }
    [[nodiscard]] QString currentRelease() const { return m_currentRelease; }
    [[nodiscard]] QString previousRelease() const { return m_previousRelease; }
    /// The releases the error-rate monitor compares (Sentry release names; previous may be empty).
    void setWatchedReleases(const QString &current, const QString &previous);

Q_SIGNALS:
    /// The database could not be opened, read or written.
    void storageError(const QString &message);
    /// Everything stored has been read.
    void loaded();
    /// gitLab(), pipelines(), notifier() and environments() were replaced (the connection settings changed) or removed.
    void gitLabChanged();
    /// errorRates() or sentry() was replaced or removed, or the watched releases changed.
    void sentryChanged();

private:
    void updateConfigured(Source source);
    void rebuildGitLab(bool configured);
    void applyAway();
    void rebuildSentry(bool configured);
    void applyNotificationSettings();

    Workspace m_workspace;
    QNetworkAccessManager *m_network;
    Database *m_database;
    AuditLog *m_audit;
    ReleaseManager *m_releases;
    SettingsStore *m_settings;
    SecretStore *m_secrets;
    std::array<ConnectionStatus *, std::size(allSources)> m_status {};
    QPointer<GitLabClient> m_gitLab;
    QPointer<PipelineMonitor> m_pipelines;
    QPointer<PipelineNotifier> m_notifier;
    DeployMarkerFeed *m_deployMarkers;
    bool m_away = false;
    QPointer<EnvironmentMonitor> m_environments;
    QPointer<SentryClient> m_sentry;
    QPointer<ErrorRateMonitor> m_errorRates;
    QString m_sentryToken;
    QString m_currentRelease;
    QString m_previousRelease;
    QString m_gitLabToken; ///< the token m_gitLab was made with (kept in memory only)
};

} // namespace Shipdeck
