#pragma once

#include "domain/deploymarker.h"
#include "domain/deployment.h"
#include "sentry/sentryparse.h"

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

#include <chrono>

namespace Shipdeck {

class EnvironmentMonitor;
class SentryClient;
class SentryJob;

/**
 * The deployments of one environment as chart markers, from both sources through the shared model layer: GitLab's
 * deployment history (EnvironmentMonitor, already polled for the Deployments pane) and Sentry's deploy records of the
 * watched releases (GET …/releases/{version}/deploys/, which keeps only the latest per environment).
 *
 * The same deployment seen by both becomes one marker labelled with the Sentry version. A deployment that puts back
 * what had been replaced is marked as a rollback: the same commit as an earlier deployment that is not the one just
 * before it (GitLab), or an older version than one deployed before it (Sentry only).
 *
 * Sentry is asked when the watched releases change, when GitLab's deployments of the environment change, and
 * otherwise every sentryInterval() (5 min by default), one request at a time. A failed read keeps the last good
 * markers; the chart is not the place to report a Sentry outage (the Error rates pane's status does that).
 */
class DeployMarkerFeed : public QObject
{
    Q_OBJECT
public:
    explicit DeployMarkerFeed(QObject *parent = nullptr);
    ~DeployMarkerFeed() override;

    /// The GitLab side; null for none. Not owned.
    void setEnvironmentMonitor(EnvironmentMonitor *monitor);
    /// The Sentry side; null for none. Not owned.
    void setSentry(SentryClient *client);
    /// The environment whose deployments are shown (the same name in GitLab and Sentry, e.g. "production").
    void setEnvironment(const QString &environment);
    /// The Sentry releases whose deploy records are read (e.g. the current and the previous one).
    void setReleases(const QStringList &releases);
    void setSentryInterval(std::chrono::milliseconds interval);

    /// The markers, oldest first.
    [[nodiscard]] const QList<DeployMarker> &markers() const { return m_markers; }
    /// Sentry requests sent so far.
    [[nodiscard]] int sentryRequests() const { return m_sentryRequests; }

    /// GitLab deployments (any order) of one environment as markers, oldest first; only successful ones count.
    [[nodiscard]] static QList<DeployMarker> fromGitLab(const QList<Deployment> &deployments);
    /// Sentry deploys of @p version (a release name such as "storefront@1.7.0") in @p environment as markers.
    [[nodiscard]] static QList<DeployMarker> fromSentry(const QString &version, const QList<SentryDeploy> &deploys,
                                                        const QString &environment);
    /// One list, oldest first: a Sentry marker within @p tolerance of a GitLab one joins it (Origin::Both, labelled
    /// with the version); rollbacks are marked across the whole list.
    [[nodiscard]] static QList<DeployMarker> merge(const QList<DeployMarker> &gitLab, const QList<DeployMarker> &sentry,
                                                   std::chrono::milliseconds tolerance = std::chrono::minutes(10));
    /// "storefront@1.7.0" → "1.7.0", "v1.7.0" → "1.7.0"; anything else as it is.
    [[nodiscard]] static QString versionLabel(const QString &name);

Q_SIGNALS:
    /// markers() differ from before.
    void markersChanged();

public:
    /// Reads Sentry's deploy records now (unless a read is under way).
    void refreshSentry();

private:
    void rebuild();
    void readNextRelease();

    QPointer<EnvironmentMonitor> m_environments;
    QPointer<SentryClient> m_sentry;
    QString m_environment;
    QStringList m_releases;
    QHash<QString, QList<SentryDeploy>> m_sentryDeploys; ///< by release
    QStringList m_toRead;
    QPointer<SentryJob> m_job;
    QTimer m_timer;
    QList<DeployMarker> m_markers;
    int m_sentryRequests = 0;
};

} // namespace Shipdeck
