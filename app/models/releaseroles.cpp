#include "releaseroles.h"

#include <QLocale>
#include <QTimeZone>

namespace Shipdeck {

QString formatPlannedTime(const QDateTime &dateTime)
{
    if (!dateTime.isValid())
        return {};
    const QLocale locale;
    // The C locale's short formats carry seconds; planned times are to the minute.
    const QString text = locale.language() == QLocale::C ? dateTime.toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                                                         : locale.toString(dateTime.date(), QLocale::ShortFormat) + u' '
                                                               + locale.toString(dateTime.time(), QLocale::ShortFormat);
    return text + u' ' + dateTime.timeZoneAbbreviation();
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
