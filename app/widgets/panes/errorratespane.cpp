#include "errorratespane.h"

#include "common/emptystate.h"
#include "common/icons.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTimeAxis>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QVBoxLayout>
#include <QValueAxis>

#include <cmath>
#include <limits>

namespace Shipdeck {

namespace {
// Okabe–Ito colours: distinguishable with the common colour-vision deficiencies; line styles tell them apart too.
const QColor currentColor(0xd5, 0x5e, 0x00);
const QColor previousColor(0x00, 0x72, 0xb2);
const QColor otherColor(0x99, 0x99, 0x99);
const QColor crashFreeColor(0x00, 0x9e, 0x73);
} // namespace

ErrorRatesPane::ErrorRatesPane(ConnectionStatus *sentry, QWidget *parent)
    : Pane(Source::Sentry, sentry, parent)
    , m_range(new QComboBox(this))
    , m_warning(new QLabel(this))
    , m_chart(new QChart)
    , m_view(new QChartView(m_chart, this))
    , m_time(new QDateTimeAxis(this))
    , m_errors(new QValueAxis(this))
    , m_crashFree(new QValueAxis(this))
{
    emptyState()->setIcon(appIcon(QStringLiteral("office-chart-line"), QStringLiteral("pane-errors")));
    emptyState()->setTitle(tr("No error data yet"));
    emptyState()->setText(tr("Connect Sentry to watch the error rate and crash-free sessions of each release live, "
                             "with a marker at every deployment."));

    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *bar = new QHBoxLayout;
    auto *rangeLabel = new QLabel(tr("&Range:"), content);
    rangeLabel->setBuddy(m_range);
    const std::pair<QString, qint64> ranges[] = {{tr("Last hour"), 3600},
                                                 {tr("Last 6 hours"), 6 * 3600},
                                                 {tr("Last 24 hours"), 24 * 3600},
                                                 {tr("Last 7 days"), 7 * 24 * 3600}};
    for (const auto &[name, seconds] : ranges)
        m_range->addItem(name, seconds);
    bar->addWidget(rangeLabel);
    bar->addWidget(m_range);
    bar->addStretch(1);
    layout->addLayout(bar);
    m_warning->setTextFormat(Qt::PlainText);
    m_warning->setWordWrap(true);
    m_warning->hide();
    layout->addWidget(m_warning);

    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->setBackgroundRoundness(0);
    m_time->setFormat(QStringLiteral("HH:mm"));
    m_time->setTitleText(tr("Time"));
    m_errors->setTitleText(tr("Errors per minute"));
    m_errors->setLabelFormat(QStringLiteral("%.0f"));
    m_crashFree->setTitleText(tr("Crash-free sessions (%)"));
    m_crashFree->setRange(80, 100);
    m_chart->addAxis(m_time, Qt::AlignBottom);
    m_chart->addAxis(m_errors, Qt::AlignLeft);
    m_chart->addAxis(m_crashFree, Qt::AlignRight);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setAccessibleName(tr("Error rates"));
    layout->addWidget(m_view, 1);
    setContent(content);

    connect(m_range, &QComboBox::currentIndexChanged, this, [this] {
        if (m_monitor)
            m_monitor->setRange(m_range->currentData().toLongLong());
    });
}

ErrorRatesPane::~ErrorRatesPane() = default;

void ErrorRatesPane::setMonitor(ErrorRateMonitor *monitor)
{
    if (m_monitor)
        disconnect(m_monitor, nullptr, this, nullptr);
    m_monitor = monitor;
    if (monitor) {
        connect(monitor, &ErrorRateMonitor::updated, this, &ErrorRatesPane::rebuild);
        monitor->setRange(m_range->currentData().toLongLong());
    }
    rebuild();
}

QStringList ErrorRatesPane::seriesNames() const
{
    QStringList names;
    for (QAbstractSeries *series : m_chart->series())
        names << series->name();
    return names;
}

QString ErrorRatesPane::warningText() const
{
    return m_warning->isVisibleTo(this) ? m_warning->text() : QString();
}

void ErrorRatesPane::rebuild()
{
    m_chart->removeAllSeries();
    if (!m_monitor)
        return;
    const TimeseriesData &errors = m_monitor->errors();
    qint64 first = std::numeric_limits<qint64>::max();
    qint64 last = 0;
    double top = 1;
    int index = 0;
    for (const SentrySeries &data : errors.series) {
        auto *series = new QLineSeries(m_chart);
        series->setName(data.isOther ? tr("Other") : (data.release.isEmpty() ? tr("All releases") : data.release));
        QPen pen(data.isOther ? otherColor : (index == 0 ? currentColor : previousColor));
        pen.setWidthF(data.isOther ? 1.5 : 2.5);
        pen.setStyle(data.isOther ? Qt::DotLine : (index == 0 ? Qt::SolidLine : Qt::DashLine));
        series->setPen(pen);
        QList<QPointF> points;
        points.reserve(data.samples.size());
        for (const ErrorSample &sample : data.samples) {
            if (!std::isfinite(sample.rate) || sample.rate < 0)
                continue; // malformed numbers are skipped (the monitor counts them), never drawn
            if (!sample.complete)
                continue; // the bucket still filling would read as a sudden drop
            points.append(QPointF(double(sample.time), sample.rate));
            first = std::min(first, sample.time);
            last = std::max(last, sample.time);
            top = std::max(top, sample.rate);
        }
        series->replace(points);
        m_chart->addSeries(series);
        series->attachAxis(m_time);
        series->attachAxis(m_errors);
        if (!data.isOther)
            ++index;
    }
    // Crash-free sessions of the current release, when Sentry has them (null buckets are gaps, not zero).
    const SessionsData &sessions = m_monitor->sessions();
    if (!errors.series.isEmpty() && sessions.ok) {
        const QString current = errors.series.first().release;
        if (const SessionGroup *group = sessions.find(current)) {
            auto *series = new QLineSeries(m_chart);
            series->setName(tr("Crash-free sessions, %1").arg(current));
            QPen pen(crashFreeColor);
            pen.setWidthF(1.5);
            pen.setStyle(Qt::DashDotLine);
            series->setPen(pen);
            const QList<double> values = group->series.value(QStringLiteral("crash_free_rate(session)"));
            for (qsizetype i = 0; i < values.size() && i < sessions.intervals.size(); ++i) {
                if (std::isfinite(values[i]))
                    series->append(double(sessions.intervals[i]), values[i] * 100);
            }
            m_chart->addSeries(series);
            series->attachAxis(m_time);
            series->attachAxis(m_crashFree);
        }
    }
    if (last > 0) {
        m_time->setRange(QDateTime::fromMSecsSinceEpoch(first), QDateTime::fromMSecsSinceEpoch(last));
        m_time->setFormat(last - first > 2 * 24 * 3600 * 1000LL ? QStringLiteral("dd MMM") : QStringLiteral("HH:mm"));
    }
    m_errors->setRange(0, top * 1.1);
    m_errors->applyNiceNumbers();
    const QStringList warnings = m_monitor->warnings();
    m_warning->setText(warnings.join(u'\n'));
    m_warning->setVisible(!warnings.isEmpty());
}

} // namespace Shipdeck
