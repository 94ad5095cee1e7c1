#include "deploymentspane.h"

#include "auditlogmodel.h"
#include "common/emptystate.h"
#include "common/icons.h"
#include "common/plaintooltips.h"
#include "gitlab/deploymentlistmodel.h"
#include "gitlab/environmentmonitor.h"
#include "gitlab/gitlabparse.h"
#include "services/connectionstatus.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace Shipdeck {

DeploymentsPane::DeploymentsPane(AuditLog *audit, ConnectionStatus *gitlab, QWidget *parent)
    : Pane(Source::GitLab, gitlab, parent)
    , m_auditModel(new AuditLogModel(this))
    , m_auditView(new QTableView(this))
    , m_deploymentModel(new DeploymentListModel(this))
    , m_deploymentView(new QTableView(this))
    , m_environmentBox(new QComboBox(this))
    , m_summary(new QLabel(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
{
    emptyState()->setIcon(appIcon(QStringLiteral("cloud-upload"), QStringLiteral("pane-deployments")));
    emptyState()->setTitle(tr("No environments yet"));
    emptyState()->setText(tr("Connect GitLab to see what is deployed to each environment, its deployment history, "
                             "and to roll back."));

    // Environments and deployments.
    auto *environments = new QWidget(m_splitter);
    auto *top = new QVBoxLayout(environments);
    top->setContentsMargins(4, 4, 4, 4);
    auto *selectorRow = new QHBoxLayout;
    auto *environmentLabel = new QLabel(tr("&Environment:"), environments);
    environmentLabel->setBuddy(m_environmentBox);
    selectorRow->addWidget(environmentLabel);
    m_environmentBox->setAccessibleName(tr("Environment"));
    m_environmentBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    selectorRow->addWidget(m_environmentBox);
    selectorRow->addStretch(1);
    top->addLayout(selectorRow);

    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_summary->setAccessibleName(tr("Deployed now"));
    top->addWidget(m_summary);

    auto *historyTitle = new QLabel(tr("Deployment history"), environments);
    historyTitle->setBuddy(m_deploymentView);
    top->addWidget(historyTitle);
    m_deploymentView->setParent(environments);
    m_deploymentView->setModel(m_deploymentModel);
    m_deploymentView->setAccessibleName(tr("Deployment history"));
    m_deploymentView->verticalHeader()->hide();
    // At most a page of deployments: sizing the short columns to their contents is cheap.
    m_deploymentView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_deploymentView->horizontalHeader()->setSectionResizeMode(DeploymentListModel::TitleColumn, QHeaderView::Stretch);
    m_deploymentView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_deploymentView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_deploymentView->setWordWrap(false);
    top->addWidget(m_deploymentView, 1);

    // The audit trail.
    auto *auditPage = new QWidget(m_splitter);
    auto *layout = new QVBoxLayout(auditPage);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *title = new QLabel(tr("Audit trail"), auditPage);
    title->setBuddy(m_auditView);
    layout->addWidget(title);
    m_auditView->setParent(auditPage);
    m_auditModel->setAuditLog(audit);
    m_auditView->setModel(m_auditModel);
    m_auditView->setAccessibleName(tr("Audit trail"));
    m_auditView->verticalHeader()->hide();
    m_auditView->horizontalHeader()->setStretchLastSection(true);
    m_auditView->setSelectionBehavior(QAbstractItemView::SelectRows);
    layout->addWidget(m_auditView, 1);

    m_splitter->addWidget(environments);
    m_splitter->addWidget(auditPage);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);

    connect(m_environmentBox, &QComboBox::currentIndexChanged, this, &DeploymentsPane::showEnvironment);
    updateEnvironments();
    installPlainToolTips(m_auditView);
    installPlainToolTips(m_deploymentView);
    setContent(m_splitter);
}

DeploymentsPane::~DeploymentsPane() = default;

void DeploymentsPane::setEnvironmentMonitor(EnvironmentMonitor *monitor)
{
    if (m_monitor == monitor)
        return;
    if (m_monitor)
        disconnect(m_monitor, nullptr, this, nullptr);
    m_monitor = monitor;
    if (monitor) {
        connect(monitor, &EnvironmentMonitor::environmentsChanged, this, &DeploymentsPane::updateEnvironments);
        connect(monitor, &EnvironmentMonitor::deploymentsChanged, this, &DeploymentsPane::onDeploymentsChanged);
        connect(monitor, &QObject::destroyed, this, [this] {
            m_monitor = nullptr;
            updateEnvironments();
        });
    }
    updateEnvironments();
}

EnvironmentMonitor *DeploymentsPane::environmentMonitor() const
{
    return m_monitor;
}

QString DeploymentsPane::currentEnvironment() const
{
    return m_environmentBox->currentData().toString();
}

bool DeploymentsPane::setCurrentEnvironment(const QString &name)
{
    const int index = m_environmentBox->findData(name);
    if (index < 0)
        return false;
    m_environmentBox->setCurrentIndex(index);
    return true;
}

void DeploymentsPane::updateEnvironments()
{
    const QString previous = currentEnvironment();
    {
        const QSignalBlocker blocker(m_environmentBox);
        m_environmentBox->clear();
        if (m_monitor) {
            for (const Environment &environment : m_monitor->environments()) {
                const QString text = environment.tier.isEmpty()
                    ? environment.name
                    : tr("%1 (%2)", "environment name (tier)").arg(environment.name, environment.tier);
                m_environmentBox->addItem(text, environment.name);
            }
        }
        int index = m_environmentBox->findData(previous);
        if (index < 0 && m_environmentBox->count() > 0)
            index = 0;
        m_environmentBox->setCurrentIndex(index);
        m_environmentBox->setEnabled(m_environmentBox->count() > 0);
    }
    showEnvironment();
}

void DeploymentsPane::onDeploymentsChanged(const QString &environment)
{
    if (environment != currentEnvironment())
        return;
    m_deploymentModel->setDeployments(m_monitor ? m_monitor->deployments(environment) : QList<Deployment>());
    updateSummary();
}

void DeploymentsPane::showEnvironment()
{
    const QString name = currentEnvironment();
    if (name != m_shownEnvironment) {
        m_deploymentModel->clear();
        m_shownEnvironment = name;
    }
    if (m_monitor && !name.isEmpty())
        m_deploymentModel->setDeployments(m_monitor->deployments(name));
    else
        m_deploymentModel->clear();
    updateSummary();
}

void DeploymentsPane::updateSummary()
{
    const QString name = currentEnvironment();
    if (!m_monitor || name.isEmpty()) {
        m_summary->setText(m_monitor && m_monitor->hasData() ? tr("This project has no environments.")
                                                             : tr("Loading environments…"));
        return;
    }
    const Environment *environment = m_monitor->environment(name);
    const std::optional<Deployment> current = m_monitor->currentDeployment(name);
    QStringList lines;
    if (!current) {
        lines.append(tr("Nothing has been deployed successfully to %1 recently.").arg(name));
    } else {
        lines.append(tr("Deployed now: %1 at %2").arg(current->ref, current->sha.left(8)));
        if (!current->commitTitle.isEmpty())
            lines.append(current->commitTitle);
        const QString finished = current->finishedAt.isValid()
            ? QLocale().toString(current->finishedAt.toLocalTime(), QLocale::ShortFormat)
            : tr("unknown time");
        lines.append(current->user.isEmpty() ? tr("Finished at %1").arg(finished)
                                             : tr("By %1, finished at %2").arg(current->user, finished));
    }
    if (environment && !environment->externalUrl.isEmpty())
        lines.append(tr("URL: %1").arg(environment->externalUrl));
    const QList<Deployment> deployments = m_monitor->deployments(name);
    const int waiting = int(std::count_if(deployments.cbegin(), deployments.cend(),
                                          [](const Deployment &d) { return GitLab::isBlocked(d); }));
    if (waiting > 0)
        lines.append(tr("%n deployment(s) waiting for approval", nullptr, waiting));
    m_summary->setText(lines.join(u'\n'));
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
