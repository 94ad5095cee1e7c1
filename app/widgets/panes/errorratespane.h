#pragma once

#include "common/pane.h"
#include "sentry/errorratemonitor.h"

#include <QPointer>

class QChart;
class QChartView;
class QComboBox;
class QDateTimeAxis;
class QLabel;
class QValueAxis;

namespace Shipdeck {

/**
 * Errors per minute of the watched releases over the chosen range, live from Sentry: one line per release (the
 * current one solid, the previous dashed, "Other" dotted), the total, and the crash-free session rate of the current
 * release on a second axis. Stale or partial data keeps its last good picture with the reason in the banner.
 */
class ErrorRatesPane : public Pane
{
    Q_OBJECT
public:
    ErrorRatesPane(ConnectionStatus *sentry, QWidget *parent = nullptr);
    ~ErrorRatesPane() override;

    void setMonitor(ErrorRateMonitor *monitor);

    [[nodiscard]] QChart *chart() const { return m_chart; }
    /// The names of the drawn series, in drawing order.
    [[nodiscard]] QStringList seriesNames() const;
    [[nodiscard]] QString warningText() const;

private:
    void rebuild();

    QPointer<ErrorRateMonitor> m_monitor;
    QComboBox *m_range;
    QLabel *m_warning;
    QChart *m_chart;
    QChartView *m_view;
    QDateTimeAxis *m_time;
    QValueAxis *m_errors;
    QValueAxis *m_crashFree;
};

} // namespace Shipdeck
