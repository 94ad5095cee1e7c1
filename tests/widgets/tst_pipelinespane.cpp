// The Pipelines pane against the real sandbox: live rows, the jobs of the selected pipeline, Play on the manual
// production deploy, and the API's own words when an action fails.
#include "common/plaintooltips.h"
#include "gitlab/gitlabclient.h"
#include "gitlab/joblistmodel.h"
#include "gitlab/pipelinelistmodel.h"
#include "gitlab/pipelinemonitor.h"
#include "panes/joblogdialog.h"
#include "panes/pipelinespane.h"
#include "services/connectionstatus.h"

#include "../gitlab/sandboxcontrol.h"
#include "httptestserver.h"
#include "sandboxprocess.h"

#include <QComboBox>
#include <QHeaderView>
#include <QHelpEvent>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTimer>
#include <QToolTip>

using namespace Shipdeck;
using namespace std::chrono_literals;
using namespace Qt::StringLiterals;

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

    void filtersAndCommitTitles()
    {
        Test::SandboxProcess sandbox;
        QString error;
        QVERIFY2(sandbox.start(QStringLiteral(SHIPDECK_SANDBOX_BINARY), {}, &error), qPrintable(error));
        QNetworkAccessManager nam;
        ConnectionStatus status(Source::GitLab);
        status.setConfigured(true);
        GitLabClient client(&nam, sandbox.gitlabUrl(), sandbox.value("gitlab_project"), sandbox.value("gitlab_token"));
        PipelineMonitor monitor(&client, &status);
        monitor.setDetailBudget(100);
        PipelinesPane pane(&status);
        pane.setGitLab(&client, &monitor);
        pane.resize(1100, 700);
        pane.show();
        monitor.start();
        QAbstractItemModel *view = pane.pipelineView()->model();
        QTRY_VERIFY_WITH_TIMEOUT(view->rowCount() > 10, 15000);

        // The default branch leads the ref filter, marked as such.
        QTRY_COMPARE_WITH_TIMEOUT(pane.refFilter()->itemData(1).toString(), u"main"_s, 15000);
        QVERIFY(pane.refFilter()->itemText(1).contains(u"main"_s));
        QCOMPARE(pane.refFilter()->findData(u"main"_s), 1); // once

        // The newest pipeline (the release) shows the title of its commit and who started it.
        const QModelIndex newest = view->index(0, PipelineListModel::TitleColumn);
        QVERIFY2(newest.data().toString().startsWith(u"Release "_s), qPrintable(newest.data().toString()));
        QVERIFY(!view->index(0, PipelineListModel::UserColumn).data().toString().isEmpty());

        // Source filter: the sources seen are offered by name; choosing one keeps only its pipelines.
        const int push = pane.sourceFilter()->findData(u"push"_s);
        QVERIFY(push > 0);
        QCOMPARE(pane.sourceFilter()->itemText(push), u"Push"_s);
        const int all = view->rowCount();
        pane.sourceFilter()->setCurrentIndex(push);
        QVERIFY(view->rowCount() > 0);
        for (int row = 0; row < view->rowCount(); ++row)
            QCOMPARE(view->index(row, 0).data(GitLabSourceRole).toString(), u"push"_s);
        pane.sourceFilter()->setCurrentIndex(0);
        QCOMPARE(view->rowCount(), all);

        // The ref filter: only the default branch.
        pane.refFilter()->setCurrentIndex(1);
        QVERIFY(view->rowCount() > 0 && view->rowCount() < all);
        for (int row = 0; row < view->rowCount(); ++row)
            QCOMPARE(view->index(row, 0).data(GitLabRefRole).toString(), u"main"_s);
        snapshot(&pane, "pipelines-filtered-main");
    }

    void untrustedTextIsPlain()
    {
        // Titles, refs and users come from GitLab: HTML in them is shown as the characters, cell and tool tip alike.
        ConnectionStatus status(Source::GitLab);
        status.setConfigured(true);
        PipelineMonitor monitor(nullptr, &status);
        Pipeline p;
        p.id = 7;
        p.status = PipelineStatus::Failed;
        p.ref = u"<i>feature</i>"_s;
        p.sha = u"0123456789abcdef0123456789abcdef01234567"_s;
        p.commitTitle = u"<b>Fix</b> <img src=\"x\"> &amp; <a href=\"https://evil\">click</a>"_s;
        p.user = u"<u>mallory</u>"_s;
        p.source = u"push"_s;
        p.createdAt = QDateTime::currentDateTimeUtc();
        monitor.merge({p});
        PipelinesPane pane(&status);
        pane.setGitLab(nullptr, &monitor);
        pane.resize(1100, 400);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        QTableView *table = pane.pipelineView();
        QCOMPARE(table->model()->index(0, PipelineListModel::TitleColumn).data().toString(), p.commitTitle);

        table->horizontalHeader()->resizeSection(PipelineListModel::TitleColumn, 40); // elided: the tip is wanted
        const QRect cell = table->visualRect(table->model()->index(0, PipelineListModel::TitleColumn));
        QHelpEvent help(QEvent::ToolTip, cell.center(), table->viewport()->mapToGlobal(cell.center()));
        QCoreApplication::sendEvent(table->viewport(), &help);
        QTRY_VERIFY(QToolTip::isVisible());
        QCOMPARE(QToolTip::text(), plainToolTip(p.commitTitle));
        QTextDocument shown;
        shown.setHtml(QToolTip::text());
        QCOMPARE(shown.toPlainText(), p.commitTitle); // every character, no markup taken
        QToolTip::hideText();
        snapshot(&pane, "pipelines-html-title");
    }

    void jobLogFromTheSandbox()
    {
        Test::SandboxProcess sandbox;
        QString error;
        QVERIFY2(sandbox.start(QStringLiteral(SHIPDECK_SANDBOX_BINARY), {}, &error), qPrintable(error));
        QNetworkAccessManager nam;
        GitLabClient client(&nam, sandbox.gitlabUrl(), sandbox.value("gitlab_project"), sandbox.value("gitlab_token"));
        // The build job of the oldest pipeline has finished long ago.
        PagedApiJob *jobs = client.pipelines({});
        QVERIFY(Test::runJob(jobs));
        const qint64 oldest = jobs->items().last().toObject().value(u"id"_s).toInteger();
        PagedApiJob *list = client.pipelineJobs(oldest);
        QVERIFY(Test::runJob(list));
        qint64 build = 0;
        for (const QJsonValue &job : list->items()) {
            if (job.toObject().value(u"name"_s).toString() == u"build"_s)
                build = job.toObject().value(u"id"_s).toInteger();
        }
        QVERIFY(build > 0);
        JobLogDialog dialog(&client, build, u"build"_s);
        QSignalSpy loaded(&dialog, &JobLogDialog::loaded);
        dialog.show();
        QVERIFY(loaded.wait(15000));
        const QString text = dialog.textView()->toPlainText();
        QVERIFY2(text.contains(u"Running with gitlab-runner"_s), qPrintable(text));
        QVERIFY(text.contains(u"Job succeeded"_s));
        // The runner's colours and collapsible-section markers are not shown.
        QVERIFY(!text.contains(QChar(0x1B)));
        QVERIFY2(!text.contains(u"section_"_s), qPrintable(text));
        QVERIFY(text.contains(u"\n$ npm ci\n"_s));
        QVERIFY2(dialog.statusText().contains(u"line"_s), qPrintable(dialog.statusText()));
        QVERIFY(!dialog.isLoading());
        snapshot(&dialog, "pipelines-job-log");
    }

    void largeLogStreamsWithoutFreezing()
    {
        // 200,000 coloured lines (≈ 9 MB) over a chunked response: shown whole, in slices between which the event
        // loop runs, and without escapes.
        Test::HttpTestServer server;
        QVERIFY(server.listen());
        QList<QByteArray> chunks;
        QByteArray chunk;
        const int lines = 200000;
        for (int i = 0; i < lines; ++i) {
            chunk += "\x1b[0;32m" + QByteArray::number(i) + " ok: compiled module number " + QByteArray::number(i)
                + "\x1b[0m\n";
            if (chunk.size() > 64 * 1024)
                chunks.append(std::exchange(chunk, {}));
        }
        chunks.append(chunk);
        server.chunked(u"/api/v4/projects/1/jobs/9/trace"_s, chunks);
        QNetworkAccessManager nam;
        GitLabClient client(&nam, server.url(QString()), u"1"_s, u"token"_s);
        JobLogDialog dialog(&client, 9, u"compile"_s);
        dialog.setSliceSize(128 * 1024);
        QSignalSpy loaded(&dialog, &JobLogDialog::loaded);
        int turns = 0;
        QTimer ticker;
        ticker.setInterval(0);
        connect(&ticker, &QTimer::timeout, this, [&turns] { ++turns; });
        ticker.start();
        dialog.show();
        QVERIFY(loaded.wait(60000));
        ticker.stop();
        QPlainTextEdit *text = dialog.textView();
        QCOMPARE(text->blockCount(), lines + 1); // the last newline opens an empty block
        QCOMPARE(text->document()->findBlockByNumber(lines - 1).text(),
                 u"%1 ok: compiled module number %1"_s.arg(lines - 1));
        QVERIFY(!text->toPlainText().contains(QChar(0x1B)));
        QVERIFY2(turns > 20, qPrintable(QString::number(turns))); // the event loop kept running
        QVERIFY2(dialog.statusText().contains(QString::number(lines)), qPrintable(dialog.statusText()));
    }
};

QTEST_MAIN(TestPipelinesPane)
#include "tst_pipelinespane.moc"
