// The GitLab commands of shipdeck-cli against the sandbox, in-process through runGitLabCommand() (it runs
// QCoreApplication::exec() until its request has finished): flags, the configured connection, exit codes.
#include "gitlabcommands.h"
#include "sandboxprocess.h"
#include "settings/settingsstore.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

using namespace Shipdeck;
using namespace Shipdeck::Test;
using namespace Qt::Literals::StringLiterals;

class TestGitLabCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QString error;
        QVERIFY2(m_sandbox.start(QStringLiteral(SHIPDECK_SANDBOX_BINARY), {u"--quiet"_s}, &error), qPrintable(error));
    }

    void commands_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("token");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("stdoutContains");

        const QString good = u"GOOD"_s;
        QTest::newRow("pipelines") << u"pipelines"_s << QStringList {u"--ref"_s, u"main"_s, u"--limit"_s, u"3"_s}
                                   << good << 0 << u"running\tmain"_s;
        QTest::newRow("pipelines json") << u"pipelines"_s << QStringList {u"--status"_s, u"success"_s, u"--json"_s}
                                        << good << 0 << u"\"status\": \"success\""_s;
        QTest::newRow("environments") << u"environments"_s << QStringList() << good << 0 << u"production"_s;
        QTest::newRow("deployments") << u"deployments"_s
                                     << QStringList {u"--environment"_s, u"production"_s, u"--json"_s} << good << 0
                                     << u"\"environment\": \"production\""_s;
        QTest::newRow("jobs") << u"jobs"_s << QStringList {u"LATEST"_s} << good << 0 << u"build:\n"_s;
        QTest::newRow("jobs without id") << u"jobs"_s << QStringList() << good << 2 << QString();
        QTest::newRow("deployments without env") << u"deployments"_s << QStringList() << good << 2 << QString();
        QTest::newRow("bad limit") << u"pipelines"_s << QStringList {u"--limit"_s, u"x"_s} << good << 2 << QString();
        QTest::newRow("token on command line")
            << u"pipelines"_s << QStringList {u"--token"_s, u"x"_s} << good << 2 << QString();
        QTest::newRow("unknown option") << u"pipelines"_s << QStringList {u"--frobnicate"_s} << good << 2 << QString();
        QTest::newRow("no token") << u"pipelines"_s << QStringList() << QString() << 3 << QString();
        QTest::newRow("wrong token") << u"pipelines"_s << QStringList() << u"glpat-wrong"_s << 3 << QString();
        QTest::newRow("no such pipeline") << u"jobs"_s << QStringList {u"999999"_s} << good << 4 << QString();
        QTest::newRow("no such project") << u"environments"_s << QStringList {u"--project"_s, u"acme/nope"_s} << good
                                         << 4 << QString();
        QTest::newRow("server down") << u"environments"_s << QStringList {u"--gitlab-url"_s, u"http://127.0.0.1:1"_s}
                                     << good << 5 << QString();
    }
    void commands()
    {
        QFETCH(QString, command);
        QFETCH(QStringList, arguments);
        QFETCH(QString, token);
        QFETCH(int, exitCode);
        QFETCH(QString, stdoutContains);
        if (token == "GOOD"_L1)
            token = m_sandbox.value("gitlab_token");
        if (arguments.value(0) == "LATEST"_L1)
            arguments[0] = QString::number(latestPipeline());
        QStringList all = arguments;
        if (!all.contains(u"--gitlab-url"_s))
            all << u"--gitlab-url"_s << m_sandbox.gitlabUrl().toString();
        if (!all.contains(u"--project"_s))
            all << u"--project"_s << m_sandbox.value("gitlab_project");
        QProcessEnvironment environment;
        if (!token.isEmpty())
            environment.insert(u"SHIPDECK_GITLAB_TOKEN"_s, token);

        QString outText, errText;
        QTextStream out(&outText), err(&errText);
        const int code = runGitLabCommand(command, all, out, err, environment);
        out.flush();
        err.flush();
        QVERIFY2(code == exitCode, qPrintable(u"exit %1, stderr: %2"_s.arg(code).arg(errText)));
        if (exitCode == 0) {
            QVERIFY2(outText.contains(stdoutContains), qPrintable(outText));
            QVERIFY(errText.isEmpty());
            if (arguments.contains(u"--json"_s))
                QVERIFY(QJsonDocument::fromJson(outText.toUtf8()).isArray());
        } else {
            QVERIFY(outText.isEmpty());
            QCOMPARE(errText.count(u'\n'), 1); // one line
            QVERIFY(errText.startsWith(u"shipdeck-cli: "_s));
        }
        QVERIFY(!errText.contains(m_sandbox.value("gitlab_token")));
    }

    // The connection configured in the workspace (Settings → GitLab) is used where no flag is given; a flag
    // overrides its setting; without either there is no connection.
    void configuredConnection_data()
    {
        QTest::addColumn<QString>("settingsUrl"); // SANDBOX, DEAD (nothing listens) or a URL; empty: not configured
        QTest::addColumn<QString>("settingsProject"); // SANDBOX or a path
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("token"); // GOOD or a token; empty: none in the environment (the keychain is asked)
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("contains"); // in stdout on success, else in stderr

        const QString good = u"GOOD"_s;
        const QStringList pipelines {u"pipelines"_s, u"--ref"_s, u"main"_s, u"--limit"_s, u"3"_s};
        QTest::newRow("settings only") << u"SANDBOX"_s << u"SANDBOX"_s << pipelines << good << 0 << u"\tmain\t"_s;
        QTest::newRow("settings only, json")
            << u"SANDBOX"_s << u"SANDBOX"_s << QStringList {u"environments"_s, u"--json"_s} << good << 0
            << u"\"name\": \"production\""_s;
        QTest::newRow("--gitlab-url overrides the setting")
            << u"DEAD"_s << u"SANDBOX"_s << pipelines + QStringList {u"--gitlab-url"_s, u"SANDBOX"_s} << good << 0
            << u"\tmain\t"_s;
        QTest::newRow("the setting is used (dead server)")
            << u"DEAD"_s << u"SANDBOX"_s << pipelines << good << 5 << u"shipdeck-cli: "_s;
        QTest::newRow("--project overrides the setting")
            << u"SANDBOX"_s << u"acme/nope"_s << pipelines + QStringList {u"--project"_s, u"SANDBOX"_s} << good << 0
            << u"\tmain\t"_s;
        QTest::newRow("flag for an unknown project")
            << u"SANDBOX"_s << u"SANDBOX"_s << pipelines + QStringList {u"--project"_s, u"acme/nope"_s} << good << 4
            << u"shipdeck-cli: "_s;
        QTest::newRow("configured unknown project")
            << u"SANDBOX"_s << u"acme/nope"_s << pipelines << good << 4 << u"shipdeck-cli: "_s;
        QTest::newRow("bad token") << u"SANDBOX"_s << u"SANDBOX"_s << pipelines << u"glpat-wrong"_s << 3
                                   << u"shipdeck-cli: "_s;
        QTest::newRow("no token, keychain has none")
            << u"SANDBOX"_s << u"SANDBOX"_s << pipelines << QString() << 3 << u"SHIPDECK_GITLAB_TOKEN"_s;
        QTest::newRow("nothing configured, no flag")
            << QString() << QString() << pipelines << good << 2
            << u"shipdeck-cli: no GitLab connection: configure one in Shipdeck (Settings → GitLab) or pass "
               "--gitlab-url\n"_s;
        QTest::newRow("nothing configured, flags")
            << QString() << QString()
            << pipelines + QStringList {u"--gitlab-url"_s, u"SANDBOX"_s, u"--project"_s, u"SANDBOX"_s} << good << 0
            << u"\tmain\t"_s;
        QTest::newRow("configured URL, no project")
            << u"https://gitlab.example.com"_s << QString() << pipelines << good << 2 << u"--project"_s;
        QTest::newRow("invalid --gitlab-url")
            << u"SANDBOX"_s << u"SANDBOX"_s << pipelines + QStringList {u"--gitlab-url"_s, u"gitlab"_s} << good << 2
            << u"--gitlab-url"_s;
    }
    void configuredConnection()
    {
        QFETCH(QString, settingsUrl);
        QFETCH(QString, settingsProject);
        QFETCH(QStringList, arguments);
        QFETCH(QString, token);
        QFETCH(int, exitCode);
        QFETCH(QString, contains);
        auto resolve = [this](const QString &value) {
            if (value == "SANDBOX"_L1)
                return m_sandbox.gitlabUrl().toString();
            if (value == "DEAD"_L1)
                return u"http://127.0.0.1:1"_s;
            return value;
        };
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const Workspace workspace = Workspace::inDirectory(dir.path(), u"Shipdeck Test tst_gitlabcli"_s);
        QVERIFY(workspace.ensureExists());
        if (!settingsUrl.isEmpty() || !settingsProject.isEmpty()) {
            SettingsStore settings(workspace);
            GitLabSettings gitlab;
            if (!settingsUrl.isEmpty())
                gitlab.baseUrl = QUrl(resolve(settingsUrl));
            gitlab.project = settingsProject == "SANDBOX"_L1 ? m_sandbox.value("gitlab_project") : settingsProject;
            settings.setGitLab(gitlab);
        }
        for (qsizetype i = 1; i < arguments.size(); ++i) {
            if (arguments.at(i - 1) == "--gitlab-url"_L1)
                arguments[i] = resolve(arguments.at(i));
            else if (arguments.at(i - 1) == "--project"_L1 && arguments.at(i) == "SANDBOX"_L1)
                arguments[i] = m_sandbox.value("gitlab_project");
        }

        QString outText, errText;
        QTextStream out(&outText), err(&errText);
        GitLabCommandIo io;
        io.out = &out;
        io.err = &err;
        io.environment = QProcessEnvironment();
        if (!token.isEmpty())
            io.environment.insert(u"SHIPDECK_GITLAB_TOKEN"_s,
                                  token == "GOOD"_L1 ? m_sandbox.value("gitlab_token") : token);
        io.workspace = workspace;
        const int code = runGitLabCommand(arguments.first(), arguments.mid(1), io);
        out.flush();
        err.flush();
        QVERIFY2(code == exitCode, qPrintable(u"exit %1, stderr: %2"_s.arg(code).arg(errText)));
        if (exitCode == 0) {
            QVERIFY2(outText.contains(contains), qPrintable(outText));
            QVERIFY(errText.isEmpty());
        } else {
            QVERIFY(outText.isEmpty());
            QCOMPARE(errText.count(u'\n'), 1); // one line
            QVERIFY2(errText.startsWith(u"shipdeck-cli: "_s) && errText.contains(contains), qPrintable(errText));
        }
        QVERIFY(!errText.contains(m_sandbox.value("gitlab_token")));
    }

private:
    qint64 latestPipeline()
    {
        QString outText, errText;
        QTextStream out(&outText), err(&errText);
        QProcessEnvironment environment;
        environment.insert(u"SHIPDECK_GITLAB_TOKEN"_s, m_sandbox.value("gitlab_token"));
        runGitLabCommand(u"pipelines"_s,
                         {u"--limit"_s, u"1"_s, u"--json"_s, u"--gitlab-url"_s, m_sandbox.gitlabUrl().toString(),
                          u"--project"_s, m_sandbox.value("gitlab_project")},
                         out, err, environment);
        out.flush();
        return QJsonDocument::fromJson(outText.toUtf8()).array().at(0).toObject().value(u"id"_s).toInteger();
    }

    SandboxProcess m_sandbox;
};

QTEST_GUILESS_MAIN(TestGitLabCli)
#include "tst_gitlabcli.moc"
