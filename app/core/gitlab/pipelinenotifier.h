#pragma once

#include "domain/pipeline.h"
#include "net/apijob.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Shipdeck {

class GitLabClient;
class PipelineMonitor;

/// Which pipelines are worth a desktop notification.
struct NotificationRules
{
    /// Ref patterns ("main", "release/*"); empty: every ref. '*' matches any characters (also '/'), '?' one.
    QStringList refs;
    /// Environment patterns for the manual-deploy notification ("production", "prod-*"); empty: every environment.
    QStringList environments;
    /// Only notify about failed pipelines (no recoveries, no manual deploys).
    bool failuresOnly = false;
    /// Whether notifications are sent at all (worstStatus() is kept either way).
    bool enabled = true;

    /// Whether @p ref matches refs (always for empty refs).
    [[nodiscard]] bool watchesRef(const QString &ref) const;
    /// Whether @p environment matches environments (always for empty environments).
    [[nodiscard]] bool watchesEnvironment(const QString &environment) const;
    [[nodiscard]] bool operator==(const NotificationRules &other) const = default;
};

/// Whether @p text matches one of the glob @p patterns as a whole ('*' any characters, also '/'; '?' one).
/// Case-sensitive, like git refs and GitLab environment names. Blank patterns never match.
[[nodiscard]] bool matchesAnyPattern(const QString &text, const QStringList &patterns);

/// One desktop notification about a pipeline. title and body are translated plain text (never rich text: the ref
/// and the commit title come from GitLab).
struct PipelineNotification
{
    enum class Kind {
        Failed, ///< a watched pipeline failed
        Recovered, ///< a ref whose latest pipeline had failed has a successful pipeline again
        WaitingForManualDeploy, ///< a pipeline waits on a manual deploy job of a watched environment
    };

    Kind kind = Kind::Failed;
    qint64 pipelineId = 0;
    QString ref;
    QString sha;
    QUrl webUrl;
    QString environment; ///< WaitingForManualDeploy: the environment the manual job deploys to
    QString jobName; ///< WaitingForManualDeploy: the manual job
    QString title;
    QString body;
    QDateTime time; ///< when the notification was made (UTC)
};

/// The worst state among the latest pipelines of the watched refs, in increasing order of severity.
enum class OverallStatus {
    None, ///< no watched pipeline (or only canceled or skipped ones)
    Success,
    Manual, ///< waiting for a manual action
    Running, ///< created, pending, running or scheduled
    Failed,
};

/**
 * Turns the pipeline list of a PipelineMonitor into desktop notifications and a worst status.
 *
 * The state at the first completed poll cycle is the baseline: pipelines known then, or older than the newest one
 * known then, never cause a notification by their first state (no notification on start-up for old failures). From
 * then on:
 * - Failed: a pipeline of a watched ref turns failed (or appears already failed);
 * - Recovered: a pipeline turns successful on a watched ref whose latest finished pipeline had failed (also a
 *   failure known at the baseline);
 * - WaitingForManualDeploy: a pipeline of a watched ref turns `manual`; its jobs are fetched (GET
 *   /pipelines/:id/jobs), then the not-yet-started deployments (GET /deployments?status=created) to learn which
 *   environment each manual job deploys to; the notification is sent when one of them is a watched environment.
 *   One request is in flight at a time; a failed lookup is tried again after the monitor's next good cycle (three
 *   times at most).
 *
 * failuresOnly keeps only Failed. A (pipeline, kind) pair is notified at most once for the lifetime of the object,
 * however often the status flips or the monitor re-polls.
 *
 * worstStatus() is the worst status among the latest pipeline (highest id) of each watched ref: failed >
 * running/pending > manual > success > none; worstStatusChanged() is emitted when it changes.
 */
class PipelineNotifier : public QObject
{
    Q_OBJECT
public:
    /// Neither @p monitor nor @p client is owned; @p client may be null (no manual-deploy notifications then).
    PipelineNotifier(PipelineMonitor *monitor, GitLabClient *client, QObject *parent = nullptr);
    ~PipelineNotifier() override;

    void setRules(const NotificationRules &rules);
    [[nodiscard]] const NotificationRules &rules() const { return m_rules; }

    /// Whether the baseline has been taken (the monitor completed a cycle).
    [[nodiscard]] bool hasBaseline() const { return m_baselined; }
    [[nodiscard]] OverallStatus worstStatus() const { return m_worst; }
    /// The latest pipeline of every watched ref, newest first (as of the last change the notifier saw).
    [[nodiscard]] const QList<Pipeline> &latestPipelines() const { return m_latest; }
    /// Whether a job or deployment lookup is in flight or queued.
    [[nodiscard]] bool isBusy() const { return m_lookupJob || !m_lookupQueue.isEmpty(); }
    /// Requests sent for manual-deploy lookups since construction.
    [[nodiscard]] int lookupRequestCount() const { return m_lookupRequests; }

    /// A short user-visible name for @p status ("Failed", "Running", …).
    [[nodiscard]] static QString statusName(OverallStatus status);
    /// What a single pipeline status counts as.
    [[nodiscard]] static OverallStatus statusOf(PipelineStatus status);

Q_SIGNALS:
    void notify(const Shipdeck::PipelineNotification &notification);
    void worstStatusChanged(Shipdeck::OverallStatus status);
    /// The refs of latestPipelines() or what their statuses count as changed.
    void latestPipelinesChanged();

private:
    struct RefState
    {
        qint64 latestFinished = 0; ///< the newest pipeline that succeeded or failed
        qint64 failed = 0; ///< latestFinished when it failed, else 0
    };

    void onAdded(qint64 id);
    void onChanged(qint64 id);
    void onRemoved(qint64 id);
    void onCycleFinished(bool ok);
    void takeBaseline();
    void observe(const Pipeline &pipeline, bool isNew);
    /// Updates the ref's state; returns true when @p pipeline ends a failure of the ref.
    bool updateRef(const Pipeline &pipeline);
    void emitOnce(PipelineNotification::Kind kind, const Pipeline &pipeline, const QString &environment = {},
                  const QString &jobName = {});
    [[nodiscard]] bool wants(PipelineNotification::Kind kind, const QString &ref) const;
    void updateWorstStatus(qint64 excluding = 0);

    void lookUpNext();
    void onJobsFinished(PagedApiJob *job);
    void onDeploymentsFinished(PagedApiJob *job);
    void lookupFailed();

    QPointer<PipelineMonitor> m_monitor;
    QPointer<GitLabClient> m_client;
    NotificationRules m_rules;
    QHash<qint64, PipelineStatus> m_known;
    QHash<QString, RefState> m_refs;
    QSet<std::pair<qint64, int>> m_notified;
    qint64 m_watermark = 0; ///< the newest pipeline id at the baseline
    bool m_baselined = false;
    OverallStatus m_worst = OverallStatus::None;
    QList<Pipeline> m_latest;
    QList<std::pair<QString, OverallStatus>> m_summary; ///< (ref, status) of m_latest

    // Manual-deploy lookups, one at a time.
    QList<qint64> m_lookupQueue;
    QHash<qint64, int> m_lookupAttempts;
    QList<qint64> m_retryLater;
    QPointer<PagedApiJob> m_lookupJob;
    qint64 m_lookupPipeline = 0;
    QList<Job> m_manualJobs; ///< of m_lookupPipeline, between the two requests
    int m_lookupRequests = 0;
};

} // namespace Shipdeck

Q_DECLARE_METATYPE(Shipdeck::PipelineNotification)
Q_DECLARE_METATYPE(Shipdeck::OverallStatus)
