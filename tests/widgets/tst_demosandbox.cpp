// The demo workspace's GitLab and Sentry: the real sandbox as a child process, and the workspace pointed at it.
#include "appcontext.h"
#include "demosandbox.h"
#include "services/connectionstatus.h"
#include "settings/connectionsettings.h"
#include "settings/secretstore.h"
#include "settings/settingsstore.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Shipdeck;

class TestDemoSandbox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void startsConfiguresAndGoesLive()
    {
        QTemporaryDir dir;
        AppContext context(Workspace::inDirectory(dir.path(), QStringLiteral("Shipdeck Test")));
        QSignalSpy loaded(&context, &AppContext::loaded);
        context.start();
        QVERIFY(!loaded.isEmpty() || loaded.wait(30000));
        QCOMPARE(context.status(Source::GitLab)->state(), ConnectionStatus::State::NotConfigured);

        DemoSandbox sandbox;
        sandbox.setProgram(QStringLiteral(SHIPDECK_SANDBOX_BINARY));
        QSignalSpy ready(&sandbox, &DemoSandbox::ready);
        sandbox.start();
        QVERIFY(ready.wait(20000));
        QVERIFY(sandbox.info().value(QStringLiteral("gitlab_url")).toString().startsWith(u"http://127.0.0.1:"));

        sandbox.configure(context.settings(), context.secrets());
        QCOMPARE(context.settings()->gitLab().project,
                 sandbox.info().value(QStringLiteral("gitlab_project")).toString());
        QCOMPARE(context.settings()->sentry().organization,
                 sandbox.info().value(QStringLiteral("sentry_org")).toString());
        QVERIFY(context.secrets()->hasSecret(SecretStore::Key::GitLabToken));
        // The connection check runs against the sandbox over HTTP.
        QTRY_COMPARE_WITH_TIMEOUT(context.status(Source::GitLab)->state(), ConnectionStatus::State::Live, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(context.status(Source::Sentry)->state(), ConnectionStatus::State::Live, 20000);

        // The shared layer carries the deploy markers of the watched environment (GitLab and Sentry).
        context.setWatchedReleases(QStringLiteral("storefront@1.7.0"), QStringLiteral("storefront@1.6.1"));
        QTRY_VERIFY_WITH_TIMEOUT(!context.deployMarkers()->markers().isEmpty(), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(context.deployMarkers()->markers().last().version, QStringLiteral("1.6.1"), 20000);

        // Away (minimised for long): environments and error rates pause; pipelines slow down to the idle pace,
        // since they feed the tray's notifications; back, everything resumes at once.
        QVERIFY(context.settings()->notifications().enabled);
        context.setAway(true);
        QVERIFY(context.environments()->isPaused());
        QVERIFY(context.errorRates()->isPaused());
        QVERIFY(!context.pipelines()->isPaused());
        QCOMPARE(context.pipelines()->activeInterval(), context.pipelines()->idleInterval());
        NotificationSettings quiet = context.settings()->notifications();
        quiet.enabled = false;
        context.settings()->setNotifications(quiet);
        context.setAway(false);
        context.setAway(true);
        QVERIFY(context.pipelines()->isPaused());
        context.setAway(false);
        QVERIFY(!context.pipelines()->isPaused());
        QVERIFY(!context.environments()->isPaused());
        QVERIFY(!context.errorRates()->isPaused());
        QCOMPARE(context.pipelines()->activeInterval(), PipelineMonitor::DefaultActiveInterval);
    }

    void missingBinaryFailsInWords()
    {
        DemoSandbox sandbox;
        sandbox.setProgram(QStringLiteral("/nonexistent/shipdeck-sandbox"));
        QSignalSpy failed(&sandbox, &DemoSandbox::failed);
        sandbox.start();
        QVERIFY(failed.wait());
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("could not be started")));
    }
};

QTEST_MAIN(TestDemoSandbox)
#include "tst_demosandbox.moc"
