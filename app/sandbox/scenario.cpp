#include "scenario.h"

#include "apiutil.h"
#include "scenarioseed.h"

#include <QRegularExpression>
#include <QTimeZone>

#include <algorithm>
#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace Shipdeck::Sandbox {

namespace {

bool isOneOf(const QString &value, std::initializer_list<QLatin1StringView> set)
{
    return std::any_of(set.begin(), set.end(), [&](QLatin1StringView item) { return value == item; });
}

bool isComplete(const QString &status)
{
    return isOneOf(status, {"success"_L1, "failed"_L1, "canceled"_L1, "skipped"_L1});
}

qint64 ceilMinute(const QDateTime &time)
{
    const qint64 secs = time.toSecsSinceEpoch();
    return secs >= 0 ? (secs + 59) / 60 : secs / 60;
}

QDateTime maxTime(const QDateTime &a, const QDateTime &b)
{
    if (!a.isValid())
        return b;
    if (!b.isValid())
        return a;
    return a < b ? b : a;
}

} // namespace

Scenario::Scenario(const ScenarioConfig &config, QObject *parent)
    : QObject(parent)
    , m_seed(config.seed)
    , m_gitLabWebBase(config.gitLabWebBase)
    , m_speed(std::max(0.0, config.speed))
    , m_traffic(config.seed)
{
    QDateTime start = config.start.isValid() ? config.start.toUTC() : QDateTime::currentDateTimeUtc();
    start = QDateTime::fromSecsSinceEpoch(start.toSecsSinceEpoch() / 60 * 60, QTimeZone::UTC);
    m_start = start;
    m_clockBase = start;

    ScenarioSeeder(*this).run();
    rebuildTimeline();
    processUntil(m_start);
    m_live = true;
    m_realClock.start();
}

QDateTime Scenario::now() const
{
    if (m_speed <= 0 || !m_realClock.isValid())
        return m_clockBase;
    return m_clockBase.addMSecs(qint64(double(m_realClock.elapsed()) * m_speed));
}

void Scenario::setSpeed(double speed)
{
    m_clockBase = now();
    m_realClock.restart();
    m_speed = std::max(0.0, speed);
}

void Scenario::advance(qint64 seconds)
{
    m_clockBase = now().addSecs(std::max<qint64>(0, seconds));
    m_realClock.restart();
    sync();
}

void Scenario::sync()
{
    processUntil(now());
}

// --- lookups ---------------------------------------------------------------------------------------------------

const User *Scenario::user(int id) const
{
    for (const User &user : m_users) {
        if (user.id == id)
            return &user;
    }
    return nullptr;
}

int Scenario::commitIndex(const QString &shaOrPrefix) const
{
    if (shaOrPrefix.size() == 40)
        return m_commitBySha.value(shaOrPrefix, -1);
    if (shaOrPrefix.size() < 7)
        return -1;
    for (qsizetype i = 0; i < m_commits.size(); ++i) {
        if (m_commits.at(i).sha.startsWith(shaOrPrefix))
            return int(i);
    }
    return -1;
}

int Scenario::resolveRef(const QString &ref) const
{
    if (ref == defaultBranch() || ref == "HEAD"_L1)
        return int(m_commits.size()) - 1;
    if (const Tag *found = tag(ref))
        return commitIndex(found->sha);
    return commitIndex(ref); // branches other than main are not modelled for compare and changelog
}

const MergeRequest *Scenario::mergeRequest(int iid) const
{
    for (const MergeRequest &mr : m_mergeRequests) {
        if (mr.iid == iid)
            return &mr;
    }
    return nullptr;
}

const Milestone *Scenario::milestone(int id) const
{
    for (const Milestone &milestone : m_milestones) {
        if (milestone.id == id)
            return &milestone;
    }
    return nullptr;
}

const Milestone *Scenario::milestoneByTitle(const QString &title) const
{
    for (const Milestone &milestone : m_milestones) {
        if (milestone.title == title)
            return &milestone;
    }
    return nullptr;
}

const GitLabRelease *Scenario::release(const QString &tagName) const
{
    for (const GitLabRelease &release : m_releases) {
        if (release.tagName == tagName)
            return &release;
    }
    return nullptr;
}

const Tag *Scenario::tag(const QString &name) const
{
    for (const Tag &tag : m_tags) {
        if (tag.name == name)
            return &tag;
    }
    return nullptr;
}

const Pipeline *Scenario::pipeline(int id) const
{
    for (const Pipeline &pipeline : m_pipelines) {
        if (pipeline.id == id)
            return &pipeline;
    }
    return nullptr;
}

Pipeline *Scenario::mutablePipeline(int id)
{
    return const_cast<Pipeline *>(std::as_const(*this).pipeline(id));
}

const Job *Scenario::job(int id) const
{
    // Ids are assigned in order, so a binary search over the list works.
    const auto it = std::lower_bound(m_jobs.cbegin(), m_jobs.cend(), id,
                                     [](const Job &job, int value) { return job.id < value; });
    return it != m_jobs.cend() && it->id == id ? &*it : nullptr;
}

Job *Scenario::mutableJob(int id)
{
    return const_cast<Job *>(std::as_const(*this).job(id));
}

const Deployment *Scenario::deployment(int id) const
{
    for (const Deployment &deployment : m_deployments) {
        if (deployment.id == id)
            return &deployment;
    }
    return nullptr;
}

Deployment *Scenario::mutableDeployment(int id)
{
    return const_cast<Deployment *>(std::as_const(*this).deployment(id));
}

const Environment *Scenario::environment(int id) const
{
    for (const Environment &environment : m_environments) {
        if (environment.id == id)
            return &environment;
    }
    return nullptr;
}

const Environment *Scenario::environmentByName(const QString &name) const
{
    for (const Environment &environment : m_environments) {
        if (environment.name == name)
            return &environment;
    }
    return nullptr;
}

QString Scenario::versionAtSha(const QString &sha) const
{
    return m_versionBySha.value(sha);
}

const Commit *Scenario::commitBySha(const QString &sha) const
{
    const int index = commitIndex(sha);
    if (index >= 0)
        return &m_commits.at(index);
    for (const Commit &commit : m_branchCommits) {
        if (commit.sha == sha || (sha.size() >= 7 && commit.sha.startsWith(sha)))
            return &commit;
    }
    return nullptr;
}

int Scenario::compareVersions(const QString &a, const QString &b)
{
    auto parts = [](QString version) {
        if (const qsizetype at = version.indexOf(u'@'); at >= 0)
            version = version.mid(at + 1);
        if (version.startsWith(u'v'))
            version.remove(0, 1);
        QList<int> numbers;
        for (const QString &part : version.split(u'.'))
            numbers.append(part.toInt());
        while (numbers.size() < 3)
            numbers.append(0);
        return numbers;
    };
    const QList<int> left = parts(a), right = parts(b);
    for (qsizetype i = 0; i < 3; ++i) {
        if (left.at(i) != right.at(i))
            return left.at(i) < right.at(i) ? -1 : 1;
    }
    return 0;
}

QString Scenario::previousStableTag(const QString &version) const
{
    static const QRegularExpression stable(u"^v?\\d+\\.\\d+\\.\\d+$"_s);
    QString best;
    for (const Tag &tag : m_tags) {
        if (!stable.match(tag.name).hasMatch() || compareVersions(tag.name, version) >= 0)
            continue;
        if (best.isEmpty() || compareVersions(tag.name, best) > 0)
            best = tag.name;
    }
    return best;
}

QString Scenario::changelogMarkdown(const QString &version, int fromIndex, int toIndex, const QDate &date,
                                    const QString &trailer) const
{
    static const QStringList order {u"added"_s,   u"fixed"_s,    u"changed"_s,     u"deprecated"_s,
                                    u"removed"_s, u"security"_s, u"performance"_s, u"other"_s};
    QHash<QString, QStringList> entries;
    QStringList categories;
    for (int i = std::max(0, fromIndex + 1); i <= toIndex && i < m_commits.size(); ++i) {
        const Commit &commit = m_commits.at(i);
        if (commit.changelog.isEmpty() || trailer != "Changelog"_L1)
            continue;
        QString line = u"- [%1](%2@%3)"_s.arg(commit.title, projectPath(), commit.sha);
        if (commit.mergeRequestIid > 0)
            line += u" ([merge request](%1!%2))"_s.arg(projectPath()).arg(commit.mergeRequestIid);
        if (!categories.contains(commit.changelog))
            categories.append(commit.changelog);
        entries[commit.changelog].append(line);
    }
    std::sort(categories.begin(), categories.end(), [](const QString &a, const QString &b) {
        const qsizetype ia = order.indexOf(a), ib = order.indexOf(b);
        if (ia != ib)
            return (ia < 0 ? order.size() : ia) < (ib < 0 ? order.size() : ib);
        return a < b;
    });
    QString markdown = u"## %1 (%2)\n\n"_s.arg(version, date.toString(Qt::ISODate));
    if (categories.isEmpty())
        return markdown + u"No changes.\n"_s;
    for (const QString &category : categories) {
        const QStringList &lines = entries.value(category);
        markdown += u"### %1 (%2)\n\n"_s.arg(category,
                                             lines.size() == 1 ? u"1 change"_s : u"%1 changes"_s.arg(lines.size()));
        markdown += lines.join(u'\n') + u"\n\n"_s;
    }
    return markdown;
}

// --- pipelines -------------------------------------------------------------------------------------------------

QString Scenario::pipelineStatus(const Pipeline &pipeline) const
{
    bool anyRunning = false, anyPending = false, anyCreated = false, anyDone = false, blockingManual = false,
         anyFailed = false, anyCanceled = false, allSkipped = true, any = false;
    for (int id : pipeline.jobIds) {
        const Job *job = this->job(id);
        if (!job || job->retried)
            continue;
        any = true;
        const QString &status = job->status;
        if (status != "skipped"_L1)
            allSkipped = false;
        if (status == "running"_L1)
            anyRunning = true;
        else if (status == "pending"_L1)
            anyPending = true;
        else if (status == "created"_L1)
            anyCreated = true;
        else if (status == "manual"_L1)
            blockingManual = blockingManual || !job->allowFailure;
        else if (status == "failed"_L1)
            anyFailed = anyFailed || !job->allowFailure;
        else if (status == "canceled"_L1)
            anyCanceled = true;
        if (isComplete(status))
            anyDone = true;
    }
    if (!any)
        return u"created"_s;
    if (anyRunning)
        return u"running"_s;
    if (anyPending)
        return anyDone ? u"running"_s : u"pending"_s;
    if (anyCreated)
        return anyDone ? u"running"_s : u"created"_s;
    if (anyFailed)
        return u"failed"_s;
    if (anyCanceled)
        return u"canceled"_s;
    if (blockingManual)
        return u"manual"_s;
    if (allSkipped)
        return u"skipped"_s;
    return u"success"_s;
}

QDateTime Scenario::pipelineUpdatedAt(const Pipeline &pipeline) const
{
    QDateTime updated = pipeline.createdAt;
    for (int id : pipeline.jobIds) {
        if (const Job *job = this->job(id))
            updated = maxTime(updated, job->updatedAt);
    }
    return updated;
}

QDateTime Scenario::pipelineStartedAt(const Pipeline &pipeline) const
{
    QDateTime started;
    for (int id : pipeline.jobIds) {
        const Job *job = this->job(id);
        if (job && job->startedAt.isValid() && (!started.isValid() || job->startedAt < started))
            started = job->startedAt;
    }
    return started;
}

QDateTime Scenario::pipelineFinishedAt(const Pipeline &pipeline) const
{
    const QString status = pipelineStatus(pipeline);
    if (!isOneOf(status, {"success"_L1, "failed"_L1, "canceled"_L1, "skipped"_L1, "manual"_L1}))
        return {};
    QDateTime finished;
    for (int id : pipeline.jobIds) {
        if (const Job *job = this->job(id))
            finished = maxTime(finished, job->finishedAt);
    }
    return finished;
}

std::optional<int> Scenario::pipelineDuration(const Pipeline &pipeline) const
{
    if (!pipelineFinishedAt(pipeline).isValid())
        return std::nullopt;
    // GitLab's duration is the running time: the union of the job run intervals.
    QList<std::pair<qint64, qint64>> intervals;
    for (int id : pipeline.jobIds) {
        const Job *job = this->job(id);
        if (job && job->startedAt.isValid() && job->finishedAt.isValid())
            intervals.append({job->startedAt.toSecsSinceEpoch(), job->finishedAt.toSecsSinceEpoch()});
    }
    std::sort(intervals.begin(), intervals.end());
    qint64 total = 0, end = std::numeric_limits<qint64>::min();
    for (const auto &[from, to] : intervals) {
        const qint64 start = std::max(from, end);
        if (to > start)
            total += to - start;
        end = std::max(end, to);
    }
    return int(total);
}

Scenario::Gate Scenario::gate(const Job &job) const
{
    const Pipeline *pipeline = this->pipeline(job.pipelineId);
    Gate result;
    QDateTime ready = job.readyFloor;
    if (job.stageIndex == 0 && pipeline)
        ready = maxTime(ready, pipeline->createdAt);
    bool waiting = false, skip = false;
    QDateTime skipAt;
    if (pipeline) {
        for (int id : pipeline->jobIds) {
            const Job *other = this->job(id);
            if (!other || other->retried || other->stageIndex >= job.stageIndex)
                continue;
            const QString &status = other->status;
            if (isOneOf(status, {"created"_L1, "pending"_L1, "running"_L1})
                || (status == "manual"_L1 && !other->allowFailure)) {
                waiting = true;
            } else if (isOneOf(status, {"failed"_L1, "canceled"_L1}) && !other->allowFailure) {
                skip = true;
                skipAt = maxTime(skipAt, other->finishedAt);
            } else {
                ready = maxTime(ready, other->finishedAt);
            }
        }
    }
    if (waiting)
        return result;
    result.state = skip ? Gate::State::Skip : Gate::State::Ready;
    result.at = skip ? maxTime(skipAt, job.readyFloor) : ready;
    return result;
}

Scenario::Transition Scenario::nextTransition(const Job &job, QDateTime *at) const
{
    if (job.retried)
        return Transition::None;
    const QString &status = job.status;
    if (status == "created"_L1) {
        const Gate g = gate(job);
        if (g.state == Gate::State::Waiting)
            return Transition::None;
        *at = g.at;
        if (g.state == Gate::State::Skip)
            return Transition::Skip;
        return job.manual ? Transition::BecomeManual : Transition::Enqueue;
    }
    if (status == "manual"_L1) {
        if (!job.autoPlayAt.isValid())
            return Transition::None;
        *at = maxTime(job.autoPlayAt, job.updatedAt);
        return Transition::AutoPlay;
    }
    if (status == "pending"_L1) {
        *at = job.queuedAt.addSecs(job.queueSecs);
        return Transition::Start;
    }
    if (status == "running"_L1) {
        *at = job.startedAt.addSecs(job.durationSecs);
        return Transition::Finish;
    }
    return Transition::None;
}

void Scenario::processUntil(const QDateTime &until)
{
    for (int guard = 0; guard < 1000000; ++guard) {
        int bestIndex = -1;
        Transition bestTransition = Transition::None;
        QDateTime bestAt;
        for (qsizetype i = 0; i < m_jobs.size(); ++i) {
            QDateTime at;
            const Transition transition = nextTransition(m_jobs.at(i), &at);
            if (transition == Transition::None || at > until)
                continue;
            if (bestIndex < 0 || at < bestAt) {
                bestIndex = int(i);
                bestTransition = transition;
                bestAt = at;
            }
        }
        if (bestIndex < 0)
            break;
        Job &job = m_jobs[bestIndex];
        const Pipeline *pipeline = this->pipeline(job.pipelineId);
        const QString before = pipeline ? pipelineStatus(*pipeline) : QString();
        apply(job, bestTransition, bestAt);
        if (pipeline) {
            const QString after = pipelineStatus(*pipeline);
            if (after != before)
                log(bestAt, u"pipeline #%1 (%2) is %3"_s.arg(pipeline->id).arg(pipeline->ref, after));
        }
    }
    if (!m_processedUntil.isValid() || m_processedUntil < until)
        m_processedUntil = until;
}

void Scenario::apply(Job &job, Transition transition, const QDateTime &at)
{
    job.updatedAt = at;
    switch (transition) {
    case Transition::None:
        return;
    case Transition::BecomeManual:
        job.status = u"manual"_s;
        log(at, u"job #%1 %2 waits for a manual action"_s.arg(job.id).arg(job.name));
        return;
    case Transition::Enqueue:
        job.status = u"pending"_s;
        job.queuedAt = at;
        return;
    case Transition::Skip:
        job.status = u"skipped"_s;
        setDeploymentStatus(job, u"skipped"_s, at);
        return;
    case Transition::AutoPlay:
        job.status = u"pending"_s;
        job.queuedAt = at;
        job.userId = job.autoPlayUserId;
        job.autoPlayAt = QDateTime();
        if (Deployment *deployment = mutableDeployment(job.deploymentId))
            deployment->userId = job.userId;
        return;
    case Transition::Start:
        job.status = u"running"_s;
        job.startedAt = at;
        setDeploymentStatus(job, u"running"_s, at);
        log(at, u"job #%1 %2 started"_s.arg(job.id).arg(job.name));
        return;
    case Transition::Finish:
        job.status = job.willFail ? u"failed"_s : u"success"_s;
        job.finishedAt = at;
        if (job.willFail)
            job.failureReason = u"script_failure"_s;
        setDeploymentStatus(job, job.status, at);
        log(at, u"job #%1 %2 %3"_s.arg(job.id).arg(job.name, job.status));
        onJobFinished(job, at);
        return;
    }
}

void Scenario::setDeploymentStatus(Job &job, const QString &status, const QDateTime &at)
{
    Deployment *deployment = mutableDeployment(job.deploymentId);
    if (!deployment)
        return;
    deployment->status = status;
    deployment->updatedAt = at;
    if (isOneOf(status, {"success"_L1, "failed"_L1, "canceled"_L1}))
        deployment->finishedAt = at;
    if (status == "success"_L1) {
        for (Environment &environment : m_environments) {
            if (environment.id == deployment->environmentId)
                environment.updatedAt = at;
        }
        rebuildTimeline();
        const Environment *environment = this->environment(deployment->environmentId);
        const QString version = versionAtSha(deployment->sha);
        log(at,
            u"deployment #%1 of %2 (%3) to %4 succeeded"_s.arg(deployment->id)
                .arg(version.isEmpty() ? deployment->sha.left(8) : version, deployment->sha.left(8),
                     environment ? environment->name : QString()));
    }
}

void Scenario::onJobFinished(Job &job, const QDateTime &at)
{
    if (job.status != "success"_L1)
        return;
    const Pipeline *pipeline = this->pipeline(job.pipelineId);
    if (!pipeline)
        return;
    const QString semver = versionAtSha(pipeline->sha);
    if (semver.isEmpty())
        return;
    const QString version = sentryVersion(semver);
    // CI creates the Sentry release after the build and records a deploy after each deploy job.
    if (job.name == "build"_L1 || !job.environment.isEmpty()) {
        if (!sentryRelease(version)) {
            SentryRelease release;
            release.version = version;
            release.ref = u"v"_s + semver;
            release.dateCreated = at;
            for (const SentryProject &project : m_sentryProjects)
                release.projects.append(project.slug);
            const int index = commitIndex(pipeline->sha);
            int previous = -1;
            for (const Tag &tag : m_tags) {
                const int tagIndex = commitIndex(tag.sha);
                if (tagIndex < index && tagIndex > previous)
                    previous = tagIndex;
            }
            release.commitCount = index - previous;
            SentryRelease created;
            createSentryRelease(release, &created);
            log(at, u"Sentry release %1 created"_s.arg(version));
        }
    }
    if (job.environment.isEmpty())
        return;
    SentryDeploy deploy;
    deploy.version = version;
    deploy.environment = job.environment;
    deploy.name = job.name + u" #"_s + QString::number(job.id);
    deploy.url = projectWebUrl() + u"/-/jobs/"_s + QString::number(job.id);
    deploy.dateStarted = job.startedAt;
    deploy.dateFinished = at;
    addSentryDeploy(deploy);
    if (job.environment == "production"_L1) {
        for (SentryRelease &release : m_sentryReleases) {
            if (release.version == version && !release.dateReleased.isValid())
                release.dateReleased = at;
        }
    }
}

int Scenario::addJob(Pipeline &pipeline, Job job)
{
    job.id = m_nextJobId++;
    job.pipelineId = pipeline.id;
    if (!job.readyFloor.isValid())
        job.readyFloor = job.createdAt;
    if (!job.updatedAt.isValid())
        job.updatedAt = job.createdAt;
    if (!job.environment.isEmpty()) {
        if (const Environment *environment = environmentByName(job.environment)) {
            Deployment deployment;
            deployment.id = m_nextDeploymentId++;
            deployment.iid = m_nextDeploymentIid++;
            deployment.environmentId = environment->id;
            deployment.sha = pipeline.sha;
            deployment.ref = pipeline.ref;
            deployment.tag = pipeline.tag;
            deployment.jobId = job.id;
            deployment.userId = job.userId;
            deployment.createdAt = job.createdAt;
            deployment.updatedAt = job.createdAt;
            m_deployments.append(deployment);
            job.deploymentId = deployment.id;
        }
    }
    pipeline.jobIds.append(job.id);
    m_jobs.append(job);
    return job.id;
}

int Scenario::cloneJob(int jobId, int userId, const QDateTime &at, bool enqueue)
{
    Job *original = mutableJob(jobId);
    Pipeline *pipeline = original ? mutablePipeline(original->pipelineId) : nullptr;
    if (!original || !pipeline)
        return 0;
    original->retried = true;
    Job copy;
    copy.name = original->name;
    copy.stage = original->stage;
    copy.stageIndex = original->stageIndex;
    copy.manual = original->manual;
    copy.allowFailure = original->allowFailure;
    copy.environment = original->environment;
    copy.userId = userId;
    copy.createdAt = at;
    copy.readyFloor = at;
    copy.updatedAt = at;
    copy.durationSecs = original->durationSecs;
    copy.queueSecs = 4 + int(unitNoise(m_seed, quint64(original->id), 77) * 8);
    copy.retryOf = original->id;
    if (enqueue) {
        copy.status = u"pending"_s;
        copy.queuedAt = at;
    }
    const int stageIndex = original->stageIndex;
    const int newId = addJob(*pipeline, copy); // invalidates `original`
    resetSkippedAfter(*pipeline, stageIndex, at);
    return newId;
}

void Scenario::resetSkippedAfter(const Pipeline &pipeline, int stageIndex, const QDateTime &at)
{
    for (int id : pipeline.jobIds) {
        Job *job = mutableJob(id);
        if (!job || job->retried || job->stageIndex <= stageIndex || job->status != "skipped"_L1)
            continue;
        job->status = u"created"_s;
        job->readyFloor = at;
        job->updatedAt = at;
        if (Deployment *deployment = mutableDeployment(job->deploymentId)) {
            deployment->status = u"created"_s;
            deployment->updatedAt = at;
        }
    }
}

Scenario::Outcome Scenario::playJob(int jobId, int *resultJobId)
{
    Job *job = mutableJob(jobId);
    if (!job)
        return Outcome::NotFound;
    const QDateTime at = now();
    if (!job->retried && (job->status == "manual"_L1 || job->status == "scheduled"_L1)) {
        job->status = u"pending"_s;
        job->queuedAt = at;
        job->updatedAt = at;
        job->userId = m_tokenUserId;
        job->autoPlayAt = QDateTime();
        if (Deployment *deployment = mutableDeployment(job->deploymentId)) {
            deployment->userId = m_tokenUserId;
            deployment->updatedAt = at;
        }
        log(at, u"job #%1 %2 played"_s.arg(job->id).arg(job->name));
        *resultJobId = jobId;
        return Outcome::Ok;
    }
    // A manual action that already ran is played again as a retry.
    if (job->manual && !job->retried && isOneOf(job->status, {"success"_L1, "failed"_L1, "canceled"_L1})) {
        *resultJobId = cloneJob(jobId, m_tokenUserId, at, true);
        log(at, u"job #%1 played again as #%2"_s.arg(jobId).arg(*resultJobId));
        return Outcome::Ok;
    }
    return Outcome::Unplayable;
}

Scenario::Outcome Scenario::retryJob(int jobId, int *newJobId)
{
    const Job *job = this->job(jobId);
    if (!job)
        return Outcome::NotFound;
    if (job->retried || !isOneOf(job->status, {"success"_L1, "failed"_L1, "canceled"_L1}))
        return Outcome::NotRetryable;
    const QDateTime at = now();
    const QString name = job->name;
    *newJobId = cloneJob(jobId, m_tokenUserId, at, true);
    log(at, u"job #%1 %2 retried as #%3"_s.arg(jobId).arg(name).arg(*newJobId));
    return Outcome::Ok;
}

Scenario::Outcome Scenario::cancelJob(int jobId)
{
    Job *job = mutableJob(jobId);
    if (!job)
        return Outcome::NotFound;
    if (isOneOf(job->status, {"created"_L1, "pending"_L1, "running"_L1, "scheduled"_L1})) {
        const QDateTime at = now();
        job->status = u"canceled"_s;
        job->finishedAt = at;
        job->updatedAt = at;
        setDeploymentStatus(*job, u"canceled"_s, at);
        log(at, u"job #%1 %2 canceled"_s.arg(job->id).arg(job->name));
    }
    return Outcome::Ok;
}

Scenario::Outcome Scenario::retryPipeline(int pipelineId)
{
    const Pipeline *pipeline = this->pipeline(pipelineId);
    if (!pipeline)
        return Outcome::NotFound;
    const QDateTime at = now();
    const QList<int> ids = pipeline->jobIds;
    for (int id : ids) {
        const Job *job = this->job(id);
        if (job && !job->retried && isOneOf(job->status, {"failed"_L1, "canceled"_L1}))
            cloneJob(id, m_tokenUserId, at, false);
    }
    if (const Pipeline *again = this->pipeline(pipelineId))
        resetSkippedAfter(*again, -1, at);
    log(at, u"pipeline #%1 retried"_s.arg(pipelineId));
    return Outcome::Ok;
}

Scenario::Outcome Scenario::cancelPipeline(int pipelineId)
{
    const Pipeline *pipeline = this->pipeline(pipelineId);
    if (!pipeline)
        return Outcome::NotFound;
    const QList<int> ids = pipeline->jobIds;
    for (int id : ids) {
        const Job *job = this->job(id);
        if (job && !job->retried)
            cancelJob(id);
    }
    return Outcome::Ok;
}

int Scenario::push(const QString &ref, const QString &title, bool failTest, bool deploy)
{
    const QDateTime at = now();
    const int pipelineId = ScenarioSeeder(*this).push(ref, title, failTest, deploy, at);
    log(at,
        u"pushed \"%1\" to %2: pipeline #%3%4"_s.arg(title, ref)
            .arg(pipelineId)
            .arg(failTest ? u" (its test job will fail)"_s : QString()));
    return pipelineId;
}

void Scenario::createRelease(const GitLabRelease &release, const QString &tagMessage)
{
    if (!tag(release.tagName)) {
        m_tags.append(Tag {release.tagName, release.sha, tagMessage, now()});
        if (const int index = commitIndex(release.sha); index >= 0) {
            QString version = release.tagName;
            if (version.startsWith(u'v'))
                version.remove(0, 1);
            if (!m_versionBySha.contains(release.sha))
                m_versionBySha.insert(release.sha, version);
        }
    }
    m_releases.append(release);
    log(now(), u"release %1 created"_s.arg(release.tagName));
}

void Scenario::updateRelease(const GitLabRelease &release)
{
    for (GitLabRelease &existing : m_releases) {
        if (existing.tagName == release.tagName)
            existing = release;
    }
}

// --- deployments and merge requests ---------------------------------------------------------------------------

const Deployment *Scenario::lastSuccessfulDeployment(int environmentId) const
{
    const Deployment *last = nullptr;
    for (const Deployment &deployment : m_deployments) {
        if (deployment.environmentId != environmentId || deployment.status != "success"_L1)
            continue;
        if (!last || deployment.finishedAt > last->finishedAt
            || (deployment.finishedAt == last->finishedAt && deployment.id > last->id))
            last = &deployment;
    }
    return last;
}

QList<int> Scenario::deploymentMergeRequests(const Deployment &deployment) const
{
    if (deployment.status != "success"_L1)
        return {};
    const Deployment *previous = nullptr;
    for (const Deployment &other : m_deployments) {
        if (other.environmentId != deployment.environmentId || other.status != "success"_L1
            || other.id == deployment.id)
            continue;
        const bool earlier = other.finishedAt < deployment.finishedAt
            || (other.finishedAt == deployment.finishedAt && other.id < deployment.id);
        if (earlier && (!previous || other.finishedAt > previous->finishedAt))
            previous = &other;
    }
    const int to = commitIndex(deployment.sha);
    const int from = previous ? commitIndex(previous->sha) : -1;
    QList<int> iids;
    for (const MergeRequest &mr : m_mergeRequests) {
        if (mr.state != "merged"_L1)
            continue;
        const int index = commitIndex(mr.mergeCommitSha);
        if (index > from && index <= to)
            iids.append(mr.iid);
    }
    return iids;
}

const Deployment *Scenario::firstDeploymentOf(int iid, int environmentId) const
{
    const Deployment *first = nullptr;
    for (const Deployment &deployment : m_deployments) {
        if (deployment.environmentId != environmentId || deployment.status != "success"_L1)
            continue;
        if (first && deployment.finishedAt >= first->finishedAt)
            continue;
        if (deploymentMergeRequests(deployment).contains(iid))
            first = &deployment;
    }
    return first;
}

QString Scenario::jobTrace(const Job &job) const
{
    if (isOneOf(job.status, {"created"_L1, "manual"_L1, "pending"_L1, "scheduled"_L1}))
        return {};
    const Pipeline *pipeline = this->pipeline(job.pipelineId);
    const QString sha = pipeline ? pipeline->sha : QString();
    QStringList lines {
        u"Running with gitlab-runner 17.11.1 (b1a5d0e8)"_s,
        u"  on sandbox-runner-1 t3_Rk9sQ, system ID: s_4f2b8a1c9d7e"_s,
        u"Preparing the \"docker\" executor"_s,
        u"Using Docker executor with image registry.example.com/acme/ci-base:2026.08 ..."_s,
        u"Getting source from Git repository"_s,
        u"Fetching changes with git depth set to 20..."_s,
        u"Checking out %1 as detached HEAD (ref is %2)..."_s.arg(sha.left(8), pipeline ? pipeline->ref : QString()),
        u"Executing \"step_script\" stage of the job script"_s,
    };
    if (job.name == "build"_L1) {
        const QString version = versionAtSha(sha);
        lines << u"$ npm ci"_s << u"added 1432 packages in 41s"_s << u"$ npm run build"_s
              << (version.isEmpty() ? u"> storefront build"_s : u"> storefront@%1 build"_s.arg(version))
              << u"Compiled successfully in 72.4s"_s;
    } else if (job.name == "test"_L1) {
        lines << u"$ npm test -- --ci"_s << u"PASS src/checkout/priceCalculator.test.ts"_s
              << u"PASS src/cart/sessionStore.test.ts"_s;
        if (job.status == "failed"_L1)
            lines << u"FAIL src/search/results.test.ts"_s << u"  ● results › paginates beyond page 10"_s;
        else if (job.status == "success"_L1)
            lines << u"Tests: 812 passed, 812 total"_s;
    } else if (!job.environment.isEmpty()) {
        lines << u"$ ./deploy.sh %1 %2"_s.arg(job.environment, sha.left(8))
              << u"Rolling out storefront to %1 (3 replicas)"_s.arg(job.environment);
        if (job.status == "success"_L1)
            lines << u"deployment \"storefront\" successfully rolled out"_s
                  << u"$ sentry-cli deploys new --release %1 -e %2"_s.arg(sentryVersion(versionAtSha(sha)),
                                                                          job.environment);
    }
    if (job.status == "success"_L1)
        lines << u"Cleaning up project directory and file based variables"_s << u"Job succeeded"_s;
    else if (job.status == "failed"_L1)
        lines << u"Cleaning up project directory and file based variables"_s << u"ERROR: Job failed: exit code 1"_s;
    else if (job.status == "canceled"_L1)
        lines << u"ERROR: Job failed: canceled"_s;
    return decorateTrace(lines, job.createdAt.toSecsSinceEpoch());
}

QString Scenario::decorateTrace(const QStringList &lines, qint64 started)
{
    // As GitLab Runner writes it: ANSI colours, erase-line codes and collapsible section markers
    // ("section_start:<epoch>:<name>\r\e[0K"), which a log viewer must not show.
    const QString esc = QStringLiteral("\x1b");
    auto marker = [&](const char *kind, const char *name, qint64 at) {
        return u"section_%1:%2:%3\r"_s.arg(QLatin1StringView(kind)).arg(at).arg(QLatin1StringView(name)) + esc
            + u"[0K"_s;
    };
    QStringList out;
    QString open;
    auto close = [&](qint64 at) {
        if (!open.isEmpty())
            out << marker("end", open.toLatin1().constData(), at);
        open.clear();
    };
    qint64 at = started;
    for (const QString &line : lines) {
        const char *section = nullptr;
        if (line.startsWith(u"Preparing the"_s))
            section = "prepare_executor";
        else if (line.startsWith(u"Getting source"_s))
            section = "get_sources";
        else if (line.startsWith(u"Executing \"step_script\""_s))
            section = "step_script";
        else if (line.startsWith(u"Cleaning up"_s))
            section = "cleanup_file_variables";
        if (section) {
            close(at);
            at += 7;
            out << marker("start", section, at) + esc + u"[0K"_s + esc + u"[36;1m"_s + line + esc + u"[0;m"_s;
            open = QString::fromLatin1(section);
            continue;
        }
        if (line.startsWith(u"$ "_s))
            out << esc + u"[32;1m"_s + line + esc + u"[0;m"_s;
        else if (line.startsWith(u"ERROR:"_s) || line.startsWith(u"FAIL "_s))
            out << esc + u"[31;1m"_s + line + esc + u"[0;m"_s;
        else if (line == u"Job succeeded"_s)
            out << esc + u"[32;1m"_s + line + esc + u"[0;m"_s;
        else if (line.startsWith(u"Running with"_s))
            out << esc + u"[0K"_s + esc + u"[36;1m"_s + line + esc + u"[0;m"_s;
        else
            out << line;
    }
    close(at + 3);
    return out.join(u'\n') + u'\n';
}

// --- Sentry -----------------------------------------------------------------------------------------------------

const SentryProject *Scenario::sentryProject(const QString &idOrSlug) const
{
    for (const SentryProject &project : m_sentryProjects) {
        if (project.slug == idOrSlug || QString::number(project.id) == idOrSlug)
            return &project;
    }
    return nullptr;
}

const SentryRelease *Scenario::sentryRelease(const QString &version) const
{
    for (const SentryRelease &release : m_sentryReleases) {
        if (release.version == version)
            return &release;
    }
    return nullptr;
}

bool Scenario::createSentryRelease(const SentryRelease &release, SentryRelease *result)
{
    if (const SentryRelease *existing = sentryRelease(release.version)) {
        *result = *existing;
        return false;
    }
    SentryRelease created = release;
    created.id = m_nextSentryReleaseId++;
    if (!created.dateCreated.isValid())
        created.dateCreated = now();
    m_sentryReleases.append(created);
    *result = created;
    return true;
}

void Scenario::updateSentryRelease(const SentryRelease &release)
{
    for (SentryRelease &existing : m_sentryReleases) {
        if (existing.version == release.version)
            existing = release;
    }
}

SentryDeploy Scenario::addSentryDeploy(SentryDeploy deploy)
{
    deploy.id = QString::number(m_nextSentryDeployId++);
    if (!deploy.dateFinished.isValid())
        deploy.dateFinished = now();
    if (deploy.projects.isEmpty()) {
        if (const SentryRelease *release = sentryRelease(deploy.version))
            deploy.projects = release->projects;
    }
    m_sentryDeploys.append(deploy);
    return deploy;
}

void Scenario::rebuildTimeline()
{
    m_minuteCache.clear();
    m_timeline.clear();
    QList<const Deployment *> successful;
    for (const Deployment &deployment : m_deployments) {
        if (deployment.status == "success"_L1 && !versionAtSha(deployment.sha).isEmpty())
            successful.append(&deployment);
    }
    std::sort(successful.begin(), successful.end(), [](const Deployment *a, const Deployment *b) {
        return a->finishedAt != b->finishedAt ? a->finishedAt < b->finishedAt : a->id < b->id;
    });
    qint64 first = std::numeric_limits<qint64>::max();
    for (const Deployment *deployment : successful) {
        const Environment *environment = this->environment(deployment->environmentId);
        if (!environment)
            continue;
        const qint64 minute = ceilMinute(deployment->finishedAt);
        auto &entries = m_timeline[environment->name];
        if (!entries.isEmpty() && entries.last().first == minute)
            entries.last().second = sentryVersion(versionAtSha(deployment->sha));
        else
            entries.append({minute, sentryVersion(versionAtSha(deployment->sha))});
        first = std::min(first, minute);
    }
    m_historyStartMinute = first == std::numeric_limits<qint64>::max() ? 0 : first;
}

QString Scenario::releaseAt(const QString &environment, qint64 epochMinute) const
{
    const auto it = m_timeline.constFind(environment);
    if (it == m_timeline.cend())
        return {};
    const auto &entries = *it;
    const auto upper = std::upper_bound(entries.cbegin(), entries.cend(), epochMinute,
                                        [](qint64 value, const auto &entry) { return value < entry.first; });
    if (upper == entries.cbegin())
        return {};
    return std::prev(upper)->second;
}

bool Scenario::isBadRelease(const QString &version, const QString &environment) const
{
    return environment == "production"_L1 && version == sentryVersion(m_rolloutVersion);
}

MinuteStats Scenario::minuteStats(const SentryProject &project, const QString &environment, qint64 epochMinute,
                                  QString *release) const
{
    if ((epochMinute + 1) * 60 > m_processedUntil.toSecsSinceEpoch() || epochMinute < m_historyStartMinute)
        return {};
    const bool production = environment == "production"_L1;
    const quint64 stream = mix64(quint64(project.id) * 31 + (production ? 1 : 2));
    QList<CachedMinute> &cache = m_minuteCache[stream];
    const qint64 index = epochMinute - m_historyStartMinute;
    while (cache.size() <= index) {
        const qint64 minute = m_historyStartMinute + cache.size();
        const QString version = releaseAt(environment, minute);
        CachedMinute entry;
        if (!version.isEmpty()) {
            entry.release = int(m_cachedReleases.indexOf(version));
            if (entry.release < 0) {
                m_cachedReleases.append(version);
                entry.release = int(m_cachedReleases.size()) - 1;
            }
            const TrafficProfile &profile = production ? project.production : project.staging;
            entry.stats = m_traffic.minute(profile, stream, minute, isBadRelease(version, environment));
        }
        cache.append(entry);
    }
    const CachedMinute &entry = cache.at(index);
    if (entry.release < 0)
        return {};
    if (release)
        *release = m_cachedReleases.at(entry.release);
    return entry.stats;
}

std::optional<std::pair<qint64, qint64>> Scenario::releaseActivity(const QString &version) const
{
    const qint64 current = m_processedUntil.toSecsSinceEpoch() / 60 - 1;
    std::optional<std::pair<qint64, qint64>> activity;
    for (auto it = m_timeline.cbegin(); it != m_timeline.cend(); ++it) {
        const auto &entries = it.value();
        for (qsizetype i = 0; i < entries.size(); ++i) {
            if (entries.at(i).second != version || entries.at(i).first > current)
                continue;
            const qint64 from = entries.at(i).first;
            const qint64 to = i + 1 < entries.size() ? std::min(current, entries.at(i + 1).first - 1) : current;
            if (to < from)
                continue;
            if (!activity)
                activity = std::make_pair(from, to);
            activity->first = std::min(activity->first, from);
            activity->second = std::max(activity->second, to);
        }
    }
    return activity;
}

void Scenario::log(const QDateTime &at, const QString &text)
{
    if (m_live)
        Q_EMIT event(u"[%1] %2"_s.arg(at.toUTC().toString(u"yyyy-MM-dd HH:mm:ss"_s), text));
}

} // namespace Shipdeck::Sandbox
