#include "database.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUuid>

#include <array>

namespace Shipdeck {

namespace {

// Migration N takes the schema from version N-1 to N. Never edit a released step: add a new one.
const std::array<QStringList, Database::schemaVersion> migrations {{
    // 1: releases, environments and their link.
    {
        QStringLiteral("CREATE TABLE releases ("
                       " id TEXT PRIMARY KEY,"
                       " version TEXT NOT NULL CHECK (version <> ''),"
                       " title TEXT NOT NULL DEFAULT '',"
                       " planned_start INTEGER,"
                       " planned_end INTEGER,"
                       " time_zone TEXT NOT NULL DEFAULT 'UTC',"
                       " status TEXT NOT NULL DEFAULT 'planned',"
                       " owner TEXT NOT NULL DEFAULT '',"
                       " milestone TEXT NOT NULL DEFAULT '',"
                       " tag TEXT NOT NULL DEFAULT '',"
                       " CHECK (planned_end IS NULL OR planned_start IS NULL OR planned_end >= planned_start))"),
            QStringLiteral("CREATE TABLE environments ("
                       " name TEXT PRIMARY KEY,"
                       " tier TEXT NOT NULL DEFAULT '',"
                       " external_url TEXT NOT NULL DEFAULT '')"),
                QStringLiteral("CREATE TABLE release_environments ("
                       " release_id TEXT NOT NULL REFERENCES releases(id) ON DELETE CASCADE,"
                       " environment TEXT NOT NULL REFERENCES environments(name) ON UPDATE CASCADE,"
                       " position INTEGER NOT NULL,"
                       " PRIMARY KEY (release_id, environment))"),
                               QStringLiteral("CREATE INDEX releases_by_start ON releases(planned_start)"),
                },
                // 2: release-notes link, freeze windows, the audit trail.
                {
                    QStringLiteral("ALTER TABLE releases ADD COLUMN notes_document TEXT NOT NULL DEFAULT ''"),
                        QStringLiteral("ALTER TABLE environments ADD COLUMN state TEXT NOT NULL DEFAULT ''"),
                            QStringLiteral("ALTER TABLE environments ADD COLUMN gitlab_id INTEGER NOT NULL DEFAULT 0"),
                                           QStringLiteral("CREATE TABLE freeze_windows ("
                       " id TEXT PRIMARY KEY,"
                       " starts_at INTEGER NOT NULL,"
                       " ends_at INTEGER NOT NULL,"
                       " time_zone TEXT NOT NULL DEFAULT 'UTC',"
                       " reason TEXT NOT NULL DEFAULT '',"
                       " source TEXT NOT NULL DEFAULT 'local',"
                       " CHECK (ends_at > starts_at))"),
                                                          QStringLiteral("CREATE TABLE audit_events ("
                       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " at INTEGER NOT NULL,"
                       " actor TEXT NOT NULL,"
                       " action TEXT NOT NULL,"
                       " subject TEXT NOT NULL DEFAULT '',"
                       " reason TEXT NOT NULL DEFAULT '',"
                       " outcome TEXT NOT NULL DEFAULT '')"),
                                           },
                        }};

} // namespace

Database::Database(QString path, QObject *parent)
    : QObject(parent)
    , m_path(std::move(path))
    , m_connectionName(QStringLiteral("shipdeck-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
                       , m_worker(new QObject)
{
    // One thread for the lifetime of this object: the connection lives in it.
    m_thread.setObjectName(QStringLiteral("shipdeck-database"));
    m_worker->moveToThread(&m_thread);
    m_thread.start();
}

Database::~Database()
{
    // Posted last, so it runs after everything already submitted, on the thread that owns the connection; it ends
    // the thread's event loop only then.
    post([this] {
        if (m_db.isOpen())
            m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
        m_thread.quit();
    });
    m_thread.wait();
    delete m_worker;
}

void Database::post(std::function<void()> task)
{
    QMetaObject::invokeMethod(m_worker, std::move(task), Qt::QueuedConnection);
}

QSqlDatabase &Database::connection()
{
    // Only ever called on the pool's single thread.
    QSqlDatabase &db = m_db;
    if (!db.isValid()) {
        db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
        db.setDatabaseName(m_path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    }
    if (!db.isOpen()) {
        if (!db.open())
            throw DatabaseError(tr("Cannot open the database %1: %2").arg(m_path, db.lastError().text()));
        exec(db, QStringLiteral("PRAGMA foreign_keys = ON"));
        if (m_path != QLatin1StringView(":memory:")) {
            QSqlQuery wal(db);
            if (!wal.exec(QStringLiteral("PRAGMA journal_mode = WAL")))
                throw DatabaseError(tr("Cannot enable the write-ahead log: %1").arg(wal.lastError().text()));
            exec(db, QStringLiteral("PRAGMA synchronous = NORMAL"));
        }
    }
    return db;
}

QFuture<void> Database::open()
{
    return run([](QSqlDatabase &db) { migrate(db); });
}

void Database::exec(QSqlQuery &query)
{
    if (!query.exec())
        throw DatabaseError(tr("A database query failed: %1").arg(query.lastError().text()));
}

void Database::exec(QSqlDatabase &db, const QString &statement)
{
    QSqlQuery query(db);
    if (!query.exec(statement))
        throw DatabaseError(tr("A database query failed: %1").arg(query.lastError().text()));
}

int Database::userVersion(QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
        throw DatabaseError(tr("Cannot read the database version: %1").arg(query.lastError().text()));
    return query.value(0).toInt();
}

void Database::migrate(QSqlDatabase &db, int target)
{
    Q_ASSERT(target >= 0 && target <= schemaVersion);
    const int current = userVersion(db);
    if (current > schemaVersion) {
        throw DatabaseError(tr("The database was written by a newer Shipdeck (schema %1; this version knows %2). "
                               "It was left untouched.")
                                .arg(current)
                                .arg(schemaVersion));
    }
    for (int version = current + 1; version <= target; ++version) {
        auto step = [version](QSqlDatabase &d) {
            for (const QString &statement : migrations[size_t(version - 1)])
                exec(d, statement);
            exec(d, QStringLiteral("PRAGMA user_version = %1").arg(version));
        };
        inTransaction(db, step);
    }
}

void Database::begin(QSqlDatabase &db)
{
    if (!db.transaction())
        throw DatabaseError(tr("Cannot start a transaction: %1").arg(db.lastError().text()));
}

void Database::commit(QSqlDatabase &db)
{
    if (!db.commit()) {
        const QString error = db.lastError().text();
        db.rollback();
        throw DatabaseError(tr("Cannot commit a transaction: %1").arg(error));
    }
}

void Database::rollback(QSqlDatabase &db)
{
    db.rollback();
}

} // namespace Shipdeck
