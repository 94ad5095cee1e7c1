#include "errorseries.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace Shipdeck {

ErrorSeries::ErrorSeries(QString name, qint64 intervalMs) : m_name(std::move(name)), m_interval(intervalMs) { }

double ErrorSeries::rateAt(qsizetype i) const
{
    return m_interval > 0 ? m_counts.at(i) / (double(m_interval) / 60000.0) : 0.0;
}

ErrorSample ErrorSeries::sampleAt(qsizetype i) const
{
    return ErrorSample {m_times.at(i), m_counts.at(i), rateAt(i), i + 1 < size() || m_lastComplete};
}

bool ErrorSeries::append(const ErrorSample &sample)
{
    if (!std::isfinite(sample.count) || sample.count < 0)
        return false;
    if (!m_times.isEmpty() && sample.time <= m_times.last())
        return false;
    if (m_times.size() >= qsizetype(UINT32_MAX))
        return false;
    m_times.append(sample.time);
    m_counts.append(sample.count);
    m_lastComplete = sample.complete;
    completeBlocks();
    return true;
}

bool ErrorSeries::replaceLast(const ErrorSample &sample)
{
    if (m_times.isEmpty() || sample.time != m_times.last() || !std::isfinite(sample.count) || sample.count < 0)
        return false;
    m_counts.last() = sample.count;
    m_lastComplete = sample.complete;
    rebuildBlocksContaining(m_times.size() - 1);
    return true;
}

void ErrorSeries::clear()
{
    m_times.clear();
    m_counts.clear();
    m_lastComplete = true;
    for (QList<Block> &level : m_levels)
        level.clear();
}

void ErrorSeries::reserve(qsizetype size)
{
    m_times.reserve(size);
    m_counts.reserve(size);
    m_levels[0].reserve(size >> BaseShift);
}

ErrorSeries::Block ErrorSeries::combine(const Block &a, const Block &b) const
{
    return Block {m_counts.at(b.minIndex) < m_counts.at(a.minIndex) ? b.minIndex : a.minIndex,
                  m_counts.at(b.maxIndex) > m_counts.at(a.maxIndex) ? b.maxIndex : a.maxIndex};
}

ErrorSeries::Block ErrorSeries::scan(qsizetype first, qsizetype last) const
{
    Block block {std::uint32_t(first), std::uint32_t(first)};
    for (qsizetype i = first + 1; i < last; ++i) {
        if (m_counts.at(i) < m_counts.at(block.minIndex))
            block.minIndex = std::uint32_t(i);
        if (m_counts.at(i) > m_counts.at(block.maxIndex))
            block.maxIndex = std::uint32_t(i);
    }
    return block;
}

void ErrorSeries::completeBlocks()
{
    // A level-0 block completes every 8 appends, a level-k block every 2^(3+k): amortised O(1) per append.
    const qsizetype n = m_times.size();
    if (n % (qsizetype(1) << BaseShift) != 0)
        return;
    m_levels[0].append(scan(n - (qsizetype(1) << BaseShift), n));
    for (int k = 1; k < MaxLevels; ++k) {
        const QList<Block> &below = m_levels[k - 1];
        if (below.size() % 2 != 0 || below.size() / 2 == m_levels[k].size())
            break;
        m_levels[k].append(combine(below.at(below.size() - 2), below.at(below.size() - 1)));
    }
}

void ErrorSeries::rebuildBlocksContaining(qsizetype index)
{
    for (int k = 0; k < MaxLevels; ++k) {
        const qsizetype block = index >> (BaseShift + k);
        if (block >= m_levels[k].size())
            return;
        if (k == 0) {
            const qsizetype first = block << BaseShift;
            m_levels[0][block] = scan(first, first + (qsizetype(1) << BaseShift));
        } else {
            m_levels[k][block] = combine(m_levels[k - 1].at(2 * block), m_levels[k - 1].at(2 * block + 1));
        }
    }
}

qsizetype ErrorSeries::lowerBound(qint64 time) const
{
    return std::lower_bound(m_times.cbegin(), m_times.cend(), time) - m_times.cbegin();
}

void ErrorSeries::merge(Extremes *into, qsizetype minIndex, qsizetype maxIndex) const
{
    if (into->minIndex < 0 || m_counts.at(minIndex) < m_counts.at(into->minIndex))
        into->minIndex = minIndex;
    if (into->maxIndex < 0 || m_counts.at(maxIndex) > m_counts.at(into->maxIndex))
        into->maxIndex = maxIndex;
}

ErrorSeries::Extremes ErrorSeries::extremes(qsizetype first, qsizetype last) const
{
    Extremes result;
    first = std::max<qsizetype>(0, first);
    last = std::min(last, size());
    qsizetype i = first;
    while (i < last) {
        // The largest complete, aligned block starting at i that fits.
        int best = -1;
        for (int k = 0; k < MaxLevels; ++k) {
            const int shift = BaseShift + k;
            const qsizetype length = qsizetype(1) << shift;
            if ((i & (length - 1)) != 0 || i + length > last || (i >> shift) >= m_levels[k].size())
                break;
            best = k;
        }
        if (best < 0) {
            const qsizetype end = std::min(last, (i | ((qsizetype(1) << BaseShift) - 1)) + 1);
            const Block block = scan(i, end);
            merge(&result, block.minIndex, block.maxIndex);
            i = end;
            continue;
        }
        const Block &block = m_levels[best].at(i >> (BaseShift + best));
        merge(&result, block.minIndex, block.maxIndex);
        i += qsizetype(1) << (BaseShift + best);
    }
    return result;
}

QList<QPointF> ErrorSeries::reduce(qint64 from, qint64 to, int pixelWidth) const
{
    QList<QPointF> points;
    if (isEmpty() || pixelWidth <= 0 || to < from)
        return points;
    // Visible buckets plus one neighbour on each side.
    const qsizetype first = std::max<qsizetype>(0, lowerBound(from) - 1);
    const qsizetype last
        = std::min(size(), std::upper_bound(m_times.cbegin(), m_times.cend(), to) - m_times.cbegin() + 1);
    const qsizetype count = last - first;
    if (count <= 0)
        return points;
    auto put = [&](qsizetype a, qsizetype b) {
        points.append(QPointF(double(m_times.at(a)), m_counts.at(a)));
        if (b != a)
            points.append(QPointF(double(m_times.at(b)), m_counts.at(b)));
    };
    if (count <= 2 * qsizetype(pixelWidth)) {
        points.reserve(count);
        for (qsizetype i = first; i < last; ++i)
            points.append(QPointF(double(m_times.at(i)), m_counts.at(i)));
        return points;
    }
    points.reserve(2 * pixelWidth + 4);
    const double span = std::max<double>(1.0, double(to - from));
    const qint64 *times = m_times.constData();
    const double *counts = m_counts.constData();
    const double scale = double(pixelWidth) / span;
    auto columnOf = [&](qsizetype index) {
        const double x = double(times[index] - from) * scale;
        return int(std::clamp(x, 0.0, double(pixelWidth - 1)));
    };
    Extremes current;
    int currentColumn = -1;
    auto add = [&](int column, const Extremes &e) {
        if (column != currentColumn && currentColumn >= 0) {
            put(std::min(current.minIndex, current.maxIndex), std::max(current.minIndex, current.maxIndex));
            current = Extremes();
        }
        currentColumn = column;
        if (current.minIndex < 0 || counts[e.minIndex] < counts[current.minIndex])
            current.minIndex = e.minIndex;
        if (current.maxIndex < 0 || counts[e.maxIndex] > counts[current.maxIndex])
            current.maxIndex = e.maxIndex;
    };

    // Dense view: walk the pyramid level whose blocks are at most a column wide (about 1–2 blocks per column), so
    // the cost is O(pixelWidth) whatever the number of buckets. A block counts for the column it starts in; its
    // extremes are drawn at their own times.
    const qsizetype perColumn = count / pixelWidth;
    int level = -1;
    while (level + 1 < MaxLevels && (qsizetype(1) << (BaseShift + level + 1)) <= perColumn
           && !m_levels[level + 1].isEmpty())
        ++level;
    if (level >= 0) {
        const int shift = BaseShift + level;
        const qsizetype length = qsizetype(1) << shift;
        const qsizetype firstBlock = (first + length - 1) >> shift;
        const qsizetype lastBlock = std::min<qsizetype>(last >> shift, m_levels[level].size());
        const qsizetype headEnd = std::min(last, firstBlock << shift);
        if (headEnd > first)
            add(columnOf(first), extremes(first, headEnd));
        qsizetype tail = headEnd;
        const Block *blocks = m_levels[level].constData();
        for (qsizetype b = firstBlock; b < lastBlock; ++b) {
            const Block &block = blocks[b];
            add(columnOf(b << shift), Extremes {block.minIndex, block.maxIndex});
            tail = (b + 1) << shift;
        }
        if (tail < last)
            add(columnOf(tail), extremes(tail, last));
        if (currentColumn >= 0)
            put(std::min(current.minIndex, current.maxIndex), std::max(current.minIndex, current.maxIndex));
        return points;
    }

    // Sparse view (fewer than 8 buckets per column): per column a binary search inside the remaining range.
    qsizetype begin = first;
    for (int column = 0; column < pixelWidth && begin < last; ++column) {
        const qint64 columnEnd = from + qint64(std::ceil(span * (column + 1) / pixelWidth));
        const qsizetype end = column + 1 == pixelWidth
            ? last
            : std::lower_bound(m_times.cbegin() + begin, m_times.cbegin() + last, columnEnd) - m_times.cbegin();
        if (end <= begin)
            continue;
        const Extremes e = extremes(begin, end);
        put(std::min(e.minIndex, e.maxIndex), std::max(e.minIndex, e.maxIndex));
        begin = end;
    }
    return points;
}

} // namespace Shipdeck
