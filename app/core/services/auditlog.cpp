#include "auditlog.h"

#include "storage/database.h"
#include "storage/stores.h"

namespace Shipdeck {

AuditLog::AuditLog(Database *database, QObject *parent) : QObject(parent), m_database(database) { }

void AuditLog::load(int limit)
{
    if (!m_database)
        return;
    // Events recorded before this call are queued for writing ahead of this read on the one database thread, so
    // they are the newest stored rows: skip them, they are in memory already.
    const int recorded = int(m_events.size());
    m_database->run([limit, recorded](QSqlDatabase &db) { return AuditStore::loadRecent(db, limit + recorded); })
        .then(this,
              [this, recorded](const QList<AuditEvent> &stored) {
                  const QList<AuditEvent> older = stored.mid(recorded);
                  m_events.append(older);
                  Q_EMIT eventsLoaded(int(older.size()));
              })
        .onFailed(this, [this](const DatabaseError &error) { Q_EMIT storageError(error.message()); });
}

void AuditLog::record(AuditEvent event)
{
    if (!event.when.isValid())
        event.when = QDateTime::currentDateTimeUtc();
    m_events.prepend(event);
    Q_EMIT eventRecorded(event);
    if (m_database)
        m_database->write([event](QSqlDatabase &db) { AuditStore::append(db, event); });
}

} // namespace Shipdeck
