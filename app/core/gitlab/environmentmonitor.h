#pragma once

#include "domain/deployment.h"
#include "domain/environment.h"
#include "net/apierror.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <optional>

namespace Shipdeck {

class GitLabClient;
class PagedApiJob;

/**
 * The environments of the configured project and the recent deployments of each, kept current by polling.
 *
 * A cycle fetches GET /environments, then GET /deployments?environment=<name>&order_by=id&sort=desc (one page of
 * deploymentsPerEnvironment()) for each environment, one request at a time. Only a complete cycle replaces the data;
 * after a failure the last good data stays and the next cycle is armed with exponential backoff, never sooner than
 * the server asked (Retry-After or the rate-limit reset). The next cycle is
 * armed on a single-shot timer when the previous one has finished (interval(), 30 s by default).
 *
 * environmentsChanged() and deploymentsChanged() are emitted only when the data differ.
 */
class EnvironmentMonitor : public QObject
{
    Q_OBJECT
public:
    /// @p client is not owned.
    explicit EnvironmentMonitor(GitLabClient *client, QObject *parent = nullptr);
    ~EnvironmentMonitor() override;

    void setInterval(std::chrono::milliseconds interval)
    {
        m_interval = std::max(interval, std::chrono::milliseconds(1));
    }
    [[nodiscard]] std::chrono::milliseconds interval() const { return m_interval; }
    /// The first backoff delay after a failure; doubled per further failure up to @p max.
    void setBackoff(std::chrono::milliseconds base, std::chrono::milliseconds max);
    /// How many deployments per environment are fetched (default 20).
    void setDeploymentsPerEnvironment(int count) { m_perEnvironment = std::clamp(count, 1, 100); }
    [[nodiscard]] int deploymentsPerEnvironment() const { return m_perEnvironment; }

    /// Starts polling (the first request is sent from the event loop). Idempotent.
    void start();
    /// Stops polling and aborts the request in flight; the data stays.
    void stop();
    [[nodiscard]] bool isRunning() const { return m_running; }
    /// Polls now unless a cycle is in flight.
    void refresh();
    /// While paused no cycle starts (the one under way finishes); unpausing polls at once when one became due.
    void setPaused(bool paused);
    [[nodiscard]] bool isPaused() const { return m_paused; }

    /// The environments, in GitLab's order.
    [[nodiscard]] const QList<Environment> &environments() const { return m_environments; }
    /// The environment called @p name, or nullptr.
    [[nodiscard]] const Environment *environment(const QString &name) const;
    /// The recent deployments of @p environment, newest first (by id).
    [[nodiscard]] QList<Deployment> deployments(const QString &environment) const;
    /// What is deployed now: the newest successful deployment of @p environment among the fetched ones.
    [[nodiscard]] std::optional<Deployment> currentDeployment(const QString &environment) const;

    /// Whether a cycle is in flight.
    [[nodiscard]] bool isBusy() const { return !m_job.isNull(); }
    /// Whether a complete cycle has succeeded since construction.
    [[nodiscard]] bool hasData() const { return m_hasData; }
    [[nodiscard]] int consecutiveFailures() const { return m_failures; }
    [[nodiscard]] const ApiError &lastError() const { return m_lastError; }
    [[nodiscard]] std::chrono::milliseconds nextDelay() const { return m_nextDelay; }

Q_SIGNALS:
    void environmentsChanged();
    /// The deployments of @p environment differ from before (also when the environment is gone).
    void deploymentsChanged(const QString &environment);
    /// One cycle ended (successfully or not); the next one is armed.
    void cycleFinished(bool ok);

private:
    void poll();
    void onEnvironmentsFinished(PagedApiJob *job);
    void fetchNextDeployments();
    void onDeploymentsFinished(PagedApiJob *job);
    void commit();
    void failed(const ApiError &error, std::chrono::milliseconds serverDelay);
    void arm(std::chrono::milliseconds delay);
    void abortJob();

    QPointer<GitLabClient> m_client;
    QTimer m_timer;
    QPointer<PagedApiJob> m_job;
    QList<Environment> m_environments;
    QHash<QString, QList<Deployment>> m_deployments;
    // The cycle in flight.
    QList<Environment> m_pendingEnvironments;
    QHash<QString, QList<Deployment>> m_pendingDeployments;
    int m_pendingIndex = 0;
    ApiError m_lastError;
    std::chrono::milliseconds m_interval {30000};
    std::chrono::milliseconds m_baseBackoff {5000};
    std::chrono::milliseconds m_maxBackoff {300000};
    std::chrono::milliseconds m_nextDelay {0};
    int m_perEnvironment = 20;
    int m_failures = 0;
    bool m_running = false;
    bool m_paused = false;
    bool m_due = false; ///< a cycle became due while paused
    bool m_hasData = false;
};

} // namespace Shipdeck
