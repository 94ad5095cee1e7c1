#include "releasetimelinemodel.h"

#include "releaseroles.h"
#include "services/releasemanager.h"

#include <algorithm>

namespace Shipdeck {

ReleaseTimelineModel::ReleaseTimelineModel(QObject *parent) : QAbstractListModel(parent) { }

ReleaseTimelineModel::~ReleaseTimelineModel() = default;

void ReleaseTimelineModel::setReleaseManager(ReleaseManager *manager)
{
    if (m_manager == manager)
        return;
    beginResetModel();
    if (m_manager)
        disconnect(m_manager, nullptr, this, nullptr);
    m_manager = manager;
    m_ids.clear();
    if (manager) {
        m_ids = manager->releaseIds();
        std::stable_sort(m_ids.begin(), m_ids.end(), [manager, this](const QString &a, const QString &b) {
            return lessThan(*manager->release(a), *manager->release(b));
        });
        connect(manager, &ReleaseManager::releaseAdded, this, &ReleaseTimelineModel::onAdded);
        connect(manager, &ReleaseManager::releaseChanged, this, &ReleaseTimelineModel::onChanged);
        connect(manager, &ReleaseManager::releaseRemoved, this, &ReleaseTimelineModel::onRemoved);
    }
    endResetModel();
}

int ReleaseTimelineModel::rowOf(const QString &id) const
{
    return int(m_ids.indexOf(id));
}

int ReleaseTimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_ids.size());
}

QVariant ReleaseTimelineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !m_manager)
        return {};
    const auto release = m_manager->release(m_ids.at(index.row()));
    if (!release)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        //: Agenda entry: version, title
        return release->title.isEmpty() ? release->version : tr("%1 — %2").arg(release->version, release->title);
    case Qt::ToolTipRole:
        //: Agenda tooltip: start, end, status
        return tr("%1 to %2\n%3")
            .arg(formatPlannedTime(release->plannedStart), formatPlannedTime(release->plannedEnd),
                 releaseStatusDisplayName(release->status));
    default:
        return releaseRoleData(*release, role);
    }
}

QHash<int, QByteArray> ReleaseTimelineModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert(ReleaseIdRole, QByteArrayLiteral("releaseId"));
    names.insert(ReleaseStartRole, QByteArrayLiteral("plannedStart"));
    return names;
}

bool ReleaseTimelineModel::lessThan(const Release &a, const Release &b) const
{
    if (a.plannedStart.isValid() != b.plannedStart.isValid())
        return a.plannedStart.isValid(); // scheduled before unscheduled
    if (a.plannedStart != b.plannedStart)
        return a.plannedStart < b.plannedStart;
    if (a.version != b.version)
        return a.version < b.version;
    return a.id < b.id;
}

int ReleaseTimelineModel::insertionRow(const QStringList &ids, const Release &release) const
{
    const auto it = std::lower_bound(ids.cbegin(), ids.cend(), release, [this](const QString &id, const Release &r) {
        return lessThan(*m_manager->release(id), r);
    });
    return int(it - ids.cbegin());
}

void ReleaseTimelineModel::onAdded(const QString &id)
{
    const auto release = m_manager->release(id);
    if (!release)
        return;
    const int row = insertionRow(m_ids, *release);
    beginInsertRows({}, row, row);
    m_ids.insert(row, id);
    endInsertRows();
}

void ReleaseTimelineModel::onChanged(const QString &id)
{
    const int from = rowOf(id);
    const auto release = m_manager->release(id);
    if (from < 0 || !release)
        return;
    QStringList others = m_ids;
    others.removeAt(from);
    const int to = insertionRow(others, *release);
    if (to != from) {
        // beginMoveRows takes the destination in the old numbering: one past the target when moving down.
        beginMoveRows({}, from, from, {}, to > from ? to + 1 : to);
        m_ids.move(from, to);
        endMoveRows();
    }
    const QModelIndex changed = index(to);
    Q_EMIT dataChanged(changed, changed);
}

void ReleaseTimelineModel::onRemoved(const QString &id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_ids.removeAt(row);
    endRemoveRows();
}

} // namespace Shipdeck
