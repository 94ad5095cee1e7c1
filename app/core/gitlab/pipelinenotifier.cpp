#include "pipelinenotifier.h"

#include "gitlabclient.h"
#include "gitlabparse.h"
#include "pipelinemonitor.h"

#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Shipdeck {

namespace {

constexpr int MaxLookupAttempts = 3;

/// The short form of a commit SHA that GitLab shows.
QString shortSha(const QString &sha)
{
    return sha.left(8);
}

} // namespace

bool matchesAnyPattern(const QString &text, const QStringList &patterns)
{
    for (const QString &pattern : patterns) {
        const QString trimmed = pattern.trimmed();
        if (trimmed.isEmpty())
            continue;
        if (!trimmed.contains(u'*') && !trimmed.contains(u'?')) {
            if (text == trimmed)
                return true;
            continue;
        }
        // NonPathWildcardConversion: '*' also matches '/', so "release/*" covers "release/1.7/hotfix".
        const QRegularExpression re(
            QRegularExpression::wildcardToRegularExpression(trimmed, QRegularExpression::NonPathWildcardConversion));
        if (re.match(text).hasMatch())
            return true;
    }
    return false;
}

bool NotificationRules::watchesRef(const QString &ref) const
{
    return refs.isEmpty() || matchesAnyPattern(ref, refs);
}

bool NotificationRules::watchesEnvironment(const QString &environment) const
{
    return environments.isEmpty() || matchesAnyPattern(environment, environments);
}

PipelineNotifier::PipelineNotifier(PipelineMonitor *monitor, GitLabClient *client, QObject *parent)
    : QObject(parent), m_monitor(monitor), m_client(client)
{
    Q_ASSERT(monitor);
    connect(monitor, &PipelineMonitor::pipelineAdded, this, &PipelineNotifier::onAdded);
    connect(monitor, &PipelineMonitor::pipelineChanged, this, &PipelineNotifier::onChanged);
    connect(monitor, &PipelineMonitor::pipelineRemoved, this, &PipelineNotifier::onRemoved);
    connect(monitor, &PipelineMonitor::cycleFinished, this, &PipelineNotifier::onCycleFinished);
    // A monitor that already has data: that is the baseline.
    if (!monitor->pipelineIds().isEmpty())
        takeBaseline();
}

PipelineNotifier::~PipelineNotifier()
{
    if (m_lookupJob) {
        disconnect(m_lookupJob, nullptr, this, nullptr);
        m_lookupJob->cancel();
        m_lookupJob->deleteLater();
    }
}

void PipelineNotifier::setRules(const NotificationRules &rules)
{
    if (rules == m_rules)
        return;
    m_rules = rules;
    updateWorstStatus();
}

QString PipelineNotifier::statusName(OverallStatus status)
{
    switch (status) {
    case OverallStatus::None:
        return tr("No pipelines");
    case OverallStatus::Success:
        return tr("Passed");
    case OverallStatus::Manual:
        return tr("Waiting for a manual action");
    case OverallStatus::Running:
        return tr("Running");
    case OverallStatus::Failed:
        return tr("Failed");
    }
    return {};
}

OverallStatus PipelineNotifier::statusOf(PipelineStatus status)
{
    if (status == PipelineStatus::Failed)
        return OverallStatus::Failed;
    if (isActive(status) || status == PipelineStatus::Scheduled)
        return OverallStatus::Running;
    if (status == PipelineStatus::Manual)
        return OverallStatus::Manual;
    if (status == PipelineStatus::Success)
        return OverallStatus::Success;
    return OverallStatus::None; // canceled, skipped, unknown
}

void PipelineNotifier::takeBaseline()
{
    if (m_baselined || !m_monitor)
        return;
    for (qint64 id : m_monitor->pipelineIds()) {
        if (const Pipeline *p = m_monitor->pipeline(id)) {
            m_known.insert(id, p->status);
            updateRef(*p);
            m_watermark = std::max(m_watermark, id);
        }
    }
    m_baselined = true;
    updateWorstStatus();
}

void PipelineNotifier::onAdded(qint64 id)
{
    const Pipeline *p = m_monitor ? m_monitor->pipeline(id) : nullptr;
    if (!p)
        return;
    // Before the baseline, and for a pipeline older than it that shows up later (a resync), the first state is taken
    // as it is.
    if (!m_baselined || (id <= m_watermark && !m_known.contains(id))) {
        m_known.insert(id, p->status);
        updateRef(*p);
    } else {
        observe(*p, !m_known.contains(id));
    }
    if (m_baselined)
        updateWorstStatus();
}

void PipelineNotifier::onChanged(qint64 id)
{
    const Pipeline *p = m_monitor ? m_monitor->pipeline(id) : nullptr;
    if (!p)
        return;
    if (!m_baselined) {
        m_known.insert(id, p->status);
        updateRef(*p);
        return;
    }
    observe(*p, false);
    updateWorstStatus();
}

void PipelineNotifier::onRemoved(qint64 id)
{
    // m_known keeps the last status: a pipeline that comes back is not new.
    m_lookupQueue.removeAll(id);
    m_retryLater.removeAll(id);
    if (m_baselined)
        updateWorstStatus(id);
}

void PipelineNotifier::onCycleFinished(bool ok)
{
    if (!ok)
        return;
    if (!m_baselined) {
        takeBaseline();
        return;
    }
    if (!m_retryLater.isEmpty()) {
        for (qint64 id : std::as_const(m_retryLater)) {
            if (!m_lookupQueue.contains(id) && id != m_lookupPipeline)
                m_lookupQueue.append(id);
        }
        m_retryLater.clear();
        lookUpNext();
    }
}

void PipelineNotifier::observe(const Pipeline &pipeline, bool isNew)
{
    const auto previous = m_known.constFind(pipeline.id);
    const bool changed = isNew || previous == m_known.cend() || *previous != pipeline.status;
    m_known.insert(pipeline.id, pipeline.status);
    const bool recovered = updateRef(pipeline);
    if (!changed)
        return;
    switch (pipeline.status) {
    case PipelineStatus::Failed:
        emitOnce(PipelineNotification::Kind::Failed, pipeline);
        break;
    case PipelineStatus::Success:
        if (recovered)
            emitOnce(PipelineNotification::Kind::Recovered, pipeline);
        break;
    case PipelineStatus::Manual: {
        const auto key = std::pair(pipeline.id, int(PipelineNotification::Kind::WaitingForManualDeploy));
        if (m_client && wants(PipelineNotification::Kind::WaitingForManualDeploy, pipeline.ref)
            && !m_notified.contains(key) && !m_lookupQueue.contains(pipeline.id) && m_lookupPipeline != pipeline.id) {
            m_lookupQueue.append(pipeline.id);
            lookUpNext();
        }
        break;
    }
    default:
        break;
    }
}

bool PipelineNotifier::updateRef(const Pipeline &pipeline)
{
    if (pipeline.status != PipelineStatus::Failed && pipeline.status != PipelineStatus::Success)
        return false;
    RefState &state = m_refs[pipeline.ref];
    if (pipeline.id < state.latestFinished)
        return false; // an older pipeline (retried) says nothing about the ref now
    state.latestFinished = pipeline.id;
    if (pipeline.status == PipelineStatus::Failed) {
        state.failed = pipeline.id;
        return false;
    }
    const bool recovered = state.failed != 0;
    state.failed = 0;
    return recovered;
}

bool PipelineNotifier::wants(PipelineNotification::Kind kind, const QString &ref) const
{
    if (!m_rules.enabled || !m_rules.watchesRef(ref))
        return false;
    return kind == PipelineNotification::Kind::Failed || !m_rules.failuresOnly;
}

void PipelineNotifier::emitOnce(PipelineNotification::Kind kind, const Pipeline &pipeline, const QString &environment,
                                const QString &jobName)
{
    if (!wants(kind, pipeline.ref))
        return;
    const auto key = std::pair(pipeline.id, int(kind));
    if (m_notified.contains(key))
        return;
    m_notified.insert(key);

    PipelineNotification n;
    n.kind = kind;
    n.pipelineId = pipeline.id;
    n.ref = pipeline.ref;
    n.sha = pipeline.sha;
    n.webUrl = QUrl(pipeline.webUrl);
    n.environment = environment;
    n.jobName = jobName;
    n.time = QDateTime::currentDateTimeUtc();
    // "#1234 · 1a2b3c4d · Fix the cart total" (the title only when the monitor knows it).
    QString what = tr("Pipeline #%1 (commit %2)").arg(pipeline.id).arg(shortSha(pipeline.sha));
    if (!pipeline.commitTitle.isEmpty())
        what = tr("Pipeline #%1 (commit %2, “%3”)").arg(pipeline.id).arg(shortSha(pipeline.sha), pipeline.commitTitle);
    switch (kind) {
    case PipelineNotification::Kind::Failed:
        n.title = tr("Pipeline failed on %1").arg(pipeline.ref);
        n.body = tr("%1 failed.").arg(what);
        break;
    case PipelineNotification::Kind::Recovered:
        n.title = tr("Pipeline fixed on %1").arg(pipeline.ref);
        n.body = tr("%1 passed; the previous pipeline on %2 had failed.").arg(what, pipeline.ref);
        break;
    case PipelineNotification::Kind::WaitingForManualDeploy:
        n.title = tr("Deploy to %1 is waiting").arg(environment);
        n.body = tr("%1 on %2 waits for someone to run the manual job %3.").arg(what, pipeline.ref, jobName);
        break;
    }
    Q_EMIT notify(n);
}

void PipelineNotifier::updateWorstStatus(qint64 excluding)
{
    OverallStatus worst = OverallStatus::None;
    QList<std::pair<QString, OverallStatus>> summary;
    QList<Pipeline> latest;
    if (m_monitor) {
        QSet<QString> seen;
        for (qint64 id : m_monitor->pipelineIds()) { // newest first
            if (id == excluding)
                continue;
            const Pipeline *p = m_monitor->pipeline(id);
            if (!p || seen.contains(p->ref))
                continue;
            seen.insert(p->ref);
            if (!m_rules.watchesRef(p->ref))
                continue;
            const OverallStatus status = statusOf(p->status);
            worst = std::max(worst, status);
            summary.append({p->ref, status});
            latest.append(*p);
        }
    }
    const bool summaryChanged = summary != m_summary;
    m_summary = std::move(summary);
    m_latest = std::move(latest);
    if (worst != m_worst) {
        m_worst = worst;
        Q_EMIT worstStatusChanged(worst);
    }
    if (summaryChanged)
        Q_EMIT latestPipelinesChanged();
}

// --- manual-deploy lookups ----------------------------------------------------------------------------------------

void PipelineNotifier::lookUpNext()
{
    if (m_lookupJob || !m_client || !m_monitor)
        return;
    while (!m_lookupQueue.isEmpty()) {
        const qint64 id = m_lookupQueue.takeFirst();
        const Pipeline *p = m_monitor->pipeline(id);
        // Played (or gone) in the meantime: nothing waits any more.
        if (!p || p->status != PipelineStatus::Manual)
            continue;
        m_lookupPipeline = id;
        m_manualJobs.clear();
        m_lookupJob = m_client->pipelineJobs(id);
        ++m_lookupRequests;
        connect(m_lookupJob, &PagedApiJob::finished, this, &PipelineNotifier::onJobsFinished);
        m_lookupJob->start();
        return;
    }
    m_lookupPipeline = 0;
}

void PipelineNotifier::lookupFailed()
{
    const qint64 id = m_lookupPipeline;
    m_lookupPipeline = 0;
    if (++m_lookupAttempts[id] < MaxLookupAttempts)
        m_retryLater.append(id);
    lookUpNext();
}

void PipelineNotifier::onJobsFinished(PagedApiJob *job)
{
    if (job != m_lookupJob)
        return;
    m_lookupJob = nullptr;
    job->deleteLater();
    if (job->hasError()) {
        if (job->error().kind != ApiError::Kind::Cancelled)
            lookupFailed();
        return;
    }
    for (const Job &j : GitLab::parseJobs(job->items())) {
        if (j.status == PipelineStatus::Manual && !j.retried)
            m_manualJobs.append(j);
    }
    if (m_manualJobs.isEmpty()) {
        m_lookupPipeline = 0;
        lookUpNext();
        return;
    }
    // Jobs do not say which environment they deploy to; the deployment GitLab created with each job does.
    DeploymentQuery query;
    query.status = u"created"_s;
    query.perPage = 100;
    m_lookupJob = m_client->deployments(query);
    ++m_lookupRequests;
    connect(m_lookupJob, &PagedApiJob::finished, this, &PipelineNotifier::onDeploymentsFinished);
    m_lookupJob->start();
}

void PipelineNotifier::onDeploymentsFinished(PagedApiJob *job)
{
    if (job != m_lookupJob)
        return;
    m_lookupJob = nullptr;
    job->deleteLater();
    if (job->hasError()) {
        if (job->error().kind != ApiError::Kind::Cancelled)
            lookupFailed();
        return;
    }
    QHash<qint64, QString> environmentOfJob;
    for (const Deployment &d : GitLab::parseDeployments(job->items()))
        environmentOfJob.insert(d.deployableJobId, d.environment);
    const qint64 id = m_lookupPipeline;
    m_lookupPipeline = 0;
    const Pipeline *p = m_monitor ? m_monitor->pipeline(id) : nullptr;
    if (p && p->status == PipelineStatus::Manual) {
        for (const Job &manual : std::as_const(m_manualJobs)) {
            const QString environment = environmentOfJob.value(manual.id);
            if (!environment.isEmpty() && m_rules.watchesEnvironment(environment)) {
                emitOnce(PipelineNotification::Kind::WaitingForManualDeploy, *p, environment, manual.name);
                break;
            }
        }
    }
    m_manualJobs.clear();
    lookUpNext();
}

} // namespace Shipdeck
