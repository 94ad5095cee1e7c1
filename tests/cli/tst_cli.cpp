// shipdeck-cli as a script sees it: exit codes, stdout and stderr of the real binary.
#include "services/releasemanager.h"
#include "settings/workspace.h"
#include "storage/database.h"

#include "sandboxprocess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Shipdeck;

class TestCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;

    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };

    Run run(const QStringList &arguments, const QString &gitlabToken = {})
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("SHIPDECK_GITLAB_TOKEN"));
        if (!gitlabToken.isEmpty())
            env.insert(QStringLiteral("SHIPDECK_GITLAB_TOKEN"), gitlabToken);
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(SHIPDECK_CLI), arguments);
        if (!process.waitForFinished(30000))
            return {};
        return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void exitCodes_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QByteArray>("stdoutContains");
        QTest::addColumn<QByteArray>("stderrContains");
        QTest::newRow("help") << QStringList {QStringLiteral("--help")}
                                              << 0 << QByteArrayLiteral("Exit codes") << QByteArray();
        QTest::newRow("version") << QStringList {QStringLiteral("--version")}
                                                 << 0 << QByteArrayLiteral("shipdeck-cli ") << QByteArray();
        QTest::newRow("no command") << QStringList {} << 2 << QByteArray() << QByteArrayLiteral("No command given");
        QTest::newRow("unknown command") << QStringList {QStringLiteral("frobnicate")}
                                                         << 2 << QByteArray() << QByteArrayLiteral("Unknown command");
        QTest::newRow("unknown option") << QStringList {QStringLiteral("--frobnicate")}
                                                        << 2 << QByteArray() << QByteArrayLiteral("frobnicate");
        QTest::newRow("empty workspace") << QStringList {QStringLiteral("releases")}
                                                         << 0 << QByteArrayLiteral("No releases.") << QByteArray();
        QTest::newRow("empty workspace json") << QStringList {QStringLiteral("releases"), QStringLiteral("--json")}
                                                                             << 0
                                                                             << QByteArrayLiteral("[") << QByteArray();
    }
    void exitCodes()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QByteArray, stdoutContains);
        QFETCH(QByteArray, stderrContains);
        const Run result = run(arguments);
        QCOMPARE(result.exitCode, exitCode);
        QVERIFY2(result.out.contains(stdoutContains), result.out.constData());
        QVERIFY2(result.err.contains(stderrContains), result.err.constData());
        if (exitCode != 0)
            QCOMPARE(result.err.count('\n'), 1); // one line on stderr
    }

    // The CLI reads what the app wrote, from the same store, and prints JSON a script can use.
    void releasesAsJson()
    {
        const QString dataDir = m_home.filePath(QStringLiteral("data/Shipdeck/shipdeck/demo"));
        const Workspace demo = Workspace::inDirectory(dataDir, QStringLiteral("x"));
        QVERIFY(demo.ensureExists());
        {
            Database db(demo.databasePath());
            db.open().waitForFinished();
            ReleaseManager manager(&db);
            Release r;
            r.version = QStringLiteral("2.4.0");
            r.title = QStringLiteral("Onboarding \"quoted\"");
            r.plannedStart = QDateTime(QDate(2026, 12, 1), QTime(10, 0), QTimeZone("Europe/Berlin"));
            r.environments = {QStringLiteral("staging"), QStringLiteral("production")};
            r.status = ReleaseStatus::Scheduled;
            QVERIFY(!manager.addRelease(r).isEmpty());
        }
        const Run result = run({QStringLiteral("--demo"), QStringLiteral("releases"), QStringLiteral("--json")});
        QCOMPARE(result.exitCode, 0);
        QJsonParseError error;
        const QJsonArray releases = QJsonDocument::fromJson(result.out, &error).array();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(releases.size(), 1);
        const QJsonObject release = releases.first().toObject();
        QCOMPARE(release.value(QStringLiteral("version")).toString(), QStringLiteral("2.4.0"));
        QCOMPARE(release.value(QStringLiteral("title")).toString(), QStringLiteral("Onboarding \"quoted\""));
        QCOMPARE(release.value(QStringLiteral("status")).toString(), QStringLiteral("scheduled"));
        QCOMPARE(release.value(QStringLiteral("time_zone")).toString(), QStringLiteral("Europe/Berlin"));
        QCOMPARE(release.value(QStringLiteral("planned_start")).toString(),
                               QStringLiteral("2026-12-01T10:00:00+01:00"));
        QCOMPARE(release.value(QStringLiteral("environments")).toArray().size(), 2);
    }

    // The GitLab commands through the real binary, against the sandbox: JSON out, the token only from the
    // environment, the documented exit codes.
    void gitlabCommandsAgainstTheSandbox()
    {
        Test::SandboxProcess sandbox;
        QString error;
        QVERIFY2(sandbox.start(QStringLiteral(SHIPDECK_SANDBOX_BINARY), {}, &error), qPrintable(error));
        const QStringList connection {QStringLiteral("--gitlab-url"), sandbox.value("gitlab_url"),
                                                     QStringLiteral("--project"), sandbox.value("gitlab_project")};
        const QString token = sandbox.value("gitlab_token");

        Run result = run(QStringList {QStringLiteral("pipelines"), QStringLiteral("--json")} + connection, token);
        QCOMPARE(result.exitCode, 0);
        const QJsonArray pipelines = QJsonDocument::fromJson(result.out).array();
        QVERIFY(!pipelines.isEmpty());
        QVERIFY(pipelines.first().toObject().contains(QStringLiteral("status")));

        result = run(QStringList {QStringLiteral("environments")} + connection, token);
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.contains("production"));

        result = run(QStringList {QStringLiteral("pipelines")} + connection); // no token
        QCOMPARE(result.exitCode, 3);
        QCOMPARE(result.err.count('\n'), 1);

        result = run(QStringList {QStringLiteral("pipelines")} + connection, QStringLiteral("wrong"));
        QCOMPARE(result.exitCode, 3);

        result = run(QStringList {QStringLiteral("jobs"), QStringLiteral("999999")} + connection, token);
        QCOMPARE(result.exitCode, 4);

        result = run(QStringList {QStringLiteral("deployments")} + connection, token); // --environment missing
        QCOMPARE(result.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
