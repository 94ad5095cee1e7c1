#include "secretscan.h"

#include "settings/connectionsettings.h"
#include "settings/secretstore.h"
#include "settings/settingsstore.h"
#include "settings/workspace.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Shipdeck;

namespace {
const QString service = u"Shipdeck Test tst_secretstore"_s;
}

class TestSecretStore : public QObject
{
    Q_OBJECT

private:
    /// Reads one key so the store finds out whether a keychain is there; skips when one is (a developer desktop).
    static bool detectSessionOnly(SecretStore &store)
    {
        QSignalSpy readSpy(&store, &SecretStore::secretRead);
        store.read(SecretStore::Key::GitLabToken);
        if (!readSpy.wait(30000))
            return false;
        return !store.isPersistent();
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void keyNames_data()
    {
        QTest::addColumn<SecretStore::Key>("key");
        QTest::addColumn<QString>("name");
        QTest::addColumn<Source>("source");
        QTest::newRow("gitlab") << SecretStore::Key::GitLabToken << u"gitlab/token"_s << Source::GitLab;
        QTest::newRow("sentry") << SecretStore::Key::SentryToken << u"sentry/token"_s << Source::Sentry;
        QTest::newRow("slack") << SecretStore::Key::SlackWebhook << u"slack/webhook"_s << Source::Slack;
        QTest::newRow("email") << SecretStore::Key::EmailPassword << u"email/password"_s << Source::Email;
    }

    void keyNames()
    {
        QFETCH(SecretStore::Key, key);
        QFETCH(QString, name);
        QFETCH(Source, source);
        QCOMPARE(SecretStore::keyName(key), name);
        QCOMPARE(SecretStore::keyFor(source), key);
    }

    void sessionOnlyModeIsDetected()
    {
        SecretStore store(service);
        QVERIFY(store.isPersistent()); // optimistic until the keychain answers
        QVERIFY(store.backendMessage().isEmpty());
        QSignalSpy availability(&store, &SecretStore::backendAvailabilityChanged);
        QSignalSpy readSpy(&store, &SecretStore::secretRead);

        store.read(SecretStore::Key::SentryToken);
        QVERIFY(readSpy.wait(30000));
        if (store.isPersistent())
            QSKIP("A keychain service is available here; session-only mode cannot be observed.");

        QCOMPARE(availability.count(), 1);
        QCOMPARE(availability.at(0).at(0).toBool(), false);
        QCOMPARE(readSpy.count(), 1);
        QCOMPARE(readSpy.at(0).at(0).value<SecretStore::Key>(), SecretStore::Key::SentryToken);
        QVERIFY(readSpy.at(0).at(1).toString().isEmpty());
        QVERIFY(readSpy.at(0).at(2).toString().isEmpty()); // not an error: the secret is just not set
        QVERIFY(store.backendMessage().contains(u"No keychain service"_s));
        QVERIFY(!store.backendError().isEmpty());

        // Detected once only.
        store.read(SecretStore::Key::GitLabToken);
        QVERIFY(readSpy.wait());
        QCOMPARE(availability.count(), 1);
    }

    void writeDetectsSessionOnlyMode()
    {
        SecretStore store(service);
        QSignalSpy availability(&store, &SecretStore::backendAvailabilityChanged);
        QSignalSpy written(&store, &SecretStore::secretWritten);
        store.write(SecretStore::Key::EmailPassword, u"pw-first-write"_s);
        QCOMPARE(store.cachedSecret(SecretStore::Key::EmailPassword), u"pw-first-write"_s); // at once
        QVERIFY(written.wait(30000));
        if (store.isPersistent()) {
            store.remove(SecretStore::Key::EmailPassword);
            QSKIP("A keychain service is available here; session-only mode cannot be observed.");
        }
        QCOMPARE(availability.count(), 1);
        QVERIFY(written.at(0).at(1).toString().isEmpty()); // kept for the session: not an error
        QCOMPARE(store.cachedSecret(SecretStore::Key::EmailPassword), u"pw-first-write"_s);
    }

    void valuesAreKeptInMemory()
    {
        SecretStore store(service);
        if (!detectSessionOnly(store))
            QSKIP("A keychain service is available here; session-only mode cannot be observed.");
        QVERIFY(store.isCached(SecretStore::Key::SlackWebhook)); // memory is the whole truth now

        QSignalSpy written(&store, &SecretStore::secretWritten);
        QSignalSpy readSpy(&store, &SecretStore::secretRead);
        QSignalSpy removed(&store, &SecretStore::secretRemoved);

        store.write(SecretStore::Key::SlackWebhook, u"https://hooks.slack.com/services/T0/B0/abc"_s);
        QCOMPARE(written.count(), 0); // never synchronous
        QVERIFY(written.wait());
        QCOMPARE(written.at(0).at(0).value<SecretStore::Key>(), SecretStore::Key::SlackWebhook);
        QVERIFY(written.at(0).at(1).toString().isEmpty());
        QVERIFY(store.hasSecret(SecretStore::Key::SlackWebhook));

        store.read(SecretStore::Key::SlackWebhook);
        QVERIFY(readSpy.wait());
        QCOMPARE(readSpy.at(0).at(1).toString(), u"https://hooks.slack.com/services/T0/B0/abc"_s);

        store.remove(SecretStore::Key::SlackWebhook);
        QVERIFY(!store.hasSecret(SecretStore::Key::SlackWebhook));
        QVERIFY(removed.wait());
        QVERIFY(removed.at(0).at(1).toString().isEmpty());

        store.write(SecretStore::Key::GitLabToken, u"tok"_s);
        store.write(SecretStore::Key::GitLabToken, QString()); // empty: removes
        QVERIFY(!store.hasSecret(SecretStore::Key::GitLabToken));
        QTRY_COMPARE(written.count(), 3);

        // Other keys are unaffected, and a new process (store) starts empty.
        SecretStore fresh(service);
        QVERIFY(!fresh.isCached(SecretStore::Key::SlackWebhook));
        QVERIFY(fresh.cachedSecret(SecretStore::Key::SlackWebhook).isEmpty());
    }

    /// THE SECRET RULE: secrets never reach a file, whatever is configured.
    void secretsNeverReachDisk()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const Workspace workspace = Workspace::inDirectory(dir.path(), service);
        const QStringList secrets = {
            u"glpat-SECRET-gitlab-7f3a9c"_s,
            u"sntryu_SECRET-sentry-51be02"_s,
            u"https://hooks.slack.com/services/T000/B000/SECRETslack9d"_s,
            u"SECRET-smtp-password-e4c1"_s,
        };

        {
            SettingsStore settings(workspace);
            GitLabSettings gitLab;
            gitLab.project = u"group/app"_s;
            settings.setGitLab(gitLab);
            SentrySettings sentry;
            sentry.organization = u"acme-org-marker"_s;
            sentry.projects = {u"web"_s};
            settings.setSentry(sentry);
            SlackSettings slack;
            slack.channelLabel = u"#releases"_s;
            settings.setSlack(slack);
            EmailSettings email;
            email.host = u"smtp.example.com"_s;
            email.user = u"robot"_s;
            email.sender = u"a@example.com"_s;
            email.recipients = {u"b@example.com"_s};
            settings.setEmail(email);

            SecretStore store(workspace.keychainService());
            QSignalSpy written(&store, &SecretStore::secretWritten);
            int i = 0;
            for (SecretStore::Key key : SecretStore::allKeys)
                store.write(key, secrets.at(i++));
            QTRY_COMPARE_WITH_TIMEOUT(written.count(), 4, 30000);
            for (const auto &args : written)
                QVERIFY2(args.at(1).toString().isEmpty(), qPrintable(args.at(1).toString()));
            i = 0;
            for (SecretStore::Key key : SecretStore::allKeys)
                QCOMPARE(store.cachedSecret(key), secrets.at(i++));

            QSignalSpy readSpy(&store, &SecretStore::secretRead);
            store.readAll();
            QTRY_COMPARE_WITH_TIMEOUT(readSpy.count(), 4, 30000);

            if (store.isPersistent()) { // a real keychain: leave it as it was
                QSignalSpy removed(&store, &SecretStore::secretRemoved);
                for (SecretStore::Key key : SecretStore::allKeys)
                    store.remove(key);
                QTRY_COMPARE_WITH_TIMEOUT(removed.count(), 4, 30000);
            }
        }

        int scanned = 0;
        const QStringList hits
            = Test::filesContainingSecrets(Test::secretScanDirectories({dir.path()}), secrets, &scanned);
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u'\n')));

        // The scan did look at the settings, which hold the non-secret values.
        QVERIFY(scanned >= 1);
        QFile file(workspace.settingsPath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("acme-org-marker"));
    }
};

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
