#include "errorchartview.h"

#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QPainter>
#include <QStyleHints>
#include <QTimer>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

namespace Shipdeck {

namespace {
// Okabe–Ito colours: distinguishable with the common colour-vision deficiencies; line styles tell them apart too.
const QColor currentColor(0xd5, 0x5e, 0x00);
const QColor previousColor(0x00, 0x72, 0xb2);
const QColor otherColor(0x99, 0x99, 0x99);
const QColor crashFreeColor(0x00, 0x9e, 0x73);
const QColor rollbackColor(0xcc, 0x79, 0xa7);

const QString crashFreeField = QStringLiteral("crash_free_rate(session)");

/// A number as written in the callout: at most two decimals, no trailing zeros, in the widget's locale.
QString number(const QLocale &locale, double value)
{
    return locale.toString(std::round(value * 100) / 100, 'f', QLocale::FloatingPointShortest);
}
} // namespace

ErrorChartView::ErrorChartView(QWidget *parent)
    : QChartView(new QChart, parent)
    , m_time(new QDateTimeAxis(this))
    , m_errors(new QValueAxis(this))
    , m_crashFree(new QValueAxis(this))
{
    QChart *chart = this->chart();
    chart->legend()->setAlignment(Qt::AlignTop);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(0);
    chart->setPlotAreaBackgroundVisible(false);
    m_time->setFormat(QStringLiteral("HH:mm"));
    // Short titles and no "Time": a small pane keeps room for the tick labels (the legend names every line).
    m_time->setTitleVisible(false);
    m_errors->setTitleText(tr("Errors/min"));
    m_errors->setLabelFormat(QStringLiteral("%.0f"));
    m_crashFree->setTitleText(tr("Crash-free %"));
    m_crashFree->setRange(80, 100);
    m_crashFree->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(m_time, Qt::AlignBottom);
    chart->addAxis(m_errors, Qt::AlignLeft);
    chart->addAxis(m_crashFree, Qt::AlignRight);

    setRenderHint(QPainter::Antialiasing);
    setRubberBand(QChartView::NoRubberBand);
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    viewport()->setMouseTracking(true);
    setAccessibleName(tr("Error rates"));
    m_description = tr("Errors per minute of each release over time, with a line at every deployment. "
                       "Plus and minus or the mouse wheel zoom the time axis, Left and Right or dragging "
                       "pan it, Shift and dragging zooms to a span, Home or 0 shows the whole range and "
                       "follows live data. Hover a point, or step through the buckets with Control and "
                       "Left or Right, for the exact values; Escape hides them.");
    setAccessibleDescription(m_description);

    // A new plot width needs a new reduction. Not from inside the layout that changed it (changing the axes there
    // lays the chart out again, recursively): once, after it.
    connect(chart, &QChart::plotAreaChanged, this, [this](const QRectF &area) {
        if (int(area.width()) == m_drawnWidth || m_redrawQueued) {
            viewport()->update();
            return;
        }
        m_redrawQueued = true;
        QTimer::singleShot(0, this, [this] {
            if (m_redrawQueued && int(this->chart()->plotArea().width()) != m_drawnWidth)
                redraw();
            m_redrawQueued = false;
        });
    });
    // The palette follows the scheme; read it once the application has updated it.
    connect(QGuiApplication::styleHints(), &QStyleHints::colorSchemeChanged, this, &ErrorChartView::applyPalette,
            Qt::QueuedConnection);
    applyPalette();
}

ErrorChartView::~ErrorChartView() = default;

QPen ErrorChartView::deployPen(const QPalette &palette)
{
    QColor colour = palette.color(QPalette::Text);
    colour.setAlpha(170);
    QPen pen(colour);
    pen.setWidthF(1.5);
    pen.setStyle(Qt::SolidLine);
    return pen;
}

QPen ErrorChartView::rollbackPen()
{
    QPen pen(rollbackColor);
    pen.setWidthF(2);
    pen.setDashPattern({3, 2});
    return pen;
}

void ErrorChartView::applyPalette()
{
    const QPalette palette = this->palette();
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    const QColor mid = palette.color(QPalette::Mid);
    QChart *chart = this->chart();
    chart->setBackgroundBrush(base);
    chart->setBackgroundPen(Qt::NoPen);
    chart->setTitleBrush(text);
    chart->legend()->setLabelColor(text);
    setBackgroundBrush(base);
    for (QAbstractAxis *axis : {static_cast<QAbstractAxis *>(m_time), static_cast<QAbstractAxis *>(m_errors),
                                static_cast<QAbstractAxis *>(m_crashFree)}) {
        axis->setLabelsColor(text);
        axis->setTitleBrush(text);
        axis->setGridLineColor(mid);
        axis->setMinorGridLineColor(mid);
        axis->setLinePenColor(mid);
    }
    for (Line &line : m_lines) {
        if (!line.isTotal)
            continue;
        line.pen.setColor(text);
        if (line.line)
            line.line->setPen(line.pen);
        if (line.progress) {
            QPen pen = line.progress->pen();
            pen.setColor(text);
            line.progress->setPen(pen);
        }
    }
    viewport()->update();
}

void ErrorChartView::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

void ErrorChartView::clear()
{
    chart()->removeAllSeries();
    m_lines.clear();
    m_crashSeries.clear();
    m_crashLine = nullptr;
    m_dataFrom = m_dataTo = m_from = m_to = 0;
    m_zoomed = false;
    m_followLive = true;
    m_hoverTime = -1;
    viewport()->update();
}

void ErrorChartView::setData(const TimeseriesData &errors, const SessionsData &sessions)
{
    chart()->removeAllSeries(); // the QLineSeries only; the data below is rebuilt
    m_lines.clear();
    m_crashSeries.clear();
    m_crashLine = nullptr;

    int index = 0;
    for (const SentrySeries &data : errors.series) {
        Line line;
        line.release = data.release;
        line.isOther = data.isOther;
        line.isTotal = !data.isOther && data.release.isEmpty();
        line.name = data.isOther ? tr("Other") : (data.release.isEmpty() ? tr("Total") : data.release);
        line.series = ErrorSeries(line.name, data.intervalMs);
        line.series.reserve(data.samples.size());
        for (qsizetype i = 0; i < data.samples.size(); ++i) {
            const ErrorSample &sample = data.samples.at(i);
            if (!std::isfinite(sample.rate) || sample.rate < 0 || !std::isfinite(sample.count) || sample.count < 0)
                continue; // malformed numbers are skipped (the monitor counts them), never drawn
            if (!sample.complete) {
                // Only the last bucket may still be filling; it is drawn apart.
                if (i + 1 == data.samples.size()
                    && (line.series.isEmpty() || sample.time > line.series.timeAt(line.series.size() - 1)))
                    line.pending = sample;
                continue;
            }
            line.series.append(sample); // refuses a bucket out of order
        }
        if (!data.isOther && !line.isTotal) {
            if (const SessionGroup *group = sessions.ok ? sessions.find(data.release) : nullptr) {
                const QList<double> values = group->series.value(crashFreeField);
                for (qsizetype i = 0; i < values.size() && i < sessions.intervals.size(); ++i) {
                    line.crashTimes.append(sessions.intervals.at(i));
                    line.crashValues.append(values.at(i) * 100);
                }
            }
        }
        // The current release solid orange, the previous dashed blue, whatever order Sentry lists them in (before
        // the deploy only the previous one has errors); without known roles, the first is taken as current.
        bool asCurrent = index == 0;
        if (!m_current.isEmpty() || !m_previous.isEmpty())
            asCurrent = data.release == m_current || (data.release != m_previous && index == 0);
        QPen pen(data.isOther ? otherColor : (asCurrent ? currentColor : previousColor));
        pen.setWidthF(data.isOther ? 1.5 : 2.5);
        pen.setStyle(data.isOther ? Qt::DotLine : (asCurrent ? Qt::SolidLine : Qt::DashLine));
        if (line.isTotal) {
            // The total of every release: thin, in the text colour (it follows the palette), dash-dot-dot.
            pen = QPen(palette().color(QPalette::Text), 1.2, Qt::DashDotDotLine);
        }
        line.pen = pen;
        if (!data.isOther && !line.isTotal)
            ++index;
        m_lines.push_back(std::move(line));
    }

    for (Line &line : m_lines) {
        line.line = new QLineSeries(chart());
        line.line->setName(line.name);
        line.line->setPen(line.pen);
        chart()->addSeries(line.line);
        line.line->attachAxis(m_time);
        line.line->attachAxis(m_errors);
    }
    // The buckets still filling: dotted, same colour, out of the legend (the line's own entry names the release).
    for (Line &line : m_lines) {
        if (!line.pending)
            continue;
        line.progress = new QLineSeries(chart());
        line.progress->setName(tr("%1 (in progress)").arg(line.name));
        QPen pen = line.pen;
        pen.setWidthF(std::max(1.5, pen.widthF() - 0.5));
        pen.setDashPattern({1, 2.5});
        line.progress->setPen(pen);
        chart()->addSeries(line.progress);
        line.progress->attachAxis(m_time);
        line.progress->attachAxis(m_errors);
        for (QLegendMarker *marker : chart()->legend()->markers(line.progress))
            marker->setVisible(false);
    }
    // Crash-free sessions of the current release, when Sentry has them (null buckets are gaps, not zero).
    const auto current
        = std::find_if(m_lines.cbegin(), m_lines.cend(), [](const Line &l) { return !l.isOther && !l.isTotal; });
    if (current != m_lines.cend() && sessions.ok && sessions.find(current->release)) {
        m_crashSeries = ErrorSeries(current->release, 60000);
        for (qsizetype i = 0; i < current->crashTimes.size(); ++i)
            m_crashSeries.append(ErrorSample {current->crashTimes.at(i), current->crashValues.at(i), 0, true});
        m_crashLine = new QLineSeries(chart());
        m_crashLine->setName(tr("Crash-free sessions, %1").arg(current->release));
        QPen pen(crashFreeColor);
        pen.setWidthF(1.5);
        pen.setStyle(Qt::DashDotLine);
        m_crashLine->setPen(pen);
        chart()->addSeries(m_crashLine);
        m_crashLine->attachAxis(m_time);
        m_crashLine->attachAxis(m_crashFree);
    }

    // The extent of the data, and the window: the whole of it, the same width at its end, or where the user left it.
    qint64 first = std::numeric_limits<qint64>::max();
    qint64 last = std::numeric_limits<qint64>::min();
    for (const Line &line : m_lines) {
        if (!line.series.isEmpty()) {
            first = std::min(first, line.series.timeAt(0));
            last = std::max(last, line.series.timeAt(line.series.size() - 1));
        }
        if (line.pending) {
            first = std::min(first, line.pending->time);
            last = std::max(last, line.pending->time);
        }
    }
    if (first > last && !m_crashSeries.isEmpty()) {
        first = m_crashSeries.timeAt(0);
        last = m_crashSeries.timeAt(m_crashSeries.size() - 1);
    }
    const QPair<qint64, qint64> before = visibleRange();
    if (first > last) {
        m_dataFrom = m_dataTo = m_from = m_to = 0;
        m_zoomed = false;
        m_followLive = true;
    } else {
        m_dataFrom = first;
        m_dataTo = last;
        const qint64 span = m_to - m_from;
        if (!m_zoomed || span >= m_dataTo - m_dataFrom) {
            m_zoomed = false;
            m_followLive = true;
            m_from = m_dataFrom;
            m_to = m_dataTo;
        } else if (m_followLive) {
            m_to = m_dataTo;
            m_from = m_to - span;
        } else if (m_to > m_dataTo) {
            m_to = m_dataTo;
            m_from = m_to - span;
            m_followLive = true;
        } else if (m_from < m_dataFrom) {
            m_from = m_dataFrom;
            m_to = m_from + span;
        }
    }
    m_drawnWidth = -1;
    redraw();
    if (visibleRange() != before)
        Q_EMIT visibleRangeChanged(m_from, m_to);
}

double ErrorChartView::rate(const ErrorSeries &series, double count)
{
    // The same as ErrorSeries::rateAt(): events per minute over the bucket, 0 when its size is unknown.
    return series.intervalMs() > 0 ? count / (double(series.intervalMs()) / 60000.0) : 0.0;
}

void ErrorChartView::redraw()
{
    m_redrawQueued = false;
    const QRectF area = chart()->plotArea();
    m_drawnWidth = int(area.width());
    // Before the first layout the plot area is empty: the view's width is a fair guess (redrawn once laid out).
    const int columns = std::max(2, area.width() >= 2 ? int(area.width()) : viewport()->width());
    const bool hasRange = !m_lines.empty() || !m_crashSeries.isEmpty();
    double top = 1;
    for (Line &line : m_lines) {
        QList<QPointF> points = hasRange ? line.series.reduce(m_from, m_to, columns) : QList<QPointF>();
        for (QPointF &point : points) {
            point.setY(rate(line.series, point.y()));
            if (point.x() >= double(m_from) && point.x() <= double(m_to))
                top = std::max(top, point.y());
        }
        line.line->replace(points);
        if (line.progress) {
            QList<QPointF> progress;
            if (!line.series.isEmpty()) {
                const qsizetype lastIndex = line.series.size() - 1;
                progress.append(QPointF(double(line.series.timeAt(lastIndex)), line.series.rateAt(lastIndex)));
            }
            const double pendingRate = rate(line.series, line.pending->count);
            progress.append(QPointF(double(line.pending->time), pendingRate));
            if (line.pending->time >= m_from && line.pending->time <= m_to)
                top = std::max(top, pendingRate);
            line.progress->replace(progress);
        }
    }
    if (m_crashLine)
        m_crashLine->replace(m_crashSeries.reduce(m_from, m_to, columns));

    if (hasRange) {
        qint64 from = m_from;
        qint64 to = m_to;
        if (to <= from) { // a single bucket: a little room around it
            from -= std::max<qint64>(30000, bucketInterval() / 2);
            to += std::max<qint64>(30000, bucketInterval() / 2);
        }
        m_time->setRange(QDateTime::fromMSecsSinceEpoch(from), QDateTime::fromMSecsSinceEpoch(to));
        const qint64 span = to - from;
        m_time->setFormat(span > 4 * 24 * 3600 * 1000LL ? QStringLiteral("dd MMM")
                                                        : span > 24 * 3600 * 1000LL
                          ? QStringLiteral("dd MMM HH:mm")
                          : span > 20 * 60 * 1000LL
                          ? QStringLiteral("HH:mm")
                          : QStringLiteral("HH:mm:ss"));
        m_time->setTickCount(std::clamp(columns / 120, 2, 8) + 1);
        // Qt Charts can leave the time axis' items hidden after it was laid out without a range (a pane built
        // before its data, in a dock): showing it again lays it out anew. Checked in the demo window.
        m_time->setVisible(false);
        m_time->setVisible(true);
    }
    m_errors->setLabelFormat(top * 1.1 < 5 ? QStringLiteral("%.1f") : QStringLiteral("%.0f"));
    m_errors->setRange(0, top * 1.1);
    m_errors->applyNiceNumbers();
    viewport()->update();
}

qint64 ErrorChartView::bucketInterval() const
{
    for (const Line &line : m_lines) {
        if (line.series.intervalMs() > 0)
            return line.series.intervalMs();
    }
    for (const Line &line : m_lines) {
        if (line.series.size() >= 2)
            return line.series.timeAt(1) - line.series.timeAt(0);
    }
    return 60000;
}

qint64 ErrorChartView::minimumSpan() const
{
    return std::max<qint64>(1000, 4 * bucketInterval());
}

void ErrorChartView::resetZoom()
{
    const QPair<qint64, qint64> before = visibleRange();
    m_zoomed = false;
    m_followLive = true;
    m_from = m_dataFrom;
    m_to = m_dataTo;
    redraw();
    if (visibleRange() != before)
        Q_EMIT visibleRangeChanged(m_from, m_to);
}

void ErrorChartView::setVisibleRange(qint64 from, qint64 to)
{
    if (from > to)
        std::swap(from, to);
    setUserRange(from, to);
}

void ErrorChartView::setUserRange(qint64 from, qint64 to)
{
    const qint64 full = m_dataTo - m_dataFrom;
    if (m_lines.empty() && m_crashSeries.isEmpty())
        return; // nothing to show a part of
    if (to - from >= full) {
        resetZoom();
        return;
    }
    const qint64 span = std::max(to - from, std::min(minimumSpan(), full));
    if (from < m_dataFrom)
        from = m_dataFrom;
    to = from + span;
    if (to > m_dataTo) {
        to = m_dataTo;
        from = to - span;
    }
    const QPair<qint64, qint64> before = visibleRange();
    m_zoomed = true;
    m_followLive = to >= m_dataTo;
    m_from = from;
    m_to = to;
    if (visibleRange() != before) {
        redraw();
        Q_EMIT visibleRangeChanged(m_from, m_to);
    }
}

void ErrorChartView::zoomAround(qint64 anchor, double factor)
{
    if (m_dataTo <= m_dataFrom)
        return;
    const double span = double(m_to - m_from);
    const double wanted = std::max(double(std::min(minimumSpan(), m_dataTo - m_dataFrom)), span * factor);
    if (wanted >= double(m_dataTo - m_dataFrom)) {
        resetZoom();
        return;
    }
    anchor = std::clamp(anchor, m_from, m_to);
    const double share = span > 0 ? double(anchor - m_from) / span : 1.0;
    const qint64 from = anchor - qint64(std::llround(share * wanted));
    setUserRange(from, from + qint64(std::llround(wanted)));
}

void ErrorChartView::panBy(qint64 deltaMs)
{
    if (!m_zoomed || deltaMs == 0)
        return;
    setUserRange(m_from + deltaMs, m_to + deltaMs);
}

qint64 ErrorChartView::timeAt(qreal x) const
{
    const QRectF area = chart()->plotArea();
    const qint64 from = m_time->min().toMSecsSinceEpoch();
    const qint64 to = m_time->max().toMSecsSinceEpoch();
    if (area.width() <= 0)
        return from;
    return from + qint64(std::llround((x - area.left()) / area.width() * double(to - from)));
}

qreal ErrorChartView::xOf(qint64 timeMs) const
{
    const QList<QAbstractSeries *> series = chart()->series();
    if (!series.isEmpty())
        return chart()->mapToPosition(QPointF(double(timeMs), 0), series.first()).x();
    const QRectF area = chart()->plotArea();
    const qint64 from = m_time->min().toMSecsSinceEpoch();
    const qint64 to = m_time->max().toMSecsSinceEpoch();
    return to > from ? area.left() + double(timeMs - from) / double(to - from) * area.width() : area.left();
}

QRectF ErrorChartView::plotRect() const
{
    return chart()->mapRectToScene(chart()->plotArea());
}

QList<DeployMarker> ErrorChartView::visibleMarkers() const
{
    QList<DeployMarker> visible;
    if (m_lines.empty() && m_crashSeries.isEmpty())
        return visible;
    for (const DeployMarker &marker : m_markers) {
        if (marker.time >= m_from && marker.time <= m_to)
            visible.append(marker);
    }
    std::stable_sort(visible.begin(), visible.end(),
                     [](const DeployMarker &a, const DeployMarker &b) { return a.time < b.time; });
    return visible;
}

void ErrorChartView::setReleases(const QString &current, const QString &previous)
{
    m_current = current;
    m_previous = previous;
}

void ErrorChartView::setDeployMarkers(const QList<DeployMarker> &markers)
{
    m_markers = markers;
    viewport()->update();
}

qint64 ErrorChartView::nearestBucket(qint64 timeMs) const
{
    qint64 best = -1;
    qint64 distance = std::numeric_limits<qint64>::max();
    auto consider = [&](qint64 time) {
        const qint64 d = time > timeMs ? time - timeMs : timeMs - time;
        if (d < distance) {
            distance = d;
            best = time;
        }
    };
    for (const Line &line : m_lines) {
        const qsizetype i = line.series.lowerBound(timeMs);
        if (i < line.series.size())
            consider(line.series.timeAt(i));
        if (i > 0)
            consider(line.series.timeAt(i - 1));
        if (line.pending)
            consider(line.pending->time);
    }
    return best;
}

std::optional<double> ErrorChartView::crashFreeAt(const Line &line, qint64 timeMs)
{
    const auto after = std::upper_bound(line.crashTimes.cbegin(), line.crashTimes.cend(), timeMs);
    const qsizetype i = (after - line.crashTimes.cbegin()) - 1;
    if (i < 0)
        return std::nullopt;
    if (i + 1 == line.crashTimes.size() && i > 0
        && timeMs - line.crashTimes.at(i) > line.crashTimes.at(i) - line.crashTimes.at(i - 1))
        return std::nullopt; // after the last session bucket
    const double value = line.crashValues.at(i);
    return std::isfinite(value) ? std::optional<double>(value) : std::nullopt;
}

QString ErrorChartView::hoverText(qint64 timeMs) const
{
    const qint64 bucket = nearestBucket(timeMs);
    if (bucket < 0)
        return {};
    const QLocale locale = this->locale();
    QStringList rows;
    rows << locale.toString(QDateTime::fromMSecsSinceEpoch(bucket), QLocale::ShortFormat);
    for (const Line &line : m_lines) {
        const qsizetype i = line.series.lowerBound(bucket);
        QString row;
        if (i < line.series.size() && line.series.timeAt(i) == bucket)
            row = tr("%1: %2 errors/min").arg(line.name, number(locale, line.series.rateAt(i)));
        else if (line.pending && line.pending->time == bucket)
            row = tr("%1: %2 errors/min (bucket in progress)")
                      .arg(line.name, number(locale, rate(line.series, line.pending->count)));
        else
            row = tr("%1: no data").arg(line.name);
        if (const std::optional<double> crashFree = crashFreeAt(line, bucket))
            row = tr("%1, %2 % crash-free sessions").arg(row, number(locale, *crashFree));
        rows << row;
    }
    const qint64 interval = bucketInterval();
    for (const DeployMarker &marker : m_markers) {
        if (marker.time < bucket || marker.time >= bucket + interval)
            continue;
        const QString what
            = marker.rollback ? tr("Rolled back to %1").arg(marker.version) : tr("Deployed %1").arg(marker.version);
        rows << (marker.environment.isEmpty() ? what : tr("%1 (%2)").arg(what, marker.environment));
    }
    return rows.join(u'\n');
}

void ErrorChartView::updateHover(const QPoint &viewportPos)
{
    const QPointF scenePos = mapToScene(viewportPos);
    const QPointF chartPos = chart()->mapFromScene(scenePos);
    if (!chart()->plotArea().contains(chartPos)) {
        clearHover();
        return;
    }
    const qint64 bucket = nearestBucket(timeAt(chartPos.x()));
    m_hoverPos = scenePos;
    m_hoverTime = bucket; // the callout is drawn in the chart (plain text), not a rich-text tooltip
    viewport()->update();
}

void ErrorChartView::inspectStep(int direction)
{
    // The keyboard's hover: the next or previous bucket, from the one shown (or from the edge of the window), with
    // the same callout; the window follows when the bucket leaves it.
    const qint64 interval = std::max<qint64>(1, bucketInterval());
    const qint64 start = m_hoverTime >= 0 ? m_hoverTime : (direction > 0 ? m_from - interval : m_to + interval);
    const qint64 bucket = nearestBucket(std::clamp(start + direction * interval, m_dataFrom, m_dataTo));
    if (bucket < 0)
        return;
    if (bucket < m_from || bucket > m_to)
        panBy(bucket < m_from ? bucket - m_from : bucket - m_to);
    const QRectF plot = plotRect();
    m_hoverTime = bucket;
    m_hoverPos = QPointF(chart()->mapToScene(QPointF(xOf(bucket), 0)).x(), plot.center().y());
    setAccessibleDescription(hoverText(bucket)); // read out by screen readers
    viewport()->update();
}

void ErrorChartView::clearHover()
{
    if (m_hoverTime < 0)
        return;
    m_hoverTime = -1;
    setAccessibleDescription(m_description);
    viewport()->update();
}

bool ErrorChartView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::Leave)
        clearHover();
    return QChartView::viewportEvent(event);
}

void ErrorChartView::keyPressEvent(QKeyEvent *event)
{
    const qint64 span = m_to - m_from;
    // Zooming from the keyboard keeps a live window live (anchored at its end), otherwise zooms around the middle.
    const qint64 anchor = isFollowingLive() ? m_to : m_from + span / 2;
    if ((event->modifiers() & Qt::ControlModifier) && (event->key() == Qt::Key_Left || event->key() == Qt::Key_Right)) {
        inspectStep(event->key() == Qt::Key_Right ? 1 : -1);
        event->accept();
        return;
    }
    switch (event->key()) {
    case Qt::Key_Escape:
        if (m_hoverTime < 0) {
            QChartView::keyPressEvent(event);
            return;
        }
        clearHover();
        break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomAround(anchor, ZoomStep);
        break;
    case Qt::Key_Minus:
    case Qt::Key_Underscore:
        zoomAround(anchor, 1 / ZoomStep);
        break;
    case Qt::Key_Left:
        panBy(-std::max<qint64>(1, qint64(double(span) * PanStep)));
        break;
    case Qt::Key_Right:
        panBy(std::max<qint64>(1, qint64(double(span) * PanStep)));
        break;
    case Qt::Key_Home:
    case Qt::Key_0:
        resetZoom();
        break;
    case Qt::Key_End:
        if (m_zoomed)
            setUserRange(m_dataTo - span, m_dataTo);
        break;
    default:
        QChartView::keyPressEvent(event);
        return;
    }
    event->accept();
}

void ErrorChartView::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0 || m_dataTo <= m_dataFrom) {
        event->ignore();
        return;
    }
    const QPointF chartPos = chart()->mapFromScene(mapToScene(event->position().toPoint()));
    zoomAround(timeAt(chartPos.x()), std::pow(ZoomStep, steps));
    event->accept();
}

void ErrorChartView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QChartView::mousePressEvent(event);
        return;
    }
    setFocus(Qt::MouseFocusReason);
    const QRectF plot = plotRect();
    if (event->modifiers() & Qt::ShiftModifier) {
        m_banding = true;
        m_bandStart = m_bandEnd = std::clamp(mapToScene(event->position().toPoint()).x(), plot.left(), plot.right());
    } else {
        m_dragging = true;
        m_dragLast = event->position().toPoint();
        m_dragRemainder = 0;
        viewport()->setCursor(Qt::ClosedHandCursor);
    }
    clearHover();
    event->accept();
}

void ErrorChartView::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    if (m_dragging) {
        const QRectF area = chart()->plotArea();
        if (area.width() > 0) {
            // Dragging right brings earlier times into view.
            m_dragRemainder -= double(pos.x() - m_dragLast.x()) * double(m_to - m_from) / area.width();
            const qint64 delta = qint64(m_dragRemainder);
            m_dragRemainder -= double(delta);
            panBy(delta);
        }
        m_dragLast = pos;
    } else if (m_banding) {
        const QRectF plot = plotRect();
        m_bandEnd = std::clamp(mapToScene(pos).x(), plot.left(), plot.right());
        viewport()->update();
    } else {
        updateHover(pos);
    }
    event->accept();
}

void ErrorChartView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || (!m_dragging && !m_banding)) {
        QChartView::mouseReleaseEvent(event);
        return;
    }
    if (m_banding && std::abs(m_bandEnd - m_bandStart) >= 4) {
        const qreal left = chart()->mapFromScene(QPointF(std::min(m_bandStart, m_bandEnd), 0)).x();
        const qreal right = chart()->mapFromScene(QPointF(std::max(m_bandStart, m_bandEnd), 0)).x();
        setUserRange(timeAt(left), timeAt(right));
    }
    m_dragging = false;
    m_banding = false;
    viewport()->unsetCursor();
    viewport()->update();
    event->accept();
}

void ErrorChartView::drawForeground(QPainter *painter, const QRectF &rect)
{
    QChartView::drawForeground(painter, rect);
    const QRectF plot = plotRect();
    if (plot.width() <= 0 || plot.height() <= 0 || (m_lines.empty() && m_crashSeries.isEmpty()))
        return;
    const QPalette palette = this->palette();
    const QFontMetricsF metrics(font());
    auto sceneX = [&](qint64 time) {
        return chart()->mapToScene(QPointF(xOf(time), 0)).x();
    };

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setClipRect(plot.adjusted(-1, -1, 1, 1));
    painter->setFont(font());

    // Deployments: a line across the plot and a label at its top, stacked in rows when labels would overlap.
    QList<qreal> rowEnds;
    const qreal labelHeight = metrics.height() + 4;
    for (const DeployMarker &marker : visibleMarkers()) {
        const qreal x = sceneX(marker.time);
        const QPen pen = marker.rollback ? rollbackPen() : deployPen(palette);
        painter->setPen(pen);
        painter->drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
        const QString label
            = marker.rollback ? QStringLiteral("\u21ba ") + tr("Rollback %1").arg(marker.version) : marker.version;
        const qreal width = metrics.horizontalAdvance(label) + 8;
        qreal left = x + 3;
        if (left + width > plot.right())
            left = x - 3 - width;
        qsizetype row = 0;
        while (row < rowEnds.size() && rowEnds.at(row) + 2 > left)
            ++row;
        if (row == rowEnds.size())
            rowEnds.append(0);
        rowEnds[row] = left + width;
        const QRectF box(left, plot.top() + 2 + row * (labelHeight + 2), width, labelHeight);
        QColor background = palette.color(QPalette::Base);
        background.setAlpha(220);
        painter->setPen(Qt::NoPen);
        painter->setBrush(background);
        painter->drawRect(box);
        painter->setPen(marker.rollback ? rollbackColor : palette.color(QPalette::Text));
        painter->drawText(box, Qt::AlignCenter, label);
    }

    // The buckets still filling: a hollow point at the end of the dotted segment (whole, also at the edge).
    painter->setClipRect(plot.adjusted(-6, -6, 6, 6));
    for (const Line &line : m_lines) {
        if (!line.pending || !line.progress || line.pending->time < m_from || line.pending->time > m_to)
            continue;
        const QPointF point = chart()->mapToScene(chart()->mapToPosition(
            QPointF(double(line.pending->time), rate(line.series, line.pending->count)), line.progress));
        painter->setPen(QPen(line.pen.color(), 1.5));
        painter->setBrush(palette.color(QPalette::Base));
        painter->drawEllipse(point, 3.5, 3.5);
    }

    // The hover line and the values of the bucket under it.
    if (m_hoverTime >= m_from && m_hoverTime <= m_to && !m_dragging && !m_banding) {
        const qreal x = sceneX(m_hoverTime);
        QColor colour = palette.color(QPalette::Text);
        colour.setAlpha(150);
        painter->setPen(QPen(colour, 1));
        painter->drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
        for (const Line &line : m_lines) {
            const qsizetype i = line.series.lowerBound(m_hoverTime);
            if (i >= line.series.size() || line.series.timeAt(i) != m_hoverTime)
                continue;
            const QPointF point = chart()->mapToScene(
                chart()->mapToPosition(QPointF(double(m_hoverTime), line.series.rateAt(i)), line.line));
            painter->setPen(QPen(line.pen.color(), 1.5));
            painter->setBrush(line.pen.color());
            painter->drawEllipse(point, 3, 3);
        }
        const QString text = hoverText(m_hoverTime);
        painter->setClipping(false);
        const QRectF bounds = metrics.boundingRect(QRectF(0, 0, 10000, 10000), Qt::AlignLeft | Qt::AlignTop, text);
        QRectF box(0, 0, bounds.width() + 14, bounds.height() + 10);
        const QRectF scene = mapToScene(viewport()->rect()).boundingRect();
        box.moveLeft(m_hoverPos.x() + 14 + box.width() <= scene.right() ? m_hoverPos.x() + 14
                                                                        : m_hoverPos.x() - 14 - box.width());
        box.moveTop(std::clamp(m_hoverPos.y() + 14, scene.top(), std::max(scene.top(), scene.bottom() - box.height())));
        painter->setPen(QPen(palette.color(QPalette::ToolTipText), 1));
        painter->setBrush(palette.color(QPalette::ToolTipBase));
        painter->drawRoundedRect(box, 3, 3);
        // drawText() takes plain text: a release called "<b>x</b>" is shown as written.
        painter->drawText(box.adjusted(7, 5, -7, -5), Qt::AlignLeft | Qt::AlignTop, text);
    }

    // The span being selected with Shift+drag.
    if (m_banding) {
        painter->setClipping(false);
        QColor fill = palette.color(QPalette::Highlight);
        fill.setAlpha(60);
        painter->setPen(QPen(palette.color(QPalette::Highlight), 1));
        painter->setBrush(fill);
        painter->drawRect(QRectF(QPointF(std::min(m_bandStart, m_bandEnd), plot.top()),
                                 QPointF(std::max(m_bandStart, m_bandEnd), plot.bottom())));
    }
    painter->restore();
}

} // namespace Shipdeck
