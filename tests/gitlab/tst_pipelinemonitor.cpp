// PipelineMonitor against the real sandbox: live updates as the scenario clock moves, and every fault kind →
// stale with a worded message, data kept, backoff (one request per cycle), recovery when the fault is cleared.
#include "gitlab/gitlabclient.h"
#include "gitlab/pipelinelistmodel.h"
#include "gitlab/pipelinemonitor.h"
#include "sandboxcontrol.h"
#include "services/connectionstatus.h"

#include <QAbstractItemModelTester>
#include <QSet>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace Shipdeck;
using namespace Shipdeck::Test;
using namespace Qt::Literals::StringLiterals;
using namespace std::chrono_literals;

class TestPipelineMonitor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QString error;
        QVERIFY2(m_sandbox.start(QStringLiteral(SHIPDECK_SANDBOX_BINARY), {u"--quiet"_s}, &error), qPrintable(error));
        m_nam = new QNetworkAccessManager(this);
        m_control = std::make_unique<SandboxControl>(&m_sandbox, m_nam);
    }

    void init() { QVERIFY(m_control->clearFaults()); }

    void liveUpdatesAsTheClockAdvances()
    {
        GitLabClient client(m_nam, m_sandbox.gitlabUrl(), m_sandbox.value("gitlab_project"),
                            m_sandbox.value("gitlab_token"));
        ConnectionStatus status(Source::GitLab);
        status.setConfigured(true);
        PipelineMonitor monitor(&client, &status);
        monitor.setActiveInterval(20ms);
        monitor.setIdleInterval(20ms);
        monitor.setDetailBudget(100); // every detail in the first cycle
        PipelineListModel model;
        model.setMonitor(&monitor);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy cycles(&monitor, &PipelineMonitor::cycleFinished);

        monitor.start();
        QCOMPARE(status.state(), ConnectionStatus::State::Connecting);
        QVERIFY(cycles.wait(10000));
        QCOMPARE(status.state(), ConnectionStatus::State::Live);
        QVERIFY(model.rowCount() > 10);
        const qint64 rollout = monitor.pipelineIds().first();
        QCOMPARE(monitor.pipeline(rollout)->status, PipelineStatus::Running);
        QVERIFY(monitor.hasActivePipelines());
        // The list has no user and no commit: the details and the commit fill them in before the first merge.
        QVERIFY2(monitor.pipeline(rollout)->commitTitle.startsWith(u"Release "_s),
                 qPrintable(monitor.pipeline(rollout)->commitTitle));
        QVERIFY(!monitor.pipeline(rollout)->user.isEmpty());
        QVERIFY(monitor.pipeline(rollout)->startedAt.isValid());
        const qint64 newest20 = monitor.pipelineIds().at(std::min<qsizetype>(19, monitor.pipelineIds().size() - 1));
        for (const qint64 id : monitor.pipelineIds()) {
            if (id >= newest20)
                QVERIFY2(!monitor.pipeline(id)->commitTitle.isEmpty(), qPrintable(QString::number(id)));
        }

        QSignalSpy added(&monitor, &PipelineMonitor::pipelineAdded);
        QSignalSpy changed(&monitor, &PipelineMonitor::pipelineChanged);
        QSignalSpy removed(&monitor, &PipelineMonitor::pipelineRemoved);
        QSignalSpy dataChanged(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

        // Without a clock change nothing changes.
        cycles.clear();
        QTRY_VERIFY(cycles.count() >= 3);
        QCOMPARE(changed.count(), 0);

        int statusChanges = 0;
        PipelineStatus last = PipelineStatus::Running;
        for (int step = 0; step < 60 && monitor.pipeline(rollout)->status != PipelineStatus::Manual; ++step) {
            changed.clear();
            dataChanged.clear();
            QVERIFY(m_control->advance(30));
            // Two full cycles: the second one started after the advance.
            cycles.clear();
            QTRY_VERIFY(cycles.count() >= 2);
            // Each pipeline changes at most once per clock step; the model follows with one row each.
            QSet<qint64> ids;
            int rolloutChanges = 0;
            for (const auto &args : std::as_const(changed)) {
                const qint64 id = args.at(0).toLongLong();
                QVERIFY(!ids.contains(id));
                ids.insert(id);
                rolloutChanges += id == rollout ? 1 : 0;
            }
            QCOMPARE(dataChanged.count(), changed.count());
            for (qsizetype i = 0; i < dataChanged.count(); ++i) {
                const auto topLeft = dataChanged.at(i).at(0).value<QModelIndex>();
                QCOMPARE(topLeft.row(), dataChanged.at(i).at(1).value<QModelIndex>().row());
                QCOMPARE(model.idAt(topLeft.row()), changed.at(i).at(0).toLongLong());
            }
            if (monitor.pipeline(rollout)->status != last) {
                QCOMPARE(rolloutChanges, 1);
                last = monitor.pipeline(rollout)->status;
                ++statusChanges;
            }
        }
        QCOMPARE(monitor.pipeline(rollout)->status, PipelineStatus::Manual);
        QVERIFY(statusChanges >= 1);
        QCOMPARE(added.count(), 0);
        QCOMPARE(removed.count(), 0);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(status.state(), ConnectionStatus::State::Live);

        // Paused: no requests.
        monitor.setPaused(true);
        cycles.clear();
        QTRY_VERIFY(!monitor.isBusy());
        const qint64 before = monitor.requestCount();
        QVERIFY(!cycles.wait(300));
        QCOMPARE(monitor.requestCount(), before);
        monitor.setPaused(false);
        QVERIFY(cycles.wait(5000));
    }

    void detailsAreSpreadOverCycles()
    {
        GitLabClient client(m_nam, m_sandbox.gitlabUrl(), m_sandbox.value("gitlab_project"),
                            m_sandbox.value("gitlab_token"));
        PipelineMonitor monitor(&client, nullptr);
        monitor.setActiveInterval(20ms);
        monitor.setIdleInterval(20ms);
        monitor.setDetailLimit(10);
        monitor.setDetailBudget(4);
        QSignalSpy cycles(&monitor, &PipelineMonitor::cycleFinished);
        monitor.start();
        QVERIFY(cycles.wait(10000));
        // One list page plus at most the budget.
        QVERIFY2(monitor.requestCount() <= 1 + 4, qPrintable(QString::number(monitor.requestCount())));
        auto complete = [&monitor] {
            int n = 0;
            for (qsizetype i = 0; i < 10 && i < monitor.pipelineIds().size(); ++i)
                n += monitor.pipeline(monitor.pipelineIds().at(i))->user.isEmpty() ? 0 : 1;
            return n;
        };
        QVERIFY(complete() < 10);
        QTRY_COMPARE_WITH_TIMEOUT(complete(), 10, 10000);
        // Older pipelines stay without details: the detail limit holds.
        const qsizetype count = monitor.pipelineIds().size();
        QVERIFY(count > 10);
        QVERIFY(monitor.pipeline(monitor.pipelineIds().last())->user.isEmpty());

        // Once complete, an idle cycle is one request again.
        cycles.clear();
        QVERIFY(cycles.wait(5000));
        const qint64 before = monitor.requestCount();
        QVERIFY(cycles.wait(5000));
        QCOMPARE(monitor.requestCount() - before, 1);
    }

    void faults_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("retryAfter");
        for (const char *kind : {"401", "403", "404", "500", "502", "503", "malformed", "truncate", "reset", "stall"})
            QTest::newRow(kind) << QString::fromLatin1(kind) << 0;
        QTest::newRow("429") << u"429"_s << 1;
    }
    void faults()
    {
        QFETCH(QString, kind);
        QFETCH(int, retryAfter);
        GitLabClient client(m_nam, m_sandbox.gitlabUrl(), m_sandbox.value("gitlab_project"),
                            m_sandbox.value("gitlab_token"));
        client.setTimeout(700ms);
        ConnectionStatus status(Source::GitLab);
        status.setConfigured(true);
        PipelineMonitor monitor(&client, &status);
        monitor.setActiveInterval(20ms);
        monitor.setIdleInterval(20ms);
        monitor.setBackoff(100ms, 400ms);
        QSignalSpy cycles(&monitor, &PipelineMonitor::cycleFinished);
        monitor.start();
        QVERIFY(cycles.wait(10000));
        QCOMPARE(status.state(), ConnectionStatus::State::Live);
        const int rows = int(monitor.pipelineIds().size());
        QVERIFY(rows > 0);

        QJsonObject rule {{u"kind"_s, kind}, {u"path"_s, u"*/pipelines"_s}};
        if (retryAfter > 0)
            rule.insert(u"retry_after"_s, retryAfter);
        QVERIFY(m_control->addFault(rule));

        QTRY_COMPARE_WITH_TIMEOUT(status.state(), ConnectionStatus::State::Stale, 10000);
        QVERIFY(!status.errorMessage().isEmpty());
        QVERIFY2(status.text().contains(status.errorMessage()), qPrintable(status.text()));
        QCOMPARE(int(monitor.pipelineIds().size()), rows); // last good data kept

        // Backoff: each failed cycle sends one request, and the delays grow.
        const qint64 requestsAtFirstFailure = monitor.requestCount();
        const int failuresAtStart = monitor.consecutiveFailures();
        QTRY_VERIFY_WITH_TIMEOUT(monitor.consecutiveFailures() >= failuresAtStart + 2, 15000);
        const int failures = monitor.consecutiveFailures() - failuresAtStart;
        QVERIFY2(
            monitor.requestCount() - requestsAtFirstFailure <= failures + 1,
            qPrintable(
                u"%1 requests for %2 failures"_s.arg(monitor.requestCount() - requestsAtFirstFailure).arg(failures)));
        QVERIFY(monitor.nextDelay() >= 200ms);
        if (retryAfter > 0) {
            QCOMPARE(monitor.lastError().kind, ApiError::Kind::RateLimited);
            QVERIFY(monitor.nextDelay() >= 900ms); // Retry-After wins over the (shorter) backoff
        }

        QVERIFY(m_control->clearFaults());
        QTRY_COMPARE_WITH_TIMEOUT(status.state(), ConnectionStatus::State::Live, 10000);
        QCOMPARE(monitor.consecutiveFailures(), 0);
        QCOMPARE(int(monitor.pipelineIds().size()), rows);
    }

private:
    SandboxProcess m_sandbox;
    QNetworkAccessManager *m_nam = nullptr;
    std::unique_ptr<SandboxControl> m_control;
};

QTEST_GUILESS_MAIN(TestPipelineMonitor)
#include "tst_pipelinemonitor.moc"
