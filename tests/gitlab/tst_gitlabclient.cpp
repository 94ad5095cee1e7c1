// GitLabClient against the real shipdeck-sandbox (frozen clock, moved through /_sandbox/advance).
#include "gitlab/gitlabclient.h"
#include "gitlab/gitlabparse.h"
#include "sandboxcontrol.h"

#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace Shipdeck;
using namespace Shipdeck::Test;
using namespace Qt::Literals::StringLiterals;

class TestGitLabClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QString error;
        QVERIFY2(m_sandbox.start(QStringLiteral(SHIPDECK_SANDBOX_BINARY), {u"--quiet"_s}, &error), qPrintable(error));
        m_nam = new QNetworkAccessManager(this);
        m_control = std::make_unique<SandboxControl>(&m_sandbox, m_nam);
        m_client = new GitLabClient(m_nam, m_sandbox.gitlabUrl(), m_sandbox.value("gitlab_project"),
                                    m_sandbox.value("gitlab_token"), this);
        RetryPolicy fast;
        fast.maxAttempts = 1;
        m_client->setRetryPolicy(fast);
    }

    void projectPathIsEncoded()
    {
        QCOMPARE(m_sandbox.value("gitlab_project"), u"acme/storefront"_s);
        QVERIFY(m_client->projectUrl(u"/pipelines"_s)
                    .toString(QUrl::FullyEncoded)
                    .endsWith(u"/gitlab/api/v4/projects/acme%2Fstorefront/pipelines"_s));
        ApiJob *job = m_client->projectInfo();
        QVERIFY(runJob(job));
        QVERIFY2(!job->hasError(), qPrintable(job->error().message));
        QCOMPARE(job->json().object().value(u"id"_s).toInt(), 42);
        GitLabClient byId(m_nam, m_sandbox.gitlabUrl(), u"42"_s, m_sandbox.value("gitlab_token"));
        ApiJob *job2 = byId.projectInfo();
        QVERIFY(runJob(job2));
        QCOMPARE(job2->json().object().value(u"path_with_namespace"_s).toString(), u"acme/storefront"_s);
    }

    void wrongTokenIsUnauthorized()
    {
        GitLabClient client(m_nam, m_sandbox.gitlabUrl(), u"acme/storefront"_s, u"glpat-wrong"_s);
        ApiJob *job = client.projectInfo();
        QVERIFY(runJob(job));
        QCOMPARE(job->error().kind, ApiError::Kind::Unauthorized);
    }

    void pipelinesPaginate()
    {
        PipelineQuery query;
        query.orderBy = u"id"_s;
        query.perPage = 5;
        query.maxPages = 3;
        PagedApiJob *job = m_client->pipelines(query);
        QVERIFY(runJob(job));
        QVERIFY2(!job->hasError(), qPrintable(job->error().message));
        QCOMPARE(job->pages(), 3);
        QVERIFY(job->reachedPageCap());
        const QList<Pipeline> pipelines = GitLab::parsePipelines(job->items());
        QCOMPARE(pipelines.size(), 15);
        for (int i = 1; i < pipelines.size(); ++i)
            QVERIFY(pipelines.at(i - 1).id > pipelines.at(i).id); // sort=desc
    }

    void pipelineFilters_data()
    {
        QTest::addColumn<QString>("ref");
        QTest::addColumn<QString>("status");
        QTest::addColumn<int>("minCount");
        QTest::newRow("running on main") << u"main"_s << u"running"_s << 1;
        QTest::newRow("success") << QString() << u"success"_s << 3;
        QTest::newRow("no such ref") << u"no-such-branch"_s << QString() << 0;
    }
    void pipelineFilters()
    {
        QFETCH(QString, ref);
        QFETCH(QString, status);
        QFETCH(int, minCount);
        PipelineQuery query;
        query.ref = ref;
        query.status = status;
        PagedApiJob *job = m_client->pipelines(query);
        QVERIFY(runJob(job));
        QVERIFY2(!job->hasError(), qPrintable(job->error().message));
        const QList<Pipeline> pipelines = GitLab::parsePipelines(job->items());
        QVERIFY(pipelines.size() >= minCount);
        if (minCount == 0)
            QVERIFY(pipelines.isEmpty());
        for (const Pipeline &p : pipelines) {
            if (!ref.isEmpty())
                QCOMPARE(p.ref, ref);
            if (!status.isEmpty())
                QCOMPARE(pipelineStatusKey(p.status), status);
        }
    }

    void pipelineDetailAndJobs()
    {
        const qint64 id = rolloutPipeline();
        QVERIFY(id > 0);
        ApiJob *detail = m_client->pipeline(id);
        QVERIFY(runJob(detail));
        const Pipeline p = GitLab::parsePipeline(detail->json().object());
        QCOMPARE(p.id, id);
        QCOMPARE(p.status, PipelineStatus::Running);
        QVERIFY(!p.user.isEmpty());

        PagedApiJob *jobs = m_client->pipelineJobs(id);
        QVERIFY(runJob(jobs));
        QHash<QString, Job> byName;
        for (const Job &job : GitLab::parseJobs(jobs->items())) {
            QCOMPARE(job.pipelineId, id);
            byName.insert(job.name, job);
        }
        QCOMPARE(byName.value(u"build"_s).status, PipelineStatus::Running);
        QCOMPARE(byName.value(u"build"_s).stage, u"build"_s);
        QCOMPARE(byName.value(u"deploy-production"_s).status, PipelineStatus::Created);
        PagedApiJob *withRetried = m_client->pipelineJobs(id, true);
        QVERIFY(runJob(withRetried));
        QVERIFY(!withRetried->hasError());
    }

    void playManualProductionJobAfterAdvancing()
    {
        const qint64 id = rolloutPipeline();
        Job production;
        for (int step = 0; step < 60 && production.status != PipelineStatus::Manual; ++step) {
            QVERIFY(m_control->advance(30));
            PagedApiJob *jobs = m_client->pipelineJobs(id);
            QVERIFY(runJob(jobs));
            for (const Job &job : GitLab::parseJobs(jobs->items())) {
                if (job.name == "deploy-production"_L1)
                    production = job;
            }
        }
        QCOMPARE(production.status, PipelineStatus::Manual);
        QVERIFY(production.manual);
        QVERIFY(GitLab::isPlayable(production));

        ApiJob *play = m_client->playJob(production.id);
        QVERIFY(runJob(play));
        QVERIFY2(!play->hasError(), qPrintable(play->error().message));
        QCOMPARE(play->httpStatus(), 200);
        QCOMPARE(GitLab::parseJob(play->json().object()).status, PipelineStatus::Pending);

        ApiJob *again = m_client->playJob(production.id);
        QVERIFY(runJob(again));
        QCOMPARE(again->error().kind, ApiError::Kind::ClientError);
        QVERIFY2(again->error().message.contains(u"Unplayable Job"_s), qPrintable(again->error().message));

        ApiJob *trace = m_client->jobTrace(production.id);
        QVERIFY(runJob(trace));
        QVERIFY2(!trace->hasError(), qPrintable(trace->error().message));
    }

    void retryNotRetryableIsForbiddenWithText()
    {
        // A running (or pending) job is not retryable.
        const qint64 id = rolloutPipeline();
        PagedApiJob *jobs = m_client->pipelineJobs(id);
        QVERIFY(runJob(jobs));
        qint64 pending = 0;
        for (const Job &job : GitLab::parseJobs(jobs->items())) {
            if (isActive(job.status))
                pending = job.id;
        }
        QVERIFY(pending > 0);
        ApiJob *retry = m_client->retryJob(pending);
        QVERIFY(runJob(retry));
        QCOMPARE(retry->error().kind, ApiError::Kind::Forbidden);
        QCOMPARE(retry->error().httpStatus, 403);
        QVERIFY2(retry->error().message.contains(u"Job is not retryable"_s), qPrintable(retry->error().message));
    }

    void deploymentsNewestFirst_data()
    {
        QTest::addColumn<QString>("orderBy");
        QTest::addColumn<bool>("updatedFilter");
        QTest::newRow("id") << u"id"_s << false;
        QTest::newRow("updated_at paired") << u"updated_at"_s << true;
        QTest::newRow("finished_at paired") << u"finished_at"_s << false;
    }
    void deploymentsNewestFirst()
    {
        QFETCH(QString, orderBy);
        QFETCH(bool, updatedFilter);
        DeploymentQuery query;
        query.environment = u"production"_s;
        query.orderBy = orderBy;
        if (updatedFilter)
            query.updatedAfter = QDateTime(QDate(2020, 1, 1), QTime(0, 0), QTimeZone::UTC);
        if (orderBy == "finished_at"_L1)
            query.finishedAfter = QDateTime(QDate(2020, 1, 1), QTime(0, 0), QTimeZone::UTC);
        PagedApiJob *job = m_client->deployments(query);
        QVERIFY(runJob(job));
        QVERIFY2(!job->hasError(), qPrintable(job->error().message));
        const QList<Deployment> deployments = GitLab::parseDeployments(job->items());
        QVERIFY(deployments.size() >= 3);
        for (const Deployment &d : deployments)
            QCOMPARE(d.environment, u"production"_s);
        if (orderBy == "id"_L1) {
            for (int i = 1; i < deployments.size(); ++i)
                QVERIFY(deployments.at(i - 1).id > deployments.at(i).id);
        }
        QVERIFY(deployments.first().deployableJobId > 0);
    }

    void environments()
    {
        PagedApiJob *job = m_client->environments();
        QVERIFY(runJob(job));
        const QList<Environment> environments = GitLab::parseEnvironments(job->items());
        QStringList names;
        for (const Environment &e : environments)
            names.append(e.name);
        QVERIFY(names.contains(u"production"_s) && names.contains(u"staging"_s));
        ApiJob *detail = m_client->environment(environments.first().gitlabId);
        QVERIFY(runJob(detail));
        QVERIFY(GitLab::parseEnvironmentDetail(detail->json().object()).lastDeployment.has_value());
    }

private:
    qint64 rolloutPipeline()
    {
        PipelineQuery query;
        query.ref = u"main"_s;
        query.orderBy = u"id"_s;
        query.perPage = 1;
        PagedApiJob *job = m_client->pipelines(query);
        if (!runJob(job) || job->hasError())
            return 0;
        return GitLab::parsePipelines(job->items()).value(0).id;
    }

    SandboxProcess m_sandbox;
    QNetworkAccessManager *m_nam = nullptr;
    std::unique_ptr<SandboxControl> m_control;
    GitLabClient *m_client = nullptr;
};

QTEST_GUILESS_MAIN(TestGitLabClient)
#include "tst_gitlabclient.moc"
