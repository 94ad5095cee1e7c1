#pragma once

namespace Shipdeck {

class AuditLog;
class ReleaseManager;

/// Fills an empty demo workspace with a plausible release plan around today. Does nothing when it has releases.
void seedDemoWorkspace(ReleaseManager *releases, AuditLog *audit);

} // namespace Shipdeck
