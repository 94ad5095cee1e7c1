// End-to-end tests of shipdeck-sandbox: the built binary is started with QProcess and driven over HTTP with a plain
// QNetworkAccessManager, as a client of the real services would talk to them. The scenario clock is frozen
// (--speed 0) and moved with POST /_sandbox/advance, so nothing here sleeps.
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>

#if defined(Q_OS_LINUX)
#include <csignal>
#include <sys/prctl.h>
#endif
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

#include <functional>
#include <memory>
#include <numeric>

using namespace Qt::Literals::StringLiterals;

namespace {

struct Reply
{
    int status = 0;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    bool finished = false;

    [[nodiscard]] QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
    [[nodiscard]] bool hasHeader(const QByteArray &name) const
    {
        return std::any_of(headers.cbegin(), headers.cend(),
                           [&](const auto &pair) { return pair.first.compare(name, Qt::CaseInsensitive) == 0; });
    }
    [[nodiscard]] QJsonValue json() const
    {
        const QJsonDocument document = QJsonDocument::fromJson(body);
        if (document.isArray())
            return document.array();
        return document.object();
    }
    [[nodiscard]] QJsonObject object() const { return QJsonDocument::fromJson(body).object(); }
    [[nodiscard]] QJsonArray array() const { return QJsonDocument::fromJson(body).array(); }
};

/// A running shipdeck-sandbox and its start-up JSON line.
class SandboxProcess
{
public:
    bool start(const QStringList &extraArguments, QString *error)
    {
        QStringList arguments {u"--port"_s, u"0"_s, u"--speed"_s,      u"0"_s,
                               u"--seed"_s, u"7"_s, u"--start-time"_s, u"2026-08-20T10:00:00Z"_s};
        arguments += extraArguments;
        process.setProgram(QStringLiteral(SHIPDECK_SANDBOX_BINARY));
#if defined(Q_OS_LINUX)
        // A crashing test must not leave its sandbox running.
        process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
#endif
        process.setArguments(arguments);
        process.setProcessChannelMode(QProcess::SeparateChannels);
        process.start();
        if (!process.waitForStarted(10000)) {
            *error = u"cannot start "_s + process.program() + u": "_s + process.errorString();
            return false;
        }
        QSignalSpy output(&process, &QProcess::readyReadStandardOutput);
        QElapsedTimer timer;
        timer.start();
        while (!process.canReadLine() && process.state() == QProcess::Running && timer.elapsed() < 20000)
            output.wait(1000);
        if (!process.canReadLine()) {
            *error = u"no start-up line; stderr: "_s + QString::fromUtf8(process.readAllStandardError());
            return false;
        }
        const QByteArray line = process.readLine();
        QJsonParseError parseError;
        info = QJsonDocument::fromJson(line, &parseError).object();
        if (info.isEmpty()) {
            *error = u"the first line is not a JSON object: "_s + QString::fromUtf8(line);
            return false;
        }
        return true;
    }

    QProcess process;
    QJsonObject info;
};

double sum(const QList<double> &values)
{
    return std::accumulate(values.cbegin(), values.cend(), 0.0);
}

} // namespace

class SandboxTest : public QObject
{
    Q_OBJECT

private:
    Reply send(const QByteArray &method, const QUrl &url, const QByteArray &body = QByteArray(),
               const QList<std::pair<QByteArray, QByteArray>> &headers = {}, int transferTimeoutMs = 0)
    {
        QNetworkRequest request(url);
        for (const auto &[name, value] : headers)
            request.setRawHeader(name, value);
        if (!body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        if (transferTimeoutMs > 0)
            request.setTransferTimeout(transferTimeoutMs);
        QNetworkReply *reply = m_nam->sendCustomRequest(request, method, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(30000);
        Reply result;
        result.finished = reply->isFinished();
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->isOpen())
            result.body = reply->readAll();
        result.headers = reply->rawHeaderPairs();
        result.error = reply->error();
        reply->deleteLater();
        return result;
    }

    QUrl url(const QString &base, const QString &pathAndQuery) const { return QUrl(base + pathAndQuery); }

    Reply gitLab(const QByteArray &method, const QString &path, const QByteArray &body = QByteArray())
    {
        return send(method, url(m_gitLabApi, path), body,
                    {{"PRIVATE-TOKEN", m_sandbox->info.value(u"gitlab_token"_s).toString().toUtf8()}});
    }
    Reply gitLabGet(const QString &path) { return gitLab("GET", path); }

    Reply sentry(const QByteArray &method, const QString &path, const QByteArray &body = QByteArray())
    {
        return send(method, url(m_sentryApi, path), body, {{"Authorization", "Bearer " + m_sentry_token().toUtf8()}});
    }
    Reply sentryGet(const QString &path) { return sentry("GET", path); }
    QString m_sentry_token() const { return m_sandbox->info.value(u"sentry_token"_s).toString(); }

    Reply control(const QByteArray &method, const QString &path, const QJsonObject &body = QJsonObject())
    {
        return send(method, url(m_control, path),
                    body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact));
    }

    QJsonObject advance(int seconds)
    {
        const Reply reply = control("POST", u"/advance"_s, QJsonObject {{u"seconds"_s, seconds}});
        return reply.object();
    }

    void addFault(const QJsonObject &rule)
    {
        const Reply reply = send("POST", url(m_control, u"/faults"_s), QJsonDocument(rule).toJson());
        QCOMPARE(reply.status, 201);
    }

    QJsonObject job(int id) { return gitLabGet(u"/projects/42/jobs/%1"_s.arg(id)).object(); }

    /// The error counts of the events-timeseries series of @p release in @p environment over the last hour, in
    /// 5-minute buckets.
    QList<double> errorSeries(const QString &environment, const QString &release)
    {
        QString path = u"/organizations/acme/events-timeseries/?dataset=errors&yAxis=count()&statsPeriod=1h"
                       "&interval=300&environment=%1"_s.arg(environment);
        if (!release.isEmpty())
            path += u"&query="_s + QString::fromLatin1(QUrl::toPercentEncoding(u"release:\"%1\""_s.arg(release)));
        const Reply reply = sentryGet(path);
        QList<double> values;
        const QJsonArray series = reply.object().value(u"timeSeries"_s).toArray();
        for (const QJsonValue &value : series.at(0).toObject().value(u"values"_s).toArray())
            values.append(value.toObject().value(u"value"_s).toDouble());
        return values;
    }

    /// crash_free_rate(session) per release in production over the last @p period.
    QHash<QString, double> crashFreeByRelease(const QString &period)
    {
        const Reply reply = sentryGet(u"/organizations/acme/sessions/?field=sum(session)"
                                      "&field=crash_free_rate(session)&field=crash_free_rate(user)&groupBy=release"
                                      "&environment=production&interval=5m&statsPeriod="_s
                                      + period);
        QHash<QString, double> rates;
        for (const QJsonValue &group : reply.object().value(u"groups"_s).toArray()) {
            const QJsonObject object = group.toObject();
            rates.insert(object.value(u"by"_s).toObject().value(u"release"_s).toString(),
                         object.value(u"totals"_s).toObject().value(u"crash_free_rate(session)"_s).toDouble(-1));
        }
        return rates;
    }

    static QString nextLink(const QByteArray &link)
    {
        static const QRegularExpression next(u"<([^>]+)>; rel=\"next\""_s);
        return next.match(QString::fromLatin1(link)).captured(1);
    }

    std::unique_ptr<SandboxProcess> m_sandbox;
    QNetworkAccessManager *m_nam = nullptr;
    QString m_gitLabApi;
    QString m_sentryApi;
    QString m_control;
    int m_rolloutPipeline = 0;

private Q_SLOTS:
    void initTestCase()
    {
        m_nam = new QNetworkAccessManager(this);
        m_sandbox = std::make_unique<SandboxProcess>();
        QString error;
        QVERIFY2(m_sandbox->start({}, &error), qPrintable(error));
        m_gitLabApi = m_sandbox->info.value(u"gitlab_url"_s).toString() + u"/api/v4"_s;
        m_sentryApi = m_sandbox->info.value(u"sentry_url"_s).toString() + u"/api/0"_s;
        m_control = m_sandbox->info.value(u"control_url"_s).toString();
    }

    void cleanupTestCase()
    {
        if (m_sandbox && m_sandbox->process.state() != QProcess::NotRunning) {
            m_sandbox->process.kill();
            m_sandbox->process.waitForFinished(5000);
        }
    }

    void firstLineDescribesTheConnection()
    {
        const QJsonObject &info = m_sandbox->info;
        for (const char *key : {"gitlab_url", "gitlab_token", "gitlab_project", "sentry_url", "sentry_token",
                                "sentry_org", "sentry_projects", "environments"})
            QVERIFY2(info.contains(QLatin1StringView(key)), key);
        QVERIFY(info.value(u"gitlab_url"_s).toString().startsWith(u"http://127.0.0.1:"_s));
        QVERIFY(info.value(u"gitlab_url"_s).toString().endsWith(u"/gitlab"_s));
        QVERIFY(info.value(u"sentry_url"_s).toString().endsWith(u"/sentry"_s));
        QCOMPARE(info.value(u"gitlab_project"_s).toString(), u"acme/storefront"_s);
        QCOMPARE(info.value(u"sentry_org"_s).toString(), u"acme"_s);
        QCOMPARE(info.value(u"sentry_projects"_s).toArray(), (QJsonArray {u"storefront"_s, u"storefront-api"_s}));
        QCOMPARE(info.value(u"environments"_s).toArray(), (QJsonArray {u"staging"_s, u"production"_s}));
        QVERIFY(!info.value(u"gitlab_token"_s).toString().isEmpty());
        QVERIFY(!info.value(u"sentry_token"_s).toString().isEmpty());
    }

    void projectByIdOrEncodedPath()
    {
        const Reply byId = gitLabGet(u"/projects/42"_s);
        QCOMPARE(byId.status, 200);
        const Reply byPath = gitLabGet(u"/projects/acme%2Fstorefront"_s);
        QCOMPARE(byPath.status, 200);
        QCOMPARE(byPath.object().value(u"id"_s).toInt(), 42);
        QCOMPARE(byPath.object().value(u"path_with_namespace"_s).toString(), u"acme/storefront"_s);
        QCOMPARE(gitLabGet(u"/projects/acme%2Fother"_s).object().value(u"message"_s).toString(),
                 u"404 Project Not Found"_s);
    }

    void authenticationErrorsAreTheServicesOwn()
    {
        const QUrl project = url(m_gitLabApi, u"/projects/42"_s);
        Reply reply = send("GET", project);
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.object(), (QJsonObject {{u"message"_s, u"401 Unauthorized"_s}}));
        reply = send("GET", project, {}, {{"PRIVATE-TOKEN", "glpat-wrong"}});
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.object(), (QJsonObject {{u"message"_s, u"401 Unauthorized"_s}}));
        reply = send("GET", project, {},
                     {{"Authorization", "Bearer " + m_sandbox->info.value(u"gitlab_token"_s).toString().toUtf8()}});
        QCOMPARE(reply.status, 200);

        const QUrl organization = url(m_sentryApi, u"/organizations/acme/"_s);
        reply = send("GET", organization);
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.object(), (QJsonObject {{u"detail"_s, u"Authentication credentials were not provided."_s}}));
        reply = send("GET", organization, {}, {{"Authorization", "Bearer sntryu_wrong"}});
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.object(), (QJsonObject {{u"detail"_s, u"Invalid token"_s}}));
        reply = sentryGet(u"/organizations/acme/"_s);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.object().value(u"slug"_s).toString(), u"acme"_s);
        // Sentry needs the trailing slash.
        reply = sentryGet(u"/organizations/acme/releases"_s);
        QCOMPARE(reply.status, 404);
        QVERIFY(reply.body.contains("did you forget a trailing slash?"));
    }

    void gitLabPaginationHeaders()
    {
        const Reply first = gitLabGet(u"/projects/42/pipelines?per_page=5"_s);
        QCOMPARE(first.status, 200);
        QCOMPARE(first.array().size(), 5);
        const int total = first.header("X-Total").toInt();
        QVERIFY(total > 10);
        QCOMPARE(first.header("X-Page"), QByteArray("1"));
        QCOMPARE(first.header("X-Per-Page"), QByteArray("5"));
        QCOMPARE(first.header("X-Next-Page"), QByteArray("2"));
        QCOMPARE(first.header("X-Prev-Page"), QByteArray());
        QCOMPARE(first.header("X-Total-Pages").toInt(), (total + 4) / 5);
        QVERIFY(first.header("Link").contains("rel=\"first\""));
        QVERIFY(first.header("Link").contains("rel=\"last\""));
        QVERIFY(!first.header("Link").contains("rel=\"prev\""));
        QVERIFY(first.hasHeader("RateLimit-Limit"));
        QVERIFY(first.hasHeader("RateLimit-Remaining"));
        QVERIFY(first.hasHeader("RateLimit-Reset"));

        // Follow rel="next" to the end: every pipeline once, newest (highest id) first.
        QSet<int> seen;
        int previousId = std::numeric_limits<int>::max();
        QString next = url(m_gitLabApi, u"/projects/42/pipelines?per_page=5"_s).toString();
        int pages = 0;
        while (!next.isEmpty() && pages < 50) {
            const Reply page = send("GET", QUrl(next), {},
                                    {{"PRIVATE-TOKEN", m_sandbox->info.value(u"gitlab_token"_s).toString().toUtf8()}});
            QCOMPARE(page.status, 200);
            for (const QJsonValue &value : page.array()) {
                const int id = value.toObject().value(u"id"_s).toInt();
                QVERIFY(id < previousId);
                previousId = id;
                seen.insert(id);
            }
            next = nextLink(page.header("Link"));
            ++pages;
        }
        QCOMPARE(seen.size(), total);
        QCOMPARE(pages, (total + 4) / 5);
    }

    void sentryCursorPagination()
    {
        const Reply first = sentryGet(u"/organizations/acme/releases/?per_page=2"_s);
        QCOMPARE(first.status, 200);
        QCOMPARE(first.array().size(), 2);
        const QByteArray link = first.header("Link");
        QVERIFY2(link.contains("rel=\"previous\"; results=\"false\"; cursor=\""), link.constData());
        QVERIFY2(link.contains("rel=\"next\"; results=\"true\"; cursor=\""), link.constData());
        QVERIFY(first.hasHeader("X-Sentry-Rate-Limit-Limit"));
        QVERIFY(first.hasHeader("X-Sentry-Rate-Limit-Remaining"));
        QVERIFY(first.hasHeader("X-Sentry-Rate-Limit-Reset"));
        const QString next = nextLink(link);
        QVERIFY(next.contains(u"cursor="_s));
        const Reply second = send("GET", QUrl(next), {}, {{"Authorization", "Bearer " + m_sentry_token().toUtf8()}});
        QCOMPARE(second.status, 200);
        QCOMPARE(second.array().size(), 2);
        QVERIFY(second.array().at(0) != first.array().at(0));
        QVERIFY(second.header("Link").contains("rel=\"previous\"; results=\"true\""));
    }

    void deploymentsFilterAndSortRules()
    {
        // Default sort is ascending by id.
        Reply reply = gitLabGet(u"/projects/42/deployments?environment=production&per_page=100"_s);
        QCOMPARE(reply.status, 200);
        QJsonArray items = reply.array();
        QVERIFY(items.size() > 3);
        for (qsizetype i = 1; i < items.size(); ++i)
            QVERIFY(items.at(i - 1).toObject().value(u"id"_s).toInt() < items.at(i).toObject().value(u"id"_s).toInt());

        struct Case
        {
            QString query;
            QString message;
        };
        const QList<Case> refused {
            {u"order_by=finished_at"_s, u"`finished_at` filter and `finished_at` sorting must be paired"_s},
            {u"finished_after=2026-08-01T00:00:00Z&status=success"_s,
             u"`finished_at` filter and `finished_at` sorting must be paired"_s},
            {u"finished_after=2026-08-01T00:00:00Z&order_by=finished_at"_s,
             u"`finished_at` filter must be combined with `success` status filter."_s},
            {u"finished_after=2026-08-01T00:00:00Z&updated_after=2026-08-01T00:00:00Z&order_by=finished_at"
             "&status=success"_s,
             u"Both `updated_at` filter and `finished_at` filter can not be specified"_s},
        };
        for (const Case &c : refused) {
            reply = gitLabGet(u"/projects/42/deployments?environment=production&"_s + c.query);
            QCOMPARE(reply.status, 400);
            QCOMPARE(reply.object().value(u"message"_s).toString(), u"400 Bad request - "_s + c.message);
        }
        reply = gitLabGet(u"/projects/42/deployments?order_by=nonsense"_s);
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.object().value(u"error"_s).toString(), u"order_by does not have a valid value"_s);

        // The paired form works and sorts by finished_at.
        reply = gitLabGet(u"/projects/42/deployments?environment=production&status=success&order_by=finished_at"
                          "&sort=desc&finished_after=2026-07-01T00:00:00Z"_s);
        QCOMPARE(reply.status, 200);
        items = reply.array();
        QVERIFY(items.size() >= 5);
        for (const QJsonValue &item : std::as_const(items))
            QCOMPARE(item.toObject().value(u"status"_s).toString(), u"success"_s);
        QVERIFY(items.at(0).toObject().value(u"id"_s).toInt() > items.at(1).toObject().value(u"id"_s).toInt());
    }

    void planAndHistory()
    {
        Reply reply = gitLabGet(u"/projects/42/milestones?state=active"_s);
        QCOMPARE(reply.status, 200);
        QStringList titles;
        for (const QJsonValue &value : reply.array())
            titles.append(value.toObject().value(u"title"_s).toString());
        QVERIFY(titles.contains(u"1.7"_s) && titles.contains(u"1.8"_s));
        reply = gitLabGet(u"/projects/42/freeze_periods"_s);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.array().at(0).toObject().value(u"freeze_start"_s).toString(), u"0 18 * * 5"_s);
        reply = gitLabGet(u"/projects/42/releases"_s);
        QCOMPARE(reply.status, 200);
        const QJsonObject latest = reply.array().at(0).toObject();
        QCOMPARE(latest.value(u"tag_name"_s).toString(), u"v1.6.1"_s);
        QVERIFY(latest.value(u"description"_s).toString().contains(u"### fixed"_s));
        reply = gitLabGet(u"/projects/42/repository/changelog?version=1.7.0"_s);
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.object().value(u"notes"_s).toString().startsWith(u"## 1.7.0 (2026-08-20)"_s));
        QCOMPARE(gitLabGet(u"/projects/42/repository/changelog"_s).status, 400);
        reply = gitLabGet(u"/projects/42/repository/compare?from=v1.6.1&to=v1.7.0"_s);
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.object().value(u"commits"_s).toArray().size() >= 4);
        // The merge requests merged into main since 1.6.1 was released: the four of the rollout.
        const QString since = gitLabGet(u"/projects/42/releases/v1.6.1"_s).object().value(u"released_at"_s).toString();
        reply = gitLabGet(
            u"/projects/42/merge_requests?state=merged&target_branch=main&order_by=merged_at&updated_after="_s
            + QString::fromLatin1(QUrl::toPercentEncoding(since)) + u"&updated_before=2026-08-20T10:00:00Z"_s);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.array().size(), 4);
    }

    void rolloutAdvancesStageByStage()
    {
        Reply reply = gitLabGet(u"/projects/42/pipelines?ref=main&order_by=id&sort=desc&per_page=1"_s);
        QCOMPARE(reply.status, 200);
        const QJsonObject pipeline = reply.array().at(0).toObject();
        QCOMPARE(pipeline.value(u"status"_s).toString(), u"running"_s);
        m_rolloutPipeline = pipeline.value(u"id"_s).toInt();
        const QString updatedAt = pipeline.value(u"updated_at"_s).toString();

        auto statuses = [this] {
            QHash<QString, QString> byName;
            const Reply jobs = gitLabGet(u"/projects/42/pipelines/%1/jobs"_s.arg(m_rolloutPipeline));
            for (const QJsonValue &value : jobs.array())
                byName.insert(value.toObject().value(u"name"_s).toString(),
                              value.toObject().value(u"status"_s).toString());
            return byName;
        };
        QHash<QString, QString> jobs = statuses();
        QCOMPARE(jobs.value(u"build"_s), u"running"_s);
        QCOMPARE(jobs.value(u"deploy-production"_s), u"created"_s);

        // Step the clock and check the order in which the stages run.
        const QStringList order {u"build"_s, u"test"_s, u"deploy-staging"_s};
        int steps = 0;
        while (jobs.value(u"deploy-production"_s) != "manual"_L1 && steps++ < 60) {
            advance(30);
            jobs = statuses();
            for (qsizetype i = 1; i < order.size(); ++i) {
                const QString status = jobs.value(order.at(i));
                if (status == "running"_L1 || status == "success"_L1)
                    QCOMPARE(jobs.value(order.at(i - 1)), u"success"_s);
            }
        }
        QCOMPARE(jobs.value(u"deploy-staging"_s), u"success"_s);
        QCOMPARE(jobs.value(u"deploy-production"_s), u"manual"_s);

        reply = gitLabGet(u"/projects/42/pipelines/%1"_s.arg(m_rolloutPipeline));
        QCOMPARE(reply.object().value(u"status"_s).toString(), u"manual"_s);
        // Polling with updated_after sees the change.
        reply = gitLabGet(u"/projects/42/pipelines?ref=main&order_by=updated_at&sort=desc&updated_after="_s
                          + QString::fromLatin1(QUrl::toPercentEncoding(updatedAt)));
        QCOMPARE(reply.array().size(), 1);
        QCOMPARE(reply.array().at(0).toObject().value(u"id"_s).toInt(), m_rolloutPipeline);

        // Staging runs the new commit; production still the previous release.
        const QString sha = reply.array().at(0).toObject().value(u"sha"_s).toString();
        QCOMPARE(gitLabGet(u"/projects/42/environments/11"_s)
                     .object()
                     .value(u"last_deployment"_s)
                     .toObject()
                     .value(u"sha"_s)
                     .toString(),
                 sha);
        QVERIFY(gitLabGet(u"/projects/42/environments/12"_s)
                    .object()
                    .value(u"last_deployment"_s)
                    .toObject()
                    .value(u"sha"_s)
                    .toString()
                != sha);
        QVERIFY(sum(errorSeries(u"production"_s, u"storefront@1.7.0"_s)) == 0);
    }

    void manualProductionDeployRaisesErrorsOfTheNewReleaseOnly()
    {
        QVERIFY(m_rolloutPipeline > 0);
        int productionJob = 0;
        for (const QJsonValue &value :
             gitLabGet(u"/projects/42/pipelines/%1/jobs?scope[]=manual"_s.arg(m_rolloutPipeline)).array())
            productionJob = value.toObject().value(u"id"_s).toInt();
        QVERIFY(productionJob > 0);

        const QList<double> before = errorSeries(u"production"_s, QString());
        const double baseline = sum(before.mid(0, 6)) / 6; // per 5 minutes, before the deploy

        Reply reply = gitLab("POST", u"/projects/42/jobs/%1/play"_s.arg(productionJob));
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.object().value(u"status"_s).toString(), u"pending"_s);
        reply = gitLab("POST", u"/projects/42/jobs/%1/play"_s.arg(productionJob));
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.object().value(u"message"_s).toString(), u"400 Bad request - Unplayable Job"_s);

        int steps = 0;
        while (job(productionJob).value(u"status"_s).toString() != "success"_L1 && steps++ < 40)
            advance(30);
        QCOMPARE(job(productionJob).value(u"status"_s).toString(), u"success"_s);
        reply = gitLabGet(u"/projects/42/pipelines/%1"_s.arg(m_rolloutPipeline));
        QCOMPARE(reply.object().value(u"status"_s).toString(), u"success"_s);
        reply = gitLabGet(
            u"/projects/42/deployments?environment=production&status=success&order_by=id&sort=desc&per_page=1"_s);
        const QJsonObject deployment = reply.array().at(0).toObject();
        QCOMPARE(deployment.value(u"deployable"_s).toObject().value(u"id"_s).toInt(), productionJob);

        advance(40 * 60);
        const QList<double> newRelease = errorSeries(u"production"_s, u"storefront@1.7.0"_s);
        const QList<double> oldRelease = errorSeries(u"production"_s, u"storefront@1.6.1"_s);
        const QList<double> staging = errorSeries(u"staging"_s, u"storefront@1.7.0"_s);
        QVERIFY(newRelease.size() >= 12);
        // The last full buckets: the new release errs at several times the old baseline; the old one is gone.
        const double after = sum(newRelease.mid(6, 5)) / 5;
        QVERIFY2(after > 5 * baseline, qPrintable(u"after %1, baseline %2"_s.arg(after).arg(baseline)));
        QCOMPARE(sum(oldRelease.mid(6, 5)), 0.0);
        // In staging the same release stays at the staging baseline (a few errors, no spike).
        QVERIFY2(sum(staging.mid(6, 5)) / 5 < baseline, qPrintable(u"staging %1"_s.arg(sum(staging.mid(6, 5)))));

        // Grouped by release (topEvents): the new release ranks first.
        reply = sentryGet(u"/organizations/acme/events-timeseries/?dataset=errors&yAxis=count()&statsPeriod=2h"
                          "&interval=600&environment=production&groupBy=release&topEvents=5&sort=-count()"_s);
        QCOMPARE(reply.status, 200);
        const QJsonArray series = reply.object().value(u"timeSeries"_s).toArray();
        QVERIFY(series.size() >= 2);
        const QJsonObject top = series.at(0).toObject();
        QCOMPARE(top.value(u"groupBy"_s).toArray().at(0).toObject().value(u"value"_s).toString(),
                 u"storefront@1.7.0"_s);
        QCOMPARE(top.value(u"meta"_s).toObject().value(u"interval"_s).toDouble(), 600000.0);
        QVERIFY(top.value(u"values"_s).toArray().last().toObject().value(u"incomplete"_s).toBool());

        // The legacy events-stats shape (the fallback path): keyed by release, [seconds, [{count}]] rows.
        reply = sentryGet(u"/organizations/acme/events-stats/?yAxis=count()&field=release&field=count()&topEvents=5"
                          "&sort=-count()&statsPeriod=2h&interval=10m&environment=production&excludeOther=1"_s);
        QCOMPARE(reply.status, 200);
        const QJsonObject stats = reply.object();
        QVERIFY(stats.contains(u"storefront@1.7.0"_s));
        const QJsonArray row
            = stats.value(u"storefront@1.7.0"_s).toObject().value(u"data"_s).toArray().last().toArray();
        QVERIFY(row.at(0).toDouble() > 1.7e9 && row.at(0).toDouble() < 1.9e9); // seconds, not ms
        QVERIFY(row.at(1).toArray().at(0).toObject().contains(u"count"_s));
        QCOMPARE(stats.value(u"storefront@1.7.0"_s).toObject().value(u"order"_s).toInt(), 0);

        // Release health: crash-free sessions drop for the new release only.
        const QHash<QString, double> rates = crashFreeByRelease(u"90m"_s);
        QVERIFY2(rates.value(u"storefront@1.7.0"_s, 1) < 0.96,
                 qPrintable(QString::number(rates.value(u"storefront@1.7.0"_s))));
        QVERIFY2(rates.value(u"storefront@1.6.1"_s, 0) > 0.99,
                 qPrintable(QString::number(rates.value(u"storefront@1.6.1"_s))));
        reply = sentryGet(u"/organizations/acme/sessions/?field=sum(session)&groupBy=session.status&statsPeriod=1h"
                          "&interval=1h&environment=production&query=release:storefront@1.7.0"_s);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.object().value(u"groups"_s).toArray().size(), 4);
        QCOMPARE(
            sentryGet(u"/organizations/acme/sessions/?field=crash_free_rate(session)&groupBy=session.status"_s).status,
            400);

        // New issues first seen in the release.
        reply = sentryGet(u"/organizations/acme/issues/?query="_s
                          + QString::fromLatin1(QUrl::toPercentEncoding(u"firstRelease:\"storefront@1.7.0\""_s))
                          + u"&statsPeriod=24h"_s);
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.array().size() >= 2);
        for (const QJsonValue &issue : reply.array()) {
            QVERIFY(issue.toObject().value(u"count"_s).isString());
            QVERIFY(issue.toObject().value(u"count"_s).toString().toInt() > 0);
        }
    }

    void rollbackRetriesThePreviousDeploymentJob()
    {
        Reply reply = gitLabGet(u"/projects/42/deployments?environment=production&status=success&order_by=id&sort=desc"
                                "&per_page=20"_s);
        QCOMPARE(reply.status, 200);
        const QJsonArray deployments = reply.array();
        const QString currentSha = deployments.at(0).toObject().value(u"sha"_s).toString();
        QJsonObject target;
        for (const QJsonValue &value : deployments) {
            if (value.toObject().value(u"sha"_s).toString() != currentSha) {
                target = value.toObject();
                break;
            }
        }
        QVERIFY(!target.isEmpty());
        const int oldJob = target.value(u"deployable"_s).toObject().value(u"id"_s).toInt();
        const QString oldSha = target.value(u"sha"_s).toString();
        const QList<double> spike = errorSeries(u"production"_s, QString());

        reply = gitLab("POST", u"/projects/42/jobs/%1/retry"_s.arg(oldJob));
        QCOMPARE(reply.status, 201);
        const int newJob = reply.object().value(u"id"_s).toInt();
        QVERIFY(newJob != oldJob);
        QCOMPARE(reply.object().value(u"status"_s).toString(), u"pending"_s);
        QCOMPARE(reply.object().value(u"name"_s).toString(), u"deploy-production"_s);
        // A job is retried once; the retried one is not retryable any more.
        reply = gitLab("POST", u"/projects/42/jobs/%1/retry"_s.arg(oldJob));
        QCOMPARE(reply.status, 403);
        QCOMPARE(reply.object().value(u"message"_s).toString(), u"403 Forbidden - Job is not retryable"_s);

        // A new deployment on the old commit.
        reply = gitLabGet(u"/projects/42/deployments?environment=production&order_by=id&sort=desc&per_page=1"_s);
        QJsonObject rollback = reply.array().at(0).toObject();
        QCOMPARE(rollback.value(u"sha"_s).toString(), oldSha);
        QCOMPARE(rollback.value(u"deployable"_s).toObject().value(u"id"_s).toInt(), newJob);
        QVERIFY(rollback.value(u"id"_s).toInt() > deployments.at(0).toObject().value(u"id"_s).toInt());

        int steps = 0;
        while (job(newJob).value(u"status"_s).toString() != "success"_L1 && steps++ < 40)
            advance(30);
        reply = gitLabGet(u"/projects/42/deployments/%1"_s.arg(rollback.value(u"id"_s).toInt()));
        QCOMPARE(reply.object().value(u"status"_s).toString(), u"success"_s);
        reply = gitLabGet(u"/projects/42/environments/12"_s);
        QCOMPARE(reply.object().value(u"last_deployment"_s).toObject().value(u"sha"_s).toString(), oldSha);
        QCOMPARE(reply.object().value(u"last_deployment"_s).toObject().value(u"id"_s).toInt(),
                 rollback.value(u"id"_s).toInt());

        // Errors return to the baseline; the bad release gets no more events in production.
        advance(40 * 60);
        const QList<double> after = errorSeries(u"production"_s, QString());
        const double spikeLevel = sum(spike.mid(6, 5)) / 5;
        const double afterLevel = sum(after.mid(6, 5)) / 5;
        QVERIFY2(afterLevel < spikeLevel / 4, qPrintable(u"after %1, spike %2"_s.arg(afterLevel).arg(spikeLevel)));
        QCOMPARE(sum(errorSeries(u"production"_s, u"storefront@1.7.0"_s).mid(6, 5)), 0.0);
        const QHash<QString, double> rates = crashFreeByRelease(u"30m"_s);
        QVERIFY(!rates.contains(u"storefront@1.7.0"_s));
        QVERIFY(rates.value(u"storefront@1.6.1"_s) > 0.99);

        // CI recorded the rollback as a Sentry deploy of the old release.
        reply = sentryGet(u"/organizations/acme/releases/storefront%401.6.1/deploys/"_s);
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.array().at(0).toObject().value(u"name"_s).toString().endsWith(QString::number(newJob)));
    }

    void stateChangesPersist()
    {
        Reply reply
            = gitLab("POST", u"/projects/42/releases"_s,
                     R"({"tag_name":"v1.7.0","name":"Storefront 1.7.0","description":"Notes","milestones":["1.7"]})");
        QCOMPARE(reply.status, 201);
        QCOMPARE(reply.object().value(u"milestones"_s).toArray().at(0).toObject().value(u"title"_s).toString(),
                 u"1.7"_s);
        reply = gitLab("POST", u"/projects/42/releases"_s, R"({"tag_name":"v1.7.0"})");
        QCOMPARE(reply.status, 409);
        reply = gitLab("PUT", u"/projects/42/releases/v1.7.0"_s, R"({"description":"Rolled back: price bug"})");
        QCOMPARE(reply.status, 200);
        reply = gitLabGet(u"/projects/42/releases/v1.7.0"_s);
        QCOMPARE(reply.object().value(u"description"_s).toString(), u"Rolled back: price bug"_s);

        reply = sentry("POST", u"/organizations/acme/releases/storefront%401.7.0/deploys/"_s,
                       R"({"environment":"production","name":"manual note"})");
        QCOMPARE(reply.status, 201);
        QVERIFY(reply.object().value(u"id"_s).isString());
        reply = sentryGet(u"/organizations/acme/releases/storefront%401.7.0/"_s);
        QCOMPARE(reply.object().value(u"lastDeploy"_s).toObject().value(u"name"_s).toString(), u"manual note"_s);
    }

    void sentryReleaseCreateAnswers208WhenItExists()
    {
        Reply reply = sentry("POST", u"/organizations/acme/releases/"_s,
                             R"({"version":"storefront@1.7.0","projects":["storefront"]})");
        QCOMPARE(reply.status, 208);
        QCOMPARE(reply.object().value(u"version"_s).toString(), u"storefront@1.7.0"_s);
        reply = sentry("POST", u"/organizations/acme/releases/"_s,
                       R"({"version":"storefront@1.7.1","projects":["storefront"]})");
        QCOMPARE(reply.status, 201);
        reply = sentry("POST", u"/organizations/acme/releases/"_s,
                       R"({"version":"storefront@1.7.1","projects":["storefront"]})");
        QCOMPARE(reply.status, 208);
        reply = sentry("POST", u"/organizations/acme/releases/"_s, R"({"version":"storefront@1.7.2"})");
        QCOMPARE(reply.status, 400);
        QVERIFY(reply.object().contains(u"projects"_s));
    }

    // POST /_sandbox/push: a commit and a pipeline at the current scenario time, whose test job fails on demand.
    void pushAddsALivePipeline()
    {
        const QDateTime now
            = QDateTime::fromString(control("GET", u"/state"_s).object().value(u"now"_s).toString(), Qt::ISODateWithMs);
        Reply reply
            = control("POST", u"/push"_s,
                      QJsonObject {{u"ref"_s, u"feature/x"_s}, {u"title"_s, u"Break the cart"_s}, {u"fail"_s, true}});
        QCOMPARE(reply.status, 201);
        const int failing = reply.object().value(u"pipeline_id"_s).toInt();
        const QString sha = reply.object().value(u"sha"_s).toString();
        QVERIFY(failing > 0);
        QCOMPARE(sha.size(), 40);
        QCOMPARE(reply.object().value(u"ref"_s).toString(), u"feature/x"_s);

        reply = gitLabGet(u"/projects/42/pipelines/%1"_s.arg(failing));
        QCOMPARE(reply.status, 200);
        QJsonObject pipeline = reply.object();
        QCOMPARE(pipeline.value(u"ref"_s).toString(), u"feature/x"_s);
        QCOMPARE(pipeline.value(u"sha"_s).toString(), sha);
        QCOMPARE(QDateTime::fromString(pipeline.value(u"created_at"_s).toString(), Qt::ISODateWithMs), now);
        QVERIFY(pipeline.value(u"status"_s).toString() != u"failed"_s);
        reply = gitLabGet(u"/projects/42/repository/commits/"_s + sha);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.object().value(u"title"_s).toString(), u"Break the cart"_s);
        // The newest pipeline of the list, also filtered by ref.
        reply = gitLabGet(u"/projects/42/pipelines?ref=feature/x"_s);
        QCOMPARE(reply.array().size(), 1);
        QCOMPARE(reply.array().at(0).toObject().value(u"id"_s).toInt(), failing);

        // Clean push: build and test only, no deploy jobs.
        reply = control("POST", u"/push"_s, QJsonObject {{u"ref"_s, u"feature/y"_s}});
        QCOMPARE(reply.status, 201);
        const int passing = reply.object().value(u"pipeline_id"_s).toInt();
        QVERIFY(passing > failing);
        QCOMPARE(reply.object().value(u"fail"_s).toBool(), false);
        // With deploy jobs: staging, then a manual production deploy.
        reply = control("POST", u"/push"_s, QJsonObject {{u"ref"_s, u"release/9.9"_s}, {u"deploy"_s, true}});
        QCOMPARE(reply.status, 201);
        const int deploying = reply.object().value(u"pipeline_id"_s).toInt();

        advance(20 * 60);
        QCOMPARE(gitLabGet(u"/projects/42/pipelines/%1"_s.arg(failing)).object().value(u"status"_s).toString(),
                 u"failed"_s);
        QHash<QString, QJsonObject> jobs;
        for (const QJsonValue &value : gitLabGet(u"/projects/42/pipelines/%1/jobs"_s.arg(failing)).array())
            jobs.insert(value.toObject().value(u"name"_s).toString(), value.toObject());
        QCOMPARE(jobs.size(), 2);
        QCOMPARE(jobs.value(u"build"_s).value(u"status"_s).toString(), u"success"_s);
        QCOMPARE(jobs.value(u"test"_s).value(u"status"_s).toString(), u"failed"_s);
        QCOMPARE(jobs.value(u"test"_s).value(u"failure_reason"_s).toString(), u"script_failure"_s);
        QCOMPARE(gitLabGet(u"/projects/42/pipelines/%1"_s.arg(passing)).object().value(u"status"_s).toString(),
                 u"success"_s);
        QCOMPARE(gitLabGet(u"/projects/42/pipelines/%1"_s.arg(deploying)).object().value(u"status"_s).toString(),
                 u"manual"_s);
        // The manual deploy has its deployment waiting in production.
        reply = gitLabGet(u"/projects/42/deployments?environment=production&status=created&order_by=id&sort=desc"_s);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.array().at(0).toObject().value(u"ref"_s).toString(), u"release/9.9"_s);
        QCOMPARE(reply.array().at(0).toObject().value(u"deployable"_s).toObject().value(u"name"_s).toString(),
                 u"deploy-production"_s);
        // The state lists them.
        const QJsonArray recent = control("GET", u"/state"_s).object().value(u"pipelines"_s).toArray();
        QCOMPARE(recent.last().toObject().value(u"id"_s).toInt(), deploying);

        // Bad input.
        QCOMPARE(control("POST", u"/push"_s, QJsonObject {{u"title"_s, u"no ref"_s}}).status, 400);
        QCOMPARE(control("POST", u"/push"_s, QJsonObject {{u"ref"_s, u"a b"_s}}).status, 400);
        QCOMPARE(control("POST", u"/push"_s, QJsonObject {{u"ref"_s, u"x"_s}, {u"fail"_s, u"maybe"_s}}).status, 400);
        QCOMPARE(control("GET", u"/push"_s).status, 405);
    }

    void statusFaultsUseTheServicesBodies_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("gitLabBody");
        QTest::addColumn<QByteArray>("sentryBody");
        QTest::newRow("401") << u"401"_s << 401 << QByteArray(R"({"message":"401 Unauthorized"})")
                             << QByteArray(R"({"detail":"Invalid token"})");
        QTest::newRow("403") << u"403"_s << 403 << QByteArray(R"({"message":"403 Forbidden"})")
                             << QByteArray(R"({"detail":"You do not have permission to perform this action."})");
        QTest::newRow("404") << u"404"_s << 404 << QByteArray(R"({"message":"404 Not found"})")
                             << QByteArray(R"({"detail":"The requested resource does not exist"})");
        QTest::newRow("500") << u"500"_s << 500 << QByteArray(R"({"message":"500 Internal Server Error"})")
                             << QByteArray("Internal Error");
        QTest::newRow("502") << u"502"_s << 502 << QByteArray("<title>502 Bad Gateway</title>")
                             << QByteArray("<title>502 Bad Gateway</title>");
        QTest::newRow("503") << u"503"_s << 503 << QByteArray("<title>503 Service Unavailable</title>")
                             << QByteArray("<title>503 Service Unavailable</title>");
    }

    void statusFaultsUseTheServicesBodies()
    {
        QFETCH(QString, kind);
        QFETCH(int, status);
        QFETCH(QByteArray, gitLabBody);
        QFETCH(QByteArray, sentryBody);
        addFault(QJsonObject {{u"kind"_s, kind}, {u"service"_s, u"gitlab"_s}, {u"count"_s, 1}});
        addFault(QJsonObject {{u"kind"_s, kind}, {u"service"_s, u"sentry"_s}, {u"count"_s, 1}});
        Reply reply = gitLabGet(u"/projects/42"_s);
        QCOMPARE(reply.status, status);
        QVERIFY2(reply.body.contains(gitLabBody), reply.body.constData());
        reply = sentryGet(u"/organizations/acme/"_s);
        QCOMPARE(reply.status, status);
        QVERIFY2(reply.body.contains(sentryBody), reply.body.constData());
        // count: 1 — the next requests are served normally.
        QCOMPARE(gitLabGet(u"/projects/42"_s).status, 200);
        QCOMPARE(sentryGet(u"/organizations/acme/"_s).status, 200);
    }

    void rateLimitFaults()
    {
        addFault(
            QJsonObject {{u"kind"_s, u"429"_s}, {u"path"_s, u"*/pipelines"_s}, {u"retry_after"_s, 7}, {u"count"_s, 2}});
        for (int i = 0; i < 2; ++i) {
            const Reply reply = gitLabGet(u"/projects/42/pipelines"_s);
            QCOMPARE(reply.status, 429);
            QCOMPARE(reply.header("Retry-After"), QByteArray("7"));
            QCOMPARE(reply.header("RateLimit-Remaining"), QByteArray("0"));
            QVERIFY(reply.hasHeader("RateLimit-Reset"));
            QVERIFY(reply.hasHeader("RateLimit-ResetTime"));
        }
        QCOMPARE(gitLabGet(u"/projects/42/pipelines"_s).status, 200);
        QCOMPARE(gitLabGet(u"/projects/42"_s).status, 200); // other paths were never affected

        addFault(QJsonObject {{u"kind"_s, u"429"_s}, {u"service"_s, u"sentry"_s}, {u"count"_s, 1}});
        const Reply reply = sentryGet(u"/organizations/acme/releases/"_s);
        QCOMPARE(reply.status, 429);
        QVERIFY(!reply.hasHeader("Retry-After"));
        QCOMPARE(reply.header("X-Sentry-Rate-Limit-Remaining"), QByteArray("0"));
        QVERIFY(reply.hasHeader("X-Sentry-Rate-Limit-Reset"));
        QVERIFY(reply.object().value(u"detail"_s).toString().startsWith(u"You are attempting to use this endpoint"_s));
    }

    void malformedAndTruncatedBodies()
    {
        addFault(QJsonObject {{u"kind"_s, u"malformed"_s}, {u"regex"_s, u"/environments/\\d+$"_s}, {u"count"_s, 1}});
        Reply reply = gitLabGet(u"/projects/42/environments/12"_s);
        QCOMPARE(reply.status, 200);
        QJsonParseError error;
        QJsonDocument::fromJson(reply.body, &error);
        QVERIFY(error.error != QJsonParseError::NoError);

        addFault(QJsonObject {{u"kind"_s, u"truncate"_s}, {u"path"_s, u"*/environments/12"_s}, {u"count"_s, 1}});
        reply = gitLabGet(u"/projects/42/environments/12"_s);
        QVERIFY(reply.finished);
        QVERIFY2(reply.error != QNetworkReply::NoError, qPrintable(QString::number(reply.error)));
        QVERIFY(reply.body.size() < reply.header("Content-Length").toInt() || reply.body.isEmpty());
        QCOMPARE(gitLabGet(u"/projects/42/environments/12"_s).status, 200);
    }

    void connectionResetAndStall()
    {
        // Unlimited, so that QNAM's silent resend on a reused connection is reset as well.
        addFault(QJsonObject {{u"kind"_s, u"reset"_s}, {u"path"_s, u"/sentry/*/releases/"_s}});
        Reply reply = sentryGet(u"/organizations/acme/releases/"_s);
        QVERIFY(reply.finished);
        QCOMPARE(reply.status, 0);
        QVERIFY(reply.error != QNetworkReply::NoError);
        QCOMPARE(control("DELETE", u"/faults"_s).status, 200);

        addFault(QJsonObject {{u"kind"_s, u"stall"_s}, {u"path"_s, u"*/milestones"_s}});
        QElapsedTimer timer;
        timer.start();
        reply = send("GET", url(m_gitLabApi, u"/projects/42/milestones"_s), {},
                     {{"PRIVATE-TOKEN", m_sandbox->info.value(u"gitlab_token"_s).toString().toUtf8()}}, 700);
        QVERIFY(reply.finished);
        QCOMPARE(reply.status, 0);
        QVERIFY2(reply.error == QNetworkReply::OperationCanceledError || reply.error == QNetworkReply::TimeoutError,
                 qPrintable(QString::number(reply.error))); // a transfer timeout, nothing else
        QVERIFY(timer.elapsed() >= 600);
        QCOMPARE(control("DELETE", u"/faults"_s).status, 200);
        QCOMPARE(gitLabGet(u"/projects/42/milestones"_s).status, 200);
    }

    void latencyQueryAndMethodMatching()
    {
        addFault(QJsonObject {
            {u"kind"_s, u"latency"_s}, {u"delay_ms"_s, 400}, {u"path"_s, u"*/freeze_periods"_s}, {u"count"_s, 1}});
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(gitLabGet(u"/projects/42/freeze_periods"_s).status, 200);
        QVERIFY(timer.elapsed() >= 400);

        addFault(QJsonObject {{u"kind"_s, u"500"_s}, {u"query"_s, u"*topEvents=*"_s}, {u"method"_s, u"GET"_s}});
        QCOMPARE(sentryGet(u"/organizations/acme/events-timeseries/?dataset=errors&groupBy=release&topEvents=3"
                           "&sort=-count()"_s)
                     .status,
                 500);
        QCOMPARE(sentryGet(u"/organizations/acme/events-timeseries/?dataset=errors"_s).status, 200);
        Reply faults = control("GET", u"/faults"_s);
        QCOMPARE(faults.object().value(u"faults"_s).toArray().size(), 1);
        const int id = faults.object().value(u"faults"_s).toArray().at(0).toObject().value(u"id"_s).toInt();
        QCOMPARE(control("DELETE", u"/faults/%1"_s.arg(id)).status, 200);
        QCOMPARE(control("GET", u"/faults"_s).object().value(u"faults"_s).toArray().size(), 0);
        QCOMPARE(send("POST", url(m_control, u"/faults"_s), R"({"kind":"teapot"})").status, 400);
    }

    void faultsFromTheCommandLineAndSigterm()
    {
        SandboxProcess other;
        QString error;
        QVERIFY2(other.start({u"--fault"_s, u"503,path=/gitlab/*,count=1"_s, u"--sentry-grouped-timeseries-500"_s,
                              u"--quiet"_s},
                             &error),
                 qPrintable(error));
        const QString gitLabApi = other.info.value(u"gitlab_url"_s).toString() + u"/api/v4"_s;
        const QByteArray token = other.info.value(u"gitlab_token"_s).toString().toUtf8();
        QCOMPARE(send("GET", QUrl(gitLabApi + u"/projects/42"_s), {}, {{"PRIVATE-TOKEN", token}}).status, 503);
        QCOMPARE(send("GET", QUrl(gitLabApi + u"/projects/42"_s), {}, {{"PRIVATE-TOKEN", token}}).status, 200);
        const QString sentryApi = other.info.value(u"sentry_url"_s).toString() + u"/api/0"_s;
        const QByteArray bearer = "Bearer " + other.info.value(u"sentry_token"_s).toString().toUtf8();
        const Reply grouped = send("GET",
                                   QUrl(sentryApi
                                        + u"/organizations/acme/events-timeseries/?dataset=errors"
                                          "&groupBy=release&topEvents=5&sort=-count()"_s),
                                   {}, {{"Authorization", bearer}});
        QCOMPARE(grouped.status, 500);
        QCOMPARE(grouped.object().value(u"detail"_s).toString(), u"Internal Error"_s);
        QCOMPARE(send("GET",
                      QUrl(sentryApi
                           + u"/organizations/acme/events-stats/?field=release&field=count()&topEvents=5"
                             "&sort=-count()&yAxis=count()"_s),
                      {}, {{"Authorization", bearer}})
                     .status,
                 200);

        QSignalSpy finished(&other.process, &QProcess::finished);
        other.process.terminate(); // SIGTERM
        QVERIFY(finished.wait(10000));
        QCOMPARE(other.process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(other.process.exitCode(), 0);
    }

    void sigtermExitsCleanly()
    {
        QSignalSpy finished(&m_sandbox->process, &QProcess::finished);
        m_sandbox->process.terminate();
        QVERIFY(finished.wait(10000));
        QCOMPARE(m_sandbox->process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(m_sandbox->process.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(SandboxTest)
#include "tst_sandbox.moc"
