#include "release.h"

#include <QCoreApplication>

#include <array>
#include <utility>

namespace Shipdeck {

namespace {
constexpr std::array<std::pair<ReleaseStatus, const char *>, 6> statusKeys {{
    {ReleaseStatus::Planned, "planned"},
    {ReleaseStatus::Scheduled, "scheduled"},
    {ReleaseStatus::InProgress, "in_progress"},
    {ReleaseStatus::Released, "released"},
    {ReleaseStatus::RolledBack, "rolled_back"},
    {ReleaseStatus::Cancelled, "cancelled"},
}};
} // namespace

QString releaseStatusKey(ReleaseStatus status)
{
    for (const auto &[value, key] : statusKeys) {
        if (value == status)
            return QLatin1StringView(key);
    }
    Q_UNREACHABLE_RETURN(QString());
}

std::optional<ReleaseStatus> releaseStatusFromKey(QStringView key)
{
    for (const auto &[value, k] : statusKeys) {
        if (key == QLatin1StringView(k))
            return value;
    }
    return std::nullopt;
}

QString releaseStatusDisplayName(ReleaseStatus status)
{
    switch (status) {
    case ReleaseStatus::Planned:
        return QCoreApplication::translate("Shipdeck::Release", "Planned");
    case ReleaseStatus::Scheduled:
        return QCoreApplication::translate("Shipdeck::Release", "Scheduled");
    case ReleaseStatus::InProgress:
        return QCoreApplication::translate("Shipdeck::Release", "In progress");
    case ReleaseStatus::Released:
        return QCoreApplication::translate("Shipdeck::Release", "Released");
    case ReleaseStatus::RolledBack:
        return QCoreApplication::translate("Shipdeck::Release", "Rolled back");
    case ReleaseStatus::Cancelled:
        return QCoreApplication::translate("Shipdeck::Release", "Cancelled");
    }
    Q_UNREACHABLE_RETURN(QString());
}

QList<ReleaseStatus> allReleaseStatuses()
{
    QList<ReleaseStatus> result;
    for (const auto &[value, key] : statusKeys)
        result.append(value);
    return result;
}

bool Release::isValid() const
{
    if (version.trimmed().isEmpty())
        return false;
    if (plannedStart.isValid() && plannedEnd.isValid() && plannedEnd < plannedStart)
        return false;
    return true;
}

} // namespace Shipdeck
