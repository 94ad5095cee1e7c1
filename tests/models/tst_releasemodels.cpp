#include "releaselistmodel.h"
#include "releaseroles.h"
#include "releasetimelinemodel.h"
#include "services/releasemanager.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimeZone>

using namespace Shipdeck;

namespace {

Release makeRelease(const QString &version, int day)
{
    Release r;
    r.version = version;
    r.title = QStringLiteral("Release ") + version;
    r.plannedStart = QDateTime(QDate(2026, 12, day), QTime(10, 0), QTimeZone::UTC);
    r.plannedEnd = r.plannedStart.addSecs(3600);
    r.environments = {QStringLiteral("staging"), QStringLiteral("production")};
    return r;
}

/// Every structural signal a model can send; a test asserts exactly which ones arrived.
struct ModelSpies
{
    explicit ModelSpies(QAbstractItemModel *model)
        : dataChanged(model, &QAbstractItemModel::dataChanged)
        , inserted(model, &QAbstractItemModel::rowsInserted)
        , removed(model, &QAbstractItemModel::rowsRemoved)
        , moved(model, &QAbstractItemModel::rowsMoved)
        , reset(model, &QAbstractItemModel::modelReset)
        , layout(model, &QAbstractItemModel::layoutChanged)
    { }
    void clear()
    {
        for (QSignalSpy *spy : {&dataChanged, &inserted, &removed, &moved, &reset, &layout})
            spy->clear();
    }
    QSignalSpy dataChanged, inserted, removed, moved, reset, layout;
};

} // namespace

class TestReleaseModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void listFollowsManagerRowByRow()
    {
        ReleaseManager manager(nullptr);
        ReleaseListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setReleaseManager(&manager);
        ModelSpies spies(&model);

        const QString a = manager.addRelease(makeRelease(QStringLiteral("1.0"), 1));
        const QString b = manager.addRelease(makeRelease(QStringLiteral("2.0"), 2));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(spies.inserted.size(), 2);
        QCOMPARE(spies.inserted.at(1).at(1).toInt(), 1);
        QCOMPARE(model.index(1, ReleaseListModel::VersionColumn).data().toString(), QStringLiteral("2.0"));
        QCOMPARE(model.index(0, ReleaseListModel::EnvironmentsColumn).data().toString(),
                 QLocale().createSeparatedList({QStringLiteral("staging"), QStringLiteral("production")}));
        QCOMPARE(model.index(0, 0).data(ReleaseIdRole).toString(), a);

        spies.clear();
        QVERIFY(manager.setStatus(b, ReleaseStatus::Released));
        QCOMPARE(spies.dataChanged.size(), 1);
        QCOMPARE(spies.dataChanged.first().at(0).toModelIndex().row(), 1);
        QCOMPARE(spies.dataChanged.first().at(1).toModelIndex().row(), 1);
        QCOMPARE(spies.inserted.size() + spies.removed.size() + spies.reset.size() + spies.layout.size(), 0);
        QCOMPARE(model.index(1, ReleaseListModel::StatusColumn).data().toString(),
                 releaseStatusDisplayName(ReleaseStatus::Released));

        spies.clear();
        QVERIFY(manager.removeRelease(a));
        QCOMPARE(spies.removed.size(), 1);
        QCOMPARE(spies.removed.first().at(1).toInt(), 0);
        QCOMPARE(spies.reset.size(), 0);
        QCOMPARE(model.rowCount(), 1);
    }

    void setDataEdits_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<QString>("display");
        QTest::newRow("title") << int(ReleaseListModel::TitleColumn)
                               << QVariant(QStringLiteral("Renamed")) << true << QStringLiteral("Renamed");
        QTest::newRow("owner") << int(ReleaseListModel::OwnerColumn)
                               << QVariant(QStringLiteral("leila")) << true << QStringLiteral("leila");
        QTest::newRow("status") << int(ReleaseListModel::StatusColumn) << QVariant(int(ReleaseStatus::Cancelled))
                                << true << releaseStatusDisplayName(ReleaseStatus::Cancelled);
        QTest::newRow("status out of range") << int(ReleaseListModel::StatusColumn) << QVariant(42) << false
                                             << releaseStatusDisplayName(ReleaseStatus::Planned);
        QTest::newRow("empty version") << int(ReleaseListModel::VersionColumn)
                                       << QVariant(QStringLiteral(" ")) << false << QStringLiteral("1.0");
        QTest::newRow("environments are read-only")
            << int(ReleaseListModel::EnvironmentsColumn)
            << QVariant(QStringLiteral("x"))
                        << false
                        << QLocale().createSeparatedList({QStringLiteral("staging"), QStringLiteral("production")});
    }
    void setDataEdits()
    {
        QFETCH(int, column);
        QFETCH(QVariant, value);
        QFETCH(bool, accepted);
        QFETCH(QString, display);
        ReleaseManager manager(nullptr);
        manager.addRelease(makeRelease(QStringLiteral("1.0"), 1));
        ReleaseListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setReleaseManager(&manager);
        QSignalSpy changed(&manager, &ReleaseManager::releaseChanged);
        QCOMPARE(model.setData(model.index(0, column), value), accepted);
        QCOMPARE(changed.size(), accepted ? 1 : 0);
        QCOMPARE(model.index(0, column).data().toString(), display);
    }

    // The heart of the shared model layer: an edit through one model shows in every other model at once, each
    // with the fine-grained signals for exactly the row that changed.
    void changeThroughOneModelAppearsInAllOthers()
    {
        ReleaseManager manager(nullptr);
        const QString a = manager.addRelease(makeRelease(QStringLiteral("1.0"), 1));
        manager.addRelease(makeRelease(QStringLiteral("2.0"), 5));
        manager.addRelease(makeRelease(QStringLiteral("3.0"), 9));

        ReleaseListModel calendarTable, otherTable;
        ReleaseTimelineModel timeline;
        QAbstractItemModelTester t1(&calendarTable, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t2(&otherTable, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t3(&timeline, QAbstractItemModelTester::FailureReportingMode::QtTest);
        calendarTable.setReleaseManager(&manager);
        otherTable.setReleaseManager(&manager);
        timeline.setReleaseManager(&manager);
        QCOMPARE(timeline.index(0).data(ReleaseIdRole).toString(), a);

        ModelSpies otherSpies(&otherTable);
        ModelSpies timelineSpies(&timeline);

        // Reschedule 1.0 from Dec 1 to Dec 7 by editing the start cell in the calendar's table.
        const QDateTime newStart(QDate(2026, 12, 7), QTime(10, 0), QTimeZone::UTC);
        QVERIFY(calendarTable.setData(calendarTable.index(0, ReleaseListModel::StartColumn), newStart));

        // The other table: one dataChanged for row 0, all columns, nothing else.
        QCOMPARE(otherSpies.dataChanged.size(), 1);
        QCOMPARE(otherSpies.dataChanged.first().at(0).toModelIndex(), otherTable.index(0, 0));
        QCOMPARE(otherSpies.dataChanged.first().at(1).toModelIndex(),
                 otherTable.index(0, ReleaseListModel::ColumnCount - 1));
        QCOMPARE(otherSpies.inserted.size() + otherSpies.removed.size() + otherSpies.moved.size()
                     + otherSpies.reset.size() + otherSpies.layout.size(),
                 0);
        QCOMPARE(otherTable.index(0, ReleaseListModel::StartColumn).data(ReleaseStartRole).toDateTime(), newStart);

        // The timeline: the row moves from 0 to between 2.0 and 3.0, then one dataChanged at its new row.
        QCOMPARE(timelineSpies.moved.size(), 1);
        QCOMPARE(timelineSpies.moved.first().at(1).toInt(), 0); // start
        QCOMPARE(timelineSpies.moved.first().at(4).toInt(), 2); // destination row in the old numbering
        QCOMPARE(timelineSpies.dataChanged.size(), 1);
        QCOMPARE(timelineSpies.dataChanged.first().at(0).toModelIndex().row(), 1);
        QCOMPARE(timelineSpies.reset.size() + timelineSpies.layout.size(), 0);
        QCOMPARE(timeline.index(1).data(ReleaseIdRole).toString(), a);
        QCOMPARE(timeline.rowOf(a), 1);
    }

    void timelineOrdering()
    {
        ReleaseManager manager(nullptr);
        ReleaseTimelineModel timeline;
        QAbstractItemModelTester tester(&timeline, QAbstractItemModelTester::FailureReportingMode::QtTest);
        timeline.setReleaseManager(&manager);
        Release unscheduled = makeRelease(QStringLiteral("9.9"), 1);
        unscheduled.plannedStart = {};
        unscheduled.plannedEnd = {};
        manager.addRelease(unscheduled);
        manager.addRelease(makeRelease(QStringLiteral("3.0"), 20));
        const QString early = manager.addRelease(makeRelease(QStringLiteral("1.0"), 2));
        QStringList versions;
        for (int row = 0; row < timeline.rowCount(); ++row)
            versions << timeline.index(row).data(ReleaseVersionRole).toString();
        QCOMPARE(versions, (QStringList {QStringLiteral("1.0"), QStringLiteral("3.0"), QStringLiteral("9.9")}));

        // Move the earliest to the end and back.
        QVERIFY(manager.reschedule(early, QDateTime(QDate(2027, 1, 1), QTime(9, 0), QTimeZone::UTC), {}));
        QCOMPARE(timeline.rowOf(early), 1);
        QVERIFY(manager.reschedule(early, QDateTime(QDate(2026, 1, 1), QTime(9, 0), QTimeZone::UTC), {}));
        QCOMPARE(timeline.rowOf(early), 0);
        QVERIFY(manager.removeRelease(early));
        QCOMPARE(timeline.rowCount(), 2);
    }
};

QTEST_GUILESS_MAIN(TestReleaseModels)
#include "tst_releasemodels.moc"
