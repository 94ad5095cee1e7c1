#pragma once

#include "domain/auditevent.h"

#include <QList>
#include <QObject>
#include <QPointer>

namespace Shipdeck {

class Database;

/// The append-only audit trail: who did what, when, why, with what outcome. Newest first.
class AuditLog : public QObject
{
    Q_OBJECT
public:
    explicit AuditLog(Database *database, QObject *parent = nullptr);

    /// Reads the newest @p limit stored events asynchronously; eventsLoaded() follows.
    void load(int limit = 1000);
    /// Appends @p event (now, if it has no time) and stores it.
    void record(AuditEvent event);
    /// Newest first.
    [[nodiscard]] const QList<AuditEvent> &events() const { return m_events; }

Q_SIGNALS:
    /// @p event was recorded; it is now events().first().
    void eventRecorded(const Shipdeck::AuditEvent &event);
    /// Stored events were read and placed after any recorded since start.
    void eventsLoaded(int count);
    /// Reading the stored events failed (write failures come from Database::writeFailed()).
    void storageError(const QString &message);

private:
    QPointer<Database> m_database;
    QList<AuditEvent> m_events;
};

} // namespace Shipdeck
