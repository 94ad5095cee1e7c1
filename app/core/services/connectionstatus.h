#pragma once

#include "settings/source.h"

#include <QDateTime>
#include <QObject>

namespace Shipdeck {

/**
 * The connection state of one source, as the status bar and the panes show it:
 * not configured → connecting → live; after a failure "error" (no good data yet) or "stale" (the last good data is
 * still shown, from lastSuccess()). Sources Shipdeck only sends to (Slack, email) go from not configured to ready.
 */
class ConnectionStatus : public QObject
{
    Q_OBJECT
public:
    enum class State {
        NotConfigured,
        Ready, ///< configured, and not polled (Slack, email)
        Connecting,
        Live,
        Stale,
        Error,
    };
    Q_ENUM(State)

    explicit ConnectionStatus(Source source, QObject *parent = nullptr);

    [[nodiscard]] Source source() const { return m_source; }
    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] QDateTime lastSuccess() const { return m_lastSuccess; }
    [[nodiscard]] QString errorMessage() const { return m_error; }
    /// One line for the status bar, e.g. "GitLab: stale since 14:05 — The server had an error (HTTP 502)."
    [[nodiscard]] QString text() const;
    /// The state alone, e.g. "live".
    [[nodiscard]] QString stateText() const;

    void setConfigured(bool configured);
    void setConnecting();
    void setLive(const QDateTime &at = QDateTime::currentDateTime());
    /// Stale when good data was received before, otherwise error.
    void setFailed(const QString &message);

Q_SIGNALS:
    void changed();

private:
    void setState(State state);

    Source m_source;
    State m_state = State::NotConfigured;
    QDateTime m_lastSuccess;
    QString m_error;
};

} // namespace Shipdeck
