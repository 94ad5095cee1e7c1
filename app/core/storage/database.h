#pragma once

#include <QException>
#include <QFuture>
#include <QObject>
#include <QPromise>
#include <QString>
#include <QThread>

#include <functional>
#include <memory>
#include <type_traits>
#include <utility>

#include <QSqlDatabase>

class QSqlQuery;

namespace Shipdeck {

/// A failed database operation; carried across threads by QFuture.
class DatabaseError : public QException
{
public:
    explicit DatabaseError(QString message) : m_message(std::move(message)) { }
    void raise() const override { throw *this; }
    [[nodiscard]] DatabaseError *clone() const override { return new DatabaseError(*this); }
    [[nodiscard]] const QString &message() const { return m_message; }

private:
    QString m_message;
};

/**
 * The SQLite store. Every statement runs on one dedicated worker thread that owns the connection (Elisa's pattern),
 * so the GUI thread never waits for the disk; callers get a QFuture and continue with .then(context, …).
 *
 * open() applies the versioned migrations (PRAGMA user_version) in transactions, with foreign keys on and WAL
 * journaling. A database from a newer Shipdeck is refused rather than touched.
 */
class Database : public QObject
{
    Q_OBJECT
public:
    /// @p path is a file path, or ":memory:" for a private in-memory database (tests).
    explicit Database(QString path, QObject *parent = nullptr);
    /// Finishes the queued work, then closes the connection.
    ~Database() override;

    /// The schema version this build writes.
    static constexpr int schemaVersion = 2;

    [[nodiscard]] QString path() const { return m_path; }

    /// Opens the connection and migrates the schema. Fails with DatabaseError.
    QFuture<void> open();

    /// Runs @p fn(QSqlDatabase &) on the database thread. Throw DatabaseError from @p fn to fail the future.
    template<typename Fn> auto run(Fn &&fn) -> QFuture<std::invoke_result_t<Fn, QSqlDatabase &>>
    {
        // A QPromise, not QtConcurrent::run: waiting on a QtConcurrent future may run the task in the waiting
        // thread ("work stealing"), which would use the connection from the wrong thread and overtake queued writes.
        using Result = std::invoke_result_t<Fn, QSqlDatabase &>;
        auto promise = std::make_shared<QPromise<Result>>();
        QFuture<Result> future = promise->future();
        promise->start();
        post([this, promise, fn = std::forward<Fn>(fn)]() mutable {
            try {
                if constexpr (std::is_void_v<Result>)
                    fn(connection());
                else
                    promise->addResult(fn(connection()));
            } catch (...) {
                promise->setException(std::current_exception());
            }
            promise->finish();
        });
        return future;
    }

    /// Runs @p fn inside a transaction: committed when it returns, rolled back when it throws.
    template<typename Fn> auto transaction(Fn &&fn) -> QFuture<std::invoke_result_t<Fn, QSqlDatabase &>>
    {
        return run([fn = std::forward<Fn>(fn)](QSqlDatabase &db) mutable { return inTransaction(db, fn); });
    }

    /**
     * Queues @p fn(QSqlDatabase &) as a write in its own transaction. A write is never cancelled once queued, not
     * even when its caller is destroyed; a failure is reported by writeFailed(). Writes run in the order queued.
     */
    template<typename Fn> void write(Fn &&fn)
    {
        post([this, fn = std::forward<Fn>(fn)]() mutable {
            try {
                inTransaction(connection(), fn);
            } catch (const DatabaseError &error) {
                Q_EMIT writeFailed(error.message()); // queued to receivers in other threads
            }
        });
    }

    /// Helpers for code running on the database thread.
    static void exec(QSqlQuery &query);
    static void exec(QSqlDatabase &db, const QString &statement);
    static int userVersion(QSqlDatabase &db);
    /// Migrates @p db from its version to @p target (tests use it to create old schemas).
    static void migrate(QSqlDatabase &db, int target = schemaVersion);

    template<typename Fn>
    static auto inTransaction(QSqlDatabase &db, Fn &fn) -> std::invoke_result_t<Fn, QSqlDatabase &>
    {
        begin(db);
        try {
            if constexpr (std::is_void_v<std::invoke_result_t<Fn, QSqlDatabase &>>) {
                fn(db);
                commit(db);
            } else {
                auto result = fn(db);
                commit(db);
                return result;
            }
        } catch (...) {
            rollback(db);
            throw;
        }
    }

Q_SIGNALS:
    /// A write() failed and was rolled back. Emitted from the database thread.
    void writeFailed(const QString &message);

private:
    static void begin(QSqlDatabase &db);
    static void commit(QSqlDatabase &db);
    static void rollback(QSqlDatabase &db);
    QSqlDatabase &connection();
    /// Queues @p task on the database thread; tasks run one at a time, in the order posted.
    void post(std::function<void()> task);

    QString m_path;
    QString m_connectionName;
    QSqlDatabase m_db; ///< used on the pool's thread only
    // A dedicated thread with an event loop (Elisa's pattern): tasks are posted events to m_worker, so they run one
    // at a time, in the order posted, on the thread that owns the connection.
    QThread m_thread;
    QObject *m_worker; ///< lives in m_thread; tasks are posted to it
};

} // namespace Shipdeck
