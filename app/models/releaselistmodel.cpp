#include "releaselistmodel.h"

#include "releaseroles.h"
#include "services/releasemanager.h"

#include <QLocale>

namespace Shipdeck {

ReleaseListModel::ReleaseListModel(QObject *parent) : QAbstractTableModel(parent) { }

ReleaseListModel::~ReleaseListModel() = default;

void ReleaseListModel::setReleaseManager(ReleaseManager *manager)
{
    if (m_manager == manager)
        return;
    beginResetModel();
    if (m_manager)
        disconnect(m_manager, nullptr, this, nullptr);
    m_manager = manager;
    m_ids = manager ? manager->releaseIds() : QStringList();
    if (manager) {
        connect(manager, &ReleaseManager::releaseAdded, this, &ReleaseListModel::onAdded);
        connect(manager, &ReleaseManager::releaseChanged, this, &ReleaseListModel::onChanged);
        connect(manager, &ReleaseManager::releaseRemoved, this, &ReleaseListModel::onRemoved);
    }
    endResetModel();
}

int ReleaseListModel::rowOf(const QString &id) const
{
    return int(m_ids.indexOf(id));
}

int ReleaseListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_ids.size());
}

int ReleaseListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ReleaseListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !m_manager)
        return {};
    const auto release = m_manager->release(m_ids.at(index.row()));
    if (!release)
        return {};
    if (role >= ReleaseIdRole)
        return releaseRoleData(*release, role);
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case VersionColumn:
            return release->version;
        case TitleColumn:
            return release->title;
        case StartColumn:
            return formatPlannedTime(release->plannedStart);
        case EndColumn:
            return formatPlannedTime(release->plannedEnd);
        case EnvironmentsColumn:
            return QLocale().createSeparatedList(release->environments);
        case StatusColumn:
            return releaseStatusDisplayName(release->status);
        case OwnerColumn:
            return release->owner;
        }
    }
    if (role == Qt::EditRole) {
        switch (index.column()) {
        case VersionColumn:
            return release->version;
        case TitleColumn:
            return release->title;
        case StartColumn:
            return release->plannedStart;
        case EndColumn:
            return release->plannedEnd;
        case EnvironmentsColumn:
            return release->environments;
        case StatusColumn:
            return int(release->status);
        case OwnerColumn:
            return release->owner;
        }
    }
    return {};
}

QVariant ReleaseListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case VersionColumn:
        return tr("Version");
    case TitleColumn:
        return tr("Title");
    case StartColumn:
        return tr("Planned start");
    case EndColumn:
        return tr("Planned end");
    case EnvironmentsColumn:
        return tr("Environments");
    case StatusColumn:
        return tr("Status");
    case OwnerColumn:
        return tr("Owner");
    }
    return {};
}

Qt::ItemFlags ReleaseListModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags result = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() != EnvironmentsColumn)
        result |= Qt::ItemIsEditable;
    return result;
}

bool ReleaseListModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid) || !m_manager)
        return false;
    auto release = m_manager->release(m_ids.at(index.row()));
    if (!release)
        return false;
    switch (index.column()) {
    case VersionColumn:
        release->version = value.toString().trimmed();
        break;
    case TitleColumn:
        release->title = value.toString();
        break;
    case StartColumn: {
        // Moving the start moves the whole window: the planned duration stays.
        const QDateTime start = value.toDateTime();
        QDateTime end = release->plannedEnd;
        if (start.isValid() && release->plannedStart.isValid() && end.isValid())
            end = start.addMSecs(release->plannedStart.msecsTo(end));
        return m_manager->reschedule(release->id, start, end);
    }
    case EndColumn:
        return m_manager->reschedule(release->id, release->plannedStart, value.toDateTime());
    case StatusColumn: {
        const int status = value.toInt();
        if (status < int(ReleaseStatus::Planned) || status > int(ReleaseStatus::Cancelled))
            return false;
        return m_manager->setStatus(release->id, ReleaseStatus(status));
    }
    case OwnerColumn:
        release->owner = value.toString();
        break;
    default:
        return false;
    }
    // The manager's releaseChanged() drives dataChanged() here and in every other model.
    return m_manager->updateRelease(*release);
}

QHash<int, QByteArray> ReleaseListModel::roleNames() const
{
    auto names = QAbstractTableModel::roleNames();
    names.insert(ReleaseIdRole, QByteArrayLiteral("releaseId"));
    names.insert(ReleaseVersionRole, QByteArrayLiteral("version"));
    names.insert(ReleaseStatusRole, QByteArrayLiteral("status"));
    names.insert(ReleaseStartRole, QByteArrayLiteral("plannedStart"));
    names.insert(ReleaseEndRole, QByteArrayLiteral("plannedEnd"));
    names.insert(ReleaseEnvironmentsRole, QByteArrayLiteral("environments"));
    return names;
}

void ReleaseListModel::onAdded(const QString &id)
{
    const int row = int(m_ids.size());
    beginInsertRows({}, row, row);
    m_ids.append(id);
    endInsertRows();
}

void ReleaseListModel::onChanged(const QString &id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void ReleaseListModel::onRemoved(const QString &id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_ids.removeAt(row);
    endRemoveRows();
}

} // namespace Shipdeck
