// The Error rates pane against the real sandbox: after the production deploy of the new release its line rises
// well above the previous release's, live, and the picture survives a fault (stale, not blank).
#include "charts/errorchartview.h"
#include "gitlab/environmentmonitor.h"
#include "gitlab/gitlabclient.h"
#include "panes/errorratespane.h"
#include "panes/thresholdsdialog.h"
#include "sentry/errorratemonitor.h"
#include "sentry/issuelistmodel.h"
#include "sentry/sentryclient.h"
#include "services/connectionstatus.h"
#include "services/deploymarkerfeed.h"

#include "../sentry/sandboxhelper.h"

#include <QAbstractItemModelTester>
#include <QChart>
#include <QLineSeries>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

#include <memory>

using namespace Shipdeck;
using namespace std::chrono_literals;

namespace {
void snapshot(QWidget *widget, const char *name)
{
    const QString dir = qEnvironmentVariable("SHIPDECK_TEST_SCREENSHOTS");
    if (!dir.isEmpty())
        widget->grab().save(dir + u'/' + QLatin1StringView(name) + QStringLiteral(".png"));
}

/// The y of the last point of the series called @p name (-1 when there is none).
double lastValue(QChart *chart, const QString &name)
{
    for (QAbstractSeries *series : chart->series()) {
        if (series->name() == name && !static_cast<QLineSeries *>(series)->points().isEmpty())
            return static_cast<QLineSeries *>(series)->points().last().y();
    }
    return -1;
}

/// The sandbox after the production deploy of 1.7.0 and 20 minutes of its errors, with a Sentry client and a live
/// error-rate monitor of both releases (not started).
struct RolloutFixture
{
    const QString current = QStringLiteral("storefront@1.7.0");
    const QString previous = QStringLiteral("storefront@1.6.1");
    Test::SentrySandbox sandbox;
    QNetworkAccessManager nam;
    ConnectionStatus status {Source::Sentry};
    std::unique_ptr<SentryClient> client;
    std::unique_ptr<ErrorRateMonitor> monitor;

    bool start(QString *error)
    {
        if (!sandbox.start({}, error) || !sandbox.deployToProduction())
            return false;
        sandbox.advance(20 * 60);
        status.setConfigured(true);
        client = std::make_unique<SentryClient>(&nam, sandbox.sentryUrl(), sandbox.process().value("sentry_org"),
                                                sandbox.token());
        monitor = std::make_unique<ErrorRateMonitor>(client.get(), &status);
        monitor->setProjects({QStringLiteral("storefront")});
        monitor->setEnvironment(QStringLiteral("production"));
        monitor->setReleases(current, previous);
        monitor->setPollInterval(std::chrono::milliseconds(200));
        monitor->setBackoff(std::chrono::milliseconds(100), std::chrono::milliseconds(400));
        return true;
    }
};

double peak(QChart *chart, const QString &name)
{
    double result = 0;
    for (QAbstractSeries *series : chart->series()) {
        if (series->name() != name)
            continue;
        for (const QPointF &point : static_cast<QLineSeries *>(series)->points())
            result = std::max(result, point.y());
    }
    return result;
}
} // namespace

class TestErrorRatesPane : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void showsTheSpikeOfTheNewRelease()
    {
        RolloutFixture f;
        QString error;
        QVERIFY2(f.start(&error), qPrintable(error));
        const QString &current = f.current;
        const QString &previous = f.previous;
        Test::SentrySandbox &sandbox = f.sandbox;
        ConnectionStatus &status = f.status;
        SentryClient &client = *f.client;
        ErrorRateMonitor &monitor = *f.monitor;

        ErrorRatesPane pane(&status);
        pane.resize(900, 700);
        pane.setSentry(&client, {QStringLiteral("storefront")}, QStringLiteral("production"));
        pane.setReleases(current, previous);
        QAbstractItemModelTester tester(pane.issueModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        pane.setMonitor(&monitor);
        pane.show();
        monitor.start();
        QTRY_VERIFY_WITH_TIMEOUT(pane.seriesNames().contains(current), 15000);
        QVERIFY(pane.seriesNames().contains(previous));
        // The total of every release is drawn too, and is never below the current release.
        QVERIFY(pane.seriesNames().contains(QStringLiteral("Total")));
        QVERIFY(peak(pane.chart(), QStringLiteral("Total")) >= peak(pane.chart(), current));
        // A deployment set on the pane is marked on its chart.
        const auto [shownFrom, shownTo] = pane.chartView()->visibleRange();
        const DeployMarker marker {(shownFrom + shownTo) / 2, QStringLiteral("1.7.0"), QStringLiteral("production")};
        pane.setDeployMarkers({marker});
        QCOMPARE(pane.chartView()->visibleMarkers(), QList<DeployMarker>({marker}));
        QVERIFY2(
            peak(pane.chart(), current) > 3 * peak(pane.chart(), previous),
            qPrintable(QStringLiteral("%1 vs %2").arg(peak(pane.chart(), current)).arg(peak(pane.chart(), previous))));

        // The verdict banner: the new release's error rate is a multiple of the previous one's.
        QTRY_VERIFY_WITH_TIMEOUT(!pane.verdictText().isEmpty(), 15000);
        QVERIFY2(pane.verdictText().contains(QStringLiteral("x the error rate of")), qPrintable(pane.verdictText()));
        QVERIFY(pane.verdictText().contains(current));
        QVERIFY(pane.verdictLevel() == ReleaseVerdict::Level::Warning
                || pane.verdictLevel() == ReleaseVerdict::Level::Critical);
        QPushButton *rollback = nullptr;
        for (QPushButton *button : pane.findChildren<QPushButton *>()) {
            if (button->text().startsWith(QStringLiteral("Roll back")))
                rollback = button;
        }
        QVERIFY(rollback);
        QVERIFY(rollback->isVisible());
        QSignalSpy rollbackSpy(&pane, &ErrorRatesPane::rollbackRequested);
        rollback->click();
        QCOMPARE(rollbackSpy.size(), 1);
        QCOMPARE(rollbackSpy.first().first().toString(), current);

        // Thresholds decide: far above what the release does, the banner goes; back to the defaults, it returns.
        VerdictThresholds lenient;
        lenient.maxErrorsPerMinute = 5000;
        lenient.maxRatio = 500;
        lenient.crashFreeFloor = 0.5;
        pane.setThresholds(lenient);
        QTRY_COMPARE_WITH_TIMEOUT(pane.verdictLevel(), ReleaseVerdict::Level::Healthy, 15000);
        QVERIFY(pane.verdictText().isEmpty());
        pane.setThresholds(VerdictThresholds());
        QTRY_VERIFY_WITH_TIMEOUT(!pane.verdictText().isEmpty(), 15000);

        // The issues first seen in the new release.
        QTRY_VERIFY_WITH_TIMEOUT(pane.issueModel()->rowCount() > 0, 15000);
        QCOMPARE(pane.issueView()->model(), pane.issueModel());
        for (int row = 0; row < pane.issueModel()->rowCount(); ++row) {
            const SentryIssue issue = pane.issueModel()->issue(row);
            QCOMPARE(pane.issueModel()->index(row, IssueListModel::TitleColumn).data().toString(), issue.title);
        }
        snapshot(&pane, "errors-spike");

        // A server error keeps the last picture and says why.
        sandbox.addFault(QJsonObject {{QStringLiteral("kind"), QStringLiteral("502")},
                                       {QStringLiteral("service"), QStringLiteral("sentry")}});
        QTRY_COMPARE_WITH_TIMEOUT(status.state(), ConnectionStatus::State::Stale, 15000);
        QVERIFY(pane.seriesNames().contains(current));
        QVERIFY(pane.bannerText().contains(QStringLiteral("502")));
        snapshot(&pane, "errors-stale");
        sandbox.clearFaults();
        QTRY_COMPARE_WITH_TIMEOUT(status.state(), ConnectionStatus::State::Live, 15000);
    }

    void marksTheDeployAndRecoversAfterTheRollback()
    {
        // The whole on-call story with real parts: deploy, spike and breach with the deploy marked, roll back, the
        // rollback marked differently and the error rate back down.
        RolloutFixture f;
        QString error;
        QVERIFY2(f.start(&error), qPrintable(error));
        const QString &current = f.current;
        const QString &previous = f.previous;
        Test::SentrySandbox &sandbox = f.sandbox;
        ConnectionStatus &status = f.status;
        SentryClient &client = *f.client;
        ErrorRateMonitor &monitor = *f.monitor;
        QNetworkAccessManager &nam = f.nam;
        GitLabClient gitLab(&nam, QUrl(sandbox.process().value("gitlab_url")),
                            sandbox.process().value("gitlab_project"), sandbox.process().value("gitlab_token"));
        EnvironmentMonitor environments(&gitLab);
        environments.setInterval(200ms);
        DeployMarkerFeed feed;
        feed.setEnvironment(QStringLiteral("production"));
        feed.setEnvironmentMonitor(&environments);
        feed.setSentry(&client);
        feed.setReleases({current, previous});

        ErrorRatesPane pane(&status);
        pane.resize(1000, 720);
        pane.setSentry(&client, {QStringLiteral("storefront")}, QStringLiteral("production"));
        pane.setReleases(current, previous);
        pane.setMonitor(&monitor);
        connect(&feed, &DeployMarkerFeed::markersChanged, &pane, [&] { pane.setDeployMarkers(feed.markers()); });
        pane.show();
        environments.start();
        monitor.start();

        auto visible = [&pane](const QString &version, bool rollback) {
            const QList<DeployMarker> markers = pane.chartView()->visibleMarkers();
            return std::any_of(markers.cbegin(), markers.cend(),
                               [&](const DeployMarker &m) { return m.version == version && m.rollback == rollback; });
        };
        QTRY_VERIFY_WITH_TIMEOUT(visible(QStringLiteral("1.7.0"), false), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(!pane.verdictText().isEmpty(), 15000);
        QVERIFY(peak(pane.chart(), current) > 3 * peak(pane.chart(), previous));
        snapshot(&pane, "errors-deploy-marker-breach");

        QVERIFY(sandbox.rollBackProduction());
        sandbox.advance(30 * 60);
        QTRY_VERIFY_WITH_TIMEOUT(visible(QStringLiteral("1.6.1"), true), 15000);
        // After the rollback the new release gets no errors in production any more: its line ends at zero and the
        // previous release carries the traffic again.
        QTRY_VERIFY_WITH_TIMEOUT(lastValue(pane.chart(), current) == 0.0, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(lastValue(pane.chart(), previous) > 0.0, 15000);
        // The banner no longer asks for a rollback that has happened.
        QVERIFY2(pane.verdictText().startsWith(QStringLiteral("Rolled back: storefront@1.7.0 was replaced by 1.6.1")),
                                               qPrintable(pane.verdictText()));
        for (QPushButton *button : pane.findChildren<QPushButton *>())
            QVERIFY(!button->text().startsWith(QStringLiteral("Roll back")) || !button->isVisible());
        snapshot(&pane, "errors-after-rollback");
    }

    void thresholdsDialogRoundTrip_data()
    {
        QTest::addColumn<double>("errors");
        QTest::addColumn<double>("ratio");
        QTest::addColumn<double>("floor");
        QTest::addColumn<double>("minutes");
        QTest::addColumn<double>("expectedErrors");
        QTest::addColumn<double>("expectedRatio");
        QTest::addColumn<double>("expectedFloor");
        QTest::addColumn<double>("expectedMinutes");
        QTest::newRow("defaults") << 10.0 << 2.0 << 0.98 << 5.0 << 10.0 << 2.0 << 0.98 << 5.0;
        QTest::newRow("custom") << 25.5 << 3.5 << 0.995 << 15.0 << 25.5 << 3.5 << 0.995 << 15.0;
        QTest::newRow("out of bounds") << -4.0 << 0.5 << 1.7 << 0.0 << 0.1 << 1.1 << 1.0 << 1.0;
        QTest::newRow("not a number") << qQNaN() << qInf() << qQNaN() << qQNaN() << 10.0 << 2.0 << 0.98 << 5.0;
    }
    void thresholdsDialogRoundTrip()
    {
        QFETCH(double, errors);
        QFETCH(double, ratio);
        QFETCH(double, floor);
        QFETCH(double, minutes);
        QFETCH(double, expectedErrors);
        QFETCH(double, expectedRatio);
        QFETCH(double, expectedFloor);
        QFETCH(double, expectedMinutes);
        ThresholdsDialog dialog(VerdictThresholds {errors, ratio, floor, minutes});
        const VerdictThresholds shown = dialog.thresholds();
        QCOMPARE(shown.maxErrorsPerMinute, expectedErrors);
        QCOMPARE(shown.maxRatio, expectedRatio);
        QVERIFY(qFuzzyCompare(shown.crashFreeFloor, expectedFloor));
        QCOMPARE(shown.minMinutes, expectedMinutes);
        // Restore Defaults puts the built-in values back.
        for (QPushButton *button : dialog.findChildren<QPushButton *>()) {
            if (button->text().contains(QStringLiteral("Defaults")))
                button->click();
        }
        QCOMPARE(dialog.thresholds(), VerdictThresholds());
    }

    void issueModelUpdatesRowByRowAndKeepsTitlesPlain()
    {
        IssueListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto make = [](const QString &id, const QString &title, qint64 count) {
            SentryIssue issue;
            issue.id = id;
            issue.shortId = QStringLiteral("STOREFRONT-") + id;
            issue.title = title;
            issue.count = count;
            issue.userCount = 1;
            issue.permalink = QStringLiteral("https://sentry.example/issues/") + id + u'/';
            issue.firstSeen = QDateTime::currentDateTimeUtc();
            return issue;
        };
        const QString html = QStringLiteral("<b>TypeError</b>: <img src=x onerror=alert(1)>");
        model.setIssues({make(QStringLiteral("1"), html, 3), make(QStringLiteral("2"), QStringLiteral("Two"), 5)});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, IssueListModel::TitleColumn).data().toString(), html);
        const QString tip = model.index(0, IssueListModel::TitleColumn).data(Qt::ToolTipRole).toString();
        QVERIFY(!tip.contains(QStringLiteral("<b>")));
        QVERIFY(tip.contains(QStringLiteral("&lt;b&gt;")));
        QCOMPARE(model.index(1, IssueListModel::TitleColumn).data(IssueListModel::PermalinkRole).toUrl(),
                 QUrl(QStringLiteral("https://sentry.example/issues/2/")));

        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
        // A new issue on top, "2" has more events, "1" is gone.
        model.setIssues({make(QStringLiteral("3"), QStringLiteral("Three"), 1),
                              make(QStringLiteral("2"), QStringLiteral("Two"), 9)});
        QCOMPARE(reset.size(), 0);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, 0).data(IssueListModel::IdRole).toString(), QStringLiteral("3"));
        QCOMPARE(model.index(1, IssueListModel::EventsColumn).data(Qt::EditRole).toLongLong(), 9);
        // Reordered: one move, nothing else.
        changed.clear();
        model.setIssues({make(QStringLiteral("2"), QStringLiteral("Two"), 9),
                              make(QStringLiteral("3"), QStringLiteral("Three"), 1)});
        QCOMPARE(moved.size(), 1);
        QCOMPARE(model.index(0, 0).data(IssueListModel::IdRole).toString(), QStringLiteral("2"));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(reset.size(), 0);

        // In a table view, the title is drawn as written (plain text).
        QTableView view;
        model.setIssues({make(QStringLiteral("1"), html, 3)});
        view.setModel(&model);
        QCOMPARE(view.model()->index(0, 0).data().toString(), html);
    }
};

QTEST_MAIN(TestErrorRatesPane)
#include "tst_errorratespane.moc"
