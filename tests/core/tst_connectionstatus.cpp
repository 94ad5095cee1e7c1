#include "services/connectionstatus.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Shipdeck;

class TestConnectionStatus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void transitions_data()
    {
        QTest::addColumn<QStringList>("steps");
        QTest::addColumn<ConnectionStatus::State>("expected");
        QTest::addColumn<QString>("textContains");
        using S = ConnectionStatus::State;
        QTest::newRow("fresh") << QStringList {} << S::NotConfigured << QStringLiteral("not configured");
        QTest::newRow("configured") << QStringList {QStringLiteral("configure")} << S::Connecting
                                                                                 << QStringLiteral("connecting");
        QTest::newRow("live") << QStringList {QStringLiteral("configure"), QStringLiteral("live")}
                                                             << S::Live << QStringLiteral("live");
        QTest::newRow("error before data") << QStringList {QStringLiteral("configure"), QStringLiteral("fail")}
                                                                          << S::Error << QStringLiteral("HTTP 502");
        QTest::newRow("stale after data") << QStringList {QStringLiteral("configure"), QStringLiteral("live"), QStringLiteral("fail")} << S::Stale << QStringLiteral("stale since");
        QTest::newRow("recovers") << QStringList {
            QStringLiteral("configure"),
                           QStringLiteral("live"),
                                          QStringLiteral("fail"),
                                                         QStringLiteral("connect"), QStringLiteral("live")}
                                                                        << S::Live << QStringLiteral("live");
        QTest::newRow("refresh keeps stale")
            << QStringList {QStringLiteral("configure"),
                                           QStringLiteral("live"),
                                                          QStringLiteral("fail"), QStringLiteral("connect")}
                                                                         << S::Stale << QStringLiteral("HTTP 502");
        QTest::newRow("unconfigured forgets")
            << QStringList {QStringLiteral("configure"),
                                           QStringLiteral("live"), QStringLiteral("unconfigure")}
                                                          << S::NotConfigured << QStringLiteral("not configured");
    }
    void transitions()
    {
        QFETCH(QStringList, steps);
        QFETCH(ConnectionStatus::State, expected);
        QFETCH(QString, textContains);
        ConnectionStatus status(Source::GitLab);
        for (const QString &step : steps) {
            if (step == QLatin1StringView("configure"))
                status.setConfigured(true);
            else if (step == QLatin1StringView("unconfigure"))
                status.setConfigured(false);
            else if (step == QLatin1StringView("connect"))
                status.setConnecting();
            else if (step == QLatin1StringView("live"))
                status.setLive();
            else if (step == QLatin1StringView("fail"))
                status.setFailed(QStringLiteral("The server had an error (HTTP 502)."));
        }
        QCOMPARE(status.state(), expected);
        QVERIFY2(status.text().contains(textContains), qPrintable(status.text()));
        QVERIFY(status.text().startsWith(QStringLiteral("GitLab: ")));
    }

    void sendOnlySourcesAreReady_data()
    {
        QTest::addColumn<Source>("source");
        QTest::addColumn<ConnectionStatus::State>("expected");
        QTest::newRow("gitlab") << Source::GitLab << ConnectionStatus::State::Connecting;
        QTest::newRow("sentry") << Source::Sentry << ConnectionStatus::State::Connecting;
        QTest::newRow("slack") << Source::Slack << ConnectionStatus::State::Ready;
        QTest::newRow("email") << Source::Email << ConnectionStatus::State::Ready;
    }
    void sendOnlySourcesAreReady()
    {
        QFETCH(Source, source);
        QFETCH(ConnectionStatus::State, expected);
        ConnectionStatus status(source);
        status.setConfigured(true);
        QCOMPARE(status.state(), expected);
    }

    void changedIsEmittedOncePerTransition()
    {
        ConnectionStatus status(Source::Sentry);
        QSignalSpy changed(&status, &ConnectionStatus::changed);
        status.setConfigured(true);
        QCOMPARE(changed.size(), 1);
        status.setConnecting(); // already connecting
        QCOMPARE(changed.size(), 1);
        status.setLive();
        QCOMPARE(changed.size(), 2);
        status.setFailed(QStringLiteral("timeout"));
        QCOMPARE(changed.size(), 3);
        QVERIFY(status.lastSuccess().isValid());
    }
};

QTEST_GUILESS_MAIN(TestConnectionStatus)
#include "tst_connectionstatus.moc"
