#include "icons.h"

namespace Shipdeck {

QIcon appIcon(const QString &themeName, const QString &bundledName)
{
    const QIcon bundled(QStringLiteral(":/icons/") + bundledName + QStringLiteral(".svg"));
    return themeName.isEmpty() ? bundled : QIcon::fromTheme(themeName, bundled);
}

} // namespace Shipdeck
