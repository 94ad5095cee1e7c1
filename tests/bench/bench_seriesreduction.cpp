// Reduction of an error series for a 1200-px chart (full-range view) at 1e3…1e7 buckets, and one live append to a
// 1e6-bucket series. Run with: ctest -C bench -L bench -R seriesreduction -V
#include "sentry/errorseries.h"

#include <QTest>

using namespace Shipdeck;

class SeriesReductionBench : public QObject
{
    Q_OBJECT

    static void fill(ErrorSeries *series, qint64 size)
    {
        series->reserve(size);
        for (qint64 i = 0; i < size; ++i)
            series->append(ErrorSample {i * 60000, double((i * 7919) % 97), 0, true});
    }

private Q_SLOTS:
    void reduceFullRange_data()
    {
        QTest::addColumn<qint64>("size");
        QTest::newRow("1e3") << qint64(1000);
        QTest::newRow("1e5") << qint64(100000);
        QTest::newRow("1e6") << qint64(1000000);
        QTest::newRow("1e7") << qint64(10000000);
    }

    void reduceFullRange()
    {
        QFETCH(qint64, size);
        ErrorSeries series;
        fill(&series, size);
        qsizetype points = 0;
        QBENCHMARK
        {
            points = series.reduce(0, (size - 1) * 60000, 1200).size();
        }
        QVERIFY(points <= 2 * 1200 + 4);
    }

    void appendToLiveSeries()
    {
        ErrorSeries series;
        fill(&series, 1000000);
        qint64 next = 1000000;
        QBENCHMARK
        {
            series.append(ErrorSample {next * 60000, 3, 0, false});
            ++next;
        }
        QVERIFY(series.size() > 1000000);
    }

    void replaceIncompleteBucket()
    {
        ErrorSeries series;
        fill(&series, 1000000);
        series.append(ErrorSample {1000000LL * 60000, 1, 0, false});
        double count = 1;
        QBENCHMARK
        {
            series.replaceLast(ErrorSample {1000000LL * 60000, count += 1, 0, false});
        }
    }
};

QTEST_GUILESS_MAIN(SeriesReductionBench)
#include "bench_seriesreduction.moc"
