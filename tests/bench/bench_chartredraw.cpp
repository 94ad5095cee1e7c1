// Time to redraw the Error rates chart (reduce every line to the plot width and hand it to Qt Charts) with n buckets
// per line, two lines, about 1200 px wide: the goal is that 1e7 buckets cost no more than about twice 1e3.
// Run: ctest --test-dir build/release -C bench -R bench_chartredraw -V (or build/release/bin/bench_chartredraw).
#include "charts/errorchartview.h"
#include "sentry/sentryparse.h"

#include <QApplication>
#include <QChart>
#include <QTest>

using namespace Shipdeck;

namespace {
constexpr qint64 Minute = 60000;
constexpr qint64 Start = 1749999960000;

SentrySeries makeSeries(const QString &release, qsizetype size)
{
    SentrySeries series;
    series.release = release;
    series.intervalMs = Minute;
    series.samples.reserve(size);
    for (qsizetype i = 0; i < size; ++i) {
        const double c = 5 + double((i * 7919) % 11);
        series.samples.append(ErrorSample {Start + i * Minute, c, c, i + 1 != size});
    }
    return series;
}
} // namespace

class BenchChartRedraw : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void redraw_data()
    {
        QTest::addColumn<qsizetype>("size");
        QTest::newRow("1e3") << qsizetype(1000);
        QTest::newRow("1e5") << qsizetype(100000);
        QTest::newRow("1e6") << qsizetype(1000000);
        QTest::newRow("1e7") << qsizetype(10000000);
    }
    void redraw()
    {
        QFETCH(qsizetype, size);
        TimeseriesData data;
        data.ok = true;
        data.series = {makeSeries(QStringLiteral("r@2"), size), makeSeries(QStringLiteral("r@1"), size)};
        ErrorChartView view;
        view.resize(1300, 600);
        view.setData(data, {});
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_VERIFY(int(view.chart()->plotArea().width()) > 1100);
        QBENCHMARK
        {
            view.redraw();
        }
    }
};

QTEST_MAIN(BenchChartRedraw)
#include "bench_chartredraw.moc"
