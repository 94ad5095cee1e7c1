// PipelineNotifier against the real sandbox: pipelines pushed through /_sandbox/push fail live; the scenario's
// release pipeline waits on its manual production deploy. Baseline, one notification per (pipeline, kind), recovery,
// failure-only mode, ref and environment rules, and the worst status.
#include "gitlab/gitlabclient.h"
#include "gitlab/pipelinemonitor.h"
#include "gitlab/pipelinenotifier.h"
#include "sandboxcontrol.h"

#include <QStandardPaths>
#include <QTest>

#include <functional>
#include <memory>

using namespace Shipdeck;
using namespace Shipdeck::Test;
using namespace Qt::Literals::StringLiterals;
using namespace std::chrono_literals;
using Kind = PipelineNotification::Kind;

namespace {

NotificationRules rules(const QStringList &refs, const QStringList &environments = {}, bool failuresOnly = false,
                        bool enabled = true)
{
    NotificationRules r;
    r.refs = refs;
    r.environments = environments;
    r.failuresOnly = failuresOnly;
    r.enabled = enabled;
    return r;
}

/// The notifications a spy on PipelineNotifier::notify caught.
QList<PipelineNotification> caught(const QSignalSpy &spy)
{
    QList<PipelineNotification> result;
    for (const QList<QVariant> &args : spy)
        result.append(args.at(0).value<PipelineNotification>());
    return result;
}

int count(const QSignalSpy &spy, Kind kind, qint64 pipelineId = 0)
{
    int n = 0;
    for (const PipelineNotification &notification : caught(spy))
        n += notification.kind == kind && (pipelineId == 0 || notification.pipelineId == pipelineId) ? 1 : 0;
    return n;
}

} // namespace

class TestPipelineNotifier : public QObject
{
    Q_OBJECT

private:
    /// A client and a fast-polling monitor on the sandbox.
    struct Rig
    {
        Rig(QNetworkAccessManager *nam, SandboxProcess &sandbox)
            : client(nam, sandbox.gitlabUrl(), sandbox.value("gitlab_project"), sandbox.value("gitlab_token"))
            , monitor(&client, nullptr)
            , cycles(&monitor, &PipelineMonitor::cycleFinished)
        {
            monitor.setActiveInterval(20ms);
            monitor.setIdleInterval(20ms);
        }
        /// Waits for @p n more complete cycles.
        bool waitCycles(int n = 2)
        {
            const qsizetype target = cycles.count() + n;
            for (int i = 0; i < 200 && cycles.count() < target; ++i)
                cycles.wait(1000);
            return cycles.count() >= target;
        }
        GitLabClient client;
        PipelineMonitor monitor;
        QSignalSpy cycles;
    };

    /// A notifier on @p monitor with @p r, and a spy on its notifications.
    struct Watcher
    {
        Watcher(Rig &rig, const NotificationRules &r)
            : notifier(&rig.monitor, &rig.client)
            , notes(&notifier, &PipelineNotifier::notify)
            , worst(&notifier, &PipelineNotifier::worstStatusChanged)
        {
            notifier.setRules(r);
        }
        PipelineNotifier notifier;
        QSignalSpy notes;
        QSignalSpy worst;
    };

    /// POST /_sandbox/push; returns the new pipeline's id (0 on failure).
    qint64 push(const QString &ref, bool fail, bool deploy = false)
    {
        const int status = m_control->send(
            "POST", u"/push"_s,
            QJsonDocument(QJsonObject {
                {u"ref"_s, ref}, {u"title"_s, u"Change on %1"_s.arg(ref)}, {u"fail"_s, fail}, {u"deploy"_s, deploy}}));
        if (status != 201)
            return 0;
        return QJsonDocument::fromJson(m_control->lastBody()).object().value(u"pipeline_id"_s).toInteger();
    }

    /// Moves the scenario clock in steps of @p step seconds until @p done (at most @p maxSteps), letting @p rig poll
    /// after each step.
    bool advanceUntil(Rig &rig, const std::function<bool()> &done, int step = 60, int maxSteps = 40)
    {
        for (int i = 0; i < maxSteps && !done(); ++i) {
            if (!m_control->advance(step) || !rig.waitCycles(2))
                return false;
        }
        return done();
    }

    static PipelineStatus statusOf(const Rig &rig, qint64 id)
    {
        const Pipeline *p = rig.monitor.pipeline(id);
        return p ? p->status : PipelineStatus::Unknown;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QString error;
        QVERIFY2(m_sandbox.start(QStringLiteral(SHIPDECK_SANDBOX_BINARY), {u"--quiet"_s}, &error), qPrintable(error));
        m_nam = new QNetworkAccessManager(this);
        m_control = std::make_unique<SandboxControl>(&m_sandbox, m_nam);
    }

    void init() { QVERIFY(m_control->clearFaults()); }

    void patterns_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("patterns");
        QTest::addColumn<bool>("matches");
        QTest::newRow("exact") << u"main"_s << QStringList {u"main"_s} << true;
        QTest::newRow("exact is whole") << u"main-old"_s << QStringList {u"main"_s} << false;
        QTest::newRow("glob") << u"release/1.7"_s << QStringList {u"release/*"_s} << true;
        QTest::newRow("glob crosses slashes") << u"release/1.7/hotfix"_s << QStringList {u"release/*"_s} << true;
        QTest::newRow("glob is anchored") << u"old-release/1.7"_s << QStringList {u"release/*"_s} << false;
        QTest::newRow("question mark") << u"v1"_s << QStringList {u"v?"_s} << true;
        QTest::newRow("second pattern") << u"production"_s << QStringList {u"staging"_s, u"prod*"_s} << true;
        QTest::newRow("case-sensitive") << u"Main"_s << QStringList {u"main"_s} << false;
        QTest::newRow("blank pattern") << u"main"_s << QStringList {u" "_s} << false;
        QTest::newRow("regex characters are literal") << u"fix(1)"_s << QStringList {u"fix(1)"_s} << true;
    }
    void patterns()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, patterns);
        QFETCH(bool, matches);
        QCOMPARE(matchesAnyPattern(text, patterns), matches);
        QVERIFY(rules({}).watchesRef(text)); // empty: everything
        QCOMPARE(rules(patterns).watchesRef(text), matches);
        QCOMPARE(rules({}, patterns).watchesEnvironment(text), matches);
    }

    // First, while the scenario's release pipeline on main still runs: it turns manual, waiting on deploy-production
    // (environment production). Several notifiers on one monitor, one per rule.
    void manualProductionDeploy()
    {
        Rig rig(m_nam, m_sandbox);
        Watcher all(rig, rules({}));
        Watcher production(rig, rules({u"main"_s}, {u"production"_s}));
        Watcher glob(rig, rules({u"ma*"_s}, {u"prod*"_s}));
        Watcher staging(rig, rules({}, {u"staging"_s}));
        Watcher failuresOnly(rig, rules({}, {}, true));
        Watcher otherRefs(rig, rules({u"feature/*"_s}));
        Watcher disabled(rig, rules({}, {}, false, false));
        rig.monitor.start();
        QVERIFY(rig.waitCycles(1));
        QVERIFY(all.notifier.hasBaseline());
        const qint64 rollout = rig.monitor.pipelineIds().first();
        QCOMPARE(rig.monitor.pipeline(rollout)->ref, u"main"_s);
        QCOMPARE(statusOf(rig, rollout), PipelineStatus::Running);
        QCOMPARE(all.notifier.worstStatus(), OverallStatus::Running);
        QCOMPARE(production.notifier.worstStatus(), OverallStatus::Running);
        QCOMPARE(disabled.notifier.worstStatus(), OverallStatus::Running); // kept while notifications are off

        QVERIFY(advanceUntil(rig, [&] { return statusOf(rig, rollout) == PipelineStatus::Manual; }, 30));
        // The lookups (jobs, then deployments) finish.
        QTRY_VERIFY_WITH_TIMEOUT(!all.notifier.isBusy() && !production.notifier.isBusy() && !glob.notifier.isBusy()
                                     && !staging.notifier.isBusy(),
                                 10000);
        QCOMPARE(count(all.notes, Kind::WaitingForManualDeploy, rollout), 1);
        const PipelineNotification n = caught(all.notes).constLast();
        QCOMPARE(n.kind, Kind::WaitingForManualDeploy);
        QCOMPARE(n.pipelineId, rollout);
        QCOMPARE(n.ref, u"main"_s);
        QCOMPARE(n.environment, u"production"_s);
        QCOMPARE(n.jobName, u"deploy-production"_s);
        QCOMPARE(n.sha, rig.monitor.pipeline(rollout)->sha);
        QVERIFY(n.webUrl.toString().endsWith(u"/-/pipelines/"_s + QString::number(rollout)));
        QVERIFY(n.title.contains(u"production"_s));
        QVERIFY(n.body.contains(u"deploy-production"_s));
        QCOMPARE(count(production.notes, Kind::WaitingForManualDeploy, rollout), 1);
        QCOMPARE(count(glob.notes, Kind::WaitingForManualDeploy, rollout), 1);
        QCOMPARE(staging.notes.count(), 0); // deploy-staging is not manual
        QCOMPARE(failuresOnly.notes.count(), 0);
        QCOMPARE(otherRefs.notes.count(), 0);
        QCOMPARE(disabled.notes.count(), 0);
        QCOMPARE(failuresOnly.notifier.lookupRequestCount(), 0); // nothing to ask when it cannot notify
        QCOMPARE(otherRefs.notifier.lookupRequestCount(), 0);
        QCOMPARE(all.notifier.worstStatus(), OverallStatus::Manual);
        QCOMPARE(all.worst.count(), 2); // at the baseline, then when it turned manual
        QCOMPARE(all.worst.at(0).at(0).value<OverallStatus>(), OverallStatus::Running);
        QCOMPARE(all.worst.at(1).at(0).value<OverallStatus>(), OverallStatus::Manual);
        // The feature branches of the history (their latest pipelines passed); main is not watched there.
        QCOMPARE(otherRefs.notifier.worstStatus(), OverallStatus::Success);

        // More polls, and a flip-flop of the status, repeat nothing.
        QVERIFY(rig.waitCycles(5));
        Pipeline flipped = *rig.monitor.pipeline(rollout);
        flipped.status = PipelineStatus::Running;
        rig.monitor.merge({flipped});
        flipped.status = PipelineStatus::Manual;
        rig.monitor.merge({flipped});
        QVERIFY(rig.waitCycles(3));
        QTRY_VERIFY(!all.notifier.isBusy());
        QCOMPARE(count(all.notes, Kind::WaitingForManualDeploy), 1);
        QCOMPARE(all.notes.count(), 1);
    }

    void pushedFailureNotifiesOnceThenRecovers()
    {
        Rig rig(m_nam, m_sandbox);
        Watcher watched(rig, rules({u"feature/live-*"_s}));
        Watcher failuresOnly(rig, rules({u"feature/live-*"_s}, {}, true));
        Watcher disabled(rig, rules({u"feature/live-*"_s}, {}, false, false));
        rig.monitor.start();
        QVERIFY(rig.waitCycles(1));
        QCOMPARE(watched.notifier.worstStatus(), OverallStatus::None); // no such ref yet

        const qint64 failing = push(u"feature/live-checkout"_s, true);
        const qint64 unwatched = push(u"hotfix/elsewhere"_s, true);
        QVERIFY(failing > 0 && unwatched > failing);
        QTRY_VERIFY_WITH_TIMEOUT(rig.monitor.pipeline(failing) && rig.monitor.pipeline(unwatched), 10000);
        QCOMPARE(watched.notifier.worstStatus(), OverallStatus::Running);
        QCOMPARE(watched.notifier.latestPipelines().size(), 1);
        QCOMPARE(watched.notifier.latestPipelines().first().id, failing);

        QVERIFY(advanceUntil(rig, [&] {
            return statusOf(rig, failing) == PipelineStatus::Failed
                && statusOf(rig, unwatched) == PipelineStatus::Failed;
        }));
        QCOMPARE(count(watched.notes, Kind::Failed, failing), 1);
        QCOMPARE(watched.notes.count(), 1);
        const PipelineNotification failed = caught(watched.notes).first();
        QCOMPARE(failed.ref, u"feature/live-checkout"_s);
        QVERIFY(failed.title.contains(u"feature/live-checkout"_s));
        QVERIFY(failed.body.contains(failed.sha.left(8)));
        QCOMPARE(count(failuresOnly.notes, Kind::Failed, failing), 1);
        QCOMPARE(disabled.notes.count(), 0);
        QCOMPARE(watched.notifier.worstStatus(), OverallStatus::Failed);
        QCOMPARE(disabled.notifier.worstStatus(), OverallStatus::Failed);

        // Re-polls (a full resync too) and a flip-flop do not repeat it.
        rig.monitor.setResyncEvery(2);
        QVERIFY(rig.waitCycles(6));
        Pipeline flipped = *rig.monitor.pipeline(failing);
        flipped.status = PipelineStatus::Running;
        rig.monitor.merge({flipped});
        flipped.status = PipelineStatus::Failed;
        rig.monitor.merge({flipped});
        QVERIFY(rig.waitCycles(2));
        QCOMPARE(watched.notes.count(), 1);

        // A later, passing pipeline on the same ref: recovered, once; not in failure-only mode.
        const qint64 fixing = push(u"feature/live-checkout"_s, false);
        QVERIFY(fixing > unwatched);
        QVERIFY(advanceUntil(rig, [&] { return statusOf(rig, fixing) == PipelineStatus::Success; }));
        QVERIFY(rig.waitCycles(3));
        QCOMPARE(count(watched.notes, Kind::Recovered, fixing), 1);
        QCOMPARE(watched.notes.count(), 2);
        const PipelineNotification recovered = caught(watched.notes).constLast();
        QCOMPARE(recovered.ref, u"feature/live-checkout"_s);
        QVERIFY(recovered.title.contains(u"feature/live-checkout"_s));
        QCOMPARE(failuresOnly.notes.count(), 1);
        QCOMPARE(disabled.notes.count(), 0);

        // The worst status went None → Running → Failed (→ Running → Failed: the flip-flop) → Running (the new
        // pipeline) → Success.
        QList<OverallStatus> transitions;
        for (const QList<QVariant> &args : std::as_const(watched.worst))
            transitions.append(args.at(0).value<OverallStatus>());
        QCOMPARE(transitions,
                 (QList<OverallStatus> {OverallStatus::Running, OverallStatus::Failed, OverallStatus::Running,
                                        OverallStatus::Failed, OverallStatus::Running, OverallStatus::Success}));
        QCOMPARE(watched.notifier.worstStatus(), OverallStatus::Success);
    }

    // Failures that happened before the notifier started are the baseline: no notification; the worst status shows
    // them; a later success on the ref still counts as a recovery.
    void baselineIgnoresOldFailures()
    {
        const qint64 old = push(u"feature/old-failure"_s, true);
        QVERIFY(old > 0);
        {
            Rig before(m_nam, m_sandbox);
            before.monitor.start();
            QVERIFY(before.waitCycles(1));
            QVERIFY(advanceUntil(before, [&] { return statusOf(before, old) == PipelineStatus::Failed; }));
        }

        // Two ways to take the baseline: at the first cycle, or from a monitor that already has data.
        Rig rig(m_nam, m_sandbox);
        Watcher atFirstCycle(rig, rules({u"feature/old-failure"_s}));
        QVERIFY(!atFirstCycle.notifier.hasBaseline());
        rig.monitor.start();
        QVERIFY(rig.waitCycles(1));
        Watcher fromData(rig, rules({u"feature/old-failure"_s}));
        QVERIFY(fromData.notifier.hasBaseline());
        QVERIFY(rig.waitCycles(4));
        QCOMPARE(atFirstCycle.notes.count(), 0);
        QCOMPARE(fromData.notes.count(), 0);
        QCOMPARE(atFirstCycle.notifier.worstStatus(), OverallStatus::Failed);
        QCOMPARE(fromData.notifier.worstStatus(), OverallStatus::Failed);

        const qint64 fixed = push(u"feature/old-failure"_s, false);
        QVERIFY(advanceUntil(rig, [&] { return statusOf(rig, fixed) == PipelineStatus::Success; }));
        QCOMPARE(count(atFirstCycle.notes, Kind::Recovered, fixed), 1);
        QCOMPARE(count(fromData.notes, Kind::Recovered, fixed), 1);
        QCOMPARE(atFirstCycle.notes.count(), 1);
    }

    // The ref rules decide, also for the manual deploy of a pushed pipeline with deploy jobs.
    void refRulesAndPushedManualDeploy_data()
    {
        QTest::addColumn<QStringList>("refs");
        QTest::addColumn<QStringList>("environments");
        QTest::addColumn<bool>("expectFailed");
        QTest::addColumn<bool>("expectWaiting");
        QTest::newRow("all") << QStringList() << QStringList() << true << true;
        QTest::newRow("release glob") << QStringList {u"release/*"_s} << QStringList() << true << true;
        QTest::newRow("exact ref") << QStringList {u"release/2.0"_s} << QStringList {u"production"_s} << false << true;
        QTest::newRow("other ref") << QStringList {u"main"_s, u"feature/*"_s} << QStringList() << false << false;
        QTest::newRow("other environment")
            << QStringList {u"release/*"_s} << QStringList {u"staging"_s, u"qa"_s} << true << false;
    }
    void refRulesAndPushedManualDeploy()
    {
        QFETCH(QStringList, refs);
        QFETCH(QStringList, environments);
        QFETCH(bool, expectFailed);
        QFETCH(bool, expectWaiting);
        Rig rig(m_nam, m_sandbox);
        Watcher watcher(rig, rules(refs, environments));
        rig.monitor.start();
        QVERIFY(rig.waitCycles(1));
        const QString tag = QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-');
        const qint64 failing = push(u"release/%1-fail"_s.arg(tag), true);
        const qint64 deploying = push(u"release/2.0"_s, false, true);
        QVERIFY(failing > 0 && deploying > 0);
        QVERIFY(advanceUntil(rig, [&] {
            return statusOf(rig, failing) == PipelineStatus::Failed
                && statusOf(rig, deploying) == PipelineStatus::Manual;
        }));
        QTRY_VERIFY_WITH_TIMEOUT(!watcher.notifier.isBusy(), 10000);
        QCOMPARE(count(watcher.notes, Kind::Failed, failing), expectFailed ? 1 : 0);
        QCOMPARE(count(watcher.notes, Kind::WaitingForManualDeploy, deploying), expectWaiting ? 1 : 0);
        if (expectWaiting) {
            const auto all = caught(watcher.notes);
            const auto it = std::find_if(all.cbegin(), all.cend(), [](const PipelineNotification &n) {
                return n.environment == "production"_L1;
            });
            QVERIFY(it != all.cend());
            QCOMPARE(it->ref, u"release/2.0"_s);
        }
    }

private:
    SandboxProcess m_sandbox;
    QNetworkAccessManager *m_nam = nullptr;
    std::unique_ptr<SandboxControl> m_control;
};

QTEST_GUILESS_MAIN(TestPipelineNotifier)
#include "tst_pipelinenotifier.moc"
