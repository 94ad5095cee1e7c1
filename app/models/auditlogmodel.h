#pragma once

#include "services/auditlog.h"

#include <QAbstractTableModel>
#include <QPointer>

namespace Shipdeck {

struct AuditEvent;

/// The audit trail as a table, newest first. New events are inserted at the top, loaded ones at the bottom.
class AuditLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        WhenColumn,
        WhoColumn,
        WhatColumn,
        SubjectColumn,
        WhyColumn,
        OutcomeColumn,
        ColumnCount,
    };
    Q_ENUM(Column)

    explicit AuditLogModel(QObject *parent = nullptr);
    void setAuditLog(AuditLog *log);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void onRecorded();
    void onLoaded(int count);

    QPointer<AuditLog> m_log;
    int m_rows = 0; ///< rows announced to views; the log may be ahead while a signal is being handled
};

} // namespace Shipdeck
