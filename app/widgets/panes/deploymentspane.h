#pragma once

#include "common/pane.h"

class QTableView;

namespace Shipdeck {

class AuditLog;
class AuditLogModel;

/// Environments, deployments and the rollback workflow. Shows the audit trail of every deploy-time action.
class DeploymentsPane : public Pane
{
    Q_OBJECT
public:
    DeploymentsPane(AuditLog *audit, ConnectionStatus *gitlab, QWidget *parent = nullptr);

    [[nodiscard]] QTableView *auditView() const { return m_auditView; }

private:
    AuditLogModel *m_auditModel;
    QTableView *m_auditView;
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
