#pragma once

#include <QString>

namespace Shipdeck {

/// A deployment target, as GitLab knows it (production, staging, review/…).
struct Environment
{
    QString name;
    QString tier; ///< GitLab tier: production, staging, testing, development, other
    QString state; ///< available, stopping, stopped
    QString externalUrl;
    qint64 gitlabId = 0;

    [[nodiscard]] bool operator==(const Environment &other) const = default;
};

} // namespace Shipdeck
