#include "connectionstatus.h"

#include <QLocale>

namespace Shipdeck {

ConnectionStatus::ConnectionStatus(Source source, QObject *parent) : QObject(parent), m_source(source) { }

QString ConnectionStatus::stateText() const
{
    switch (m_state) {
    case State::NotConfigured:
        return tr("not configured");
    case State::Ready:
        return tr("ready");
    case State::Connecting:
        return tr("connecting…");
    case State::Live:
        return tr("live");
    case State::Stale:
        return tr("stale since %1").arg(QLocale().toString(m_lastSuccess.time(), QLocale::ShortFormat));
    case State::Error:
        return tr("error");
    }
    return {};
}

QString ConnectionStatus::text() const
{
    //: Status bar entry: "<source>: <state>", e.g. "GitLab: live"
    QString result = tr("%1: %2").arg(sourceName(m_source), stateText());
    if ((m_state == State::Stale || m_state == State::Error) && !m_error.isEmpty())
        result = tr("%1 — %2").arg(result, m_error);
    return result;
}

void ConnectionStatus::setConfigured(bool configured)
{
    if (!configured) {
        m_lastSuccess = {};
        m_error.clear();
        setState(State::NotConfigured);
    } else if (m_state == State::NotConfigured) {
        setState(isPolled(m_source) ? State::Connecting : State::Ready);
    }
}

void ConnectionStatus::setConnecting()
{
    // A refresh of live or stale data keeps showing that state; only a first connection says "connecting".
    if (m_state == State::NotConfigured || m_state == State::Error)
        setState(State::Connecting);
}

void ConnectionStatus::setLive(const QDateTime &at)
{
    m_lastSuccess = at;
    m_error.clear();
    m_state = State::Live;
    Q_EMIT changed(); // also when already live: the time of the last success moved
}

void ConnectionStatus::setFailed(const QString &message)
{
    m_error = message;
    m_state = m_lastSuccess.isValid() ? State::Stale : State::Error;
    Q_EMIT changed(); // also when already failed: the reason may differ
}

void ConnectionStatus::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT changed();
}

} // namespace Shipdeck
