// The Deployments pane against the real sandbox: the environment selector (name and tier), what is deployed now as
// plain text, the deployment history newest first with rollback candidates marked, following a production deploy
// live, and the audit trail kept below in a splitter.
#include "gitlab/deploymentlistmodel.h"
#include "gitlab/environmentmonitor.h"
#include "gitlab/gitlabclient.h"
#include "panes/deploymentspane.h"
#include "services/connectionstatus.h"

#include "../gitlab/sandboxcontrol.h"
#include "sandboxprocess.h"

#include <QComboBox>
#include <QJsonArray>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace Shipdeck;
using namespace Qt::Literals::StringLiterals;
using namespace std::chrono_literals;

namespace {
/// With SHIPDECK_TEST_SCREENSHOTS=DIR, saves what the pane shows, for people to look at.
void snapshot(QWidget *widget, const char *name)
{
    const QString dir = qEnvironmentVariable("SHIPDECK_TEST_SCREENSHOTS");
    if (!dir.isEmpty())
        widget->grab().save(dir + u'/' + QLatin1StringView(name) + QStringLiteral(".png"));
}

QString rolloutJobStatus(Test::SandboxControl &control, const QString &name, int *id = nullptr)
{
    if (control.send("GET", u"/state"_s) != 200)
        return {};
    const QJsonArray jobs = QJsonDocument::fromJson(control.lastBody())
                                .object()
                                .value(u"rollout"_s)
                                .toObject()
                                .value(u"jobs"_s)
                                .toArray();
    for (const QJsonValue &job : jobs) {
        if (job.toObject().value(u"name"_s).toString() == name) {
            if (id)
                *id = job.toObject().value(u"id"_s).toInt();
            return job.toObject().value(u"status"_s).toString();
        }
    }
    return {};
}
} // namespace

class TestDeploymentsPane : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void showsEnvironmentsAndHistory()
    {
        Test::SandboxProcess sandbox;
        QString error;
        QVERIFY2(sandbox.start(QStringLiteral(SHIPDECK_SANDBOX_BINARY), {u"--quiet"_s}, &error), qPrintable(error));
        QNetworkAccessManager nam;
        Test::SandboxControl control(&sandbox, &nam);

        ConnectionStatus status(Source::GitLab);
        status.setConfigured(true);
        GitLabClient client(&nam, sandbox.gitlabUrl(), sandbox.value("gitlab_project"), sandbox.value("gitlab_token"));
        EnvironmentMonitor monitor(&client);
        monitor.setInterval(100ms);
        DeploymentsPane pane(nullptr, &status);
        pane.resize(1000, 750);
        pane.show();
        QVERIFY(!pane.isShowingEmptyState());
        QVERIFY(!pane.environmentBox()->isEnabled());
        QCOMPARE(pane.summaryLabel()->textFormat(), Qt::PlainText);
        // The audit trail stays, below, in a splitter.
        QCOMPARE(pane.splitter()->orientation(), Qt::Vertical);
        QCOMPARE(pane.splitter()->count(), 2);
        QVERIFY(pane.splitter()->widget(1)->isAncestorOf(pane.auditView()));
        QVERIFY(pane.splitter()->widget(0)->isAncestorOf(pane.deploymentView()));

        pane.setEnvironmentMonitor(&monitor);
        monitor.start();
        QTRY_VERIFY_WITH_TIMEOUT(pane.environmentBox()->count() >= 2, 15000);
        QVERIFY(pane.environmentBox()->isEnabled());
        const int production = pane.environmentBox()->findData(u"production"_s);
        QVERIFY(production >= 0);
        QVERIFY(pane.environmentBox()->findData(u"staging"_s) >= 0);
        QCOMPARE(pane.environmentBox()->itemText(production), u"production (production)"_s);

        QVERIFY(pane.setCurrentEnvironment(u"production"_s));
        QCOMPARE(pane.currentEnvironment(), u"production"_s);
        QAbstractItemModel *model = pane.deploymentView()->model();
        QCOMPARE(model, pane.deploymentModel());
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 1, 15000);
        // Newest first.
        for (int row = 1; row < model->rowCount(); ++row)
            QVERIFY(model->index(row - 1, 0).data(GitLabIdRole).toLongLong()
                    > model->index(row, 0).data(GitLabIdRole).toLongLong());
        QCOMPARE(model->headerData(DeploymentListModel::UserColumn, Qt::Horizontal).toString(), u"Deployed by"_s);

        // What is deployed now: the newest successful deployment, plain text.
        const std::optional<Deployment> current = monitor.currentDeployment(u"production"_s);
        QVERIFY(current);
        const QString summary = pane.summaryLabel()->text();
        QVERIFY2(summary.contains(current->sha.left(8)), qPrintable(summary));
        QVERIFY2(summary.contains(current->ref), qPrintable(summary));
        QVERIFY2(summary.contains(current->commitTitle), qPrintable(summary));
        if (!current->user.isEmpty())
            QVERIFY2(summary.contains(current->user), qPrintable(summary));
        const QString url = monitor.environment(u"production"_s)->externalUrl;
        if (!url.isEmpty())
            QVERIFY2(summary.contains(url), qPrintable(summary));

        // Rollback candidates are marked in the status column.
        const int currentRow = pane.deploymentModel()->currentRow();
        QVERIFY(currentRow >= 0);
        QVERIFY(model->index(currentRow, 0).data().toString().contains(u"deployed now"_s));
        int candidates = 0;
        for (int row = 0; row < model->rowCount(); ++row) {
            if (!model->index(row, 0).data(GitLabRetryableRole).toBool())
                continue;
            ++candidates;
            QVERIFY(row > currentRow);
            QVERIFY(model->index(row, DeploymentListModel::StatusColumn)
                        .data()
                        .toString()
                        .contains(u"rollback candidate"_s));
            QVERIFY(model->index(row, DeploymentListModel::StatusColumn).data(Qt::FontRole).value<QFont>().bold());
        }
        QVERIFY(candidates > 0);
        snapshot(&pane, "deployments-production");

        // Switching environments shows the other history.
        QVERIFY(pane.setCurrentEnvironment(u"staging"_s));
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 0, 5000);
        for (int row = 0; row < model->rowCount(); ++row)
            QCOMPARE(model->index(row, 0).data(GitLabEnvironmentRole).toString(), u"staging"_s);

        // A production deploy: the pane follows without being touched.
        QVERIFY(pane.setCurrentEnvironment(u"production"_s));
        QSignalSpy reset(model, &QAbstractItemModel::modelReset);
        monitor.stop();
        const QString job = u"deploy-production"_s;
        for (int steps = 0; rolloutJobStatus(control, job) != "manual"_L1 && steps < 80; ++steps)
            QVERIFY(control.advance(30));
        int jobId = 0;
        QCOMPARE(rolloutJobStatus(control, job, &jobId), u"manual"_s);
        ApiJob *play = client.playJob(jobId);
        QVERIFY(Test::runJob(play));
        QVERIFY(!play->hasError());
        play->deleteLater();
        for (int steps = 0; rolloutJobStatus(control, job) != "success"_L1 && steps < 80; ++steps)
            QVERIFY(control.advance(30));
        QCOMPARE(rolloutJobStatus(control, job), u"success"_s);
        monitor.start();
        QTRY_VERIFY_WITH_TIMEOUT(monitor.currentDeployment(u"production"_s)
                                     && monitor.currentDeployment(u"production"_s)->deployableJobId == jobId,
                                 15000);
        const Deployment deployed = *monitor.currentDeployment(u"production"_s);
        QTRY_VERIFY_WITH_TIMEOUT(pane.summaryLabel()->text().contains(deployed.sha.left(8)), 5000);
        QCOMPARE(pane.deploymentModel()->currentRow(), 0);
        QCOMPARE(model->index(0, 0).data(GitLabIdRole).toLongLong(), deployed.id);
        // The deployment that was current before is now a rollback candidate (unless it was the same commit).
        const int previousRow = pane.deploymentModel()->rowOf(current->id);
        QVERIFY(previousRow > 0);
        QVERIFY(pane.deploymentModel()->isRollbackCandidate(previousRow) || current->sha == deployed.sha);
        QCOMPARE(reset.count(), 0); // merged, not reset
        snapshot(&pane, "deployments-after-deploy");
    }
};

QTEST_MAIN(TestDeploymentsPane)
#include "tst_deploymentspane.moc"
