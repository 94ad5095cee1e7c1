#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

class QTextStream;

namespace Shipdeck {

/// Whether @p command is one of the GitLab commands: pipelines, jobs, environments, deployments.
[[nodiscard]] bool isGitLabCommand(const QString &command);

/**
 * Runs a GitLab command of shipdeck-cli and returns its exit code:
 * 0 ok, 1 other failure (e.g. 400), 2 usage, 3 authentication (401/403, or no token), 4 not found, 5 network/server.
 * Every failure prints one line to @p err.
 *
 *   pipelines [--ref R] [--status S] [--limit N] [--json]
 *   jobs PIPELINE_ID [--json]
 *   environments [--json]
 *   deployments --environment E [--limit N] [--json]
 *
 * @p arguments are the words after the command and must include --gitlab-url URL and --project P (path or id). The
 * token comes from SHIPDECK_GITLAB_TOKEN in @p environment, never from the command line. Needs a
 * QCoreApplication; runs its event loop (QCoreApplication::exec()) until the request has finished.
 */
int runGitLabCommand(const QString &command, const QStringList &arguments, QTextStream &out, QTextStream &err,
                     const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());

} // namespace Shipdeck
