#include "calendarpane.h"

#include "common/plaintooltips.h"

#include "releaselistmodel.h"
#include "releaseroles.h"
#include "releasetimelinemodel.h"
#include "services/connectionstatus.h"
#include "services/releasemanager.h"

#include <QAction>
#include <QCalendarWidget>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTextCharFormat>
#include <QTimeZone>
#include <QTimer>
#include <QVBoxLayout>

namespace Shipdeck {

CalendarPane::CalendarPane(ReleaseManager *releases, ConnectionStatus *gitlab, QWidget *parent)
    : Pane(Source::GitLab, gitlab, parent)
    , m_releases(releases)
    , m_listModel(new ReleaseListModel(this))
    , m_timelineModel(new ReleaseTimelineModel(this))
    , m_calendar(new QCalendarWidget(this))
    , m_agenda(new QListView(this))
    , m_table(new QTableView(this))
    , m_connectHint(new QWidget(this))
{
    m_listModel->setReleaseManager(releases);
    m_timelineModel->setReleaseManager(releases);

    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 4, 4, 4);

    auto *hintLayout = new QHBoxLayout(m_connectHint);
    hintLayout->setContentsMargins(0, 0, 0, 0);
    auto *hintText = new QLabel(tr("Connect GitLab to see milestones and deploy freeze windows on the calendar."));
    hintText->setWordWrap(true);
    hintText->setTextFormat(Qt::PlainText);
    auto *hintButton = new QPushButton(tr("Connect GitLab…"));
    hintLayout->addWidget(hintText, 1);
    hintLayout->addWidget(hintButton);
    connect(hintButton, &QPushButton::clicked, this, [this] { Q_EMIT configureRequested(Source::GitLab); });
    layout->addWidget(m_connectHint);

    auto *splitter = new QSplitter(Qt::Horizontal, content);
    auto *left = new QWidget(splitter);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    m_calendar->setGridVisible(false);
    m_calendar->setVerticalHeaderFormat(QCalendarWidget::NoVerticalHeader);
    leftLayout->addWidget(m_calendar);
    auto *agendaLabel = new QLabel(tr("Agenda"), left);
    agendaLabel->setBuddy(m_agenda);
    leftLayout->addWidget(agendaLabel);
    m_agenda->setModel(m_timelineModel);
    m_agenda->setAccessibleName(tr("Agenda"));
    leftLayout->addWidget(m_agenda, 1);

    auto *right = new QWidget(splitter);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    auto *toolbar = new QHBoxLayout;
    auto *title = new QLabel(tr("Releases"), right);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    toolbar->addWidget(title);
    toolbar->addStretch(1);
    auto *add = new QPushButton(QIcon::fromTheme(QStringLiteral("list-add")), tr("New Release"), right);
    connect(add, &QPushButton::clicked, this, &CalendarPane::addRelease);
    toolbar->addWidget(add);
    rightLayout->addLayout(toolbar);
    m_table->setModel(m_listModel);
    m_table->setAccessibleName(tr("Releases"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(ReleaseListModel::TitleColumn, QHeaderView::Stretch);
    // Fit the columns to their text once per batch of changes (a reload adds many rows in one go).
    auto fitColumns = [this] {
        if (m_fitPending)
            return;
        m_fitPending = true;
        QTimer::singleShot(0, this, [this] {
            m_fitPending = false;
            m_table->resizeColumnsToContents();
        });
    };
    connect(m_listModel, &QAbstractItemModel::rowsInserted, this, fitColumns);
    connect(m_listModel, &QAbstractItemModel::dataChanged, this, fitColumns);
    // The end and the environments are in each row's tooltip and the agenda; the header's context menu shows them.
    header->setSectionHidden(ReleaseListModel::EndColumn, true);
    header->setSectionHidden(ReleaseListModel::EnvironmentsColumn, true);
    header->setContextMenuPolicy(Qt::ActionsContextMenu);
    for (int column = 0; column < ReleaseListModel::ColumnCount; ++column) {
        auto *toggle = new QAction(m_listModel->headerData(column, Qt::Horizontal).toString(), header);
        toggle->setCheckable(true);
        toggle->setChecked(!header->isSectionHidden(column));
        toggle->setEnabled(column != ReleaseListModel::VersionColumn);
        connect(toggle, &QAction::toggled, header,
                [header, column](bool on) { header->setSectionHidden(column, !on); });
        header->addAction(toggle);
    }
    rightLayout->addWidget(m_table, 1);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setCollapsible(1, false);
    layout->addWidget(splitter, 1);
    installPlainToolTips(m_agenda);
    installPlainToolTips(m_table);
    setContent(content);
    setContentAlwaysVisible(true);

    // Selecting a release in the agenda shows its day on the calendar.
    connect(m_agenda, &QListView::clicked, this, [this](const QModelIndex &index) {
        const QDateTime start = index.data(ReleaseStartRole).toDateTime();
        if (start.isValid())
            m_calendar->setSelectedDate(start.date());
    });
    connect(m_timelineModel, &QAbstractItemModel::rowsInserted, this, &CalendarPane::markReleaseDays);
    connect(m_timelineModel, &QAbstractItemModel::rowsRemoved, this, &CalendarPane::markReleaseDays);
    connect(m_timelineModel, &QAbstractItemModel::dataChanged, this, &CalendarPane::markReleaseDays);
    connect(m_timelineModel, &QAbstractItemModel::modelReset, this, &CalendarPane::markReleaseDays);
    if (gitlab)
        connect(gitlab, &ConnectionStatus::changed, this, &CalendarPane::updateConnectHint);
    markReleaseDays();
    updateConnectHint();
}

void CalendarPane::addRelease()
{
    const QDateTime start(QDate::currentDate().addDays(7), QTime(10, 0), QTimeZone::systemTimeZone());
    Release release;
    release.version = tr("new");
    release.title = tr("New release");
    release.plannedStart = start;
    release.plannedEnd = start.addSecs(2 * 3600);
    release.environments = {QStringLiteral("staging"), QStringLiteral("production")};
    const QString id = m_releases->addRelease(release);
    const int row = m_listModel->rowOf(id);
    if (row >= 0) {
        const QModelIndex index = m_listModel->index(row, ReleaseListModel::VersionColumn);
        m_table->setCurrentIndex(index);
        m_table->edit(index);
    }
}

void CalendarPane::markReleaseDays()
{
    for (const QDate &day : std::as_const(m_markedDays))
        m_calendar->setDateTextFormat(day, {});
    m_markedDays.clear();
    QTextCharFormat marked;
    marked.setFontWeight(QFont::Bold);
    marked.setForeground(palette().color(QPalette::Link));
    for (int row = 0; row < m_timelineModel->rowCount(); ++row) {
        const QDateTime start = m_timelineModel->index(row).data(ReleaseStartRole).toDateTime();
        if (!start.isValid())
            continue;
        marked.setToolTip(m_timelineModel->index(row).data(Qt::DisplayRole).toString());
        m_calendar->setDateTextFormat(start.date(), marked);
        m_markedDays.append(start.date());
    }
}

void CalendarPane::updateConnectHint()
{
    m_connectHint->setVisible(!status() || status()->state() == ConnectionStatus::State::NotConfigured);
}

} // namespace Shipdeck
