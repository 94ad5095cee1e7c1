#pragma once

#include <QDirIterator>
#include <QFile>
#include <QStandardPaths>
#include <QStringList>
#include <QUrl>

namespace Shipdeck::Test {

/// The directories a secret must never reach: the test-mode standard locations and @p extraDirs (workspaces).
inline QStringList secretScanDirectories(const QStringList &extraDirs)
{
    QStringList dirs = extraDirs;
    for (const auto location :
         {QStandardPaths::AppDataLocation, QStandardPaths::AppConfigLocation, QStandardPaths::GenericConfigLocation,
          QStandardPaths::GenericDataLocation, QStandardPaths::CacheLocation, QStandardPaths::GenericCacheLocation}) {
        dirs.append(QStandardPaths::writableLocation(location));
    }
    dirs.removeDuplicates();
    return dirs;
}

/**
 * Every file under @p dirs (recursively, hidden files included) that contains one of @p secrets, as UTF-8 or UTF-16,
 * as "path: secret". @p filesScanned counts the files read, so a test can tell that it looked somewhere.
 */
inline QStringList filesContainingSecrets(const QStringList &dirs, const QStringList &secrets, int *filesScanned)
{
    QStringList hits;
    for (const QString &dir : dirs) {
        QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                continue;
            if (filesScanned)
                ++*filesScanned;
            const QByteArray content = file.readAll();
            for (const QString &secret : secrets) {
                const QByteArray utf16(reinterpret_cast<const char *>(secret.utf16()), secret.size() * 2);
                if (content.contains(secret.toUtf8()) || content.contains(utf16)
                    || content.contains(QUrl::toPercentEncoding(secret)))
                    hits.append(path + QStringLiteral(": ") + secret);
            }
        }
    }
    return hits;
}

} // namespace Shipdeck::Test
