// The tray icon and the in-app notification places: an icon per worst status (different in colour and in shape),
// the tooltip in words, and a pipeline that fails live in the sandbox reaching the history and the status bar of the
// real main window (offscreen: no system tray, so the in-app places are what the user sees).
#include "appcontext.h"
#include "mainwindow.h"
#include "settings/secretstore.h"
#include "settings/settingsdialog.h"
#include "settings/settingsstore.h"
#include "trayicon.h"

#include "../gitlab/sandboxcontrol.h"
#include "sandboxprocess.h"

#include <QAction>
#include <QDialog>
#include <QListWidget>
#include <QMenu>
#include <QPainter>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

Q_DECLARE_METATYPE(Shipdeck::Pipeline)

using namespace Shipdeck;
using namespace Shipdeck::Test;
using namespace Qt::Literals::StringLiterals;
using namespace std::chrono_literals;

namespace {

void snapshot(const QImage &image, const char *name)
{
    const QString dir = qEnvironmentVariable("SHIPDECK_TEST_SCREENSHOTS");
    if (!dir.isEmpty())
        image.save(dir + u'/' + QLatin1StringView(name) + QStringLiteral(".png"));
}

void snapshot(QWidget *widget, const char *name)
{
    snapshot(widget->grab().toImage(), name);
}

QImage iconImage(const QIcon &icon, int size = 64)
{
    return icon.pixmap(size, size).toImage().convertToFormat(QImage::Format_ARGB32);
}

const OverallStatus allStatuses[] = {OverallStatus::None, OverallStatus::Success, OverallStatus::Manual,
                                     OverallStatus::Running, OverallStatus::Failed};

Pipeline pipeline(qint64 id, const QString &ref, PipelineStatus status)
{
    Pipeline p;
    p.id = id;
    p.ref = ref;
    p.status = status;
    return p;
}

} // namespace

class TestTrayIcon : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void iconPerStatus()
    {
        QList<QImage> images, grays;
        for (OverallStatus status : allStatuses) {
            const QIcon icon = TrayIcon::statusIcon(status);
            QVERIFY(!icon.isNull());
            for (int size : {16, 22, 32})
                QVERIFY(!icon.pixmap(size, size).isNull());
            images.append(iconImage(icon));
            grays.append(images.last().convertToFormat(QImage::Format_Grayscale8));
        }
        // Every status looks different, in colour and without it (the emblems differ in shape).
        for (qsizetype i = 0; i < images.size(); ++i) {
            for (qsizetype j = i + 1; j < images.size(); ++j) {
                QVERIFY2(images.at(i) != images.at(j), qPrintable(u"%1 vs %2"_s.arg(i).arg(j)));
                QVERIFY2(grays.at(i) != grays.at(j), qPrintable(u"%1 vs %2 in grey"_s.arg(i).arg(j)));
            }
        }
        // No emblem without watched pipelines: the application icon as it is.
        QImage plain(64, 64, QImage::Format_ARGB32_Premultiplied);
        plain.fill(Qt::transparent);
        {
            QPainter painter(&plain);
            painter.setRenderHint(QPainter::Antialiasing);
            painter.setRenderHint(QPainter::SmoothPixmapTransform);
            QIcon(u":/icons/shipdeck.svg"_s).paint(&painter, QRect(0, 0, 64, 64));
        }
        QCOMPARE(images.first(), plain.convertToFormat(QImage::Format_ARGB32));
        // The emblem sits in the bottom corner; the top-left quarter is the application icon in every status.
        for (const QImage &image : std::as_const(images))
            QCOMPARE(image.copy(0, 0, 20, 20), images.first().copy(0, 0, 20, 20));

        // Side by side at 64 and 22 pixels, in colour and in grey, for a look.
        const int cell = 96;
        QImage sheet(cell * int(images.size()), cell * 2 + 40, QImage::Format_ARGB32);
        sheet.fill(Qt::white);
        QPainter painter(&sheet);
        for (qsizetype i = 0; i < images.size(); ++i) {
            const int x = int(i) * cell;
            painter.drawImage(x + 8, 8, images.at(i));
            painter.drawImage(x + 8, cell + 8, grays.at(i));
            painter.drawPixmap(x + 8, cell * 2 + 8, TrayIcon::statusIcon(allStatuses[i]).pixmap(22, 22));
            const QRect label(x + 34, cell * 2 + 4, cell - 36, 30);
            painter.drawText(label, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap,
                             painter.fontMetrics().elidedText(PipelineNotifier::statusName(allStatuses[i]),
                                                              Qt::ElideRight, label.width()));
        }
        painter.end();
        snapshot(sheet, "tray-icons");
    }

    void toolTipText_data()
    {
        QTest::addColumn<OverallStatus>("status");
        QTest::addColumn<QList<Pipeline>>("latest");
        QTest::addColumn<bool>("connected");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not connected") << OverallStatus::None << QList<Pipeline>() << false
                                       << u"Shipdeck — GitLab is not connected"_s;
        QTest::newRow("none") << OverallStatus::None << QList<Pipeline>() << true
                              << u"Shipdeck — no watched pipelines"_s;
        QTest::newRow("one failed") << OverallStatus::Failed
                                    << QList<Pipeline> {pipeline(3, u"main"_s, PipelineStatus::Failed),
                                                        pipeline(2, u"feature/x"_s, PipelineStatus::Running)}
                                    << true << u"Shipdeck — 1 pipeline failed on main"_s;
        QTest::newRow("two failed") << OverallStatus::Failed
                                    << QList<Pipeline> {pipeline(3, u"main"_s, PipelineStatus::Failed),
                                                        pipeline(2, u"release/1.7"_s, PipelineStatus::Failed)}
                                    << true << u"Shipdeck — 2 pipelines failed on main, release/1.7"_s;
        QTest::newRow("running") << OverallStatus::Running
                                 << QList<Pipeline> {pipeline(3, u"main"_s, PipelineStatus::Pending),
                                                     pipeline(2, u"b"_s, PipelineStatus::Success)}
                                 << true << u"Shipdeck — 1 pipeline running on main"_s;
        QTest::newRow("manual") << OverallStatus::Manual
                                << QList<Pipeline> {pipeline(3, u"main"_s, PipelineStatus::Manual)} << true
                                << u"Shipdeck — waiting for a manual action on main"_s;
        QTest::newRow("passed") << OverallStatus::Success
                                << QList<Pipeline> {pipeline(3, u"main"_s, PipelineStatus::Success)} << true
                                << u"Shipdeck — all watched pipelines passed"_s;
        QList<Pipeline> many;
        for (int i = 0; i < 5; ++i)
            many.append(pipeline(10 - i, u"r%1"_s.arg(i), PipelineStatus::Failed));
        QTest::newRow("many refs") << OverallStatus::Failed << many << true
                                   << u"Shipdeck — 5 pipelines failed on r0, r1, r2, …"_s;
    }
    void toolTipText()
    {
        QFETCH(OverallStatus, status);
        QFETCH(QList<Pipeline>, latest);
        QFETCH(bool, connected);
        QFETCH(QString, expected);
        QCOMPARE(TrayIcon::toolTipText(status, latest, connected), expected);
    }

    // The real main window on the sandbox: a pipeline pushed to fail turns the icon to "failed", says so in the
    // tooltip, and its notification lands in the status bar and in View → Recent Notifications.
    void liveFailureReachesTheWindow()
    {
        SandboxProcess sandbox;
        QString error;
        QVERIFY2(sandbox.start(QStringLiteral(SHIPDECK_SANDBOX_BINARY), {u"--quiet"_s}, &error), qPrintable(error));
        QNetworkAccessManager nam;
        SandboxControl control(&sandbox, &nam);

        QTemporaryDir dir;
        AppContext context(Workspace::inDirectory(dir.path(), u"Shipdeck Test tst_trayicon"_s));
        QSignalSpy loaded(&context, &AppContext::loaded);
        context.start();
        QVERIFY(!loaded.isEmpty() || loaded.wait(30000));
        MainWindow window(&context);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        TrayIcon *tray = window.trayIcon();
        QVERIFY(tray);
        QCOMPARE(tray->toolTip(), u"Shipdeck — GitLab is not connected"_s);
        QCOMPARE(tray->contextMenu()->actions().first()->text(), u"&Show Shipdeck"_s);
        QCOMPARE(tray->contextMenu()->actions().last()->text(), u"&Quit"_s);
        QCOMPARE(tray->systemTrayIcon()->isVisible(), QSystemTrayIcon::isSystemTrayAvailable());

        // Notifications about every ref (the defaults); GitLab is the sandbox.
        context.settings()->setGitLab(GitLabSettings {sandbox.gitlabUrl(), sandbox.value("gitlab_project")});
        context.secrets()->write(SecretStore::Key::GitLabToken, sandbox.value("gitlab_token"));
        QTRY_VERIFY(context.notifier());
        QCOMPARE(tray->notifier(), context.notifier());
        context.pipelines()->setActiveInterval(20ms);
        context.pipelines()->setIdleInterval(20ms);
        context.pipelines()->refresh();
        QSignalSpy cycles(context.pipelines(), &PipelineMonitor::cycleFinished);
        QTRY_VERIFY_WITH_TIMEOUT(context.notifier()->hasBaseline(), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(tray->status(), OverallStatus::Running, 10000); // the rollout on main
        QCOMPARE(iconImage(tray->icon()), iconImage(TrayIcon::statusIcon(OverallStatus::Running)));
        // The rollout on main and the open merge request's branch pipeline still run at the start.
        QCOMPARE(tray->toolTip(), u"Shipdeck — 2 pipelines running on main, feature/add-address-autocomplete"_s);

        QSignalSpy delivered(tray, &TrayIcon::notificationDelivered);
        QCOMPARE(control.send("POST", u"/push"_s,
                              QJsonDocument(QJsonObject {{u"ref"_s, u"feature/tray"_s},
                                                         {u"title"_s, u"<b>Break</b> the cart"_s},
                                                         {u"fail"_s, true}})),
                 201);
        for (int step = 0; step < 30 && tray->status() != OverallStatus::Failed; ++step) {
            QVERIFY(control.advance(60));
            cycles.clear();
            QTRY_VERIFY_WITH_TIMEOUT(cycles.count() >= 2, 10000);
        }
        QCOMPARE(tray->status(), OverallStatus::Failed);
        QCOMPARE(iconImage(tray->icon()), iconImage(TrayIcon::statusIcon(OverallStatus::Failed)));
        QCOMPARE(tray->toolTip(), u"Shipdeck — 1 pipeline failed on feature/tray"_s);

        // Exactly one notification (the rollout waiting on its manual deploy may add one more, about main).
        QTRY_VERIFY(!delivered.isEmpty());
        QList<PipelineNotification> failed;
        for (const PipelineNotification &n : tray->history()) {
            if (n.kind == PipelineNotification::Kind::Failed)
                failed.append(n);
        }
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.first().ref, u"feature/tray"_s);
        QCOMPARE(failed.first().title, u"Pipeline failed on feature/tray"_s);
        QVERIFY(tray->history().size() <= TrayIcon::HistorySize);

        // The status bar shows the latest one for a while.
        const PipelineNotification latest = tray->history().first();
        QVERIFY2(window.statusBar()->currentMessage().contains(latest.title),
                 qPrintable(window.statusBar()->currentMessage()));

        // View → Recent Notifications lists them, newest first, as plain text.
        auto *recent = window.findChild<QAction *>(u"recentNotificationsAction"_s);
        QVERIFY(recent);
        recent->trigger();
        auto *dialog = window.findChild<QDialog *>(u"RecentNotificationsDialog"_s);
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        auto *list = dialog->findChild<QListWidget *>(u"notificationList"_s);
        QCOMPARE(list->count(), int(tray->history().size()));
        QVERIFY(list->item(0)->text().contains(latest.title));
        bool listed = false;
        for (int row = 0; row < list->count(); ++row)
            listed = listed || list->item(row)->text().contains(u"Pipeline failed on feature/tray"_s);
        QVERIFY(listed);
        snapshot(dialog, "tray-notification-history");

        // A notification delivered while the list is open shows at once.
        PipelineNotification extra = latest;
        extra.title = u"<i>Extra</i>"_s;
        extra.time = QDateTime::currentDateTimeUtc();
        tray->deliver(extra);
        QCOMPARE(list->item(0)->text().section(u'\n', 0, 0).section(u" — "_s, 1), u"<i>Extra</i>"_s);
        QVERIFY(window.statusBar()->currentMessage().startsWith(u"<i>Extra</i>"_s));
        dialog->close();

        // Only the latest HistorySize are kept.
        for (int i = 0; i < TrayIcon::HistorySize + 5; ++i)
            tray->deliver(extra);
        QCOMPARE(tray->history().size(), TrayIcon::HistorySize);

        // Settings → Notifications… opens that page.
        auto *settingsAction = window.findChild<QAction *>(u"notificationSettingsAction"_s);
        QVERIFY(settingsAction);
        settingsAction->trigger();
        auto *settingsDialog = window.findChild<SettingsDialog *>();
        QVERIFY(settingsDialog && settingsDialog->isVisible());
        QVERIFY(settingsDialog->isNotificationsPageShown());
        settingsDialog->close();

        // Changing the rules reaches the notifier: only release/* watched, nothing there.
        NotificationSettings rules;
        rules.refs = {u"release/*"_s};
        context.settings()->setNotifications(rules);
        QCOMPARE(context.notifier()->rules().refs, rules.refs);
        QTRY_COMPARE(tray->status(), OverallStatus::None);
        QCOMPARE(tray->toolTip(), u"Shipdeck — no watched pipelines"_s);
        QCOMPARE(iconImage(tray->icon()), iconImage(TrayIcon::statusIcon(OverallStatus::None)));
    }

    // The history reads right to left in Persian.
    void historyIsRightToLeft()
    {
        QGuiApplication::setLayoutDirection(Qt::RightToLeft);
        QTemporaryDir dir;
        AppContext context(Workspace::inDirectory(dir.path(), u"Shipdeck Test tst_trayicon rtl"_s));
        MainWindow window(&context);
        PipelineNotification n;
        n.title = u"Pipeline failed on main"_s;
        n.body = u"Pipeline #1 (commit 1a2b3c4d) failed."_s;
        n.time = QDateTime::currentDateTimeUtc();
        window.trayIcon()->deliver(n);
        window.showRecentNotifications();
        auto *dialog = window.findChild<QDialog *>(u"RecentNotificationsDialog"_s);
        QVERIFY(dialog);
        QCOMPARE(dialog->layoutDirection(), Qt::RightToLeft);
        QCOMPARE(dialog->findChild<QListWidget *>(u"notificationList"_s)->count(), 1);
        dialog->close();
        QGuiApplication::setLayoutDirection(Qt::LeftToRight);
    }
};

QTEST_MAIN(TestTrayIcon)
#include "tst_trayicon.moc"
