#pragma once

#include "domain/auditevent.h"
#include "domain/environment.h"
#include "domain/release.h"

#include <QList>

class QSqlDatabase;

namespace Shipdeck {

/// Row mapping for releases. Runs on the database thread (inside Database::run/transaction); throws DatabaseError.
namespace ReleaseStore {
[[nodiscard]] QList<Release> loadAll(QSqlDatabase &db);
/// Inserts or updates @p release and its environments (which are created when unknown).
void save(QSqlDatabase &db, const Release &release);
void remove(QSqlDatabase &db, const QString &id);
} // namespace ReleaseStore

namespace EnvironmentStore {
[[nodiscard]] QList<Environment> loadAll(QSqlDatabase &db);
void save(QSqlDatabase &db, const Environment &environment);
} // namespace EnvironmentStore

/// The audit trail is append-only: there is no update and no delete.
namespace AuditStore {
/// The newest @p limit events, newest first.
[[nodiscard]] QList<AuditEvent> loadRecent(QSqlDatabase &db, int limit);
/// Stores @p event and returns its id.
qint64 append(QSqlDatabase &db, const AuditEvent &event);
} // namespace AuditStore

/// Time stamps are stored as UTC milliseconds plus the IANA time zone they were planned in.
[[nodiscard]] QVariant toStoredTime(const QDateTime &dateTime);
[[nodiscard]] QDateTime fromStoredTime(const QVariant &msecs, const QString &timeZoneId);
[[nodiscard]] QString timeZoneId(const QDateTime &dateTime);

} // namespace Shipdeck
