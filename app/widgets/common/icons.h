#pragma once

#include <QIcon>

namespace Shipdeck {

/**
 * An icon by purpose: the desktop's icon theme when it has @p themeName (Breeze on KDE), otherwise the icon Shipdeck
 * bundles under :/icons/@p bundledName.svg, so panes and dialogs look right without an icon theme too.
 */
[[nodiscard]] QIcon appIcon(const QString &themeName, const QString &bundledName);

} // namespace Shipdeck
