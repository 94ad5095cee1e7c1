#include "pipelinemonitor.h"

#include "gitlabclient.h"
#include "gitlabparse.h"
#include "services/connectionstatus.h"

#include <QSet>

#include <algorithm>

using namespace std::chrono_literals;

namespace Shipdeck {

namespace {

constexpr int PerPage = 100;

/// The monitor does its own backoff: jobs are tried once, so a failing server sees one request per cycle.
RetryPolicy singleAttempt()
{
    RetryPolicy policy;
    policy.maxAttempts = 1;
    return policy;
}

} // namespace

PipelineMonitor::PipelineMonitor(GitLabClient *client, ConnectionStatus *status, QObject *parent)
    : QObject(parent), m_client(client), m_status(status)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &PipelineMonitor::poll);
}

PipelineMonitor::~PipelineMonitor()
{
    stop();
}

void PipelineMonitor::setRef(const QString &ref)
{
    if (ref == m_ref)
        return;
    m_ref = ref;
    if (m_listJob) {
        disconnect(m_listJob, nullptr, this, nullptr);
        m_listJob->cancel();
        m_listJob->deleteLater();
    }
    if (m_pageJob) {
        disconnect(m_pageJob, nullptr, this, nullptr);
        m_pageJob->cancel();
        m_pageJob->deleteLater();
    }
    while (!m_ids.isEmpty())
        removeAt(int(m_ids.size()) - 1);
    m_newestUpdate = {};
    m_etag.clear();
    m_needFullSync = true;
    if (m_running)
        arm(0ms);
}

void PipelineMonitor::setBackoff(std::chrono::milliseconds base, std::chrono::milliseconds max)
{
    m_baseBackoff = std::max(base, 1ms);
    m_maxBackoff = std::max(max, m_baseBackoff);
}

void PipelineMonitor::start()
{
    if (m_running)
        return;
    m_running = true;
    if (m_status && m_status->state() != ConnectionStatus::State::Live
        && m_status->state() != ConnectionStatus::State::Stale)
        m_status->setConnecting();
    arm(0ms);
}

void PipelineMonitor::stop()
{
    m_running = false;
    m_timer.stop();
    m_due = false;
    if (m_listJob) {
        disconnect(m_listJob, nullptr, this, nullptr);
        m_listJob->cancel();
        m_listJob->deleteLater();
    }
    if (m_pageJob) {
        disconnect(m_pageJob, nullptr, this, nullptr);
        m_pageJob->cancel();
        m_pageJob->deleteLater();
    }
}

void PipelineMonitor::setPaused(bool paused)
{
    if (m_paused == paused)
        return;
    m_paused = paused;
    if (!paused && m_running && m_due && !isBusy()) {
        m_due = false;
        arm(0ms);
    }
}

void PipelineMonitor::refresh()
{
    if (!m_running || isBusy())
        return;
    arm(0ms);
}

int PipelineMonitor::indexOf(qint64 id) const
{
    const auto it = std::lower_bound(m_ids.cbegin(), m_ids.cend(), id, std::greater<>());
    return it != m_ids.cend() && *it == id ? int(it - m_ids.cbegin()) : -1;
}

const Pipeline *PipelineMonitor::pipeline(qint64 id) const
{
    const auto it = m_pipelines.constFind(id);
    return it == m_pipelines.cend() ? nullptr : &it.value();
}

bool PipelineMonitor::hasActivePipelines() const
{
    return std::any_of(m_pipelines.cbegin(), m_pipelines.cend(), [](const Pipeline &p) { return isActive(p.status); });
}

void PipelineMonitor::arm(std::chrono::milliseconds delay)
{
    m_nextDelay = delay;
    m_timer.start(delay);
}

void PipelineMonitor::poll()
{
    if (!m_running || isBusy() || !m_client)
        return;
    if (m_paused) {
        m_due = true;
        return;
    }
    PipelineQuery query;
    query.ref = m_ref;
    if (m_needFullSync || !m_newestUpdate.isValid()) {
        query.orderBy = QStringLiteral("id");
        query.maxPages = m_pageCap;
        m_listJob = m_client->pipelines(query);
        m_listJob->setRetryPolicy(singleAttempt());
        connect(m_listJob, &PagedApiJob::pageReceived, this, [this] { ++m_requestCount; });
        connect(m_listJob, &PagedApiJob::finished, this, &PipelineMonitor::onListFinished);
        m_listJob->start();
    } else {
        query.orderBy = QStringLiteral("updated_at");
        query.updatedAfter = m_newestUpdate;
        query.ifNoneMatch = m_etag;
        m_pageJob = m_client->pipelinesPage(query);
        m_pageJob->setRetryPolicy(singleAttempt());
        connect(m_pageJob, &ApiJob::finished, this, &PipelineMonitor::onPageFinished);
        m_pageJob->start();
    }
}

void PipelineMonitor::onListFinished(PagedApiJob *job)
{
    if (job != m_listJob) // stale: a newer request replaced it
        return;
    m_listJob = nullptr;
    job->deleteLater();
    if (job->hasError()) {
        ++m_requestCount; // the failed page
        if (job->error().kind == ApiError::Kind::Cancelled)
            return;
        // The paged job does not expose the server's wish; rate limits come with the incremental page.
        failed(job->error(), 0ms);
        return;
    }
    m_needFullSync = false;
    m_cyclesSinceResync = 0;
    m_etag.clear();
    merge(GitLab::parsePipelines(job->items()), true);
    succeeded();
}

void PipelineMonitor::onPageFinished(ApiJob *job)
{
    if (job != m_pageJob)
        return;
    m_pageJob = nullptr;
    job->deleteLater();
    m_requestCount += std::max(1, job->attempts());
    if (job->hasError()) {
        if (job->error().kind == ApiError::Kind::Cancelled)
            return;
        failed(job->error(), job->serverRequestedDelay());
        return;
    }
    if (job->httpStatus() != 304) {
        if (!job->json().isArray()) {
            ApiError error;
            error.kind = ApiError::Kind::MalformedJson;
            error.httpStatus = job->httpStatus();
            error.message = tr("GitLab answered the pipeline list with something that is not a list.");
            failed(error, 0ms);
            return;
        }
        const QJsonArray items = job->json().array();
        m_etag = job->rawHeader("ETag");
        merge(GitLab::parsePipelines(items), false);
        if (items.size() >= PerPage)
            m_needFullSync = true; // more changed than one page holds
    }
    if (m_resyncEvery > 0 && ++m_cyclesSinceResync >= m_resyncEvery)
        m_needFullSync = true;
    succeeded();
}

void PipelineMonitor::succeeded()
{
    m_failures = 0;
    m_lastError = {};
    if (m_status)
        m_status->setLive();
    Q_EMIT cycleFinished(true);
    if (m_running)
        arm(hasActivePipelines() ? m_activeInterval : m_idleInterval);
}

void PipelineMonitor::failed(const ApiError &error, std::chrono::milliseconds serverDelay)
{
    ++m_failures;
    m_lastError = error;
    if (m_status)
        m_status->setFailed(error.message);
    // Exponential backoff: base * 2^(n-1), capped; never shorter than what the server asked for.
    std::chrono::milliseconds delay = m_baseBackoff * (qint64(1) << std::min(m_failures - 1, 16));
    delay = std::min(delay, m_maxBackoff);
    delay = std::max({delay, serverDelay, m_activeInterval});
    Q_EMIT cycleFinished(false);
    if (m_running)
        arm(delay);
}

void PipelineMonitor::removeAt(int index)
{
    const qint64 id = m_ids.at(index);
    Q_EMIT pipelineRemoved(id);
    m_ids.removeAt(index);
    m_pipelines.remove(id);
}

void PipelineMonitor::merge(const QList<Pipeline> &pipelines, bool authoritative)
{
    if (authoritative) {
        QSet<qint64> present;
        present.reserve(pipelines.size());
        for (const Pipeline &p : pipelines)
            present.insert(p.id);
        for (int i = int(m_ids.size()) - 1; i >= 0; --i) {
            if (!present.contains(m_ids.at(i)))
                removeAt(i);
        }
    }
    for (const Pipeline &p : pipelines) {
        if (p.updatedAt.isValid() && (!m_newestUpdate.isValid() || p.updatedAt > m_newestUpdate))
            m_newestUpdate = p.updatedAt;
        auto it = m_pipelines.find(p.id);
        if (it == m_pipelines.end()) {
            const auto pos = std::lower_bound(m_ids.begin(), m_ids.end(), p.id, std::greater<>());
            m_ids.insert(pos, p.id);
            m_pipelines.insert(p.id, p);
            Q_EMIT pipelineAdded(p.id);
            continue;
        }
        // The list has fewer fields than the detail: keep what we know (user, title, duration) when absent.
        Pipeline merged = p;
        if (merged.user.isEmpty())
            merged.user = it->user;
        if (merged.commitTitle.isEmpty())
            merged.commitTitle = it->commitTitle;
        if (!merged.startedAt.isValid())
            merged.startedAt = it->startedAt;
        if (!merged.finishedAt.isValid() && !isActive(merged.status))
            merged.finishedAt = it->finishedAt;
        if (merged.duration == 0)
            merged.duration = it->duration;
        if (merged == *it)
            continue;
        *it = std::move(merged);
        Q_EMIT pipelineChanged(p.id);
    }
}

} // namespace Shipdeck
