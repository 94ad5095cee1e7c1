#pragma once

#include <QDateTime>
#include <QString>

namespace Shipdeck {

/// GitLab pipeline and job statuses.
enum class PipelineStatus {
    Unknown,
    Created,
    WaitingForResource,
    Preparing,
    Pending,
    Running,
    Success,
    Failed,
    Canceled,
    Skipped,
    Manual,
    Scheduled,
};

[[nodiscard]] PipelineStatus pipelineStatusFromKey(QStringView key);
[[nodiscard]] QString pipelineStatusKey(PipelineStatus status);
[[nodiscard]] QString pipelineStatusDisplayName(PipelineStatus status);
/// Whether the status can still change by itself.
[[nodiscard]] bool isActive(PipelineStatus status);

/// A GitLab CI pipeline.
struct Pipeline
{
    qint64 id = 0;
    qint64 iid = 0;
    PipelineStatus status = PipelineStatus::Unknown;
    QString ref;
    QString sha;
    QString source; ///< push, web, schedule, merge_request_event, …
    QString commitTitle;
    QString user;
    QString webUrl;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime startedAt;
    QDateTime finishedAt;
    double duration = 0; ///< seconds

    [[nodiscard]] bool operator==(const Pipeline &other) const = default;
};

/// A job of a pipeline.
struct Job
{
    qint64 id = 0;
    qint64 pipelineId = 0;
    QString name;
    QString stage;
    PipelineStatus status = PipelineStatus::Unknown;
    QString failureReason;
    QString webUrl;
    double duration = 0;
    bool allowFailure = false;
    bool manual = false; ///< when: manual
    bool retried = false;

    [[nodiscard]] bool operator==(const Job &other) const = default;
};

} // namespace Shipdeck
