#include "issuelistmodel.h"

#include <QLocale>
#include <QSet>
#include <QUrl>

namespace Shipdeck {

namespace {
bool sameContent(const SentryIssue &a, const SentryIssue &b)
{
    return a.id == b.id && a.shortId == b.shortId && a.title == b.title && a.culprit == b.culprit && a.level == b.level
        && a.status == b.status && a.permalink == b.permalink && a.count == b.count && a.userCount == b.userCount
        && a.firstSeen == b.firstSeen && a.lastSeen == b.lastSeen;
}

qsizetype indexOfId(const QList<SentryIssue> &issues, const QString &id, qsizetype from)
{
    for (qsizetype i = from; i < issues.size(); ++i) {
        if (issues[i].id == id)
            return i;
    }
    return -1;
}
} // namespace

IssueListModel::IssueListModel(QObject *parent) : QAbstractTableModel(parent) { }

IssueListModel::~IssueListModel() = default;

void IssueListModel::setIssues(const QList<SentryIssue> &issues)
{
    // Drop duplicates (by id) in the new list: the first wins.
    QList<SentryIssue> wanted;
    QSet<QString> seen;
    for (const SentryIssue &issue : issues) {
        if (!seen.contains(issue.id)) {
            seen.insert(issue.id);
            wanted.append(issue);
        }
    }
    // Rows that are gone, from the back.
    for (qsizetype row = m_issues.size() - 1; row >= 0; --row) {
        if (!seen.contains(m_issues[row].id)) {
            beginRemoveRows({}, int(row), int(row));
            m_issues.removeAt(row);
            endRemoveRows();
        }
    }
    // Now every old row is wanted: walk the new order, moving, inserting or updating.
    for (qsizetype row = 0; row < wanted.size(); ++row) {
        const SentryIssue &issue = wanted[row];
        if (row < m_issues.size() && m_issues[row].id == issue.id) {
            // in place
        } else if (const qsizetype from = indexOfId(m_issues, issue.id, row + 1); from >= 0) {
            beginMoveRows({}, int(from), int(from), {}, int(row));
            m_issues.move(from, row);
            endMoveRows();
        } else {
            beginInsertRows({}, int(row), int(row));
            m_issues.insert(row, issue);
            endInsertRows();
            continue;
        }
        if (!sameContent(m_issues[row], issue)) {
            m_issues[row] = issue;
            Q_EMIT dataChanged(index(int(row), 0), index(int(row), ColumnCount - 1));
        }
    }
}

void IssueListModel::clear()
{
    if (m_issues.isEmpty())
        return;
    beginRemoveRows({}, 0, int(m_issues.size()) - 1);
    m_issues.clear();
    endRemoveRows();
}

int IssueListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_issues.size());
}

int IssueListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant IssueListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SentryIssue &issue = m_issues[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TitleColumn:
            return issue.title;
        case EventsColumn:
            return issue.count >= 0 ? QVariant(QLocale().toString(issue.count)) : QVariant(tr("?"));
        case UsersColumn:
            return issue.userCount >= 0 ? QVariant(QLocale().toString(issue.userCount)) : QVariant(tr("?"));
        case FirstSeenColumn:
            return issue.firstSeen.isValid()
                ? QVariant(QLocale().toString(issue.firstSeen.toLocalTime(), QLocale::ShortFormat))
                : QVariant();
        default:
            return {};
        }
    case Qt::EditRole:
        switch (index.column()) {
        case TitleColumn:
            return issue.title;
        case EventsColumn:
            return issue.count;
        case UsersColumn:
            return issue.userCount;
        case FirstSeenColumn:
            return issue.firstSeen;
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == TitleColumn) {
            // Escaped so that a title that looks like HTML is shown as written.
            const QString text = issue.shortId.isEmpty() ? issue.title : issue.shortId + u": " + issue.title;
            return QString(u"<p>" + text.toHtmlEscaped() + u"</p>");
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == EventsColumn || index.column() == UsersColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case IdRole:
        return issue.id;
    case PermalinkRole:
        return QUrl(issue.permalink);
    case ShortIdRole:
        return issue.shortId;
    default:
        return {};
    }
}

QVariant IssueListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TitleColumn:
        return tr("Title");
    case EventsColumn:
        return tr("Events");
    case UsersColumn:
        return tr("Users");
    case FirstSeenColumn:
        return tr("First seen");
    default:
        return {};
    }
}

} // namespace Shipdeck
