#pragma once

#include "sentry/errorseries.h"

#include <QAbstractTableModel>

namespace Shipdeck {

/**
 * One error series (a release or the total) as a table for a chart adapter: a row per bucket, in time order.
 * Live updates are fine-grained: new buckets → one rowsInserted for the batch; the incomplete last bucket filled
 * further → one dataChanged for its row; never a reset except through setSamples().
 * Drawing should use series().reduce() (O(chart width)) rather than reading every row.
 */
class ErrorSeriesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        TimeColumn, ///< bucket start (QDateTime for display, ms in TimeRole)
        CountColumn,
        RateColumn, ///< events per minute
        CompleteColumn,
        ColumnCount,
    };
    Q_ENUM(Column)
    enum Role {
        TimeRole = Qt::UserRole + 1, ///< qint64 ms since the epoch
        CountRole, ///< double
        RateRole, ///< double, events per minute
        CompleteRole, ///< bool
    };
    Q_ENUM(Role)

    explicit ErrorSeriesModel(QObject *parent = nullptr);
    ~ErrorSeriesModel() override;

    [[nodiscard]] const ErrorSeries &series() const { return m_series; }
    /// Replaces everything (a model reset): a new release or range.
    void setSamples(const QString &name, qint64 intervalMs, const QList<ErrorSample> &samples);
    /// Merges a fresh poll: buckets after the last one are appended (one rowsInserted), a bucket with the time of
    /// the last one replaces it (one dataChanged). Older buckets are left alone. Returns the number of rows added.
    int merge(const QList<ErrorSample> &samples);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    ErrorSeries m_series;
};

} // namespace Shipdeck
