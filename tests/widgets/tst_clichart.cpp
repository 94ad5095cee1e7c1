// Issue 5, "Done when": `shipdeck-cli errors` prints the numbers the Error rates chart shows. The same sandbox, the
// same release, environment and range: the CLI's JSON buckets against the points of the chart's line for the release
// (and the monitor's data it draws), bucket by bucket.
#include "charts/errorchartview.h"
#include "panes/errorratespane.h"
#include "sentry/errorratemonitor.h"
#include "sentry/sentryclient.h"
#include "sentrycommands.h"
#include "services/connectionstatus.h"

#include "../sentry/sandboxhelper.h"

#include <QChart>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineSeries>
#include <QMap>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTextStream>
#include <QTimeZone>

#include <cmath>

using namespace Shipdeck;
using namespace Qt::Literals::StringLiterals;
using namespace std::chrono_literals;

namespace {

struct Bucket
{
    double count = 0;
    double rate = 0;
    bool complete = true;
};

bool same(double a, double b)
{
    return std::abs(a - b) <= 1e-9 * std::max(1.0, std::max(std::abs(a), std::abs(b)));
}

} // namespace

class TestCliChart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void cliPrintsTheNumbersTheChartShows()
    {
        Test::SentrySandbox sandbox;
        QString error;
        QVERIFY2(sandbox.start({}, &error), qPrintable(error));
        QVERIFY(sandbox.deployToProduction());
        sandbox.advance(20 * 60);

        const QString current = u"storefront@1.7.0"_s;
        const QString previous = u"storefront@1.6.1"_s;
        const QString org = sandbox.process().value("sentry_org");
        QNetworkAccessManager nam;

        // What the CLI prints.
        QString outText, errText;
        {
            QTextStream out(&outText), err(&errText);
            Cli::SentryCommandIo io;
            io.out = &out;
            io.err = &err;
            io.token = sandbox.token();
            io.nam = &nam;
            const int code = Cli::runSentryCommand({u"shipdeck-cli"_s, u"errors"_s, u"--release"_s, current,
                                                    u"--environment"_s, u"production"_s, u"--range"_s, u"1h"_s,
                                                    u"--json"_s, u"--sentry-url"_s, sandbox.sentryUrl().toString(),
                                                    u"--org"_s, org, u"--sentry-project"_s, u"storefront"_s},
                                                   io);
            out.flush();
            err.flush();
            QVERIFY2(code == 0, qPrintable(errText));
        }
        const QJsonObject root = QJsonDocument::fromJson(outText.toUtf8()).object();
        const qint64 intervalSeconds = root.value(u"interval_seconds"_s).toInteger();
        QVERIFY2(intervalSeconds > 0, qPrintable(outText));
        QMap<qint64, Bucket> cli;
        // Filtered by one release the series is that release's (Sentry leaves its name empty then).
        const QJsonArray allSeries = root.value(u"series"_s).toArray();
        for (const QJsonValue &series : allSeries) {
            const QString release = series.toObject().value(u"release"_s).toString();
            if (series.toObject().value(u"other"_s).toBool()
                || (release != current && !(release.isEmpty() && allSeries.size() == 1)))
                continue;
            for (const QJsonValue &value : series.toObject().value(u"samples"_s).toArray()) {
                const QJsonObject sample = value.toObject();
                const QDateTime time = QDateTime::fromString(sample.value(u"time"_s).toString(), Qt::ISODate);
                QVERIFY(time.isValid());
                cli.insert(time.toMSecsSinceEpoch(),
                           Bucket {sample.value(u"count"_s).toDouble(), sample.value(u"rate"_s).toDouble(),
                                   sample.value(u"complete"_s).toBool()});
            }
        }
        QVERIFY2(cli.size() >= 55, qPrintable(outText.left(2000))); // an hour of one-minute buckets

        // What the chart draws: the monitor as the app sets it up, feeding the Error rates pane.
        ConnectionStatus status(Source::Sentry);
        status.setConfigured(true);
        SentryClient client(&nam, sandbox.sentryUrl(), org, sandbox.token());
        ErrorRateMonitor monitor(&client, &status);
        monitor.setProjects({u"storefront"_s});
        monitor.setEnvironment(u"production"_s);
        monitor.setReleases(current, previous);
        monitor.setRange(3600);
        monitor.setPollInterval(10min); // one cycle is enough: the sandbox clock stands still
        ErrorRatesPane pane(&status);
        pane.resize(1000, 700);
        pane.setMonitor(&monitor); // the pane's range ("Last hour") decides the monitor's
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        QSignalSpy updated(&monitor, &ErrorRateMonitor::updated);
        monitor.start();
        QVERIFY(updated.wait(15000));
        QCOMPARE(monitor.range(), 3600);
        QTRY_VERIFY_WITH_TIMEOUT(pane.seriesNames().contains(current), 15000);
        QCoreApplication::processEvents(); // a redraw queued by the layout

        // The monitor's data, the chart's source, has the CLI's bucket size and counts.
        const SentrySeries *monitored = nullptr;
        for (const SentrySeries &series : monitor.errors().series) {
            if (series.release == current && !series.isOther)
                monitored = &series;
        }
        QVERIFY(monitored);
        QCOMPARE(monitored->intervalMs, intervalSeconds * 1000);

        QLineSeries *line = nullptr;
        for (QAbstractSeries *series : pane.chart()->series()) {
            if (series->name() == current)
                line = qobject_cast<QLineSeries *>(series);
        }
        QVERIFY(line);
        const QList<QPointF> points = line->points();
        QVERIFY(!points.isEmpty());

        // Bucket by bucket: the chart's y is errors per minute over the bucket; the CLI prints the count and the
        // rate per minute. Buckets still filling (either side) are drawn apart and excluded.
        int compared = 0;
        int withErrors = 0;
        for (const QPointF &point : points) {
            const qint64 time = qint64(point.x());
            const auto it = cli.constFind(time);
            QVERIFY2(it != cli.cend(),
                     qPrintable(u"the chart has a bucket at %1 that the CLI does not print"_s.arg(
                         QDateTime::fromMSecsSinceEpoch(time, QTimeZone::UTC).toString(Qt::ISODate))));
            if (!it->complete)
                continue;
            const double perMinute = it->count * 60.0 / double(intervalSeconds);
            QVERIFY2(same(point.y(), perMinute),
                     qPrintable(u"%1: chart %2/min, CLI %3 errors = %4/min"_s
                                    .arg(QDateTime::fromMSecsSinceEpoch(time, QTimeZone::UTC).toString(Qt::ISODate))
                                    .arg(point.y())
                                    .arg(it->count)
                                    .arg(perMinute)));
            QVERIFY2(same(point.y(), it->rate),
                     qPrintable(u"chart %1/min, CLI rate %2"_s.arg(point.y()).arg(it->rate)));
            ++compared;
            if (it->count > 0)
                ++withErrors;
        }
        // Every complete bucket the CLI prints inside the drawn span is on the chart (nothing silently skipped).
        for (auto it = cli.cbegin(); it != cli.cend(); ++it) {
            if (!it->complete || it.key() < qint64(points.first().x()) || it.key() > qint64(points.last().x()))
                continue;
            QVERIFY2(std::any_of(points.cbegin(), points.cend(),
                                 [&](const QPointF &p) { return qint64(p.x()) == it.key(); }),
                     qPrintable(u"the CLI prints a complete bucket at %1 that the chart does not draw"_s.arg(
                         QDateTime::fromMSecsSinceEpoch(it.key(), QTimeZone::UTC).toString(Qt::ISODate))));
        }
        // The monitor's complete samples agree as well.
        for (const ErrorSample &sample : monitored->samples) {
            const auto it = cli.constFind(sample.time);
            if (it == cli.cend() || !it->complete || !sample.complete)
                continue;
            QCOMPARE(sample.count, it->count);
        }
        qInfo("%d complete buckets compared, %d of them with errors", compared, withErrors);
        QVERIFY2(compared >= 50, qPrintable(QString::number(compared)));
        QVERIFY2(withErrors >= 15, qPrintable(QString::number(withErrors))); // the spike after the deploy is compared
    }
};

QTEST_MAIN(TestCliChart)
#include "tst_clichart.moc"
