#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

namespace Shipdeck {

/// Where a release is in its life. The order is the natural life cycle.
enum class ReleaseStatus {
    Planned,
    Scheduled,
    InProgress,
    Released,
    RolledBack,
    Cancelled,
};

/// Stable, untranslated key used in storage, the CLI and JSON ("planned", "in_progress", …).
[[nodiscard]] QString releaseStatusKey(ReleaseStatus status);
[[nodiscard]] std::optional<ReleaseStatus> releaseStatusFromKey(QStringView key);
/// Translated name for display.
[[nodiscard]] QString releaseStatusDisplayName(ReleaseStatus status);
[[nodiscard]] QList<ReleaseStatus> allReleaseStatuses();

/// A planned or past release of the product. Plain value type; owned by ReleaseManager.
struct Release
{
    QString id; ///< stable identifier (UUID), never shown
    QString version; ///< e.g. "2.4.0"
    QString title;
    QDateTime plannedStart; ///< carries its time zone (QTimeZone), e.g. Europe/Berlin
    QDateTime plannedEnd;
    QStringList environments; ///< target environment names, in rollout order
    ReleaseStatus status = ReleaseStatus::Planned;
    QString owner;
    QString milestone; ///< GitLab milestone title
    QString tag; ///< GitLab tag, e.g. "v2.4.0"
    QString notesDocument; ///< id of its release-notes document

    /// A release needs a version, and a planned window that does not end before it starts.
    [[nodiscard]] bool isValid() const;
    [[nodiscard]] bool operator==(const Release &other) const = default;
};

} // namespace Shipdeck
