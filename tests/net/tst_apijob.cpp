#include "httptestserver.h"
#include "net/apijob.h"
#include "net/networkaccess.h"
#include "shipdeck_version.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace std::chrono_literals;
using Shipdeck::ApiError;
using Shipdeck::ApiJob;
using Shipdeck::ApiRequest;
using Shipdeck::RetryPolicy;
using Shipdeck::Test::HeaderList;
using Shipdeck::Test::HttpTestServer;
using Kind = Shipdeck::ApiError::Kind;

Q_DECLARE_METATYPE(Shipdeck::ApiError::Kind)

namespace {

/// Short delays so retries stay fast; the server-requested delays are capped at maxDelay.
RetryPolicy fastPolicy(int maxAttempts = 4, std::chrono::milliseconds maxDelay = 2000ms)
{
    return RetryPolicy {maxAttempts, 10ms, maxDelay};
}

QByteArray httpDate(const QDateTime &dateTime)
{
    return QLocale::c().toString(dateTime.toUTC(), u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s).toLatin1();
}

QByteArray epochIn(int seconds)
{
    return QByteArray::number(QDateTime::currentSecsSinceEpoch() + seconds);
}

} // namespace

class ApiJobTest : public QObject
{
    Q_OBJECT

private:
    /// Starts @p job and waits for finished(); true when it was emitted exactly once.
    bool run(ApiJob &job, int timeoutMs = 15000)
    {
        QSignalSpy spy(&job, &ApiJob::finished);
        job.start();
        if (spy.isEmpty() && !spy.wait(timeoutMs))
            return false;
        return spy.count() == 1 && job.isFinished() && spy.at(0).at(0).value<ApiJob *>() == &job;
    }

    ApiRequest get(const QString &path) const
    {
        ApiRequest request;
        request.url = m_server->url(path);
        return request;
    }

    QNetworkAccessManager *m_nam = nullptr;
    std::unique_ptr<HttpTestServer> m_server;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_nam = Shipdeck::createNetworkAccessManager(this);
    }

    void init()
    {
        m_server = std::make_unique<HttpTestServer>();
        QVERIFY(m_server->listen());
    }

    void cleanup() { m_server.reset(); }

    void networkAccessManagerIsSafe()
    {
        QCOMPARE(m_nam->redirectPolicy(), QNetworkRequest::NoLessSafeRedirectPolicy);
        QVERIFY(m_nam->isStrictTransportSecurityEnabled());
        QCOMPARE(Shipdeck::userAgent(), QByteArrayLiteral("Shipdeck/" SHIPDECK_VERSION_STRING));
    }

    void successWithJson()
    {
        m_server->respondJson(u"/api/v4/projects"_s, 200, R"([{"id":1},{"id":2}])"_ba);
        ApiRequest request = get(u"/api/v4/projects?per_page=100"_s);
        request.headers.append({"PRIVATE-TOKEN"_ba, "glpat-test"_ba});
        ApiJob job(m_nam, request);
        QVERIFY(run(job));

        QVERIFY(!job.hasError());
        QCOMPARE(job.error().kind, Kind::None);
        QCOMPARE(job.httpStatus(), 200);
        QCOMPARE(job.attempts(), 1);
        QVERIFY(job.json().isArray());
        QCOMPARE(job.json().array().size(), 2);
        QCOMPARE(job.json().array().at(1).toObject().value("id"_L1).toInt(), 2);
        QCOMPARE(job.rawHeader("content-type"_ba), "application/json"_ba);
        QCOMPARE(job.serverRequestedDelay(), 0ms);

        const auto requests = m_server->requests();
        QCOMPARE(requests.size(), 1);
        QCOMPARE(requests.at(0).method, "GET"_ba);
        QCOMPARE(requests.at(0).target, "/api/v4/projects?per_page=100"_ba);
        QCOMPARE(requests.at(0).header("private-token"_ba), "glpat-test"_ba);
        QCOMPARE(requests.at(0).header("Accept"_ba), "application/json"_ba);
    }

    void userAgentHeaderSent()
    {
        m_server->respondJson(u"/ua"_s, 200, "{}"_ba);
        ApiJob job(m_nam, get(u"/ua"_s));
        QVERIFY(run(job));
        QCOMPARE(m_server->requestCount(u"/ua"_s), 1);
        const QByteArray agent = m_server->requests().at(0).header("User-Agent"_ba);
        QVERIFY2(agent.startsWith("Shipdeck/"), agent.constData());
        QCOMPARE(agent, Shipdeck::userAgent());
    }

    void nonIdempotentRequestsSent_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");

        QTest::newRow("POST with body") << "POST"_ba << R"({"ref":"main"})"_ba << 201;
        QTest::newRow("POST without body") << "POST"_ba << QByteArray() << 201;
        QTest::newRow("PUT") << "PUT"_ba << R"({"dateReleased":"2026-03-01T12:00:00Z"})"_ba << 200;
        QTest::newRow("PATCH") << "PATCH"_ba << R"({"status":"resolved"})"_ba << 200;
        QTest::newRow("DELETE") << "DELETE"_ba << QByteArray() << 204;
    }

    void nonIdempotentRequestsSent()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, body);
        QFETCH(int, status);

        m_server->respondJson(u"/api/v4/projects/1/pipeline"_s, status,
                              status == 204 ? QByteArray() : R"({"id":42,"status":"created"})"_ba);
        ApiRequest request = get(u"/api/v4/projects/1/pipeline"_s);
        request.method = method;
        request.body = body;
        ApiJob job(m_nam, request);
        QVERIFY(run(job));
        QVERIFY2(!job.hasError(), qPrintable(job.error().message));
        QCOMPARE(job.httpStatus(), status);
        if (status != 204)
            QCOMPARE(job.json().object().value("id"_L1).toInt(), 42);
        const auto requests = m_server->requests();
        QCOMPARE(requests.size(), 1);
        QCOMPARE(requests.at(0).method, method);
        QCOMPARE(requests.at(0).body, body);
        QCOMPARE(requests.at(0).header("Content-Length"_ba), QByteArray::number(body.size()));
        if (!body.isEmpty())
            QCOMPARE(requests.at(0).header("Content-Type"_ba), "application/json"_ba);
    }

    void nonIdempotentNotResentAfterReset_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("POST") << "POST"_ba << R"({"ref":"main"})"_ba;
        QTest::newRow("POST without body") << "POST"_ba << QByteArray();
        QTest::newRow("PUT") << "PUT"_ba << "{}"_ba;
        QTest::newRow("DELETE") << "DELETE"_ba << QByteArray();
    }

    void nonIdempotentNotResentAfterReset()
    {
        // Qt's HTTP/1 stack repeats a request on its own when the connection dies before the answer; for an
        // action (retry a pipeline, roll back) that must not happen.
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, body);
        m_server->reset(u"/api/v4/projects/1/deployments"_s);
        ApiRequest request = get(u"/api/v4/projects/1/deployments"_s);
        request.method = method;
        request.body = body;
        ApiJob job(m_nam, request);
        job.setRetryPolicy(fastPolicy(4));
        QVERIFY(run(job));
        QCOMPARE(job.error().kind, Kind::Network);
        QCOMPARE(job.attempts(), 1);
        QCOMPARE(m_server->requestCount(u"/api/v4/projects/1/deployments"_s), 1);
    }

    void httpErrors_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<QString>("serverMessage");
        QTest::addColumn<QString>("messageFragment");
        QTest::addColumn<bool>("transient");

        const QByteArray json = "application/json"_ba;
        QTest::newRow("401 GitLab") << 401 << json << R"({"message":"401 Unauthorized"})"_ba << Kind::Unauthorized
                                    << u"401 Unauthorized"_s
                                    << u"The token was rejected (HTTP 401). Check that it is valid and not expired."_s
                                    << false;
        QTest::newRow("401 Sentry") << 401 << json << R"({"detail":"Invalid token"})"_ba << Kind::Unauthorized
                                    << u"Invalid token"_s << u"(HTTP 401)"_s << false;
        QTest::newRow("403 GitLab OAuth scope")
            << 403 << json
            << R"({"error":"insufficient_scope","error_description":"The request requires higher privileges than provided by the access token.","scope":"api"})"_ba
            << Kind::Forbidden << u"The request requires higher privileges than provided by the access token."_s
            << u"Access denied (HTTP 403): The request requires higher privileges"_s << false;
        QTest::newRow("403 Sentry") << 403 << json
                                    << R"({"detail":"You do not have permission to perform this action."})"_ba
                                    << Kind::Forbidden << u"You do not have permission to perform this action."_s
                                    << u"Access denied (HTTP 403): You do not have permission"_s << false;
        QTest::newRow("404 GitLab") << 404 << json << R"({"message":"404 Project Not Found"})"_ba << Kind::NotFound
                                    << u"404 Project Not Found"_s << u"Not found (HTTP 404): 404 Project Not Found"_s
                                    << false;
        QTest::newRow("404 without body") << 404 << QByteArray() << QByteArray() << Kind::NotFound << QString()
                                          << u"Not found (HTTP 404): http://127.0.0.1:"_s << false;
        QTest::newRow("400 GitLab validation object")
            << 400 << json << R"json({"message":{"bio":["is too long (maximum is 255 characters)"]}})json"_ba
            << Kind::ClientError << u"bio: is too long (maximum is 255 characters)"_s << u"(HTTP 400)"_s << false;
        QTest::newRow("422 Sentry detail list")
            << 422 << json << R"({"detail":["first problem","second"]})"_ba << Kind::ClientError
            << u"first problem; second"_s << u"first problem; second"_s << false;
        QTest::newRow("409 plain text stays plain")
            << 409 << "text/plain"_ba << "Conflict: <b>already</b> running\n"_ba << Kind::ClientError
            << u"Conflict: <b>already</b> running"_s << u"<b>already</b>"_s << false;
        QTest::newRow("429 GitLab plain text, no retries left")
            << 429 << "text/plain"_ba << "Retry later\n"_ba << Kind::RateLimited << u"Retry later"_s
            << u"Rate limited (HTTP 429)."_s << true;
        QTest::newRow("500 GitLab") << 500 << json << R"({"message":"500 Internal Server Error"})"_ba
                                    << Kind::ServerError << u"500 Internal Server Error"_s
                                    << u"The server had an error (HTTP 500)."_s << true;
        QTest::newRow("502 proxy HTML page")
            << 502 << "text/html"_ba
            << "<html><body><h1>502 Bad Gateway</h1></body></html>"_ba << Kind::ServerError << QString()
            << u"The server had an error (HTTP 502)."_s << true;
        QTest::newRow("501 is not transient")
            << 501 << QByteArray() << QByteArray() << Kind::ServerError << QString() << u"(HTTP 501)"_s << false;
    }

    void httpErrors()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        QFETCH(Kind, kind);
        QFETCH(QString, serverMessage);
        QFETCH(QString, messageFragment);
        QFETCH(bool, transient);

        HeaderList headers;
        if (!contentType.isEmpty())
            headers.append({"Content-Type"_ba, contentType});
        m_server->respond(u"/api/resource"_s, status, body, headers);

        ApiJob job(m_nam, get(u"/api/resource"_s));
        job.setRetryPolicy(fastPolicy(1)); // classification only; retries are tested below
        QVERIFY(run(job));

        QVERIFY(job.hasError());
        QCOMPARE(job.error().kind, kind);
        QCOMPARE(job.error().httpStatus, status);
        QCOMPARE(job.httpStatus(), status);
        QCOMPARE(job.error().serverMessage, serverMessage);
        QVERIFY2(job.error().message.contains(messageFragment), qPrintable(job.error().message));
        if (!serverMessage.isEmpty())
            QVERIFY2(job.error().message.contains(serverMessage), qPrintable(job.error().message));
        QCOMPARE(job.error().isTransient(), transient);
        QCOMPARE(job.attempts(), 1);
        QCOMPARE(m_server->requestCount(u"/api/resource"_s), 1);
    }

    void rateLimitRetryDelay_data()
    {
        QTest::addColumn<HeaderList>("headers");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("maxDelayMs");
        QTest::addColumn<int>("minExpectedMs");
        QTest::addColumn<int>("maxExpectedMs");
        QTest::addColumn<QString>("serverMessage");

        const QDateTime now = QDateTime::currentDateTimeUtc();
        QTest::newRow("Retry-After seconds")
            << HeaderList {{"Retry-After"_ba, "1"_ba}} << "Retry later"_ba << 60000 << 1000 << 1000 << u"Retry later"_s;
        QTest::newRow("Retry-After capped by maxDelay")
            << HeaderList {{"Retry-After"_ba, "3600"_ba}} << QByteArray() << 150 << 150 << 150 << QString();
        QTest::newRow("Retry-After HTTP-date")
            << HeaderList {{"Date"_ba, httpDate(now)}, {"Retry-After"_ba, httpDate(now.addSecs(3600))}} << QByteArray()
            << 150 << 150 << 150 << QString();
        QTest::newRow("GitLab RateLimit-Reset") << HeaderList {{"RateLimit-Limit"_ba, "600"_ba},
                                                               {"RateLimit-Remaining"_ba, "0"_ba},
                                                               {"RateLimit-Reset"_ba, epochIn(60)}}
                                                << QByteArray() << 150 << 150 << 150 << QString();
        QTest::newRow("Sentry 429 without Retry-After")
            << HeaderList {{"Content-Type"_ba, "application/json"_ba},
                           {"X-Sentry-Rate-Limit-Limit"_ba, "40"_ba},
                           {"X-Sentry-Rate-Limit-Remaining"_ba, "0"_ba},
                           {"X-Sentry-Rate-Limit-Reset"_ba, epochIn(60)}}
            << R"({"detail":"You are attempting to use this endpoint too frequently. Limit is 40 requests in 1 seconds"})"_ba
            << 150 << 150 << 150
            << u"You are attempting to use this endpoint too frequently. Limit is 40 requests in 1 seconds"_s;
        QTest::newRow("no hint: jittered backoff") << HeaderList() << QByteArray() << 60000 << 0 << 10 << QString();
    }

    void rateLimitRetryDelay()
    {
        QFETCH(HeaderList, headers);
        QFETCH(QByteArray, body);
        QFETCH(int, maxDelayMs);
        QFETCH(int, minExpectedMs);
        QFETCH(int, maxExpectedMs);
        QFETCH(QString, serverMessage);

        HttpTestServer::Response limited;
        limited.status = 429;
        limited.headers = headers;
        limited.body = body;
        m_server->enqueue(u"/api/0/organizations/acme/releases/"_s, limited);
        m_server->enqueue(u"/api/0/organizations/acme/releases/"_s, HttpTestServer::jsonResponse(200, "[]"_ba));

        ApiJob job(m_nam, get(u"/api/0/organizations/acme/releases/"_s));
        job.setRetryPolicy(fastPolicy(4, std::chrono::milliseconds(maxDelayMs)));
        QSignalSpy retrying(&job, &ApiJob::retrying);
        QVERIFY(run(job));

        QVERIFY2(!job.hasError(), qPrintable(job.error().message));
        QCOMPARE(job.attempts(), 2);
        QCOMPARE(m_server->requestCount(u"/api/0/organizations/acme/releases/"_s), 2);
        QCOMPARE(retrying.count(), 1);
        QCOMPARE(retrying.at(0).at(0).toInt(), 2);
        const auto delay = retrying.at(0).at(1).value<std::chrono::milliseconds>();
        QVERIFY2(delay.count() >= minExpectedMs && delay.count() <= maxExpectedMs,
                 qPrintable(QString::number(delay.count())));
        const auto error = retrying.at(0).at(2).value<ApiError>();
        QCOMPARE(error.kind, Kind::RateLimited);
        QCOMPARE(error.httpStatus, 429);
        QCOMPARE(error.serverMessage, serverMessage);
        QVERIFY2(error.message.startsWith(u"Rate limited (HTTP 429); retrying in "_s), qPrintable(error.message));
    }

    void serverRequestedDelayForPollers()
    {
        // A 429 that is not retried still tells the caller how long to wait.
        m_server->respond(u"/limited"_s, 429, "Retry later"_ba, {{"Retry-After"_ba, "30"_ba}});
        ApiJob limited(m_nam, get(u"/limited"_s));
        limited.setRetryPolicy(fastPolicy(1));
        QVERIFY(run(limited));
        QCOMPARE(limited.error().kind, Kind::RateLimited);
        QCOMPARE(limited.serverRequestedDelay(), 30000ms);
        QVERIFY2(limited.error().message.contains(u"try again in 30 second"_s), qPrintable(limited.error().message));

        // A success that exhausted the quota: wait until the reset.
        m_server->respondJson(u"/exhausted"_s, 200, "[]"_ba,
                              {{"RateLimit-Limit"_ba, "600"_ba},
                               {"RateLimit-Remaining"_ba, "0"_ba},
                               {"RateLimit-Reset"_ba, epochIn(120)}});
        ApiJob exhausted(m_nam, get(u"/exhausted"_s));
        QVERIFY(run(exhausted));
        QVERIFY(!exhausted.hasError());
        QCOMPARE(exhausted.rateLimit().limit, 600);
        QCOMPARE(exhausted.rateLimit().remaining, 0);
        QVERIFY(exhausted.rateLimit().reset.isValid());
        QVERIFY2(exhausted.serverRequestedDelay() > 100s && exhausted.serverRequestedDelay() <= 121s,
                 qPrintable(QString::number(exhausted.serverRequestedDelay().count())));
    }

    void transientFailuresRetried_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<int>("status");

        for (int status : {500, 502, 503, 504})
            QTest::addRow("GET %d", status) << "GET"_ba << status;
        QTest::newRow("HEAD 503") << "HEAD"_ba << 503;
    }

    void transientFailuresRetried()
    {
        QFETCH(QByteArray, method);
        QFETCH(int, status);

        m_server->enqueue(u"/flaky"_s, HttpTestServer::jsonResponse(status, R"({"message":"try again"})"_ba));
        m_server->enqueue(u"/flaky"_s, HttpTestServer::jsonResponse(status, R"({"message":"try again"})"_ba));
        m_server->enqueue(u"/flaky"_s, HttpTestServer::jsonResponse(200, R"({"ok":true})"_ba));

        ApiRequest request = get(u"/flaky"_s);
        request.method = method;
        ApiJob job(m_nam, request);
        job.setRetryPolicy(fastPolicy(4));
        QSignalSpy retrying(&job, &ApiJob::retrying);
        QVERIFY(run(job));

        QVERIFY2(!job.hasError(), qPrintable(job.error().message));
        QCOMPARE(job.httpStatus(), 200);
        QCOMPARE(job.attempts(), 3);
        QCOMPARE(m_server->requestCount(u"/flaky"_s), 3);
        QCOMPARE(m_server->requests().at(2).method, method);
        QCOMPARE(retrying.count(), 2);
        // Full jitter: before attempt k+1 the delay is in [0, base * 2^(k-1)].
        QCOMPARE(retrying.at(0).at(0).toInt(), 2);
        QVERIFY(retrying.at(0).at(1).value<std::chrono::milliseconds>() <= 10ms);
        QCOMPARE(retrying.at(1).at(0).toInt(), 3);
        QVERIFY(retrying.at(1).at(1).value<std::chrono::milliseconds>() <= 20ms);
        QCOMPARE(retrying.at(0).at(2).value<ApiError>().kind, Kind::ServerError);
        QCOMPARE(retrying.at(0).at(2).value<ApiError>().httpStatus, status);
    }

    void retriesExhausted()
    {
        m_server->respondJson(u"/down"_s, 503, R"({"message":"503 Service Unavailable"})"_ba);
        ApiJob job(m_nam, get(u"/down"_s));
        job.setRetryPolicy(fastPolicy(3));
        QSignalSpy retrying(&job, &ApiJob::retrying);
        QVERIFY(run(job));

        QCOMPARE(job.error().kind, Kind::ServerError);
        QCOMPARE(job.error().httpStatus, 503);
        QCOMPARE(job.attempts(), 3);
        QCOMPARE(retrying.count(), 2);
        QCOMPARE(m_server->requestCount(u"/down"_s), 3);
        QVERIFY(job.error().message.contains(u"503 Service Unavailable"_s));
    }

    void nonIdempotentNeverRetried_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<int>("status");
        QTest::addColumn<Kind>("kind");

        for (const QByteArray &method : {"POST"_ba, "PUT"_ba, "DELETE"_ba, "PATCH"_ba}) {
            QTest::addRow("%s 503", method.constData()) << method << 503 << Kind::ServerError;
            QTest::addRow("%s 429", method.constData()) << method << 429 << Kind::RateLimited;
        }
    }

    void nonIdempotentNeverRetried()
    {
        QFETCH(QByteArray, method);
        QFETCH(int, status);
        QFETCH(Kind, kind);

        m_server->enqueue(u"/api/v4/projects/1/jobs/7/retry"_s,
                          HttpTestServer::jsonResponse(status, "{}"_ba, {{"Retry-After"_ba, "0"_ba}}));
        m_server->enqueue(u"/api/v4/projects/1/jobs/7/retry"_s, HttpTestServer::jsonResponse(201, "{}"_ba));

        ApiRequest request = get(u"/api/v4/projects/1/jobs/7/retry"_s);
        request.method = method;
        request.body = R"({"force":true})"_ba;
        ApiJob job(m_nam, request);
        job.setRetryPolicy(fastPolicy(4));
        QSignalSpy retrying(&job, &ApiJob::retrying);
        QVERIFY(run(job));

        QCOMPARE(job.error().kind, kind);
        QCOMPARE(job.attempts(), 1);
        QCOMPARE(retrying.count(), 0);
        const auto requests = m_server->requests();
        QCOMPARE(requests.size(), 1);
        QCOMPARE(requests.at(0).method, method);
        QCOMPARE(requests.at(0).body, request.body);
    }

    void timeout()
    {
        m_server->stall(u"/slow"_s);
        ApiRequest request = get(u"/slow"_s);
        request.timeout = 200ms;
        ApiJob job(m_nam, request);
        job.setRetryPolicy(fastPolicy(2));
        QSignalSpy retrying(&job, &ApiJob::retrying);
        QVERIFY(run(job));

        QCOMPARE(job.error().kind, Kind::Timeout);
        QCOMPARE(job.error().httpStatus, 0);
        QVERIFY2(job.error().message.contains(u"did not answer within 200 milliseconds"_s),
                 qPrintable(job.error().message));
        QCOMPARE(job.attempts(), 2);
        QCOMPARE(retrying.count(), 1);
        QCOMPARE(retrying.at(0).at(2).value<ApiError>().kind, Kind::Timeout);
        QCOMPARE(m_server->requestCount(u"/slow"_s), 2);
    }

    void delayedAnswerWithinTimeout()
    {
        HttpTestServer::Response response = HttpTestServer::jsonResponse(200, "[1]"_ba);
        response.delay = 100ms;
        m_server->setResponse(u"/late"_s, response);
        ApiRequest request = get(u"/late"_s);
        request.timeout = 2s;
        ApiJob job(m_nam, request);
        QVERIFY(run(job));
        QVERIFY2(!job.hasError(), qPrintable(job.error().message));
        QCOMPARE(job.json().array().size(), 1);
    }

    void connectionReset()
    {
        m_server->reset(u"/reset"_s);
        ApiJob job(m_nam, get(u"/reset"_s));
        job.setRetryPolicy(fastPolicy(2));
        QSignalSpy retrying(&job, &ApiJob::retrying);
        QVERIFY(run(job));

        QCOMPARE(job.error().kind, Kind::Network);
        QCOMPARE(job.error().httpStatus, 0);
        QVERIFY(job.error().message.contains(u"127.0.0.1"_s));
        QCOMPARE(job.attempts(), 2);
        QCOMPARE(retrying.count(), 1);
        // Qt's HTTP stack may itself resend a request whose connection died before any answer.
        QVERIFY(m_server->requestCount(u"/reset"_s) >= 2);
    }

    void truncatedBody_data()
    {
        QTest::addColumn<bool>("chunked");
        QTest::addColumn<QString>("messageFragment");

        QTest::newRow("Content-Length") << false << u"The response was cut off after 40 of 100 bytes."_s;
        QTest::newRow("chunked") << true << u"The response was cut off after 6 bytes."_s;
    }

    void truncatedBody()
    {
        QFETCH(bool, chunked);
        QFETCH(QString, messageFragment);

        if (chunked) {
            m_server->chunked(u"/cut"_s, {"[1,2,"_ba, "3"_ba, ",4]"_ba}, 2);
        } else {
            QByteArray full = "[" + QByteArray(98, ' ') + "]";
            m_server->truncate(u"/cut"_s, full, 40);
        }
        ApiJob job(m_nam, get(u"/cut"_s));
        job.setRetryPolicy(fastPolicy(2));
        QSignalSpy retrying(&job, &ApiJob::retrying);
        QVERIFY(run(job));

        QCOMPARE(job.error().kind, Kind::TruncatedBody);
        QCOMPARE(job.error().httpStatus, 200);
        QVERIFY2(job.error().message.contains(messageFragment), qPrintable(job.error().message));
        QCOMPARE(job.attempts(), 2); // transient: retried
        QCOMPARE(retrying.count(), 1);
    }

    void truncatedThenComplete()
    {
        HttpTestServer::Response cut = HttpTestServer::jsonResponse(200, "[1,2,3]"_ba);
        cut.action = HttpTestServer::Response::Action::Truncate;
        cut.truncateAt = 3;
        m_server->enqueue(u"/cut"_s, cut);
        m_server->enqueue(u"/cut"_s, HttpTestServer::jsonResponse(200, "[1,2,3]"_ba));
        ApiJob job(m_nam, get(u"/cut"_s));
        job.setRetryPolicy(fastPolicy(3));
        QVERIFY(run(job));
        QVERIFY2(!job.hasError(), qPrintable(job.error().message));
        QCOMPARE(job.attempts(), 2);
        QCOMPARE(job.json().array().size(), 3);
    }

    void chunkedComplete()
    {
        m_server->chunked(u"/chunks"_s, {"[1,2,"_ba, "3"_ba, ",4]"_ba});
        ApiJob job(m_nam, get(u"/chunks"_s));
        QVERIFY(run(job));
        QVERIFY2(!job.hasError(), qPrintable(job.error().message));
        QCOMPARE(job.body(), "[1,2,3,4]"_ba);
        QCOMPARE(job.json().array().size(), 4);
    }

    void streaming_data()
    {
        QTest::addColumn<bool>("chunked");
        QTest::newRow("Content-Length") << false;
        QTest::newRow("chunked") << true;
    }
    void streaming()
    {
        QFETCH(bool, chunked);
        // 4 MiB of log lines: handed out in order, in several pieces, and not kept.
        QByteArray log;
        for (int i = 0; log.size() < 4 * 1024 * 1024; ++i)
            log += "line " + QByteArray::number(i) + " \x1b[32mok\x1b[0m\n";
        if (chunked) {
            QList<QByteArray> chunks;
            for (qsizetype at = 0; at < log.size(); at += 256 * 1024)
                chunks.append(log.mid(at, 256 * 1024));
            m_server->chunked(u"/trace"_s, chunks);
        } else {
            m_server->respond(u"/trace"_s, 200, log, {{"Content-Type", "text/plain"}});
        }
        ApiRequest request = get(u"/trace"_s);
        request.expectJson = false;
        ApiJob job(m_nam, request);
        job.setStreaming(true);
        QByteArray received;
        int pieces = 0;
        connect(&job, &ApiJob::dataReceived, this, [&](const QByteArray &data) {
            received += data;
            ++pieces;
        });
        QVERIFY(run(job));
        QVERIFY2(!job.hasError(), qPrintable(job.error().message));
        QCOMPARE(received.size(), log.size());
        QVERIFY(received == log);
        // How many pieces depends on the scheduler (a loaded machine may read it all at once); that bytes are
        // handed out before the body is complete is shown by streamingCutOffIsNotRetried().
        QVERIFY(pieces >= 1);
        QVERIFY(job.body().isEmpty());
        QCOMPARE(job.bytesReceived(), log.size());
    }

    void streamingErrorBodyIsKept()
    {
        m_server->respondJson(u"/trace"_s, 404, R"({"message":"404 Not found"})"_ba);
        ApiRequest request = get(u"/trace"_s);
        request.expectJson = false;
        ApiJob job(m_nam, request);
        job.setStreaming(true);
        QSignalSpy pieces(&job, &ApiJob::dataReceived);
        QVERIFY(run(job));
        QCOMPARE(job.error().kind, Kind::NotFound);
        QCOMPARE(pieces.count(), 0);
        QVERIFY(job.error().message.contains(u"404 Not found"_s));
    }

    void streamingCutOffIsNotRetried()
    {
        // Once bytes were handed out, a retry would hand them out twice: the cut-off is reported instead.
        m_server->chunked(u"/trace"_s, {"first line\n"_ba, "second line\n"_ba, "third"_ba}, 2);
        ApiRequest request = get(u"/trace"_s);
        request.expectJson = false;
        ApiJob job(m_nam, request);
        job.setStreaming(true);
        job.setRetryPolicy(fastPolicy(3));
        QByteArray received;
        connect(&job, &ApiJob::dataReceived, this, [&](const QByteArray &data) { received += data; });
        QVERIFY(run(job));
        QCOMPARE(job.error().kind, Kind::TruncatedBody);
        QCOMPARE(job.attempts(), 1);
        QCOMPARE(received, "first line\nsecond line\n"_ba);
    }

    void streamingReceiverMayDeleteTheJob()
    {
        m_server->chunked(u"/trace"_s, {"a\n"_ba, "b\n"_ba});
        ApiRequest request = get(u"/trace"_s);
        request.expectJson = false;
        QPointer<ApiJob> job = new ApiJob(m_nam, request);
        job->setStreaming(true);
        QSignalSpy destroyed(job.data(), &QObject::destroyed);
        connect(job, &ApiJob::dataReceived, this, [&job](const QByteArray &) { delete job.data(); });
        job->start();
        QVERIFY(destroyed.wait(10000));
        QVERIFY(job.isNull());
    }

    void chunkedMalformedIsNotTruncated()
    {
        // Complete chunked body (terminating chunk sent) with garbage after the JSON: malformed, not cut off.
        m_server->chunked(u"/chunks"_s, {"[1,2]"_ba, "xyz"_ba});
        ApiJob job(m_nam, get(u"/chunks"_s));
        job.setRetryPolicy(fastPolicy(3));
        QVERIFY(run(job));
        QCOMPARE(job.error().kind, Kind::MalformedJson);
        QCOMPARE(job.attempts(), 1);
    }

    void jsonBodies_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("expectJson");
        QTest::addColumn<Kind>("kind");

        QTest::newRow("cut-off object") << 200 << R"({"id":1,"name":)"_ba << true << Kind::MalformedJson;
        QTest::newRow("HTML instead of JSON")
            << 200 << "<html><body>Sign in</body></html>"_ba << true << Kind::MalformedJson;
        QTest::newRow("trailing garbage") << 200 << "[1,2]xyz"_ba << true << Kind::MalformedJson;
        QTest::newRow("empty 204") << 204 << QByteArray() << true << Kind::None;
        QTest::newRow("valid object") << 200 << R"({"a":[1,{"b":null}]})"_ba << true << Kind::None;
        QTest::newRow("not parsed when not expected") << 200 << "plain text log"_ba << false << Kind::None;
    }

    void jsonBodies()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(bool, expectJson);
        QFETCH(Kind, kind);

        m_server->respond(u"/json"_s, status, body, {{"Content-Type"_ba, "application/json"_ba}});
        ApiRequest request = get(u"/json"_s);
        request.expectJson = expectJson;
        ApiJob job(m_nam, request);
        QVERIFY(run(job));

        QCOMPARE(job.error().kind, kind);
        QCOMPARE(job.httpStatus(), status);
        QCOMPARE(job.body(), body);
        QCOMPARE(job.attempts(), 1); // malformed JSON is not transient
        if (kind == Kind::MalformedJson) {
            QVERIFY2(job.error().message.startsWith(u"The server sent malformed JSON: "_s),
                     qPrintable(job.error().message));
            QVERIFY(job.json().isNull());
        }
        if (!expectJson)
            QVERIFY(job.json().isNull());
    }

    void tlsUntrustedCertificateRejected()
    {
        HttpTestServer tlsServer;
        QVERIFY(tlsServer.listen(HttpTestServer::Mode::Tls));
        tlsServer.respondJson(u"/secure"_s, 200, "[]"_ba);

        ApiRequest request;
        request.url = tlsServer.url(u"/secure"_s);
        QCOMPARE(request.url.scheme(), u"https"_s);
        ApiJob job(m_nam, request);
        job.setRetryPolicy(fastPolicy(3));
        QVERIFY(run(job));

        QCOMPARE(job.error().kind, Kind::Tls);
        QVERIFY2(job.error().message.startsWith(u"The secure connection to 127.0.0.1 failed: "_s),
                 qPrintable(job.error().message));
        QCOMPARE(job.attempts(), 1); // a rejected certificate is not transient
        QCOMPARE(tlsServer.requestCount(u"/secure"_s), 0);
    }

    void tlsTrustedCertificateAccepted_andHttpsToHttpRedirectRefused()
    {
        // With the test certificate trusted, the same server works: the rejection above is about trust only.
        QFile certFile(HttpTestServer::tlsDataDir() + u"/server.crt"_s);
        QVERIFY(certFile.open(QIODevice::ReadOnly));
        const QSslConfiguration original = QSslConfiguration::defaultConfiguration();
        QSslConfiguration trusting = original;
        trusting.addCaCertificate(QSslCertificate(&certFile, QSsl::Pem));
        QSslConfiguration::setDefaultConfiguration(trusting);
        auto restore = qScopeGuard([&original] { QSslConfiguration::setDefaultConfiguration(original); });

        HttpTestServer tlsServer;
        QVERIFY(tlsServer.listen(HttpTestServer::Mode::Tls));
        tlsServer.respondJson(u"/secure"_s, 200, R"(["ok"])"_ba);
        tlsServer.respond(u"/downgrade"_s, 302, QByteArray(),
                          {{"Location"_ba, m_server->url(u"/plain"_s).toEncoded()}});
        m_server->respondJson(u"/plain"_s, 200, R"(["leaked"])"_ba);

        ApiRequest secure;
        secure.url = tlsServer.url(u"/secure"_s);
        ApiJob ok(m_nam, secure);
        QVERIFY(run(ok));
        QVERIFY2(!ok.hasError(), qPrintable(ok.error().message));
        QCOMPARE(ok.json().array().at(0).toString(), u"ok"_s);

        ApiRequest downgrade;
        downgrade.url = tlsServer.url(u"/downgrade"_s);
        ApiJob refused(m_nam, downgrade);
        refused.setRetryPolicy(fastPolicy(3));
        QVERIFY(run(refused));
        QCOMPARE(refused.error().kind, Kind::Network);
        QVERIFY2(refused.error().message.contains(u"insecure"_s), qPrintable(refused.error().message));
        QCOMPARE(refused.attempts(), 1);
        QCOMPARE(m_server->requestCount(u"/plain"_s), 0);
    }

    void hostNotFound()
    {
        ApiRequest request;
        request.url = QUrl(u"http://shipdeck-test.invalid/api/v4/projects"_s);
        ApiJob job(m_nam, request);
        job.setRetryPolicy(fastPolicy(3));
        QVERIFY(run(job, 60000));
        QCOMPARE(job.error().kind, Kind::HostNotFound);
        QCOMPARE(job.error().message, u"Could not find the server “shipdeck-test.invalid” (DNS lookup failed)."_s);
        QCOMPARE(job.attempts(), 1);
    }

    void connectionRefused()
    {
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        } // closed again: nothing listens on the port now
        ApiRequest request;
        request.url = QUrl(u"http://127.0.0.1:%1/api"_s.arg(port));
        ApiJob job(m_nam, request);
        job.setRetryPolicy(fastPolicy(3));
        QVERIFY(run(job));
        QCOMPARE(job.error().kind, Kind::ConnectionRefused);
        QVERIFY(job.error().message.contains(u"127.0.0.1"_s));
    }

    void invalidUrl_data()
    {
        QTest::addColumn<QUrl>("url");
        QTest::newRow("empty") << QUrl();
        QTest::newRow("relative") << QUrl(u"/api/v4/projects"_s);
        QTest::newRow("ftp") << QUrl(u"ftp://example.com/file"_s);
        QTest::newRow("no host") << QUrl(u"http:///path"_s);
        QTest::newRow("file") << QUrl(u"file:///etc/passwd"_s);
    }

    void invalidUrl()
    {
        QFETCH(QUrl, url);
        ApiRequest request;
        request.url = url;
        ApiJob job(m_nam, request);
        QSignalSpy finished(&job, &ApiJob::finished);
        job.start();
        QCOMPARE(finished.count(), 0); // reported asynchronously, after the caller's connects
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(job.error().kind, Kind::InvalidUrl);
        QVERIFY(!job.error().message.isEmpty());
        QCOMPARE(job.attempts(), 0);
        QVERIFY(!job.error().isTransient());
    }

    void cancelWhileWaitingForAnswer()
    {
        m_server->stall(u"/slow"_s);
        QSignalSpy received(m_server.get(), &HttpTestServer::requestReceived);
        ApiJob job(m_nam, get(u"/slow"_s));
        QSignalSpy finished(&job, &ApiJob::finished);
        job.start();
        QVERIFY(received.wait(5000));

        job.cancel();
        QCOMPARE(finished.count(), 1);
        QCOMPARE(job.error().kind, Kind::Cancelled);
        QVERIFY(!job.error().message.isEmpty());
        QVERIFY(job.isFinished());
        job.cancel();
        job.start();
        QVERIFY(!finished.wait(200)); // no second finished(), no new request
        QCOMPARE(finished.count(), 1);
        QCOMPARE(m_server->requestCount(u"/slow"_s), 1);
    }

    void cancelDuringRetryWait()
    {
        m_server->respond(u"/busy"_s, 503, QByteArray(), {{"Retry-After"_ba, "60"_ba}});
        ApiJob job(m_nam, get(u"/busy"_s));
        job.setRetryPolicy(fastPolicy(4, 60000ms));
        QSignalSpy finished(&job, &ApiJob::finished);
        QSignalSpy retrying(&job, &ApiJob::retrying);
        job.start();
        QVERIFY(retrying.wait(5000));
        QCOMPARE(retrying.at(0).at(1).value<std::chrono::milliseconds>(), 60000ms);
        QCOMPARE(finished.count(), 0);

        job.cancel();
        QCOMPARE(finished.count(), 1);
        QCOMPARE(job.error().kind, Kind::Cancelled);
        QVERIFY(!finished.wait(200));
        QCOMPARE(m_server->requestCount(u"/busy"_s), 1);
    }

    void cancelBeforeStart()
    {
        ApiJob job(m_nam, get(u"/never"_s));
        QSignalSpy finished(&job, &ApiJob::finished);
        job.cancel();
        QCOMPARE(finished.count(), 1);
        QCOMPARE(job.error().kind, Kind::Cancelled);
        job.start();
        QVERIFY(!finished.wait(200));
        QCOMPARE(m_server->requests().size(), 0);
    }

    void deletingTheJobAbortsTheRequest()
    {
        m_server->stall(u"/slow"_s);
        QSignalSpy received(m_server.get(), &HttpTestServer::requestReceived);
        auto *job = new ApiJob(m_nam, get(u"/slow"_s));
        QSignalSpy finished(job, &ApiJob::finished);
        job->start();
        QVERIFY(received.wait(5000));
        QPointer<QNetworkReply> reply = job->findChild<QNetworkReply *>();
        QVERIFY(reply);
        delete job;
        QVERIFY(!reply); // the job owned its reply
    }

    void receiverMayDeleteTheJob_data()
    {
        QTest::addColumn<bool>("inRetrying");
        QTest::newRow("in finished()") << false;
        QTest::newRow("in retrying()") << true;
    }

    void receiverMayDeleteTheJob()
    {
        QFETCH(bool, inRetrying);
        m_server->respondJson(u"/busy"_s, 503, "{}"_ba);
        auto *job = new ApiJob(m_nam, get(u"/busy"_s));
        job->setRetryPolicy(fastPolicy(2));
        QSignalSpy destroyed(job, &QObject::destroyed);
        if (inRetrying)
            connect(job, &ApiJob::retrying, this, [job] { delete job; });
        else
            connect(job, &ApiJob::finished, this, [](ApiJob *finishedJob) { delete finishedJob; });
        job->start();
        QVERIFY(destroyed.wait(5000));
        QVERIFY(!destroyed.wait(200)); // and nothing blows up afterwards (deferred deletes, timers)
        QCOMPARE(m_server->requestCount(u"/busy"_s), inRetrying ? 1 : 2);
    }

    void startTwiceSendsOnce()
    {
        m_server->respondJson(u"/once"_s, 200, "[]"_ba);
        ApiJob job(m_nam, get(u"/once"_s));
        QSignalSpy finished(&job, &ApiJob::finished);
        job.start();
        job.start();
        QVERIFY(finished.wait(5000));
        QVERIFY(!finished.wait(200));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(m_server->requestCount(u"/once"_s), 1);
    }

    void nextPageUrlFromLinkHeader()
    {
        m_server->respondJson(u"/items"_s, 200, "[1]"_ba,
                              {{"Link"_ba, R"(</items?page=2>; rel="next", </items?page=9>; rel="last")"_ba}});
        ApiJob job(m_nam, get(u"/items?page=1"_s));
        QVERIFY(run(job));
        QCOMPARE(job.nextPageUrl(), m_server->url(u"/items?page=2"_s));
    }
};

QTEST_GUILESS_MAIN(ApiJobTest)
#include "tst_apijob.moc"
