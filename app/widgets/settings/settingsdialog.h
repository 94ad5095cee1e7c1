#pragma once

#include "settings/secretstore.h"
#include "settings/source.h"

#include <QDialog>
#include <QPointer>

#include <array>
#include <chrono>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QNetworkAccessManager;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QWidget;

namespace Shipdeck {

class ConnectionTest;
class SettingsStore;
struct EmailSettings;
struct GitLabSettings;
struct NotificationSettings;
struct SentrySettings;
struct SlackSettings;

/**
 * The settings dialog: one page per source (GitLab, Sentry, Slack, email) and a Notifications page (desktop
 * notifications about pipelines), listed with icons on the leading side.
 *
 * Non-secret values are loaded from and saved to the SettingsStore; tokens, the Slack webhook and the SMTP password
 * go to the SecretStore and are filled in asynchronously when the keychain answers. Every page has a "Test
 * Connection" button that checks what is in the form (saved or not) without blocking. When the SecretStore keeps
 * secrets for this session only, a notice at the top says so. OK and Apply are disabled while a field is invalid.
 */
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    /// The stores and the network access manager are borrowed and must outlive the dialog.
    SettingsDialog(SettingsStore *settings, SecretStore *secrets, QNetworkAccessManager *nam,
                   QWidget *parent = nullptr);
    ~SettingsDialog() override;

    /// Selects the page of @p source.
    void showPage(Source source);
    /// Selects the Notifications page.
    void showNotificationsPage();
    /// Whether the Notifications page is shown.
    [[nodiscard]] bool isNotificationsPageShown() const;
    /// The source whose page is shown (GitLab while the Notifications page is shown).
    [[nodiscard]] Source currentPage() const;
    /// Whether every field holds an acceptable value (OK and Apply are enabled).
    [[nodiscard]] bool isInputValid() const;
    /// How long a connection test may take (default ConnectionTest::defaultTimeout); for tests.
    void setConnectionTestTimeout(std::chrono::milliseconds timeout);

public Q_SLOTS:
    /// Saves every page: non-secrets to the SettingsStore, changed secrets to the SecretStore.
    void apply();
    /// Saves and closes, when the input is valid.
    void accept() override;
    /// Runs the connection test of @p source with the values in the form.
    void testConnection(Shipdeck::Source source);

Q_SIGNALS:
    /// apply() saved the settings.
    void applied();
    /// A connection test started from the dialog finished; @p message is what the page shows.
    void connectionTestFinished(Shipdeck::Source source, bool ok, const QString &message);

private:
    struct Page
    {
        QWidget *widget = nullptr;
        QLineEdit *secret = nullptr;
        QPushButton *testButton = nullptr;
        QLabel *resultIcon = nullptr;
        QLabel *resultText = nullptr;
        QPointer<ConnectionTest> test;
        QString loadedSecret; ///< the value the keychain gave, to write only what changed
        bool secretEdited = false;
    };

    QWidget *createGitLabPage();
    QWidget *createSentryPage();
    QWidget *createSlackPage();
    QWidget *createEmailPage();
    QWidget *createNotificationsPage();
    /// The title, description, and the test button with its result, around @p form.
    QWidget *wrapPage(Source source, const QString &description, QWidget *form);
    QLineEdit *createSecretEdit(Source source, const QString &objectName);
    QLabel *createErrorLabel();

    void loadSettings();
    void loadSecrets();
    void onSecretRead(SecretStore::Key key, const QString &value, const QString &error);
    void updateSessionOnlyNotice();
    void updateValidity();
    void updateSentryUrlEnabled();
    void onTlsModeChanged();
    void updateNotificationsEnabled();
    void showResult(Source source, bool ok, const QString &message);

    [[nodiscard]] GitLabSettings gitLabFromForm() const;
    [[nodiscard]] SentrySettings sentryFromForm() const;
    [[nodiscard]] SlackSettings slackFromForm() const;
    [[nodiscard]] EmailSettings emailFromForm() const;
    [[nodiscard]] NotificationSettings notificationsFromForm() const;
    [[nodiscard]] Page &page(Source source) { return m_pages[static_cast<int>(source)]; }

    SettingsStore *m_settings;
    QPointer<SecretStore> m_secrets;
    QPointer<QNetworkAccessManager> m_nam;
    std::chrono::milliseconds m_testTimeout;

    QLabel *m_sessionOnlyIcon = nullptr;
    QLabel *m_sessionOnlyLabel = nullptr;
    QWidget *m_sessionOnlyNotice = nullptr;
    QListWidget *m_list = nullptr;
    QStackedWidget *m_stack = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    std::array<Page, 4> m_pages;

    QLineEdit *m_gitLabUrl = nullptr;
    QLabel *m_gitLabUrlError = nullptr;
    QLineEdit *m_gitLabProject = nullptr;

    QComboBox *m_sentryRegion = nullptr;
    QLineEdit *m_sentryUrl = nullptr;
    QLabel *m_sentryUrlError = nullptr;
    QLineEdit *m_sentryOrganization = nullptr;
    QLineEdit *m_sentryProjects = nullptr;
    QLineEdit *m_sentryEnvironment = nullptr;

    QLabel *m_slackWebhookError = nullptr;
    QLineEdit *m_slackChannel = nullptr;

    QLineEdit *m_emailHost = nullptr;
    QSpinBox *m_emailPort = nullptr;
    QComboBox *m_emailTls = nullptr;
    int m_emailTlsIndex = 0;
    QLineEdit *m_emailUser = nullptr;
    QLineEdit *m_emailSender = nullptr;
    QLineEdit *m_emailRecipients = nullptr;
    QLabel *m_emailRecipientsError = nullptr;

    QCheckBox *m_notificationsEnabled = nullptr;
    QCheckBox *m_notificationsFailuresOnly = nullptr;
    QLineEdit *m_notificationRefs = nullptr;
    QLineEdit *m_notificationEnvironments = nullptr;
};

} // namespace Shipdeck
