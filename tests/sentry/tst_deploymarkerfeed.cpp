// DeployMarkerFeed: GitLab deployments and Sentry deploy records as one list of chart markers, rollbacks marked;
// the pure rules table-driven, then the whole feed against the sandbox through a deploy and a rollback.
#include "gitlab/environmentmonitor.h"
#include "gitlab/gitlabclient.h"
#include "sentry/sentryclient.h"
#include "services/deploymarkerfeed.h"

#include "sandboxhelper.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Shipdeck;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {
const QDateTime t0(QDate(2026, 11, 26), QTime(10, 0), QTimeZone::UTC);

Deployment deployment(qint64 id, const QString &sha, int minutes, const QString &status = u"success"_s,
                      const QString &ref = u"main"_s)
{
    Deployment d;
    d.id = id;
    d.environment = u"production"_s;
    d.status = status;
    d.ref = ref;
    d.sha = sha;
    d.user = u"Ada"_s;
    d.createdAt = t0.addSecs(minutes * 60 - 120);
    d.finishedAt = status == u"success"_s ? t0.addSecs(minutes * 60) : QDateTime();
    return d;
}

SentryDeploy sentryDeploy(int minutes, const QString &environment = u"production"_s)
{
    return SentryDeploy {u"1"_s, environment, {}, {}, t0.addSecs(minutes * 60)};
}

QStringList describe(const QList<DeployMarker> &markers)
{
    QStringList out;
    for (const DeployMarker &m : markers)
        out << u"%1%2@%3"_s.arg(m.rollback ? u"↺"_s : QString(), m.version)
                   .arg((m.time - t0.toMSecsSinceEpoch()) / 60000);
    return out;
}
} // namespace

class TestDeployMarkerFeed : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void versionLabel_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("label");
        QTest::newRow("sentry release") << u"storefront@1.7.0"_s << u"1.7.0"_s;
        QTest::newRow("tag") << u"v1.7.0"_s << u"1.7.0"_s;
        QTest::newRow("plain") << u"1.7.0"_s << u"1.7.0"_s;
        QTest::newRow("branch") << u"main"_s << u"main"_s;
        QTest::newRow("word starting with v") << u"validation"_s << u"validation"_s;
    }
    void versionLabel()
    {
        QFETCH(QString, name);
        QFETCH(QString, label);
        QCOMPARE(DeployMarkerFeed::versionLabel(name), label);
    }

    void fromGitLab_data()
    {
        QTest::addColumn<QList<Deployment>>("deployments");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("none") << QList<Deployment>() << QStringList();
        QTest::newRow("forward only") << QList<Deployment> {deployment(3, u"cccccccc3"_s, 30),
                                                            deployment(1, u"aaaaaaaa1"_s, 10),
                                                            deployment(2, u"bbbbbbbb2"_s, 20)}
                                      << QStringList {u"aaaaaaaa@10"_s, u"bbbbbbbb@20"_s, u"cccccccc@30"_s};
        QTest::newRow("rollback to the previous commit")
            << QList<Deployment> {deployment(1, u"aaaaaaaa1"_s, 10), deployment(2, u"bbbbbbbb2"_s, 20),
                                  deployment(3, u"aaaaaaaa1"_s, 30)}
            << QStringList {u"aaaaaaaa@10"_s, u"bbbbbbbb@20"_s, u"↺aaaaaaaa@30"_s};
        QTest::newRow("redeploying the same commit is not a rollback")
            << QList<Deployment> {deployment(1, u"aaaaaaaa1"_s, 10), deployment(2, u"aaaaaaaa1"_s, 20)}
            << QStringList {u"aaaaaaaa@10"_s, u"aaaaaaaa@20"_s};
        QTest::newRow("failed and running ones are not drawn")
            << QList<Deployment> {deployment(1, u"aaaaaaaa1"_s, 10), deployment(2, u"bbbbbbbb2"_s, 20, u"failed"_s),
                                  deployment(3, u"bbbbbbbb2"_s, 30, u"running"_s)}
            << QStringList {u"aaaaaaaa@10"_s};
        QTest::newRow("tags name the version")
            << QList<Deployment> {deployment(1, u"aaaaaaaa1"_s, 10, u"success"_s, u"v1.6.1"_s)}
            << QStringList {u"1.6.1@10"_s};
    }
    void fromGitLab()
    {
        QFETCH(QList<Deployment>, deployments);
        QFETCH(QStringList, expected);
        QCOMPARE(describe(DeployMarkerFeed::fromGitLab(deployments)), expected);
    }

    void merge_data()
    {
        QTest::addColumn<QList<Deployment>>("gitLab");
        QTest::addColumn<QStringList>("versions");
        QTest::addColumn<QList<int>>("sentryMinutes");
        QTest::addColumn<QStringList>("expected");
        const QList<Deployment> history {deployment(1, u"aaaaaaaa1"_s, 10), deployment(2, u"bbbbbbbb2"_s, 60),
                                         deployment(3, u"aaaaaaaa1"_s, 90)};
        QTest::newRow("both sources, one marker each, versions everywhere")
            << history << QStringList {u"storefront@1.7.0"_s, u"storefront@1.6.1"_s} << QList<int> {61, 91}
            << QStringList {u"1.6.1@10"_s, u"1.7.0@60"_s, u"↺1.6.1@90"_s};
        QTest::newRow("far apart: two markers")
            << QList<Deployment> {deployment(1, u"aaaaaaaa1"_s, 10)} << QStringList {u"storefront@1.7.0"_s}
            << QList<int> {40} << QStringList {u"aaaaaaaa@10"_s, u"1.7.0@40"_s};
        QTest::newRow("sentry only: an older version after a newer one is a rollback")
            << QList<Deployment>() << QStringList {u"storefront@1.7.0"_s, u"storefront@1.6.1"_s} << QList<int> {60, 90}
            << QStringList {u"1.7.0@60"_s, u"↺1.6.1@90"_s};
        QTest::newRow("sentry only: forward")
            << QList<Deployment>() << QStringList {u"storefront@1.6.1"_s, u"storefront@1.7.0"_s} << QList<int> {10, 60}
            << QStringList {u"1.6.1@10"_s, u"1.7.0@60"_s};
    }
    void merge()
    {
        QFETCH(QList<Deployment>, gitLab);
        QFETCH(QStringList, versions);
        QFETCH(QList<int>, sentryMinutes);
        QFETCH(QStringList, expected);
        QList<DeployMarker> sentry;
        for (qsizetype i = 0; i < versions.size(); ++i)
            sentry
                += DeployMarkerFeed::fromSentry(versions.at(i), {sentryDeploy(sentryMinutes.at(i))}, u"production"_s);
        QCOMPARE(describe(DeployMarkerFeed::merge(DeployMarkerFeed::fromGitLab(gitLab), sentry)), expected);
    }

    void otherEnvironmentsAreLeftOut()
    {
        const QList<DeployMarker> markers = DeployMarkerFeed::fromSentry(
            u"storefront@1.7.0"_s, {sentryDeploy(10, u"staging"_s), sentryDeploy(20)}, u"production"_s);
        QCOMPARE(describe(markers), QStringList {u"1.7.0@20"_s});
    }

    void followsADeployAndARollbackInTheSandbox()
    {
        Test::SentrySandbox sandbox;
        QString error;
        QVERIFY2(sandbox.start({}, &error), qPrintable(error));
        QNetworkAccessManager nam;
        GitLabClient gitLab(&nam, QUrl(sandbox.process().value("gitlab_url")),
                            sandbox.process().value("gitlab_project"), sandbox.process().value("gitlab_token"));
        SentryClient sentry(&nam, sandbox.sentryUrl(), u"acme"_s, sandbox.token());
        EnvironmentMonitor environments(&gitLab);
        environments.setInterval(50ms);
        DeployMarkerFeed feed;
        feed.setEnvironment(u"production"_s);
        feed.setEnvironmentMonitor(&environments);
        feed.setSentry(&sentry);
        feed.setReleases({u"storefront@1.7.0"_s, u"storefront@1.6.1"_s});
        QSignalSpy changed(&feed, &DeployMarkerFeed::markersChanged);
        environments.start();
        QTRY_VERIFY_WITH_TIMEOUT(!feed.markers().isEmpty(), 15000);
        // Before the rollout: 1.6.1 is the newest production deploy, recorded by both.
        QTRY_COMPARE_WITH_TIMEOUT(feed.markers().last().version, u"1.6.1"_s, 15000);
        // Sentry and GitLab answer in either order: the marker is joined once both have.
        QTRY_COMPARE_WITH_TIMEOUT(feed.markers().last().origin, DeployMarker::Origin::Both, 15000);
        QVERIFY(!feed.markers().last().rollback);

        QVERIFY(sandbox.deployToProduction());
        QTRY_COMPARE_WITH_TIMEOUT(feed.markers().last().version, u"1.7.0"_s, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(feed.markers().last().origin, DeployMarker::Origin::Both, 15000);
        QVERIFY(!feed.markers().last().rollback);

        QVERIFY(sandbox.rollBackProduction());
        QTRY_VERIFY_WITH_TIMEOUT(feed.markers().last().rollback, 15000);
        const DeployMarker rollback = feed.markers().last();
        QCOMPARE(rollback.version, u"1.6.1"_s);
        QCOMPARE(rollback.environment, u"production"_s);
        QTRY_COMPARE_WITH_TIMEOUT(feed.markers().last().origin, DeployMarker::Origin::Both, 15000);
        // Only the rollback is marked so; markers stay in time order.
        int rollbacks = 0;
        for (qsizetype i = 0; i < feed.markers().size(); ++i) {
            rollbacks += feed.markers().at(i).rollback ? 1 : 0;
            if (i > 0)
                QVERIFY(feed.markers().at(i - 1).time <= feed.markers().at(i).time);
        }
        QCOMPARE(rollbacks, 1);
        QVERIFY(changed.count() >= 3);
        QVERIFY(feed.sentryRequests() > 0);
    }
};

QTEST_GUILESS_MAIN(TestDeployMarkerFeed)
#include "tst_deploymarkerfeed.moc"
