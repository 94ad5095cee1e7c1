#pragma once

#include <QString>

namespace Shipdeck {

/**
 * Where one workspace keeps its things: the database, the settings file, and the keychain service its secrets are
 * filed under. The user's workspace and the demo workspace never share any of them.
 */
class Workspace
{
public:
    /// The user's own workspace, under QStandardPaths::AppDataLocation / AppConfigLocation.
    [[nodiscard]] static Workspace standard();
    /// The demo workspace: its own folder, database, settings and keychain service.
    [[nodiscard]] static Workspace demo();
    /// A workspace rooted in @p directory (tests, portable use).
    [[nodiscard]] static Workspace inDirectory(const QString &directory, const QString &keychainService);

    [[nodiscard]] bool isDemo() const { return m_demo; }
    [[nodiscard]] QString dataDirectory() const { return m_dataDir; }
    [[nodiscard]] QString databasePath() const;
    [[nodiscard]] QString settingsPath() const;
    /// The keychain "service" name secrets of this workspace are stored under.
    [[nodiscard]] QString keychainService() const { return m_keychainService; }
    /// Creates the folders if needed. Returns false (and leaves @p error set) when it cannot.
    bool ensureExists(QString *error = nullptr) const;

private:
    QString m_dataDir;
    QString m_configDir;
    QString m_keychainService;
    bool m_demo = false;
};

} // namespace Shipdeck
