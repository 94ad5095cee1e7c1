#pragma once

#include "common/pane.h"
#include "gitlab/gitlabclient.h"
#include "gitlab/pipelinemonitor.h"
#include "net/apijob.h"

#include <QPointer>

class QComboBox;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace Shipdeck {

class JobListModel;
class PipelineListModel;

/**
 * Recent pipelines of the configured GitLab project, live, filterable by ref and status; the jobs of the selected
 * pipeline by stage, with Play (manual jobs), Retry (failed jobs), Cancel (running pipelines), the job log and
 * "Open in GitLab". Every action runs asynchronously and reports the API's own words on failure.
 */
class PipelinesPane : public Pane
{
    Q_OBJECT
public:
    PipelinesPane(ConnectionStatus *gitlab, QWidget *parent = nullptr);
    ~PipelinesPane() override;

    /// The client and monitor of the configured project; null while GitLab is not configured.
    void setGitLab(GitLabClient *client, PipelineMonitor *monitor);

    [[nodiscard]] QTableView *pipelineView() const { return m_pipelineView; }
    [[nodiscard]] QTableView *jobView() const { return m_jobView; }
    [[nodiscard]] JobListModel *jobModel() const { return m_jobModel; }
    [[nodiscard]] QPushButton *playButton() const { return m_play; }
    /// The last action's progress or result, as shown under the jobs.
    [[nodiscard]] QString messageText() const;
    [[nodiscard]] QComboBox *refFilter() const { return m_ref; }
    [[nodiscard]] QComboBox *sourceFilter() const { return m_source; }

private:
    [[nodiscard]] qint64 selectedPipeline() const;
    [[nodiscard]] int selectedJobRow() const;
    void reloadJobs();
    void updateActions();
    void runAction(ApiJob *job, const QString &progress, const QString &done);
    void showLog();
    void openInGitLab();
    void showMessage(const QString &text, bool error);
    void requestDefaultBranch();

    QPointer<GitLabClient> m_client;
    QPointer<PipelineMonitor> m_monitor;
    PipelineListModel *m_pipelineModel;
    QSortFilterProxyModel *m_filter;
    JobListModel *m_jobModel;
    QComboBox *m_ref;
    QComboBox *m_status;
    QComboBox *m_source;
    QTableView *m_pipelineView;
    QTableView *m_jobView;
    QLabel *m_jobsTitle;
    QLabel *m_message;
    QPushButton *m_play;
    QPushButton *m_retry;
    QPushButton *m_cancel;
    QPushButton *m_log;
    QPushButton *m_open;
    QPointer<PagedApiJob> m_jobsRequest;
    QPointer<ApiJob> m_action;
    QPointer<ApiJob> m_projectRequest;
    QString m_defaultBranch;
};

} // namespace Shipdeck
