#pragma once

#include <QDateTime>
#include <QString>

namespace Shipdeck {

/// One line of the audit trail: who did what, when, why, and how it ended. Append-only.
struct AuditEvent
{
    qint64 id = 0; ///< assigned by storage
    QDateTime when;
    QString who;
    QString what; ///< action key, e.g. "release.reschedule", "rollback.start"
    QString subject; ///< what it acted on, e.g. a release version or deployment id
    QString why;
    QString outcome; ///< e.g. "ok", "failed: 403 Job is not retryable"

    [[nodiscard]] bool operator==(const AuditEvent &other) const = default;
};

} // namespace Shipdeck
