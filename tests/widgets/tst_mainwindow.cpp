#include "appcontext.h"
#include "common/emptystate.h"
#include "common/pane.h"
#include "mainwindow.h"
#include "panes/calendarpane.h"
#include "releaselistmodel.h"
#include "releaseroles.h"
#include "releasetimelinemodel.h"
#include "services/connectionstatus.h"
#include "services/releasemanager.h"
#include "settings/secretstore.h"
#include "settings/settingsdialog.h"
#include "settings/settingsstore.h"
#include "trayicon.h"

#include <QCalendarWidget>
#include <QDockWidget>
#include <QLabel>
#include <QListView>
#include <QListWidget>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextCharFormat>
#include <QTimeZone>
#include <QTranslator>

using namespace Shipdeck;
using PaneId = MainWindow::PaneId;

class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;

    std::unique_ptr<AppContext> makeContext()
    {
        auto context
            = std::make_unique<AppContext>(Workspace::inDirectory(m_dir->path(), QStringLiteral("Shipdeck Test")));
        QSignalSpy loaded(context.get(), &AppContext::loaded);
        context->start();
        if (loaded.isEmpty() && !loaded.wait(30000)) // it may come before the wait
            qFatal("workspace did not load");
        return context;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }

    void hasFivePanesInDocks()
    {
        auto context = makeContext();
        MainWindow window(context.get());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QStringList expected {QStringLiteral("Calendar"),
            QStringLiteral("Error rates"),
                           QStringLiteral("Pipelines"),
                                          QStringLiteral("Deployments && rollback"), QStringLiteral("Release notes")};
        const auto docks = window.findChildren<QDockWidget *>();
        QCOMPARE(docks.size(), 5);
        for (const QString &title : expected) {
            const bool found = std::any_of(docks.cbegin(), docks.cend(),
                                           [&title](QDockWidget *d) { return d->windowTitle() == title; });
            QVERIFY2(found, qPrintable(title));
        }
        QStringList menus;
        for (QAction *a : window.menuBar()->actions())
            menus << a->text();
        QCOMPARE(menus,
                 (QStringList {QStringLiteral("&File"),
                     QStringLiteral("&Edit"),
                                    QStringLiteral("&View"), QStringLiteral("&Settings"), QStringLiteral("&Help")}));
    }

    // Settings → Notifications… and View → Recent Notifications…; the tray icon follows the GitLab connection.
    void notificationsAreReachableFromTheMenus()
    {
        auto context = makeContext();
        MainWindow window(context.get());
        window.show();
        QVERIFY(window.trayIcon());
        QCOMPARE(window.trayIcon()->notifier(), nullptr);
        auto actionIn = [&window](const QString &menuTitle, const QString &text) -> QAction * {
            for (QAction *menu : window.menuBar()->actions()) {
                if (menu->text() != menuTitle || !menu->menu())
                    continue;
                for (QAction *a : menu->menu()->actions()) {
                    if (a->text() == text)
                        return a;
                }
            }
            return nullptr;
        };
        QAction *settings = actionIn(QStringLiteral("&Settings"), QStringLiteral("&Notifications…"));
        QVERIFY(settings);
        settings->trigger();
        auto *dialog = window.findChild<SettingsDialog *>();
        QVERIFY(dialog && dialog->isVisible());
        QVERIFY(dialog->isNotificationsPageShown());
        dialog->close();

        QAction *recent = actionIn(QStringLiteral("&View"), QStringLiteral("Recent &Notifications…"));
        QVERIFY(recent);
        recent->trigger();
        auto *list = window.findChild<QListWidget *>(QStringLiteral("notificationList"));
        QVERIFY(list && list->isVisible());
        QCOMPARE(list->count(), 1); // "No notifications yet."
        QCOMPARE(list->item(0)->flags(), Qt::NoItemFlags);

        // A notification: in the status bar, and in the open list.
        PipelineNotification n;
        n.title = QStringLiteral("Pipeline failed on main");
        n.body = QStringLiteral("Pipeline #7 (commit 1a2b3c4d) failed.");
        n.time = QDateTime::currentDateTimeUtc();
        window.trayIcon()->deliver(n);
        QCOMPARE(window.statusBar()->currentMessage(),
                 QStringLiteral("Pipeline failed on main: Pipeline #7 (commit 1a2b3c4d) failed."));
        QCOMPARE(list->count(), 1);
        QVERIFY(list->item(0)->text().contains(n.title));

        // Connecting GitLab gives the tray its notifier.
        context->settings()->setGitLab(
            GitLabSettings {QUrl(QStringLiteral("https://gitlab.example.org")), QStringLiteral("group/app")});
        context->secrets()->write(SecretStore::Key::GitLabToken, QStringLiteral("glpat-test"));
        QTRY_VERIFY(context->notifier());
        QCOMPARE(window.trayIcon()->notifier(), context->notifier());
    }

    void unconfiguredPanesShowEmptyStateAndOpenSettings_data()
    {
        QTest::addColumn<PaneId>("pane");
        QTest::addColumn<Source>("source");
        QTest::newRow("errors") << PaneId::ErrorRates << Source::Sentry;
        QTest::newRow("pipelines") << PaneId::Pipelines << Source::GitLab;
        QTest::newRow("deployments") << PaneId::Deployments << Source::GitLab;
        QTest::newRow("notes") << PaneId::ReleaseNotes << Source::GitLab;
    }
    void unconfiguredPanesShowEmptyStateAndOpenSettings()
    {
        QFETCH(PaneId, pane);
        QFETCH(Source, source);
        auto context = makeContext();
        MainWindow window(context.get());
        window.show();
        Pane *p = window.pane(pane);
        QVERIFY(p->isShowingEmptyState());
        QVERIFY(p->emptyState()->text().contains(sourceName(source)));
        QPushButton *button = p->emptyState()->actionButton();
        QVERIFY(button->isVisibleTo(p));
        QTest::mouseClick(button, Qt::LeftButton);
        auto *dialog = window.findChild<SettingsDialog *>();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->currentPage(), source);
        dialog->close();
    }

    void configuringASourceShowsContentAndStatus()
    {
        auto context = makeContext();
        MainWindow window(context.get());
        window.show();
        QCOMPARE(window.statusLabel(Source::GitLab)->text(), QStringLiteral("GitLab: not configured"));
        context->settings()->setGitLab(
            GitLabSettings {QUrl(QStringLiteral("https://gitlab.example.org")), QStringLiteral("group/app")});
        QVERIFY(window.pane(PaneId::Pipelines)->isShowingEmptyState()); // no token yet
        QSignalSpy written(context->secrets(), &SecretStore::secretWritten);
        context->secrets()->write(SecretStore::Key::GitLabToken, QStringLiteral("glpat-test"));
        QTRY_VERIFY(!window.pane(PaneId::Pipelines)->isShowingEmptyState());
        QCOMPARE(window.statusLabel(Source::GitLab)->text(), QStringLiteral("GitLab: connecting…"));
        context->status(Source::GitLab)->setLive();
        context->status(Source::GitLab)->setFailed(QStringLiteral("<b>The server had an error (HTTP 502).</b>"));
        QVERIFY(window.statusLabel(Source::GitLab)->text().contains(QStringLiteral("stale since")));
        QCOMPARE(window.statusLabel(Source::GitLab)->textFormat(), Qt::PlainText);
        QVERIFY(window.pane(PaneId::Pipelines)->bannerText().contains(QStringLiteral("<b>The server")));
        QVERIFY(window.pane(PaneId::ErrorRates)->isShowingEmptyState()); // Sentry is still not configured
    }

    // An edit in the calendar's table shows at once in the agenda (another model, another view).
    void calendarEditReachesAgenda()
    {
        auto context = makeContext();
        Release r;
        r.version = QStringLiteral("2.4.0");
        r.plannedStart = QDateTime(QDate(2026, 12, 3), QTime(10, 0), QTimeZone::UTC);
        const QString id = context->releases()->addRelease(r);
        MainWindow window(context.get());
        window.show();
        CalendarPane *calendar = window.calendarPane();
        QCOMPARE(calendar->timelineModel()->rowCount(), 1);
        QAbstractItemModel *table = calendar->tableView()->model();
        QVERIFY(table->setData(table->index(0, ReleaseListModel::TitleColumn), QStringLiteral("Onboarding")));
        QCOMPARE(calendar->timelineModel()->index(0).data().toString(), QStringLiteral("2.4.0 — Onboarding"));
        QCOMPARE(context->releases()->release(id)->title, QStringLiteral("Onboarding"));
        QVERIFY(calendar->calendar()->dateTextFormat(QDate(2026, 12, 3)).fontWeight() == QFont::Bold);
    }

    void layoutIsSavedRestoredAndReset()
    {
        QByteArray saved;
        {
            auto context = makeContext();
            MainWindow window(context.get());
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.dock(PaneId::Pipelines)->hide();
            window.close();
            saved = context->settings()->mainWindowState();
            QVERIFY(!saved.isEmpty());
        }
        auto context = makeContext();
        MainWindow window(context.get());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(!window.dock(PaneId::Pipelines)->isVisible());
        window.resetLayout();
        QVERIFY(window.dock(PaneId::Pipelines)->isVisible());
        QCOMPARE(window.dockWidgetArea(window.dock(PaneId::Calendar)), Qt::LeftDockWidgetArea);
        QCOMPARE(window.dockWidgetArea(window.dock(PaneId::ErrorRates)), Qt::RightDockWidgetArea);
    }

    void shortcutsFocusPanes()
    {
        auto context = makeContext();
        MainWindow window(context.get());
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        window.dock(PaneId::ReleaseNotes)->raise();
        QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
        QTRY_VERIFY(window.dock(PaneId::Calendar)->isAncestorOf(QApplication::focusWidget()));
        QTest::keyClick(&window, Qt::Key_4, Qt::ControlModifier);
        QTRY_VERIFY(window.dock(PaneId::Deployments)->isAncestorOf(QApplication::focusWidget()));
    }

    void languageChoiceIsStoredForNextStart()
    {
        auto context = makeContext();
        MainWindow window(context.get());
        QAction *persian = nullptr;
        for (QAction *a : window.findChildren<QAction *>()) {
            if (a->text() == QStringLiteral("فارسی"))
                persian = a;
        }
        QVERIFY(persian);
        QVERIFY(!persian->isChecked());
        persian->trigger();
        QCOMPARE(context->settings()->language(), QStringLiteral("fa"));
        QVERIFY(persian->isChecked());
    }

    // English has its own catalogue for plural forms only: "%n line(s)" reads "1 line", "15 lines".
    void englishPlurals_data()
    {
        QTest::addColumn<int>("n");
        QTest::addColumn<QString>("expected");
        QTest::newRow("one") << 1 << QStringLiteral("1 line, 2 KiB");
        QTest::newRow("many") << 15 << QStringLiteral("15 lines, 2 KiB");
        QTest::newRow("none") << 0 << QStringLiteral("0 lines, 2 KiB");
    }
    void englishPlurals()
    {
        QFETCH(int, n);
        QFETCH(QString, expected);
        QTranslator translator;
        QVERIFY(translator.load(QStringLiteral("shipdeck_en"), QStringLiteral(":/i18n")));
        QCoreApplication::installTranslator(&translator);
        const QString text
            = QCoreApplication::translate("Shipdeck::JobLogDialog", "%n line(s), %1", nullptr, n).arg(u"2 KiB");
        QCoreApplication::removeTranslator(&translator);
        QCOMPARE(text, expected);
    }

    // In Persian the window reads right to left and every pane title is translated.
    void persianIsRightToLeft()
    {
        QTranslator translator;
        QVERIFY(translator.load(QLocale(QLocale::Persian),
                                QStringLiteral("shipdeck"), QStringLiteral("_"), QStringLiteral(":/i18n")));
        QCoreApplication::installTranslator(&translator);
        QGuiApplication::setLayoutDirection(QLocale(QLocale::Persian).textDirection());
        auto context = makeContext();
        {
            MainWindow window(context.get());
            window.show();
            QCOMPARE(window.layoutDirection(), Qt::RightToLeft);
            QCOMPARE(window.dock(PaneId::Calendar)->windowTitle(), QStringLiteral("تقویم"));
            QVERIFY(!window.statusLabel(Source::GitLab)->text().contains(QStringLiteral("not configured")));
        }
        QCoreApplication::removeTranslator(&translator);
        QGuiApplication::setLayoutDirection(Qt::LeftToRight);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
