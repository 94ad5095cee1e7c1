#include "networkaccess.h"

#include "shipdeck_version.h"

#include <QDir>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QStandardPaths>

namespace Shipdeck {

QByteArray userAgent()
{
    return QByteArrayLiteral("Shipdeck/" SHIPDECK_VERSION_STRING);
}

QNetworkAccessManager *createNetworkAccessManager(QObject *parent)
{
    auto *nam = new QNetworkAccessManager(parent);
    // Follow redirects, but never from https to http. Each ApiJob also sets this on its request.
    nam->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
    nam->setStrictTransportSecurityEnabled(true);
    // Remember HSTS policies across runs, as itinerary does; in test mode this lands in the test cache directory.
    const QString cacheDir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    if (!cacheDir.isEmpty())
        nam->enableStrictTransportSecurityStore(true, QDir(cacheDir).filePath(QStringLiteral("hsts")));
    // TLS verification keeps Qt's defaults (system CA store, peer verification on); nothing here relaxes it.
    return nam;
}

} // namespace Shipdeck
