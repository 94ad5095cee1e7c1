#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace Shipdeck {

/**
 * What a pane shows before it has anything to show: an icon, a title, a sentence saying what to connect, and a
 * button that goes there. All text is plain text.
 */
class EmptyState : public QWidget
{
    Q_OBJECT
public:
    explicit EmptyState(QWidget *parent = nullptr);

    void setIcon(const QIcon &icon);
    void setTitle(const QString &title);
    void setText(const QString &text);
    /// An empty @p text hides the button.
    void setActionText(const QString &text);

    [[nodiscard]] QString title() const;
    [[nodiscard]] QString text() const;
    [[nodiscard]] QPushButton *actionButton() const { return m_button; }

Q_SIGNALS:
    void actionTriggered();

private:
    QLabel *m_icon;
    QLabel *m_title;
    QLabel *m_text;
    QPushButton *m_button;
};

} // namespace Shipdeck
