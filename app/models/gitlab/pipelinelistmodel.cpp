#include "pipelinelistmodel.h"

#include "gitlab/pipelinemonitor.h"

#include <QColor>
#include <QCoreApplication>
#include <QIcon>
#include <QLocale>

using namespace Qt::Literals::StringLiterals;

namespace Shipdeck {

QColor pipelineStatusColor(PipelineStatus status)
{
    switch (status) {
    case PipelineStatus::Success:
        return QColor(0x10, 0x85, 0x48);
    case PipelineStatus::Failed:
        return QColor(0xdd, 0x2b, 0x0e);
    case PipelineStatus::Running:
    case PipelineStatus::Pending:
    case PipelineStatus::Preparing:
    case PipelineStatus::WaitingForResource:
        return QColor(0x1f, 0x75, 0xcb);
    case PipelineStatus::Manual:
    case PipelineStatus::Scheduled:
        return QColor(0xab, 0x61, 0x00);
    case PipelineStatus::Canceled:
    case PipelineStatus::Skipped:
    case PipelineStatus::Created:
    case PipelineStatus::Unknown:
        break;
    }
    return QColor(0x73, 0x73, 0x73);
}

QString pipelineStatusIconName(PipelineStatus status)
{
    switch (status) {
    case PipelineStatus::Success:
        return u"emblem-ok-symbolic"_s;
    case PipelineStatus::Failed:
        return u"dialog-error"_s;
    case PipelineStatus::Running:
        return u"media-playback-start"_s;
    case PipelineStatus::Pending:
    case PipelineStatus::Preparing:
    case PipelineStatus::WaitingForResource:
    case PipelineStatus::Created:
        return u"content-loading-symbolic"_s;
    case PipelineStatus::Manual:
    case PipelineStatus::Scheduled:
        return u"media-playback-pause"_s;
    case PipelineStatus::Canceled:
        return u"process-stop"_s;
    case PipelineStatus::Skipped:
        return u"go-next"_s;
    case PipelineStatus::Unknown:
        break;
    }
    return u"dialog-question"_s;
}

QString pipelineSourceDisplayName(const QString &source)
{
    static const std::pair<const char *, const char *> names[] = {
        {"push", QT_TRANSLATE_NOOP("Shipdeck::PipelineSource", "Push")},
        {"web", QT_TRANSLATE_NOOP("Shipdeck::PipelineSource", "Web")},
        {"schedule", QT_TRANSLATE_NOOP("Shipdeck::PipelineSource", "Schedule")},
        {"api", QT_TRANSLATE_NOOP("Shipdeck::PipelineSource", "API")},
        {"trigger", QT_TRANSLATE_NOOP("Shipdeck::PipelineSource", "Trigger")},
        {"merge_request_event", QT_TRANSLATE_NOOP("Shipdeck::PipelineSource", "Merge request")},
        {"external_pull_request_event", QT_TRANSLATE_NOOP("Shipdeck::PipelineSource", "External pull request")},
        {"parent_pipeline", QT_TRANSLATE_NOOP("Shipdeck::PipelineSource", "Parent pipeline")},
        {"pipeline", QT_TRANSLATE_NOOP("Shipdeck::PipelineSource", "Multi-project pipeline")},
        {"chat", QT_TRANSLATE_NOOP("Shipdeck::PipelineSource", "Chat")},
        {"webide", QT_TRANSLATE_NOOP("Shipdeck::PipelineSource", "Web IDE")},
        {"external", QT_TRANSLATE_NOOP("Shipdeck::PipelineSource", "External")},
    };
    for (const auto &[key, name] : names) {
        if (source == QLatin1StringView(key))
            return QCoreApplication::translate("Shipdeck::PipelineSource", name);
    }
    return source;
}

QString formatDuration(double seconds)
{
    if (seconds <= 0)
        return {};
    const qint64 total = qint64(seconds + 0.5);
    // In the user's digits (Persian ones in Persian), the second part always two wide.
    const QLocale locale;
    auto number = [&locale](qint64 n) {
        return locale.toString(n);
    };
    auto twoWide = [&locale](qint64 n) {
        return locale.toString(n).rightJustified(2, locale.zeroDigit().front());
    };
    if (total < 60)
        return QCoreApplication::translate("Shipdeck::Duration", "%1 s").arg(number(total));
    if (total < 3600)
        return QCoreApplication::translate("Shipdeck::Duration", "%1 min %2 s")
            .arg(number(total / 60), twoWide(total % 60));
    return QCoreApplication::translate("Shipdeck::Duration", "%1 h %2 min")
        .arg(number(total / 3600), twoWide((total % 3600) / 60));
}

PipelineListModel::PipelineListModel(QObject *parent) : QAbstractTableModel(parent) { }

PipelineListModel::~PipelineListModel() = default;

void PipelineListModel::setMonitor(PipelineMonitor *monitor)
{
    if (m_monitor == monitor)
        return;
    beginResetModel();
    if (m_monitor)
        disconnect(m_monitor, nullptr, this, nullptr);
    m_monitor = monitor;
    m_ids = monitor ? monitor->pipelineIds() : QList<qint64>();
    if (monitor) {
        connect(monitor, &PipelineMonitor::pipelineAdded, this, &PipelineListModel::onAdded);
        connect(monitor, &PipelineMonitor::pipelineChanged, this, &PipelineListModel::onChanged);
        connect(monitor, &PipelineMonitor::pipelineRemoved, this, &PipelineListModel::onRemoved);
        connect(monitor, &QObject::destroyed, this, [this] {
            beginResetModel();
            m_ids.clear();
            endResetModel();
        });
    }
    endResetModel();
}

int PipelineListModel::rowOf(qint64 id) const
{
    // Newest first: the ids are sorted descending.
    const auto it = std::lower_bound(m_ids.cbegin(), m_ids.cend(), id, std::greater<>());
    return it != m_ids.cend() && *it == id ? int(it - m_ids.cbegin()) : -1;
}

int PipelineListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_ids.size());
}

int PipelineListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PipelineListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !m_monitor)
        return {};
    const Pipeline *p = m_monitor->pipeline(m_ids.at(index.row()));
    if (!p)
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case StatusColumn:
            return pipelineStatusDisplayName(p->status);
        case RefColumn:
            return p->ref;
        case ShaColumn:
            return role == Qt::ToolTipRole ? p->sha : p->sha.left(8);
        case TitleColumn:
            return p->commitTitle;
        case UserColumn:
            return p->user;
        case CreatedColumn:
            return QLocale().toString(p->createdAt.toLocalTime(), QLocale::ShortFormat);
        case DurationColumn:
            // A running pipeline shows how long it has been running (views repaint it; no dataChanged per second).
            if (isActive(p->status) && p->startedAt.isValid())
                return formatDuration(double(p->startedAt.secsTo(QDateTime::currentDateTimeUtc())));
            return formatDuration(p->duration);
        }
        return {};
    case Qt::DecorationRole:
        if (index.column() == StatusColumn)
            return QIcon::fromTheme(pipelineStatusIconName(p->status));
        return {};
    case Qt::ForegroundRole:
        if (index.column() == StatusColumn)
            return pipelineStatusColor(p->status);
        return {};
    case GitLabIdRole:
        return p->id;
    case GitLabStatusRole:
        return int(p->status);
    case GitLabStatusKeyRole:
        return pipelineStatusKey(p->status);
    case GitLabStatusColorRole:
        return pipelineStatusColor(p->status);
    case GitLabStatusIconNameRole:
        return pipelineStatusIconName(p->status);
    case GitLabActiveRole:
        return isActive(p->status);
    case GitLabRefRole:
        return p->ref;
    case GitLabShaRole:
        return p->sha;
    case GitLabUserRole:
        return p->user;
    case GitLabCreatedRole:
        return p->createdAt;
    case GitLabDurationRole:
        return p->duration;
    case GitLabWebUrlRole:
        return p->webUrl;
    case GitLabSourceRole:
        return p->source;
    }
    return {};
}

QVariant PipelineListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StatusColumn:
        return tr("Status");
    case RefColumn:
        return tr("Ref");
    case ShaColumn:
        return tr("Commit");
    case TitleColumn:
        return tr("Title");
    case UserColumn:
        return tr("User");
    case CreatedColumn:
        return tr("Created");
    case DurationColumn:
        return tr("Duration");
    }
    return {};
}

QHash<int, QByteArray> PipelineListModel::roleNames() const
{
    auto names = QAbstractTableModel::roleNames();
    names.insert(GitLabIdRole, QByteArrayLiteral("pipelineId"));
    names.insert(GitLabStatusRole, QByteArrayLiteral("status"));
    names.insert(GitLabStatusKeyRole, QByteArrayLiteral("statusKey"));
    names.insert(GitLabStatusColorRole, QByteArrayLiteral("statusColor"));
    names.insert(GitLabActiveRole, QByteArrayLiteral("active"));
    names.insert(GitLabRefRole, QByteArrayLiteral("ref"));
    names.insert(GitLabShaRole, QByteArrayLiteral("sha"));
    names.insert(GitLabUserRole, QByteArrayLiteral("user"));
    names.insert(GitLabCreatedRole, QByteArrayLiteral("created"));
    names.insert(GitLabDurationRole, QByteArrayLiteral("duration"));
    names.insert(GitLabSourceRole, QByteArrayLiteral("source"));
    return names;
}

void PipelineListModel::onAdded(qint64 id)
{
    const int row = m_monitor ? m_monitor->indexOf(id) : -1;
    if (row < 0 || row > m_ids.size())
        return;
    beginInsertRows({}, row, row);
    m_ids.insert(row, id);
    endInsertRows();
}

void PipelineListModel::onChanged(qint64 id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void PipelineListModel::onRemoved(qint64 id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_ids.removeAt(row);
    endRemoveRows();
}

} // namespace Shipdeck
