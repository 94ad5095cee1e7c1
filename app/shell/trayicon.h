#pragma once

#include "gitlab/pipelinenotifier.h"

#include <QIcon>
#include <QList>
#include <QMenu>
#include <QObject>
#include <QPointer>
#include <QString>

class QAction;
class QSystemTrayIcon;
class QWidget;

namespace Shipdeck {

/**
 * The system tray icon of Shipdeck and the desktop notifications about pipelines.
 *
 * The icon is the application icon with an emblem for the worst status of the watched pipelines
 * (PipelineNotifier::worstStatus()): a colour from the Okabe–Ito palette and a shape of its own per status, so it reads
 * without colour too — a vermillion octagon with a cross (failed), a blue circle with a play triangle (running), an
 * orange diamond with pause bars (waiting for a manual action), a bluish-green rounded square with a check mark
 * (passed); no emblem when nothing is watched. The tooltip says the same in words ("Shipdeck — 1 pipeline failed on
 * main"). The context menu has Show Shipdeck and Quit; a click shows and raises the window, or hides it when it is
 * already active.
 *
 * Each notification of the notifier goes to QSystemTrayIcon::showMessage() when the platform supports messages (also
 * when there is no tray to show the icon in), and always into history() (the latest 20, newest first) and
 * notificationDelivered(), for the in-app places that show it. Clicking a message emits messageClicked().
 */
class TrayIcon : public QObject
{
    Q_OBJECT
public:
    static constexpr int HistorySize = 20;

    /// @p window is shown, raised or hidden by the icon; it is not owned.
    explicit TrayIcon(QWidget *window, QObject *parent = nullptr);
    ~TrayIcon() override;

    /// Follows @p notifier (may be null: GitLab is not connected); not owned.
    void setNotifier(PipelineNotifier *notifier);
    [[nodiscard]] PipelineNotifier *notifier() const { return m_notifier; }

    [[nodiscard]] OverallStatus status() const { return m_status; }
    [[nodiscard]] QIcon icon() const;
    [[nodiscard]] QString toolTip() const;
    [[nodiscard]] QSystemTrayIcon *systemTrayIcon() const { return m_tray; }
    [[nodiscard]] QMenu *contextMenu() const { return m_menu.data(); }
    /// Whether the icon is in a system tray (false on platforms or sessions without one).
    [[nodiscard]] bool isShownInTray() const;

    /// The notifications delivered so far, newest first, at most HistorySize.
    [[nodiscard]] const QList<PipelineNotification> &history() const { return m_history; }

    /// The application icon with the emblem of @p status (none for OverallStatus::None), at the usual tray sizes.
    [[nodiscard]] static QIcon statusIcon(OverallStatus status);
    /// The tooltip for @p status over the latest pipelines of the watched refs; @p connected false: no GitLab.
    [[nodiscard]] static QString toolTipText(OverallStatus status, const QList<Pipeline> &latest, bool connected);

public Q_SLOTS:
    /// Shows the notification (desktop message when supported) and records it.
    void deliver(const Shipdeck::PipelineNotification &notification);
    /// Shows and raises the window, or hides it when it is the active window.
    void toggleWindow();
    /// Shows, raises and activates the window.
    void showWindow();

Q_SIGNALS:
    /// A notification was delivered (and added to history()).
    void notificationDelivered(const Shipdeck::PipelineNotification &notification);
    /// The user clicked the desktop message of @p notification.
    void messageClicked(const Shipdeck::PipelineNotification &notification);
    /// Quit was chosen in the context menu.
    void quitRequested();
    void statusChanged(Shipdeck::OverallStatus status);

private:
    void update();

    QPointer<QWidget> m_window;
    QPointer<PipelineNotifier> m_notifier;
    QSystemTrayIcon *m_tray;
    QPointer<QMenu> m_menu; ///< parented to the window, so it follows its layout direction and style
    QAction *m_showAction;
    QAction *m_quitAction;
    OverallStatus m_status = OverallStatus::None;
    QList<PipelineNotification> m_history;
    PipelineNotification m_lastMessage; ///< the one the desktop shows; messageClicked() is about it
};

} // namespace Shipdeck
