#pragma once

#include "common/pane.h"

#include <QDate>

class QCalendarWidget;
class QListView;
class QPushButton;
class QTableView;
class QWidget;

namespace Shipdeck {

class ReleaseListModel;
class ReleaseManager;
class ReleaseTimelineModel;

/// The release plan: a month calendar with release days marked, the agenda in time order, and the editable
/// release table. Works without GitLab (local plan); GitLab adds milestones and deploy freezes.
class CalendarPane : public Pane
{
    Q_OBJECT
public:
    CalendarPane(ReleaseManager *releases, ConnectionStatus *gitlab, QWidget *parent = nullptr);

    [[nodiscard]] ReleaseListModel *listModel() const { return m_listModel; }
    [[nodiscard]] ReleaseTimelineModel *timelineModel() const { return m_timelineModel; }
    [[nodiscard]] QTableView *tableView() const { return m_table; }
    [[nodiscard]] QCalendarWidget *calendar() const { return m_calendar; }

    /// Adds a new planned release a week from now and starts editing its version.
    void addRelease();

private:
    void markReleaseDays();
    void updateConnectHint();

    ReleaseManager *m_releases;
    ReleaseListModel *m_listModel;
    ReleaseTimelineModel *m_timelineModel;
    QCalendarWidget *m_calendar;
    QListView *m_agenda;
    QTableView *m_table;
    QWidget *m_connectHint;
    QList<QDate> m_markedDays;
    bool m_fitPending = false;
};

} // namespace Shipdeck
