#include "stores.h"

#include "database.h"

#include <QSqlQuery>
#include <QTimeZone>
#include <QVariant>

namespace Shipdeck {

QVariant toStoredTime(const QDateTime &dateTime)
{
    return dateTime.isValid() ? QVariant(dateTime.toMSecsSinceEpoch()) : QVariant(QMetaType::fromType<qint64>());
}

QString timeZoneId(const QDateTime &dateTime)
{
    if (!dateTime.isValid())
        return QStringLiteral("UTC");
    const QByteArray id = dateTime.timeZone().id();
    return id.isEmpty() ? QStringLiteral("UTC") : QString::fromLatin1(id);
}

QDateTime fromStoredTime(const QVariant &msecs, const QString &timeZoneId)
{
    if (msecs.isNull())
        return {};
    QTimeZone zone(timeZoneId.toLatin1());
    if (!zone.isValid())
        zone = QTimeZone::UTC;
    return QDateTime::fromMSecsSinceEpoch(msecs.toLongLong(), zone);
}

namespace {
/// Text columns are NOT NULL; a null QString would bind as NULL.
QString text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}
} // namespace

namespace ReleaseStore {

QList<Release> loadAll(QSqlDatabase &db)
{
    QHash<QString, QStringList> environments;
    {
        QSqlQuery query(db);
        query.prepare(QStringLiteral("SELECT release_id, environment FROM release_environments "
                                     "ORDER BY release_id, position"));
        Database::exec(query);
        while (query.next())
            environments[query.value(0).toString()].append(query.value(1).toString());
    }
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT id, version, title, planned_start, planned_end, time_zone, status, owner, "
                                 "milestone, tag, notes_document FROM releases ORDER BY planned_start, version"));
    Database::exec(query);
    QList<Release> releases;
    while (query.next()) {
        Release r;
        r.id = query.value(0).toString();
        r.version = query.value(1).toString();
        r.title = query.value(2).toString();
        const QString zone = query.value(5).toString();
        r.plannedStart = fromStoredTime(query.value(3), zone);
        r.plannedEnd = fromStoredTime(query.value(4), zone);
        r.status = releaseStatusFromKey(query.value(6).toString()).value_or(ReleaseStatus::Planned);
        r.owner = query.value(7).toString();
        r.milestone = query.value(8).toString();
        r.tag = query.value(9).toString();
        r.notesDocument = query.value(10).toString();
        r.environments = environments.value(r.id);
        releases.append(r);
    }
    return releases;
}

void save(QSqlDatabase &db, const Release &release)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral(
        "INSERT INTO releases (id, version, title, planned_start, planned_end, time_zone, status, owner, milestone, "
        "tag, notes_document) VALUES (:id, :version, :title, :start, :end, :zone, :status, :owner, :milestone, :tag, "
        ":notes) ON CONFLICT(id) DO UPDATE SET version = excluded.version, title = excluded.title, "
        "planned_start = excluded.planned_start, planned_end = excluded.planned_end, time_zone = excluded.time_zone, "
        "status = excluded.status, owner = excluded.owner, milestone = excluded.milestone, tag = excluded.tag, "
        "notes_document = excluded.notes_document"));
    query.bindValue(QStringLiteral(":id"), release.id);
    query.bindValue(QStringLiteral(":version"), release.version);
    query.bindValue(QStringLiteral(":title"), text(release.title));
    query.bindValue(QStringLiteral(":start"), toStoredTime(release.plannedStart));
    query.bindValue(QStringLiteral(":end"), toStoredTime(release.plannedEnd));
    query.bindValue(QStringLiteral(":zone"), timeZoneId(release.plannedStart.isValid() ? release.plannedStart : release.plannedEnd));
    query.bindValue(QStringLiteral(":status"), releaseStatusKey(release.status));
    query.bindValue(QStringLiteral(":owner"), text(release.owner));
    query.bindValue(QStringLiteral(":milestone"), text(release.milestone));
    query.bindValue(QStringLiteral(":tag"), text(release.tag));
    query.bindValue(QStringLiteral(":notes"), text(release.notesDocument));
    Database::exec(query);

    QSqlQuery clear(db);
    clear.prepare(QStringLiteral("DELETE FROM release_environments WHERE release_id = :id"));
    clear.bindValue(QStringLiteral(":id"), release.id);
    Database::exec(clear);

    QSqlQuery ensureEnvironment(db);
    ensureEnvironment.prepare(QStringLiteral("INSERT OR IGNORE INTO environments (name) VALUES (:name)"));
    QSqlQuery link(db);
    link.prepare(QStringLiteral("INSERT OR IGNORE INTO release_environments (release_id, environment, position) "
                                "VALUES (:id, :environment, :position)"));
    for (qsizetype i = 0; i < release.environments.size(); ++i) {
        ensureEnvironment.bindValue(QStringLiteral(":name"), release.environments[i]);
        Database::exec(ensureEnvironment);
        link.bindValue(QStringLiteral(":id"), release.id);
        link.bindValue(QStringLiteral(":environment"), release.environments[i]);
        link.bindValue(QStringLiteral(":position"), qint64(i));
        Database::exec(link);
    }
}

void remove(QSqlDatabase &db, const QString &id)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("DELETE FROM releases WHERE id = :id"));
    query.bindValue(QStringLiteral(":id"), id);
    Database::exec(query);
}

} // namespace ReleaseStore

namespace EnvironmentStore {

QList<Environment> loadAll(QSqlDatabase &db)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT name, tier, state, external_url, gitlab_id FROM environments ORDER BY name"));
    Database::exec(query);
    QList<Environment> result;
    while (query.next()) {
        result.append(Environment {.name = query.value(0).toString(),
                                   .tier = query.value(1).toString(),
                                   .state = query.value(2).toString(),
                                   .externalUrl = query.value(3).toString(),
                                   .gitlabId = query.value(4).toLongLong()});
    }
    return result;
}

void save(QSqlDatabase &db, const Environment &environment)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("INSERT INTO environments (name, tier, state, external_url, gitlab_id) "
                                 "VALUES (:name, :tier, :state, :url, :gitlab) ON CONFLICT(name) DO UPDATE SET "
                                 "tier = excluded.tier, state = excluded.state, external_url = excluded.external_url, "
                                 "gitlab_id = excluded.gitlab_id"));
    query.bindValue(QStringLiteral(":name"), environment.name);
    query.bindValue(QStringLiteral(":tier"), text(environment.tier));
    query.bindValue(QStringLiteral(":state"), text(environment.state));
    query.bindValue(QStringLiteral(":url"), text(environment.externalUrl));
    query.bindValue(QStringLiteral(":gitlab"), environment.gitlabId);
    Database::exec(query);
}

} // namespace EnvironmentStore

namespace AuditStore {

QList<AuditEvent> loadRecent(QSqlDatabase &db, int limit)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT id, at, actor, action, subject, reason, outcome FROM audit_events "
                                 "ORDER BY id DESC LIMIT :limit"));
    query.bindValue(QStringLiteral(":limit"), limit);
    Database::exec(query);
    QList<AuditEvent> result;
    while (query.next()) {
        result.append(AuditEvent {.id = query.value(0).toLongLong(),
                                  .when = QDateTime::fromMSecsSinceEpoch(query.value(1).toLongLong(), QTimeZone::UTC),
                                  .who = query.value(2).toString(),
                                  .what = query.value(3).toString(),
                                  .subject = query.value(4).toString(),
                                  .why = query.value(5).toString(),
                                  .outcome = query.value(6).toString()});
    }
    return result;
}

qint64 append(QSqlDatabase &db, const AuditEvent &event)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("INSERT INTO audit_events (at, actor, action, subject, reason, outcome) "
                                 "VALUES (:at, :actor, :action, :subject, :reason, :outcome)"));
    query.bindValue(QStringLiteral(":at"), event.when.toMSecsSinceEpoch());
    query.bindValue(QStringLiteral(":actor"), text(event.who));
    query.bindValue(QStringLiteral(":action"), text(event.what));
    query.bindValue(QStringLiteral(":subject"), text(event.subject));
    query.bindValue(QStringLiteral(":reason"), text(event.why));
    query.bindValue(QStringLiteral(":outcome"), text(event.outcome));
    Database::exec(query);
    return query.lastInsertId().toLongLong();
}

} // namespace AuditStore

} // namespace Shipdeck
