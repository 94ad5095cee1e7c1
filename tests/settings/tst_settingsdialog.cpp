#include "secretscan.h"

#include "settings/connectionsettings.h"
#include "settings/secretstore.h"
#include "settings/settingsdialog.h"
#include "settings/settingsstore.h"
#include "settings/workspace.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace Shipdeck;
using namespace std::chrono_literals;

class TestSettingsDialog : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SettingsStore> m_settings;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<SettingsDialog> m_dialog;
    QNetworkAccessManager m_nam;
    QHttpServer m_http;
    quint16 m_httpPort = 0;
    QByteArray m_lastPrivateToken;

    [[nodiscard]] Workspace workspace() const
    {
        return Workspace::inDirectory(m_dir->path(), u"Shipdeck Test tst_settingsdialog"_s);
    }

    template<typename T> T *child(const QString &name) const
    {
        T *found = m_dialog->findChild<T *>(name);
        if (!found)
            qWarning("no child %s", qPrintable(name));
        return found;
    }

    [[nodiscard]] QPushButton *button(QDialogButtonBox::StandardButton which) const
    {
        return m_dialog->findChild<QDialogButtonBox *>()->button(which);
    }

    static void type(QLineEdit *edit, const QString &text)
    {
        edit->clear();
        QTest::keyClicks(edit, text); // like a user: emits textEdited
    }

    /// Waits for the SecretStore to answer the dialog's first reads; false when a real keychain answered.
    bool waitForSessionOnly()
    {
        if (!m_secrets->isPersistent())
            return true;
        QSignalSpy availability(m_secrets.get(), &SecretStore::backendAvailabilityChanged);
        return availability.wait(30000) && !m_secrets->isPersistent();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_http.setMissingHandler(this, [this](const QHttpServerRequest &request, QHttpServerResponder &responder) {
            m_lastPrivateToken = request.value("PRIVATE-TOKEN");
            responder.write(QByteArrayLiteral(R"({"id":7,"path_with_namespace":"group/app"})"), "application/json",
                                              QHttpServerResponder::StatusCode::Ok);
        });
        auto *tcp = new QTcpServer(this);
        QVERIFY(tcp->listen(QHostAddress::LocalHost));
        QVERIFY(m_http.bind(tcp));
        m_httpPort = tcp->serverPort();
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_settings = std::make_unique<SettingsStore>(workspace());
        m_secrets = std::make_unique<SecretStore>(workspace().keychainService());
        m_dialog = std::make_unique<SettingsDialog>(m_settings.get(), m_secrets.get(), &m_nam);
        m_dialog->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
    }

    void cleanup()
    {
        m_dialog.reset();
        m_secrets.reset();
        m_settings.reset();
        m_dir.reset();
    }

    void pages()
    {
        auto *list = child<QListWidget>(u"pageList"_s);
        auto *stack = child<QStackedWidget>(u"pageStack"_s);
        QVERIFY(list && stack);
        QCOMPARE(list->count(), 5); // the four sources, then Notifications
        QCOMPARE(stack->count(), 5);
        for (int row = 0; row < list->count(); ++row)
            QVERIFY(!list->item(row)->icon().isNull());
        QCOMPARE(m_dialog->currentPage(), Source::GitLab);

        m_dialog->showPage(Source::Sentry);
        QCOMPARE(m_dialog->currentPage(), Source::Sentry);
        QCOMPARE(list->currentRow(), static_cast<int>(Source::Sentry));
        QVERIFY(stack->currentWidget()->isAncestorOf(child<QComboBox>(u"sentryRegion"_s)));

        m_dialog->showPage(Source::Email);
        QVERIFY(stack->currentWidget()->isAncestorOf(child<QLineEdit>(u"emailHost"_s)));

        list->setCurrentRow(static_cast<int>(Source::Slack)); // clicking the list
        QCOMPARE(m_dialog->currentPage(), Source::Slack);
        QVERIFY(!m_dialog->isNotificationsPageShown());

        m_dialog->showNotificationsPage();
        QVERIFY(m_dialog->isNotificationsPageShown());
        QCOMPARE(list->currentRow(), 4);
        QCOMPARE(list->currentItem()->text(), u"Notifications"_s);
        QVERIFY(stack->currentWidget()->isAncestorOf(child<QCheckBox>(u"notificationsEnabled"_s)));
    }

    void notificationsPageRoundTrip_data()
    {
        QTest::addColumn<bool>("enabled");
        QTest::addColumn<bool>("failuresOnly");
        QTest::addColumn<QString>("refs");
        QTest::addColumn<QString>("environments");
        QTest::addColumn<QStringList>("savedRefs");
        QTest::addColumn<QStringList>("savedEnvironments");
        QTest::newRow("patterns") << true << false << u"main, release/*"_s << u"production"_s
                                  << QStringList {u"main"_s, u"release/*"_s} << QStringList {u"production"_s};
        QTest::newRow("failures only, all refs")
            << true << true << QString() << QString() << QStringList() << QStringList();
        QTest::newRow("off, duplicates and blanks")
            << false << false << u" main,,main , hotfix/*"_s << u"prod-*, staging"_s
            << QStringList {u"main"_s, u"hotfix/*"_s} << QStringList {u"prod-*"_s, u"staging"_s};
    }
    void notificationsPageRoundTrip()
    {
        QFETCH(bool, enabled);
        QFETCH(bool, failuresOnly);
        QFETCH(QString, refs);
        QFETCH(QString, environments);
        QFETCH(QStringList, savedRefs);
        QFETCH(QStringList, savedEnvironments);

        // The defaults: on, every pipeline, placeholders that explain the patterns.
        m_dialog->showNotificationsPage();
        auto *enabledBox = child<QCheckBox>(u"notificationsEnabled"_s);
        auto *failuresBox = child<QCheckBox>(u"notificationsFailuresOnly"_s);
        auto *refsEdit = child<QLineEdit>(u"notificationRefs"_s);
        auto *environmentsEdit = child<QLineEdit>(u"notificationEnvironments"_s);
        QVERIFY(enabledBox && failuresBox && refsEdit && environmentsEdit);
        QVERIFY(enabledBox->isChecked());
        QVERIFY(!failuresBox->isChecked());
        QVERIFY(refsEdit->text().isEmpty());
        QVERIFY(refsEdit->placeholderText().contains(u"release/*"_s));
        QVERIFY(!environmentsEdit->placeholderText().isEmpty());
        QCOMPARE(failuresBox->text(), u"&Only when a pipeline fails"_s);

        if (enabledBox->isChecked() != enabled)
            enabledBox->click();
        QCOMPARE(failuresBox->isEnabled(), enabled);
        QCOMPARE(refsEdit->isEnabled(), enabled);
        if (enabled && failuresBox->isChecked() != failuresOnly)
            failuresBox->click();
        // Manual deploys are not announced in failure-only mode.
        QCOMPARE(environmentsEdit->isEnabled(), enabled && !failuresOnly);
        refsEdit->setText(refs);
        environmentsEdit->setText(environments);

        QSignalSpy notificationsChanged(m_settings.get(), &SettingsStore::notificationsChanged);
        QSignalSpy changed(m_settings.get(), &SettingsStore::changed);
        QTest::mouseClick(button(QDialogButtonBox::Apply), Qt::LeftButton);
        const NotificationSettings defaults;
        const NotificationSettings saved = m_settings->notifications();
        QCOMPARE(saved.enabled, enabled);
        QCOMPARE(saved.failuresOnly, failuresOnly);
        QCOMPARE(saved.refs, savedRefs);
        QCOMPARE(saved.environments, savedEnvironments);
        QCOMPARE(notificationsChanged.count(), saved == defaults ? 0 : 1);
        QCOMPARE(changed.count(), 0); // no source changed

        // Applying again changes nothing; a new dialog shows what was saved.
        QTest::mouseClick(button(QDialogButtonBox::Apply), Qt::LeftButton);
        QCOMPARE(notificationsChanged.count(), saved == defaults ? 0 : 1);
        SettingsDialog again(m_settings.get(), m_secrets.get(), &m_nam);
        QCOMPARE(again.findChild<QCheckBox *>(u"notificationsEnabled"_s)->isChecked(), enabled);
        QCOMPARE(again.findChild<QCheckBox *>(u"notificationsFailuresOnly"_s)->isChecked(), failuresOnly);
        QCOMPARE(again.findChild<QLineEdit *>(u"notificationRefs"_s)->text(), savedRefs.join(u", "_s));
        QCOMPARE(again.findChild<QLineEdit *>(u"notificationEnvironments"_s)->text(), savedEnvironments.join(u", "_s));

        // Stored as plain values in the INI file (a new store on the same file reads them).
        SettingsStore reread(workspace());
        QCOMPARE(reread.notifications(), saved);
    }

    void selfHostedEnablesBaseUrl()
    {
        m_dialog->showPage(Source::Sentry);
        auto *region = child<QComboBox>(u"sentryRegion"_s);
        auto *url = child<QLineEdit>(u"sentryUrl"_s);
        QVERIFY(region && url);
        QCOMPARE(region->currentData().toString(), u"us"_s);
        QVERIFY(!url->isEnabled());
        QVERIFY(m_dialog->isInputValid()); // a disabled field is not checked

        region->setCurrentIndex(region->findData(u"custom"_s));
        QVERIFY(url->isEnabled());
        QVERIFY(!m_dialog->isInputValid()); // self-hosted needs its address
        type(url, u"https://sentry.example.com"_s);
        QVERIFY(m_dialog->isInputValid());

        region->setCurrentIndex(region->findData(u"de"_s));
        QVERIFY(!url->isEnabled());
    }

    void invalidUrlDisablesOk_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("valid");
        QTest::newRow("https") << u"https://gitlab.example.com"_s << true;
        QTest::newRow("http with port") << u"http://127.0.0.1:8080"_s << true;
        QTest::newRow("no scheme") << u"gitlab.example.com"_s << false;
        QTest::newRow("ftp") << u"ftp://gitlab.example.com"_s << false;
        QTest::newRow("spaces") << u"https://git lab"_s << false;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("password in url") << u"https://me:hunter2@gitlab.example.com"_s << false;
    }

    void invalidUrlDisablesOk()
    {
        QFETCH(QString, url);
        QFETCH(bool, valid);
        auto *edit = child<QLineEdit>(u"gitLabUrl"_s);
        auto *error = child<QLabel>(u"gitLabUrlError"_s);
        QVERIFY(edit && error);
        type(edit, url);
        QCOMPARE(m_dialog->isInputValid(), valid);
        QCOMPARE(button(QDialogButtonBox::Ok)->isEnabled(), valid);
        QCOMPARE(button(QDialogButtonBox::Apply)->isEnabled(), valid);
        QCOMPARE(error->isVisible(), !valid);
        QCOMPARE(error->textFormat(), Qt::PlainText);
    }

    void slackWebhookMustBeHttps()
    {
        auto *webhook = child<QLineEdit>(u"slackWebhook"_s);
        QVERIFY(webhook);
        type(webhook, u"http://hooks.slack.com/services/x"_s);
        QVERIFY(!m_dialog->isInputValid());
        type(webhook, u"https://hooks.slack.com/services/x"_s);
        QVERIFY(m_dialog->isInputValid());
    }

    void secretFieldsAreHidden()
    {
        auto *token = child<QLineEdit>(u"gitLabToken"_s);
        QVERIFY(token);
        QCOMPARE(token->echoMode(), QLineEdit::Password);
        auto *show = token->findChild<QAction *>(u"showSecretAction"_s);
        QVERIFY(show);
        QVERIFY(!show->icon().isNull());
        show->trigger();
        QCOMPARE(token->echoMode(), QLineEdit::Normal);
        show->trigger();
        QCOMPARE(token->echoMode(), QLineEdit::Password);
    }

    void applySaves()
    {
        if (!waitForSessionOnly())
            QSKIP("A keychain service is available here; not writing test secrets into it.");

        type(child<QLineEdit>(u"gitLabUrl"_s), u"https://gitlab.example.com"_s);
        type(child<QLineEdit>(u"gitLabProject"_s), u"group/app"_s);
        type(child<QLineEdit>(u"gitLabToken"_s), u"glpat-dialog"_s);
        auto *region = child<QComboBox>(u"sentryRegion"_s);
        region->setCurrentIndex(region->findData(u"de"_s));
        type(child<QLineEdit>(u"sentryOrganization"_s), u"acme"_s);
        type(child<QLineEdit>(u"sentryProjects"_s), u"web, api"_s);
        type(child<QLineEdit>(u"sentryEnvironment"_s), u"production"_s);
        type(child<QLineEdit>(u"slackChannel"_s), u"#releases"_s);
        type(child<QLineEdit>(u"emailHost"_s), u"smtp.example.com"_s);
        auto *tls = child<QComboBox>(u"emailTls"_s);
        tls->setCurrentIndex(tls->findData(static_cast<int>(EmailSettings::TlsMode::ImplicitTls)));
        QCOMPARE(child<QSpinBox>(u"emailPort"_s)->value(), 465); // follows the mode
        type(child<QLineEdit>(u"emailSender"_s), u"shipdeck@example.com"_s);
        type(child<QLineEdit>(u"emailRecipients"_s), u"team@example.com, oncall@example.com"_s);

        QSignalSpy changed(m_settings.get(), &SettingsStore::changed);
        QSignalSpy applied(m_dialog.get(), &SettingsDialog::applied);
        QTest::mouseClick(button(QDialogButtonBox::Apply), Qt::LeftButton);
        QCOMPARE(applied.count(), 1);
        QCOMPARE(changed.count(), 4);

        QCOMPARE(m_settings->gitLab().baseUrl, QUrl(u"https://gitlab.example.com"_s));
        QCOMPARE(m_settings->gitLab().project, u"group/app"_s);
        QCOMPARE(m_settings->sentry().region, u"de"_s);
        QCOMPARE(m_settings->sentry().organization, u"acme"_s);
        QCOMPARE(m_settings->sentry().projects, (QStringList {u"web"_s, u"api"_s}));
        QCOMPARE(m_settings->sentry().environment, u"production"_s);
        QCOMPARE(m_settings->slack().channelLabel, u"#releases"_s);
        QCOMPARE(m_settings->email().host, u"smtp.example.com"_s);
        QCOMPARE(m_settings->email().port, 465);
        QCOMPARE(m_settings->email().tls, EmailSettings::TlsMode::ImplicitTls);
        QCOMPARE(m_settings->email().recipients, (QStringList {u"team@example.com"_s, u"oncall@example.com"_s}));
        QVERIFY(m_settings->isConfigured(Source::GitLab));
        QVERIFY(m_settings->isConfigured(Source::Sentry));
        QVERIFY(m_settings->isConfigured(Source::Email));
        QCOMPARE(m_secrets->cachedSecret(SecretStore::Key::GitLabToken), u"glpat-dialog"_s);

        // A new dialog shows what was saved, secrets included (from the session cache).
        SettingsDialog again(m_settings.get(), m_secrets.get(), &m_nam);
        QCOMPARE(again.findChild<QLineEdit *>(u"gitLabProject"_s)->text(), u"group/app"_s);
        QCOMPARE(again.findChild<QLineEdit *>(u"gitLabToken"_s)->text(), u"glpat-dialog"_s);
        QCOMPARE(again.findChild<QSpinBox *>(u"emailPort"_s)->value(), 465);
    }

    void okSavesAndCloses()
    {
        type(child<QLineEdit>(u"gitLabProject"_s), u"group/ok"_s);
        QTest::mouseClick(button(QDialogButtonBox::Ok), Qt::LeftButton);
        QCOMPARE(m_dialog->result(), int(QDialog::Accepted));
        QVERIFY(!m_dialog->isVisible());
        QCOMPARE(m_settings->gitLab().project, u"group/ok"_s);
    }

    void cancelDoesNotSave()
    {
        type(child<QLineEdit>(u"gitLabProject"_s), u"group/cancel"_s);
        QTest::mouseClick(button(QDialogButtonBox::Cancel), Qt::LeftButton);
        QVERIFY(m_settings->gitLab().project.isEmpty());
    }

    void sessionOnlyNoticeIsVisible()
    {
        if (!waitForSessionOnly())
            QSKIP("A keychain service is available here; session-only mode cannot be observed.");
        auto *label = child<QLabel>(u"sessionOnlyLabel"_s);
        QVERIFY(label);
        QTRY_VERIFY(label->isVisible());
        QCOMPARE(label->text(), m_secrets->backendMessage());
        QCOMPARE(label->textFormat(), Qt::PlainText);
    }

    void testConnectionShowsResult()
    {
        m_dialog->setConnectionTestTimeout(10s);
        m_dialog->showPage(Source::GitLab);
        type(child<QLineEdit>(u"gitLabUrl"_s), u"http://127.0.0.1:%1"_s.arg(m_httpPort));
        type(child<QLineEdit>(u"gitLabProject"_s), u"group/app"_s);
        type(child<QLineEdit>(u"gitLabToken"_s), u"glpat-test-connection"_s);

        QWidget *page = child<QStackedWidget>(u"pageStack"_s)->currentWidget();
        auto *testButton = page->findChild<QPushButton *>(u"testButton"_s);
        auto *result = page->findChild<QLabel *>(u"testResult"_s);
        QVERIFY(testButton && result);
        QCOMPARE(result->textFormat(), Qt::PlainText);
        const QString idleText = testButton->text();

        QSignalSpy finished(m_dialog.get(), &SettingsDialog::connectionTestFinished);
        QTest::mouseClick(testButton, Qt::LeftButton);
        QVERIFY(!testButton->isEnabled()); // busy while running
        QVERIFY(testButton->text() != idleText);
        QVERIFY(finished.wait());

        QCOMPARE(finished.at(0).at(0).value<Source>(), Source::GitLab);
        QCOMPARE(finished.at(0).at(1).toBool(), true);
        QCOMPARE(result->text(), u"Connected to GitLab as project “group/app”."_s);
        QVERIFY(testButton->isEnabled());
        QCOMPARE(testButton->text(), idleText);
        QCOMPARE(m_lastPrivateToken, QByteArray("glpat-test-connection"));
        // Testing does not save.
        QVERIFY(m_settings->gitLab().project.isEmpty());
    }

    void testConnectionDoesNotQuoteTheWebhook()
    {
        m_dialog->showPage(Source::Slack);
        type(child<QLineEdit>(u"slackWebhook"_s), u"https://hooks.slack.com/services/T/B/secret"_s);
        QWidget *page = child<QStackedWidget>(u"pageStack"_s)->currentWidget();
        QSignalSpy finished(m_dialog.get(), &SettingsDialog::connectionTestFinished);
        QTest::mouseClick(page->findChild<QPushButton *>(u"testButton"_s), Qt::LeftButton);
        QVERIFY(finished.wait());
        QCOMPARE(finished.at(0).at(0).value<Source>(), Source::Slack);
        QVERIFY(finished.at(0).at(1).toBool());
        QVERIFY(!page->findChild<QLabel *>(u"testResult"_s)->text().contains(u"secret"_s));
    }

    void rightToLeft()
    {
        m_dialog.reset();
        QGuiApplication::setLayoutDirection(Qt::RightToLeft);
        m_dialog = std::make_unique<SettingsDialog>(m_settings.get(), m_secrets.get(), &m_nam);
        m_dialog->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
        auto *list = child<QListWidget>(u"pageList"_s);
        auto *stack = child<QStackedWidget>(u"pageStack"_s);
        QCOMPARE(m_dialog->layoutDirection(), Qt::RightToLeft);
        // The page list sits on the leading (right) side.
        QVERIFY(list->geometry().left() > stack->geometry().left());
        QGuiApplication::setLayoutDirection(Qt::LeftToRight);
    }

    /// THE SECRET RULE, through the dialog: secrets typed in it never reach a file.
    void secretsNeverReachDisk()
    {
        const QStringList secrets = {
            u"glpat-DIALOG-SECRET-a1"_s,
            u"sntryu_DIALOG-SECRET-b2"_s,
            u"https://hooks.slack.com/services/T1/B1/DIALOGSECRETc3"_s,
            u"DIALOG-SECRET-smtp-d4"_s,
        };
        if (!waitForSessionOnly())
            QSKIP("A keychain service is available here; not writing test secrets into it.");

        type(child<QLineEdit>(u"gitLabProject"_s), u"group/app"_s);
        type(child<QLineEdit>(u"gitLabToken"_s), secrets.at(0));
        type(child<QLineEdit>(u"sentryOrganization"_s), u"dialog-org-marker"_s);
        type(child<QLineEdit>(u"sentryProjects"_s), u"web"_s);
        type(child<QLineEdit>(u"sentryToken"_s), secrets.at(1));
        type(child<QLineEdit>(u"slackWebhook"_s), secrets.at(2));
        type(child<QLineEdit>(u"slackChannel"_s), u"#releases"_s);
        type(child<QLineEdit>(u"emailHost"_s), u"smtp.example.com"_s);
        type(child<QLineEdit>(u"emailUser"_s), u"robot"_s);
        type(child<QLineEdit>(u"emailPassword"_s), secrets.at(3));
        type(child<QLineEdit>(u"emailSender"_s), u"a@example.com"_s);
        type(child<QLineEdit>(u"emailRecipients"_s), u"b@example.com"_s);

        QSignalSpy written(m_secrets.get(), &SecretStore::secretWritten);
        QTest::mouseClick(button(QDialogButtonBox::Ok), Qt::LeftButton);
        QTRY_COMPARE(written.count(), 4);
        int i = 0;
        for (SecretStore::Key key : SecretStore::allKeys)
            QCOMPARE(m_secrets->cachedSecret(key), secrets.at(i++));

        const QString dir = m_dir->path();
        const QString settingsPath = workspace().settingsPath();
        // Everything that could flush to disk is gone; the workspace folder stays for the scan.
        m_dialog.reset();
        m_secrets.reset();
        m_settings.reset();

        int scanned = 0;
        const QStringList hits = Test::filesContainingSecrets(Test::secretScanDirectories({dir}), secrets, &scanned);
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u'\n')));
        QVERIFY(scanned >= 1);
        QFile file(settingsPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("dialog-org-marker"));
    }
};

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
