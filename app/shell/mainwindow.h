#pragma once

#include "settings/source.h"

#include <QMainWindow>
#include <QPointer>
#include <QTimer>

#include <map>

class QDialog;
class QDockWidget;
class QLabel;

namespace Shipdeck {

class AppContext;
class CalendarPane;
class Pane;
class SettingsDialog;
class TrayIcon;

/**
 * The main window: five dockable panes (Calendar, Error rates, Pipelines, Deployments & rollback, Release notes)
 * over the shared model layer, the connection state of every source in the status bar, and the layout kept across
 * runs. It owns the system tray icon; every pipeline notification also shows in the status bar for a while and in
 * View → Recent Notifications.
 */
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum class PaneId {
        Calendar,
        ErrorRates,
        Pipelines,
        Deployments,
        ReleaseNotes,
    };
    Q_ENUM(PaneId)

    explicit MainWindow(AppContext *context, QWidget *parent = nullptr);
    ~MainWindow() override;

    [[nodiscard]] QDockWidget *dock(PaneId id) const;
    [[nodiscard]] Pane *pane(PaneId id) const;
    [[nodiscard]] CalendarPane *calendarPane() const;
    [[nodiscard]] QLabel *statusLabel(Source source) const;

    /// Opens the settings dialog on @p source's page.
    void showSettings(Source source);
    /// Opens the settings dialog on the Notifications page.
    void showNotificationSettings();
    /// Opens (or raises) the list of the latest notifications.
    void showRecentNotifications();
    [[nodiscard]] TrayIcon *trayIcon() const { return m_tray; }
    /// Puts every pane back where it was on first start.
    void resetLayout();
    /// Raises the pane's dock and gives it the keyboard focus.
    void focusPane(PaneId id);

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void createPanes();
    void createActions();
    void createStatusBar();
    void applyDefaultLayout();
    void saveLayout();
    void restoreLayout();
    void showAbout();
    void showStorageError(const QString &message);
    void createTrayIcon();
    void fillRecentNotifications();
    SettingsDialog *settingsDialog();

    AppContext *m_context;
    std::map<PaneId, QDockWidget *> m_docks;
    std::map<PaneId, Pane *> m_panes;
    std::map<Source, QLabel *> m_statusLabels;
    QPointer<SettingsDialog> m_settingsDialog;
    TrayIcon *m_tray = nullptr;
    QPointer<QDialog> m_recentNotifications;
    QTimer m_awayTimer; ///< how long the window may stay minimised before the monitors slow down
};

} // namespace Shipdeck
