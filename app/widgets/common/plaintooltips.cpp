#include "plaintooltips.h"

#include <QAbstractItemView>
#include <QHelpEvent>
#include <QToolTip>

namespace Shipdeck {

namespace {

class PlainToolTipFilter : public QObject
{
public:
    explicit PlainToolTipFilter(QAbstractItemView *view) : QObject(view), m_view(view) { }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() != QEvent::ToolTip || watched != m_view->viewport())
            return false;
        auto *help = static_cast<QHelpEvent *>(event);
        const QModelIndex index = m_view->indexAt(help->pos());
        const QString text = index.isValid() ? index.data(Qt::ToolTipRole).toString() : QString();
        if (text.isEmpty()) {
            QToolTip::hideText();
            event->ignore();
        } else {
            QToolTip::showText(help->globalPos(), plainToolTip(text), m_view->viewport(), m_view->visualRect(index));
        }
        return true;
    }

private:
    QAbstractItemView *m_view;
};

} // namespace

QString plainToolTip(const QString &text)
{
    if (text.isEmpty())
        return {};
    // A leading tag makes Qt::mightBeRichText() say yes, so the escaped entities are shown as the characters.
    return QStringLiteral("<p style=\"white-space:pre-wrap\">") + text.toHtmlEscaped() + QStringLiteral("</p>");
}

void installPlainToolTips(QAbstractItemView *view)
{
    view->viewport()->installEventFilter(new PlainToolTipFilter(view));
}

} // namespace Shipdeck
