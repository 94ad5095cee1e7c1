#include "deploymentspane.h"

#include "auditlogmodel.h"
#include "common/emptystate.h"
#include "common/icons.h"
#include "services/connectionstatus.h"

#include <QHeaderView>
#include <QLabel>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

namespace Shipdeck {

DeploymentsPane::DeploymentsPane(AuditLog *audit, ConnectionStatus *gitlab, QWidget *parent)
    : Pane(Source::GitLab, gitlab, parent), m_auditModel(new AuditLogModel(this)), m_auditView(new QTableView(this))
{
    emptyState()->setIcon(appIcon(QStringLiteral("cloud-upload"), QStringLiteral("pane-deployments")));
    emptyState()->setTitle(tr("No environments yet"));
    emptyState()->setText(tr("Connect GitLab to see what is deployed to each environment, its deployment history, "
                             "and to roll back."));

    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *title = new QLabel(tr("Audit trail"), content);
    title->setBuddy(m_auditView);
    layout->addWidget(title);
    m_auditModel->setAuditLog(audit);
    m_auditView->setModel(m_auditModel);
    m_auditView->setAccessibleName(tr("Audit trail"));
    m_auditView->verticalHeader()->hide();
    m_auditView->horizontalHeader()->setStretchLastSection(true);
    m_auditView->setSelectionBehavior(QAbstractItemView::SelectRows);
    layout->addWidget(m_auditView, 1);
    setContent(content);
}

SourcePane::SourcePane(Source source, ConnectionStatus *status, const QString &emptyTitle, const QString &emptyText,
                       const QString &themeIcon, const QString &bundledIcon, QWidget *parent)
    : Pane(source, status, parent)
{
    emptyState()->setIcon(appIcon(themeIcon, bundledIcon));
    emptyState()->setTitle(emptyTitle);
    emptyState()->setText(emptyText);

    auto *waiting = new QLabel(this);
    waiting->setTextFormat(Qt::PlainText);
    waiting->setAlignment(Qt::AlignCenter);
    waiting->setWordWrap(true);
    auto update = [waiting, status] {
        waiting->setText(status ? status->text() : QString());
    };
    if (status)
        connect(status, &ConnectionStatus::changed, waiting, update);
    update();
    setContent(waiting);
}

} // namespace Shipdeck
