#pragma once

#include "domain/pipeline.h"
#include "gitlab/pipelinelistmodel.h"

#include <QAbstractTableModel>
#include <QList>

namespace Shipdeck {

/**
 * The jobs of one pipeline as a flat table grouped by stage, stages in pipeline order (the stage whose first job has
 * the lowest id comes first), jobs by id within a stage. GitLabStageRole / GitLabStageIndexRole let a view or proxy
 * group rows. setJobs() merges by id: changed rows get one dataChanged each; only a changed set of jobs inserts or
 * removes rows; never a reset for an update.
 */
class JobListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        StageColumn,
        StatusColumn,
        DurationColumn,
        FailureReasonColumn,
        ColumnCount,
    };
    Q_ENUM(Column)

    explicit JobListModel(QObject *parent = nullptr);
    ~JobListModel() override;

    /// Shows the jobs of @p pipelineId; a different pipeline than before resets the model.
    void setJobs(qint64 pipelineId, const QList<Job> &jobs);
    [[nodiscard]] qint64 pipelineId() const { return m_pipelineId; }
    [[nodiscard]] const Job *jobAt(int row) const
    {
        return row >= 0 && row < m_jobs.size() ? &m_jobs.at(row) : nullptr;
    }
    [[nodiscard]] int rowOf(qint64 jobId) const;
    /// The stages in order.
    [[nodiscard]] QStringList stages() const { return m_stages; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    qint64 m_pipelineId = 0;
    QList<Job> m_jobs;
    QStringList m_stages;
};

} // namespace Shipdeck
