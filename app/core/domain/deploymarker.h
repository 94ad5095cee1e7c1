#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

namespace Shipdeck {

/**
 * A deployment drawn on a time chart: when a version reached an environment, from GitLab's deployments, Sentry's
 * deploy records, or both (the same deployment seen by both is one marker).
 */
struct DeployMarker
{
    enum class Origin : quint8 {
        GitLab = 0x1,
        Sentry = 0x2,
        Both = GitLab | Sentry,
    };

    qint64 time = 0; ///< when the deployment finished (or started, when it has not finished), ms since the epoch
    QString version; ///< the label: a release version ("1.7.0") or, failing that, a ref or short SHA
    QString environment;
    QString user; ///< who deployed, when known (plain text from the API)
    QString sha; ///< the deployed commit, when GitLab knows it
    bool rollback = false; ///< the deployment put back a version that had been replaced
    Origin origin = Origin::GitLab;

    [[nodiscard]] bool operator==(const DeployMarker &other) const = default;
};

} // namespace Shipdeck

Q_DECLARE_METATYPE(Shipdeck::DeployMarker)
