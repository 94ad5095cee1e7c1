#include "pane.h"

#include "emptystate.h"
#include "services/connectionstatus.h"

#include <QLabel>
#include <QStackedWidget>
#include <QStyle>
#include <QVBoxLayout>

namespace Shipdeck {

Pane::Pane(Source source, ConnectionStatus *status, QWidget *parent)
    : QWidget(parent)
    , m_source(source)
    , m_status(status)
    , m_stack(new QStackedWidget(this))
    , m_empty(new EmptyState(this))
    , m_contentPage(new QWidget(this))
    , m_banner(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_contentPage);

    auto *contentLayout = new QVBoxLayout(m_contentPage);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    m_banner->setTextFormat(Qt::PlainText); // carries server text
    m_banner->setWordWrap(true);
    m_banner->setAutoFillBackground(true);
    m_banner->setContentsMargins(8, 6, 8, 6);
    QPalette warning = m_banner->palette();
    warning.setColor(QPalette::Window, QColor(0xf6, 0xe3, 0xa4));
    warning.setColor(QPalette::WindowText, QColor(0x3a, 0x2c, 0x00));
    m_banner->setPalette(warning);
    m_banner->hide();
    contentLayout->addWidget(m_banner);

    m_empty->setActionText(tr("Connect %1…").arg(sourceName(source)));
    connect(m_empty, &EmptyState::actionTriggered, this, [this] { Q_EMIT configureRequested(m_source); });
    if (m_status)
        connect(m_status, &ConnectionStatus::changed, this, &Pane::updateState);
    updateState();
}

bool Pane::isShowingEmptyState() const
{
    return m_stack->currentWidget() == m_empty;
}

QString Pane::bannerText() const
{
    return m_banner->isVisibleTo(this) ? m_banner->text() : QString();
}

void Pane::setContent(QWidget *content)
{
    m_contentPage->layout()->addWidget(content);
}

void Pane::setContentAlwaysVisible(bool visible)
{
    m_contentAlwaysVisible = visible;
    updateState();
}

void Pane::updateState()
{
    using State = ConnectionStatus::State;
    const State state = m_status ? m_status->state() : State::NotConfigured;
    const bool configured = state != State::NotConfigured;
    m_stack->setCurrentWidget(configured || m_contentAlwaysVisible ? m_contentPage : m_empty);
    if ((state == State::Stale || state == State::Error) && m_status) {
        m_banner->setText(m_status->text());
        m_banner->show();
    } else {
        m_banner->hide();
    }
}

} // namespace Shipdeck
