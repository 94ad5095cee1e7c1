#include "releasemanager.h"

#include "auditlog.h"
#include "storage/database.h"
#include "storage/stores.h"

#include <QLocale>
#include <QUuid>

namespace Shipdeck {

ReleaseManager::ReleaseManager(Database *database, QObject *parent) : QObject(parent), m_database(database) { }

ReleaseManager::~ReleaseManager() = default;

void ReleaseManager::setAuditLog(AuditLog *log, const QString &actor)
{
    m_auditLog = log;
    m_actor = actor;
}

void ReleaseManager::load()
{
    if (!m_database) {
        m_loaded = true;
        Q_EMIT loaded();
        return;
    }
    m_database->run([](QSqlDatabase &db) { return ReleaseStore::loadAll(db); })
        .then(this,
              [this](const QList<Release> &stored) {
                  for (const Release &release : stored) {
                      // A release added while loading wins over its stored copy.
                      if (m_releases.contains(release.id))
                          continue;
                      m_releases.insert(release.id, release);
                      m_order.append(release.id);
                      Q_EMIT releaseAdded(release.id);
                  }
                  m_loaded = true;
                  Q_EMIT loaded();
              })
        .onFailed(this, [this](const DatabaseError &error) {
            m_loaded = true;
            Q_EMIT storageError(error.message());
            Q_EMIT loaded();
        });
}

std::optional<Release> ReleaseManager::release(const QString &id) const
{
    const auto it = m_releases.constFind(id);
    if (it == m_releases.cend())
        return std::nullopt;
    return *it;
}

QList<Release> ReleaseManager::releases() const
{
    QList<Release> result;
    result.reserve(m_order.size());
    for (const QString &id : m_order)
        result.append(m_releases.value(id));
    return result;
}

QString ReleaseManager::addRelease(Release release)
{
    if (!release.isValid())
        return {};
    if (release.id.isEmpty())
        release.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (m_releases.contains(release.id))
        return {};
    m_releases.insert(release.id, release);
    m_order.append(release.id);
    Q_EMIT releaseAdded(release.id);
    persist(release);
    return release.id;
}

bool ReleaseManager::updateRelease(const Release &release)
{
    auto it = m_releases.find(release.id);
    if (it == m_releases.end() || !release.isValid())
        return false;
    if (*it == release)
        return true;
    *it = release;
    Q_EMIT releaseChanged(release.id);
    persist(release);
    return true;
}

bool ReleaseManager::reschedule(const QString &id, const QDateTime &start, const QDateTime &end)
{
    auto current = release(id);
    if (!current)
        return false;
    const QLocale locale;
    const QString before = locale.toString(current->plannedStart, QLocale::ShortFormat);
    current->plannedStart = start;
    current->plannedEnd = end;
    if (!updateRelease(*current))
        return false;
    audit(QStringLiteral("release.reschedule"), *current,
                         before + QStringLiteral(" → ") + locale.toString(start, QLocale::ShortFormat));
    return true;
}

bool ReleaseManager::setStatus(const QString &id, ReleaseStatus status)
{
    auto current = release(id);
    if (!current)
        return false;
    const ReleaseStatus before = current->status;
    current->status = status;
    if (!updateRelease(*current))
        return false;
    if (before != status)
        audit(QStringLiteral("release.status"), *current,
                             releaseStatusKey(before) + QStringLiteral(" → ") + releaseStatusKey(status));
    return true;
}

bool ReleaseManager::removeRelease(const QString &id)
{
    const auto removed = release(id);
    if (!removed)
        return false;
    m_releases.remove(id);
    m_order.removeOne(id);
    Q_EMIT releaseRemoved(id);
    audit(QStringLiteral("release.remove"), *removed, QStringLiteral("ok"));
    if (m_database) {
        m_database->write([id](QSqlDatabase &db) { ReleaseStore::remove(db, id); });
    }
    return true;
}

void ReleaseManager::persist(const Release &release)
{
    if (!m_database)
        return;
    m_database->write([release](QSqlDatabase &db) { ReleaseStore::save(db, release); });
}

void ReleaseManager::audit(const QString &action, const Release &release, const QString &outcome)
{
    if (!m_auditLog)
        return;
    m_auditLog->record(AuditEvent {.when = QDateTime::currentDateTimeUtc(),
                                   .who = m_actor,
                                   .what = action,
                                   .subject = release.version,
                                   .why = {},
                                   .outcome = outcome});
}

} // namespace Shipdeck
