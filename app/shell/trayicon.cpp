#include "trayicon.h"

#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>
#include <QPolygonF>
#include <QSystemTrayIcon>
#include <QWidget>

#include <cmath>
#include <numbers>

using namespace Qt::StringLiterals;

namespace Shipdeck {

namespace {

// Okabe–Ito colours: told apart with every common colour vision deficiency.
const QColor Vermillion(0xD5, 0x5E, 0x00);
const QColor Blue(0x00, 0x72, 0xB2);
const QColor Orange(0xE6, 0x9F, 0x00);
const QColor BluishGreen(0x00, 0x9E, 0x73);

/// Draws the emblem of @p status into @p box: a shape of its own per status, filled with its colour, outlined in white
/// so it stands out from the application icon, with a glyph inside.
void drawEmblem(QPainter &painter, OverallStatus status, const QRectF &box)
{
    const QPointF c = box.center();
    const qreal r = box.width() / 2.0;
    const qreal outline = std::max(1.0, box.width() / 12.0);
    QPainterPath shape;
    QColor fill;
    switch (status) {
    case OverallStatus::None:
        return;
    case OverallStatus::Failed: { // a stop sign
        QPolygonF octagon;
        for (int i = 0; i < 8; ++i) {
            const qreal angle = (22.5 + 45.0 * i) * std::numbers::pi / 180.0;
            octagon << QPointF(c.x() + r * std::cos(angle), c.y() + r * std::sin(angle));
        }
        shape.addPolygon(octagon);
        shape.closeSubpath();
        fill = Vermillion;
        break;
    }
    case OverallStatus::Running:
        shape.addEllipse(c, r, r);
        fill = Blue;
        break;
    case OverallStatus::Manual: {
        QPolygonF diamond;
        diamond << QPointF(c.x(), c.y() - r) << QPointF(c.x() + r, c.y()) << QPointF(c.x(), c.y() + r)
                << QPointF(c.x() - r, c.y());
        shape.addPolygon(diamond);
        shape.closeSubpath();
        fill = Orange;
        break;
    }
    case OverallStatus::Success: {
        const qreal inset = r * 0.12;
        shape.addRoundedRect(box.adjusted(inset, inset, -inset, -inset), r * 0.3, r * 0.3);
        fill = BluishGreen;
        break;
    }
    }
    painter.setPen(QPen(Qt::white, outline, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter.setBrush(fill);
    painter.drawPath(shape);

    const qreal stroke = std::max(1.0, r * 0.28);
    painter.setBrush(Qt::NoBrush);
    switch (status) {
    case OverallStatus::None:
        break;
    case OverallStatus::Failed: {
        painter.setPen(QPen(Qt::white, stroke, Qt::SolidLine, Qt::RoundCap));
        const qreal d = r * 0.36;
        painter.drawLine(QPointF(c.x() - d, c.y() - d), QPointF(c.x() + d, c.y() + d));
        painter.drawLine(QPointF(c.x() - d, c.y() + d), QPointF(c.x() + d, c.y() - d));
        break;
    }
    case OverallStatus::Running: {
        QPolygonF play;
        play << QPointF(c.x() - r * 0.3, c.y() - r * 0.45) << QPointF(c.x() - r * 0.3, c.y() + r * 0.45)
             << QPointF(c.x() + r * 0.5, c.y());
        painter.setPen(Qt::NoPen);
        painter.setBrush(Qt::white);
        painter.drawPolygon(play);
        break;
    }
    case OverallStatus::Manual: {
        // Black on orange: white would be too faint.
        painter.setPen(Qt::NoPen);
        painter.setBrush(Qt::black);
        const qreal w = r * 0.2, h = r * 0.8;
        painter.drawRect(QRectF(c.x() - r * 0.3, c.y() - h / 2, w, h));
        painter.drawRect(QRectF(c.x() + r * 0.1, c.y() - h / 2, w, h));
        break;
    }
    case OverallStatus::Success: {
        painter.setPen(QPen(Qt::white, stroke, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        QPolygonF check;
        check << QPointF(c.x() - r * 0.45, c.y() + r * 0.02) << QPointF(c.x() - r * 0.12, c.y() + r * 0.35)
              << QPointF(c.x() + r * 0.48, c.y() - r * 0.35);
        painter.drawPolyline(check);
        break;
    }
    }
}

/// "main, release/1.7, feature/x" (at most three, then "…").
QString refList(QStringList refs)
{
    if (refs.size() > 3) {
        refs = refs.mid(0, 3);
        refs.append(u"…"_s);
    }
    return refs.join(TrayIcon::tr(", "));
}

} // namespace

TrayIcon::TrayIcon(QWidget *window, QObject *parent)
    : QObject(parent), m_window(window), m_tray(new QSystemTrayIcon(this)), m_menu(new QMenu(window))
{
    m_menu->setObjectName(u"TrayMenu"_s);
    m_showAction = m_menu->addAction(tr("&Show Shipdeck"));
    m_showAction->setObjectName(u"trayShowAction"_s);
    connect(m_showAction, &QAction::triggered, this, &TrayIcon::showWindow);
    m_menu->addSeparator();
    m_quitAction = m_menu->addAction(QIcon::fromTheme(u"application-exit"_s), tr("&Quit"));
    m_quitAction->setObjectName(u"trayQuitAction"_s);
    connect(m_quitAction, &QAction::triggered, this, &TrayIcon::quitRequested);
    m_tray->setContextMenu(m_menu.data());

    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
            toggleWindow();
    });
    connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
        showWindow();
        Q_EMIT messageClicked(m_lastMessage);
    });

    update();
    if (QSystemTrayIcon::isSystemTrayAvailable())
        m_tray->show();
}

TrayIcon::~TrayIcon()
{
    m_tray->hide();
    delete m_menu.data(); // the window may outlive the icon
}

bool TrayIcon::isShownInTray() const
{
    return m_tray->isVisible() && QSystemTrayIcon::isSystemTrayAvailable();
}

QIcon TrayIcon::icon() const
{
    return m_tray->icon();
}

QString TrayIcon::toolTip() const
{
    return m_tray->toolTip();
}

void TrayIcon::setNotifier(PipelineNotifier *notifier)
{
    if (m_notifier == notifier)
        return;
    if (m_notifier)
        disconnect(m_notifier, nullptr, this, nullptr);
    m_notifier = notifier;
    if (notifier) {
        connect(notifier, &PipelineNotifier::notify, this, &TrayIcon::deliver);
        connect(notifier, &PipelineNotifier::worstStatusChanged, this, &TrayIcon::update);
        // The refs behind the tooltip change without the worst status changing.
        connect(notifier, &PipelineNotifier::latestPipelinesChanged, this, &TrayIcon::update);
        connect(notifier, &QObject::destroyed, this, &TrayIcon::update);
    }
    update();
}

void TrayIcon::update()
{
    const OverallStatus status = m_notifier ? m_notifier->worstStatus() : OverallStatus::None;
    const QList<Pipeline> latest = m_notifier ? m_notifier->latestPipelines() : QList<Pipeline>();
    const QString tip = toolTipText(status, latest, !m_notifier.isNull());
    const bool statusChanged = status != m_status || m_tray->icon().isNull();
    if (statusChanged)
        m_tray->setIcon(statusIcon(status));
    m_tray->setToolTip(tip);
    if (status != m_status) {
        m_status = status;
        Q_EMIT this->statusChanged(status);
    }
}

QIcon TrayIcon::statusIcon(OverallStatus status)
{
    const QIcon app(u":/icons/shipdeck.svg"_s);
    QIcon result;
    for (const int size : {16, 22, 24, 32, 48, 64}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        app.paint(&painter, QRect(0, 0, size, size));
        const qreal e = size * 0.62;
        drawEmblem(painter, status, QRectF(size - e, size - e, e, e).adjusted(0.5, 0.5, -0.5, -0.5));
        painter.end();
        result.addPixmap(pixmap);
    }
    return result;
}

QString TrayIcon::toolTipText(OverallStatus status, const QList<Pipeline> &latest, bool connected)
{
    if (!connected)
        return tr("Shipdeck — GitLab is not connected");
    QStringList refs;
    for (const Pipeline &p : latest) {
        if (PipelineNotifier::statusOf(p.status) == status)
            refs.append(p.ref);
    }
    const int count = int(refs.size());
    switch (status) {
    case OverallStatus::None:
        return tr("Shipdeck — no watched pipelines");
    case OverallStatus::Success:
        return tr("Shipdeck — all watched pipelines passed");
    case OverallStatus::Failed:
        // Two messages, so the English text reads right without a catalogue; translations use the plural form.
        return count == 1 ? tr("Shipdeck — 1 pipeline failed on %1").arg(refList(refs))
                          : tr("Shipdeck — %n pipelines failed on %1", nullptr, count).arg(refList(refs));
    case OverallStatus::Running:
        return count == 1 ? tr("Shipdeck — 1 pipeline running on %1").arg(refList(refs))
                          : tr("Shipdeck — %n pipelines running on %1", nullptr, count).arg(refList(refs));
    case OverallStatus::Manual:
        return tr("Shipdeck — waiting for a manual action on %1").arg(refList(refs));
    }
    return tr("Shipdeck");
}

void TrayIcon::deliver(const PipelineNotification &notification)
{
    m_history.prepend(notification);
    if (m_history.size() > HistorySize)
        m_history.resize(HistorySize);
    if (QSystemTrayIcon::supportsMessages()) {
        m_lastMessage = notification;
        const auto icon = notification.kind == PipelineNotification::Kind::Failed ? QSystemTrayIcon::Critical
            : notification.kind == PipelineNotification::Kind::Recovered          ? QSystemTrayIcon::Information
                                                                                  : QSystemTrayIcon::Warning;
        m_tray->showMessage(notification.title, notification.body, icon, 10000);
    }
    // The refs and their statuses may have changed with it.
    update();
    Q_EMIT notificationDelivered(notification);
}

void TrayIcon::toggleWindow()
{
    if (!m_window)
        return;
    if (m_window->isVisible() && m_window->isActiveWindow() && !m_window->isMinimized())
        m_window->hide();
    else
        showWindow();
}

void TrayIcon::showWindow()
{
    if (!m_window)
        return;
    if (m_window->isMinimized())
        m_window->setWindowState(m_window->windowState() & ~Qt::WindowMinimized);
    m_window->show();
    m_window->raise();
    m_window->activateWindow();
}

} // namespace Shipdeck
