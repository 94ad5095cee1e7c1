#include "control.h"

#include "apiutil.h"
#include "faults.h"
#include "scenario.h"

#include <QJsonDocument>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace Shipdeck::Sandbox {

namespace {

HttpResponse controlError(int status, const QString &error)
{
    return jsonResponse(status, QJsonObject {{u"error"_s, error}});
}

} // namespace

Control::Control(Scenario &scenario, FaultInjector &faults, std::function<QJsonObject()> info,
                 std::function<QJsonArray()> requests, std::function<void()> clearRequests)
    : m_scenario(scenario)
    , m_faults(faults)
    , m_info(std::move(info))
    , m_requests(std::move(requests))
    , m_clearRequests(std::move(clearRequests))
{
    m_router.add("GET", u"/state"_s, [this](const ApiRequest &) { return jsonResponse(200, state()); });
    m_router.add("GET", u"/info"_s, [this](const ApiRequest &) { return jsonResponse(200, m_info()); });
    m_router.add("POST", u"/advance"_s, [this](const ApiRequest &request) {
        const QJsonValue seconds = request.input(u"seconds"_s);
        const QJsonValue minutes = request.input(u"minutes"_s);
        double value = 0;
        if (seconds.isDouble() || (seconds.isString() && !seconds.toString().isEmpty()))
            value = seconds.isDouble() ? seconds.toDouble() : seconds.toString().toDouble();
        else if (minutes.isDouble() || (minutes.isString() && !minutes.toString().isEmpty()))
            value = 60 * (minutes.isDouble() ? minutes.toDouble() : minutes.toString().toDouble());
        else
            return controlError(400, u"expected {\"seconds\": N} or {\"minutes\": N}"_s);
        if (value < 0 || !std::isfinite(value))
            return controlError(400, u"the clock only moves forward"_s);
        m_scenario.advance(qint64(std::llround(value)));
        return jsonResponse(200, state());
    });
    m_router.add("POST", u"/speed"_s, [this](const ApiRequest &request) {
        const QJsonValue speed = request.input(u"speed"_s);
        const double value = speed.isDouble() ? speed.toDouble() : speed.toString().toDouble();
        if (value < 0 || !std::isfinite(value) || (!speed.isDouble() && !speed.isString()))
            return controlError(400, u"expected {\"speed\": F} with F >= 0"_s);
        m_scenario.setSpeed(value);
        return jsonResponse(200, state());
    });
    m_router.add("POST", u"/push"_s, [this](const ApiRequest &request) { return push(request); });
    m_router.add("GET", u"/faults"_s, [this](const ApiRequest &) {
        return jsonResponse(200, QJsonObject {{u"faults"_s, m_faults.toJson()}});
    });
    m_router.add("POST", u"/faults"_s, [this](const ApiRequest &request) { return faultsPost(request); });
    m_router.add("DELETE", u"/faults"_s, [this](const ApiRequest &) {
        m_faults.clear();
        return jsonResponse(200, QJsonObject {{u"faults"_s, QJsonArray()}});
    });
    m_router.add("DELETE", u"/faults/:id"_s, [this](const ApiRequest &request) {
        if (!m_faults.remove(request.param(u"id"_s).toInt()))
            return controlError(404, u"no such fault"_s);
        return jsonResponse(200, QJsonObject {{u"faults"_s, m_faults.toJson()}});
    });
    m_router.add("GET", u"/requests"_s,
                 [this](const ApiRequest &) { return jsonResponse(200, QJsonObject {{u"requests"_s, m_requests()}}); });
    m_router.add("DELETE", u"/requests"_s, [this](const ApiRequest &) {
        m_clearRequests();
        return jsonResponse(200, QJsonObject {{u"requests"_s, QJsonArray()}});
    });
}

HttpResponse Control::faultsPost(const ApiRequest &request)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.http.body, &parseError);
    QJsonArray rules;
    if (document.isArray())
        rules = document.array();
    else if (document.isObject() && document.object().contains(u"faults"_s))
        rules = document.object().value(u"faults"_s).toArray();
    else if (document.isObject())
        rules = QJsonArray {document.object()};
    else
        return controlError(400, u"invalid JSON: "_s + parseError.errorString());
    QList<FaultRule> parsed;
    for (const QJsonValue &value : std::as_const(rules)) {
        QString error;
        const std::optional<FaultRule> rule = FaultRule::fromJson(value.toObject(), &error);
        if (!rule)
            return controlError(400, error);
        parsed.append(*rule);
    }
    QJsonArray added;
    for (const FaultRule &rule : std::as_const(parsed)) {
        FaultRule stored = rule;
        stored.id = m_faults.add(rule);
        added.append(stored.toJson());
    }
    return jsonResponse(201, QJsonObject {{u"faults"_s, added}});
}

HttpResponse Control::push(const ApiRequest &request)
{
    const QJsonValue ref = request.input(u"ref"_s);
    const QJsonValue title = request.input(u"title"_s);
    const QJsonValue fail = request.input(u"fail"_s);
    const QJsonValue deploy = request.input(u"deploy"_s);
    auto flag = [](const QJsonValue &value, bool *ok) {
        *ok = value.isUndefined() || value.isNull() || value.isBool()
            || (value.isString() && (value.toString() == "true"_L1 || value.toString() == "false"_L1));
        return value.isBool() ? value.toBool() : value.toString() == "true"_L1;
    };
    bool failOk = false, deployOk = false;
    const bool failTest = flag(fail, &failOk);
    const bool withDeploy = flag(deploy, &deployOk);
    const QString refName = ref.toString().trimmed();
    if (!ref.isString() || refName.isEmpty() || refName.contains(u' ') || !failOk || !deployOk
        || !(title.isUndefined() || title.isNull() || title.isString()))
        return controlError(400,
                            u"expected {\"ref\": \"feature/x\", \"title\": \"…\", \"fail\": true|false, "
                            "\"deploy\": true|false}"_s);
    QString titleText = title.toString().trimmed();
    if (titleText.isEmpty())
        titleText = u"Update %1"_s.arg(refName);
    const int pipelineId = m_scenario.push(refName, titleText, failTest, withDeploy);
    const Pipeline *pipeline = m_scenario.pipeline(pipelineId);
    return jsonResponse(201,
                        QJsonObject {
                            {u"pipeline_id"_s, pipelineId},
                            {u"ref"_s, refName},
                            {u"sha"_s, pipeline ? pipeline->sha : QString()},
                            {u"title"_s, titleText},
                            {u"fail"_s, failTest},
                            {u"deploy"_s, withDeploy},
                            {u"status"_s, pipeline ? m_scenario.pipelineStatus(*pipeline) : QString()},
                        });
}

HttpResponse Control::handle(const HttpRequest &request, const QByteArray &subPath)
{
    RouteHandler handler;
    QHash<QString, QString> params;
    switch (m_router.route(request.method, subPath, &handler, &params)) {
    case Router::Result::NotFound:
        return controlError(404, u"unknown control endpoint; see shipdeck-sandbox --help"_s);
    case Router::Result::MethodNotAllowed:
        return controlError(405, u"method not allowed"_s);
    case Router::Result::Found:
        break;
    }
    m_scenario.sync();
    const ApiRequest api {request, params, request.query(), requestOrigin(request), parseBody(request)};
    return handler(api);
}

QJsonObject Control::state() const
{
    const Scenario &s = m_scenario;
    QJsonObject environments;
    for (const Environment &environment : s.environments()) {
        const Deployment *last = s.lastSuccessfulDeployment(environment.id);
        QJsonObject item {{u"id"_s, environment.id}};
        if (last) {
            item.insert(u"deployment_id"_s, last->id);
            item.insert(u"sha"_s, last->sha);
            item.insert(u"version"_s, s.versionAtSha(last->sha));
            item.insert(u"job_id"_s, last->jobId);
            item.insert(u"finished_at"_s, isoMs(last->finishedAt));
        }
        const QString minuteRelease = s.releaseAt(environment.name, s.now().toSecsSinceEpoch() / 60 - 1);
        item.insert(u"sentry_release"_s, minuteRelease);
        environments.insert(environment.name, item);
    }

    // The rollout pipeline: the newest pipeline on the rollout's release commit.
    QJsonObject rollout {{u"version"_s, s.rolloutVersion()}, {u"previous_version"_s, s.previousVersion()}};
    const Pipeline *pipeline = nullptr;
    for (const Pipeline &candidate : s.pipelines()) {
        if (s.versionAtSha(candidate.sha) == s.rolloutVersion() && (!pipeline || candidate.id > pipeline->id))
            pipeline = &candidate;
    }
    if (pipeline) {
        rollout.insert(u"pipeline_id"_s, pipeline->id);
        rollout.insert(u"pipeline_status"_s, s.pipelineStatus(*pipeline));
        rollout.insert(u"sha"_s, pipeline->sha);
        QJsonArray jobs;
        for (int id : pipeline->jobIds) {
            const Job *job = s.job(id);
            if (!job || job->retried)
                continue;
            jobs.append(QJsonObject {{u"id"_s, job->id}, {u"name"_s, job->name}, {u"status"_s, job->status}});
        }
        rollout.insert(u"jobs"_s, jobs);
    }
    QJsonArray pipelines;
    const QList<Pipeline> &all = s.pipelines();
    for (qsizetype i = std::max<qsizetype>(0, all.size() - 8); i < all.size(); ++i) {
        const Pipeline &p = all.at(i);
        pipelines.append(QJsonObject {{u"id"_s, p.id}, {u"ref"_s, p.ref}, {u"status"_s, s.pipelineStatus(p)}});
    }
    return QJsonObject {
        {u"now"_s, isoMs(s.now())},
        {u"start_time"_s, isoMs(s.start())},
        {u"elapsed_seconds"_s, double(s.start().secsTo(s.now()))},
        {u"speed"_s, s.speed()},
        {u"seed"_s, QString::number(s.seed())},
        {u"rollout"_s, rollout},
        {u"environments"_s, environments},
        {u"pipelines"_s, pipelines},
        {u"faults"_s, m_faults.toJson()},
    };
}

} // namespace Shipdeck::Sandbox
