#pragma once

#include "gitlab/joblogdecoder.h"

#include <QDialog>
#include <QPointer>
#include <QTimer>

class QLabel;
class QPlainTextEdit;

namespace Shipdeck {

class ApiJob;
class GitLabClient;

/**
 * The log of one GitLab job, streamed: GET /jobs/:id/trace arrives piece by piece (ApiJob streaming), is decoded and
 * cleaned (JobLogDecoder: escapes and section markers removed) and appended a slice at a time from the event loop,
 * so a log of hundreds of megabytes neither freezes the window nor is held twice in memory. The view follows the end
 * while the user has not scrolled away. Closing the dialog cancels the download.
 */
class JobLogDialog : public QDialog
{
    Q_OBJECT
public:
    JobLogDialog(GitLabClient *client, qint64 jobId, const QString &jobName, QWidget *parent = nullptr);
    ~JobLogDialog() override;

    [[nodiscard]] QPlainTextEdit *textView() const { return m_text; }
    /// The status line: progress while loading, then the size, or the error in words.
    [[nodiscard]] QString statusText() const;
    [[nodiscard]] bool isLoading() const { return !m_request.isNull() || !m_pending.isEmpty(); }
    /// The most characters appended per event-loop turn (default 256 Ki).
    void setSliceSize(qsizetype characters) { m_slice = std::max<qsizetype>(1, characters); }

Q_SIGNALS:
    /// The whole log is shown (or the download failed; see statusText()).
    void loaded();

private:
    void onData(const QByteArray &data);
    void onFinished(ApiJob *job);
    void flush();
    void showStatus();

    QPlainTextEdit *m_text;
    QLabel *m_status;
    QPointer<ApiJob> m_request;
    JobLogDecoder m_decoder;
    QString m_pending; ///< decoded text; what is not yet appended starts at m_pendingStart
    qsizetype m_pendingStart = 0;
    qsizetype m_slice = 256 * 1024;
    qint64 m_bytes = 0;
    qint64 m_lines = 0;
    bool m_unterminated = false; ///< the text shown so far ends inside a line
    QString m_error;
    bool m_done = false;
    QTimer m_flush;
};

} // namespace Shipdeck
