#pragma once

#include "domain/pipeline.h"
#include "gitlab/pipelinemonitor.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>

namespace Shipdeck {

/// Item roles of the GitLab models (pipelines, jobs, deployments).
enum GitLabRole {
    GitLabIdRole = Qt::UserRole + 100, ///< qint64: pipeline, job or deployment id
    GitLabStatusRole, ///< int (PipelineStatus) for pipelines and jobs; QString status key for deployments
    GitLabStatusKeyRole, ///< QString, e.g. "running"
    GitLabStatusColorRole, ///< QColor of the status
    GitLabStatusIconNameRole, ///< QString icon theme name
    GitLabActiveRole, ///< bool: can still change by itself
    GitLabRefRole, ///< QString
    GitLabShaRole, ///< QString, full
    GitLabUserRole, ///< QString
    GitLabCreatedRole, ///< QDateTime (UTC)
    GitLabDurationRole, ///< double seconds
    GitLabWebUrlRole, ///< QString
    GitLabStageRole, ///< QString (jobs)
    GitLabStageIndexRole, ///< int (jobs): position of the stage in the pipeline
    GitLabFailureReasonRole, ///< QString (jobs)
    GitLabManualRole, ///< bool (jobs): a manual job, playable
    GitLabRetryableRole, ///< bool (jobs, deployments)
    GitLabBlockedRole, ///< bool (deployments): waiting for approval
    GitLabEnvironmentRole, ///< QString (deployments)
    GitLabSourceRole, ///< QString (pipelines): what started it, a GitLab key ("push", "schedule", …)
};

/// The colour of a pipeline/job status (green, red, blue, …).
[[nodiscard]] QColor pipelineStatusColor(PipelineStatus status);
/// An icon theme name for a status ("emblem-ok-symbolic", …).
[[nodiscard]] QString pipelineStatusIconName(PipelineStatus status);
/// What started a pipeline, for display ("Push", "Schedule", "Merge request", …); unknown keys as they are.
[[nodiscard]] QString pipelineSourceDisplayName(const QString &source);
/// A duration for display: "42 s", "3 min 05 s", "1 h 02 min"; empty for 0.
[[nodiscard]] QString formatDuration(double seconds);

/**
 * The pipelines of a PipelineMonitor as a table, newest first. Follows the monitor row by row: rows are inserted,
 * changed (one dataChanged over the changed row) and removed; an update never resets the model. Text (commit titles)
 * is plain text; views must not interpret it as rich text.
 */
class PipelineListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        StatusColumn,
        RefColumn,
        ShaColumn,
        TitleColumn,
        UserColumn,
        CreatedColumn,
        DurationColumn,
        ColumnCount,
    };
    Q_ENUM(Column)

    explicit PipelineListModel(QObject *parent = nullptr);
    ~PipelineListModel() override;

    /// Shows @p monitor's pipelines (a reset, once); nullptr empties the model.
    void setMonitor(PipelineMonitor *monitor);
    [[nodiscard]] PipelineMonitor *monitor() const { return m_monitor; }
    /// The row of pipeline @p id, or -1.
    [[nodiscard]] int rowOf(qint64 id) const;
    [[nodiscard]] qint64 idAt(int row) const { return row >= 0 && row < m_ids.size() ? m_ids.at(row) : 0; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    void onAdded(qint64 id);
    void onChanged(qint64 id);
    void onRemoved(qint64 id);

    QPointer<PipelineMonitor> m_monitor;
    QList<qint64> m_ids; ///< mirrors the monitor's order
};

} // namespace Shipdeck
