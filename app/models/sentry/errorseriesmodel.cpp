#include "errorseriesmodel.h"

#include <QDateTime>
#include <QTimeZone>

#include <cmath>
#include <limits>

namespace Shipdeck {

ErrorSeriesModel::ErrorSeriesModel(QObject *parent) : QAbstractTableModel(parent) { }

ErrorSeriesModel::~ErrorSeriesModel() = default;

void ErrorSeriesModel::setSamples(const QString &name, qint64 intervalMs, const QList<ErrorSample> &samples)
{
    beginResetModel();
    m_series.clear();
    m_series.setName(name);
    m_series.setIntervalMs(intervalMs);
    m_series.reserve(samples.size());
    for (const ErrorSample &sample : samples)
        m_series.append(sample);
    endResetModel();
}

int ErrorSeriesModel::merge(const QList<ErrorSample> &samples)
{
    // Only the last bucket may change; anything after it is new.
    qsizetype firstNew = 0;
    while (firstNew < samples.size() && !m_series.isEmpty()
           && samples.at(firstNew).time <= m_series.timeAt(m_series.size() - 1)) {
        const ErrorSample &sample = samples.at(firstNew);
        const qsizetype lastRow = m_series.size() - 1;
        if (sample.time == m_series.timeAt(lastRow)
            && (sample.count != m_series.countAt(lastRow) || sample.complete != m_series.isLastComplete())
            && m_series.replaceLast(sample))
            Q_EMIT dataChanged(index(int(lastRow), 0), index(int(lastRow), ColumnCount - 1));
        ++firstNew;
    }
    // Count the valid new buckets first, so that the insert announces exactly what is appended.
    QList<ErrorSample> added;
    qint64 lastTime = m_series.isEmpty() ? std::numeric_limits<qint64>::min() : m_series.timeAt(m_series.size() - 1);
    for (qsizetype i = firstNew; i < samples.size(); ++i) {
        const ErrorSample &sample = samples.at(i);
        if (sample.time > lastTime && std::isfinite(sample.count) && sample.count >= 0) {
            added.append(sample);
            lastTime = sample.time;
        }
    }
    if (added.isEmpty())
        return 0;
    const int first = int(m_series.size());
    beginInsertRows({}, first, first + int(added.size()) - 1);
    for (const ErrorSample &sample : std::as_const(added))
        m_series.append(sample);
    endInsertRows();
    return int(added.size());
}

int ErrorSeriesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_series.size());
}

int ErrorSeriesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ErrorSeriesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const qsizetype row = index.row();
    const bool complete = row + 1 < m_series.size() || m_series.isLastComplete();
    switch (role) {
    case TimeRole:
        return m_series.timeAt(row);
    case CountRole:
        return m_series.countAt(row);
    case RateRole:
        return m_series.rateAt(row);
    case CompleteRole:
        return complete;
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return QDateTime::fromMSecsSinceEpoch(m_series.timeAt(row), QTimeZone::UTC);
        case CountColumn:
            return m_series.countAt(row);
        case RateColumn:
            return m_series.rateAt(row);
        case CompleteColumn:
            return complete;
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant ErrorSeriesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case CountColumn:
        return tr("Errors");
    case RateColumn:
        return tr("Errors/min");
    case CompleteColumn:
        return tr("Complete");
    default:
        return {};
    }
}

QHash<int, QByteArray> ErrorSeriesModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(TimeRole, QByteArrayLiteral("time"));
    names.insert(CountRole, QByteArrayLiteral("count"));
    names.insert(RateRole, QByteArrayLiteral("rate"));
    names.insert(CompleteRole, QByteArrayLiteral("complete"));
    return names;
}

} // namespace Shipdeck
