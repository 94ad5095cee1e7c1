#pragma once

#include "common/pane.h"
#include "domain/deploymarker.h"
#include "sentry/errorratemonitor.h"
#include "sentry/releaseverdict.h"

#include <QDeadlineTimer>
#include <QPointer>
#include <QStyle>

#include <chrono>

class QChart;
class QFrame;
class QModelIndex;
class QPushButton;
class QTableView;
class QComboBox;
class QLabel;

namespace Shipdeck {

class ErrorChartView;
class IssueListModel;
class ReleaseVerdictJob;
class SentryIssuesJob;

/**
 * Errors per minute of the watched releases over the chosen range, live from Sentry: one line per release (the
 * current one solid, the previous dashed, "Other" dotted), the total, and the crash-free session rate of the current
 * release on a second axis, with a marker at every deployment (ErrorChartView: zoom, pan, hover values). Stale or
 * partial data keeps its last good picture with the reason in the banner.
 */
class ErrorRatesPane : public Pane
{
    Q_OBJECT
public:
    ErrorRatesPane(ConnectionStatus *sentry, QWidget *parent = nullptr);
    ~ErrorRatesPane() override;

    void setMonitor(ErrorRateMonitor *monitor);
    /// The Sentry reads for the verdict banner and the new issues table (the same as the monitor's).
    /// @p client must outlive the pane or be cleared first.
    void setSentry(SentryClient *client, const QStringList &projects, const QString &environment);
    /// The releases judged (current against previous). Both must be set for a verdict; the current for new issues.
    void setReleases(const QString &current, const QString &previous);
    /// When the verdict banner calls the current release unhealthy (from the settings; bounded).
    void setThresholds(const VerdictThresholds &thresholds);
    [[nodiscard]] const VerdictThresholds &thresholds() const { return m_thresholds; }
    /// The least time between two reads of the new issues (default one minute).
    void setIssuesRefreshInterval(std::chrono::milliseconds interval) { m_issuesInterval = interval; }

    /// The deployments to mark on the chart (GitLab's and Sentry's, merged by the caller).
    void setDeployMarkers(const QList<DeployMarker> &markers);

    [[nodiscard]] QChart *chart() const;
    [[nodiscard]] ErrorChartView *chartView() const { return m_view; }
    /// The names of the drawn series, in drawing order.
    [[nodiscard]] QStringList seriesNames() const;
    [[nodiscard]] QString warningText() const;
    /// The verdict banner's text, empty when it is hidden (healthy or unknown).
    [[nodiscard]] QString verdictText() const;
    [[nodiscard]] ReleaseVerdict::Level verdictLevel() const { return m_verdictLevel; }
    [[nodiscard]] IssueListModel *issueModel() const { return m_issueModel; }
    [[nodiscard]] QTableView *issueView() const { return m_issues; }

Q_SIGNALS:
    /// The user asked to roll @p release back (the "Roll back…" button of the verdict banner).
    void rollbackRequested(const QString &release);
    /// The user chose other thresholds in the Thresholds dialog (already applied to the pane); store them.
    void thresholdsEdited(const Shipdeck::VerdictThresholds &thresholds);

private:
    void rebuild();
    void onUpdated();
    void requestVerdict();
    void editThresholds();
    void showVerdict(const ReleaseVerdict &verdict);
    void showBanner(const QColor &colour, QStyle::StandardPixmap icon, const QString &text);
    [[nodiscard]] const DeployMarker *rollbackAwayFromCurrent() const;
    void requestIssues();
    void openIssue(const QModelIndex &index);

    QPointer<ErrorRateMonitor> m_monitor;
    QComboBox *m_range;
    QLabel *m_warning;
    ErrorChartView *m_view;

    QPointer<SentryClient> m_client;
    QStringList m_projects;
    QString m_environment;
    QString m_current;
    QString m_previous;

    QFrame *m_verdictFrame;
    QLabel *m_verdictIcon;
    QLabel *m_verdictLabel;
    QPushButton *m_rollback;
    ReleaseVerdict::Level m_verdictLevel = ReleaseVerdict::Level::Unknown;
    ReleaseVerdict m_lastVerdict;
    VerdictThresholds m_thresholds;
    QList<DeployMarker> m_markers;
    QString m_verdictRelease; ///< the release the shown verdict is about
    QPointer<ReleaseVerdictJob> m_verdictJob;

    IssueListModel *m_issueModel;
    QTableView *m_issues;
    QPushButton *m_openIssue;
    QPointer<SentryIssuesJob> m_issuesJob;
    QString m_issuesRelease; ///< the release the table shows
    QDeadlineTimer m_nextIssues {0};
    std::chrono::milliseconds m_issuesInterval {60000};
};

} // namespace Shipdeck
