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
        QVERIFY(loaded.wait(30000));
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
