#include "gitlabparse.h"

using namespace Qt::Literals::StringLiterals;

namespace Shipdeck::GitLab {

namespace {

QString text(const QJsonObject &object, QLatin1StringView key)
{
    const QJsonValue value = object.value(key);
    return value.isString() ? value.toString() : QString();
}

double number(const QJsonObject &object, QLatin1StringView key)
{
    const QJsonValue value = object.value(key);
    if (value.isDouble())
        return value.toDouble();
    if (value.isString()) {
        bool ok = false;
        const double result = value.toString().toDouble(&ok);
        return ok ? result : 0;
    }
    return 0;
}

QJsonObject child(const QJsonObject &object, QLatin1StringView key)
{
    return object.value(key).toObject();
}

/// The display name of a user object: name, else username.
QString userName(const QJsonObject &user)
{
    const QString name = text(user, "name"_L1);
    return name.isEmpty() ? text(user, "username"_L1) : name;
}

} // namespace

QDateTime parseTime(const QJsonValue &value)
{
    if (!value.isString())
        return {};
    QDateTime result = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    if (!result.isValid())
        return {};
    return result.toUTC();
}

qint64 parseId(const QJsonValue &value)
{
    if (value.isDouble()) {
        const double d = value.toDouble();
        return d >= 0 && d < 9.0e15 ? qint64(d) : 0;
    }
    if (value.isString()) {
        bool ok = false;
        const qint64 id = value.toString().toLongLong(&ok);
        return ok && id >= 0 ? id : 0;
    }
    return 0;
}

Pipeline parsePipeline(const QJsonObject &object)
{
    Pipeline p;
    p.id = parseId(object.value("id"_L1));
    p.iid = parseId(object.value("iid"_L1));
    p.status = pipelineStatusFromKey(text(object, "status"_L1));
    p.ref = text(object, "ref"_L1);
    p.sha = text(object, "sha"_L1);
    p.source = text(object, "source"_L1);
    // Pipelines carry no commit; the detail of some GitLab versions (and the jobs) do.
    p.commitTitle = text(child(object, "commit"_L1), "title"_L1);
    if (p.commitTitle.isEmpty())
        p.commitTitle = text(object, "name"_L1);
    p.user = userName(child(object, "user"_L1));
    p.webUrl = text(object, "web_url"_L1);
    p.createdAt = parseTime(object.value("created_at"_L1));
    p.updatedAt = parseTime(object.value("updated_at"_L1));
    p.startedAt = parseTime(object.value("started_at"_L1));
    p.finishedAt = parseTime(object.value("finished_at"_L1));
    p.duration = number(object, "duration"_L1);
    return p;
}

QList<Pipeline> parsePipelines(const QJsonArray &array)
{
    QList<Pipeline> result;
    result.reserve(array.size());
    for (const QJsonValue &value : array) {
        if (value.isObject()) {
            Pipeline p = parsePipeline(value.toObject());
            if (p.id > 0)
                result.append(std::move(p));
        }
    }
    return result;
}

Job parseJob(const QJsonObject &object)
{
    Job job;
    job.id = parseId(object.value("id"_L1));
    job.pipelineId = parseId(child(object, "pipeline"_L1).value("id"_L1));
    job.name = text(object, "name"_L1);
    job.stage = text(object, "stage"_L1);
    job.status = pipelineStatusFromKey(text(object, "status"_L1));
    job.failureReason = text(object, "failure_reason"_L1);
    job.webUrl = text(object, "web_url"_L1);
    job.duration = number(object, "duration"_L1);
    job.allowFailure = object.value("allow_failure"_L1).toBool();
    job.manual = job.status == PipelineStatus::Manual || text(object, "when"_L1) == "manual"_L1;
    job.retried = object.value("retried"_L1).toBool();
    return job;
}

QList<Job> parseJobs(const QJsonArray &array)
{
    QList<Job> result;
    result.reserve(array.size());
    for (const QJsonValue &value : array) {
        if (value.isObject()) {
            Job job = parseJob(value.toObject());
            if (job.id > 0)
                result.append(std::move(job));
        }
    }
    return result;
}

Environment parseEnvironment(const QJsonObject &object)
{
    Environment e;
    e.gitlabId = parseId(object.value("id"_L1));
    e.name = text(object, "name"_L1);
    e.tier = text(object, "tier"_L1);
    e.state = text(object, "state"_L1);
    e.externalUrl = text(object, "external_url"_L1);
    return e;
}

QList<Environment> parseEnvironments(const QJsonArray &array)
{
    QList<Environment> result;
    for (const QJsonValue &value : array) {
        if (value.isObject()) {
            Environment e = parseEnvironment(value.toObject());
            if (!e.name.isEmpty())
                result.append(std::move(e));
        }
    }
    return result;
}

Deployment parseDeployment(const QJsonObject &object, const QString &environmentName)
{
    Deployment d;
    d.id = parseId(object.value("id"_L1));
    d.iid = parseId(object.value("iid"_L1));
    d.environment = text(child(object, "environment"_L1), "name"_L1);
    if (d.environment.isEmpty())
        d.environment = environmentName;
    d.status = text(object, "status"_L1);
    d.ref = text(object, "ref"_L1);
    d.sha = text(object, "sha"_L1);
    d.user = userName(child(object, "user"_L1));
    d.createdAt = parseTime(object.value("created_at"_L1));
    const QJsonObject deployable = child(object, "deployable"_L1);
    d.commitTitle = text(child(deployable, "commit"_L1), "title"_L1);
    d.finishedAt = parseTime(deployable.value("finished_at"_L1));
    d.deployableJobId = parseId(deployable.value("id"_L1));
    d.deployableStatus = text(deployable, "status"_L1);
    return d;
}

QList<Deployment> parseDeployments(const QJsonArray &array, const QString &environmentName)
{
    QList<Deployment> result;
    result.reserve(array.size());
    for (const QJsonValue &value : array) {
        if (value.isObject()) {
            Deployment d = parseDeployment(value.toObject(), environmentName);
            if (d.id > 0)
                result.append(std::move(d));
        }
    }
    return result;
}

EnvironmentDetail parseEnvironmentDetail(const QJsonObject &object)
{
    EnvironmentDetail detail;
    detail.environment = parseEnvironment(object);
    const QJsonValue last = object.value("last_deployment"_L1);
    if (last.isObject()) {
        Deployment d = parseDeployment(last.toObject(), detail.environment.name);
        if (d.id > 0)
            detail.lastDeployment = std::move(d);
    }
    return detail;
}

bool isRetryable(const Job &job)
{
    switch (job.status) {
    case PipelineStatus::Success:
    case PipelineStatus::Failed:
    case PipelineStatus::Canceled:
        return true;
    default:
        return false;
    }
}

bool isPlayable(const Job &job)
{
    return job.status == PipelineStatus::Manual || job.status == PipelineStatus::Scheduled;
}

bool isRetryable(const Deployment &deployment)
{
    if (deployment.deployableJobId <= 0)
        return false;
    const QString s = deployment.deployableStatus.isEmpty() ? deployment.status : deployment.deployableStatus;
    return s == "success"_L1 || s == "failed"_L1 || s == "canceled"_L1;
}

bool isBlocked(const Deployment &deployment)
{
    return deployment.status == "blocked"_L1;
}

} // namespace Shipdeck::GitLab
