#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

namespace Shipdeck {

/**
 * The non-secret settings of the GitLab connection. The access token is a secret and lives in the SecretStore
 * (SecretStore::Key::GitLabToken), never here.
 */
struct GitLabSettings
{
    /// The GitLab instance, without "/api/v4".
    QUrl baseUrl = defaultBaseUrl();
    /// The project: a path such as "group/sub/project", or a numeric id.
    QString project;

    [[nodiscard]] static QUrl defaultBaseUrl();
    [[nodiscard]] bool operator==(const GitLabSettings &other) const = default;
};

/**
 * The non-secret settings of the Sentry connection. The auth token is a secret (SecretStore::Key::SentryToken).
 *
 * sentry.io keeps events, issues and releases in a data region: "us" (https://us.sentry.io), "de" (EU,
 * https://de.sentry.io) or "us2" (https://us2.sentry.io). "custom" is a self-hosted Sentry at baseUrl.
 */
struct SentrySettings
{
    /// "us", "de", "us2" or "custom".
    QString region = QStringLiteral("us");
    /// The server of a self-hosted Sentry (region "custom"); ignored for the sentry.io regions.
    QUrl baseUrl;
    /// The organization slug.
    QString organization;
    /// Project slugs.
    QStringList projects;
    /// The environment to watch, e.g. "production"; empty for all.
    QString environment;

    /// The URL the API is called on: the region host, or baseUrl for "custom". Empty for an unknown region.
    [[nodiscard]] QUrl apiBaseUrl() const;
    /// The sentry.io host of @p region ("us", "de", "us2"); empty for "custom" and unknown regions.
    [[nodiscard]] static QUrl regionUrl(const QString &region);
    /// The region identifiers, in the order the settings page offers them.
    [[nodiscard]] static QStringList regions();
    [[nodiscard]] bool operator==(const SentrySettings &other) const = default;
};

/**
 * The non-secret settings of Slack notifications. The incoming-webhook URL grants posting to a channel, so it is a
 * secret (SecretStore::Key::SlackWebhook).
 */
struct SlackSettings
{
    /// A label for the channel the webhook posts to, e.g. "#releases"; shown to the user only.
    QString channelLabel;

    [[nodiscard]] bool operator==(const SlackSettings &other) const = default;
};

/**
 * The non-secret settings of email notifications over SMTP. The password is a secret
 * (SecretStore::Key::EmailPassword).
 */
struct EmailSettings
{
    enum class TlsMode {
        StartTls, ///< plain connection upgraded with STARTTLS (usually port 587)
        ImplicitTls, ///< TLS from the first byte (usually port 465)
        None, ///< no encryption (local relays only)
    };

    QString host;
    int port = 587;
    TlsMode tls = TlsMode::StartTls;
    /// The SMTP login; empty when the server needs none.
    QString user;
    /// The From address.
    QString sender;
    QStringList recipients;

    /// The usual port of @p mode: 587, 465 or 25.
    [[nodiscard]] static int defaultPort(TlsMode mode);
    [[nodiscard]] bool operator==(const EmailSettings &other) const = default;
};

/**
 * Desktop notifications about GitLab pipelines (the tray icon and its messages). Nothing here is secret.
 */
struct NotificationSettings
{
    /// Whether desktop notifications are shown at all.
    bool enabled = true;
    /// Only when a pipeline fails (no recoveries, no waiting manual deploys).
    bool failuresOnly = false;
    /// Ref patterns ("main", "release/*"); empty for every ref.
    QStringList refs;
    /// Environment patterns for the manual-deploy notification ("production"); empty for every environment.
    QStringList environments;

    [[nodiscard]] bool operator==(const NotificationSettings &other) const = default;
};

/// Whether @p url is absolute, http or https, and names a host: what every server address field must be.
[[nodiscard]] bool isHttpUrl(const QUrl &url);

/// Splits a comma- or whitespace-separated list ("a, b c") into trimmed, non-empty, unique entries.
[[nodiscard]] QStringList splitList(const QString &text);

} // namespace Shipdeck
