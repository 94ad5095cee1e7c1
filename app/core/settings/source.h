#pragma once

#include <QCoreApplication>
#include <QMetaType>
#include <QString>

namespace Shipdeck {

/// The external services Shipdeck connects to. Each has a settings page and a connection state.
enum class Source {
    GitLab,
    Sentry,
    Slack,
    Email,
};

inline constexpr Source allSources[] = {Source::GitLab, Source::Sentry, Source::Slack, Source::Email};

/// Whether Shipdeck polls the source for data (GitLab, Sentry), or only sends to it (Slack, email).
[[nodiscard]] inline constexpr bool isPolled(Source source)
{
    return source == Source::GitLab || source == Source::Sentry;
}

/// The name shown to the user (product names stay as they are).
[[nodiscard]] inline QString sourceName(Source source)
{
    switch (source) {
    case Source::GitLab:
        return QStringLiteral("GitLab");
    case Source::Sentry:
        return QStringLiteral("Sentry");
    case Source::Slack:
        return QStringLiteral("Slack");
    case Source::Email:
        return QCoreApplication::translate("Shipdeck::Source", "Email");
    }
    return {};
}

} // namespace Shipdeck

Q_DECLARE_METATYPE(Shipdeck::Source)
