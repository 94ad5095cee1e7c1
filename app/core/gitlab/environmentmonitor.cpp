#include "environmentmonitor.h"

#include "gitlabclient.h"
#include "gitlabparse.h"
#include "net/apijob.h"

#include <algorithm>
#include <utility>

using namespace std::chrono_literals;
using namespace Qt::Literals::StringLiterals;

namespace Shipdeck {

namespace {

/// The monitor does its own backoff: jobs are tried once.
RetryPolicy singleAttempt()
{
    RetryPolicy policy;
    policy.maxAttempts = 1;
    return policy;
}

} // namespace

EnvironmentMonitor::EnvironmentMonitor(GitLabClient *client, QObject *parent) : QObject(parent), m_client(client)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &EnvironmentMonitor::poll);
}

EnvironmentMonitor::~EnvironmentMonitor()
{
    stop();
}

void EnvironmentMonitor::setBackoff(std::chrono::milliseconds base, std::chrono::milliseconds max)
{
    m_baseBackoff = std::max(base, 1ms);
    m_maxBackoff = std::max(max, m_baseBackoff);
}

void EnvironmentMonitor::start()
{
    if (m_running)
        return;
    m_running = true;
    arm(0ms);
}

void EnvironmentMonitor::stop()
{
    m_running = false;
    m_timer.stop();
    m_due = false;
    abortJob();
}

void EnvironmentMonitor::refresh()
{
    if (!m_running || isBusy())
        return;
    arm(0ms);
}

void EnvironmentMonitor::abortJob()
{
    if (m_job) {
        disconnect(m_job, nullptr, this, nullptr);
        m_job->cancel();
        m_job->deleteLater();
        m_job = nullptr;
    }
}

const Environment *EnvironmentMonitor::environment(const QString &name) const
{
    const auto it = std::find_if(m_environments.cbegin(), m_environments.cend(),
                                 [&name](const Environment &e) { return e.name == name; });
    return it == m_environments.cend() ? nullptr : &*it;
}

QList<Deployment> EnvironmentMonitor::deployments(const QString &environment) const
{
    return m_deployments.value(environment);
}

std::optional<Deployment> EnvironmentMonitor::currentDeployment(const QString &environment) const
{
    const auto it = m_deployments.constFind(environment);
    if (it == m_deployments.cend())
        return std::nullopt;
    for (const Deployment &d : it.value()) {
        if (d.status == "success"_L1)
            return d;
    }
    return std::nullopt;
}

void EnvironmentMonitor::arm(std::chrono::milliseconds delay)
{
    m_nextDelay = delay;
    m_timer.start(delay);
}

void EnvironmentMonitor::setPaused(bool paused)
{
    if (m_paused == paused)
        return;
    m_paused = paused;
    if (!paused && m_running && m_due && !isBusy()) {
        m_due = false;
        arm(std::chrono::milliseconds(0));
    }
}

void EnvironmentMonitor::poll()
{
    if (!m_running || isBusy() || !m_client)
        return;
    if (m_paused) {
        m_due = true;
        return;
    }
    m_pendingEnvironments.clear();
    m_pendingDeployments.clear();
    m_pendingIndex = 0;
    m_job = m_client->environments();
    m_job->setRetryPolicy(singleAttempt());
    connect(m_job, &PagedApiJob::finished, this, &EnvironmentMonitor::onEnvironmentsFinished);
    m_job->start();
}

void EnvironmentMonitor::onEnvironmentsFinished(PagedApiJob *job)
{
    if (job != m_job)
        return;
    m_job = nullptr;
    job->deleteLater();
    if (job->hasError()) {
        if (job->error().kind != ApiError::Kind::Cancelled)
            failed(job->error(), job->serverRequestedDelay());
        return;
    }
    m_pendingEnvironments = GitLab::parseEnvironments(job->items());
    fetchNextDeployments();
}

void EnvironmentMonitor::fetchNextDeployments()
{
    if (!m_client) {
        return;
    }
    if (m_pendingIndex >= m_pendingEnvironments.size()) {
        commit();
        return;
    }
    DeploymentQuery query;
    query.environment = m_pendingEnvironments.at(m_pendingIndex).name;
    query.orderBy = u"id"_s;
    query.perPage = m_perEnvironment;
    query.maxPages = 1;
    m_job = m_client->deployments(query);
    m_job->setRetryPolicy(singleAttempt());
    connect(m_job, &PagedApiJob::finished, this, &EnvironmentMonitor::onDeploymentsFinished);
    m_job->start();
}

void EnvironmentMonitor::onDeploymentsFinished(PagedApiJob *job)
{
    if (job != m_job)
        return;
    m_job = nullptr;
    job->deleteLater();
    if (job->hasError()) {
        if (job->error().kind != ApiError::Kind::Cancelled)
            failed(job->error(), job->serverRequestedDelay());
        return;
    }
    const QString name = m_pendingEnvironments.at(m_pendingIndex).name;
    QList<Deployment> list = GitLab::parseDeployments(job->items(), name);
    // Deployments of other environments never belong here, whatever the server sent.
    list.removeIf([&name](const Deployment &d) { return d.environment != name; });
    std::stable_sort(list.begin(), list.end(), [](const Deployment &a, const Deployment &b) { return a.id > b.id; });
    if (list.size() > m_perEnvironment)
        list.resize(m_perEnvironment);
    m_pendingDeployments.insert(name, list);
    ++m_pendingIndex;
    fetchNextDeployments();
}

void EnvironmentMonitor::commit()
{
    const bool environmentsDiffer = m_pendingEnvironments != m_environments || !m_hasData;
    QStringList changed;
    for (const Environment &e : std::as_const(m_environments)) {
        if (m_deployments.value(e.name) != m_pendingDeployments.value(e.name))
            changed.append(e.name);
    }
    for (const Environment &e : std::as_const(m_pendingEnvironments)) {
        if (!changed.contains(e.name) && m_deployments.value(e.name) != m_pendingDeployments.value(e.name))
            changed.append(e.name);
    }
    m_environments = std::exchange(m_pendingEnvironments, {});
    m_deployments = std::exchange(m_pendingDeployments, {});
    m_hasData = true;
    m_failures = 0;
    m_lastError = {};
    if (environmentsDiffer)
        Q_EMIT environmentsChanged();
    for (const QString &name : std::as_const(changed))
        Q_EMIT deploymentsChanged(name);
    Q_EMIT cycleFinished(true);
    if (m_running && !isBusy())
        arm(m_interval);
}

void EnvironmentMonitor::failed(const ApiError &error, std::chrono::milliseconds serverDelay)
{
    ++m_failures;
    m_lastError = error;
    m_pendingEnvironments.clear();
    m_pendingDeployments.clear();
    std::chrono::milliseconds delay = m_baseBackoff * (qint64(1) << std::min(m_failures - 1, 16));
    // Never sooner than the server asked (Retry-After, rate-limit reset), whatever the cap.
    delay = std::max({std::min(delay, m_maxBackoff), m_interval, serverDelay});
    Q_EMIT cycleFinished(false);
    if (m_running && !isBusy())
        arm(delay);
}

} // namespace Shipdeck
