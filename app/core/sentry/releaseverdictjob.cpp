#include "releaseverdictjob.h"

#include <QTimeZone>
#include <QTimer>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Shipdeck {

ReleaseVerdictJob::ReleaseVerdictJob(SentryClient *client, QObject *parent) : QObject(parent), m_client(client) { }

ReleaseVerdictJob::~ReleaseVerdictJob()
{
    // Destroyed before the end (its owner went away): abort the request without reporting anything, since the
    // receivers may be half destroyed themselves.
    if (m_inFlight) {
        disconnect(m_inFlight, nullptr, this, nullptr);
        m_inFlight->cancel();
    }
}

ReleaseVerdictJob *ReleaseVerdictJob::start(SentryClient *client, const QStringList &projects,
                                            const QString &environment, const QString &release, const QString &previous,
                                            const VerdictThresholds &thresholds, QObject *parent)
{
    auto *job = new ReleaseVerdictJob(client, parent);
    job->m_projects = projects;
    job->m_environment = environment;
    job->m_release = release;
    job->m_previousVersion = previous;
    job->m_thresholds = thresholds;
    if (!client) {
        QTimer::singleShot(0, job, [job] {
            ApiError error;
            error.kind = ApiError::Kind::Cancelled;
            error.message = tr("No Sentry connection.");
            job->finish(error);
        });
        return job;
    }
    SentryReleaseJob *read = client->release(release);
    job->m_inFlight = read;
    connect(read, &SentryJob::finished, job, [job](SentryJob *done) {
        if (job->failed(done))
            return;
        job->m_current = static_cast<SentryReleaseJob *>(done)->release();
        job->askPrevious();
    });
    return job;
}

QDateTime ReleaseVerdictJob::deployTime(const SentryReleaseInfo &info)
{
    if (info.lastDeployFinished.isValid())
        return info.lastDeployFinished;
    if (info.dateReleased.isValid())
        return info.dateReleased;
    return info.dateCreated;
}

bool ReleaseVerdictJob::failed(SentryJob *job)
{
    if (!job->hasError())
        return false;
    finish(job->error());
    return true;
}

void ReleaseVerdictJob::finish(const ApiError &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    if (!error.isError())
        m_verdict = ReleaseVerdict::compute(m_currentWindow, m_previousWindow, m_thresholds);
    Q_EMIT finished(this);
    deleteLater();
}

void ReleaseVerdictJob::askPrevious()
{
    if (!m_client)
        return finish({ApiError::Kind::Cancelled, 0, {}, tr("No Sentry connection.")});
    SentryReleaseJob *read = m_client->release(m_previousVersion);
    m_inFlight = read;
    connect(read, &SentryJob::finished, this, [this](SentryJob *done) {
        if (failed(done))
            return;
        m_previous = static_cast<SentryReleaseJob *>(done)->release();
        askCurrentErrors();
    });
}

void ReleaseVerdictJob::askCurrentErrors()
{
    if (!m_client)
        return finish({ApiError::Kind::Cancelled, 0, {}, tr("No Sentry connection.")});
    // The server's "now" is the end of the newest bucket: ask for the last day at one-minute buckets.
    ErrorSeriesQuery query;
    query.projects = m_projects;
    query.environment = m_environment;
    query.releases = {m_current.version};
    query.statsPeriod = u"24h"_s;
    query.intervalSeconds = 60;
    SentryTimeseriesJob *read = m_client->errorSeries(query);
    m_inFlight = read;
    connect(read, &SentryJob::finished, this, [this](SentryJob *done) {
        if (failed(done))
            return;
        auto *series = static_cast<SentryTimeseriesJob *>(done);
        if (series->warnings().skippedSamples > 0)
            Q_EMIT parseWarnings(series->warnings());
        const SentrySeries *total = series->data().find(QString());
        if (!total || total->samples.isEmpty())
            return finish({ApiError::Kind::MalformedJson, 0, {}, tr("Sentry returned no error series.")});
        const qint64 nowMs = total->samples.last().time + series->intervalSeconds() * 1000;
        m_now = QDateTime::fromMSecsSinceEpoch(nowMs, QTimeZone::UTC);
        m_currentWindow = ReleaseWindow::fromSamples(m_current.version, total->samples,
                                                     deployTime(m_current).toMSecsSinceEpoch(), nowMs);
        askPreviousErrors();
    });
}

void ReleaseVerdictJob::askPreviousErrors()
{
    if (!m_client)
        return finish({ApiError::Kind::Cancelled, 0, {}, tr("No Sentry connection.")});
    const QDateTime from = deployTime(m_previous);
    const qint64 elapsed = std::max<qint64>(60, deployTime(m_current).secsTo(m_now));
    ErrorSeriesQuery query;
    query.projects = m_projects;
    query.environment = m_environment;
    query.releases = {m_previous.version};
    query.start = from;
    query.end = from.addSecs(elapsed);
    query.intervalSeconds = chooseInterval(elapsed, 10000);
    SentryTimeseriesJob *read = m_client->errorSeries(query);
    m_inFlight = read;
    connect(read, &SentryJob::finished, this, [this, from, elapsed](SentryJob *done) {
        if (failed(done))
            return;
        auto *series = static_cast<SentryTimeseriesJob *>(done);
        if (series->warnings().skippedSamples > 0)
            Q_EMIT parseWarnings(series->warnings());
        const SentrySeries *total = series->data().find(QString());
        m_previousWindow
            = ReleaseWindow::fromSamples(m_previous.version, total ? total->samples : QList<ErrorSample>(),
                                         from.toMSecsSinceEpoch(), from.addSecs(elapsed).toMSecsSinceEpoch());
        askCurrentSessions();
    });
}

SentrySessionsJob *ReleaseVerdictJob::askSessions(const QString &version, const QDateTime &from, const QDateTime &to)
{
    SessionsQuery query;
    query.projects = m_projects;
    query.environment = m_environment;
    query.releases = {version};
    query.groupByRelease = false;
    query.fields = {u"sum(session)"_s, u"crash_free_rate(session)"_s};
    // Whole minutes, so the interval (a minute at least, dividing a day) fits.
    query.start = from;
    query.end = to;
    query.intervalSeconds = chooseInterval(from.secsTo(to), 1000);
    SentrySessionsJob *read = m_client->sessions(query);
    m_inFlight = read;
    return read;
}

void ReleaseVerdictJob::askCurrentSessions()
{
    if (!m_client)
        return finish();
    SentrySessionsJob *read = askSessions(m_current.version, deployTime(m_current), m_now);
    connect(read, &SentryJob::finished, this, [this](SentryJob *done) {
        auto *current = static_cast<SentrySessionsJob *>(done);
        if (!current->hasError() && !current->data().groups.isEmpty()) {
            const SessionGroup &group = current->data().groups.first();
            m_currentWindow.sessions = group.totals.value(u"sum(session)"_s);
            m_currentWindow.crashFreeRate = group.totals.value(u"crash_free_rate(session)"_s);
        }
        askPreviousSessions();
    });
}

void ReleaseVerdictJob::askPreviousSessions()
{
    if (!m_client) {
        m_currentWindow.sessions.reset();
        return finish();
    }
    const QDateTime from = deployTime(m_previous);
    const qint64 elapsed = deployTime(m_current).secsTo(m_now);
    SentrySessionsJob *read = askSessions(m_previous.version, from, from.addSecs(elapsed));
    connect(read, &SentryJob::finished, this, [this](SentryJob *done) {
        auto *previous = static_cast<SentrySessionsJob *>(done);
        if (!previous->hasError() && !previous->data().groups.isEmpty())
            m_previousWindow.sessions = previous->data().groups.first().totals.value(u"sum(session)"_s);
        else
            m_currentWindow.sessions.reset(); // normalise only with both
        finish();
    });
}

} // namespace Shipdeck
