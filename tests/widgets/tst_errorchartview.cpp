// The error rate chart: zoom and pan from mouse and keyboard, live data that keeps or slides the window, reduction to
// the plot's pixel columns, the bucket still filling, hover values as plain text, deploy markers, and the palette.
#include "charts/errorchartview.h"

#include <QApplication>
#include <QChart>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QSignalSpy>
#include <QTest>
#include <QWheelEvent>

#include <functional>

using namespace Shipdeck;

namespace {
constexpr qint64 Minute = 60000;
constexpr qint64 Start = 1749999960000; // a bucket start, ms since the epoch (mid-June 2025)

void snapshot(QWidget *widget, const char *name)
{
    const QString dir = qEnvironmentVariable("SHIPDECK_TEST_SCREENSHOTS");
    if (!dir.isEmpty())
        widget->grab().save(dir + u'/' + QLatin1StringView(name) + QStringLiteral(".png"));
}

/// @p size one-minute buckets from bucket @p first on, count(i) events each (so count(i) errors per minute).
SentrySeries makeSeries(const QString &release, qsizetype size, const std::function<double(qsizetype)> &count,
                        qsizetype first = 0, bool lastIncomplete = false, bool isOther = false)
{
    SentrySeries series;
    series.release = release;
    series.isOther = isOther;
    series.intervalMs = Minute;
    series.samples.reserve(size);
    for (qsizetype i = first; i < first + size; ++i) {
        const double c = count(i);
        series.samples.append(ErrorSample {Start + i * Minute, c, c, !(lastIncomplete && i + 1 == first + size)});
    }
    return series;
}

TimeseriesData makeData(const QList<SentrySeries> &series)
{
    TimeseriesData data;
    data.series = series;
    data.ok = true;
    return data;
}

double wave(qsizetype i)
{
    return 5 + double((i * 7919) % 11);
}

QLineSeries *lineNamed(QChart *chart, const QString &name)
{
    for (QAbstractSeries *series : chart->series()) {
        if (series->name() == name)
            return static_cast<QLineSeries *>(series);
    }
    return nullptr;
}

/// Viewport coordinates of a chart position.
QPoint toViewport(ErrorChartView *view, const QPointF &chartPos)
{
    return view->mapFromScene(view->chart()->mapToScene(chartPos));
}

void sendMouse(ErrorChartView *view, QEvent::Type type, const QPoint &pos, Qt::MouseButton button,
               Qt::MouseButtons buttons, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QMouseEvent event(type, pos, view->viewport()->mapToGlobal(pos), button, buttons, modifiers);
    QApplication::sendEvent(view->viewport(), &event);
}

/// Share of the pixels of columns [x-1, x+1] between @p top and @p bottom that @p match.
double columnShare(const QImage &image, int x, int top, int bottom, const std::function<bool(QColor)> &match)
{
    int hits = 0;
    for (int y = top; y < bottom; ++y) {
        bool hit = false;
        for (int dx = -1; dx <= 1 && !hit; ++dx)
            hit = match(image.pixelColor(x + dx, y));
        hits += hit ? 1 : 0;
    }
    return bottom > top ? double(hits) / (bottom - top) : 0;
}

bool near(const QColor &a, const QColor &b, int tolerance)
{
    return std::abs(a.red() - b.red()) <= tolerance && std::abs(a.green() - b.green()) <= tolerance
        && std::abs(a.blue() - b.blue()) <= tolerance;
}
} // namespace

class TestErrorChartView : public QObject
{
    Q_OBJECT

    std::unique_ptr<ErrorChartView> m_view;

    ErrorChartView *shownView(const QList<SentrySeries> &series, const SessionsData &sessions = {})
    {
        m_view = std::make_unique<ErrorChartView>();
        m_view->resize(900, 480);
        m_view->setData(makeData(series), sessions);
        m_view->show();
        if (!QTest::qWaitForWindowExposed(m_view.get()))
            return nullptr;
        return m_view.get();
    }

private Q_SLOTS:
    void cleanup() { m_view.reset(); }

    void isAccessibleFromTheKeyboard()
    {
        ErrorChartView view;
        QCOMPARE(view.focusPolicy(), Qt::StrongFocus);
        QVERIFY(!view.accessibleName().isEmpty());
        for (const char *word : {"Home", "Left", "Right", "wheel", "Plus"})
            QVERIFY2(view.accessibleDescription().contains(QLatin1StringView(word)), word);
    }

    void zoomsAndResets_data()
    {
        QTest::addColumn<QString>("how");
        QTest::addColumn<int>("reset");
        QTest::newRow("wheel, Home") << QStringLiteral("wheel") << int(Qt::Key_Home);
        QTest::newRow("plus, 0") << QStringLiteral("plus") << int(Qt::Key_0);
        QTest::newRow("equal, Home") << QStringLiteral("equal") << int(Qt::Key_Home);
        QTest::newRow("rubber band, 0") << QStringLiteral("band") << int(Qt::Key_0);
    }

    void zoomsAndResets()
    {
        QFETCH(QString, how);
        QFETCH(int, reset);
        ErrorChartView *view = shownView({makeSeries(QStringLiteral("r@1"), 600, wave)});
        QVERIFY(view);
        const auto whole = view->dataRange();
        QCOMPARE(view->visibleRange(), whole);
        QVERIFY(!view->isZoomed());
        QSignalSpy changed(view, &ErrorChartView::visibleRangeChanged);

        const QRectF plot = view->chart()->plotArea();
        const QPointF at(plot.left() + plot.width() / 4, plot.center().y());
        const qint64 anchor = view->timeAt(at.x());
        if (how == QLatin1StringView("wheel")) {
            const QPoint pos = toViewport(view, at);
            QWheelEvent wheel(pos, view->viewport()->mapToGlobal(pos), QPoint(), QPoint(0, 120), Qt::NoButton,
                              Qt::NoModifier, Qt::NoScrollPhase, false);
            QApplication::sendEvent(view->viewport(), &wheel);
        } else if (how == QLatin1StringView("plus")) {
            QTest::keyClick(view, Qt::Key_Plus);
        } else if (how == QLatin1StringView("equal")) {
            QTest::keyClick(view, Qt::Key_Equal);
        } else {
            const QPoint from = toViewport(view, QPointF(plot.left() + plot.width() * 0.25, plot.center().y()));
            const QPoint to = toViewport(view, QPointF(plot.left() + plot.width() * 0.5, plot.center().y()));
            sendMouse(view, QEvent::MouseButtonPress, from, Qt::LeftButton, Qt::LeftButton, Qt::ShiftModifier);
            sendMouse(view, QEvent::MouseMove, to, Qt::NoButton, Qt::LeftButton, Qt::ShiftModifier);
            sendMouse(view, QEvent::MouseButtonRelease, to, Qt::LeftButton, Qt::NoButton, Qt::ShiftModifier);
        }
        QCOMPARE(changed.size(), 1);
        QVERIFY(view->isZoomed());
        const auto [from, to] = view->visibleRange();
        const qint64 span = to - from;
        const qint64 wholeSpan = whole.second - whole.first;
        if (how == QLatin1StringView("band")) {
            QVERIFY2(std::abs(span - wholeSpan / 4) < wholeSpan / 50, qPrintable(QString::number(span)));
        } else {
            QVERIFY2(std::abs(span - qint64(wholeSpan * ErrorChartView::ZoomStep)) < Minute,
                     qPrintable(QString::number(span)));
        }
        if (how == QLatin1StringView("wheel")) // the time under the cursor stays under it
            QVERIFY(std::abs(view->timeAt(at.x()) - anchor) < wholeSpan / 100);
        if (how == QLatin1StringView("plus")) // a live window zoomed from the keyboard stays live
            QCOMPARE(to, whole.second);

        // Zooming out ends at the whole range, not more.
        for (int i = 0; i < 10 && view->isZoomed(); ++i)
            QTest::keyClick(view, Qt::Key_Minus);
        QTest::keyClick(view, Qt::Key_Minus);
        QCOMPARE(view->visibleRange(), whole);
        QVERIFY(!view->isZoomed());

        QTest::keyClick(view, Qt::Key_Plus);
        QTest::keyClick(view, Qt::Key_Plus);
        QVERIFY(view->isZoomed());
        QTest::keyClick(view, Qt::Key(reset));
        QCOMPARE(view->visibleRange(), whole);
        QVERIFY(!view->isZoomed());
        QVERIFY(view->isFollowingLive());
    }

    void zoomStopsAtTheMinimumSpan()
    {
        ErrorChartView *view = shownView({makeSeries(QStringLiteral("r@1"), 600, wave)});
        QVERIFY(view);
        for (int i = 0; i < 60; ++i)
            QTest::keyClick(view, Qt::Key_Plus);
        const auto [from, to] = view->visibleRange();
        QCOMPARE(to - from, view->minimumSpan());
        for (QAbstractSeries *series : view->chart()->series())
            QVERIFY(static_cast<QLineSeries *>(series)->count() >= 2);
    }

    void pansWithArrowKeysAndDrag()
    {
        ErrorChartView *view = shownView({makeSeries(QStringLiteral("r@1"), 600, wave)});
        QVERIFY(view);
        // Not zoomed: there is nothing to pan.
        QTest::keyClick(view, Qt::Key_Left);
        QCOMPARE(view->visibleRange(), view->dataRange());

        const qint64 from = Start + 200 * Minute;
        const qint64 to = Start + 300 * Minute;
        view->setVisibleRange(from, to);
        QCOMPARE(view->visibleRange(), qMakePair(from, to));
        const qint64 step = qint64((to - from) * ErrorChartView::PanStep);
        QTest::keyClick(view, Qt::Key_Left);
        QCOMPARE(view->visibleRange(), qMakePair(from - step, to - step));
        QTest::keyClick(view, Qt::Key_Right);
        QTest::keyClick(view, Qt::Key_Right);
        QCOMPARE(view->visibleRange(), qMakePair(from + step, to + step));
        QVERIFY(!view->isFollowingLive());

        // Panning stops at the first bucket, keeping the span.
        view->setVisibleRange(Start, Start + 100 * Minute);
        QTest::keyClick(view, Qt::Key_Left);
        QCOMPARE(view->visibleRange(), qMakePair(Start, Start + 100 * Minute));

        // Dragging right by a tenth of the plot brings a tenth of the span before into view.
        view->setVisibleRange(from, to);
        const QRectF plot = view->chart()->plotArea();
        const QPoint a = toViewport(view, QPointF(plot.center().x(), plot.center().y()));
        const QPoint b = a + QPoint(int(plot.width() / 10), 0);
        sendMouse(view, QEvent::MouseButtonPress, a, Qt::LeftButton, Qt::LeftButton);
        sendMouse(view, QEvent::MouseMove, b, Qt::NoButton, Qt::LeftButton);
        sendMouse(view, QEvent::MouseButtonRelease, b, Qt::LeftButton, Qt::NoButton);
        const qint64 moved = from - view->visibleRange().first;
        QVERIFY2(std::abs(moved - (to - from) / 10) < Minute, qPrintable(QString::number(moved)));
        QCOMPARE(view->visibleRange().second - view->visibleRange().first, to - from);
    }

    void liveDataKeepsTheUsersWindow()
    {
        ErrorChartView *view = shownView({makeSeries(QStringLiteral("r@1"), 600, wave)});
        QVERIFY(view);
        const QPair<qint64, qint64> window(Start + 100 * Minute, Start + 200 * Minute);
        view->setVisibleRange(window.first, window.second);
        QSignalSpy changed(view, &ErrorChartView::visibleRangeChanged);
        // The monitor's next poll: the window slid by ten buckets, the last one still filling.
        view->setData(makeData({makeSeries(QStringLiteral("r@1"), 600, wave, 10, true)}), {});
        QCOMPARE(view->visibleRange(), window);
        QVERIFY(view->isZoomed());
        QCOMPARE(changed.size(), 0);
    }

    void followingLiveSlides_data()
    {
        QTest::addColumn<bool>("zoomed");
        QTest::newRow("whole range") << false;
        QTest::newRow("zoomed at the end") << true;
    }

    void followingLiveSlides()
    {
        QFETCH(bool, zoomed);
        ErrorChartView *view = shownView({makeSeries(QStringLiteral("r@1"), 600, wave)});
        QVERIFY(view);
        const qint64 end = view->dataRange().second;
        if (zoomed)
            view->setVisibleRange(end - 60 * Minute, end);
        QCOMPARE(view->isZoomed(), zoomed);
        QVERIFY(view->isFollowingLive());
        const qint64 span = view->visibleRange().second - view->visibleRange().first;
        QSignalSpy changed(view, &ErrorChartView::visibleRangeChanged);
        view->setData(makeData({makeSeries(QStringLiteral("r@1"), 600, wave, 10)}), {});
        QCOMPARE(changed.size(), 1);
        QCOMPARE(view->visibleRange().second, end + 10 * Minute);
        QCOMPARE(view->visibleRange().second - view->visibleRange().first, span);
        QCOMPARE(view->isZoomed(), zoomed);
    }

    void drawsAtMostAFewPointsPerPixelColumn()
    {
        constexpr qsizetype size = 1000000;
        constexpr qsizetype spike = 123457;
        auto count = [](qsizetype i) {
            return i == spike ? 1000.0 : wave(i);
        };
        ErrorChartView *view = shownView({makeSeries(QStringLiteral("r@2"), size, count),
                                                     makeSeries(QStringLiteral("r@1"), size, wave),
                                                                makeSeries(QString(), size, wave, 0, true, true)});
        QVERIFY(view);
        const auto check = [view](double wantedPeak) {
            const int width = int(view->chart()->plotArea().width());
            QVERIFY(width > 100);
            for (QAbstractSeries *series : view->chart()->series()) {
                const auto *line = static_cast<QLineSeries *>(series);
                QVERIFY2(line->count() <= 4 * width,
                         qPrintable(QStringLiteral("%1: %2 points").arg(line->name()).arg(line->count())));
            }
            double peak = 0;
            for (const QPointF &point : lineNamed(view->chart(), QStringLiteral("r@2"))->points())
                peak = std::max(peak, point.y());
            QCOMPARE(peak, wantedPeak); // the reduction keeps the extremes
        };
        check(1000);
        // Zoomed around the spike: still bounded, the spike still there.
        view->setVisibleRange(Start + (spike - 50000) * Minute, Start + (spike + 50000) * Minute);
        check(1000);
        // Zoomed far in: every bucket, exactly.
        view->setVisibleRange(Start + (spike - 20) * Minute, Start + (spike + 20) * Minute);
        QLineSeries *line = lineNamed(view->chart(), QStringLiteral("r@2"));
        QCOMPARE(line->count(), 43); // 41 visible and one on each side
        QCOMPARE(line->at(21), QPointF(double(Start + spike * Minute), 1000));
    }

    void drawsTheBucketInProgressApart()
    {
        auto count = [](qsizetype i) {
            return i == 9 ? 2.0 : 10.0;
        };
        ErrorChartView *view = shownView({makeSeries(QStringLiteral("r@1"), 10, count, 0, true)});
        QVERIFY(view);
        QChart *chart = view->chart();
        QLineSeries *line = lineNamed(chart, QStringLiteral("r@1"));
        QLineSeries *progress = lineNamed(chart, QStringLiteral("r@1 (in progress)"));
        QVERIFY(line);
        QVERIFY(progress);
        QCOMPARE(line->count(), 9);
        QCOMPARE(line->points().last(), QPointF(double(Start + 8 * Minute), 10));
        QCOMPARE(progress->points(),
                 QList<QPointF>({QPointF(double(Start + 8 * Minute), 10), QPointF(double(Start + 9 * Minute), 2)}));
        QCOMPARE(progress->color(), line->color());
        QVERIFY(progress->pen().style() != line->pen().style());
        QVERIFY(chart->legend()->markers(line).first()->isVisible());
        QVERIFY(!chart->legend()->markers(progress).first()->isVisible());
        // The whole range reaches the bucket in progress.
        QCOMPARE(view->visibleRange().second, Start + 9 * Minute);
        QVERIFY(view->hoverText(Start + 9 * Minute).contains(QStringLiteral("2 errors/min (bucket in progress)")));

        // Filled and complete at the next poll: one line again.
        view->setData(makeData({makeSeries(QStringLiteral("r@1"), 10, [](qsizetype) { return 10.0; })}), {});
        QVERIFY(!lineNamed(chart, QStringLiteral("r@1 (in progress)")));
        QCOMPARE(lineNamed(chart, QStringLiteral("r@1"))->count(), 10);
    }

    void skipsMalformedSamples()
    {
        SentrySeries series = makeSeries(QStringLiteral("r@1"), 6, wave);
        series.samples[1].rate = std::numeric_limits<double>::quiet_NaN();
        series.samples[2].count = -1;
        series.samples[2].rate = -1;
        series.samples[3].complete = false; // not the last: not drawn
        series.samples[4].time = series.samples[0].time; // out of order
        ErrorChartView *view = shownView({series});
        QVERIFY(view);
        const QList<QPointF> points = lineNamed(view->chart(), QStringLiteral("r@1"))->points();
        QCOMPARE(points.size(), 2);
        QCOMPARE(points.first().x(), double(Start));
        QCOMPARE(points.last().x(), double(Start + 5 * Minute));
    }

    void hoverShowsExactValues_data()
    {
        QTest::addColumn<QString>("release");
        QTest::addColumn<double>("rate");
        QTest::addColumn<QString>("written");
        QTest::newRow("plain") << QStringLiteral("storefront@1.7.0") << 12.5 << QStringLiteral("12.5");
        QTest::newRow("html name") << QStringLiteral("<b>x</b>") << 3.0 << QStringLiteral("3");
        QTest::newRow("two decimals") << QStringLiteral("r@2") << 0.25 << QStringLiteral("0.25");
    }

    void hoverShowsExactValues()
    {
        QFETCH(QString, release);
        QFETCH(double, rate);
        QFETCH(QString, written);
        SessionsData sessions;
        sessions.ok = true;
        for (int i = 0; i < 4; ++i)
            sessions.intervals.append(Start + i * 30 * Minute);
        SessionGroup group;
        group.release = release;
        group.series.insert(QStringLiteral("crash_free_rate(session)"),
                                           {0.99, 0.995, std::numeric_limits<double>::quiet_NaN(), 0.98});
        sessions.groups.append(group);
        ErrorChartView *view
            = shownView({makeSeries(release, 100, [rate](qsizetype i) { return i == 40 ? rate : 7.0; }),
                         makeSeries(QStringLiteral("r@0"), 100, [](qsizetype) { return 1.0; })},
                         sessions);
        QVERIFY(view);
        const qint64 bucket = Start + 40 * Minute;
        const QString text = view->hoverText(bucket + 20000); // the nearest bucket
        QVERIFY2(text.contains(QStringLiteral("%1: %2 errors/min, 99.5 % crash-free sessions").arg(release, written)),
                               qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("r@0: 1 errors/min")), qPrintable(text));
        QVERIFY(!text.contains(QStringLiteral("&lt;")));
        // A session bucket without data says nothing about crashes.
        QVERIFY(!view->hoverText(Start + 70 * Minute).contains(QStringLiteral("crash-free")));

        // Moving the pointer over the plot puts the hover line on the nearest bucket; leaving removes it.
        const QPoint pos = toViewport(view, QPointF(view->xOf(bucket + 10000), view->chart()->plotArea().center().y()));
        sendMouse(view, QEvent::MouseMove, pos, Qt::NoButton, Qt::NoButton);
        QCOMPARE(view->hoveredTime(), bucket);
        QVERIFY(!view->grab().isNull()); // the callout draws
        QEvent leave(QEvent::Leave);
        QApplication::sendEvent(view->viewport(), &leave);
        QCOMPARE(view->hoveredTime(), -1);
    }

    void coloursFollowTheReleaseRoles()
    {
        // Before the deploy Sentry may list only the previous release, or list it first: it stays dashed blue.
        m_view = std::make_unique<ErrorChartView>();
        m_view->setReleases(QStringLiteral("r@2"), QStringLiteral("r@1"));
        m_view->setData(
            makeData({makeSeries(QStringLiteral("r@1"), 10, wave),
                                 makeSeries(QStringLiteral("r@2"), 10, wave), makeSeries(QString(), 10, wave)}),
                     {});
        QCOMPARE(lineNamed(m_view->chart(), QStringLiteral("r@1"))->pen().style(), Qt::DashLine);
        QCOMPARE(lineNamed(m_view->chart(), QStringLiteral("r@2"))->pen().style(), Qt::SolidLine);
        QVERIFY(lineNamed(m_view->chart(), QStringLiteral("r@1"))->pen().color()
                          != lineNamed(m_view->chart(), QStringLiteral("r@2"))->pen().color());
        // An ungrouped series is the total, in its own style.
        QCOMPARE(lineNamed(m_view->chart(), QStringLiteral("Total"))->pen().style(), Qt::DashDotDotLine);
        m_view->setData(makeData({makeSeries(QStringLiteral("r@1"), 10, wave)}), {});
        QCOMPARE(lineNamed(m_view->chart(), QStringLiteral("r@1"))->pen().style(), Qt::DashLine);
    }

    void keyboardStepsThroughTheBuckets()
    {
        // Without a mouse: Control+Right/Left show the values bucket by bucket, Escape hides them.
        ErrorChartView *view = shownView({makeSeries(QStringLiteral("r@1"), 100, wave)});
        QVERIFY(view);
        view->setFocus();
        const QString description = view->accessibleDescription();
        QVERIFY(description.contains(QLatin1StringView("Control")));
        QTest::keyClick(view, Qt::Key_Right, Qt::ControlModifier);
        const qint64 first = view->hoveredTime();
        QCOMPARE(first, view->visibleRange().first);
        QTest::keyClick(view, Qt::Key_Right, Qt::ControlModifier);
        QCOMPARE(view->hoveredTime(), first + Minute);
        // The values are read out: the accessible description is the callout while inspecting.
        QCOMPARE(view->accessibleDescription(), view->hoverText(first + Minute));
        QTest::keyClick(view, Qt::Key_Left, Qt::ControlModifier);
        QCOMPARE(view->hoveredTime(), first);
        QTest::keyClick(view, Qt::Key_Escape);
        QCOMPARE(view->hoveredTime(), -1);
        QCOMPARE(view->accessibleDescription(), description);
        // From nothing, Control+Left starts at the newest bucket.
        QTest::keyClick(view, Qt::Key_Left, Qt::ControlModifier);
        QCOMPARE(view->hoveredTime(), Start + 99 * Minute);
        // Plain Left still pans (no inspection step).
        const auto before = view->visibleRange();
        QTest::keyClick(view, Qt::Key_Plus);
        QTest::keyClick(view, Qt::Key_Left);
        QVERIFY(view->visibleRange() != before);
    }

    void marksDeployments()
    {
        ErrorChartView *view = shownView({makeSeries(QStringLiteral("r@1"), 120, wave)});
        QVERIFY(view);
        DeployMarker before {Start - 10 * Minute, QStringLiteral("1.5.0"), QStringLiteral("production")};
        DeployMarker deploy {Start + 30 * Minute, QStringLiteral("1.7.0"), QStringLiteral("production")};
        DeployMarker rollback {Start + 60 * Minute, QStringLiteral("1.6.1"), QStringLiteral("production")};
        rollback.rollback = true;
        DeployMarker later {Start + 90 * Minute, QStringLiteral("1.7.1"), QStringLiteral("production")};
        view->setDeployMarkers({later, rollback, deploy, before});
        QCOMPARE(view->visibleMarkers(), QList<DeployMarker>({deploy, rollback, later}));
        view->setVisibleRange(Start + 20 * Minute, Start + 70 * Minute);
        QCOMPARE(view->visibleMarkers(), QList<DeployMarker>({deploy, rollback}));
        QVERIFY(view->hoverText(rollback.time).contains(QStringLiteral("Rolled back to 1.6.1 (production)")));

        // Drawn: the deployment solid in the text colour, the rollback dashed in its own colour.
        const QImage image = view->grab().toImage();
        const QRect plot = QRect(toViewport(view, view->chart()->plotArea().topLeft()),
                                 toViewport(view, view->chart()->plotArea().bottomRight()));
        const int top = plot.top() + plot.height() / 5; // below the labels
        const int bottom = plot.bottom() - 2;
        const int deployX = toViewport(view, QPointF(view->xOf(deploy.time), 0)).x();
        const int rollbackX = toViewport(view, QPointF(view->xOf(rollback.time), 0)).x();
        const QColor rollbackColour = ErrorChartView::rollbackPen().color();
        auto isRollback = [&](const QColor &c) {
            return near(c, rollbackColour, 40);
        };
        auto isDeploy = [](const QColor &c) {
            return std::abs(c.red() - c.green()) < 12 && std::abs(c.green() - c.blue()) < 12 && c.red() < 170;
        };
        const double rollbackDash = columnShare(image, rollbackX, top, bottom, isRollback);
        QVERIFY2(rollbackDash > 0.3 && rollbackDash < 0.9, qPrintable(QString::number(rollbackDash))); // dashed
        // (a pixel where a data line crosses may blend near the rollback colour, no more)
        QVERIFY(columnShare(image, deployX, top, bottom, isRollback) < 0.02);
        const double deploySolid = columnShare(image, deployX, top, bottom, isDeploy);
        QVERIFY2(deploySolid > 0.85, qPrintable(QString::number(deploySolid))); // solid
        QVERIFY(ErrorChartView::rollbackPen().style() != ErrorChartView::deployPen(view->palette()).style());
    }

    void followsThePalette()
    {
        ErrorChartView *view = shownView({makeSeries(QStringLiteral("r@1"), 60, wave)});
        QVERIFY(view);
        QPalette dark = view->palette();
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::Window, QColor(0x2a, 0x2a, 0x2a));
        dark.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
        dark.setColor(QPalette::Mid, QColor(0x55, 0x55, 0x55));
        view->setPalette(dark);
        QCOMPARE(view->chart()->backgroundBrush().color(), QColor(0x1e, 0x1e, 0x1e));
        QCOMPARE(view->chart()->axes(Qt::Horizontal).first()->labelsColor(), QColor(0xee, 0xee, 0xee));
        const QImage image = view->viewport()->grab().toImage();
        QCOMPARE(image.pixelColor(image.width() / 2, 2), QColor(0x1e, 0x1e, 0x1e));
        snapshot(view, "errorchart-dark");
        view->setPalette(QPalette());
        QCOMPARE(view->chart()->backgroundBrush().color(), QApplication::palette().color(QPalette::Base));
    }

    void pictureWithMarkersAndHover()
    {
        auto current = [](qsizetype i) {
            return i < 70 ? wave(i) : 30 + wave(i) * 2;
        };
        SessionsData sessions;
        sessions.ok = true;
        SessionGroup group;
        group.release = QStringLiteral("storefront@1.7.0");
        QList<double> crashFree;
        for (int i = 0; i < 12; ++i) {
            sessions.intervals.append(Start + i * 10 * Minute);
            crashFree.append(i < 7 ? 0.995 : 0.95);
        }
        group.series.insert(QStringLiteral("crash_free_rate(session)"), crashFree);
        sessions.groups.append(group);
        ErrorChartView *view = shownView(
            {makeSeries(QStringLiteral("storefront@1.7.0"), 120, current, 0, true),
                        makeSeries(QStringLiteral("storefront@1.6.1"), 120, wave, 0, true),
                                   makeSeries(
                                       QString(), 120, [](qsizetype i) { return 2 + i % 3; }, 0, true, true)},
             sessions);
        QVERIFY(view);
        DeployMarker deploy {Start + 70 * Minute, QStringLiteral("1.7.0"), QStringLiteral("production")};
        DeployMarker rollback {Start + 100 * Minute, QStringLiteral("1.6.1"), QStringLiteral("production")};
        rollback.rollback = true;
        view->setDeployMarkers({deploy, rollback, {Start + 20 * Minute, QStringLiteral("1.6.1")}});
        const qint64 bucket = Start + 85 * Minute;
        const QPoint pos = toViewport(view, QPointF(view->xOf(bucket), view->chart()->plotArea().center().y()));
        sendMouse(view, QEvent::MouseMove, pos, Qt::NoButton, Qt::NoButton);
        QCOMPARE(view->hoveredTime(), bucket);
        snapshot(view, "errorchart-markers-hover");

        // Right to left (Persian): the time axis still runs left to right, the markers stay on their times.
        QApplication::setLayoutDirection(Qt::RightToLeft);
        QTRY_COMPARE(view->layoutDirection(), Qt::RightToLeft);
        QTRY_VERIFY(std::abs(view->xOf(rollback.time) - view->xOf(bucket)) > 1
                    && view->xOf(rollback.time) > view->xOf(bucket));
        sendMouse(view, QEvent::MouseMove, pos, Qt::NoButton, Qt::NoButton);
        snapshot(view, "errorchart-markers-hover-rtl");
        QApplication::setLayoutDirection(Qt::LeftToRight);
    }
};

QTEST_MAIN(TestErrorChartView)
#include "tst_errorchartview.moc"
