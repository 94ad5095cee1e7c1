#pragma once

#include "domain/deploymarker.h"
#include "sentry/errorseries.h"
#include "sentry/sentryparse.h"

#include <QChartView>
#include <QPair>
#include <QPen>

#include <optional>
#include <vector>

class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace Shipdeck {

/**
 * The error rate chart: errors per minute of each release (the current one solid, the previous dashed, "Other"
 * dotted), the crash-free sessions of the current release on a second axis, and a vertical marker at every
 * deployment (rollbacks dashed, in another colour and worded).
 *
 * The time axis zooms and pans, with the mouse (wheel around the cursor, drag to pan, Shift+drag to zoom to a span)
 * and the keyboard (+ and -, Left and Right, Home or 0 for the whole range). While the whole range or its latest
 * part is shown the window follows live data; a window the user moved elsewhere stays put.
 *
 * Drawing costs O(chart width): each release is kept as an ErrorSeries (a min/max pyramid) and only its reduction
 * to the plot area's pixel columns goes into the QLineSeries, again at every change of data, range or size. The
 * bucket still filling is drawn apart, dotted, so that it does not read as a sudden drop.
 *
 * Hovering shows the exact values of the nearest bucket in a callout drawn as plain text (release names come from
 * the API and are never interpreted).
 */
class ErrorChartView : public QChartView
{
    Q_OBJECT
public:
    explicit ErrorChartView(QWidget *parent = nullptr);
    ~ErrorChartView() override;

    /**
     * Replaces the data: one line per error series (the first one that is not "Other" is the current release),
     * crash-free sessions from @p sessions per release, the current release's drawn. Malformed samples (not finite,
     * negative, out of order) are skipped; only the last bucket may be incomplete. The zoom is kept (see class doc).
     */
    void setData(const TimeseriesData &errors, const SessionsData &sessions);
    void clear();

    /// The deployments to mark; those inside the visible range are drawn.
    void setDeployMarkers(const QList<DeployMarker> &markers);
    /// Which release is the current one and which the previous, for their colours and line styles (applied by the
    /// next setData()).
    void setReleases(const QString &current, const QString &previous);
    [[nodiscard]] QList<DeployMarker> deployMarkers() const { return m_markers; }
    /// The markers inside the visible range, by time.
    [[nodiscard]] QList<DeployMarker> visibleMarkers() const;

    /// Shows the whole range again and follows live data.
    void resetZoom();
    /// Whether the user narrowed the time axis (a part of the range is shown).
    [[nodiscard]] bool isZoomed() const { return m_zoomed; }
    /// Whether new data moves the window: the whole range, or a window anchored at the latest bucket.
    [[nodiscard]] bool isFollowingLive() const { return !m_zoomed || m_followLive; }
    /// The shown time range, ms since the epoch ({0, 0} without data).
    [[nodiscard]] QPair<qint64, qint64> visibleRange() const { return {m_from, m_to}; }
    /// Shows [@p from, @p to], kept inside the data and at least minimumSpan() wide; the whole range resets the zoom.
    void setVisibleRange(qint64 from, qint64 to);
    /// The narrowest range the time axis zooms to, ms.
    [[nodiscard]] qint64 minimumSpan() const;
    /// The whole range of the data, ms since the epoch ({0, 0} without data).
    [[nodiscard]] QPair<qint64, qint64> dataRange() const { return {m_dataFrom, m_dataTo}; }

    /// The zoom step of the keyboard and of one wheel notch (the share of the range kept when zooming in).
    static constexpr double ZoomStep = 0.8;
    /// The pan step of the arrow keys (the share of the range moved).
    static constexpr double PanStep = 0.1;

    /**
     * The hover text for @p timeMs: the time of the nearest bucket, then per release its errors per minute (and
     * whether the bucket is still filling), the crash-free sessions when known, and the deployments in that bucket.
     * Plain text; empty without data.
     */
    [[nodiscard]] QString hoverText(qint64 timeMs) const;
    /// The bucket time the hover line is on, or -1 when the pointer is not over the plot.
    [[nodiscard]] qint64 hoveredTime() const { return m_hoverTime; }

    /// Reduces every series to the current range and plot width and puts the result into the chart.
    void redraw();
    /// The time at @p x (chart coordinates), and the x of @p timeMs.
    [[nodiscard]] qint64 timeAt(qreal x) const;
    [[nodiscard]] qreal xOf(qint64 timeMs) const;

    /// The pens of the lines and markers (Okabe–Ito colours, told apart by their dash patterns too).
    [[nodiscard]] static QPen deployPen(const QPalette &palette);
    [[nodiscard]] static QPen rollbackPen();

Q_SIGNALS:
    void visibleRangeChanged(qint64 from, qint64 to);

protected:
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    void keyPressEvent(QKeyEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool viewportEvent(QEvent *event) override;

private:
    struct Line
    {
        QString release;
        QString name;
        bool isOther = false;
        bool isTotal = false; ///< every release together (an ungrouped series)
        ErrorSeries series; ///< the complete buckets
        std::optional<ErrorSample> pending; ///< the bucket still filling (after the last complete one)
        QList<qint64> crashTimes; ///< session buckets of this release
        QList<double> crashValues; ///< crash-free sessions, %; NaN for no data
        QPen pen;
        QLineSeries *line = nullptr;
        QLineSeries *progress = nullptr;
    };

    void applyPalette();
    void zoomAround(qint64 anchor, double factor);
    void panBy(qint64 deltaMs);
    /// Sets the range as the user's (zoomed unless it covers everything), clamped into the data.
    void setUserRange(qint64 from, qint64 to);
    void updateHover(const QPoint &viewportPos);
    void clearHover();
    void inspectStep(int direction);
    [[nodiscard]] QRectF plotRect() const; ///< the plot area in scene coordinates
    [[nodiscard]] qint64 nearestBucket(qint64 timeMs) const;
    [[nodiscard]] static double rate(const ErrorSeries &series, double count);
    [[nodiscard]] static std::optional<double> crashFreeAt(const Line &line, qint64 timeMs);
    [[nodiscard]] qint64 bucketInterval() const;

    QDateTimeAxis *m_time;
    QValueAxis *m_errors;
    QValueAxis *m_crashFree;
    std::vector<Line> m_lines;
    ErrorSeries m_crashSeries; ///< crash-free % of the current release, as "counts"
    QLineSeries *m_crashLine = nullptr;
    QList<DeployMarker> m_markers;

    qint64 m_dataFrom = 0;
    qint64 m_dataTo = 0;
    qint64 m_from = 0;
    qint64 m_to = 0;
    bool m_zoomed = false;
    bool m_followLive = true;
    int m_drawnWidth = -1; ///< the plot width the series were last reduced to
    bool m_redrawQueued = false;

    qint64 m_hoverTime = -1;
    QString m_description;
    QString m_current;
    QString m_previous; ///< the accessible description: what the chart shows and its keys
    QPointF m_hoverPos; ///< scene coordinates
    bool m_dragging = false;
    QPoint m_dragLast;
    qreal m_dragRemainder = 0;
    bool m_banding = false;
    qreal m_bandStart = 0; ///< scene x
    qreal m_bandEnd = 0;
};

} // namespace Shipdeck
