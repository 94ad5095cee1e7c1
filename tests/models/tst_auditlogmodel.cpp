#include "auditlogmodel.h"
#include "services/auditlog.h"
#include "storage/database.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimeZone>

using namespace Shipdeck;

class TestAuditLogModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void newEventsGoOnTopLoadedBelow()
    {
        Database db(QStringLiteral(":memory:"));
        db.open().waitForFinished();
        {
            AuditLog writer(&db);
            writer.record(AuditEvent {.who = QStringLiteral("old"), .what = QStringLiteral("deploy")});
        }
        AuditLog log(&db);
        AuditLogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setAuditLog(&log);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

        log.record(AuditEvent {.who = QStringLiteral("<b>amira</b>"), .what = QStringLiteral("rollback.start")});
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted.first().at(1).toInt(), 0);

        QSignalSpy loaded(&log, &AuditLog::eventsLoaded);
        log.load();
        QVERIFY(loaded.wait(30000));
        // The new event, then the stored one; the new event, already written, is not listed twice.
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(inserted.last().at(1).toInt(), 1);
        QCOMPARE(model.index(0, AuditLogModel::WhoColumn).data().toString(), QStringLiteral("<b>amira</b>"));
        QCOMPARE(model.index(1, AuditLogModel::WhoColumn).data().toString(), QStringLiteral("old"));
        QCOMPARE(model.headerData(AuditLogModel::WhyColumn, Qt::Horizontal).toString(), QStringLiteral("Why"));
    }
};

QTEST_GUILESS_MAIN(TestAuditLogModel)
#include "tst_auditlogmodel.moc"
