#include "connectionsettings.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Shipdeck {

QUrl GitLabSettings::defaultBaseUrl()
{
    return QUrl(u"https://gitlab.com"_s);
}

QUrl SentrySettings::regionUrl(const QString &region)
{
    // getsentry/sentry-docs: docs/organization/data-storage-location (US, US2, EU).
    if (region == "us"_L1)
        return QUrl(u"https://us.sentry.io"_s);
    if (region == "de"_L1)
        return QUrl(u"https://de.sentry.io"_s);
    if (region == "us2"_L1)
        return QUrl(u"https://us2.sentry.io"_s);
    return {};
}

QStringList SentrySettings::regions()
{
    return {u"us"_s, u"de"_s, u"us2"_s, u"custom"_s};
}

QUrl SentrySettings::apiBaseUrl() const
{
    if (region == "custom"_L1)
        return baseUrl;
    return regionUrl(region);
}

int EmailSettings::defaultPort(TlsMode mode)
{
    switch (mode) {
    case TlsMode::StartTls:
        return 587;
    case TlsMode::ImplicitTls:
        return 465;
    case TlsMode::None:
        return 25;
    }
    return 587;
}

bool isHttpUrl(const QUrl &url)
{
    if (!url.isValid() || url.isRelative() || url.host().isEmpty())
        return false;
    const QString scheme = url.scheme().toLower();
    return scheme == "https"_L1 || scheme == "http"_L1;
}

QStringList splitList(const QString &text)
{
    static const QRegularExpression separators(u"[,;\\s]+"_s);
    QStringList result;
    const QStringList parts = text.split(separators, Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        if (!result.contains(part))
            result.append(part);
    }
    return result;
}

} // namespace Shipdeck
