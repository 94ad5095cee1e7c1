#include "deploymentlistmodel.h"

#include "gitlab/gitlabparse.h"

#include <QColor>
#include <QFont>
#include <QLocale>
#include <QSet>

#include <algorithm>
#include <utility>

using namespace Qt::Literals::StringLiterals;

namespace Shipdeck {

DeploymentListModel::DeploymentListModel(QObject *parent) : QAbstractTableModel(parent) { }

DeploymentListModel::~DeploymentListModel() = default;

void DeploymentListModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

void DeploymentListModel::setDeployments(const QList<Deployment> &deployments)
{
    QList<Deployment> incoming = deployments;
    std::stable_sort(incoming.begin(), incoming.end(),
                     [](const Deployment &a, const Deployment &b) { return a.id > b.id; });
    incoming.erase(std::unique(incoming.begin(), incoming.end(),
                               [](const Deployment &a, const Deployment &b) { return a.id == b.id; }),
                   incoming.end());

    if (m_rows.isEmpty()) {
        if (incoming.isEmpty())
            return;
        beginResetModel();
        for (const Deployment &d : std::as_const(incoming))
            m_rows.append(Row {d, false, false});
        updateFlags();
        endResetModel();
        return;
    }

    // Remove the rows that are gone, bottom up, in contiguous runs.
    QSet<qint64> present;
    for (const Deployment &d : std::as_const(incoming))
        present.insert(d.id);
    for (int last = int(m_rows.size()) - 1; last >= 0;) {
        if (present.contains(m_rows.at(last).deployment.id)) {
            --last;
            continue;
        }
        int first = last;
        while (first > 0 && !present.contains(m_rows.at(first - 1).deployment.id))
            --first;
        beginRemoveRows({}, first, last);
        m_rows.remove(first, last - first + 1);
        endRemoveRows();
        last = first - 1;
    }

    // Both lists are sorted by id descending and the rows are a subset of incoming: walk them together.
    QSet<qint64> changed;
    for (int i = 0; i < incoming.size(); ++i) {
        const Deployment &d = incoming.at(i);
        if (i < m_rows.size() && m_rows.at(i).deployment.id == d.id) {
            if (!(m_rows.at(i).deployment == d)) {
                m_rows[i].deployment = d;
                changed.insert(d.id);
            }
            continue;
        }
        beginInsertRows({}, i, i);
        m_rows.insert(i, Row {d, false, false});
        endInsertRows();
    }

    // The current deployment and the candidates may move with any change; one dataChanged per changed row.
    QList<std::pair<bool, bool>> before;
    before.reserve(m_rows.size());
    for (const Row &row : std::as_const(m_rows))
        before.append({row.current, row.candidate});
    updateFlags();
    const auto lastColumn = ColumnCount - 1;
    for (int i = 0; i < m_rows.size(); ++i) {
        const Row &row = m_rows.at(i);
        if (changed.contains(row.deployment.id) || before.at(i) != std::pair(row.current, row.candidate))
            Q_EMIT dataChanged(index(i, 0), index(i, lastColumn));
    }
}

void DeploymentListModel::updateFlags()
{
    bool seenCurrent = false;
    for (Row &row : m_rows) {
        const bool success = row.deployment.status == "success"_L1;
        row.current = success && !seenCurrent;
        row.candidate = success && seenCurrent && GitLab::isRetryable(row.deployment);
        seenCurrent = seenCurrent || success;
    }
}

int DeploymentListModel::rowOf(qint64 id) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).deployment.id == id)
            return i;
    }
    return -1;
}

const Deployment *DeploymentListModel::deploymentAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row).deployment : nullptr;
}

bool DeploymentListModel::isRollbackCandidate(int row) const
{
    return row >= 0 && row < m_rows.size() && m_rows.at(row).candidate;
}

bool DeploymentListModel::isCurrent(int row) const
{
    return row >= 0 && row < m_rows.size() && m_rows.at(row).current;
}

int DeploymentListModel::currentRow() const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).current)
            return i;
    }
    return -1;
}

int DeploymentListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DeploymentListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString DeploymentListModel::statusDisplayName(const QString &status)
{
    if (status == "created"_L1)
        return tr("Created");
    if (status == "running"_L1)
        return tr("Running");
    if (status == "success"_L1)
        return tr("Success");
    if (status == "failed"_L1)
        return tr("Failed");
    if (status == "canceled"_L1)
        return tr("Canceled");
    if (status == "skipped"_L1)
        return tr("Skipped");
    if (status == "blocked"_L1)
        return tr("Waiting for approval");
    return status;
}

QString DeploymentListModel::statusText(const Row &row) const
{
    const QString name = statusDisplayName(row.deployment.status);
    if (row.current)
        return tr("%1 (deployed now)").arg(name);
    if (row.candidate)
        return tr("%1 (rollback candidate)").arg(name);
    return name;
}

QVariant DeploymentListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const Deployment &d = row.deployment;
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case StatusColumn:
            return statusText(row);
        case RefColumn:
            return d.ref;
        case ShaColumn:
            return role == Qt::ToolTipRole ? d.sha : d.sha.left(8);
        case TitleColumn:
            return d.commitTitle;
        case UserColumn:
            return d.user;
        case FinishedColumn:
            return d.finishedAt.isValid() ? QLocale().toString(d.finishedAt.toLocalTime(), QLocale::ShortFormat)
                                          : QString();
        default:
            return {};
        }
    case Qt::FontRole:
        if (index.column() == StatusColumn && (row.candidate || row.current)) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::ForegroundRole:
        if (index.column() == StatusColumn)
            return data(index, GitLabStatusColorRole);
        return {};
    case GitLabIdRole:
        return d.id;
    case GitLabStatusRole:
    case GitLabStatusKeyRole:
        return d.status;
    case GitLabStatusColorRole:
        if (d.status == "blocked"_L1)
            return pipelineStatusColor(PipelineStatus::Manual);
        return pipelineStatusColor(pipelineStatusFromKey(d.status));
    case GitLabStatusIconNameRole:
        if (d.status == "blocked"_L1)
            return pipelineStatusIconName(PipelineStatus::Manual);
        return pipelineStatusIconName(pipelineStatusFromKey(d.status));
    case GitLabActiveRole:
        return d.status == "created"_L1 || d.status == "running"_L1 || d.status == "blocked"_L1;
    case GitLabRefRole:
        return d.ref;
    case GitLabShaRole:
        return d.sha;
    case GitLabUserRole:
        return d.user;
    case GitLabCreatedRole:
        return d.createdAt;
    case GitLabRetryableRole:
        return row.candidate;
    case GitLabBlockedRole:
        return GitLab::isBlocked(d);
    case GitLabEnvironmentRole:
        return d.environment;
    case CurrentRole:
        return row.current;
    default:
        return {};
    }
}

QVariant DeploymentListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case StatusColumn:
        return tr("Status");
    case RefColumn:
        return tr("Ref");
    case ShaColumn:
        return tr("Commit");
    case TitleColumn:
        return tr("Title");
    case UserColumn:
        return tr("Deployed by");
    case FinishedColumn:
        return tr("Finished at");
    default:
        return {};
    }
}

QHash<int, QByteArray> DeploymentListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(GitLabIdRole, "deploymentId");
    names.insert(GitLabStatusRole, "status");
    names.insert(GitLabStatusKeyRole, "statusKey");
    names.insert(GitLabStatusColorRole, "statusColor");
    names.insert(GitLabRefRole, "ref");
    names.insert(GitLabShaRole, "sha");
    names.insert(GitLabUserRole, "user");
    names.insert(GitLabCreatedRole, "created");
    names.insert(GitLabRetryableRole, "rollbackCandidate");
    names.insert(GitLabBlockedRole, "blocked");
    names.insert(GitLabEnvironmentRole, "environment");
    names.insert(CurrentRole, "current");
    return names;
}

} // namespace Shipdeck
