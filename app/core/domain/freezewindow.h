#pragma once

#include <QDateTime>
#include <QString>

namespace Shipdeck {

/// A period in which nothing may be deployed (a GitLab deploy freeze, or one planned locally).
struct FreezeWindow
{
    QString id;
    QDateTime start; ///< carries its time zone
    QDateTime end;
    QString reason;
    QString source = QStringLiteral("local"); ///< "local" or "gitlab"

    [[nodiscard]] bool contains(const QDateTime &moment) const { return moment >= start && moment < end; }
    [[nodiscard]] bool operator==(const FreezeWindow &other) const = default;
};

} // namespace Shipdeck
