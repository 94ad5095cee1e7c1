#pragma once

#include <QString>

class QAbstractItemView;

namespace Shipdeck {

/// @p text as a tool tip that shows it literally: Qt takes a tool tip for rich text when it looks like HTML, so text
/// from an API ("<b>fix</b> &amp; more") is escaped and wrapped. Lines and spaces are kept. Empty stays empty.
[[nodiscard]] QString plainToolTip(const QString &text);

/// Makes the item tool tips of @p view (Qt::ToolTipRole) plain text: they come from APIs (titles, names) and must
/// never be interpreted as HTML. Installs an event filter on the viewport; it goes away with the view.
void installPlainToolTips(QAbstractItemView *view);

} // namespace Shipdeck
