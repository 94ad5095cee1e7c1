// The Error rates pane against the real sandbox: after the production deploy of the new release its line rises
// well above the previous release's, live, and the picture survives a fault (stale, not blank).
#include "panes/errorratespane.h"
#include "sentry/errorratemonitor.h"
#include "sentry/sentryclient.h"
#include "services/connectionstatus.h"

#include "../sentry/sandboxhelper.h"

#include <QChart>
#include <QLineSeries>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Shipdeck;
using namespace std::chrono_literals;

namespace {
void snapshot(QWidget *widget, const char *name)
{
    const QString dir = qEnvironmentVariable("SHIPDECK_TEST_SCREENSHOTS");
    if (!dir.isEmpty())
        widget->grab().save(dir + u'/' + QLatin1StringView(name) + QStringLiteral(".png"));
}

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
        Test::SentrySandbox sandbox;
        QString error;
        QVERIFY2(sandbox.start({}, &error), qPrintable(error));
        QVERIFY(sandbox.deployToProduction());
        sandbox.advance(20 * 60);

        const QString current = QStringLiteral("storefront@1.7.0");
        const QString previous = QStringLiteral("storefront@1.6.1");
        QNetworkAccessManager nam;
        ConnectionStatus status(Source::Sentry);
        status.setConfigured(true);
        SentryClient client(&nam, sandbox.sentryUrl(), sandbox.process().value("sentry_org"), sandbox.token());
        ErrorRateMonitor monitor(&client, &status);
        monitor.setProjects({QStringLiteral("storefront")});
        monitor.setEnvironment(QStringLiteral("production"));
        monitor.setReleases(current, previous);
        monitor.setPollInterval(200ms);
        monitor.setBackoff(100ms, 400ms);

        ErrorRatesPane pane(&status);
        pane.resize(900, 500);
        pane.setMonitor(&monitor);
        pane.show();
        monitor.start();
        QTRY_VERIFY_WITH_TIMEOUT(pane.seriesNames().contains(current), 15000);
        QVERIFY(pane.seriesNames().contains(previous));
        QVERIFY2(
            peak(pane.chart(), current) > 3 * peak(pane.chart(), previous),
            qPrintable(QStringLiteral("%1 vs %2").arg(peak(pane.chart(), current)).arg(peak(pane.chart(), previous))));
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
};

QTEST_MAIN(TestErrorRatesPane)
#include "tst_errorratespane.moc"
