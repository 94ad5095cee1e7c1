// shipdeck-cli errors / health / verdict, in-process against the real sandbox: output, JSON, exit codes.
#include "sandboxhelper.h"
#include "sentrycommands.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QStandardPaths>
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

    QStringList connection() const
    {
        return {u"--sentry-url"_s, m_sandbox.sentryUrl().toString(), u"--org"_s, u"acme"_s, u"--sentry-project"_s,
                u"storefront"_s};
    }

    QNetworkAccessManager m_nam;
    SentrySandbox m_sandbox;

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
    }
};

QTEST_GUILESS_MAIN(SentryCommandsTest)
#include "tst_sentrycommands.moc"
