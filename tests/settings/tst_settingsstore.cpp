#include "settings/connectionsettings.h"
#include "settings/settingsstore.h"
#include "settings/workspace.h"

#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

using namespace Qt::StringLiterals;
using namespace Shipdeck;

using Configure = std::function<void(SettingsStore &)>;
Q_DECLARE_METATYPE(Configure)

class TestSettingsStore : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    [[nodiscard]] Workspace workspace() const { return Workspace::inDirectory(m_dir->path(), u"Shipdeck Test"_s); }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void defaults()
    {
        SettingsStore store(workspace());
        QCOMPARE(store.gitLab().baseUrl, QUrl(u"https://gitlab.com"_s));
        QVERIFY(store.gitLab().project.isEmpty());
        QCOMPARE(store.sentry().region, u"us"_s);
        QCOMPARE(store.sentry().apiBaseUrl(), QUrl(u"https://us.sentry.io"_s));
        QCOMPARE(store.email().port, 587);
        QCOMPARE(store.email().tls, EmailSettings::TlsMode::StartTls);
        QVERIFY(store.mainWindowState().isEmpty());
        QVERIFY(store.language().isEmpty());
        QCOMPARE(store.fileName(), workspace().settingsPath());
    }

    void thresholds()
    {
        QCOMPARE(SettingsStore(workspace()).thresholds(), VerdictThresholds());
        VerdictThresholds chosen;
        chosen.maxErrorsPerMinute = 42;
        chosen.maxRatio = 3;
        chosen.crashFreeFloor = 0.995;
        chosen.minMinutes = 10;
        {
            SettingsStore store(workspace());
            QSignalSpy changed(&store, &SettingsStore::thresholdsChanged);
            store.setThresholds(chosen);
            QCOMPARE(changed.count(), 1);
            store.setThresholds(chosen); // unchanged: no signal
            QCOMPARE(changed.count(), 1);
        }
        QCOMPARE(SettingsStore(workspace()).thresholds(), chosen); // kept across restarts
        // A hand-edited file cannot set nonsense.
        {
            QSettings file(workspace().settingsPath(), QSettings::IniFormat);
            file.setValue(u"Verdict/maxRatio"_s, -3);
            file.setValue(u"Verdict/crashFreeFloor"_s, u"lots"_s);
        }
        const VerdictThresholds read = SettingsStore(workspace()).thresholds();
        QCOMPARE(read.maxRatio, 1.1);
        QVERIFY(read.crashFreeFloor >= 0.5 && read.crashFreeFloor <= 1.0);
    }

    void roundTrip()
    {
        GitLabSettings gitLab;
        gitLab.baseUrl = QUrl(u"https://gitlab.example.com/prefix"_s);
        gitLab.project = u"group/sub/project"_s;
        SentrySettings sentry;
        sentry.region = u"custom"_s;
        sentry.baseUrl = QUrl(u"https://sentry.example.com"_s);
        sentry.organization = u"acme"_s;
        sentry.projects = {u"backend"_s, u"web-app"_s};
        sentry.environment = u"production"_s;
        SlackSettings slack;
        slack.channelLabel = u"#releases"_s;
        EmailSettings email;
        email.host = u"smtp.example.com"_s;
        email.port = 465;
        email.tls = EmailSettings::TlsMode::ImplicitTls;
        email.user = u"robot"_s;
        email.sender = u"shipdeck@example.com"_s;
        email.recipients = {u"team@example.com"_s, u"oncall@example.com"_s};
        const QByteArray state = QByteArrayLiteral("\x00\x01state\xff");
        const QByteArray geometry = QByteArrayLiteral("geometry\x00");

        {
            SettingsStore store(workspace());
            store.setGitLab(gitLab);
            store.setSentry(sentry);
            store.setSlack(slack);
            store.setEmail(email);
            store.setMainWindowState(state);
            store.setMainWindowGeometry(geometry);
            store.setLanguage(u"fa"_s);
        }

        SettingsStore reopened(workspace());
        QCOMPARE(reopened.gitLab(), gitLab);
        QCOMPARE(reopened.sentry(), sentry);
        QCOMPARE(reopened.slack(), slack);
        QCOMPARE(reopened.email(), email);
        QCOMPARE(reopened.mainWindowState(), state);
        QCOMPARE(reopened.mainWindowGeometry(), geometry);
        QCOMPARE(reopened.language(), u"fa"_s);
    }

    void singleProjectAndEmptyLists()
    {
        {
            SettingsStore store(workspace());
            SentrySettings sentry;
            sentry.projects = {u"only"_s};
            store.setSentry(sentry);
            EmailSettings email;
            email.recipients = {};
            store.setEmail(email);
        }
        SettingsStore reopened(workspace());
        QCOMPARE(reopened.sentry().projects, QStringList {u"only"_s});
        QCOMPARE(reopened.email().recipients, QStringList());
    }

    void valuesAreNormalised()
    {
        SettingsStore store(workspace());
        SentrySettings sentry;
        sentry.region = u"mars"_s;
        sentry.organization = u"  acme "_s;
        sentry.projects = {u" a"_s, u""_s, u"a"_s, u"b "_s};
        store.setSentry(sentry);
        QCOMPARE(store.sentry().region, u"us"_s);
        QCOMPARE(store.sentry().organization, u"acme"_s);
        QCOMPARE(store.sentry().projects, (QStringList {u"a"_s, u"b"_s}));
    }

    void passwordsInUrlsAreNotStored()
    {
        {
            SettingsStore store(workspace());
            GitLabSettings gitLab;
            gitLab.baseUrl = QUrl(u"https://me:hunter2@gitlab.example.com"_s);
            store.setGitLab(gitLab);
            SentrySettings sentry;
            sentry.region = u"custom"_s;
            sentry.baseUrl = QUrl(u"https://me:hunter2@sentry.example.com"_s);
            store.setSentry(sentry);
        }
        QFile file(workspace().settingsPath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("hunter2"));
        SettingsStore reopened(workspace());
        QCOMPARE(reopened.gitLab().baseUrl, QUrl(u"https://me@gitlab.example.com"_s));
    }

    void changedSignal()
    {
        SettingsStore store(workspace());
        QSignalSpy spy(&store, &SettingsStore::changed);

        GitLabSettings gitLab;
        gitLab.project = u"group/app"_s;
        store.setGitLab(gitLab);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.takeFirst().at(0).value<Source>(), Source::GitLab);
        store.setGitLab(gitLab); // unchanged: no signal
        QCOMPARE(spy.count(), 0);

        SentrySettings sentry;
        sentry.organization = u"acme"_s;
        store.setSentry(sentry);
        QCOMPARE(spy.takeFirst().at(0).value<Source>(), Source::Sentry);

        SlackSettings slack;
        slack.channelLabel = u"#ops"_s;
        store.setSlack(slack);
        QCOMPARE(spy.takeFirst().at(0).value<Source>(), Source::Slack);

        EmailSettings email;
        email.host = u"smtp.example.com"_s;
        store.setEmail(email);
        QCOMPARE(spy.takeFirst().at(0).value<Source>(), Source::Email);
        QCOMPARE(spy.count(), 0);

        // Layout and language are not source settings.
        QSignalSpy languageSpy(&store, &SettingsStore::languageChanged);
        store.setMainWindowState(QByteArrayLiteral("x"));
        store.setLanguage(u"fa"_s);
        QCOMPARE(spy.count(), 0);
        QCOMPARE(languageSpy.count(), 1);
    }

    void isConfigured_data()
    {
        QTest::addColumn<Configure>("configure");
        QTest::addColumn<Source>("source");
        QTest::addColumn<bool>("expected");

        const auto gitLab = [](const QString &url, const QString &project) {
            return Configure([url, project](SettingsStore &store) {
                GitLabSettings s;
                s.baseUrl = QUrl(url);
                s.project = project;
                store.setGitLab(s);
            });
        };
        const auto sentry
            = [](const QString &region, const QString &url, const QString &org, const QStringList &projects) {
                  return Configure([=](SettingsStore &store) {
                      SentrySettings s;
                      s.region = region;
                      s.baseUrl = QUrl(url);
                      s.organization = org;
                      s.projects = projects;
                      store.setSentry(s);
                  });
              };
        const auto email = [](const QString &host, int port, const QString &sender, const QStringList &recipients) {
            return Configure([=](SettingsStore &store) {
                EmailSettings s;
                s.host = host;
                s.port = port;
                s.sender = sender;
                s.recipients = recipients;
                store.setEmail(s);
            });
        };
        const Configure nothing = [](SettingsStore &) {
        };
        const QStringList one {u"team@example.com"_s};

        QTest::newRow("gitlab: nothing") << nothing << Source::GitLab << false;
        QTest::newRow("gitlab: default url + project") << gitLab(QString(), u"group/app"_s) << Source::GitLab << true;
        QTest::newRow("gitlab: numeric id")
            << gitLab(u"https://gitlab.example.com"_s, u"42"_s) << Source::GitLab << true;
        QTest::newRow("gitlab: no project") << gitLab(u"https://gitlab.com"_s, u"  "_s) << Source::GitLab << false;
        QTest::newRow("gitlab: ftp url") << gitLab(u"ftp://gitlab.com"_s, u"group/app"_s) << Source::GitLab << false;
        QTest::newRow("sentry: nothing") << nothing << Source::Sentry << false;
        QTest::newRow("sentry: region") << sentry(u"de"_s, QString(), u"acme"_s, {u"web"_s}) << Source::Sentry << true;
        QTest::newRow("sentry: no project") << sentry(u"us"_s, QString(), u"acme"_s, {}) << Source::Sentry << false;
        QTest::newRow("sentry: no org") << sentry(u"us2"_s, QString(), QString(), {u"web"_s}) << Source::Sentry
                                        << false;
        QTest::newRow("sentry: self-hosted")
            << sentry(u"custom"_s, u"http://sentry.lan:9000"_s, u"acme"_s, {u"web"_s}) << Source::Sentry << true;
        QTest::newRow("sentry: self-hosted without url")
            << sentry(u"custom"_s, QString(), u"acme"_s, {u"web"_s}) << Source::Sentry << false;
        QTest::newRow("slack: needs only its secret") << nothing << Source::Slack << true;
        QTest::newRow("email: nothing") << nothing << Source::Email << false;
        QTest::newRow("email: complete") << email(u"smtp.example.com"_s, 587, u"a@example.com"_s, one) << Source::Email
                                         << true;
        QTest::newRow("email: no recipients")
            << email(u"smtp.example.com"_s, 587, u"a@example.com"_s, {}) << Source::Email << false;
        QTest::newRow("email: no sender")
            << email(u"smtp.example.com"_s, 587, QString(), one) << Source::Email << false;
        QTest::newRow("email: bad port") << email(u"smtp.example.com"_s, 0, u"a@example.com"_s, one) << Source::Email
                                         << false;
    }

    void isConfigured()
    {
        QFETCH(Configure, configure);
        QFETCH(Source, source);
        QFETCH(bool, expected);
        SettingsStore store(workspace());
        configure(store);
        QCOMPARE(store.isConfigured(source), expected);
    }

    void sentryRegions_data()
    {
        QTest::addColumn<QString>("region");
        QTest::addColumn<QUrl>("expected");
        QTest::newRow("us") << u"us"_s << QUrl(u"https://us.sentry.io"_s);
        QTest::newRow("de") << u"de"_s << QUrl(u"https://de.sentry.io"_s);
        QTest::newRow("us2") << u"us2"_s << QUrl(u"https://us2.sentry.io"_s);
        QTest::newRow("custom") << u"custom"_s << QUrl(u"https://sentry.example.com"_s);
        QTest::newRow("unknown") << u"eu"_s << QUrl();
    }

    void sentryRegions()
    {
        QFETCH(QString, region);
        QFETCH(QUrl, expected);
        SentrySettings s;
        s.region = region;
        s.baseUrl = QUrl(u"https://sentry.example.com"_s);
        QCOMPARE(s.apiBaseUrl(), expected);
    }

    void splitList_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("empty") << QString() << QStringList();
        QTest::newRow("commas") << u"a, b,c"_s << QStringList {u"a"_s, u"b"_s, u"c"_s};
        QTest::newRow("spaces and semicolons") << u" a b;c ,, a "_s << QStringList {u"a"_s, u"b"_s, u"c"_s};
    }

    void splitList()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, expected);
        QCOMPARE(Shipdeck::splitList(text), expected);
    }
};

QTEST_GUILESS_MAIN(TestSettingsStore)
#include "tst_settingsstore.moc"
