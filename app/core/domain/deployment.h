#pragma once

#include <QDateTime>
#include <QString>

namespace Shipdeck {

/// A GitLab deployment of a ref to an environment.
struct Deployment
{
    qint64 id = 0;
    qint64 iid = 0;
    QString environment;
    QString status; ///< created, running, success, failed, canceled, blocked
    QString ref;
    QString sha;
    QString commitTitle;
    QString user;
    QDateTime createdAt;
    QDateTime finishedAt; ///< from deployable.finished_at
    qint64 deployableJobId = 0; ///< the job a rollback retries
    QString deployableStatus;

    [[nodiscard]] bool operator==(const Deployment &other) const = default;
};

} // namespace Shipdeck
