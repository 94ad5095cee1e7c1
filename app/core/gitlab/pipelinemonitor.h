#pragma once

#include "domain/pipeline.h"
#include "net/apierror.h"
#include "net/apijob.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <chrono>
#include <optional>

namespace Shipdeck {

class ConnectionStatus;
class GitLabClient;

/**
 * The pipeline list of the configured project, kept current by polling.
 *
 * The first cycle (and every resync) fetches the newest pipelines, up to pageCap() pages of 100, ordered by id; later
 * cycles fetch only what changed (updated_after = the newest updated_at seen, order_by=updated_at, sort=desc) and
 * merge it by id. One request is in flight at a time; the next cycle is armed on a single-shot timer only when the
 * previous one has finished: activeInterval() while a pipeline is active, idleInterval() otherwise, and exponential
 * backoff (at least the server's Retry-After / rate-limit reset) after failures. The last ETag is sent as
 * If-None-Match; 304 means "no change".
 *
 * The list has no user, commit title or timing. Before a cycle's list is merged, the newest detailLimit() pipelines
 * are completed once, one request at a time: GET /pipelines/:id (user, start, finish, duration; again when it
 * finished since) and GET /repository/commits/:sha (the title; cached by SHA, commits never change). At most
 * detailBudget() such requests go out per cycle; the rest follow in the next cycles. A failed detail request does not
 * fail the cycle: the pipeline is shown without it and asked for again later. So a transition is still one
 * pipelineChanged() with everything known about it.
 *
 * Reports into a ConnectionStatus: connecting → live; on failure stale (the data is kept) with the ApiError message.
 * Pipelines are ordered newest first (by id, descending).
 */
class PipelineMonitor : public QObject
{
    Q_OBJECT
public:
    /// Neither @p client nor @p status is owned; @p status may be null.
    PipelineMonitor(GitLabClient *client, ConnectionStatus *status, QObject *parent = nullptr);
    ~PipelineMonitor() override;

    /// Only pipelines of this ref (empty: all). Changing it drops the list and resyncs.
    void setRef(const QString &ref);
    [[nodiscard]] QString ref() const { return m_ref; }

    static constexpr std::chrono::milliseconds DefaultActiveInterval {5000};
    void setActiveInterval(std::chrono::milliseconds interval) { m_activeInterval = interval; }
    [[nodiscard]] std::chrono::milliseconds activeInterval() const { return m_activeInterval; }
    void setIdleInterval(std::chrono::milliseconds interval) { m_idleInterval = interval; }
    [[nodiscard]] std::chrono::milliseconds idleInterval() const { return m_idleInterval; }
    /// The first backoff delay after a failure; doubled per further failure up to maxBackoff().
    void setBackoff(std::chrono::milliseconds base, std::chrono::milliseconds max);
    [[nodiscard]] std::chrono::milliseconds maxBackoff() const { return m_maxBackoff; }
    /// How many pages of 100 the full list fetches (default 1).
    void setPageCap(int pages) { m_pageCap = std::max(1, pages); }
    [[nodiscard]] int pageCap() const { return m_pageCap; }
    /// How many of the newest pipelines get their details (user, commit title, timing); 0 = none. Default 20.
    void setDetailLimit(int pipelines) { m_detailLimit = std::max(0, pipelines); }
    [[nodiscard]] int detailLimit() const { return m_detailLimit; }
    /// The most detail requests one cycle sends (default 25).
    void setDetailBudget(int requests) { m_detailBudget = std::max(1, requests); }
    [[nodiscard]] int detailBudget() const { return m_detailBudget; }
    /// Resync the full list every n-th successful cycle, to notice deleted pipelines (default 20; 0 = never).
    void setResyncEvery(int cycles) { m_resyncEvery = cycles; }

    /// Starts polling (the first request is sent from the event loop). Idempotent.
    void start();
    /// Stops polling and aborts the request in flight; the data stays.
    void stop();
    [[nodiscard]] bool isRunning() const { return m_running; }
    /// While paused no request is sent; the request in flight finishes. Unpausing polls at once when a cycle is due.
    void setPaused(bool paused);
    [[nodiscard]] bool isPaused() const { return m_paused; }
    /// Polls now unless a request is in flight.
    void refresh();

    /// Pipeline ids, newest first.
    [[nodiscard]] const QList<qint64> &pipelineIds() const { return m_ids; }
    [[nodiscard]] int indexOf(qint64 id) const;
    [[nodiscard]] const Pipeline *pipeline(qint64 id) const;
    [[nodiscard]] bool hasActivePipelines() const;
    /// Whether one request is in flight.
    [[nodiscard]] bool isBusy() const { return m_pageJob || m_listJob || m_detailJob || m_pendingValid; }
    /// HTTP requests sent since construction (every page and attempt).
    [[nodiscard]] qint64 requestCount() const { return m_requestCount; }
    /// Failed cycles in a row; 0 after a success.
    [[nodiscard]] int consecutiveFailures() const { return m_failures; }
    /// The delay the next cycle was armed with.
    [[nodiscard]] std::chrono::milliseconds nextDelay() const { return m_nextDelay; }
    [[nodiscard]] const ApiError &lastError() const { return m_lastError; }

    /// Merges @p pipelines by id (as a poll does); for tests and benchmarks. @p authoritative: the list is the
    /// complete newest window, so pipelines missing from it within its id range are removed.
    void merge(const QList<Pipeline> &pipelines, bool authoritative = false);

Q_SIGNALS:
    /// A pipeline appeared, at indexOf(id).
    void pipelineAdded(qint64 id);
    /// A known pipeline's data changed (status, updated_at, …). Not emitted when nothing differs.
    void pipelineChanged(qint64 id);
    /// A pipeline is gone (deleted, or no longer within the window); emitted before it is dropped, so
    /// indexOf(id) and pipeline(id) still answer in connected slots.
    void pipelineRemoved(qint64 id);
    /// One poll cycle ended (successfully or not); the next one is armed.
    void cycleFinished(bool ok);

private:
    void poll();
    void onListFinished(PagedApiJob *job);
    void onPageFinished(ApiJob *job);
    void received(QList<Pipeline> pipelines, bool authoritative);
    void fetchNextDetail();
    void onDetailFinished(ApiJob *job);
    void abortRequests();
    void succeeded();
    void failed(const ApiError &error, std::chrono::milliseconds serverDelay);
    void arm(std::chrono::milliseconds delay);
    void removeAt(int index);

    QPointer<GitLabClient> m_client;
    QPointer<ConnectionStatus> m_status;
    QString m_ref;
    QList<qint64> m_ids;
    QHash<qint64, Pipeline> m_pipelines;
    QDateTime m_newestUpdate;
    QByteArray m_etag;
    QTimer m_timer;
    QPointer<PagedApiJob> m_listJob;
    QPointer<ApiJob> m_pageJob;
    QPointer<ApiJob> m_detailJob;
    // The list of the cycle under way, completed with details before it is merged.
    QList<Pipeline> m_pending;
    bool m_pendingValid = false;
    bool m_pendingAuthoritative = false;
    int m_detailRequests = 0; ///< sent in this cycle
    QSet<qint64> m_detailTried; ///< pipelines whose detail was asked for in this cycle
    QSet<QString> m_titleTried; ///< commits asked for in this cycle
    /// Pipelines whose detail was fetched: true when the pipeline was still active then (so fetch again when done).
    QHash<qint64, bool> m_detailed;
    QHash<QString, QString> m_commitTitles; ///< by SHA
    int m_detailLimit = 20;
    int m_detailBudget = 25;
    ApiError m_lastError;
    std::chrono::milliseconds m_activeInterval {DefaultActiveInterval};
    std::chrono::milliseconds m_idleInterval {30000};
    std::chrono::milliseconds m_baseBackoff {5000};
    std::chrono::milliseconds m_maxBackoff {300000};
    std::chrono::milliseconds m_nextDelay {0};
    qint64 m_requestCount = 0;
    int m_pageCap = 1;
    int m_resyncEvery = 20;
    int m_cyclesSinceResync = 0;
    int m_failures = 0;
    bool m_needFullSync = true;
    bool m_running = false;
    bool m_paused = false;
    bool m_due = false; ///< a cycle became due while paused
};

} // namespace Shipdeck
