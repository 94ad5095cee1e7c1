#include "sandbox.h"

#include "apiutil.h"
#include "control.h"
#include "gitlabapi.h"
#include "scenario.h"
#include "sentryapi.h"

#include <QCryptographicHash>
#include <QLocale>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;

namespace Shipdeck::Sandbox {

namespace {

constexpr qsizetype MaxRecordedRequests = 500;

QByteArray httpDate(const QDateTime &time)
{
    return QLocale::c().toString(time.toUTC(), u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s).toLatin1();
}

QByteArray proxyPage(int status)
{
    const QByteArray title = QByteArray::number(status) + ' ' + reasonPhrase(status);
    return "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
        + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
}

} // namespace

Sandbox::Sandbox(SandboxOptions options, QObject *parent) : QObject(parent), m_options(std::move(options))
{
    if (m_options.gitLabToken.isEmpty())
        m_options.gitLabToken = u"glpat-"_s + fakeSha(m_options.seed, 0x61).left(20);
    if (m_options.sentryToken.isEmpty())
        m_options.sentryToken = u"sntryu_"_s + fakeSha(m_options.seed, 0x62) + fakeSha(m_options.seed, 0x63).left(24);
    for (const FaultRule &rule : std::as_const(m_options.faults))
        m_faults.add(rule);
}

Sandbox::~Sandbox() = default;

bool Sandbox::start(QString *error)
{
    m_server = std::make_unique<HttpServer>([this](const HttpRequest &request) { return handle(request); });
    if (!m_server->listen(m_options.port)) {
        *error = u"cannot listen on 127.0.0.1:%1: %2"_s.arg(m_options.port).arg(m_server->errorString());
        return false;
    }
    ScenarioConfig config;
    config.seed = m_options.seed;
    config.start = m_options.start;
    config.speed = m_options.speed;
    config.gitLabWebBase = u"http://127.0.0.1:%1/gitlab"_s.arg(m_server->port());
    m_scenario = std::make_unique<Scenario>(config);
    connect(m_scenario.get(), &Scenario::event, this, &Sandbox::logLine);
    m_gitLab = std::make_unique<GitLabApi>(*m_scenario);
    m_sentry = std::make_unique<SentryApi>(*m_scenario, SentryApi::Options {m_options.groupedTimeseriesFails});
    m_control = std::make_unique<Control>(
        *m_scenario, m_faults, [this] { return connectionInfo(); }, [this] { return m_requests; },
        [this] { m_requests = QJsonArray(); });

    // Let the clock's events happen (and be logged) even when nobody asks.
    m_ticker.setInterval(1000);
    connect(&m_ticker, &QTimer::timeout, this, [this] { m_scenario->sync(); });
    m_ticker.start();
    return true;
}

QJsonObject Sandbox::connectionInfo() const
{
    const QString origin = u"http://127.0.0.1:%1"_s.arg(m_server ? m_server->port() : m_options.port);
    QJsonArray projects;
    for (const SentryProject &project : m_scenario->sentryProjects())
        projects.append(project.slug);
    QJsonArray environments;
    for (const Environment &environment : m_scenario->environments())
        environments.append(environment.name);
    return QJsonObject {
        {u"gitlab_url"_s, QString(origin + u"/gitlab"_s)},
        {u"gitlab_token"_s, m_options.gitLabToken},
        {u"gitlab_project"_s, Scenario::projectPath()},
        {u"gitlab_project_id"_s, Scenario::ProjectId},
        {u"sentry_url"_s, QString(origin + u"/sentry"_s)},
        {u"sentry_token"_s, m_options.sentryToken},
        {u"sentry_org"_s, Scenario::organization()},
        {u"sentry_projects"_s, projects},
        {u"environments"_s, environments},
        {u"control_url"_s, QString(origin + u"/_sandbox"_s)},
        {u"seed"_s, QString::number(m_options.seed)},
        {u"speed"_s, m_scenario->speed()},
        {u"start_time"_s, isoMs(m_scenario->start())},
        {u"rollout"_s,
         QJsonObject {
             {u"version"_s, m_scenario->rolloutVersion()},
             {u"tag"_s, QString(u"v"_s + m_scenario->rolloutVersion())},
             {u"sentry_release"_s, Scenario::sentryVersion(m_scenario->rolloutVersion())},
             {u"previous_version"_s, m_scenario->previousVersion()},
             {u"previous_sentry_release"_s, Scenario::sentryVersion(m_scenario->previousVersion())},
         }},
        {u"sentry_release_format"_s, Scenario::sentryVersion(u"{version}"_s)},
    };
}

HttpResponse Sandbox::handle(const HttpRequest &request)
{
    const QByteArray path = request.rawPath;
    auto under = [&path](const QByteArray &prefix) {
        return path == prefix || path.startsWith(QByteArray(prefix + '/'));
    };
    if (under("/_sandbox")) {
        HttpResponse response = m_control->handle(request, path.mid(int(sizeof("/_sandbox")) - 1));
        record(request, response, QString());
        return response;
    }
    if (under("/gitlab/api/v4"))
        return serve(request, u"gitlab"_s, path.mid(int(sizeof("/gitlab/api/v4")) - 1));
    if (under("/sentry/api/0"))
        return serve(request, u"sentry"_s, path.mid(int(sizeof("/sentry/api/0")) - 1));
    if (path == "/")
        return jsonResponse(200, connectionInfo());
    HttpResponse response = HttpResponse::text(404,
                                               "Not Found: GitLab is under /gitlab/api/v4, Sentry under "
                                               "/sentry/api/0, controls under /_sandbox\n");
    record(request, response, QString());
    return response;
}

HttpResponse Sandbox::serve(const HttpRequest &request, const QString &service, const QByteArray &subPath)
{
    m_scenario->sync();
    const std::optional<FaultRule> fault = m_faults.take(request, service);
    const bool gitLab = service == "gitlab"_L1;
    auto normal = [&] {
        if (std::optional<HttpResponse> denied = authenticate(request, service))
            return *denied;
        return gitLab ? m_gitLab->handle(request, subPath) : m_sentry->handle(request, subPath);
    };

    HttpResponse response;
    QString faultName;
    if (!fault) {
        response = normal();
        addServiceHeaders(response, service, false);
    } else {
        faultName = FaultRule::kindName(fault->kind);
        switch (fault->kind) {
        case FaultRule::Kind::Stall:
            response.delivery = HttpResponse::Delivery::Stall;
            break;
        case FaultRule::Kind::Reset:
            response.delivery = HttpResponse::Delivery::Reset;
            break;
        case FaultRule::Kind::Latency:
            response = normal();
            addServiceHeaders(response, service, false);
            break;
        case FaultRule::Kind::Truncate:
            response = normal();
            addServiceHeaders(response, service, false);
            response.delivery = HttpResponse::Delivery::Truncate;
            break;
        case FaultRule::Kind::Malformed: {
            response = normal();
            addServiceHeaders(response, service, false);
            const QByteArray body = response.body;
            response.body = body.size() > 2 ? body.left(body.size() * 2 / 3) + "\",]" : QByteArray("{\"detail\": ");
            response.setHeader("Content-Type", "application/json");
            break;
        }
        default:
            response = faultResponse(*fault, service);
            addServiceHeaders(response, service, fault->kind == FaultRule::Kind::Status429);
            if (fault->kind == FaultRule::Kind::Status429 && gitLab) {
                response.setHeader("Retry-After", QByteArray::number(fault->retryAfter));
                response.setHeader("RateLimit-ResetTime",
                                   httpDate(QDateTime::currentDateTimeUtc().addSecs(fault->retryAfter)));
                response.setHeader("RateLimit-Reset",
                                   QByteArray::number(QDateTime::currentSecsSinceEpoch() + fault->retryAfter));
            } else if (fault->kind == FaultRule::Kind::Status429) {
                response.setHeader("X-Sentry-Rate-Limit-Reset",
                                   QByteArray::number(QDateTime::currentSecsSinceEpoch() + fault->retryAfter));
            }
            break;
        }
        response.delayMs += fault->delayMs;
        Q_EMIT logLine(u"[fault] %1 %2 %3"_s.arg(faultName, QString::fromLatin1(request.method),
                                                 QString::fromLatin1(request.target)));
    }
    record(request, response, faultName);
    return response;
}

HttpResponse Sandbox::faultResponse(const FaultRule &rule, const QString &service) const
{
    const bool gitLab = service == "gitlab"_L1;
    switch (rule.kind) {
    case FaultRule::Kind::Status401:
        return gitLab ? GitLabApi::message(401, u"401 Unauthorized"_s) : SentryApi::detail(401, u"Invalid token"_s);
    case FaultRule::Kind::Status403:
        return gitLab ? GitLabApi::message(403, u"403 Forbidden"_s)
                      : SentryApi::detail(403, u"You do not have permission to perform this action."_s);
    case FaultRule::Kind::Status404:
        return gitLab ? GitLabApi::message(404, u"404 Not found"_s)
                      : SentryApi::detail(404, u"The requested resource does not exist"_s);
    case FaultRule::Kind::Status429:
        if (gitLab)
            return HttpResponse::text(429, "Retry later\n");
        return SentryApi::detail(429,
                                 u"You are attempting to use this endpoint too frequently. Limit is %1 requests "
                                 "in 1 seconds"_s.arg(m_options.sentryRateLimit));
    case FaultRule::Kind::Status500:
        if (gitLab)
            return GitLabApi::message(500, u"500 Internal Server Error"_s);
        return jsonResponse(500,
                            QJsonObject {{u"detail"_s, u"Internal Error"_s},
                                         {u"errorId"_s, fakeSha(quint64(rule.hits), 0x500).left(32)}});
    case FaultRule::Kind::Status502:
    case FaultRule::Kind::Status503: {
        const int status = rule.kind == FaultRule::Kind::Status502 ? 502 : 503;
        return HttpResponse::text(status, proxyPage(status), "text/html");
    }
    default:
        return HttpResponse::text(500, "unexpected fault\n");
    }
}

std::optional<HttpResponse> Sandbox::authenticate(const HttpRequest &request, const QString &service) const
{
    const QByteArray authorization = request.header("authorization");
    const QByteArray bearer
        = authorization.left(7).toLower() == "bearer " ? authorization.mid(7).trimmed() : QByteArray();
    if (service == "gitlab"_L1) {
        const QByteArray privateToken = request.header("private-token");
        const QString queryToken = request.query().queryItemValue(u"private_token"_s);
        const QByteArray token = m_options.gitLabToken.toUtf8();
        if ((!privateToken.isEmpty() && privateToken == token) || (!bearer.isEmpty() && bearer == token)
            || (!queryToken.isEmpty() && queryToken == m_options.gitLabToken))
            return std::nullopt;
        return GitLabApi::message(401, u"401 Unauthorized"_s);
    }
    if (bearer.isEmpty()) {
        if (authorization.isEmpty())
            return SentryApi::detail(401, u"Authentication credentials were not provided."_s);
        return SentryApi::detail(401, u"Invalid token header. No credentials provided."_s);
    }
    if (bearer == m_options.sentryToken.toUtf8())
        return std::nullopt;
    return SentryApi::detail(401, bearer.startsWith("sntrys_") ? u"Invalid org token"_s : u"Invalid token"_s);
}

void Sandbox::addServiceHeaders(HttpResponse &response, const QString &service, bool rateLimited)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    if (service == "gitlab"_L1) {
        Window &window = m_gitLabWindow;
        if (now - window.start >= 60) {
            window.start = now - now % 60;
            window.observed = 0;
        }
        ++window.observed;
        const int limit = m_options.gitLabRateLimit;
        const int observed = rateLimited ? limit + 1 : window.observed;
        response.setHeader("Cache-Control", "max-age=0, private, must-revalidate");
        response.setHeader("Vary", "Origin");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "SAMEORIGIN");
        const QByteArray requestId = QByteArray::number(++m_requestCounter, 36).toUpper().rightJustified(26, '0');
        response.setHeader("X-Request-Id", requestId);
        response.setHeader("X-Gitlab-Meta", "{\"correlation_id\":\"" + requestId + "\",\"version\":\"1\"}");
        response.setHeader("X-Runtime", "0.041200");
        if (response.status == 200 && response.header("Content-Type").startsWith("application/json")) {
            response.setHeader("ETag",
                               "W/\"" + QCryptographicHash::hash(response.body, QCryptographicHash::Md5).toHex() + '"');
        }
        response.setHeader("RateLimit-Name", "throttle_authenticated_api");
        response.setHeader("RateLimit-Limit", QByteArray::number(limit));
        response.setHeader("RateLimit-Observed", QByteArray::number(observed));
        response.setHeader("RateLimit-Remaining", QByteArray::number(std::max(0, limit - observed)));
        response.setHeader("RateLimit-Reset", QByteArray::number(window.start + 60));
        return;
    }
    Window &window = m_sentryWindow;
    if (now != window.start) {
        window.start = now;
        window.observed = 0;
    }
    ++window.observed;
    const int limit = m_options.sentryRateLimit;
    response.setHeader("Allow", "GET, POST, PUT, HEAD, OPTIONS");
    response.setHeader("Vary", "Accept, Authorization, Cookie");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Sentry-Rate-Limit-Limit", QByteArray::number(limit));
    response.setHeader("X-Sentry-Rate-Limit-Remaining",
                       QByteArray::number(rateLimited ? 0 : std::max(0, limit - window.observed)));
    response.setHeader("X-Sentry-Rate-Limit-Reset", QByteArray::number(now + 1));
    response.setHeader("X-Sentry-Rate-Limit-ConcurrentLimit", "25");
    response.setHeader("X-Sentry-Rate-Limit-ConcurrentRemaining", "24");
}

void Sandbox::record(const HttpRequest &request, const HttpResponse &response, const QString &fault)
{
    QJsonObject entry {
        {u"method"_s, QString::fromLatin1(request.method)},
        {u"path"_s, QString::fromLatin1(request.rawPath)},
        {u"query"_s, QString::fromLatin1(request.rawQuery)},
        {u"status"_s,
         response.delivery == HttpResponse::Delivery::Normal || response.delivery == HttpResponse::Delivery::Truncate
             ? response.status
             : 0},
        {u"at"_s, isoMs(QDateTime::currentDateTimeUtc())},
    };
    if (!fault.isEmpty())
        entry.insert(u"fault"_s, fault);
    m_requests.append(entry);
    while (m_requests.size() > MaxRecordedRequests)
        m_requests.removeFirst();
}

} // namespace Shipdeck::Sandbox
