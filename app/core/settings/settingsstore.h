#pragma once

#include "connectionsettings.h"
#include "sentry/releaseverdict.h"
#include "source.h"

#include <QByteArray>
#include <QObject>
#include <QSettings>
#include <QString>

namespace Shipdeck {

class Workspace;

/**
 * The non-secret settings of one workspace, kept in its INI file (Workspace::settingsPath()): the connection settings
 * of every source, the desktop notification rules, the main window layout and the user interface language.
 *
 * Secrets (tokens, the Slack webhook, the SMTP password) never pass through here: they belong to the SecretStore.
 * Setters write through to the file at once; several SettingsStore objects on the same file in one process see each
 * other's changes (QSettings shares its cache), but only the one that was written to emits changed().
 */
class SettingsStore : public QObject
{
    Q_OBJECT
public:
    explicit SettingsStore(const Workspace &workspace, QObject *parent = nullptr);
    ~SettingsStore() override;

    /// The settings file.
    [[nodiscard]] QString fileName() const;

    [[nodiscard]] GitLabSettings gitLab() const;
    void setGitLab(const GitLabSettings &settings);

    [[nodiscard]] SentrySettings sentry() const;
    void setSentry(const SentrySettings &settings);

    [[nodiscard]] SlackSettings slack() const;
    void setSlack(const SlackSettings &settings);

    [[nodiscard]] EmailSettings email() const;
    void setEmail(const EmailSettings &settings);

    /**
     * Whether the non-secret settings of @p source are complete enough to use it. The secret is checked separately
     * (SecretStore): a source is usable when this is true and its secret is set.
     *
     * - GitLab: an http(s) base URL and a project.
     * - Sentry: a known region (or "custom" with an http(s) base URL), an organization and at least one project.
     * - Slack: always true; everything it needs is the webhook URL, which is a secret.
     * - Email: a host, a port in 1–65535, a sender and at least one recipient (the user is optional).
     */
    [[nodiscard]] bool isConfigured(Source source) const;

    [[nodiscard]] NotificationSettings notifications() const;
    void setNotifications(const NotificationSettings &settings);

    /// When the Error rates pane (and `shipdeck-cli verdict`) calls a release unhealthy; bounded on read and write.
    [[nodiscard]] VerdictThresholds thresholds() const;
    void setThresholds(const VerdictThresholds &thresholds);

    /// QMainWindow::saveState() of the main window; empty when never saved.
    [[nodiscard]] QByteArray mainWindowState() const;
    void setMainWindowState(const QByteArray &state);
    /// QWidget::saveGeometry() of the main window; empty when never saved.
    [[nodiscard]] QByteArray mainWindowGeometry() const;
    void setMainWindowGeometry(const QByteArray &geometry);

    /// The user interface language as a locale name ("fa", "en"); empty to follow the system.
    [[nodiscard]] QString language() const;
    void setLanguage(const QString &language);

    /// Writes pending changes to disk (setters already do; for callers that want to be sure).
    void sync();

Q_SIGNALS:
    /// The settings of @p source were changed through this store (emitted only when a value actually changed).
    void changed(Shipdeck::Source source);
    /// The notification settings were changed through this store (emitted only when a value actually changed).
    void notificationsChanged();
    /// thresholds() changed.
    void thresholdsChanged();
    /// The language was changed through this store.
    void languageChanged(const QString &language);

private:
    mutable QSettings m_settings;
};

} // namespace Shipdeck
