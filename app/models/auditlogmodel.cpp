#include "auditlogmodel.h"

#include "services/auditlog.h"

#include <QLocale>

namespace Shipdeck {

AuditLogModel::AuditLogModel(QObject *parent) : QAbstractTableModel(parent) { }

void AuditLogModel::setAuditLog(AuditLog *log)
{
    beginResetModel();
    if (m_log)
        disconnect(m_log, nullptr, this, nullptr);
    m_log = log;
    m_rows = log ? int(log->events().size()) : 0;
    if (log) {
        connect(log, &AuditLog::eventRecorded, this, &AuditLogModel::onRecorded);
        connect(log, &AuditLog::eventsLoaded, this, &AuditLogModel::onLoaded);
    }
    endResetModel();
}

int AuditLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int AuditLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !m_log)
        return {};
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    const AuditEvent &event = m_log->events().at(index.row());
    switch (index.column()) {
    case WhenColumn:
        return QLocale().toString(event.when.toLocalTime(), QLocale::ShortFormat);
    case WhoColumn:
        return event.who;
    case WhatColumn:
        return event.what;
    case SubjectColumn:
        return event.subject;
    case WhyColumn:
        return event.why;
    case OutcomeColumn:
        return event.outcome;
    }
    return {};
}

QVariant AuditLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case WhenColumn:
        return tr("When");
    case WhoColumn:
        return tr("Who");
    case WhatColumn:
        return tr("What");
    case SubjectColumn:
        return tr("Subject");
    case WhyColumn:
        return tr("Why");
    case OutcomeColumn:
        return tr("Outcome");
    }
    return {};
}

void AuditLogModel::onRecorded()
{
    beginInsertRows({}, 0, 0);
    ++m_rows;
    endInsertRows();
}

void AuditLogModel::onLoaded(int count)
{
    if (count <= 0)
        return;
    beginInsertRows({}, m_rows, m_rows + count - 1);
    m_rows += count;
    endInsertRows();
}

} // namespace Shipdeck
