#include "errorratespane.h"

#include "charts/errorchartview.h"
#include "common/emptystate.h"
#include "common/icons.h"
#include "sentry/issuelistmodel.h"
#include "sentry/releaseverdictjob.h"
#include "thresholdsdialog.h"

#include <QChart>
#include <QComboBox>
#include <QDesktopServices>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

namespace Shipdeck {

ErrorRatesPane::ErrorRatesPane(ConnectionStatus *sentry, QWidget *parent)
    : Pane(Source::Sentry, sentry, parent)
    , m_range(new QComboBox(this))
    , m_warning(new QLabel(this))
    , m_view(new ErrorChartView(this))
    , m_verdictFrame(new QFrame(this))
    , m_verdictIcon(new QLabel(m_verdictFrame))
    , m_verdictLabel(new QLabel(m_verdictFrame))
    , m_rollback(new QPushButton(tr("Roll back…"), m_verdictFrame))
    , m_issueModel(new IssueListModel(this))
    , m_issues(new QTableView(this))
    , m_openIssue(new QPushButton(tr("&Open in Sentry"), this))
{
    emptyState()->setIcon(appIcon(QStringLiteral("office-chart-line"), QStringLiteral("pane-errors")));
    emptyState()->setTitle(tr("No error data yet"));
    emptyState()->setText(tr("Connect Sentry to watch the error rate and crash-free sessions of each release live, "
                             "with a marker at every deployment."));

    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *bar = new QHBoxLayout;
    auto *rangeLabel = new QLabel(tr("&Range:"), content);
    rangeLabel->setBuddy(m_range);
    const std::pair<QString, qint64> ranges[] = {{tr("Last hour"), 3600},
                                                 {tr("Last 6 hours"), 6 * 3600},
                                                 {tr("Last 24 hours"), 24 * 3600},
                                                 {tr("Last 7 days"), 7 * 24 * 3600}};
    for (const auto &[name, seconds] : ranges)
        m_range->addItem(name, seconds);
    bar->addWidget(rangeLabel);
    bar->addWidget(m_range);
    bar->addStretch(1);
    auto *thresholds = new QPushButton(tr("&Thresholds…"), content);
    thresholds->setObjectName(QStringLiteral("thresholdsButton"));
    thresholds->setToolTip(tr("When a release counts as unhealthy"));
    connect(thresholds, &QPushButton::clicked, this, &ErrorRatesPane::editThresholds);
    bar->addWidget(thresholds);
    layout->addLayout(bar);
    m_warning->setTextFormat(Qt::PlainText);
    m_warning->setWordWrap(true);
    m_warning->hide();
    layout->addWidget(m_warning);

    // The verdict banner: a coloured frame, an icon and a worded prefix (it reads without the colour too).
    m_verdictFrame->setObjectName(QStringLiteral("verdictBanner"));
    m_verdictFrame->setFrameShape(QFrame::StyledPanel);
    auto *banner = new QHBoxLayout(m_verdictFrame);
    banner->setContentsMargins(8, 6, 8, 6);
    m_verdictIcon->setAccessibleName(tr("Release verdict"));
    m_verdictLabel->setTextFormat(Qt::PlainText);
    m_verdictLabel->setWordWrap(true);
    m_verdictLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_rollback->setToolTip(tr("Start rolling back the current release"));
    banner->addWidget(m_verdictIcon, 0, Qt::AlignTop);
    banner->addWidget(m_verdictLabel, 1);
    banner->addWidget(m_rollback, 0, Qt::AlignVCenter);
    m_verdictFrame->hide();
    layout->addWidget(m_verdictFrame);
    connect(m_rollback, &QPushButton::clicked, this, [this] {
        if (!m_verdictRelease.isEmpty())
            Q_EMIT rollbackRequested(m_verdictRelease);
    });

    // Below about this height Qt Charts drops the time axis labels.
    m_view->setMinimumHeight(280);
    layout->addWidget(m_view, 3);

    // Issues first seen in the current release.
    auto *issuesBar = new QHBoxLayout;
    auto *issuesLabel = new QLabel(tr("New &issues in this release:"), content);
    issuesLabel->setBuddy(m_issues);
    issuesBar->addWidget(issuesLabel);
    issuesBar->addStretch(1);
    issuesBar->addWidget(m_openIssue);
    layout->addLayout(issuesBar);
    m_issues->setModel(m_issueModel);
    m_issues->setAccessibleName(tr("New issues"));
    m_issues->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_issues->setSelectionMode(QAbstractItemView::SingleSelection);
    m_issues->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_issues->setWordWrap(false);
    m_issues->verticalHeader()->hide();
    m_issues->horizontalHeader()->setSectionResizeMode(IssueListModel::TitleColumn, QHeaderView::Stretch);
    for (int column = IssueListModel::EventsColumn; column < IssueListModel::ColumnCount; ++column)
        m_issues->horizontalHeader()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    layout->addWidget(m_issues, 1);
    m_openIssue->setEnabled(false);
    connect(m_issues, &QAbstractItemView::doubleClicked, this, &ErrorRatesPane::openIssue);
    connect(m_issues->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { m_openIssue->setEnabled(current.isValid()); });
    connect(m_openIssue, &QPushButton::clicked, this, [this] { openIssue(m_issues->currentIndex()); });
    setContent(content);

    connect(m_range, &QComboBox::currentIndexChanged, this, [this] {
        m_view->resetZoom(); // a new range is shown whole
        if (m_monitor)
            m_monitor->setRange(m_range->currentData().toLongLong());
    });
}

ErrorRatesPane::~ErrorRatesPane() = default;

void ErrorRatesPane::setMonitor(ErrorRateMonitor *monitor)
{
    if (m_monitor)
        disconnect(m_monitor, nullptr, this, nullptr);
    m_monitor = monitor;
    if (monitor) {
        connect(monitor, &ErrorRateMonitor::updated, this, &ErrorRatesPane::onUpdated);
        monitor->setRange(m_range->currentData().toLongLong());
    }
    rebuild();
}

void ErrorRatesPane::setSentry(SentryClient *client, const QStringList &projects, const QString &environment)
{
    m_client = client;
    m_projects = projects;
    m_environment = environment;
    delete m_verdictJob.data();
    if (m_issuesJob)
        m_issuesJob->cancel();
    m_nextIssues = QDeadlineTimer(0);
}

void ErrorRatesPane::setReleases(const QString &current, const QString &previous)
{
    if (current == m_current && previous == m_previous)
        return;
    m_current = current;
    m_previous = previous;
    m_view->setReleases(current, previous);
    rebuild();
    delete m_verdictJob.data(); // its answer is about other releases
    showVerdict({});
    if (m_issuesRelease != current) {
        if (m_issuesJob)
            m_issuesJob->cancel();
        m_issueModel->clear();
        m_issuesRelease.clear();
        m_nextIssues = QDeadlineTimer(0);
    }
}

QString ErrorRatesPane::verdictText() const
{
    return m_verdictFrame->isVisibleTo(this) ? m_verdictLabel->text() : QString();
}

void ErrorRatesPane::onUpdated()
{
    rebuild();
    requestVerdict();
    requestIssues();
}

void ErrorRatesPane::setThresholds(const VerdictThresholds &thresholds)
{
    const VerdictThresholds bounded = thresholds.bounded();
    if (bounded == m_thresholds)
        return;
    m_thresholds = bounded;
    // The shown verdict was judged with the old thresholds: ask again (the banner stays until the answer).
    delete m_verdictJob.data();
    requestVerdict();
}

void ErrorRatesPane::editThresholds()
{
    ThresholdsDialog dialog(m_thresholds, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const VerdictThresholds chosen = dialog.thresholds();
    if (chosen == m_thresholds)
        return;
    setThresholds(chosen);
    Q_EMIT thresholdsEdited(m_thresholds);
}

void ErrorRatesPane::requestVerdict()
{
    if (!m_client || m_current.isEmpty() || m_previous.isEmpty() || m_verdictJob)
        return; // one at a time: the next update asks again
    m_verdictJob
        = ReleaseVerdictJob::start(m_client, m_projects, m_environment, m_current, m_previous, m_thresholds, this);
    connect(m_verdictJob, &ReleaseVerdictJob::finished, this, [this](ReleaseVerdictJob *job) {
        // A failed read keeps the last verdict; the monitor's status tells about the connection.
        if (!job->hasError())
            showVerdict(job->verdict());
    });
}

void ErrorRatesPane::showBanner(const QColor &colour, QStyle::StandardPixmap icon, const QString &text)
{
    // A coloured frame, an icon and the words: it reads without the colour too.
    m_verdictFrame->setStyleSheet(QStringLiteral("QFrame#verdictBanner { border: 2px solid %1; border-radius: 4px; "
                                                 "background-color: %2; }")
            .arg(colour.name(), QColor(colour.red(), colour.green(), colour.blue(), 40).name(QColor::HexArgb)));
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_verdictIcon->setPixmap(style()->standardIcon(icon, nullptr, this).pixmap(size, size));
    m_verdictLabel->setText(text);
    m_verdictFrame->show();
}

void ErrorRatesPane::showVerdict(const ReleaseVerdict &verdict)
{
    m_lastVerdict = verdict;
    m_verdictLevel = verdict.level;
    if (const DeployMarker *rollback = rollbackAwayFromCurrent()) {
        // Rolled back: say so (Okabe–Ito sky blue) instead of asking for a rollback that has happened.
        m_verdictRelease.clear();
        m_rollback->hide();
        showBanner(QColor(0x56, 0xb4, 0xe9), QStyle::SP_MessageBoxInformation,
                   tr("Rolled back: %1 was replaced by %2 at %3. The lines show whether the error rate recovers.")
                       .arg(m_current, rollback->version,
                            QLocale().toString(QDateTime::fromMSecsSinceEpoch(rollback->time).toLocalTime().time(),
                                               QLocale::ShortFormat)));
        return;
    }
    m_rollback->show();
    const bool critical = verdict.level == ReleaseVerdict::Level::Critical;
    if (!critical && verdict.level != ReleaseVerdict::Level::Warning) {
        m_verdictFrame->hide();
        m_verdictRelease.clear();
        return;
    }
    m_verdictRelease = m_current;
    QString text = critical ? tr("Critical: %1").arg(verdict.summary) : tr("Warning: %1").arg(verdict.summary);
    for (const QString &reason : verdict.reasons)
        text += u'\n' + reason;
    m_rollback->setAccessibleDescription(tr("Roll back %1").arg(m_verdictRelease));
    // Okabe–Ito vermillion for critical, orange for a warning; the prefix and the icon say the same in words.
    showBanner(critical ? QColor(0xd5, 0x5e, 0x00) : QColor(0xe6, 0x9f, 0x00),
               critical ? QStyle::SP_MessageBoxCritical : QStyle::SP_MessageBoxWarning, text);
}

void ErrorRatesPane::requestIssues()
{
    if (!m_client || m_current.isEmpty() || m_issuesJob || !m_nextIssues.hasExpired())
        return;
    m_nextIssues.setRemainingTime(m_issuesInterval);
    const QString release = m_current;
    m_issuesJob = m_client->newIssues(release, m_projects, m_environment);
    connect(m_issuesJob, &SentryJob::finished, this, [this, release](SentryJob *done) {
        if (done->hasError() || release != m_current)
            return; // the last good list stays
        m_issuesRelease = release;
        m_issueModel->setIssues(static_cast<SentryIssuesJob *>(done)->issues());
    });
}

void ErrorRatesPane::openIssue(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const QUrl url = index.data(IssueListModel::PermalinkRole).toUrl();
    if (url.isValid() && (url.scheme() == QLatin1StringView("https") || url.scheme() == QLatin1StringView("http")))
        QDesktopServices::openUrl(url);
}

QStringList ErrorRatesPane::seriesNames() const
{
    QStringList names;
    for (QAbstractSeries *series : m_view->chart()->series())
        names << series->name();
    return names;
}

QString ErrorRatesPane::warningText() const
{
    return m_warning->isVisibleTo(this) ? m_warning->text() : QString();
}

void ErrorRatesPane::setDeployMarkers(const QList<DeployMarker> &markers)
{
    m_view->setDeployMarkers(markers);
    m_markers = markers;
    showVerdict(m_lastVerdict);
}

const DeployMarker *ErrorRatesPane::rollbackAwayFromCurrent() const
{
    // The newest deployment put another version back: the current release is no longer what runs.
    if (m_markers.isEmpty() || !m_markers.last().rollback || m_current.isEmpty())
        return nullptr;
    const QString current = m_current.mid(m_current.lastIndexOf(u'@') + 1);
    return m_markers.last().version != current ? &m_markers.last() : nullptr;
}

QChart *ErrorRatesPane::chart() const
{
    return m_view->chart();
}

void ErrorRatesPane::rebuild()
{
    if (!m_monitor) {
        m_view->clear();
        return;
    }
    // The view skips malformed samples (the monitor counts them) and draws the bucket still filling apart.
    // The releases, then the total of the environment (an ungrouped series: the view draws it as such).
    TimeseriesData errors = m_monitor->errors();
    for (const SentrySeries &total : m_monitor->total().series) {
        if (!total.isOther && total.release.isEmpty())
            errors.series.append(total);
    }
    m_view->setData(errors, m_monitor->sessions());
    const QStringList warnings = m_monitor->warnings();
    m_warning->setText(warnings.join(u'\n'));
    m_warning->setVisible(!warnings.isEmpty());
}

} // namespace Shipdeck
