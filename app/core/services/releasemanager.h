#pragma once

#include "domain/release.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <optional>

namespace Shipdeck {

class AuditLog;
class Database;

/**
 * Owns the releases of the workspace: the one place every pane reads and changes them.
 *
 * Changes apply in memory at once and are announced with id-based signals, so every model showing the release
 * updates in the same event-loop turn; they are then written to the database on its own thread (Database::write).
 * A failed write keeps the change in memory and is reported by Database::writeFailed().
 */
class ReleaseManager : public QObject
{
    Q_OBJECT
public:
    /// @p database may be null: the releases then live in memory only.
    explicit ReleaseManager(Database *database, QObject *parent = nullptr);
    ~ReleaseManager() override;

    /// Records reschedules, status changes and removals in @p log under @p actor.
    void setAuditLog(AuditLog *log, const QString &actor);

    /// Reads the stored releases asynchronously; releaseAdded() for each, then loaded().
    void load();
    [[nodiscard]] bool isLoaded() const { return m_loaded; }

    /// Ids in the order the releases were added (loaded ones by planned start).
    [[nodiscard]] const QStringList &releaseIds() const { return m_order; }
    [[nodiscard]] bool contains(const QString &id) const { return m_releases.contains(id); }
    [[nodiscard]] std::optional<Release> release(const QString &id) const;
    [[nodiscard]] QList<Release> releases() const;
    [[nodiscard]] qsizetype count() const { return m_order.size(); }

    /// Adds @p release, giving it a new id when it has none. Returns the id, or an empty string when the release
    /// is invalid or its id is taken.
    QString addRelease(Release release);
    /// Replaces the stored release with the same id. Emits releaseChanged() only when something differs.
    bool updateRelease(const Release &release);
    bool reschedule(const QString &id, const QDateTime &start, const QDateTime &end);
    bool setStatus(const QString &id, ReleaseStatus status);
    bool removeRelease(const QString &id);

Q_SIGNALS:
    /// A release was added (or loaded); it is already available through release(id).
    void releaseAdded(const QString &id);
    /// A release changed; release(id) returns the new value.
    void releaseChanged(const QString &id);
    /// A release was removed; release(id) no longer finds it.
    void releaseRemoved(const QString &id);
    /// The stored releases have been read (also when there were none or reading failed).
    void loaded();
    /// Reading the stored releases failed.
    void storageError(const QString &message);

private:
    void persist(const Release &release);
    void audit(const QString &action, const Release &release, const QString &outcome);

    QPointer<Database> m_database;
    QPointer<AuditLog> m_auditLog;
    QString m_actor;
    QHash<QString, Release> m_releases;
    QStringList m_order;
    bool m_loaded = false;
};

} // namespace Shipdeck
