#pragma once

#include "releaseverdict.h"
#include "sentryclient.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>

namespace Shipdeck {

/**
 * Gathers what ReleaseVerdict::compute() needs for two releases and computes it: the release details of both (for
 * the deploy times), the current release's errors since its deploy up to the server's "now" (one-minute buckets over
 * the last day), the previous release's errors over the same time since *its* deploy, then the sessions of both
 * windows (optional: without them the rate is per minute). One request in flight at a time.
 *
 * Started by start(); emits finished() exactly once, from the event loop, and deletes itself afterwards (read the
 * result in the slot). Deleting the job aborts the request in flight.
 */
class ReleaseVerdictJob : public QObject
{
    Q_OBJECT
public:
    /// Starts the reads. @p client must outlive the job.
    static ReleaseVerdictJob *start(SentryClient *client, const QStringList &projects, const QString &environment,
                                    const QString &release, const QString &previous,
                                    const VerdictThresholds &thresholds = {}, QObject *parent = nullptr);
    ~ReleaseVerdictJob() override;

    [[nodiscard]] bool hasError() const { return m_error.isError(); }
    [[nodiscard]] const ApiError &error() const { return m_error; }
    [[nodiscard]] const ReleaseVerdict &verdict() const { return m_verdict; }
    [[nodiscard]] const SentryReleaseInfo &currentRelease() const { return m_current; }
    [[nodiscard]] const SentryReleaseInfo &previousRelease() const { return m_previous; }
    [[nodiscard]] const ReleaseWindow &currentWindow() const { return m_currentWindow; }
    [[nodiscard]] const ReleaseWindow &previousWindow() const { return m_previousWindow; }

    /// The deploy time of a release: the last deploy, else the release date, else the creation date.
    [[nodiscard]] static QDateTime deployTime(const SentryReleaseInfo &info);

Q_SIGNALS:
    /// A series read had problems that did not fail it (skipped samples). Emitted once per such read.
    void parseWarnings(const Shipdeck::ParseWarnings &warnings);
    /// Done (verdict computed, or error() set). Emitted once; the job deletes itself afterwards.
    void finished(Shipdeck::ReleaseVerdictJob *job);

private:
    ReleaseVerdictJob(SentryClient *client, QObject *parent);
    bool failed(SentryJob *job);
    void finish(const ApiError &error = {});
    SentrySessionsJob *askSessions(const QString &version, const QDateTime &from, const QDateTime &to);
    void askPrevious();
    void askCurrentErrors();
    void askPreviousErrors();
    void askCurrentSessions();
    void askPreviousSessions();

    QPointer<SentryClient> m_client;
    QPointer<SentryJob> m_inFlight;
    QStringList m_projects;
    QString m_environment;
    QString m_release;
    QString m_previousVersion;
    VerdictThresholds m_thresholds;
    SentryReleaseInfo m_current;
    SentryReleaseInfo m_previous;
    QDateTime m_now;
    ReleaseWindow m_currentWindow;
    ReleaseWindow m_previousWindow;
    ReleaseVerdict m_verdict;
    ApiError m_error;
    bool m_finished = false;
};

} // namespace Shipdeck
