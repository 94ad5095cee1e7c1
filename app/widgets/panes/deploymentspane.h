#pragma once

#include "common/pane.h"

#include <QPointer>

class QComboBox;
class QLabel;
class QSplitter;
class QTableView;

namespace Shipdeck {

class AuditLog;
class AuditLogModel;
class DeploymentListModel;
class EnvironmentMonitor;

/// Environments, deployments and the rollback workflow: an environment selector, what is deployed there now and its
/// deployment history (rollback candidates and deployments waiting for approval marked), above the audit trail of
/// every deploy-time action.
class DeploymentsPane : public Pane
{
    Q_OBJECT
public:
    DeploymentsPane(AuditLog *audit, ConnectionStatus *gitlab, QWidget *parent = nullptr);
    ~DeploymentsPane() override;

    /// Shows @p monitor's environments and deployments (not owned; may be null).
    void setEnvironmentMonitor(EnvironmentMonitor *monitor);
    [[nodiscard]] EnvironmentMonitor *environmentMonitor() const;

    /// The name of the selected environment (empty when none).
    [[nodiscard]] QString currentEnvironment() const;
    /// Selects the environment called @p name; false when there is none.
    bool setCurrentEnvironment(const QString &name);

    [[nodiscard]] QComboBox *environmentBox() const { return m_environmentBox; }
    [[nodiscard]] QLabel *summaryLabel() const { return m_summary; }
    [[nodiscard]] QTableView *deploymentView() const { return m_deploymentView; }
    [[nodiscard]] DeploymentListModel *deploymentModel() const { return m_deploymentModel; }
    [[nodiscard]] QTableView *auditView() const { return m_auditView; }
    [[nodiscard]] QSplitter *splitter() const { return m_splitter; }

private:
    void updateEnvironments();
    void onDeploymentsChanged(const QString &environment);
    void showEnvironment();
    void updateSummary();

    QPointer<EnvironmentMonitor> m_monitor;
    AuditLogModel *m_auditModel;
    QTableView *m_auditView;
    DeploymentListModel *m_deploymentModel;
    QTableView *m_deploymentView;
    QComboBox *m_environmentBox;
    QLabel *m_summary;
    QSplitter *m_splitter;
    QString m_shownEnvironment;
};

/// A pane whose content arrives from its source: until then it says what it is waiting for.
class SourcePane : public Pane
{
    Q_OBJECT
public:
    SourcePane(Source source, ConnectionStatus *status, const QString &emptyTitle, const QString &emptyText,
               const QString &themeIcon, const QString &bundledIcon, QWidget *parent = nullptr);
};

} // namespace Shipdeck
