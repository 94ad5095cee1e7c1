#include "pipeline.h"

#include <QCoreApplication>

#include <array>
#include <utility>

namespace Shipdeck {

namespace {
constexpr std::array<std::pair<PipelineStatus, const char *>, 11> statusKeys {{
    {PipelineStatus::Created, "created"},
    {PipelineStatus::WaitingForResource, "waiting_for_resource"},
    {PipelineStatus::Preparing, "preparing"},
    {PipelineStatus::Pending, "pending"},
    {PipelineStatus::Running, "running"},
    {PipelineStatus::Success, "success"},
    {PipelineStatus::Failed, "failed"},
    {PipelineStatus::Canceled, "canceled"},
    {PipelineStatus::Skipped, "skipped"},
    {PipelineStatus::Manual, "manual"},
    {PipelineStatus::Scheduled, "scheduled"},
}};
} // namespace

PipelineStatus pipelineStatusFromKey(QStringView key)
{
    for (const auto &[value, k] : statusKeys) {
        if (key == QLatin1StringView(k))
            return value;
    }
    return PipelineStatus::Unknown;
}

QString pipelineStatusKey(PipelineStatus status)
{
    for (const auto &[value, key] : statusKeys) {
        if (value == status)
            return QLatin1StringView(key);
    }
    return QStringLiteral("unknown");
}

QString pipelineStatusDisplayName(PipelineStatus status)
{
    switch (status) {
    case PipelineStatus::Unknown:
        return QCoreApplication::translate("Shipdeck::Pipeline", "Unknown");
    case PipelineStatus::Created:
        return QCoreApplication::translate("Shipdeck::Pipeline", "Created");
    case PipelineStatus::WaitingForResource:
        return QCoreApplication::translate("Shipdeck::Pipeline", "Waiting for resource");
    case PipelineStatus::Preparing:
        return QCoreApplication::translate("Shipdeck::Pipeline", "Preparing");
    case PipelineStatus::Pending:
        return QCoreApplication::translate("Shipdeck::Pipeline", "Pending");
    case PipelineStatus::Running:
        return QCoreApplication::translate("Shipdeck::Pipeline", "Running");
    case PipelineStatus::Success:
        return QCoreApplication::translate("Shipdeck::Pipeline", "Passed");
    case PipelineStatus::Failed:
        return QCoreApplication::translate("Shipdeck::Pipeline", "Failed");
    case PipelineStatus::Canceled:
        return QCoreApplication::translate("Shipdeck::Pipeline", "Canceled");
    case PipelineStatus::Skipped:
        return QCoreApplication::translate("Shipdeck::Pipeline", "Skipped");
    case PipelineStatus::Manual:
        return QCoreApplication::translate("Shipdeck::Pipeline", "Manual");
    case PipelineStatus::Scheduled:
        return QCoreApplication::translate("Shipdeck::Pipeline", "Scheduled");
    }
    Q_UNREACHABLE_RETURN(QString());
}

bool isActive(PipelineStatus status)
{
    switch (status) {
    case PipelineStatus::Created:
    case PipelineStatus::WaitingForResource:
    case PipelineStatus::Preparing:
    case PipelineStatus::Pending:
    case PipelineStatus::Running:
        return true;
    default:
        return false;
    }
}

} // namespace Shipdeck
