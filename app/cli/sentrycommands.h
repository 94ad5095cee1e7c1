#pragma once

#include "settings/workspace.h"

#include <QString>
#include <QStringList>

#include <optional>

class QNetworkAccessManager;
class QTextStream;

namespace Shipdeck::Cli {

/// Whether @p command is a Sentry command: "errors", "health" or "verdict".
[[nodiscard]] bool isSentryCommand(const QString &command);

/// Where a Sentry command writes and what it uses; the defaults are stdout, stderr, the environment's
/// SHIPDECK_SENTRY_TOKEN and a new QNetworkAccessManager.
struct SentryCommandIo
{
    QTextStream *out = nullptr;
    QTextStream *err = nullptr;
    QString token; ///< the Sentry auth token (never taken from the command line); empty: the workspace's keychain
    QNetworkAccessManager *nam = nullptr;
    /// The workspace whose configured Sentry connection (SettingsStore::sentry()) and verdict thresholds
    /// (SettingsStore::thresholds()) fill in what the flags leave out, and whose keychain holds the token when
    /// @c token is empty. Without one only the flags and @c token count, and the thresholds are the defaults.
    std::optional<Workspace> workspace;
};

/**
 * Runs a Sentry command of shipdeck-cli and returns its exit code (0 ok, 2 usage, 3 authentication, 4 not found,
 * 5 network or server error); errors are one line on stderr.
 *
 * @p arguments is the whole command line, program name first, e.g. QCoreApplication::arguments():
 *   shipdeck-cli errors  [--release V] [--environment E] [--range 24h] [--interval 1h] [--json]
 *   shipdeck-cli health  [--release V] [--environment E] [--range 24h] [--json]
 *   shipdeck-cli verdict --release V --previous W [--environment E] [--max-errors N] [--max-ratio R]
 *                        [--crash-free-floor PERCENT] [--json]
 * plus the connection: --sentry-url URL (region host or self-hosted, may have a path prefix), --org SLUG,
 * --sentry-project SLUG (repeatable). A release without '@' and a single project becomes "project@release".
 * Each of them, and --environment, defaults to the workspace's configured connection (io.workspace); with neither a
 * URL the command fails with exit code 2. verdict judges with the configured thresholds, each overridable by its flag.
 *
 * Needs a QCoreApplication: the requests run on its event loop (QCoreApplication::exec() is called here and quits when
 * the command is done; no nested loop). The token comes from the environment variable SHIPDECK_SENTRY_TOKEN; this
 * overload uses no workspace.
 */
[[nodiscard]] int runSentryCommand(const QStringList &arguments);
/// The same with explicit streams, token, network access manager and workspace (shipdeck-cli, tests).
[[nodiscard]] int runSentryCommand(const QStringList &arguments, const SentryCommandIo &io);

} // namespace Shipdeck::Cli
