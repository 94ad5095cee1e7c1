#include "mainwindow.h"

#include "appcontext.h"
#include "common/emptystate.h"
#include "panes/calendarpane.h"
#include "panes/deploymentspane.h"
#include "panes/errorratespane.h"
#include "panes/pipelinespane.h"
#include "releaseroles.h"
#include "services/connectionstatus.h"
#include "services/deploymarkerfeed.h"
#include "services/releasemanager.h"
#include "settings/connectionsettings.h"
#include "settings/settingsdialog.h"
#include "settings/settingsstore.h"
#include "shipdeck_version.h"
#include "trayicon.h"

#include <ksyntaxhighlighting_version.h>

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace Shipdeck {

MainWindow::MainWindow(AppContext *context, QWidget *parent) : QMainWindow(parent), m_context(context)
{
    setObjectName(QStringLiteral("MainWindow"));
    m_awayTimer.setSingleShot(true);
    m_awayTimer.setInterval(std::chrono::minutes(5));
    connect(&m_awayTimer, &QTimer::timeout, this, [this] { m_context->setAway(true); });
    setWindowTitle(context->workspace().isDemo() ? tr("Shipdeck — Demo workspace") : tr("Shipdeck"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/shipdeck.svg")));
    setDockOptions(AnimatedDocks | AllowNestedDocks | AllowTabbedDocks);
    setDockNestingEnabled(true);

    if (context->workspace().isDemo()) {
        auto *banner = new QToolBar(tr("Demo"), this);
        banner->setObjectName(QStringLiteral("DemoBanner"));
        banner->setMovable(false);
        banner->setFloatable(false);
        auto *text = new QLabel(tr("Demo workspace: a local sandbox plays GitLab and Sentry through a release "
                                   "rollout, one scenario minute per second. Your own workspace is untouched; to use "
                                   "your services, start Shipdeck without --demo and connect them under Settings."),
                                banner);
        text->setTextFormat(Qt::PlainText);
        text->setContentsMargins(6, 2, 6, 2);
        banner->addWidget(text);
        addToolBar(Qt::TopToolBarArea, banner);
    }

    createPanes();
    createActions();
    createStatusBar();
    createTrayIcon();
    applyDefaultLayout();
    restoreLayout();

    connect(context, &AppContext::storageError, this, &MainWindow::showStorageError);
}

MainWindow::~MainWindow() = default;

QDockWidget *MainWindow::dock(PaneId id) const
{
    return m_docks.at(id);
}

Pane *MainWindow::pane(PaneId id) const
{
    return m_panes.at(id);
}

CalendarPane *MainWindow::calendarPane() const
{
    return static_cast<CalendarPane *>(m_panes.at(PaneId::Calendar));
}

QLabel *MainWindow::statusLabel(Source source) const
{
    return m_statusLabels.at(source);
}

void MainWindow::createPanes()
{
    auto *gitlab = m_context->status(Source::GitLab);
    auto *sentry = m_context->status(Source::Sentry);
    m_panes[PaneId::Calendar] = new CalendarPane(m_context->releases(), gitlab, this);
    auto *errorRates = new ErrorRatesPane(sentry, this);
    auto bindErrorRates = [this, errorRates] {
        const SentrySettings settings = m_context->settings()->sentry();
        errorRates->setMonitor(m_context->errorRates());
        errorRates->setSentry(m_context->sentry(), settings.projects, settings.environment);
        errorRates->setReleases(m_context->currentRelease(), m_context->previousRelease());
    };
    bindErrorRates();
    connect(m_context, &AppContext::sentryChanged, errorRates, bindErrorRates);
    // Thresholds: stored in the settings (shipdeck-cli verdict reads them too), edited from the pane.
    errorRates->setThresholds(m_context->settings()->thresholds());
    connect(errorRates, &ErrorRatesPane::thresholdsEdited, m_context->settings(), &SettingsStore::setThresholds);
    connect(m_context->settings(), &SettingsStore::thresholdsChanged, errorRates,
            [this, errorRates] { errorRates->setThresholds(m_context->settings()->thresholds()); });
    // Deploy markers: GitLab's deployments and Sentry's deploy records, through the shared layer.
    errorRates->setDeployMarkers(m_context->deployMarkers()->markers());
    connect(m_context->deployMarkers(), &DeployMarkerFeed::markersChanged, errorRates,
            [this, errorRates] { errorRates->setDeployMarkers(m_context->deployMarkers()->markers()); });
    // The rollback workflow starts from the deployments of the environment.
    connect(errorRates, &ErrorRatesPane::rollbackRequested, this, [this](const QString &release) {
        focusPane(PaneId::Deployments);
        statusBar()->showMessage(
            tr("%1 breached its thresholds: pick the deployment to roll back to under Deployments & rollback.")
                .arg(release));
    });
    m_panes[PaneId::ErrorRates] = errorRates;
    auto *pipelines = new PipelinesPane(gitlab, this);
    pipelines->setGitLab(m_context->gitLab(), m_context->pipelines());
    connect(m_context, &AppContext::gitLabChanged, pipelines,
            [this, pipelines] { pipelines->setGitLab(m_context->gitLab(), m_context->pipelines()); });
    m_panes[PaneId::Pipelines] = pipelines;
    auto *deployments = new DeploymentsPane(m_context->auditLog(), gitlab, this);
    deployments->setEnvironmentMonitor(m_context->environments());
    connect(m_context, &AppContext::gitLabChanged, deployments,
            [this, deployments] { deployments->setEnvironmentMonitor(m_context->environments()); });
    m_panes[PaneId::Deployments] = deployments;
    m_panes[PaneId::ReleaseNotes]
        = new SourcePane(Source::GitLab, gitlab, tr("No release notes yet"),
                         tr("Connect GitLab to draft release notes from merged work and publish them as a GitLab "
                            "release."),
                         QStringLiteral("document-edit"), QStringLiteral("pane-notes"), this);

    const std::pair<PaneId, QString> titles[] = {
        {PaneId::Calendar, tr("Calendar")},          {PaneId::ErrorRates, tr("Error rates")},
        {PaneId::Pipelines, tr("Pipelines")},        {PaneId::Deployments, tr("Deployments && rollback")},
        {PaneId::ReleaseNotes, tr("Release notes")},
    };
    const char *objectNames[]
        = {"CalendarDock", "ErrorRatesDock", "PipelinesDock", "DeploymentsDock", "ReleaseNotesDock"};
    for (const auto &[id, title] : titles) {
        auto *dock = new QDockWidget(title, this);
        dock->setObjectName(QLatin1StringView(objectNames[int(id)])); // saveState() keys on it
        dock->setWidget(m_panes[id]);
        dock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable
                          | QDockWidget::DockWidgetFloatable);
        m_docks[id] = dock;
        connect(m_panes[id], &Pane::configureRequested, this, &MainWindow::showSettings);
    }
}

void MainWindow::applyDefaultLayout()
{
    // Planning on the left, watching on the right:
    //   Calendar     | Error rates
    //   Pipelines    | Deployments & rollback
    //   (Release notes tabbed with Calendar)
    setCentralWidget(nullptr);
    addDockWidget(Qt::LeftDockWidgetArea, dock(PaneId::Calendar));
    addDockWidget(Qt::RightDockWidgetArea, dock(PaneId::ErrorRates));
    splitDockWidget(dock(PaneId::Calendar), dock(PaneId::Pipelines), Qt::Vertical);
    splitDockWidget(dock(PaneId::ErrorRates), dock(PaneId::Deployments), Qt::Vertical);
    tabifyDockWidget(dock(PaneId::Calendar), dock(PaneId::ReleaseNotes));
    for (auto &[id, d] : m_docks) {
        d->setFloating(false);
        d->show();
    }
    dock(PaneId::Calendar)->raise();
    resizeDocks({dock(PaneId::Calendar), dock(PaneId::ErrorRates)}, {1, 1}, Qt::Horizontal);
    resizeDocks({dock(PaneId::Calendar), dock(PaneId::Pipelines)}, {3, 2}, Qt::Vertical);
}

void MainWindow::resetLayout()
{
    for (auto &[id, d] : m_docks)
        removeDockWidget(d);
    applyDefaultLayout();
}

void MainWindow::focusPane(PaneId id)
{
    QDockWidget *d = dock(id);
    d->show();
    d->raise();
    d->widget()->setFocus(Qt::ShortcutFocusReason);
    if (QWidget *child = d->widget()->nextInFocusChain(); child && d->widget()->isAncestorOf(child))
        child->setFocus(Qt::ShortcutFocusReason);
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *newRelease = file->addAction(QIcon::fromTheme(QStringLiteral("document-new")), tr("&New Release"));
    newRelease->setShortcut(QKeySequence::New);
    connect(newRelease, &QAction::triggered, this, [this] {
        focusPane(PaneId::Calendar);
        calendarPane()->addRelease();
    });
    file->addSeparator();
    QAction *quit = file->addAction(QIcon::fromTheme(QStringLiteral("application-exit")), tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *deleteRelease = edit->addAction(QIcon::fromTheme(QStringLiteral("edit-delete")), tr("&Delete Release"));
    deleteRelease->setShortcut(QKeySequence::Delete);
    deleteRelease->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    calendarPane()->tableView()->addAction(deleteRelease);
    connect(deleteRelease, &QAction::triggered, this, [this] {
        const QModelIndex current = calendarPane()->tableView()->currentIndex();
        if (!current.isValid())
            return;
        const QString version = current.siblingAtColumn(0).data().toString();
        const auto answer = QMessageBox::question(this, tr("Delete Release"),
                                                  tr("Delete the release “%1” from the plan?").arg(version));
        if (answer == QMessageBox::Yes)
            m_context->releases()->removeRelease(current.data(ReleaseIdRole).toString());
    });

    QMenu *view = menuBar()->addMenu(tr("&View"));
    const int keys[] = {Qt::Key_1, Qt::Key_2, Qt::Key_3, Qt::Key_4, Qt::Key_5};
    for (auto &[id, d] : m_docks) {
        QAction *focus = view->addAction(tr("Go to %1").arg(d->toggleViewAction()->text()));
        focus->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(keys[int(id)])));
        connect(focus, &QAction::triggered, this, [this, id] { focusPane(id); });
    }
    view->addSeparator();
    QMenu *panes = view->addMenu(tr("&Panes"));
    for (auto &[id, d] : m_docks)
        panes->addAction(d->toggleViewAction());
    view->addSeparator();
    QAction *recent = view->addAction(QIcon::fromTheme(QStringLiteral("notifications")), tr("Recent &Notifications…"));
    recent->setObjectName(QStringLiteral("recentNotificationsAction"));
    connect(recent, &QAction::triggered, this, &MainWindow::showRecentNotifications);
    view->addSeparator();
    QAction *reset = view->addAction(tr("&Reset Layout"));
    connect(reset, &QAction::triggered, this, &MainWindow::resetLayout);
    QAction *fullScreen = view->addAction(QIcon::fromTheme(QStringLiteral("view-fullscreen")), tr("F&ull Screen Mode"));
    fullScreen->setCheckable(true);
    fullScreen->setShortcut(QKeySequence::FullScreen);
    connect(fullScreen, &QAction::toggled, this, [this](bool on) {
        setWindowState(on ? windowState() | Qt::WindowFullScreen : windowState() & ~Qt::WindowFullScreen);
    });

    QMenu *settings = menuBar()->addMenu(tr("&Settings"));
    for (Source source : allSources) {
        QAction *page = settings->addAction(tr("Connect %1…").arg(sourceName(source)));
        connect(page, &QAction::triggered, this, [this, source] { showSettings(source); });
    }
    QAction *notifications = settings->addAction(tr("&Notifications…"));
    notifications->setObjectName(QStringLiteral("notificationSettingsAction"));
    connect(notifications, &QAction::triggered, this, &MainWindow::showNotificationSettings);
    settings->addSeparator();
    // Applied at the next start: every string would otherwise need retranslating in place.
    QMenu *languages = settings->addMenu(tr("&Language"));
    auto *languageGroup = new QActionGroup(languages);
    const std::pair<QString, QString> choices[] = {
        {QString(), tr("System Language")},
        {QStringLiteral("en"), QStringLiteral("English")},
         {QStringLiteral("fa"), QStringLiteral("فارسی")},
        };
    for (const auto &[code, name] : choices) {
        QAction *choice = languages->addAction(name);
        choice->setCheckable(true);
        choice->setChecked(m_context->settings()->language() == code);
        languageGroup->addAction(choice);
        connect(choice, &QAction::triggered, this, [this, code, name] {
            m_context->settings()->setLanguage(code);
            statusBar()->showMessage(tr("Shipdeck will use %1 the next time it starts.").arg(name), 10000);
        });
    }
    QAction *configure = settings->addAction(QIcon::fromTheme(QStringLiteral("configure")), tr("&Configure Shipdeck…"));
    configure->setShortcut(QKeySequence::Preferences);
    configure->setMenuRole(QAction::PreferencesRole);
    connect(configure, &QAction::triggered, this, [this] { showSettings(Source::GitLab); });

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(QIcon::fromTheme(QStringLiteral("help-about")), tr("&About Shipdeck"));
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
    QAction *aboutQt = help->addAction(tr("About &Qt"));
    aboutQt->setMenuRole(QAction::AboutQtRole);
    connect(aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::createStatusBar()
{
    for (Source source : allSources) {
        auto *label = new QLabel(statusBar());
        label->setTextFormat(Qt::PlainText); // error text comes from servers
        label->setContentsMargins(6, 0, 6, 0);
        ConnectionStatus *status = m_context->status(source);
        auto update = [label, status] {
            label->setText(status->text());
            label->setToolTip(status->text());
        };
        connect(status, &ConnectionStatus::changed, label, update);
        update();
        statusBar()->addPermanentWidget(label);
        m_statusLabels[source] = label;
    }
}

SettingsDialog *MainWindow::settingsDialog()
{
    if (!m_settingsDialog) {
        m_settingsDialog = new SettingsDialog(m_context->settings(), m_context->secrets(), m_context->network(), this);
        m_settingsDialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    return m_settingsDialog;
}

void MainWindow::showSettings(Source source)
{
    SettingsDialog *dialog = settingsDialog();
    dialog->showPage(source);
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
}

void MainWindow::showNotificationSettings()
{
    SettingsDialog *dialog = settingsDialog();
    dialog->showNotificationsPage();
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
}

void MainWindow::createTrayIcon()
{
    m_tray = new TrayIcon(this, this);
    m_tray->setNotifier(m_context->notifier());
    connect(m_context, &AppContext::gitLabChanged, m_tray, [this] { m_tray->setNotifier(m_context->notifier()); });
    connect(m_tray, &TrayIcon::notificationDelivered, this, [this](const PipelineNotification &notification) {
        // Plain text: the title and body quote refs and commit titles.
        statusBar()->showMessage(tr("%1: %2").arg(notification.title, notification.body), 30000);
        if (m_recentNotifications)
            fillRecentNotifications();
    });
    connect(m_tray, &TrayIcon::messageClicked, this, [this] { focusPane(PaneId::Pipelines); });
    connect(m_tray, &TrayIcon::quitRequested, this, [this] {
        close();
        QCoreApplication::quit();
    });
}

void MainWindow::showRecentNotifications()
{
    if (!m_recentNotifications) {
        auto *dialog = new QDialog(this);
        dialog->setObjectName(QStringLiteral("RecentNotificationsDialog"));
        dialog->setWindowTitle(tr("Recent Notifications"));
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        auto *about = new QLabel(tr("The latest %n pipeline notifications, newest first. Double-click one to open "
                                    "the pipeline in GitLab.",
                                    nullptr, TrayIcon::HistorySize),
                                 dialog);
        about->setTextFormat(Qt::PlainText);
        about->setWordWrap(true);
        auto *list = new QListWidget(dialog);
        list->setObjectName(QStringLiteral("notificationList"));
        list->setWordWrap(true);
        list->setAlternatingRowColors(true);
        list->setSelectionMode(QAbstractItemView::SingleSelection);
        connect(list, &QListWidget::itemActivated, this, [](QListWidgetItem *item) {
            const QUrl url = item->data(Qt::UserRole).toUrl();
            if (url.isValid()
                && (url.scheme() == QLatin1StringView("https") || url.scheme() == QLatin1StringView("http")))
                QDesktopServices::openUrl(url);
        });
        auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
        connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
        auto *layout = new QVBoxLayout(dialog);
        layout->addWidget(about);
        layout->addWidget(list, 1);
        layout->addWidget(buttons);
        const QFontMetrics metrics = fontMetrics();
        dialog->resize(metrics.averageCharWidth() * 80, metrics.height() * 22);
        m_recentNotifications = dialog;
        fillRecentNotifications();
    }
    m_recentNotifications->show();
    m_recentNotifications->raise();
    m_recentNotifications->activateWindow();
}

void MainWindow::fillRecentNotifications()
{
    auto *list = m_recentNotifications->findChild<QListWidget *>(QStringLiteral("notificationList"));
    list->clear();
    const QList<PipelineNotification> &history = m_tray->history();
    if (history.isEmpty()) {
        auto *item = new QListWidgetItem(tr("No notifications yet."), list);
        item->setFlags(Qt::NoItemFlags);
        return;
    }
    const QLocale locale;
    for (const PipelineNotification &n : history) {
        // List items are plain text: refs and commit titles are never interpreted.
        const QString when = locale.toString(n.time.toLocalTime(), QLocale::ShortFormat);
        auto *item = new QListWidgetItem(tr("%1 — %2\n%3").arg(when, n.title, n.body), list);
        item->setData(Qt::UserRole, n.webUrl);
        item->setToolTip(n.webUrl.toString());
    }
}

void MainWindow::showAbout()
{
    const QString text
        = tr("<h3>Shipdeck %1</h3>"
             "<p>Plan releases, watch them roll out, roll back when they go wrong, and tell people "
             "what changed.</p>"
             "<p>Qt %2 (built with %3)<br>KDE Frameworks %4 (KSyntaxHighlighting)</p>")
              .arg(QStringLiteral(SHIPDECK_VERSION_STRING), QString::fromLatin1(qVersion()),
                                  QStringLiteral(QT_VERSION_STR), QStringLiteral(KSYNTAXHIGHLIGHTING_VERSION_STRING));
    QMessageBox::about(this, tr("About Shipdeck"), text);
}

void MainWindow::showStorageError(const QString &message)
{
    statusBar()->showMessage(tr("Storage error: %1").arg(message));
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Shipdeck"),
                                tr("Shipdeck could not use its database. Your changes are kept while Shipdeck "
                                   "runs, but may not be saved."),
                                QMessageBox::Ok, this);
    box->setDetailedText(message);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::saveLayout()
{
    m_context->settings()->setMainWindowGeometry(saveGeometry());
    m_context->settings()->setMainWindowState(saveState());
}

void MainWindow::restoreLayout()
{
    const QByteArray geometry = m_context->settings()->mainWindowGeometry();
    if (geometry.isEmpty() || !restoreGeometry(geometry))
        resize(1400, 900);
    const QByteArray state = m_context->settings()->mainWindowState();
    if (!state.isEmpty())
        restoreState(state);
}

void MainWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    if (event->type() != QEvent::WindowStateChange)
        return;
    // Minimised for long: the monitors slow down or pause (AppContext::setAway()); back at once when restored.
    if (isMinimized()) {
        m_awayTimer.start();
    } else {
        m_awayTimer.stop();
        m_context->setAway(false);
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    QMainWindow::closeEvent(event);
}

} // namespace Shipdeck
