#pragma once

#include "sentry/sentryparse.h"

#include <QAbstractTableModel>

namespace Shipdeck {

/**
 * Sentry issues (e.g. those first seen in a release) as a table: Title, Events, Users, First seen. Titles are plain
 * text: the display role carries the raw title, the tooltip escapes it.
 * Updates are fine-grained: setIssues() removes the rows that are gone, moves, inserts and changes rows one by one
 * (keyed by issue id), never resets.
 */
class IssueListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        TitleColumn,
        EventsColumn,
        UsersColumn,
        FirstSeenColumn,
        ColumnCount,
    };
    Q_ENUM(Column)
    enum Role {
        IdRole = Qt::UserRole + 1, ///< QString
        PermalinkRole, ///< QUrl
        ShortIdRole, ///< QString
    };
    Q_ENUM(Role)

    explicit IssueListModel(QObject *parent = nullptr);
    ~IssueListModel() override;

    [[nodiscard]] const QList<SentryIssue> &issues() const { return m_issues; }
    [[nodiscard]] SentryIssue issue(int row) const { return m_issues.value(row); }
    /// Replaces the list by @p issues in their order, row by row (no reset).
    void setIssues(const QList<SentryIssue> &issues);
    void clear();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<SentryIssue> m_issues;
};

} // namespace Shipdeck
