// ErrorSeries (pyramid, reduction) and ErrorSeriesModel (exact signals, QAbstractItemModelTester).
#include "sentry/errorseries.h"
#include "sentry/errorseriesmodel.h"

#include <QAbstractItemModelTester>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace Qt::Literals::StringLiterals;
using namespace Shipdeck;

namespace {

constexpr qint64 Minute = 60000;

ErrorSample sample(qint64 i, double count, bool complete = true)
{
    return ErrorSample {i * Minute, count, count, complete};
}

} // namespace

class ErrorSeriesModelTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void appendRejectsBadSamples_data()
    {
        QTest::addColumn<qint64>("time");
        QTest::addColumn<double>("count");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("later") << qint64(2 * Minute) << 3.0 << true;
        QTest::newRow("same time") << qint64(Minute) << 3.0 << false;
        QTest::newRow("earlier") << qint64(0) << 3.0 << false;
        QTest::newRow("negative") << qint64(2 * Minute) << -1.0 << false;
        QTest::newRow("nan") << qint64(2 * Minute) << std::nan("") << false;
        QTest::newRow("inf") << qint64(2 * Minute) << HUGE_VAL << false;
    }

    void appendRejectsBadSamples()
    {
        QFETCH(qint64, time);
        QFETCH(double, count);
        QFETCH(bool, accepted);
        ErrorSeries series(u"total"_s, Minute);
        QVERIFY(series.append(sample(1, 1)));
        QCOMPARE(series.append(ErrorSample {time, count, 0, true}), accepted);
        QCOMPARE(series.size(), accepted ? 2 : 1);
    }

    void extremesMatchBruteForce_data()
    {
        QTest::addColumn<int>("size");
        QTest::newRow("7") << 7;
        QTest::newRow("8") << 8;
        QTest::newRow("100") << 100;
        QTest::newRow("1000") << 1000;
        QTest::newRow("4099") << 4099;
    }

    void extremesMatchBruteForce()
    {
        QFETCH(int, size);
        QRandomGenerator random(size);
        ErrorSeries series;
        QList<double> values;
        for (int i = 0; i < size; ++i) {
            values.append(random.bounded(1000));
            QVERIFY(series.append(sample(i, values.last())));
        }
        for (int round = 0; round < 200; ++round) {
            const int a = random.bounded(size);
            const int b = a + 1 + random.bounded(size - a);
            const auto e = series.extremes(a, b);
            const auto [mn, mx] = std::minmax_element(values.cbegin() + a, values.cbegin() + b);
            QCOMPARE(series.countAt(e.minIndex), *mn);
            QCOMPARE(series.countAt(e.maxIndex), *mx);
        }
    }

    void replaceLastUpdatesPyramid()
    {
        ErrorSeries series;
        for (int i = 0; i < 64; ++i)
            series.append(sample(i, 5, i < 63));
        QCOMPARE(series.countAt(series.extremes(0, 64).maxIndex), 5.0);
        QVERIFY(series.replaceLast(sample(63, 500)));
        QCOMPARE(series.extremes(0, 64).maxIndex, 63);
        QVERIFY(series.replaceLast(sample(63, 0)));
        QCOMPARE(series.countAt(series.extremes(0, 64).minIndex), 0.0);
        QVERIFY(!series.replaceLast(sample(62, 1))); // not the last bucket
    }

    void reduceKeepsSpikesAndBoundsPoints_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("width");
        QTest::newRow("sparse") << 500 << 1200;
        QTest::newRow("binary search path") << 5000 << 1200;
        QTest::newRow("pyramid path") << 200000 << 1200;
        QTest::newRow("pyramid odd width") << 100003 << 333;
    }

    void reduceKeepsSpikesAndBoundsPoints()
    {
        QFETCH(int, size);
        QFETCH(int, width);
        ErrorSeries series(u"r"_s, Minute);
        series.reserve(size);
        for (int i = 0; i < size; ++i)
            series.append(sample(i, i == size / 3 ? 1000 : (i == size / 2 ? 0 : 10 + (i % 7))));
        const QList<QPointF> points = series.reduce(0, qint64(size - 1) * Minute, width);
        QVERIFY2(points.size() <= 2 * width + 4, qPrintable(QString::number(points.size())));
        QVERIFY(!points.isEmpty());
        for (qsizetype i = 1; i < points.size(); ++i)
            QVERIFY(points.at(i).x() > points.at(i - 1).x()); // time order
        const auto spike = std::max_element(points.cbegin(), points.cend(),
                                            [](const QPointF &a, const QPointF &b) { return a.y() < b.y(); });
        QCOMPARE(spike->y(), 1000.0);
        QCOMPARE(spike->x(), double(size / 3) * Minute);
        const auto dip = std::min_element(points.cbegin(), points.cend(),
                                          [](const QPointF &a, const QPointF &b) { return a.y() < b.y(); });
        QCOMPARE(dip->y(), 0.0);

        // A zoomed-in window only covers its own buckets (plus one neighbour each side).
        const qint64 from = qint64(size / 4) * Minute, to = qint64(size / 4 + 10) * Minute;
        const QList<QPointF> zoomed = series.reduce(from, to, width);
        QCOMPARE(zoomed.size(), 13);
        QCOMPARE(zoomed.first().x(), double(from - Minute));
    }

    void reduceEdgeCases()
    {
        ErrorSeries series;
        QVERIFY(series.reduce(0, 10, 100).isEmpty());
        series.append(sample(0, 1));
        QCOMPARE(series.reduce(0, 0, 100).size(), 1);
        QVERIFY(series.reduce(0, 10, 0).isEmpty());
        QVERIFY(series.reduce(10, 0, 10).isEmpty());
    }

    void modelSignals()
    {
        ErrorSeriesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSamples(u"storefront@1.7.0"_s, Minute, {sample(0, 1), sample(1, 2), sample(2, 3, false)});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.data(model.index(2, ErrorSeriesModel::CompleteColumn)).toBool(), false);

        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

        // The incomplete bucket grows: one dataChanged for its row, nothing else.
        QCOMPARE(model.merge({sample(1, 2), sample(2, 7, false)}), 0);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 2);
        QCOMPARE(changed.at(0).at(1).value<QModelIndex>().row(), 2);
        QCOMPARE(inserted.size(), 0);
        QCOMPARE(model.data(model.index(2, ErrorSeriesModel::CountColumn)).toDouble(), 7.0);

        // Same data again: no signal at all.
        changed.clear();
        QCOMPARE(model.merge({sample(2, 7, false)}), 0);
        QCOMPARE(changed.size(), 0);

        // Append one bucket: exactly one rowsInserted (row 3).
        QCOMPARE(model.merge({sample(3, 4, false)}), 1);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted.at(0).at(1).toInt(), 3);
        QCOMPARE(inserted.at(0).at(2).toInt(), 3);

        // Complete the last bucket and append two: one dataChanged, one rowsInserted for both.
        changed.clear();
        inserted.clear();
        QCOMPARE(model.merge({sample(3, 5), sample(4, 1), sample(5, 2, false)}), 2);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted.at(0).at(1).toInt(), 4);
        QCOMPARE(inserted.at(0).at(2).toInt(), 5);
        QCOMPARE(reset.size(), 0);

        // Malformed samples in a poll are not inserted.
        inserted.clear();
        QCOMPARE(model.merge({sample(6, std::nan("")), sample(7, -2)}), 0);
        QCOMPARE(inserted.size(), 0);
        QCOMPARE(model.rowCount(), 6);
        QCOMPARE(model.data(model.index(0, 0), ErrorSeriesModel::TimeRole).toLongLong(), 0);
        QCOMPARE(model.data(model.index(4, 0), ErrorSeriesModel::RateRole).toDouble(), 1.0);
    }
};

QTEST_GUILESS_MAIN(ErrorSeriesModelTest)
#include "tst_errorseriesmodel.moc"
