// Parsing GitLab REST v4 JSON into the domain structs: nulls, missing fields, wrong types and HTML kept as text.
#include "gitlab/gitlabclient.h"
#include "gitlab/gitlabparse.h"

#include <QJsonDocument>
#include <QStandardPaths>
#include <QTest>

using namespace Shipdeck;
using namespace Qt::Literals::StringLiterals;

namespace {

QJsonObject object(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

} // namespace

class TestGitLabParse : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void pipeline_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<qint64>("id");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("ref");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("title");
        QTest::addColumn<bool>("createdValid");
        QTest::addColumn<double>("duration");

        QTest::newRow("basic") << QByteArray(R"({"id":47,"iid":12,"status":"pending","source":"push","ref":"main",
            "sha":"a91957a8","created_at":"2016-08-11T11:28:34.085Z","updated_at":"2016-08-11T11:32:35.169Z"})")
                               << qint64(47) << int(PipelineStatus::Pending) << u"main"_s << QString() << QString()
                               << true << 0.0;
        QTest::newRow("detail") << QByteArray(R"({"id":48,"status":"success","ref":"v1.0","duration":125,
            "user":{"name":"Ada Lovelace","username":"ada"},"started_at":null,"finished_at":null})")
                                << qint64(48) << int(PipelineStatus::Success) << u"v1.0"_s << u"Ada Lovelace"_s
                                << QString() << false << 125.0;
        QTest::newRow("nulls") << QByteArray(R"({"id":49,"status":null,"ref":null,"user":null,"duration":null,
            "created_at":null})")
                               << qint64(49) << int(PipelineStatus::Unknown) << QString() << QString() << QString()
                               << false << 0.0;
        QTest::newRow("missing") << QByteArray(R"({})") << qint64(0) << int(PipelineStatus::Unknown) << QString()
                                 << QString() << QString() << false << 0.0;
        QTest::newRow("wrong types") << QByteArray(R"({"id":"50","status":7,"ref":["main"],"user":"ada",
            "duration":"12.5","created_at":12345})")
                                     << qint64(50) << int(PipelineStatus::Unknown) << QString() << QString()
                                     << QString() << false << 12.5;
        QTest::newRow("unknown status") << QByteArray(R"({"id":51,"status":"waiting_for_callback"})") << qint64(51)
                                        << int(PipelineStatus::Unknown) << QString() << QString() << QString() << false
                                        << 0.0;
        QTest::newRow("username only") << QByteArray(R"({"id":52,"user":{"username":"bob"}})") << qint64(52)
                                       << int(PipelineStatus::Unknown) << QString() << u"bob"_s << QString() << false
                                       << 0.0;
        QTest::newRow("html title") << QByteArray(
            R"({"id":53,"commit":{"title":"<b>Fix</b> &amp; <script>x</script>"}})")
                                    << qint64(53) << int(PipelineStatus::Unknown) << QString() << QString()
                                    << u"<b>Fix</b> &amp; <script>x</script>"_s << false << 0.0;
    }
    void pipeline()
    {
        QFETCH(QByteArray, json);
        const Pipeline p = GitLab::parsePipeline(QJsonDocument::fromJson(json).object());
        QFETCH(qint64, id);
        QFETCH(int, status);
        QFETCH(QString, ref);
        QFETCH(QString, user);
        QFETCH(QString, title);
        QFETCH(bool, createdValid);
        QFETCH(double, duration);
        QCOMPARE(p.id, id);
        QCOMPARE(int(p.status), status);
        QCOMPARE(p.ref, ref);
        QCOMPARE(p.user, user);
        QCOMPARE(p.commitTitle, title);
        QCOMPARE(p.createdAt.isValid(), createdValid);
        QCOMPARE(p.duration, duration);
    }

    void pipelineTimes()
    {
        const Pipeline p = GitLab::parsePipeline(object(R"({"id":1,"created_at":"2016-08-11T11:28:34.085Z"})"));
        QCOMPARE(p.createdAt, QDateTime(QDate(2016, 8, 11), QTime(11, 28, 34, 85), QTimeZone::UTC));
    }

    void pipelineListSkipsGarbage()
    {
        const QJsonArray array = QJsonDocument::fromJson(R"([{"id":1},2,"x",null,{"id":0},{"id":3}])").array();
        const QList<Pipeline> list = GitLab::parsePipelines(array);
        QCOMPARE(list.size(), 2);
        QCOMPARE(list.at(1).id, 3);
    }

    void job_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<qint64>("pipelineId");
        QTest::addColumn<QString>("stage");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("failureReason");
        QTest::addColumn<bool>("manual");
        QTest::addColumn<bool>("retryable");
        QTest::addColumn<bool>("playable");

        QTest::newRow("failed") << QByteArray(R"({"id":7,"name":"teaspoon","stage":"test","status":"failed",
            "failure_reason":"script_failure","allow_failure":false,"duration":0.173,"pipeline":{"id":6}})")
                                << qint64(6) << u"test"_s << int(PipelineStatus::Failed) << u"script_failure"_s << false
                                << true << false;
        QTest::newRow("manual") << QByteArray(R"({"id":8,"stage":"deploy","status":"manual","pipeline":{"id":6},
            "duration":null})") << qint64(6)
                                << u"deploy"_s << int(PipelineStatus::Manual) << QString() << true << false << true;
        QTest::newRow("running, no pipeline") << QByteArray(R"({"id":9,"stage":"build","status":"running",
            "pipeline":null})") << qint64(0) << u"build"_s
                                              << int(PipelineStatus::Running) << QString() << false << false << false;
        QTest::newRow("wrong types") << QByteArray(R"({"id":10,"stage":3,"status":"success","failure_reason":false,
            "pipeline":"6"})") << qint64(0)
                                     << QString() << int(PipelineStatus::Success) << QString() << false << true
                                     << false;
    }
    void job()
    {
        QFETCH(QByteArray, json);
        const Job job = GitLab::parseJob(QJsonDocument::fromJson(json).object());
        QFETCH(qint64, pipelineId);
        QFETCH(QString, stage);
        QFETCH(int, status);
        QFETCH(QString, failureReason);
        QFETCH(bool, manual);
        QFETCH(bool, retryable);
        QFETCH(bool, playable);
        QCOMPARE(job.pipelineId, pipelineId);
        QCOMPARE(job.stage, stage);
        QCOMPARE(int(job.status), status);
        QCOMPARE(job.failureReason, failureReason);
        QCOMPARE(job.manual, manual);
        QCOMPARE(GitLab::isRetryable(job), retryable);
        QCOMPARE(GitLab::isPlayable(job), playable);
    }

    void deployment_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("environment");
        QTest::addColumn<qint64>("jobId");
        QTest::addColumn<bool>("finishedValid");
        QTest::addColumn<QString>("title");
        QTest::addColumn<bool>("retryable");
        QTest::addColumn<bool>("blocked");

        QTest::newRow("full") << QByteArray(R"({"id":100,"iid":34,"ref":"main","sha":"416d","status":"success",
            "created_at":"2019-03-25T18:55:13.252Z","user":{"username":"ada"},"environment":{"name":"production"},
            "deployable":{"id":710,"status":"success","finished_at":"2019-03-25T18:55:13.216Z",
            "commit":{"title":"Use <Map> & co"}}})")
                              << u"production"_s << qint64(710) << true << u"Use <Map> & co"_s << true << false;
        QTest::newRow("external, deployable null")
            << QByteArray(R"({"id":101,"status":"success","deployable":null})") << u"fallback"_s << qint64(0) << false
            << QString() << false << false;
        QTest::newRow("blocked") << QByteArray(R"({"id":102,"status":"blocked","deployable":{"id":711,"status":"manual",
            "finished_at":null}})")
                                 << u"fallback"_s << qint64(711) << false << QString() << false << true;
        QTest::newRow("wrong types") << QByteArray(R"({"id":103,"status":1,"environment":"production",
            "deployable":[1]})") << u"fallback"_s
                                     << qint64(0) << false << QString() << false << false;
    }
    void deployment()
    {
        QFETCH(QByteArray, json);
        const Deployment d = GitLab::parseDeployment(QJsonDocument::fromJson(json).object(), u"fallback"_s);
        QFETCH(QString, environment);
        QFETCH(qint64, jobId);
        QFETCH(bool, finishedValid);
        QFETCH(QString, title);
        QFETCH(bool, retryable);
        QFETCH(bool, blocked);
        QCOMPARE(d.environment, environment);
        QCOMPARE(d.deployableJobId, jobId);
        QCOMPARE(d.finishedAt.isValid(), finishedValid);
        QCOMPARE(d.commitTitle, title);
        QCOMPARE(GitLab::isRetryable(d), retryable);
        QCOMPARE(GitLab::isBlocked(d), blocked);
    }

    void environmentDetail_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("hasLast");
        QTest::newRow("with last") << QByteArray(R"({"id":1,"name":"review/fix-foo","tier":"development",
            "state":"available","last_deployment":{"id":100,"status":"success"}})")
                                   << u"review/fix-foo"_s << true;
        QTest::newRow("null last") << QByteArray(R"({"id":2,"name":"staging","last_deployment":null})") << u"staging"_s
                                   << false;
        QTest::newRow("list item") << QByteArray(R"({"id":3,"name":"production"})") << u"production"_s << false;
    }
    void environmentDetail()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, name);
        QFETCH(bool, hasLast);
        const GitLab::EnvironmentDetail detail = GitLab::parseEnvironmentDetail(QJsonDocument::fromJson(json).object());
        QCOMPARE(detail.environment.name, name);
        QCOMPARE(detail.lastDeployment.has_value(), hasLast);
        if (hasLast)
            QCOMPARE(detail.lastDeployment->environment, name);
    }

    void deploymentQueryPairing_data()
    {
        QTest::addColumn<QString>("orderBy");
        QTest::addColumn<bool>("updated");
        QTest::addColumn<bool>("finished");
        QTest::addColumn<QString>("expected");
        QTest::newRow("id") << u"id"_s << false << false << u"environment=prod&order_by=id&sort=desc&per_page=20"_s;
        QTest::newRow("finished_at without filter")
            << u"finished_at"_s << false << false << u"environment=prod&order_by=id&sort=desc&per_page=20"_s;
        QTest::newRow("updated filter")
            << u"id"_s << true << false
            << u"environment=prod&updated_after=2026-08-20T10:00:00.000Z&order_by=updated_at&sort=desc&per_page=20"_s;
        QTest::newRow("finished filter")
            << u"updated_at"_s << false << true
            << u"environment=prod&finished_after=2026-08-20T10:00:00.000Z&status=success&order_by=finished_at&sort=desc&per_page=20"_s;
    }
    void deploymentQueryPairing()
    {
        QFETCH(QString, orderBy);
        QFETCH(bool, updated);
        QFETCH(bool, finished);
        QFETCH(QString, expected);
        DeploymentQuery query;
        query.environment = u"prod"_s;
        query.orderBy = orderBy;
        const QDateTime t(QDate(2026, 8, 20), QTime(10, 0), QTimeZone::UTC);
        if (updated)
            query.updatedAfter = t;
        if (finished)
            query.finishedAfter = t;
        QCOMPARE(query.toUrlQuery().toString(QUrl::FullyDecoded), expected);
    }
};

QTEST_GUILESS_MAIN(TestGitLabParse)
#include "tst_gitlabparse.moc"
