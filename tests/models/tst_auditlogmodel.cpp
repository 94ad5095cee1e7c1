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
        QSignalSpy failed(&log, &AuditLog::storageError);
        log.load();
        const bool answered = !loaded.isEmpty() || loaded.wait(30000); // may come before the wait
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
        QVERIFY(answered);
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
