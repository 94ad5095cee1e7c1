#pragma once

#include "domain/errorsample.h"

#include <QList>
#include <QPointF>
#include <QString>

#include <array>
#include <cstdint>

namespace Shipdeck {

/**
 * One error time series (a release, or the total), stored column-wise for millions of buckets, with a min/max
 * pyramid (mipmap) kept up to date on append so that reduce() costs O(pixel width), not O(points).
 *
 * Buckets are ordered by time. Only the last bucket may be incomplete (still filling); replaceLast() updates it.
 * Memory: 16 bytes per bucket plus ~2 bytes per bucket for the pyramid.
 */
class ErrorSeries
{
public:
    explicit ErrorSeries(QString name = QString(), qint64 intervalMs = 0);

    [[nodiscard]] const QString &name() const { return m_name; }
    void setName(const QString &name) { m_name = name; }
    /// Bucket size in ms (for rate = count per minute); 0 when unknown.
    [[nodiscard]] qint64 intervalMs() const { return m_interval; }
    void setIntervalMs(qint64 intervalMs) { m_interval = intervalMs; }

    [[nodiscard]] qsizetype size() const { return m_times.size(); }
    [[nodiscard]] bool isEmpty() const { return m_times.isEmpty(); }
    [[nodiscard]] qint64 timeAt(qsizetype i) const { return m_times.at(i); }
    [[nodiscard]] double countAt(qsizetype i) const { return m_counts.at(i); }
    /// Events per minute in bucket @p i (0 when the interval is unknown).
    [[nodiscard]] double rateAt(qsizetype i) const;
    [[nodiscard]] bool isLastComplete() const { return m_lastComplete; }
    [[nodiscard]] ErrorSample sampleAt(qsizetype i) const;

    /// Appends a bucket later than the last one. Amortised O(1). Returns false (and changes nothing) when the time
    /// is not after the last bucket or the count is not a finite, non-negative number.
    bool append(const ErrorSample &sample);
    /// Replaces the last bucket (same time): the incomplete bucket filled further. O(log n).
    bool replaceLast(const ErrorSample &sample);
    void clear();
    void reserve(qsizetype size);

    /// The index of the first bucket with time >= @p time (binary search).
    [[nodiscard]] qsizetype lowerBound(qint64 time) const;

    /// Min and max count over buckets [first, last), with their indices. O(log n) via the pyramid.
    struct Extremes
    {
        qsizetype minIndex = -1;
        qsizetype maxIndex = -1;
    };
    [[nodiscard]] Extremes extremes(qsizetype first, qsizetype last) const;

    /**
     * The points to draw for the time range [@p from, @p to] on @p pixelWidth columns: per column at most the
     * minimum and the maximum bucket (in time order), at their own times; fewer when a column has fewer buckets.
     * x = time in ms, y = count. The bucket just before and just after the range are included so lines reach the
     * edges. Cost: two binary searches plus O(pixelWidth) pyramid blocks, independent of the number of buckets.
     */
    [[nodiscard]] QList<QPointF> reduce(qint64 from, qint64 to, int pixelWidth) const;

private:
    static constexpr int BaseShift = 3; ///< the first pyramid level holds blocks of 8 buckets
    static constexpr int MaxLevels = 40;
    struct Block
    {
        std::uint32_t minIndex;
        std::uint32_t maxIndex;
    };
    void completeBlocks(); ///< builds the blocks the last append completed
    void rebuildBlocksContaining(qsizetype index);
    Block combine(const Block &a, const Block &b) const;
    Block scan(qsizetype first, qsizetype last) const;
    void merge(Extremes *into, qsizetype minIndex, qsizetype maxIndex) const;

    QString m_name;
    qint64 m_interval = 0;
    QList<qint64> m_times;
    QList<double> m_counts;
    bool m_lastComplete = true;
    /// m_levels[k] holds complete blocks of 2^(BaseShift + k) buckets.
    std::array<QList<Block>, MaxLevels> m_levels;
};

} // namespace Shipdeck
