#pragma once

#include "source.h"

#include <QHash>
#include <QObject>
#include <QString>

namespace Shipdeck {

/**
 * The secrets of one workspace (access tokens, the Slack webhook URL, the SMTP password), kept in the operating
 * system's keychain through QtKeychain: Secret Service or KWallet on Linux, Keychain on macOS, Credential Manager on
 * Windows. Every keychain access is asynchronous; nothing here blocks or spins a nested event loop.
 *
 * When no keychain is available (no Secret Service or KWallet on the session bus, as in tests and build chroots) the
 * store switches to session-only mode: secrets are kept in memory until the process ends, isPersistent() becomes
 * false and backendAvailabilityChanged(false) is emitted once. The first failing keychain job detects this, so call
 * read() early (readAll() at start-up) to find out.
 *
 * Secret values are never written to QSettings, the database, a log or a command line. The last known value of each
 * secret is kept in a per-process cache, available synchronously through cachedSecret().
 */
class SecretStore : public QObject
{
    Q_OBJECT
public:
    /// The secrets Shipdeck knows. Stored in the keychain under keyName() in the workspace's service.
    enum class Key {
        GitLabToken, ///< "gitlab/token"
        SentryToken, ///< "sentry/token"
        SlackWebhook, ///< "slack/webhook"
        EmailPassword, ///< "email/password"
    };
    Q_ENUM(Key)

    static constexpr Key allKeys[] = {Key::GitLabToken, Key::SentryToken, Key::SlackWebhook, Key::EmailPassword};

    /// @p keychainService is Workspace::keychainService(): the user's and the demo workspace never share secrets.
    explicit SecretStore(const QString &keychainService, QObject *parent = nullptr);
    ~SecretStore() override;

    /// The keychain entry name of @p key, e.g. "gitlab/token".
    [[nodiscard]] static QString keyName(Key key);
    /// The secret that @p source needs.
    [[nodiscard]] static Key keyFor(Source source);

    [[nodiscard]] QString keychainService() const { return m_service; }

    /// Reads @p key from the keychain; secretRead() follows (also in session-only mode, from memory).
    void read(Key key);
    /// read() for every key: fills the cache and detects whether a keychain is available.
    void readAll();
    /// Stores @p value under @p key; secretWritten() follows. The cache has the new value at once. An empty value
    /// removes the secret.
    void write(Key key, const QString &value);
    /// Deletes @p key from the keychain; secretRemoved() follows. The cache forgets it at once.
    void remove(Key key);

    /// The last value read or written in this process; empty when unknown or not set.
    [[nodiscard]] QString cachedSecret(Key key) const;
    /// Whether cachedSecret() knows @p key, from a finished read or from a write or remove.
    [[nodiscard]] bool isCached(Key key) const;
    /// Whether a non-empty value of @p key is known.
    [[nodiscard]] bool hasSecret(Key key) const { return !cachedSecret(key).isEmpty(); }

    /// False once the store found no keychain and keeps secrets for this session only.
    [[nodiscard]] bool isPersistent() const { return m_persistent; }
    /// Why secrets are not persistent, for the user; empty while they are.
    [[nodiscard]] QString backendMessage() const;
    /// The keychain's own error text that caused session-only mode (not translated; for diagnostics).
    [[nodiscard]] QString backendError() const { return m_backendError; }

Q_SIGNALS:
    /**
     * A read() finished. @p value is empty when the secret is not set (that is not an error). @p error is a
     * translated message when the keychain refused (for example access denied); empty otherwise.
     */
    void secretRead(Shipdeck::SecretStore::Key key, const QString &value, const QString &error);
    /// A write() finished; @p error is empty on success (also when the secret is kept for this session only).
    void secretWritten(Shipdeck::SecretStore::Key key, const QString &error);
    /// A remove() finished; @p error is empty on success.
    void secretRemoved(Shipdeck::SecretStore::Key key, const QString &error);
    /// The keychain turned out to be unavailable (@p persistent false). Emitted once, when session-only mode starts.
    void backendAvailabilityChanged(bool persistent);

private:
    void switchToSessionOnly(const QString &reason);
    [[nodiscard]] static QString errorMessage(int error, const QString &errorString);

    QString m_service;
    bool m_persistent = true;
    QString m_backendError;
    QHash<Key, QString> m_cache;
    /// Bumped by write() and remove(): a read started before that must not overwrite the newer value.
    QHash<Key, quint64> m_generation;
};

} // namespace Shipdeck
