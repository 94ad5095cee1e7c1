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
    abortRequests();
    while (!m_ids.isEmpty())
        removeAt(int(m_ids.size()) - 1);
    m_newestUpdate = {};
    m_etag.clear();
    m_needFullSync = true;
    if (m_running)
        arm(0ms);
}

void PipelineMonitor::abortRequests()
{
    auto abort = [this](auto &job) {
        if (!job)
            return;
        disconnect(job, nullptr, this, nullptr);
        job->cancel();
        job->deleteLater();
        job = nullptr;
    };
    abort(m_listJob);
    abort(m_pageJob);
    abort(m_detailJob);
    m_pending.clear();
    m_pendingValid = false;
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
    abortRequests();
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
        failed(job->error(), job->serverRequestedDelay());
        return;
    }
    m_needFullSync = false;
    m_cyclesSinceResync = 0;
    m_etag.clear();
    received(GitLab::parsePipelines(job->items()), true);
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
        if (items.size() >= PerPage)
            m_needFullSync = true; // more changed than one page holds
        if (m_resyncEvery > 0 && ++m_cyclesSinceResync >= m_resyncEvery)
            m_needFullSync = true;
        received(GitLab::parsePipelines(items), false);
        return;
    }
    if (m_resyncEvery > 0 && ++m_cyclesSinceResync >= m_resyncEvery)
        m_needFullSync = true;
    received({}, false);
}

void PipelineMonitor::received(QList<Pipeline> pipelines, bool authoritative)
{
    m_pending = std::move(pipelines);
    m_pendingAuthoritative = authoritative;
    m_pendingValid = true;
    m_detailRequests = 0;
    m_detailTried.clear();
    m_titleTried.clear();
    fetchNextDetail();
}

void PipelineMonitor::fetchNextDetail()
{
    // The ids that will be the newest detailLimit() after the merge.
    // (An authoritative list replaces everything: only its pipelines will remain.)
    QList<qint64> ids = m_pendingAuthoritative ? QList<qint64>() : m_ids;
    for (const Pipeline &p : std::as_const(m_pending)) {
        if (m_pendingAuthoritative || indexOf(p.id) < 0)
            ids.append(p.id);
    }
    const qsizetype keep = std::min<qsizetype>(m_detailLimit, ids.size());
    std::partial_sort(ids.begin(), ids.begin() + keep, ids.end(), std::greater<>());
    ids.resize(keep);

    auto current = [this](qint64 id) -> const Pipeline * {
        for (const Pipeline &p : std::as_const(m_pending)) {
            if (p.id == id)
                return &p;
        }
        return pipeline(id);
    };
    if (m_client && m_detailRequests < m_detailBudget) {
        for (const qint64 id : std::as_const(ids)) {
            const Pipeline *p = current(id);
            if (!p)
                continue;
            const auto known = m_detailed.constFind(id);
            const bool needDetail = !m_detailTried.contains(id)
                && (known == m_detailed.cend() || (known.value() && !isActive(p->status)));
            const bool needTitle
                = !p->sha.isEmpty() && !m_commitTitles.contains(p->sha) && !m_titleTried.contains(p->sha);
            if (!needDetail && !needTitle)
                continue;
            ++m_detailRequests;
            ++m_requestCount;
            if (needDetail) {
                m_detailJob = m_client->pipeline(id);
                m_detailJob->setProperty("pipelineId", id);
            } else {
                m_titleTried.insert(p->sha);
                m_detailJob = m_client->commit(p->sha);
                m_detailJob->setProperty("sha", p->sha);
            }
            m_detailJob->setRetryPolicy(singleAttempt());
            connect(m_detailJob, &ApiJob::finished, this, &PipelineMonitor::onDetailFinished);
            m_detailJob->start();
            return;
        }
    }

    // Everything known is in: merge what the list said, completed with the details and titles.
    QList<Pipeline> pipelines = std::exchange(m_pending, {});
    m_pendingValid = false;
    for (Pipeline &p : pipelines) {
        if (const auto title = m_commitTitles.constFind(p.sha); title != m_commitTitles.cend() && !title->isEmpty())
            p.commitTitle = *title;
    }
    // Pipelines the list did not mention may have gained a title.
    for (const qint64 id : std::as_const(ids)) {
        const Pipeline *p = pipeline(id);
        if (!p || std::any_of(pipelines.cbegin(), pipelines.cend(), [id](const Pipeline &q) { return q.id == id; }))
            continue;
        const QString title = m_commitTitles.value(p->sha);
        if (!title.isEmpty() && title != p->commitTitle) {
            Pipeline updated = *p;
            updated.commitTitle = title;
            pipelines.append(updated);
        }
    }
    merge(pipelines, m_pendingAuthoritative);
    succeeded();
}

void PipelineMonitor::onDetailFinished(ApiJob *job)
{
    if (job != m_detailJob)
        return;
    m_detailJob = nullptr;
    job->deleteLater();
    if (job->hasError() && job->error().kind == ApiError::Kind::Cancelled)
        return;
    const QString sha = job->property("sha").toString();
    const qint64 id = job->property("pipelineId").toLongLong();
    if (!sha.isEmpty()) {
        // A commit that cannot be read (deleted, no access) keeps an empty title; it is not asked for again.
        if (!job->hasError() || job->error().httpStatus == 404)
            m_commitTitles.insert(sha, job->json().object().value(QLatin1StringView("title")).toString());
    } else if (id > 0) {
        m_detailTried.insert(id);
        if (!job->hasError() && job->json().isObject()) {
            const Pipeline detail = GitLab::parsePipeline(job->json().object());
            m_detailed.insert(id, isActive(detail.status));
            // The detail is newer than or as new as the list entry: take its fields, and add the pipeline when
            // the list did not mention it (a finished pipeline whose detail was due).
            auto it = std::find_if(m_pending.begin(), m_pending.end(), [id](const Pipeline &p) { return p.id == id; });
            if (it == m_pending.end() && !m_pendingAuthoritative) {
                if (const Pipeline *known = pipeline(id))
                    it = m_pending.insert(m_pending.end(), *known);
            }
            if (it != m_pending.end()) {
                if (!detail.user.isEmpty())
                    it->user = detail.user;
                if (detail.startedAt.isValid())
                    it->startedAt = detail.startedAt;
                if (detail.finishedAt.isValid())
                    it->finishedAt = detail.finishedAt;
                if (detail.duration > 0)
                    it->duration = detail.duration;
                if (it->commitTitle.isEmpty())
                    it->commitTitle = detail.commitTitle;
            }
        }
    }
    fetchNextDetail();
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
    m_detailed.remove(id);
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
