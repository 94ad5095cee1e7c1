#include "pipelinespane.h"

#include "common/emptystate.h"
#include "common/icons.h"
#include "common/plaintooltips.h"
#include "domain/pipeline.h"
#include "gitlab/gitlabclient.h"
#include "gitlab/gitlabparse.h"
#include "gitlab/joblistmodel.h"
#include "gitlab/pipelinelistmodel.h"
#include "gitlab/pipelinemonitor.h"
#include "joblogdialog.h"
#include "net/apijob.h"

#include <QComboBox>
#include <QDesktopServices>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace Shipdeck {

namespace {

/// Status cells: the theme's icon when there is one, otherwise a dot in the status colour; always with the text,
/// so the status reads without colour too.
class StatusDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (!option->icon.isNull())
            return;
        const QColor color = index.data(GitLabStatusColorRole).value<QColor>();
        if (!color.isValid())
            return;
        const int size = option->decorationSize.height();
        QPixmap dot(size * 2, size * 2);
        dot.setDevicePixelRatio(2);
        dot.fill(Qt::transparent);
        QPainter painter(&dot);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setBrush(color);
        painter.setPen(Qt::NoPen);
        painter.drawEllipse(QRectF(size * 0.2, size * 0.2, size * 0.6, size * 0.6));
        painter.end();
        option->icon = QIcon(dot);
        option->features |= QStyleOptionViewItem::HasDecoration;
    }
};

/// Filters pipelines by ref, status and source.
class PipelineFilter : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setRef(const QString &ref)
    {
        m_ref = ref;
        invalidateRowsFilter();
    }
    void setSource(const QString &source)
    {
        m_source = source;
        invalidateRowsFilter();
    }
    void setStatus(int status)
    {
        m_status = status;
        invalidateRowsFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        const QModelIndex index = sourceModel()->index(row, 0, parent);
        if (!m_ref.isEmpty() && index.data(GitLabRefRole).toString() != m_ref)
            return false;
        if (!m_source.isEmpty() && index.data(GitLabSourceRole).toString() != m_source)
            return false;
        return m_status < 0 || index.data(GitLabStatusRole).toInt() == m_status;
    }

private:
    QString m_ref;
    QString m_source;
    int m_status = -1;
};

} // namespace

PipelinesPane::PipelinesPane(ConnectionStatus *gitlab, QWidget *parent)
    : Pane(Source::GitLab, gitlab, parent)
    , m_pipelineModel(new PipelineListModel(this))
    , m_filter(new PipelineFilter(this))
    , m_jobModel(new JobListModel(this))
    , m_ref(new QComboBox(this))
    , m_status(new QComboBox(this))
    , m_source(new QComboBox(this))
    , m_pipelineView(new QTableView(this))
    , m_jobView(new QTableView(this))
    , m_jobsTitle(new QLabel(this))
    , m_message(new QLabel(this))
    , m_play(new QPushButton(tr("&Play"), this))
    , m_retry(new QPushButton(tr("&Retry"), this))
    , m_cancel(new QPushButton(tr("&Cancel Pipeline"), this))
    , m_log(new QPushButton(tr("&Log"), this))
    , m_open(new QPushButton(tr("Open in &GitLab"), this))
{
    emptyState()->setIcon(appIcon(QStringLiteral("run-build"), QStringLiteral("pane-pipelines")));
    emptyState()->setTitle(tr("No pipelines yet"));
    emptyState()->setText(tr("Connect GitLab to see what is building, what failed and which deploy waits for you."));

    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 4, 4, 4);

    auto *filters = new QHBoxLayout;
    auto *refLabel = new QLabel(tr("&Ref:"), content);
    refLabel->setBuddy(m_ref);
    m_ref->setEditable(true);
    m_ref->setInsertPolicy(QComboBox::NoInsert);
    m_ref->addItem(tr("All refs"), QString());
    m_ref->setMinimumContentsLength(12);
    auto *statusLabel = new QLabel(tr("&Status:"), content);
    statusLabel->setBuddy(m_status);
    m_status->addItem(tr("All statuses"), -1);
    for (PipelineStatus s : {PipelineStatus::Running, PipelineStatus::Pending, PipelineStatus::Manual,
                             PipelineStatus::Success, PipelineStatus::Failed, PipelineStatus::Canceled}) {
        m_status->addItem(pipelineStatusDisplayName(s), int(s));
    }
    auto *sourceLabel = new QLabel(tr("S&ource:"), content);
    sourceLabel->setBuddy(m_source);
    m_source->addItem(tr("All sources"), QString());
    filters->addWidget(refLabel);
    filters->addWidget(m_ref, 1);
    filters->addWidget(statusLabel);
    filters->addWidget(m_status);
    filters->addWidget(sourceLabel);
    filters->addWidget(m_source);
    layout->addLayout(filters);

    auto *filter = static_cast<PipelineFilter *>(m_filter);
    m_filter->setSourceModel(m_pipelineModel);
    connect(m_ref, &QComboBox::currentTextChanged, this, [this, filter] {
        const QString data = m_ref->currentData().toString();
        const bool all = m_ref->currentIndex() == 0 && m_ref->currentText() == m_ref->itemText(0);
        filter->setRef(all ? QString() : (data.isEmpty() ? m_ref->currentText().trimmed() : data));
    });
    connect(m_status, &QComboBox::currentIndexChanged, this,
            [this, filter] { filter->setStatus(m_status->currentData().toInt()); });
    connect(m_source, &QComboBox::currentIndexChanged, this,
            [this, filter] { filter->setSource(m_source->currentData().toString()); });
    // Refs and sources appear in the filters as pipelines arrive; the default branch comes first (setGitLab()).
    connect(m_pipelineModel, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &, int first, int last) {
        for (int row = first; row <= last; ++row) {
            const QModelIndex index = m_pipelineModel->index(row, 0);
            const QString ref = index.data(GitLabRefRole).toString();
            if (!ref.isEmpty() && m_ref->findData(ref) < 0)
                m_ref->addItem(ref, ref);
            const QString source = index.data(GitLabSourceRole).toString();
            if (!source.isEmpty() && m_source->findData(source) < 0)
                m_source->addItem(pipelineSourceDisplayName(source), source);
        }
    });

    auto *splitter = new QSplitter(Qt::Vertical, content);
    for (QTableView *view : {m_pipelineView, m_jobView}) {
        view->setSelectionBehavior(QAbstractItemView::SelectRows);
        view->setSelectionMode(QAbstractItemView::SingleSelection);
        view->setAlternatingRowColors(true);
        view->verticalHeader()->hide();
        view->horizontalHeader()->setStretchLastSection(true);
        installPlainToolTips(view);
    }
    m_pipelineView->setModel(m_filter);
    m_pipelineView->setAccessibleName(tr("Pipelines"));
    m_pipelineView->setItemDelegateForColumn(PipelineListModel::StatusColumn, new StatusDelegate(m_pipelineView));
    m_pipelineView->horizontalHeader()->setSectionResizeMode(PipelineListModel::TitleColumn, QHeaderView::Stretch);
    for (int column : {PipelineListModel::StatusColumn, PipelineListModel::ShaColumn, PipelineListModel::CreatedColumn,
                       PipelineListModel::DurationColumn})
        m_pipelineView->horizontalHeader()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    m_pipelineView->horizontalHeader()->setStretchLastSection(false);
    m_jobView->setModel(m_jobModel);
    m_jobView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_jobView->horizontalHeader()->setStretchLastSection(true);
    m_jobView->setAccessibleName(tr("Jobs"));
    m_jobView->setItemDelegateForColumn(JobListModel::StatusColumn, new StatusDelegate(m_jobView));
    splitter->addWidget(m_pipelineView);

    auto *jobsPane = new QWidget(splitter);
    auto *jobsLayout = new QVBoxLayout(jobsPane);
    jobsLayout->setContentsMargins(0, 0, 0, 0);
    auto *actions = new QHBoxLayout;
    m_jobsTitle->setTextFormat(Qt::PlainText);
    actions->addWidget(m_jobsTitle, 1);
    m_play->setIcon(QIcon::fromTheme(QStringLiteral("media-playback-start")));
    m_retry->setIcon(QIcon::fromTheme(QStringLiteral("view-refresh")));
    m_cancel->setIcon(QIcon::fromTheme(QStringLiteral("process-stop")));
    m_log->setIcon(QIcon::fromTheme(QStringLiteral("text-x-log")));
    m_open->setIcon(QIcon::fromTheme(QStringLiteral("internet-web-browser")));
    for (QPushButton *button : {m_play, m_retry, m_cancel, m_log, m_open})
        actions->addWidget(button);
    jobsLayout->addLayout(actions);
    jobsLayout->addWidget(m_jobView, 1);
    m_message->setTextFormat(Qt::PlainText); // API error text
    m_message->setWordWrap(true);
    jobsLayout->addWidget(m_message);
    splitter->addWidget(jobsPane);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);
    setContent(content);

    connect(m_pipelineView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        m_jobModel->setJobs(0, {});
        reloadJobs();
        updateActions();
    });
    connect(m_jobView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &PipelinesPane::updateActions);
    // Select the newest pipeline once there is one, so its jobs show.
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, [this] {
        if (!m_pipelineView->currentIndex().isValid() && m_filter->rowCount() > 0)
            m_pipelineView->setCurrentIndex(m_filter->index(0, 0));
    });
    connect(m_jobModel, &QAbstractItemModel::dataChanged, this, &PipelinesPane::updateActions);
    connect(m_play, &QPushButton::clicked, this, [this] {
        const Job *job = m_jobModel->jobAt(selectedJobRow());
        if (job && m_client)
            runAction(m_client->playJob(job->id), tr("Starting %1…").arg(job->name), tr("Started %1.").arg(job->name));
    });
    connect(m_retry, &QPushButton::clicked, this, [this] {
        const Job *job = m_jobModel->jobAt(selectedJobRow());
        if (job && m_client)
            runAction(m_client->retryJob(job->id), tr("Retrying %1…").arg(job->name), tr("Retried %1.").arg(job->name));
    });
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        const qint64 id = selectedPipeline();
        if (id && m_client)
            runAction(m_client->cancelPipeline(id), tr("Cancelling pipeline #%1…").arg(id),
                      tr("Cancelled pipeline #%1.").arg(id));
    });
    connect(m_log, &QPushButton::clicked, this, &PipelinesPane::showLog);
    // Running pipelines show their time so far: repaint once a second while one runs and the pane is seen.
    auto *ticker = new QTimer(this);
    ticker->setInterval(std::chrono::seconds(1));
    connect(ticker, &QTimer::timeout, this, [this] {
        if (m_monitor && m_monitor->hasActivePipelines() && m_pipelineView->isVisible())
            m_pipelineView->viewport()->update();
    });
    ticker->start();
    connect(m_open, &QPushButton::clicked, this, &PipelinesPane::openInGitLab);
    updateActions();
}

PipelinesPane::~PipelinesPane() = default;

void PipelinesPane::setGitLab(GitLabClient *client, PipelineMonitor *monitor)
{
    m_client = client;
    if (m_monitor)
        disconnect(m_monitor, nullptr, this, nullptr);
    m_monitor = monitor;
    m_pipelineModel->setMonitor(monitor);
    m_jobModel->setJobs(0, {});
    requestDefaultBranch();
    if (monitor) {
        connect(monitor, &PipelineMonitor::pipelineChanged, this, [this](qint64 id) {
            if (id == selectedPipeline())
                reloadJobs();
        });
    }
    updateActions();
}

void PipelinesPane::requestDefaultBranch()
{
    if (m_projectRequest)
        m_projectRequest->deleteLater();
    if (!m_client)
        return;
    // The default branch leads the ref filter, as GitLab's own pipeline list has it.
    ApiJob *request = m_client->projectInfo();
    m_projectRequest = request;
    connect(request, &ApiJob::finished, this, [this, request](ApiJob *) {
        request->deleteLater();
        if (request != m_projectRequest || request->hasError())
            return; // without it the refs stay in the order they came
        const QString branch = request->json().object().value(QLatin1StringView("default_branch")).toString();
        if (branch.isEmpty())
            return;
        m_defaultBranch = branch;
        const int existing = m_ref->findData(branch);
        if (existing == 1)
            return;
        const QString current = m_ref->currentText();
        const QSignalBlocker blocker(m_ref);
        if (existing > 1)
            m_ref->removeItem(existing);
        m_ref->insertItem(1, tr("%1 (default branch)").arg(branch), branch);
        m_ref->setCurrentIndex(std::max(0, m_ref->findText(current)));
    });
    request->start();
}

QString PipelinesPane::messageText() const
{
    return m_message->text();
}

qint64 PipelinesPane::selectedPipeline() const
{
    const QModelIndex current = m_pipelineView->currentIndex();
    return current.isValid() ? current.data(GitLabIdRole).toLongLong() : 0;
}

int PipelinesPane::selectedJobRow() const
{
    const QModelIndex current = m_jobView->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void PipelinesPane::reloadJobs()
{
    const qint64 pipeline = selectedPipeline();
    m_jobsTitle->setText(pipeline ? tr("Jobs of pipeline #%1").arg(pipeline) : QString());
    if (!pipeline || !m_client)
        return;
    // GitLab's pipeline list has no user or duration; the monitor completes the newest ones, and the selected
    // one here when it is older than those.
    const QModelIndex current = m_pipelineView->currentIndex();
    if (current.isValid() && current.data(GitLabUserRole).toString().isEmpty()) {
        ApiJob *detail = m_client->pipeline(pipeline);
        connect(detail, &ApiJob::finished, this, [this, detail](ApiJob *) {
            detail->deleteLater();
            if (!detail->hasError() && m_monitor && detail->json().isObject())
                m_monitor->merge({GitLab::parsePipeline(detail->json().object())});
        });
        detail->start();
    }
    // One request at a time: a newer selection or change replaces the one under way.
    if (m_jobsRequest)
        m_jobsRequest->deleteLater();
    PagedApiJob *request = m_client->pipelineJobs(pipeline, true);
    m_jobsRequest = request;
    connect(request, &PagedApiJob::finished, this, [this, request, pipeline](PagedApiJob *) {
        request->deleteLater();
        if (request != m_jobsRequest || pipeline != selectedPipeline())
            return; // superseded
        if (request->hasError()) {
            showMessage(request->error().message, true);
            return;
        }
        m_jobModel->setJobs(pipeline, GitLab::parseJobs(request->items()));
        updateActions();
    });
    request->start();
}

void PipelinesPane::updateActions()
{
    const bool busy = m_action;
    const Job *job = m_jobModel->jobAt(selectedJobRow());
    const QModelIndex pipeline = m_pipelineView->currentIndex();
    m_play->setEnabled(!busy && job && GitLab::isPlayable(*job));
    m_retry->setEnabled(!busy && job && GitLab::isRetryable(*job));
    m_cancel->setEnabled(!busy && pipeline.isValid() && pipeline.data(GitLabActiveRole).toBool());
    m_log->setEnabled(job != nullptr);
    m_open->setEnabled(job || pipeline.isValid());
}

void PipelinesPane::runAction(ApiJob *job, const QString &progress, const QString &done)
{
    m_action = job;
    showMessage(progress, false);
    updateActions();
    connect(job, &ApiJob::finished, this, [this, job, done](ApiJob *) {
        job->deleteLater();
        m_action = nullptr;
        if (job->hasError()) {
            showMessage(job->error().message, true);
        } else {
            showMessage(done, false);
            if (m_monitor)
                m_monitor->refresh();
            reloadJobs();
        }
        updateActions();
    });
    job->start();
}

void PipelinesPane::showLog()
{
    const Job *job = m_jobModel->jobAt(selectedJobRow());
    if (!job || !m_client)
        return;
    auto *dialog = new JobLogDialog(m_client, job->id, job->name, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void PipelinesPane::openInGitLab()
{
    const Job *job = m_jobModel->jobAt(selectedJobRow());
    const QString url = job ? job->webUrl : m_pipelineView->currentIndex().data(GitLabWebUrlRole).toString();
    if (!url.isEmpty())
        QDesktopServices::openUrl(QUrl(url));
}

void PipelinesPane::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    QPalette palette = m_message->palette();
    palette.setColor(QPalette::WindowText,
                     error ? QColor(0xc0, 0x1c, 0x28) : this->palette().color(QPalette::WindowText));
    m_message->setPalette(palette);
}

} // namespace Shipdeck
