#pragma once

#include "sentryclient.h"

#include <QDeadlineTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>

namespace Shipdeck {

class ConnectionStatus;

/**
 * Live error rate of the current and the previous release: polls events-timeseries (grouped by release; the client
 * falls back to events-stats), the total of the environment (ungrouped) and then sessions, one request in flight at a
 * time, with a single-shot timer re-armed after each cycle (never overlapping). The poll interval follows the visible
 * range (pollIntervalFor()).
 *
 * Failures: the last good data is kept and the ConnectionStatus turns stale with the worded reason; the next cycle
 * waits with exponential backoff, at least as long as the server asked (rate limit). When only some of the three reads
 * fail, the others are still used and isPartial() is true with a warning. A good cycle makes the status live again.
 */
class ErrorRateMonitor : public QObject
{
    Q_OBJECT
public:
    /// @p client and @p status must outlive the monitor (or be its children).
    ErrorRateMonitor(SentryClient *client, ConnectionStatus *status, QObject *parent = nullptr);
    ~ErrorRateMonitor() override;

    void setProjects(const QStringList &projects) { m_projects = projects; }
    void setEnvironment(const QString &environment) { m_environment = environment; }
    /// The releases to watch, e.g. "storefront@1.7.0" and "storefront@1.6.1" (previous may be empty).
    void setReleases(const QString &current, const QString &previous);
    /// The visible range ending now, in seconds (default one hour); picks the bucket size and the poll interval.
    void setRange(qint64 seconds);
    [[nodiscard]] qint64 range() const { return m_range; }
    /// Overrides the adaptive poll interval (tests, or a user setting); 0 = adaptive.
    void setPollInterval(std::chrono::milliseconds interval) { m_pollOverride = interval; }
    /// Backoff after failures: base * 2^(failures-1), capped at max, and never shorter than the server asked.
    void setBackoff(std::chrono::milliseconds base, std::chrono::milliseconds max);

    /// The poll interval for a range: the bucket size chooseInterval() picks, between 30 s and 5 min.
    [[nodiscard]] static std::chrono::milliseconds pollIntervalFor(qint64 rangeSeconds);
    [[nodiscard]] std::chrono::milliseconds pollInterval() const;

    /// Starts polling now (the first cycle is sent at once).
    void start();
    /// Stops polling and aborts the request in flight. Data is kept.
    void stop();
    [[nodiscard]] bool isRunning() const { return m_running; }
    /// While paused no cycle starts (the one under way finishes); unpausing polls at once when one became due.
    void setPaused(bool paused);
    [[nodiscard]] bool isPaused() const { return m_paused; }

    /// The last good error series (per release; grouped).
    [[nodiscard]] const TimeseriesData &errors() const { return m_errors; }
    /// The last good total: every error of the environment, any release (one series, release empty).
    [[nodiscard]] const TimeseriesData &total() const { return m_total; }
    /// The last good release health.
    [[nodiscard]] const SessionsData &sessions() const { return m_sessions; }
    /// Whether the last cycle delivered only part of the data (one read failed, or samples were malformed).
    [[nodiscard]] bool isPartial() const { return m_partial; }
    /// Translated warnings of the last cycle (partial data, skipped samples).
    [[nodiscard]] QStringList warnings() const { return m_warnings; }
    [[nodiscard]] int consecutiveFailures() const { return m_failures; }
    /// The delay before the next cycle as last scheduled.
    [[nodiscard]] std::chrono::milliseconds nextDelay() const { return m_nextDelay; }
    /// Requests sent by this monitor (including fallbacks).
    [[nodiscard]] qint64 requestCount() const { return m_requests; }
    /// Requests per minute in live mode when nothing fails: requests per cycle × cycles per minute.
    [[nodiscard]] double requestsPerMinute() const;

Q_SIGNALS:
    /// New data arrived (full or partial). Not emitted for a cycle that failed entirely.
    void updated();
    /// A cycle ended; @p ok is false when all three reads failed.
    void cycleFinished(bool ok);

private:
    void poll();
    void requestTotal();
    void requestSessions();
    template<typename Job, typename Data>
    void read(Job *job, Data *data, ApiError *error, void (ErrorRateMonitor::*next)());
    void finishCycle();
    void schedule(std::chrono::milliseconds delay);

    QPointer<SentryClient> m_client;
    QPointer<ConnectionStatus> m_status;
    QStringList m_projects;
    QString m_environment;
    QString m_current;
    QString m_previous;
    qint64 m_range = 3600;
    std::chrono::milliseconds m_pollOverride {0};
    std::chrono::milliseconds m_backoffBase {5000};
    std::chrono::milliseconds m_backoffMax {300000};
    std::chrono::milliseconds m_nextDelay {0};
    QTimer m_timer;
    bool m_running = false;
    bool m_paused = false;
    bool m_due = false; ///< a cycle became due while paused
    QPointer<SentryJob> m_inFlight;

    // The cycle under way.
    ApiError m_errorsError;
    ApiError m_totalError;
    ApiError m_sessionsError;
    std::chrono::milliseconds m_serverDelay {0};
    ParseWarnings m_cycleWarnings;
    int m_cycleRequests = 0;

    TimeseriesData m_errors;
    TimeseriesData m_total;
    SessionsData m_sessions;
    bool m_partial = false;
    QStringList m_warnings;
    int m_failures = 0;
    qint64 m_requests = 0;
    int m_requestsPerCycle = 3;
};

} // namespace Shipdeck
