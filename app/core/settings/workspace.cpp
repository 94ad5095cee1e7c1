#include "workspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>

namespace Shipdeck {

Workspace Workspace::standard()
{
    Workspace w;
    w.m_dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    w.m_configDir = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation);
    w.m_keychainService = QStringLiteral("Shipdeck");
    return w;
}

Workspace Workspace::demo()
{
    Workspace w;
    w.m_dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/demo");
    w.m_configDir = w.m_dataDir;
    w.m_keychainService = QStringLiteral("Shipdeck Demo");
    w.m_demo = true;
    return w;
}

Workspace Workspace::inDirectory(const QString &directory, const QString &keychainService)
{
    Workspace w;
    w.m_dataDir = directory;
    w.m_configDir = directory;
    w.m_keychainService = keychainService;
    return w;
}

QString Workspace::databasePath() const
{
    return m_dataDir + QStringLiteral("/shipdeck.sqlite");
}

QString Workspace::settingsPath() const
{
    return m_configDir + QStringLiteral("/shipdeck.conf");
}

bool Workspace::ensureExists(QString *error) const
{
    for (const QString &dir : {m_dataDir, m_configDir}) {
        if (!QDir().mkpath(dir)) {
            if (error)
                *error = QCoreApplication::translate("Shipdeck::Workspace", "Cannot create the folder %1.").arg(dir);
            return false;
        }
    }
    return true;
}

} // namespace Shipdeck
