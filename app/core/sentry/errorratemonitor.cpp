#include "errorratemonitor.h"

#include "services/connectionstatus.h"

#include <QCoreApplication>

#include <cmath>

using namespace std::chrono_literals;

namespace Shipdeck {

ErrorRateMonitor::ErrorRateMonitor(SentryClient *client, ConnectionStatus *status, QObject *parent)
    : QObject(parent), m_client(client), m_status(status)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ErrorRateMonitor::poll);
}

ErrorRateMonitor::~ErrorRateMonitor()
{
    stop();
}

void ErrorRateMonitor::setReleases(const QString &current, const QString &previous)
{
    m_current = current;
    m_previous = previous;
}

void ErrorRateMonitor::setRange(qint64 seconds)
{
    m_range = std::max<qint64>(60, seconds);
}

void ErrorRateMonitor::setBackoff(std::chrono::milliseconds base, std::chrono::milliseconds max)
{
    m_backoffBase = std::max(1ms, base);
    m_backoffMax = std::max(m_backoffBase, max);
}

std::chrono::milliseconds ErrorRateMonitor::pollIntervalFor(qint64 rangeSeconds)
{
    const qint64 bucket = chooseInterval(rangeSeconds);
    return std::chrono::milliseconds(std::clamp<qint64>(bucket, 30, 300) * 1000);
}

std::chrono::milliseconds ErrorRateMonitor::pollInterval() const
{
    return m_pollOverride > 0ms ? m_pollOverride : pollIntervalFor(m_range);
}

double ErrorRateMonitor::requestsPerMinute() const
{
    return double(m_requestsPerCycle) * 60000.0 / double(std::max<qint64>(1, pollInterval().count()));
}

void ErrorRateMonitor::start()
{
    if (m_running)
        return;
    m_running = true;
    if (m_status && m_status->state() != ConnectionStatus::State::Live
        && m_status->state() != ConnectionStatus::State::Stale)
        m_status->setConnecting();
    schedule(0ms);
}

void ErrorRateMonitor::stop()
{
    m_running = false;
    m_due = false;
    m_timer.stop();
    if (m_inFlight) {
        SentryJob *job = m_inFlight;
        m_inFlight = nullptr;
        job->disconnect(this);
        job->cancel();
    }
}

void ErrorRateMonitor::schedule(std::chrono::milliseconds delay)
{
    m_nextDelay = delay;
    if (m_running)
        m_timer.start(delay);
}

void ErrorRateMonitor::setPaused(bool paused)
{
    if (m_paused == paused)
        return;
    m_paused = paused;
    if (!paused && m_running && m_due && !m_inFlight) {
        m_due = false;
        schedule(0ms);
    }
}

void ErrorRateMonitor::poll()
{
    if (!m_running || !m_client || m_inFlight)
        return;
    if (m_paused) {
        m_due = true;
        return;
    }
    m_errorsError = {};
    m_totalError = {};
    m_sessionsError = {};
    m_serverDelay = 0ms;
    m_cycleWarnings = {};
    m_cycleRequests = 0;

    ErrorSeriesQuery query;
    query.projects = m_projects;
    query.environment = m_environment;
    for (const QString &release : {m_current, m_previous}) {
        if (!release.isEmpty())
            query.releases.append(release);
    }
    query.groupByRelease = true;
    query.topEvents = int(std::max<qsizetype>(1, query.releases.size()));
    query.statsPeriod = durationString(m_range);
    read(m_client->errorSeries(query), &m_errors, &m_errorsError, &ErrorRateMonitor::requestTotal);
}

void ErrorRateMonitor::requestTotal()
{
    if (!m_running || !m_client)
        return;
    // Every error of the environment, whatever the release: the chart's total line.
    ErrorSeriesQuery query;
    query.projects = m_projects;
    query.environment = m_environment;
    query.statsPeriod = durationString(m_range);
    read(m_client->errorSeries(query), &m_total, &m_totalError, &ErrorRateMonitor::requestSessions);
}

void ErrorRateMonitor::requestSessions()
{
    if (!m_running || !m_client)
        return;
    SessionsQuery query;
    query.projects = m_projects;
    query.environment = m_environment;
    for (const QString &release : {m_current, m_previous}) {
        if (!release.isEmpty())
            query.releases.append(release);
    }
    query.statsPeriod = durationString(m_range);
    read(m_client->sessions(query), &m_sessions, &m_sessionsError, &ErrorRateMonitor::finishCycle);
}

template<typename Job, typename Data>
void ErrorRateMonitor::read(Job *job, Data *data, ApiError *error, void (ErrorRateMonitor::*next)())
{
    // One read of the cycle: keep its data (or its error, leaving the last good data), then go on.
    m_inFlight = job;
    connect(job, &SentryJob::finished, this, [this, data, error, next](SentryJob *finished) {
        auto *job = static_cast<Job *>(finished);
        m_inFlight = nullptr;
        m_cycleRequests += job->requestCount();
        m_serverDelay = std::max(m_serverDelay, job->serverRequestedDelay());
        if (job->hasError()) {
            *error = job->error();
        } else {
            *data = job->data();
            m_cycleWarnings.skippedSamples += job->warnings().skippedSamples;
        }
        (this->*next)();
    });
}

void ErrorRateMonitor::finishCycle()
{
    m_requests += m_cycleRequests;
    const bool errorsOk = !m_errorsError.isError();
    const bool totalOk = !m_totalError.isError();
    const bool sessionsOk = !m_sessionsError.isError();
    if (errorsOk && totalOk && sessionsOk)
        m_requestsPerCycle = m_cycleRequests;

    if (!errorsOk && !totalOk && !sessionsOk) {
        ++m_failures;
        if (m_status)
            m_status->setFailed(m_errorsError.message);
        const int exponent = std::clamp(m_failures - 1, 0, 20);
        auto delay = std::chrono::milliseconds(
            qint64(std::min(double(m_backoffMax.count()), double(m_backoffBase.count()) * std::ldexp(1.0, exponent))));
        // The server's wish wins, even over our cap: a rate limit is not shortened.
        delay = std::max(delay, m_serverDelay);
        schedule(delay);
        Q_EMIT cycleFinished(false);
        return;
    }

    m_failures = 0;
    m_warnings.clear();
    m_partial = false;
    if (!errorsOk) {
        m_partial = true;
        m_warnings.append(
            QCoreApplication::translate("Shipdeck::ErrorRateMonitor", "Error counts could not be updated: %1")
                .arg(m_errorsError.message));
    }
    if (!totalOk) {
        m_partial = true;
        m_warnings.append(
            QCoreApplication::translate("Shipdeck::ErrorRateMonitor", "The total could not be updated: %1")
                .arg(m_totalError.message));
    }
    if (!sessionsOk) {
        m_partial = true;
        m_warnings.append(
            QCoreApplication::translate("Shipdeck::ErrorRateMonitor", "Release health could not be updated: %1")
                .arg(m_sessionsError.message));
    }
    if (m_cycleWarnings.skippedSamples > 0) {
        m_partial = true;
        m_warnings.append(QCoreApplication::translate("Shipdeck::ErrorRateMonitor", "%n malformed bucket(s) skipped.",
                                                      nullptr, m_cycleWarnings.skippedSamples));
    }
    if (m_status)
        m_status->setLive();
    schedule(std::max(pollInterval(), m_serverDelay));
    Q_EMIT updated();
    Q_EMIT cycleFinished(true);
}

} // namespace Shipdeck
