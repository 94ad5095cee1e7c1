#include "services/auditlog.h"
#include "services/releasemanager.h"
#include "storage/database.h"
#include "storage/stores.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Shipdeck;

namespace {

Release makeRelease(const QString &version, int day)
{
    Release r;
    r.version = version;
    r.title = QStringLiteral("Release ") + version;
    r.plannedStart = QDateTime(QDate(2026, 12, day), QTime(10, 0), QTimeZone("Europe/Berlin"));
    r.plannedEnd = r.plannedStart.addSecs(3600);
    r.environments = {QStringLiteral("production")};
    return r;
}

} // namespace

class TestReleaseManager : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void addEmitsAddedOnceWithId()
    {
        ReleaseManager manager(nullptr);
        QSignalSpy added(&manager, &ReleaseManager::releaseAdded);
        QSignalSpy changed(&manager, &ReleaseManager::releaseChanged);
        const QString id = manager.addRelease(makeRelease(QStringLiteral("1.0.0"), 1));
        QVERIFY(!id.isEmpty());
        QCOMPARE(added.size(), 1);
        QCOMPARE(added.first().first().toString(), id);
        QCOMPARE(changed.size(), 0);
        QCOMPARE(manager.release(id)->version, QStringLiteral("1.0.0"));
        QCOMPARE(manager.releaseIds(), QStringList {id});
    }

    void invalidReleasesAreRejected_data()
    {
        QTest::addColumn<Release>("release");
        Release noVersion = makeRelease(QString(), 1);
        QTest::newRow("no version") << noVersion;
        Release blank = makeRelease(QStringLiteral("  "), 1);
        QTest::newRow("blank version") << blank;
        Release backwards = makeRelease(QStringLiteral("1.0"), 2);
        backwards.plannedEnd = backwards.plannedStart.addDays(-1);
        QTest::newRow("ends before it starts") << backwards;
    }
    void invalidReleasesAreRejected()
    {
        QFETCH(Release, release);
        ReleaseManager manager(nullptr);
        QSignalSpy added(&manager, &ReleaseManager::releaseAdded);
        QVERIFY(manager.addRelease(release).isEmpty());
        QCOMPARE(added.size(), 0);
        QCOMPARE(manager.count(), 0);
    }

    void duplicateIdIsRejected()
    {
        ReleaseManager manager(nullptr);
        Release r = makeRelease(QStringLiteral("1.0"), 1);
        r.id = QStringLiteral("fixed");
        QCOMPARE(manager.addRelease(r), QStringLiteral("fixed"));
        QVERIFY(manager.addRelease(r).isEmpty());
        QCOMPARE(manager.count(), 1);
    }

    void updateEmitsChangedOnlyWhenDifferent()
    {
        ReleaseManager manager(nullptr);
        const QString id = manager.addRelease(makeRelease(QStringLiteral("1.0"), 1));
        QSignalSpy changed(&manager, &ReleaseManager::releaseChanged);
        Release r = *manager.release(id);
        QVERIFY(manager.updateRelease(r));
        QCOMPARE(changed.size(), 0);
        r.title = QStringLiteral("Renamed");
        QVERIFY(manager.updateRelease(r));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().first().toString(), id);
        QCOMPARE(manager.release(id)->title, QStringLiteral("Renamed"));
        Release unknown = r;
        unknown.id = QStringLiteral("nope");
        QVERIFY(!manager.updateRelease(unknown));
        QCOMPARE(changed.size(), 1);
    }

    void rescheduleAndStatusAreAudited()
    {
        AuditLog audit(nullptr);
        ReleaseManager manager(nullptr);
        manager.setAuditLog(&audit, QStringLiteral("amira"));
        const QString id = manager.addRelease(makeRelease(QStringLiteral("1.0"), 1));
        QSignalSpy recorded(&audit, &AuditLog::eventRecorded);
        const Release before = *manager.release(id);
        QVERIFY(manager.reschedule(id, before.plannedStart.addDays(2), before.plannedEnd.addDays(2)));
        QVERIFY(manager.setStatus(id, ReleaseStatus::InProgress));
        QVERIFY(manager.setStatus(id, ReleaseStatus::InProgress)); // no change, no audit
        QCOMPARE(recorded.size(), 2);
        QCOMPARE(audit.events().at(1).what, QStringLiteral("release.reschedule"));
        QCOMPARE(audit.events().at(0).what, QStringLiteral("release.status"));
        QCOMPARE(audit.events().at(0).who, QStringLiteral("amira"));
        QCOMPARE(audit.events().at(0).outcome, QStringLiteral("planned → in_progress"));
        QCOMPARE(audit.events().at(0).subject, QStringLiteral("1.0"));
        QCOMPARE(manager.release(id)->plannedStart, before.plannedStart.addDays(2));
    }

    void removeEmitsRemoved()
    {
        ReleaseManager manager(nullptr);
        const QString a = manager.addRelease(makeRelease(QStringLiteral("1.0"), 1));
        const QString b = manager.addRelease(makeRelease(QStringLiteral("2.0"), 2));
        QSignalSpy removed(&manager, &ReleaseManager::releaseRemoved);
        QVERIFY(manager.removeRelease(a));
        QVERIFY(!manager.removeRelease(a));
        QCOMPARE(removed.size(), 1);
        QCOMPARE(removed.first().first().toString(), a);
        QCOMPARE(manager.releaseIds(), QStringList {b});
        QVERIFY(!manager.release(a));
    }

    // Changes are written to the database and survive a restart.
    void persistsAcrossRestart()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("shipdeck.sqlite"));
        QString id;
        {
            Database db(path);
            db.open().waitForFinished();
            QSignalSpy failed(&db, &Database::writeFailed);
            ReleaseManager manager(&db);
            id = manager.addRelease(makeRelease(QStringLiteral("1.0"), 1));
            manager.addRelease(makeRelease(QStringLiteral("2.0"), 2));
            QVERIFY(manager.setStatus(id, ReleaseStatus::Released));
            const QString gone = manager.addRelease(makeRelease(QStringLiteral("3.0"), 3));
            QVERIFY(manager.removeRelease(gone));
            const auto stored = db.run([](QSqlDatabase &c) { return ReleaseStore::loadAll(c); }).result();
            QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
            QCOMPARE(stored.size(), 2);
            QCoreApplication::processEvents();
            QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
        } // ~Database finishes the queued writes
        Database db(path);
        db.open().waitForFinished();
        ReleaseManager manager(&db);
        QSignalSpy loaded(&manager, &ReleaseManager::loaded);
        QSignalSpy added(&manager, &ReleaseManager::releaseAdded);
        QSignalSpy loadError(&manager, &ReleaseManager::storageError);
        manager.load();
        QVERIFY(!loaded.isEmpty() || loaded.wait(30000)); // may come before the wait
        QVERIFY2(loadError.isEmpty(), loadError.isEmpty() ? "" : qPrintable(loadError.first().first().toString()));
        QCOMPARE(added.size(), 2);
        QCOMPARE(manager.count(), 2);
        QCOMPARE(manager.release(id)->status, ReleaseStatus::Released);
        QCOMPARE(manager.release(id)->environments, QStringList {QStringLiteral("production")});
    }

    void storageErrorKeepsChangeInMemory()
    {
        QTemporaryDir dir;
        Database db(dir.filePath(QStringLiteral("newer.sqlite")));
        db.run([](QSqlDatabase &c) {
              Database::exec(c, QStringLiteral("PRAGMA user_version = 99"));
          }).waitForFinished();
        ReleaseManager manager(&db);
        QSignalSpy error(&db, &Database::writeFailed);
        const QString id = manager.addRelease(makeRelease(QStringLiteral("1.0"), 1));
        QTRY_COMPARE(error.size(), 1);
        QVERIFY(!error.first().first().toString().isEmpty());
        QVERIFY(manager.release(id)); // nothing lost in memory
    }
};

QTEST_GUILESS_MAIN(TestReleaseManager)
#include "tst_releasemanager.moc"
