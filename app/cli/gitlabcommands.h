#pragma once

#include "settings/workspace.h"

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <optional>

class QTextStream;

namespace Shipdeck {

/// Whether @p command is one of the GitLab commands: pipelines, jobs, environments, deployments.
[[nodiscard]] bool isGitLabCommand(const QString &command);

/// Where a GitLab command writes and what it uses.
struct GitLabCommandIo
{
    QTextStream *out = nullptr; ///< stdout when null
    QTextStream *err = nullptr; ///< stderr when null
    /// Where SHIPDECK_GITLAB_TOKEN is looked up.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    /// The workspace whose configured GitLab connection (SettingsStore::gitLab()) fills in what the flags leave out,
    /// and whose keychain holds the token when SHIPDECK_GITLAB_TOKEN is not set. Without one only the flags and the
    /// environment count.
    std::optional<Workspace> workspace;
};

/**
 * Runs a GitLab command of shipdeck-cli and returns its exit code:
 * 0 ok, 1 other failure (e.g. 400), 2 usage, 3 authentication (401/403, or no token), 4 not found, 5 network/server.
 * Every failure prints one line to the error stream.
 *
 *   pipelines [--ref R] [--status S] [--limit N] [--json]
 *   jobs PIPELINE_ID [--json]
 *   environments [--json]
 *   deployments --environment E [--limit N] [--json]
 *
 * @p arguments are the words after the command. The connection is --gitlab-url URL and --project P (path or id), each
 * defaulting to the workspace's configured connection; with neither a URL the command fails with exit code 2. The
 * token comes from SHIPDECK_GITLAB_TOKEN, else from the workspace's keychain, never from the command line. Needs a
 * QCoreApplication; runs its event loop (QCoreApplication::exec()) until the keychain and the request have answered.
 */
int runGitLabCommand(const QString &command, const QStringList &arguments, const GitLabCommandIo &io);

/// The same without a workspace (flags and @p environment only).
int runGitLabCommand(const QString &command, const QStringList &arguments, QTextStream &out, QTextStream &err,
                     const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());

} // namespace Shipdeck
