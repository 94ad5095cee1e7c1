#pragma once

#include <QByteArray>

class QNetworkAccessManager;
class QObject;

namespace Shipdeck {

/// "Shipdeck/<version>", sent with every request.
[[nodiscard]] QByteArray userAgent();

/// The one QNetworkAccessManager of the application: safe redirects only (no https → http), HSTS honoured, TLS
/// verification on. Created once at the composition root and injected into every client.
[[nodiscard]] QNetworkAccessManager *createNetworkAccessManager(QObject *parent);

} // namespace Shipdeck
