#include "deploymarkerfeed.h"

#include "gitlab/environmentmonitor.h"
#include "sentry/sentryclient.h"

#include <QHash>
#include <QVersionNumber>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Shipdeck {

namespace {

QVersionNumber versionNumber(const QString &label)
{
    // "1.7.0", "1.7.0-rc.1", "1.7.0+build" are versions; a short SHA such as "0cd7bf80" is not.
    qsizetype suffix = 0;
    const QVersionNumber number = QVersionNumber::fromString(label, &suffix);
    const bool whole = suffix == label.size() || (suffix > 0 && (label.at(suffix) == u'-' || label.at(suffix) == u'+'));
    return whole && number.segmentCount() >= 2 ? number : QVersionNumber();
}

} // namespace

DeployMarkerFeed::DeployMarkerFeed(QObject *parent) : QObject(parent)
{
    m_timer.setInterval(std::chrono::minutes(5));
    connect(&m_timer, &QTimer::timeout, this, &DeployMarkerFeed::refreshSentry);
}

DeployMarkerFeed::~DeployMarkerFeed()
{
    if (m_job)
        m_job->cancel();
}

void DeployMarkerFeed::setEnvironmentMonitor(EnvironmentMonitor *monitor)
{
    if (m_environments)
        disconnect(m_environments, nullptr, this, nullptr);
    m_environments = monitor;
    if (monitor) {
        connect(monitor, &EnvironmentMonitor::deploymentsChanged, this, [this](const QString &environment) {
            if (environment != m_environment)
                return;
            rebuild();
            refreshSentry(); // a new deployment: Sentry may have recorded it too
        });
    }
    rebuild();
}

void DeployMarkerFeed::setSentry(SentryClient *client)
{
    if (m_job)
        m_job->cancel();
    m_sentry = client;
    m_sentryDeploys.clear();
    if (client)
        m_timer.start();
    else
        m_timer.stop();
    rebuild();
    refreshSentry();
}

void DeployMarkerFeed::setEnvironment(const QString &environment)
{
    if (environment == m_environment)
        return;
    m_environment = environment;
    rebuild();
}

void DeployMarkerFeed::setReleases(const QStringList &releases)
{
    QStringList wanted = releases;
    wanted.removeAll(QString());
    wanted.removeDuplicates();
    if (wanted == m_releases)
        return;
    m_releases = wanted;
    // Keep what is known of releases still watched.
    for (auto it = m_sentryDeploys.begin(); it != m_sentryDeploys.end();) {
        if (m_releases.contains(it.key()))
            ++it;
        else
            it = m_sentryDeploys.erase(it);
    }
    rebuild();
    refreshSentry();
}

void DeployMarkerFeed::setSentryInterval(std::chrono::milliseconds interval)
{
    m_timer.setInterval(std::max(interval, std::chrono::milliseconds(1)));
}

void DeployMarkerFeed::refreshSentry()
{
    if (!m_sentry || m_job || m_releases.isEmpty())
        return;
    m_toRead = m_releases;
    readNextRelease();
}

void DeployMarkerFeed::readNextRelease()
{
    if (!m_sentry || m_toRead.isEmpty()) {
        rebuild();
        return;
    }
    const QString release = m_toRead.takeFirst();
    SentryDeploysJob *job = m_sentry->deploys(release);
    ++m_sentryRequests;
    m_job = job;
    connect(job, &SentryJob::finished, this, [this, job, release](SentryJob *) {
        m_job = nullptr;
        if (job->error().kind == ApiError::Kind::Cancelled)
            return;
        if (!job->hasError() && m_releases.contains(release))
            m_sentryDeploys.insert(release, job->deploys());
        else if (job->error().httpStatus == 404)
            m_sentryDeploys.remove(release); // no such release (yet): nothing deployed
        readNextRelease();
    });
}

void DeployMarkerFeed::rebuild()
{
    QList<DeployMarker> gitLab;
    if (m_environments && !m_environment.isEmpty())
        gitLab = fromGitLab(m_environments->deployments(m_environment));
    QList<DeployMarker> sentry;
    for (auto it = m_sentryDeploys.cbegin(); it != m_sentryDeploys.cend(); ++it)
        sentry += fromSentry(it.key(), it.value(), m_environment);
    QList<DeployMarker> markers = merge(gitLab, sentry);
    if (markers == m_markers)
        return;
    m_markers = std::move(markers);
    Q_EMIT markersChanged();
}

QString DeployMarkerFeed::versionLabel(const QString &name)
{
    QString label = name;
    const qsizetype at = label.lastIndexOf(u'@');
    if (at >= 0 && at + 1 < label.size())
        label = label.mid(at + 1);
    if (label.size() > 1 && (label.front() == u'v' || label.front() == u'V') && label.at(1).isDigit())
        label.remove(0, 1);
    return label;
}

QList<DeployMarker> DeployMarkerFeed::fromGitLab(const QList<Deployment> &deployments)
{
    QList<Deployment> done;
    for (const Deployment &d : deployments) {
        if (d.status == "success"_L1 && (d.finishedAt.isValid() || d.createdAt.isValid()))
            done.append(d);
    }
    std::sort(done.begin(), done.end(), [](const Deployment &a, const Deployment &b) { return a.id < b.id; });
    QList<DeployMarker> markers;
    QStringList seen; // SHAs deployed so far, oldest first
    for (const Deployment &d : std::as_const(done)) {
        DeployMarker marker;
        marker.time = (d.finishedAt.isValid() ? d.finishedAt : d.createdAt).toMSecsSinceEpoch();
        // A tag names the version; a branch does not, so the commit does.
        const QString label = versionLabel(d.ref);
        marker.version = !label.isEmpty() && label.front().isDigit() ? label : d.sha.left(8);
        marker.environment = d.environment;
        marker.user = d.user;
        marker.sha = d.sha;
        marker.origin = DeployMarker::Origin::GitLab;
        marker.rollback = !seen.isEmpty() && seen.last() != d.sha && seen.contains(d.sha);
        seen.append(d.sha);
        markers.append(marker);
    }
    return markers;
}

QList<DeployMarker> DeployMarkerFeed::fromSentry(const QString &version, const QList<SentryDeploy> &deploys,
                                                 const QString &environment)
{
    QList<DeployMarker> markers;
    for (const SentryDeploy &deploy : deploys) {
        if (!environment.isEmpty() && deploy.environment != environment)
            continue;
        DeployMarker marker;
        marker.time = deploy.dateFinished.toMSecsSinceEpoch();
        marker.version = versionLabel(version);
        marker.environment = deploy.environment;
        marker.origin = DeployMarker::Origin::Sentry;
        markers.append(marker);
    }
    return markers;
}

QList<DeployMarker> DeployMarkerFeed::merge(const QList<DeployMarker> &gitLab, const QList<DeployMarker> &sentry,
                                            std::chrono::milliseconds tolerance)
{
    QList<DeployMarker> result = gitLab;
    QList<bool> joined(result.size(), false);
    for (const DeployMarker &s : sentry) {
        // The nearest GitLab marker of the environment not yet joined, within the tolerance.
        qsizetype best = -1;
        qint64 bestDistance = tolerance.count() + 1;
        for (qsizetype i = 0; i < result.size(); ++i) {
            const qint64 distance = std::abs(result.at(i).time - s.time);
            if (!joined.at(i) && result.at(i).origin == DeployMarker::Origin::GitLab
                && result.at(i).environment == s.environment && distance < bestDistance) {
                best = i;
                bestDistance = distance;
            }
        }
        if (best >= 0) {
            DeployMarker &g = result[best];
            g.version = s.version;
            g.origin = DeployMarker::Origin::Both;
            joined[best] = true;
        } else {
            result.append(s);
            joined.append(true);
        }
    }
    std::stable_sort(result.begin(), result.end(),
                     [](const DeployMarker &a, const DeployMarker &b) { return a.time < b.time; });
    // A commit Sentry named once has that version wherever GitLab deployed it (the first deploy of a release that is
    // rolled back to later, say).
    QHash<QString, QString> versionOfSha;
    for (const DeployMarker &marker : std::as_const(result)) {
        if (marker.origin == DeployMarker::Origin::Both && !marker.sha.isEmpty())
            versionOfSha.insert(marker.sha, marker.version);
    }
    for (DeployMarker &marker : result) {
        if (marker.origin == DeployMarker::Origin::GitLab && versionOfSha.contains(marker.sha))
            marker.version = versionOfSha.value(marker.sha);
    }
    // Sentry-only markers: an older version than one deployed before is a rollback. (GitLab's come marked.)
    QVersionNumber highest;
    for (DeployMarker &marker : result) {
        const QVersionNumber number = versionNumber(marker.version);
        if (marker.origin == DeployMarker::Origin::Sentry && !number.isNull() && !highest.isNull() && number < highest)
            marker.rollback = true;
        if (!number.isNull() && number > highest)
            highest = number;
    }
    return result;
}

} // namespace Shipdeck
