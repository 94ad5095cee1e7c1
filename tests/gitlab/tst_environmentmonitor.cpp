// EnvironmentMonitor against the real sandbox: staging and production with their deployments, a new production
// deployment appearing first after the manual production job has been played, and the last good data kept through
// a fault. DeploymentListModel: merge by id (no resets after the first fill), rollback candidates and approvals.
#include "gitlab/deploymentlistmodel.h"
#include "gitlab/environmentmonitor.h"
#include "gitlab/gitlabclient.h"
#include "sandboxcontrol.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace Shipdeck;
using namespace Shipdeck::Test;
using namespace Qt::Literals::StringLiterals;
using namespace std::chrono_literals;

namespace {

Deployment makeDeployment(qint64 id, const QString &status, qint64 jobId = 0)
{
    Deployment d;
    d.id = id;
    d.iid = id;
    d.environment = u"production"_s;
    d.status = status;
    d.ref = u"main"_s;
    d.sha = u"%1abcdef0123456789"_s.arg(id);
    d.commitTitle = u"<b>Commit %1</b>"_s.arg(id);
    d.user = u"alice"_s;
    d.deployableJobId = jobId;
    d.deployableStatus = status == "blocked"_L1 ? u"manual"_s : status;
    return d;
}

} // namespace

class TestEnvironmentMonitor : public QObject
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

    void modelMergesById()
    {
        DeploymentListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

        // Given oldest first: shown newest first.
        model.setDeployments({makeDeployment(1, u"success"_s, 11), makeDeployment(2, u"failed"_s, 12),
                              makeDeployment(3, u"success"_s, 13), makeDeployment(4, u"success"_s, 0),
                              makeDeployment(5, u"success"_s, 15)});
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.columnCount(), int(DeploymentListModel::ColumnCount));
        QCOMPARE(model.deploymentAt(0)->id, 5);
        QCOMPARE(model.currentRow(), 0);
        QVERIFY(model.index(0, 0).data(DeploymentListModel::CurrentRole).toBool());
        QVERIFY(!model.index(0, 0).data(GitLabRetryableRole).toBool()); // the current one
        QVERIFY(!model.index(1, 0).data(GitLabRetryableRole).toBool()); // no deployable job
        QVERIFY(model.index(2, 0).data(GitLabRetryableRole).toBool());
        QVERIFY(!model.index(3, 0).data(GitLabRetryableRole).toBool()); // failed
        QVERIFY(model.index(4, 0).data(GitLabRetryableRole).toBool());
        QVERIFY(model.index(2, DeploymentListModel::StatusColumn).data().toString().contains(u"rollback candidate"_s));
        QCOMPARE(model.index(0, DeploymentListModel::ShaColumn).data().toString(), u"5abcdef0"_s);
        QCOMPARE(model.index(0, DeploymentListModel::TitleColumn).data().toString(), u"<b>Commit 5</b>"_s);
        QCOMPARE(model.index(0, DeploymentListModel::UserColumn).data().toString(), u"alice"_s);
        QCOMPARE(model.headerData(DeploymentListModel::UserColumn, Qt::Horizontal).toString(), u"Deployed by"_s);

        // Same data: nothing.
        model.setDeployments({makeDeployment(5, u"success"_s, 15), makeDeployment(4, u"success"_s, 0),
                              makeDeployment(3, u"success"_s, 13), makeDeployment(2, u"failed"_s, 12),
                              makeDeployment(1, u"success"_s, 11)});
        QCOMPARE(changed.count(), 0);

        // A new blocked deployment on top, the oldest gone: one insert, one removal, no reset.
        model.setDeployments({makeDeployment(6, u"blocked"_s, 16), makeDeployment(5, u"success"_s, 15),
                              makeDeployment(4, u"success"_s, 0), makeDeployment(3, u"success"_s, 13),
                              makeDeployment(2, u"failed"_s, 12)});
        QCOMPARE(reset.count(), 1);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.deploymentAt(0)->id, 6);
        QVERIFY(model.index(0, 0).data(GitLabBlockedRole).toBool());
        QVERIFY(model.index(0, DeploymentListModel::StatusColumn).data().toString().contains(u"approval"_s));
        QCOMPARE(model.currentRow(), 1);

        // It succeeds: it becomes current and the former current one a rollback candidate.
        changed.clear();
        model.setDeployments({makeDeployment(6, u"success"_s, 16), makeDeployment(5, u"success"_s, 15),
                              makeDeployment(4, u"success"_s, 0), makeDeployment(3, u"success"_s, 13),
                              makeDeployment(2, u"failed"_s, 12)});
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.currentRow(), 0);
        QVERIFY(model.isRollbackCandidate(1));
        QCOMPARE(changed.count(), 2); // row 0 (status) and row 1 (now a candidate)

        model.setDeployments({});
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(reset.count(), 1);
    }

    void newProductionDeploymentAppearsFirst()
    {
        GitLabClient client(m_nam, m_sandbox.gitlabUrl(), m_sandbox.value("gitlab_project"),
                            m_sandbox.value("gitlab_token"));
        EnvironmentMonitor monitor(&client);
        QCOMPARE(monitor.interval(), 30000ms);
        monitor.setInterval(50ms);
        QSignalSpy cycles(&monitor, &EnvironmentMonitor::cycleFinished);
        QSignalSpy environmentsChanged(&monitor, &EnvironmentMonitor::environmentsChanged);
        QSignalSpy deploymentsChanged(&monitor, &EnvironmentMonitor::deploymentsChanged);
        monitor.start();
        QVERIFY(cycles.wait(10000));
        QVERIFY(cycles.first().first().toBool());
        QCOMPARE(environmentsChanged.count(), 1);
        QVERIFY(monitor.environment(u"staging"_s));
        QVERIFY(monitor.environment(u"production"_s));
        QCOMPARE(monitor.environment(u"production"_s)->tier, u"production"_s);

        const QList<Deployment> before = monitor.deployments(u"production"_s);
        QVERIFY(!before.isEmpty());
        const std::optional<Deployment> previous = monitor.currentDeployment(u"production"_s);
        QVERIFY(previous);
        QVERIFY(std::is_sorted(before.cbegin(), before.cend(),
                               [](const Deployment &a, const Deployment &b) { return a.id > b.id; }));
        for (const Deployment &d : before)
            QCOMPARE(d.environment, u"production"_s);
        QVERIFY(before.size() <= monitor.deploymentsPerEnvironment());

        // Without a clock change nothing is emitted.
        environmentsChanged.clear();
        deploymentsChanged.clear();
        cycles.clear();
        QTRY_VERIFY(cycles.count() >= 3);
        QCOMPARE(environmentsChanged.count(), 0);
        QCOMPARE(deploymentsChanged.count(), 0);

        // The rollout pipeline: run to the manual production job, play it, run it to success.
        // (GitLab creates the deployment of a manual job when the pipeline is created, status "created"; playing the
        // job runs it to "success".)
        monitor.stop();
        const qint64 productionJob = deployToProduction();
        QVERIFY(productionJob > 0);
        monitor.start();
        QTRY_VERIFY_WITH_TIMEOUT(!monitor.deployments(u"production"_s).isEmpty()
                                     && monitor.deployments(u"production"_s).first().deployableJobId == productionJob
                                     && monitor.deployments(u"production"_s).first().status == "success"_L1,
                                 15000);
        bool productionChanged = false;
        for (const auto &args : std::as_const(deploymentsChanged))
            productionChanged = productionChanged || args.first().toString() == "production"_L1;
        QVERIFY(productionChanged);
        const Deployment newest = monitor.deployments(u"production"_s).first();
        QVERIFY(newest.id > previous->id);
        QCOMPARE(monitor.currentDeployment(u"production"_s)->id, newest.id);
        QVERIFY(!newest.sha.isEmpty());

        // A model fed with it marks the previous successful ones as rollback candidates.
        DeploymentListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDeployments(monitor.deployments(u"production"_s));
        QCOMPARE(model.currentRow(), 0);
        QVERIFY(!model.index(0, 0).data(GitLabRetryableRole).toBool());
        bool anyCandidate = false;
        for (int row = 1; row < model.rowCount(); ++row)
            anyCandidate = anyCandidate || model.isRollbackCandidate(row);
        QVERIFY(anyCandidate);
    }

    void keepsDataOnFailure_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("retryAfter");
        for (const char *kind : {"401", "403", "404", "500", "502", "503", "malformed", "truncate", "reset", "stall"})
            QTest::newRow(kind) << QString::fromLatin1(kind) << 0;
        QTest::newRow("429") << u"429"_s << 1;
    }
    void keepsDataOnFailure()
    {
        QFETCH(QString, kind);
        QFETCH(int, retryAfter);
        GitLabClient client(m_nam, m_sandbox.gitlabUrl(), m_sandbox.value("gitlab_project"),
                            m_sandbox.value("gitlab_token"));
        client.setTimeout(700ms);
        EnvironmentMonitor monitor(&client);
        monitor.setInterval(20ms);
        monitor.setBackoff(50ms, 200ms);
        QSignalSpy cycles(&monitor, &EnvironmentMonitor::cycleFinished);
        monitor.start();
        QVERIFY(cycles.wait(10000));
        const QList<Environment> environments = monitor.environments();
        const QList<Deployment> production = monitor.deployments(u"production"_s);
        QVERIFY(!environments.isEmpty());

        QSignalSpy environmentsChanged(&monitor, &EnvironmentMonitor::environmentsChanged);
        QSignalSpy deploymentsChanged(&monitor, &EnvironmentMonitor::deploymentsChanged);
        QJsonObject rule {{u"kind"_s, kind}, {u"path"_s, u"*/deployments"_s}};
        if (retryAfter > 0)
            rule.insert(u"retry_after"_s, retryAfter);
        QVERIFY(m_control->addFault(rule));
        QTRY_VERIFY_WITH_TIMEOUT(monitor.consecutiveFailures() >= 2, 15000);
        QVERIFY(monitor.lastError().isError());
        QVERIFY(!monitor.lastError().message.isEmpty());
        QVERIFY(monitor.nextDelay() >= 100ms);
        if (retryAfter > 0) {
            QCOMPARE(monitor.lastError().kind, ApiError::Kind::RateLimited);
            QVERIFY(monitor.nextDelay() >= 900ms); // the server's Retry-After wins over the 200 ms cap
        }
        QCOMPARE(monitor.environments(), environments);
        QCOMPARE(monitor.deployments(u"production"_s), production);
        QCOMPARE(environmentsChanged.count(), 0);
        QCOMPARE(deploymentsChanged.count(), 0);

        QVERIFY(m_control->clearFaults());
        QTRY_COMPARE_WITH_TIMEOUT(monitor.consecutiveFailures(), 0, 10000);
        QCOMPARE(monitor.deployments(u"production"_s), production);
    }

    void pausedSendsNothing()
    {
        GitLabClient client(m_nam, m_sandbox.gitlabUrl(), m_sandbox.value("gitlab_project"),
                            m_sandbox.value("gitlab_token"));
        EnvironmentMonitor monitor(&client);
        monitor.setInterval(20ms);
        QSignalSpy cycles(&monitor, &EnvironmentMonitor::cycleFinished);
        monitor.start();
        QVERIFY(cycles.wait(10000));
        monitor.setPaused(true);
        QTRY_VERIFY(!monitor.isBusy());
        cycles.clear();
        QVERIFY(!cycles.wait(300)); // 15 intervals: none started
        monitor.setPaused(false);
        QVERIFY(cycles.wait(10000)); // the due cycle runs at once
    }

private:
    QJsonObject state()
    {
        if (m_control->send("GET", u"/state"_s) != 200)
            return {};
        return QJsonDocument::fromJson(m_control->lastBody()).object();
    }
    QString rolloutJobStatus(const QString &name, int *id = nullptr)
    {
        const QJsonArray jobs = state().value(u"rollout"_s).toObject().value(u"jobs"_s).toArray();
        for (const QJsonValue &job : jobs) {
            if (job.toObject().value(u"name"_s).toString() == name) {
                if (id)
                    *id = job.toObject().value(u"id"_s).toInt();
                return job.toObject().value(u"status"_s).toString();
            }
        }
        return {};
    }
    /// The recipe of tests/sentry/sandboxhelper.h: run the rollout to its manual production job, play it, finish it.
    /// Returns the job's id, 0 on failure.
    qint64 deployToProduction()
    {
        const QString job = u"deploy-production"_s;
        for (int steps = 0; rolloutJobStatus(job) != "manual"_L1 && steps < 80; ++steps)
            m_control->advance(30);
        int id = 0;
        if (rolloutJobStatus(job, &id) != "manual"_L1)
            return 0;
        GitLabClient client(m_nam, m_sandbox.gitlabUrl(), m_sandbox.value("gitlab_project"),
                            m_sandbox.value("gitlab_token"));
        ApiJob *play = client.playJob(id);
        if (!runJob(play) || play->hasError())
            return 0;
        for (int steps = 0; rolloutJobStatus(job) != "success"_L1 && steps < 80; ++steps)
            m_control->advance(30);
        return rolloutJobStatus(job) == "success"_L1 ? id : 0;
    }

    SandboxProcess m_sandbox;
    QNetworkAccessManager *m_nam = nullptr;
    std::unique_ptr<SandboxControl> m_control;
};

QTEST_GUILESS_MAIN(TestEnvironmentMonitor)
#include "tst_environmentmonitor.moc"
