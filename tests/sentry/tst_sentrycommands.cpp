// shipdeck-cli errors / health / verdict, in-process against the real sandbox: output, JSON, exit codes.
#include "sandboxhelper.h"
#include "sentrycommands.h"
#include "settings/settingsstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

using namespace Qt::Literals::StringLiterals;
using namespace Shipdeck;
using Shipdeck::Test::SentrySandbox;

class SentryCommandsTest : public QObject
{
    Q_OBJECT

    int run(const QStringList &args, QString *out, QString *err, const QString &token = QString())
    {
        QTextStream outStream(out), errStream(err);
        Cli::SentryCommandIo io;
        io.out = &outStream;
        io.err = &errStream;
        io.token = token.isNull() ? m_sandbox.token() : token;
        io.nam = &m_nam;
        return Cli::runSentryCommand(QStringList {u"shipdeck-cli"_s} + args + connection(), io);
    }

    /// Runs without the connection flags: with @p workspace (when set) and the sandbox's token unless @p token says
    /// otherwise ("" for none: the keychain is asked).
    int runIn(const std::optional<Workspace> &workspace, const QStringList &args, QString *out, QString *err,
              const QString &token = QString())
    {
        QTextStream outStream(out), errStream(err);
        Cli::SentryCommandIo io;
        io.out = &outStream;
        io.err = &errStream;
        io.token = token.isNull() ? m_sandbox.token() : token;
        io.nam = &m_nam;
        io.workspace = workspace;
        return Cli::runSentryCommand(QStringList {u"shipdeck-cli"_s} + args, io);
    }

    /// A workspace in m_dir whose Sentry settings point at the sandbox (org, project, environment production);
    /// @p org and @p project override them, @p thresholds are stored when set.
    Workspace configuredWorkspace(const QString &name, const QString &org = u"acme"_s,
                                  const QString &project = u"storefront"_s,
                                  const std::optional<VerdictThresholds> &thresholds = std::nullopt)
    {
        const Workspace workspace = Workspace::inDirectory(m_dir.filePath(name), u"Shipdeck Test tst_sentrycommands"_s);
        workspace.ensureExists();
        SettingsStore settings(workspace);
        SentrySettings sentry;
        sentry.region = u"custom"_s;
        sentry.baseUrl = m_sandbox.sentryUrl();
        sentry.organization = org;
        sentry.projects = {project};
        sentry.environment = u"production"_s;
        settings.setSentry(sentry);
        if (thresholds)
            settings.setThresholds(*thresholds);
        return workspace;
    }

    QStringList connection() const
    {
        return {u"--sentry-url"_s, m_sandbox.sentryUrl().toString(), u"--org"_s, u"acme"_s, u"--sentry-project"_s,
                u"storefront"_s};
    }

    QNetworkAccessManager m_nam;
    SentrySandbox m_sandbox;
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QString error;
        QVERIFY2(m_sandbox.start({}, &error), qPrintable(error));
        QVERIFY(m_sandbox.deployToProduction());
        m_sandbox.advance(40 * 60);
    }

    void exitCodes_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("token");
        QTest::addColumn<int>("code");
        QTest::newRow("no command") << QStringList {} << QString() << 2;
        QTest::newRow("unknown option") << QStringList {u"errors"_s, u"--bogus"_s} << QString() << 2;
        QTest::newRow("bad range") << QStringList {u"errors"_s, u"--range"_s, u"yesterday"_s} << QString() << 2;
        QTest::newRow("too many buckets")
            << QStringList {u"errors"_s, u"--range"_s, u"90d"_s, u"--interval"_s, u"1m"_s} << QString() << 2;
        QTest::newRow("verdict without previous")
            << QStringList {u"verdict"_s, u"--release"_s, u"1.7.0"_s} << QString() << 2;
        QTest::newRow("wrong token") << QStringList {u"errors"_s} << u"nope"_s << 3;
        QTest::newRow("unknown release") << QStringList {u"verdict"_s, u"--release"_s, u"9.9.9"_s, u"--previous"_s,
                                                         u"1.6.1"_s}
                                         << QString() << 4;
    }

    void exitCodes()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, token);
        QFETCH(int, code);
        QString out, err;
        QCOMPARE(run(args, &out, &err, token), code);
        QCOMPARE(err.count(u'\n'), 1); // one line
        QVERIFY(err.startsWith(u"shipdeck-cli: "_s));
    }

    void errorsJson()
    {
        QString out, err;
        QCOMPARE(run({u"errors"_s, u"--release"_s, u"1.7.0"_s, u"--environment"_s, u"production"_s, u"--range"_s,
                      u"2h"_s, u"--interval"_s, u"10m"_s, u"--json"_s},
                     &out, &err),
                 0);
        const QJsonObject root = QJsonDocument::fromJson(out.toUtf8()).object();
        QCOMPARE(root.value(u"interval_seconds"_s).toInt(), 600);
        const QJsonArray samples = root.value(u"series"_s).toArray().at(0).toObject().value(u"samples"_s).toArray();
        QVERIFY(samples.size() >= 12);
        QVERIFY(samples.at(samples.size() - 2).toObject().value(u"count"_s).toDouble() > 0);
    }

    void health()
    {
        QString out, err;
        QCOMPARE(run({u"health"_s, u"--environment"_s, u"production"_s, u"--range"_s, u"1h"_s}, &out, &err), 0);
        QVERIFY2(out.contains(u"storefront@1.7.0"_s), qPrintable(out));
        QVERIFY(out.contains(u"crash-free sessions"_s));
    }

    void verdict()
    {
        QString out, err;
        QCOMPARE(run({u"verdict"_s, u"--release"_s, u"1.7.0"_s, u"--previous"_s, u"1.6.1"_s, u"--environment"_s,
                      u"production"_s, u"--json"_s},
                     &out, &err),
                 0);
        const QJsonObject root = QJsonDocument::fromJson(out.toUtf8()).object();
        qInfo().noquote() << root.value(u"summary"_s).toString();
        QVERIFY2(root.value(u"ratio"_s).toDouble() > 3, qPrintable(out));
        QCOMPARE(root.value(u"level"_s).toString(), u"critical"_s);
        QVERIFY(root.value(u"summary"_s).toString().startsWith(u"storefront@1.7.0: "_s));
        QVERIFY(root.value(u"summary"_s).toString().contains(u"x the error rate of storefront@1.6.1 since deploy"_s));
        // The default thresholds were used, and the JSON says so.
        const QJsonObject thresholds = root.value(u"thresholds"_s).toObject();
        QCOMPARE(thresholds.value(u"max_errors_per_minute"_s).toDouble(), VerdictThresholds().maxErrorsPerMinute);
        QCOMPARE(thresholds.value(u"max_ratio"_s).toDouble(), VerdictThresholds().maxRatio);
        QCOMPARE(thresholds.value(u"crash_free_floor"_s).toDouble(), VerdictThresholds().crashFreeFloor);
    }

    // The configured connection (Settings → Sentry) is used where no flag is given; a flag overrides its setting.
    void configuredConnection_data()
    {
        QTest::addColumn<QString>("settingsOrg"); // empty: nothing configured
        QTest::addColumn<QString>("settingsProject");
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("token"); // null: the sandbox's; empty: none (the keychain is asked)
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("stderrContains");
        const QStringList errors {u"errors"_s, u"--release"_s, u"1.7.0"_s, u"--range"_s, u"1h"_s, u"--json"_s};
        QTest::newRow("settings only") << u"acme"_s << u"storefront"_s << errors << QString() << 0 << QString();
        QTest::newRow("--org overrides the setting")
            << u"nope"_s << u"storefront"_s << errors + QStringList {u"--org"_s, u"acme"_s} << QString() << 0
            << QString();
        QTest::newRow("--sentry-project overrides the setting")
            << u"acme"_s << u"nope"_s << errors + QStringList {u"--sentry-project"_s, u"storefront"_s} << QString() << 0
            << QString();
        QTest::newRow("--sentry-url overrides the setting")
            << u"acme"_s << u"storefront"_s << errors + QStringList {u"--sentry-url"_s, u"http://127.0.0.1:1"_s}
            << QString() << 5 << QString();
        QTest::newRow("configured unknown organization")
            << u"nope"_s << u"storefront"_s << errors << QString() << 4 << QString();
        QTest::newRow("bad token") << u"acme"_s << u"storefront"_s << errors << u"nope"_s << 3 << QString();
        QTest::newRow("no token, keychain has none")
            << u"acme"_s << u"storefront"_s << errors << u""_s << 3 << u"SHIPDECK_SENTRY_TOKEN"_s;
        QTest::newRow("nothing configured, no flag")
            << QString() << QString() << errors << QString() << 2
            << u"shipdeck-cli: no Sentry connection: configure one in Shipdeck (Settings → Sentry) or pass "
               "--sentry-url\n"_s;
        QTest::newRow("token on the command line")
            << u"acme"_s << u"storefront"_s << errors + QStringList {u"--token"_s, u"x"_s} << QString() << 2
            << u"SHIPDECK_SENTRY_TOKEN"_s;
    }

    void configuredConnection()
    {
        QFETCH(QString, settingsOrg);
        QFETCH(QString, settingsProject);
        QFETCH(QStringList, args);
        QFETCH(QString, token);
        QFETCH(int, code);
        QFETCH(QString, stderrContains);
        const QString name = QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-');
        const Workspace workspace = settingsOrg.isEmpty()
            ? Workspace::inDirectory(m_dir.filePath(name), u"Shipdeck Test tst_sentrycommands"_s)
            : configuredWorkspace(name, settingsOrg, settingsProject);
        QString out, err;
        QCOMPARE(runIn(workspace, args, &out, &err, token), code);
        if (code != 0) {
            QCOMPARE(err.count(u'\n'), 1); // one line
            QVERIFY2(err.startsWith(u"shipdeck-cli: "_s) && err.contains(stderrContains), qPrintable(err));
            return;
        }
        QVERIFY2(err.isEmpty(), qPrintable(err));
        // The same answer as with every flag given: the settings' server, organization, project and environment.
        QString flagged, flaggedErr;
        const QStringList withoutOverrides = args.mid(0, 6); // the command, without the connection flags
        QCOMPARE(run(withoutOverrides + QStringList {u"--environment"_s, u"production"_s}, &flagged, &flaggedErr), 0);
        QCOMPARE(out, flagged);
        QVERIFY(QJsonDocument::fromJson(out.toUtf8()).object().value(u"series"_s).toArray().size() > 0);
    }

    // The configured environment is the default; --environment overrides it.
    void configuredEnvironment()
    {
        const Workspace workspace = configuredWorkspace(u"environment"_s);
        const QStringList errors {u"errors"_s, u"--release"_s, u"1.7.0"_s, u"--range"_s, u"1h"_s, u"--json"_s};
        QString configured, err;
        QCOMPARE(runIn(workspace, errors, &configured, &err), 0);
        QString staging;
        QCOMPARE(runIn(workspace, errors + QStringList {u"--environment"_s, u"staging"_s}, &staging, &err), 0);
        QString production;
        QCOMPARE(run(errors + QStringList {u"--environment"_s, u"production"_s}, &production, &err), 0);
        QCOMPARE(configured, production);
        QVERIFY(staging != production); // the deploy to production is what the errors follow
    }

    // verdict judges with the thresholds configured for the Error rates pane, each overridable by a flag.
    void verdictThresholds_data()
    {
        QTest::addColumn<bool>("lenientSettings");
        QTest::addColumn<QStringList>("flags");
        QTest::addColumn<QStringList>("levels"); // any of these
        QTest::addColumn<double>("maxErrors"); // expected in the JSON
        QTest::addColumn<double>("maxRatio");
        QTest::addColumn<double>("crashFreeFloor");
        const VerdictThresholds defaults;
        QTest::newRow("configured defaults")
            << false << QStringList() << QStringList {u"critical"_s} << defaults.maxErrorsPerMinute << defaults.maxRatio
            << defaults.crashFreeFloor;
        QTest::newRow("configured lenient")
            << true << QStringList() << QStringList {u"healthy"_s} << 1e6 << 1000.0 << 0.5;
        QTest::newRow("flags lenient") << false << QStringList {u"--max-errors"_s,       u"1000000"_s,
                                                                u"--max-ratio"_s,        u"1000"_s,
                                                                u"--crash-free-floor"_s, u"50"_s}
                                       << QStringList {u"healthy"_s} << 1e6 << 1000.0 << 0.5;
        QTest::newRow("flag overrides one setting") << true << QStringList {u"--max-ratio"_s, u"1.5"_s}
                                                    << QStringList {u"warning"_s, u"critical"_s} << 1e6 << 1.5 << 0.5;
        QTest::newRow("strict flags over lenient settings")
            << true
            << QStringList {u"--max-errors"_s, u"1"_s, u"--max-ratio"_s, u"1.5"_s, u"--crash-free-floor"_s, u"98"_s}
            << QStringList {u"critical"_s} << 1.0 << 1.5 << 0.98;
    }

    void verdictThresholds()
    {
        QFETCH(bool, lenientSettings);
        QFETCH(QStringList, flags);
        QFETCH(QStringList, levels);
        QFETCH(double, maxErrors);
        QFETCH(double, maxRatio);
        QFETCH(double, crashFreeFloor);
        VerdictThresholds lenient;
        lenient.maxErrorsPerMinute = 1e6;
        lenient.maxRatio = 1000;
        lenient.crashFreeFloor = 0.5;
        const QString name = u"verdict-"_s + QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-');
        const Workspace workspace = configuredWorkspace(name, u"acme"_s, u"storefront"_s,
                                                        lenientSettings ? std::optional(lenient) : std::nullopt);
        QString out, err;
        QCOMPARE(runIn(workspace,
                       QStringList {u"verdict"_s, u"--release"_s, u"1.7.0"_s, u"--previous"_s, u"1.6.1"_s, u"--json"_s}
                           + flags,
                       &out, &err),
                 0);
        const QJsonObject root = QJsonDocument::fromJson(out.toUtf8()).object();
        QVERIFY2(levels.contains(root.value(u"level"_s).toString()), qPrintable(out));
        const QJsonObject thresholds = root.value(u"thresholds"_s).toObject();
        QCOMPARE(thresholds.value(u"max_errors_per_minute"_s).toDouble(), maxErrors);
        QCOMPARE(thresholds.value(u"max_ratio"_s).toDouble(), maxRatio);
        QCOMPARE(thresholds.value(u"crash_free_floor"_s).toDouble(), crashFreeFloor);
    }

    void invalidThresholds_data()
    {
        QTest::addColumn<QStringList>("flags");
        QTest::addColumn<QString>("option");
        QTest::newRow("not a number") << QStringList {u"--max-ratio"_s, u"x"_s} << u"--max-ratio"_s;
        QTest::newRow("ratio too low") << QStringList {u"--max-ratio"_s, u"1"_s} << u"--max-ratio"_s;
        QTest::newRow("negative errors") << QStringList {u"--max-errors"_s, u"-1"_s} << u"--max-errors"_s;
        QTest::newRow("nan errors") << QStringList {u"--max-errors"_s, u"nan"_s} << u"--max-errors"_s;
        QTest::newRow("floor as a fraction")
            << QStringList {u"--crash-free-floor"_s, u"0.98"_s} << u"--crash-free-floor"_s;
        QTest::newRow("floor over 100") << QStringList {u"--crash-free-floor"_s, u"101"_s} << u"--crash-free-floor"_s;
        QTest::newRow("empty") << QStringList {u"--max-errors"_s, u""_s} << u"--max-errors"_s;
    }

    void invalidThresholds()
    {
        QFETCH(QStringList, flags);
        QFETCH(QString, option);
        QString out, err;
        QCOMPARE(run(QStringList {u"verdict"_s, u"--release"_s, u"1.7.0"_s, u"--previous"_s, u"1.6.1"_s} + flags, &out,
                     &err),
                 2);
        QVERIFY(out.isEmpty());
        QCOMPARE(err.count(u'\n'), 1);
        QVERIFY2(err.startsWith(u"shipdeck-cli: Invalid "_s + option), qPrintable(err));
    }
};

QTEST_GUILESS_MAIN(SentryCommandsTest)
#include "tst_sentrycommands.moc"
