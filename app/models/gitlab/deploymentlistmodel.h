#pragma once

#include "domain/deployment.h"
#include "gitlab/pipelinelistmodel.h"

#include <QAbstractTableModel>
#include <QList>

namespace Shipdeck {

/**
 * The deployments of one environment as a table, newest first (by id). setDeployments() merges by id: rows are
 * inserted, changed (dataChanged over the row) and removed; only the first fill resets the model.
 *
 * The current deployment is the newest successful one; rollback candidates (GitLabRetryableRole) are the successful
 * deployments older than it whose deployable job can be retried. Blocked deployments wait for approval
 * (GitLabBlockedRole). Text is plain text; views must not interpret it as rich text.
 */
class DeploymentListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        StatusColumn,
        RefColumn,
        ShaColumn,
        TitleColumn,
        UserColumn,
        FinishedColumn,
        ColumnCount,
    };
    Q_ENUM(Column)

    enum Role {
        CurrentRole = GitLabEnvironmentRole + 50, ///< bool: the deployment that is deployed now
    };

    explicit DeploymentListModel(QObject *parent = nullptr);
    ~DeploymentListModel() override;

    /// Merges @p deployments by id; the model then holds exactly these, newest first.
    void setDeployments(const QList<Deployment> &deployments);
    /// Empties the model (a reset); the next setDeployments() is a first fill again.
    void clear();

    [[nodiscard]] int rowOf(qint64 id) const;
    [[nodiscard]] const Deployment *deploymentAt(int row) const;
    [[nodiscard]] bool isRollbackCandidate(int row) const;
    [[nodiscard]] bool isCurrent(int row) const;
    /// The row of the current deployment, or -1.
    [[nodiscard]] int currentRow() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// The translated name of a deployment status key ("success" → "Success", "blocked" → "Waiting for approval").
    [[nodiscard]] static QString statusDisplayName(const QString &status);

private:
    struct Row
    {
        Deployment deployment;
        bool current = false;
        bool candidate = false;
        bool operator==(const Row &other) const = default;
    };
    void updateFlags();
    [[nodiscard]] QString statusText(const Row &row) const;

    QList<Row> m_rows; ///< newest first
};

} // namespace Shipdeck
