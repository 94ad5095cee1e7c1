#include "storage/database.h"
#include "storage/stores.h"

#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Shipdeck;

namespace {

/// Runs @p fn on the database thread and returns its result, failing the test on a DatabaseError.
template<typename Fn> auto runSync(Database &db, Fn fn)
{
    return db.run(fn).result();
}

QStringList tableNames(Database &db)
{
    return runSync(db, [](QSqlDatabase &c) { return c.tables(); });
}

Release sampleRelease()
{
    const QTimeZone berlin(QByteArrayLiteral("Europe/Berlin"));
    Release r;
    r.id = QStringLiteral("r1");
    r.version = QStringLiteral("2.4.0");
    r.title = QStringLiteral("Onboarding");
    r.plannedStart = QDateTime(QDate(2026, 12, 1), QTime(10, 0), berlin);
    r.plannedEnd = QDateTime(QDate(2026, 12, 1), QTime(12, 0), berlin);
    r.environments = {QStringLiteral("staging"), QStringLiteral("production")};
    r.status = ReleaseStatus::Scheduled;
    r.owner = QStringLiteral("amira");
    r.milestone = QStringLiteral("2.4");
    r.tag = QStringLiteral("v2.4.0");
    r.notesDocument = QStringLiteral("notes-1");
    return r;
}

} // namespace

class TestDatabase : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void freshDatabaseHasCurrentSchema()
    {
        Database db(QStringLiteral(":memory:"));
        db.open().waitForFinished();
        QCOMPARE(runSync(db, [](QSqlDatabase &c) { return Database::userVersion(c); }), Database::schemaVersion);
        const QStringList tables = tableNames(db);
        for (const char *table : {"releases", "environments", "release_environments", "freeze_windows", "audit_events"})
            QVERIFY2(tables.contains(QLatin1StringView(table)), table);
    }

    void foreignKeysAreEnforced()
    {
        Database db(QStringLiteral(":memory:"));
        db.open().waitForFinished();
        const bool inserted = runSync(db, [](QSqlDatabase &c) {
            QSqlQuery q(c);
            return q.exec(QStringLiteral("INSERT INTO release_environments (release_id, environment, position) "
                                         "VALUES ('missing', 'nowhere', 0)"));
        });
        QVERIFY(!inserted);
    }

    void fileDatabaseUsesWal()
    {
        QTemporaryDir dir;
        Database db(dir.filePath(QStringLiteral("wal.sqlite")));
        db.open().waitForFinished();
        const QString mode = runSync(db, [](QSqlDatabase &c) {
            QSqlQuery q(c);
            q.exec(QStringLiteral("PRAGMA journal_mode"));
            q.next();
            return q.value(0).toString();
        });
        QCOMPARE(mode, QStringLiteral("wal"));
    }

    // A workspace written by schema version 1 keeps every release and environment after the upgrade.
    void migrationFromVersion1KeepsData()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v1.sqlite"));
        {
            Database v1(path);
            runSync(v1, [](QSqlDatabase &c) {
                Database::migrate(c, 1);
                Database::exec(c,
                               QStringLiteral("INSERT INTO releases (id, version, title, planned_start, planned_end, "
                                                 "time_zone, status, owner, milestone, tag) VALUES ('a', '1.0.0', "
                                                 "'First', 1764583200000, 1764590400000, 'Europe/Berlin', "
                                                 "'released', 'amira', '1.0', 'v1.0.0')"));
                Database::exec(c,
                               QStringLiteral("INSERT INTO environments (name, tier) VALUES ('production', "
                                                 "'production')"));
                Database::exec(c, QStringLiteral("INSERT INTO release_environments VALUES ('a', 'production', 0)"));
                return 0;
            });
            QCOMPARE(runSync(v1, [](QSqlDatabase &c) { return Database::userVersion(c); }), 1);
        }
        Database current(path);
        current.open().waitForFinished();
        QCOMPARE(runSync(current, [](QSqlDatabase &c) { return Database::userVersion(c); }), Database::schemaVersion);
        const QList<Release> releases = runSync(current, [](QSqlDatabase &c) { return ReleaseStore::loadAll(c); });
        QCOMPARE(releases.size(), 1);
        const Release &r = releases.first();
        QCOMPARE(r.version, QStringLiteral("1.0.0"));
        QCOMPARE(r.title, QStringLiteral("First"));
        QCOMPARE(r.status, ReleaseStatus::Released);
        QCOMPARE(r.environments, QStringList {QStringLiteral("production")});
        QCOMPARE(r.plannedStart.toMSecsSinceEpoch(), 1764583200000);
        QCOMPARE(r.plannedStart.timeZone().id(), QByteArrayLiteral("Europe/Berlin"));
        QCOMPARE(r.notesDocument, QString()); // the column added by version 2 has its default
        const QList<Environment> environments
            = runSync(current, [](QSqlDatabase &c) { return EnvironmentStore::loadAll(c); });
        QCOMPARE(environments.size(), 1);
        QCOMPARE(environments.first().tier, QStringLiteral("production"));
    }

    void newerSchemaIsRefusedAndUntouched()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("future.sqlite"));
        {
            Database future(path);
            runSync(future, [](QSqlDatabase &c) {
                Database::exec(c, QStringLiteral("CREATE TABLE keep (x INTEGER)"));
                Database::exec(c, QStringLiteral("PRAGMA user_version = 99"));
                return 0;
            });
        }
        Database db(path);
        QFuture<void> opened = db.open();
        QVERIFY_THROWS_EXCEPTION(DatabaseError, opened.waitForFinished());
        QCOMPARE(runSync(db, [](QSqlDatabase &c) { return Database::userVersion(c); }), 99);
        QCOMPARE(tableNames(db), QStringList {QStringLiteral("keep")});
    }

    void releaseRoundTrip()
    {
        Database db(QStringLiteral(":memory:"));
        db.open().waitForFinished();
        const Release release = sampleRelease();
        db.transaction([release](QSqlDatabase &c) { ReleaseStore::save(c, release); }).waitForFinished();
        QList<Release> loaded = runSync(db, [](QSqlDatabase &c) { return ReleaseStore::loadAll(c); });
        QCOMPARE(loaded.size(), 1);
        QCOMPARE(loaded.first(), release);

        Release changed = release;
        changed.environments = {QStringLiteral("production")};
        changed.status = ReleaseStatus::RolledBack;
        db.transaction([changed](QSqlDatabase &c) { ReleaseStore::save(c, changed); }).waitForFinished();
        loaded = runSync(db, [](QSqlDatabase &c) { return ReleaseStore::loadAll(c); });
        QCOMPARE(loaded, QList<Release> {changed});

        db.transaction([](QSqlDatabase &c) { ReleaseStore::remove(c, QStringLiteral("r1")); }).waitForFinished();
        QVERIFY(runSync(db, [](QSqlDatabase &c) { return ReleaseStore::loadAll(c); }).isEmpty());
        // The link rows went with the release (ON DELETE CASCADE).
        const int links = runSync(db, [](QSqlDatabase &c) {
            QSqlQuery q(c);
            q.exec(QStringLiteral("SELECT COUNT(*) FROM release_environments"));
            q.next();
            return q.value(0).toInt();
        });
        QCOMPARE(links, 0);
    }

    // Writes run in order, survive the caller, and report failures through writeFailed().
    void writesAreQueuedInOrder()
    {
        Database db(QStringLiteral(":memory:"));
        db.open().waitForFinished();
        QSignalSpy failed(&db, &Database::writeFailed);
        Release release = sampleRelease();
        db.write([release](QSqlDatabase &c) { ReleaseStore::save(c, release); });
        release.title = QStringLiteral("Second write wins");
        db.write([release](QSqlDatabase &c) { ReleaseStore::save(c, release); });
        db.write([](QSqlDatabase &c) { Database::exec(c, QStringLiteral("INSERT INTO no_such_table VALUES (1)")); });
        const QList<Release> loaded = runSync(db, [](QSqlDatabase &c) { return ReleaseStore::loadAll(c); });
        QCOMPARE(loaded, QList<Release> {release});
        // The failure was reported from the database thread before the read above returned.
        QTRY_COMPARE(failed.size(), 1);
    }

    void failedTransactionRollsBack()
    {
        Database db(QStringLiteral(":memory:"));
        db.open().waitForFinished();
        const Release release = sampleRelease();
        QFuture<void> failing = db.transaction([release](QSqlDatabase &c) {
            ReleaseStore::save(c, release);
            Database::exec(c, QStringLiteral("INSERT INTO no_such_table VALUES (1)"));
        });
        QVERIFY_THROWS_EXCEPTION(DatabaseError, failing.waitForFinished());
        QVERIFY(runSync(db, [](QSqlDatabase &c) { return ReleaseStore::loadAll(c); }).isEmpty());
    }

    void auditTrailIsNewestFirst()
    {
        Database db(QStringLiteral(":memory:"));
        db.open().waitForFinished();
        const QDateTime t0(QDate(2026, 11, 1), QTime(9, 0), QTimeZone::UTC);
        for (int i = 0; i < 3; ++i) {
            const AuditEvent e {
                .when = t0.addSecs(i * 60),
                .who = QStringLiteral("amira"),
                                      .what = QStringLiteral("rollback.start"), .subject = QString::number(i),
                                                             .why = QStringLiteral("errors"),
                                                                                   .outcome = QStringLiteral("ok")};
            db.transaction([e](QSqlDatabase &c) { return AuditStore::append(c, e); }).waitForFinished();
        }
        const QList<AuditEvent> events = runSync(db, [](QSqlDatabase &c) { return AuditStore::loadRecent(c, 2); });
        QCOMPARE(events.size(), 2);
        QCOMPARE(events[0].subject, QStringLiteral("2"));
        QCOMPARE(events[1].subject, QStringLiteral("1"));
        QCOMPARE(events[0].when, t0.addSecs(120));
        QVERIFY(events[0].id > events[1].id);
    }

    void storedTimeKeepsZone_data()
    {
        QTest::addColumn<QDateTime>("time");
        QTest::newRow("berlin") << QDateTime(QDate(2026, 3, 29), QTime(1, 30), QTimeZone("Europe/Berlin"));
        QTest::newRow("tehran") << QDateTime(QDate(2026, 6, 1), QTime(23, 0), QTimeZone("Asia/Tehran"));
        QTest::newRow("utc") << QDateTime(QDate(2026, 1, 1), QTime(0, 0), QTimeZone::UTC);
        QTest::newRow("invalid") << QDateTime();
    }
    void storedTimeKeepsZone()
    {
        QFETCH(QDateTime, time);
        const QDateTime back = fromStoredTime(toStoredTime(time), timeZoneId(time));
        QCOMPARE(back.isValid(), time.isValid());
        if (time.isValid()) {
            QCOMPARE(back.toMSecsSinceEpoch(), time.toMSecsSinceEpoch());
            QCOMPARE(back.timeZone().id(), time.timeZone().id());
        }
    }
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
