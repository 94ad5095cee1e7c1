// The Pipelines pane against the real sandbox: live rows, the jobs of the selected pipeline, Play on the manual
// production deploy, and the API's own words when an action fails.
#include "gitlab/gitlabclient.h"
#include "gitlab/joblistmodel.h"
#include "gitlab/pipelinelistmodel.h"
#include "gitlab/pipelinemonitor.h"
#include "panes/pipelinespane.h"
#include "services/connectionstatus.h"

#include "../gitlab/sandboxcontrol.h"
#include "sandboxprocess.h"

#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace Shipdeck;
using namespace std::chrono_literals;

namespace {
/// With SHIPDECK_TEST_SCREENSHOTS=DIR, saves what the pane shows, for people to look at.
void snapshot(QWidget *widget, const char *name)
{
    const QString dir = qEnvironmentVariable("SHIPDECK_TEST_SCREENSHOTS");
    if (!dir.isEmpty())
        widget->grab().save(dir + u'/' + QLatin1StringView(name) + QStringLiteral(".png"));
}
} // namespace

class TestPipelinesPane : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void playsTheManualProductionDeploy()
    {
        Test::SandboxProcess sandbox;
        QString error;
        QVERIFY2(sandbox.start(QStringLiteral(SHIPDECK_SANDBOX_BINARY), {}, &error), qPrintable(error));
        QNetworkAccessManager nam;
        Test::SandboxControl control(&sandbox, &nam);
        // The rollout pipeline runs build, test and deploy-staging, then waits on the manual production deploy.
        QVERIFY(control.advance(30 * 60));

        ConnectionStatus status(Source::GitLab);
        status.setConfigured(true);
        GitLabClient client(&nam, sandbox.gitlabUrl(), sandbox.value("gitlab_project"), sandbox.value("gitlab_token"));
        PipelineMonitor monitor(&client, &status);
        monitor.setActiveInterval(200ms);
        monitor.setIdleInterval(200ms);
        PipelinesPane pane(&status);
        pane.setGitLab(&client, &monitor);
        pane.resize(900, 700);
        pane.show();
        monitor.start();

        QTRY_COMPARE_WITH_TIMEOUT(status.state(), ConnectionStatus::State::Live, 15000);
        QVERIFY(!pane.isShowingEmptyState());
        QTRY_VERIFY_WITH_TIMEOUT(pane.pipelineView()->model()->rowCount() > 0, 15000);
        // The newest pipeline is selected by itself and its jobs arrive.
        QTRY_VERIFY_WITH_TIMEOUT(pane.jobModel()->rowCount() > 0, 15000);

        int manualRow = -1;
        for (int row = 0; row < pane.jobModel()->rowCount(); ++row) {
            if (pane.jobModel()->index(row, 0).data(GitLabManualRole).toBool()
                && pane.jobModel()->jobAt(row)->name.contains(QStringLiteral("production")))
                manualRow = row;
        }
        QVERIFY2(manualRow >= 0, "no manual production job in the selected pipeline");
        pane.jobView()->setCurrentIndex(pane.jobModel()->index(manualRow, 0));
        QVERIFY(pane.playButton()->isEnabled());
        snapshot(&pane, "pipelines-manual-waiting");
        QTest::mouseClick(pane.playButton(), Qt::LeftButton);
        QVERIFY(!pane.playButton()->isEnabled()); // busy while the request runs
        QTRY_VERIFY_WITH_TIMEOUT(pane.messageText().startsWith(QStringLiteral("Started")), 15000);
        // The job is no longer manual once played: Play is not offered again.
        QTRY_VERIFY_WITH_TIMEOUT(!pane.jobModel()->jobAt(manualRow)->manual
                                     || pane.jobModel()->jobAt(manualRow)->status != PipelineStatus::Manual,
                                 15000);
        snapshot(&pane, "pipelines-after-play");
    }
};

QTEST_MAIN(TestPipelinesPane)
#include "tst_pipelinespane.moc"
