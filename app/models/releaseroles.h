#pragma once

#include "domain/release.h"

#include <QVariant>

namespace Shipdeck {

/// Item roles shared by every model that shows releases.
enum ReleaseRole {
    ReleaseIdRole = Qt::UserRole + 1, ///< QString
    ReleaseVersionRole, ///< QString
    ReleaseStatusRole, ///< int (ReleaseStatus)
    ReleaseStartRole, ///< QDateTime
    ReleaseEndRole, ///< QDateTime
    ReleaseEnvironmentsRole, ///< QStringList
};

/// A planned time for display: short locale format in the release's own time zone, with the zone's abbreviation.
[[nodiscard]] QString formatPlannedTime(const QDateTime &dateTime);

/// The role data common to all release models (everything except Qt::DisplayRole and Qt::EditRole).
[[nodiscard]] QVariant releaseRoleData(const Release &release, int role);

} // namespace Shipdeck
