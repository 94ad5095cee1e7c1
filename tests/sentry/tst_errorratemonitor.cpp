// ErrorRateMonitor against the real sandbox: live cycles, every fault kind → stale with a worded reason, last data
// kept, backoff, recovery; partial data; request counting.
#include "sandboxhelper.h"
#include "sentry/errorratemonitor.h"
#include "services/connectionstatus.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace std::chrono_literals;
using namespace Shipdeck;
using Shipdeck::Test::SentrySandbox;
using State = ConnectionStatus::State;

class ErrorRateMonitorTest : public QObject
{
    Q_OBJECT

    struct Fixture
    {
        Fixture(QNetworkAccessManager *nam, SentrySandbox &sandbox)
            : client(nam, sandbox.sentryUrl(), u"acme"_s, sandbox.token())
            , status(Source::Sentry)
            , monitor(&client, &status)
        {
            client.setRetryPolicy(RetryPolicy {1, 10ms, 10ms}); // the monitor backs off itself
            client.setTimeout(1500ms);
            monitor.setProjects({u"storefront"_s});
            monitor.setEnvironment(u"production"_s);
            monitor.setReleases(u"storefront@1.7.0"_s, u"storefront@1.6.1"_s);
            monitor.setRange(3600);
            monitor.setPollInterval(50ms);
            monitor.setBackoff(100ms, 400ms);
        }
        SentryClient client;
        ConnectionStatus status;
        ErrorRateMonitor monitor;
    };

    QNetworkAccessManager m_nam;
    SentrySandbox m_sandbox;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QString error;
        QVERIFY2(m_sandbox.start({}, &error), qPrintable(error));
        QVERIFY(m_sandbox.deployToProduction());
        m_sandbox.advance(20 * 60);
    }

    void cleanup() { m_sandbox.clearFaults(); }

    void pollIntervalFollowsRange_data()
    {
        QTest::addColumn<qint64>("range");
        QTest::addColumn<qint64>("seconds");
        QTest::newRow("15m") << qint64(900) << qint64(60);
        QTest::newRow("1h") << qint64(3600) << qint64(60);
        QTest::newRow("24h") << qint64(86400) << qint64(300);
        QTest::newRow("14d") << qint64(14 * 86400) << qint64(300);
    }

    void pollIntervalFollowsRange()
    {
        QFETCH(qint64, range);
        QFETCH(qint64, seconds);
        QCOMPARE(ErrorRateMonitor::pollIntervalFor(range).count(), seconds * 1000);
    }

    void liveCyclesOneRequestAtATime()
    {
        Fixture f(&m_nam, m_sandbox);
        QSignalSpy cycles(&f.monitor, &ErrorRateMonitor::cycleFinished);
        QSignalSpy updated(&f.monitor, &ErrorRateMonitor::updated);
        f.monitor.start();
        QTRY_VERIFY_WITH_TIMEOUT(cycles.size() >= 3, 20000);
        QCOMPARE(f.status.state(), State::Live);
        QVERIFY(!f.monitor.isPartial());
        QVERIFY(f.monitor.errors().find(u"storefront@1.7.0"_s));
        QVERIFY(f.monitor.sessions().find(u"storefront@1.7.0"_s));
        // Three requests per cycle (the releases, the total, sessions), never overlapping.
        QCOMPARE(f.monitor.requestCount(), 3 * qint64(cycles.size()));
        // The total counts every release: at least the current one's, bucket by bucket.
        QCOMPARE(f.monitor.total().series.size(), 1);
        const SentrySeries &total = f.monitor.total().series.first();
        QVERIFY(total.release.isEmpty());
        const SentrySeries *current = f.monitor.errors().find(u"storefront@1.7.0"_s);
        QVERIFY(current && !current->samples.isEmpty());
        for (const ErrorSample &sample : current->samples) {
            const auto it = std::find_if(total.samples.cbegin(), total.samples.cend(),
                                         [&sample](const ErrorSample &t) { return t.time == sample.time; });
            QVERIFY(it != total.samples.cend());
            QVERIFY2(it->count >= sample.count, qPrintable(u"%1 < %2"_s.arg(it->count).arg(sample.count)));
        }
        f.monitor.setPollInterval(0ms);
        QCOMPARE(f.monitor.requestsPerMinute(), 3.0); // 1 h range: a cycle a minute
        f.monitor.stop();
    }

    void pausedSendsNothing()
    {
        Fixture f(&m_nam, m_sandbox);
        QSignalSpy cycles(&f.monitor, &ErrorRateMonitor::cycleFinished);
        f.monitor.start();
        QVERIFY(cycles.wait(20000));
        f.monitor.setPaused(true);
        cycles.clear();
        // Let a cycle under way finish, then none follows.
        if (!cycles.wait(2000))
            QCOMPARE(cycles.count(), 0);
        const qint64 requests = f.monitor.requestCount();
        QVERIFY(!cycles.wait(500));
        QCOMPARE(f.monitor.requestCount(), requests);
        f.monitor.setPaused(false);
        QVERIFY(cycles.wait(20000)); // the due cycle runs at once
        QVERIFY(f.monitor.requestCount() > requests);
    }

    void faults_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("reason"); // part of the worded reason
        QTest::newRow("401") << u"401"_s << u"401"_s;
        QTest::newRow("403") << u"403"_s << u"403"_s;
        QTest::newRow("404") << u"404"_s << u"404"_s;
        QTest::newRow("429") << u"429"_s << u"429"_s;
        QTest::newRow("500") << u"500"_s << u"500"_s;
        QTest::newRow("502") << u"502"_s << u"502"_s;
        QTest::newRow("503") << u"503"_s << u"503"_s;
        QTest::newRow("malformed") << u"malformed"_s << QString();
        QTest::newRow("truncate") << u"truncate"_s << QString();
        QTest::newRow("reset") << u"reset"_s << QString();
        QTest::newRow("stall") << u"stall"_s << QString();
    }

    void faults()
    {
        QFETCH(QString, kind);
        QFETCH(QString, reason);
        Fixture f(&m_nam, m_sandbox);
        QSignalSpy cycles(&f.monitor, &ErrorRateMonitor::cycleFinished);
        f.monitor.start();
        QTRY_COMPARE_WITH_TIMEOUT(f.status.state(), State::Live, 20000);
        const qsizetype seriesBefore = f.monitor.errors().series.size();
        QVERIFY(seriesBefore > 0);

        QCOMPARE(m_sandbox.addFault(QJsonObject {{u"kind"_s, kind}, {u"service"_s, u"sentry"_s}}), 201);
        QTRY_COMPARE_WITH_TIMEOUT(f.status.state(), State::Stale, 20000);
        QVERIFY(!f.status.errorMessage().isEmpty());
        if (!reason.isEmpty())
            QVERIFY2(f.status.errorMessage().contains(reason), qPrintable(f.status.errorMessage()));
        QCOMPARE(f.monitor.errors().series.size(), seriesBefore); // last good data kept
        QVERIFY(f.monitor.consecutiveFailures() >= 1);
        QVERIFY(f.monitor.nextDelay() >= 100ms); // backoff, not the 50 ms poll
        // Backoff grows with further failures.
        QTRY_VERIFY_WITH_TIMEOUT(f.monitor.consecutiveFailures() >= 2, 20000);
        QVERIFY(f.monitor.nextDelay() >= 200ms);

        m_sandbox.clearFaults();
        QTRY_COMPARE_WITH_TIMEOUT(f.status.state(), State::Live, 20000);
        QCOMPARE(f.monitor.consecutiveFailures(), 0);
        f.monitor.stop();
    }

    void rateLimitDelayIsHonoured()
    {
        Fixture f(&m_nam, m_sandbox);
        f.monitor.setBackoff(10ms, 20ms);
        f.monitor.start();
        QTRY_COMPARE_WITH_TIMEOUT(f.status.state(), State::Live, 20000);
        QCOMPARE(
            m_sandbox.addFault(QJsonObject {{u"kind"_s, u"429"_s}, {u"service"_s, u"sentry"_s}, {u"retry_after"_s, 3}}),
            201);
        QTRY_COMPARE_WITH_TIMEOUT(f.status.state(), State::Stale, 20000);
        // X-Sentry-Rate-Limit-Reset (no Retry-After) wins over the 20 ms backoff cap.
        QVERIFY2(f.monitor.nextDelay() >= 1000ms, qPrintable(QString::number(f.monitor.nextDelay().count())));
        f.monitor.stop();
    }

    void partialDataIsKeptWithAWarning()
    {
        Fixture f(&m_nam, m_sandbox);
        QCOMPARE(m_sandbox.addFault(QJsonObject {{u"kind"_s, u"503"_s}, {u"path"_s, u"*/sessions/"_s}}), 201);
        QSignalSpy updated(&f.monitor, &ErrorRateMonitor::updated);
        f.monitor.start();
        QVERIFY(updated.wait(20000));
        QCOMPARE(f.status.state(), State::Live);
        QVERIFY(f.monitor.isPartial());
        QVERIFY(f.monitor.errors().find(u"storefront@1.7.0"_s));
        QCOMPARE(f.monitor.warnings().size(), 1);
        QVERIFY(f.monitor.warnings().first().contains(u"Release health"_s));
        f.monitor.stop();
    }
};

QTEST_GUILESS_MAIN(ErrorRateMonitorTest)
#include "tst_errorratemonitor.moc"
