#pragma once

#include "services/connectionstatus.h"
#include "settings/source.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QStackedWidget;

namespace Shipdeck {

class EmptyState;

/**
 * Base of the dock panes. A pane depends on one source: until that source is configured it shows an EmptyState
 * that says what to connect, with a button that opens the right settings page (configureRequested()). Once
 * configured it shows its content, with a banner when the data is stale or the source reports an error.
 */
class Pane : public QWidget
{
    Q_OBJECT
public:
    Pane(Source source, ConnectionStatus *status, QWidget *parent = nullptr);

    [[nodiscard]] Source source() const { return m_source; }
    [[nodiscard]] EmptyState *emptyState() const { return m_empty; }
    /// True while the empty state is shown instead of the content.
    [[nodiscard]] bool isShowingEmptyState() const;
    /// The banner text shown above the content (stale data, errors); empty when hidden.
    [[nodiscard]] QString bannerText() const;

Q_SIGNALS:
    /// The user asked to configure the pane's source.
    void configureRequested(Shipdeck::Source source);

protected:
    /// Subclasses call this once with their content widget.
    void setContent(QWidget *content);
    /// Panes with useful local content (the calendar) keep it visible when the source is not configured.
    void setContentAlwaysVisible(bool visible);
    [[nodiscard]] ConnectionStatus *status() const { return m_status; }

private:
    void updateState();

    Source m_source;
    QPointer<ConnectionStatus> m_status;
    QStackedWidget *m_stack;
    EmptyState *m_empty;
    QWidget *m_contentPage;
    QLabel *m_banner;
    bool m_contentAlwaysVisible = false;
};

} // namespace Shipdeck
