#include "joblistmodel.h"

#include "gitlab/gitlabparse.h"

#include <QHash>
#include <QIcon>
#include <QSet>

namespace Shipdeck {

namespace {

/// Stage order and the jobs sorted by (stage position, id).
std::pair<QStringList, QList<Job>> ordered(QList<Job> jobs)
{
    QHash<QString, qint64> firstId;
    for (const Job &j : std::as_const(jobs)) {
        auto it = firstId.find(j.stage);
        if (it == firstId.end() || j.id < *it)
            firstId.insert(j.stage, j.id);
    }
    QStringList stages = firstId.keys();
    std::sort(stages.begin(), stages.end(),
              [&](const QString &a, const QString &b) { return firstId.value(a) < firstId.value(b); });
    std::sort(jobs.begin(), jobs.end(), [&](const Job &a, const Job &b) {
        const qint64 sa = firstId.value(a.stage), sb = firstId.value(b.stage);
        return sa != sb ? sa < sb : a.id < b.id;
    });
    return {stages, jobs};
}

} // namespace

JobListModel::JobListModel(QObject *parent) : QAbstractTableModel(parent) { }

JobListModel::~JobListModel() = default;

int JobListModel::rowOf(qint64 jobId) const
{
    for (int i = 0; i < m_jobs.size(); ++i) {
        if (m_jobs.at(i).id == jobId)
            return i;
    }
    return -1;
}

void JobListModel::setJobs(qint64 pipelineId, const QList<Job> &jobs)
{
    auto [stages, sorted] = ordered(jobs);
    if (pipelineId != m_pipelineId) {
        beginResetModel();
        m_pipelineId = pipelineId;
        m_jobs = std::move(sorted);
        m_stages = std::move(stages);
        endResetModel();
        return;
    }
    m_stages = std::move(stages);
    // Remove rows whose job is gone (from the back).
    QSet<qint64> wanted;
    for (const Job &j : std::as_const(sorted))
        wanted.insert(j.id);
    for (int i = int(m_jobs.size()) - 1; i >= 0; --i) {
        if (!wanted.contains(m_jobs.at(i).id)) {
            beginRemoveRows({}, i, i);
            m_jobs.removeAt(i);
            endRemoveRows();
        }
    }
    // Walk the wanted order: update in place, insert, or move a row that is elsewhere.
    for (int i = 0; i < sorted.size(); ++i) {
        const Job &job = sorted.at(i);
        if (i < m_jobs.size() && m_jobs.at(i).id == job.id) {
            if (!(m_jobs.at(i) == job)) {
                m_jobs[i] = job;
                Q_EMIT dataChanged(index(i, 0), index(i, ColumnCount - 1));
            }
            continue;
        }
        const int from = rowOf(job.id);
        if (from < 0) {
            beginInsertRows({}, i, i);
            m_jobs.insert(i, job);
            endInsertRows();
            continue;
        }
        beginMoveRows({}, from, from, {}, i);
        m_jobs.move(from, i);
        endMoveRows();
        if (!(m_jobs.at(i) == job)) {
            m_jobs[i] = job;
            Q_EMIT dataChanged(index(i, 0), index(i, ColumnCount - 1));
        }
    }
}

int JobListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_jobs.size());
}

int JobListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant JobListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Job &job = m_jobs.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case NameColumn:
            return job.name;
        case StageColumn:
            return job.stage;
        case StatusColumn:
            return pipelineStatusDisplayName(job.status);
        case DurationColumn:
            return formatDuration(job.duration);
        case FailureReasonColumn:
            return job.failureReason;
        }
        return {};
    case Qt::DecorationRole:
        return index.column() == StatusColumn ? QVariant(QIcon::fromTheme(pipelineStatusIconName(job.status)))
                                              : QVariant();
    case Qt::ForegroundRole:
        return index.column() == StatusColumn ? QVariant(pipelineStatusColor(job.status)) : QVariant();
    case GitLabIdRole:
        return job.id;
    case GitLabStatusRole:
        return int(job.status);
    case GitLabStatusKeyRole:
        return pipelineStatusKey(job.status);
    case GitLabStatusColorRole:
        return pipelineStatusColor(job.status);
    case GitLabStatusIconNameRole:
        return pipelineStatusIconName(job.status);
    case GitLabActiveRole:
        return isActive(job.status);
    case GitLabDurationRole:
        return job.duration;
    case GitLabWebUrlRole:
        return job.webUrl;
    case GitLabStageRole:
        return job.stage;
    case GitLabStageIndexRole:
        return int(m_stages.indexOf(job.stage));
    case GitLabFailureReasonRole:
        return job.failureReason;
    case GitLabManualRole:
        return GitLab::isPlayable(job);
    case GitLabRetryableRole:
        return GitLab::isRetryable(job);
    }
    return {};
}

QVariant JobListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Job");
    case StageColumn:
        return tr("Stage");
    case StatusColumn:
        return tr("Status");
    case DurationColumn:
        return tr("Duration");
    case FailureReasonColumn:
        return tr("Failure reason");
    }
    return {};
}

} // namespace Shipdeck
