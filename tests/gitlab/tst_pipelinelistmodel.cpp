// PipelineListModel follows PipelineMonitor row by row: exact signals, never a reset for an update.
#include "gitlab/pipelinelistmodel.h"
#include "gitlab/pipelinemonitor.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Shipdeck;
using namespace Qt::Literals::StringLiterals;

namespace {

Pipeline makePipeline(qint64 id, PipelineStatus status = PipelineStatus::Running)
{
    Pipeline p;
    p.id = id;
    p.iid = id;
    p.status = status;
    p.ref = u"main"_s;
    p.sha = u"0123456789abcdef"_s;
    p.createdAt = QDateTime(QDate(2026, 8, 20), QTime(10, 0), QTimeZone::UTC).addSecs(id);
    p.updatedAt = p.createdAt;
    return p;
}

} // namespace

class TestPipelineListModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void followsTheMonitor()
    {
        PipelineMonitor monitor(nullptr, nullptr);
        PipelineListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setMonitor(&monitor);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

        monitor.merge({makePipeline(10), makePipeline(30), makePipeline(20)}, true);
        QCOMPARE(inserted.count(), 3);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.idAt(0), 30); // newest first
        QCOMPARE(model.idAt(2), 10);
        QCOMPARE(model.data(model.index(0, PipelineListModel::StatusColumn), GitLabStatusRole).toInt(),
                 int(PipelineStatus::Running));
        QCOMPARE(model.data(model.index(0, PipelineListModel::ShaColumn)).toString(), u"01234567"_s);

        // A newer pipeline goes to the top.
        inserted.clear();
        monitor.merge({makePipeline(40)});
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.at(0).at(1).toInt(), 0);
        QCOMPARE(model.idAt(0), 40);

        // Merging the same data again is silent.
        inserted.clear();
        monitor.merge({makePipeline(40), makePipeline(30)});
        QCOMPARE(inserted.count(), 0);
        QCOMPARE(changed.count(), 0);

        // An authoritative list without 20 removes exactly that row.
        monitor.merge({makePipeline(40), makePipeline(30), makePipeline(10)}, true);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.at(0).at(1).toInt(), 2);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(reset.count(), 0);
    }

    void htmlStaysPlainText()
    {
        PipelineMonitor monitor(nullptr, nullptr);
        PipelineListModel model;
        model.setMonitor(&monitor);
        Pipeline p = makePipeline(1);
        p.commitTitle = u"<b>bold</b> <img src=x onerror=alert(1)> &amp;"_s;
        monitor.merge({p});
        QCOMPARE(model.data(model.index(0, PipelineListModel::TitleColumn)).toString(), p.commitTitle);
    }

    void durationAndSource_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("startedSecondsAgo");
        QTest::addColumn<double>("duration");
        QTest::addColumn<QString>("expected");
        QTest::newRow("running: time so far") << int(PipelineStatus::Running) << 95 << 0.0 << u"1 min 35 s"_s;
        QTest::newRow("finished: its duration") << int(PipelineStatus::Success) << 4000 << 754.0 << u"12 min 34 s"_s;
        QTest::newRow("not started") << int(PipelineStatus::Pending) << -1 << 0.0 << QString();
        QTest::newRow("long") << int(PipelineStatus::Failed) << 9000 << 3725.0 << u"1 h 02 min"_s;
    }
    void durationAndSource()
    {
        QFETCH(int, status);
        QFETCH(int, startedSecondsAgo);
        QFETCH(double, duration);
        QFETCH(QString, expected);
        PipelineMonitor monitor(nullptr, nullptr);
        PipelineListModel model;
        model.setMonitor(&monitor);
        Pipeline p = makePipeline(1, PipelineStatus(status));
        p.source = u"merge_request_event"_s;
        if (startedSecondsAgo >= 0)
            p.startedAt = QDateTime::currentDateTimeUtc().addSecs(-startedSecondsAgo);
        p.duration = duration;
        monitor.merge({p});
        const QString shown = model.index(0, PipelineListModel::DurationColumn).data().toString();
        // A second may tick between the merge and the read.
        QVERIFY2(shown == expected || (startedSecondsAgo == 95 && shown == u"1 min 36 s"_s), qPrintable(shown));
        QCOMPARE(model.index(0, 0).data(GitLabSourceRole).toString(), u"merge_request_event"_s);
        QCOMPARE(pipelineSourceDisplayName(u"merge_request_event"_s), u"Merge request"_s);
        QCOMPARE(pipelineSourceDisplayName(u"something_new"_s), u"something_new"_s);
    }

    void durationsInTheUsersDigits()
    {
        QCOMPARE(formatDuration(125), u"2 min 05 s"_s);
        QLocale::setDefault(QLocale(QLocale::Persian));
        const QString persian = formatDuration(125);
        QLocale::setDefault(QLocale::c());
        // ۲ and ۰۵: Persian digits, the seconds still two wide.
        QVERIFY2(persian.contains(QChar(0x06F2)) && persian.contains(u"\u06F0\u06F5"_s), qPrintable(persian));
        QVERIFY(!persian.contains(u'2'));
    }

    void singleUpdateOfOneInAThousandRows_data()
    {
        QTest::addColumn<int>("row");
        QTest::newRow("first") << 0;
        QTest::newRow("middle") << 500;
        QTest::newRow("last") << 999;
    }
    void singleUpdateOfOneInAThousandRows()
    {
        QFETCH(int, row);
        PipelineMonitor monitor(nullptr, nullptr);
        QList<Pipeline> pipelines;
        for (int i = 1; i <= 1000; ++i)
            pipelines.append(makePipeline(i));
        monitor.merge(pipelines, true);
        PipelineListModel model;
        model.setMonitor(&monitor);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy monitorChanged(&monitor, &PipelineMonitor::pipelineChanged);

        Pipeline updated = *monitor.pipeline(model.idAt(row));
        updated.status = PipelineStatus::Success;
        updated.updatedAt = updated.updatedAt.addSecs(60);
        monitor.merge({updated});

        QCOMPARE(monitorChanged.count(), 1);
        QCOMPARE(changed.count(), 1);
        const auto topLeft = changed.at(0).at(0).value<QModelIndex>();
        const auto bottomRight = changed.at(0).at(1).value<QModelIndex>();
        QCOMPARE(topLeft.row(), row);
        QCOMPARE(bottomRight.row(), row);
        QCOMPARE(topLeft.column(), 0);
        QCOMPARE(bottomRight.column(), PipelineListModel::ColumnCount - 1);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(layout.count(), 0);
        QCOMPARE(inserted.count(), 0);
        QCOMPARE(removed.count(), 0);
        QCOMPARE(model.data(model.index(row, 0), GitLabStatusRole).toInt(), int(PipelineStatus::Success));
    }
};

QTEST_MAIN(TestPipelineListModel)
#include "tst_pipelinelistmodel.moc"
