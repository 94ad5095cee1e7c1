#pragma once

#include "sandbox.h"

#include <QString>
#include <QStringList>

namespace Shipdeck::Sandbox {

/// The result of parsing the command line.
struct ParsedOptions
{
    enum class Action { Run, Help, Version, Error };
    Action action = Action::Run;
    SandboxOptions options;
    bool quiet = false; ///< no event lines after the first line
    QString message; ///< the help text, the version, or the error
};

/// Parses @p arguments (argv, program name first).
[[nodiscard]] ParsedOptions parseOptions(const QStringList &arguments);

/// The --help text: options, URL layout, tokens, scenario, speed, faults and control endpoints.
[[nodiscard]] QString helpText();

} // namespace Shipdeck::Sandbox
