#include "releaseroles.h"

#include <QLocale>
#include <QTimeZone>

namespace Shipdeck {

QString formatPlannedTime(const QDateTime &dateTime)
{
    if (!dateTime.isValid())
        return {};
    return QLocale().toString(dateTime, QLocale::ShortFormat) + u' ' + dateTime.timeZoneAbbreviation();
}

QVariant releaseRoleData(const Release &release, int role)
{
    switch (role) {
    case ReleaseIdRole:
        return release.id;
    case ReleaseVersionRole:
        return release.version;
    case ReleaseStatusRole:
        return int(release.status);
    case ReleaseStartRole:
        return release.plannedStart;
    case ReleaseEndRole:
        return release.plannedEnd;
    case ReleaseEnvironmentsRole:
        return release.environments;
    default:
        return {};
    }
}

} // namespace Shipdeck
