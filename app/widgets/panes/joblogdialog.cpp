#include "joblogdialog.h"

#include "gitlab/gitlabclient.h"
#include "net/apijob.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTextCursor>
#include <QVBoxLayout>

#include <climits>

namespace Shipdeck {

JobLogDialog::JobLogDialog(GitLabClient *client, qint64 jobId, const QString &jobName, QWidget *parent)
    : QDialog(parent), m_text(new QPlainTextEdit(this)), m_status(new QLabel(this))
{
    setWindowTitle(tr("Log of %1").arg(jobName));
    resize(900, 600);
    auto *layout = new QVBoxLayout(this);
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setUndoRedoEnabled(false);
    m_text->setAccessibleName(tr("Job log"));
    // Logs read left to right whatever the interface language.
    m_text->setLayoutDirection(Qt::LeftToRight);
    layout->addWidget(m_text, 1);
    m_status->setTextFormat(Qt::PlainText);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_status, 1);
    bottom->addWidget(buttons);
    layout->addLayout(bottom);

    m_flush.setSingleShot(true);
    m_flush.setInterval(0);
    connect(&m_flush, &QTimer::timeout, this, &JobLogDialog::flush);

    if (!client) {
        m_done = true;
        m_error = tr("GitLab is not connected.");
        showStatus();
        return;
    }
    m_request = client->jobTrace(jobId);
    m_request->setParent(this); // closing the dialog cancels the download
    m_request->setStreaming(true);
    connect(m_request, &ApiJob::dataReceived, this, &JobLogDialog::onData);
    connect(m_request, &ApiJob::finished, this, &JobLogDialog::onFinished);
    m_request->start();
    showStatus();
}

JobLogDialog::~JobLogDialog() = default;

QString JobLogDialog::statusText() const
{
    return m_status->text();
}

void JobLogDialog::onData(const QByteArray &data)
{
    m_bytes += data.size();
    m_pending += m_decoder.feed(data);
    if (!m_flush.isActive())
        m_flush.start();
}

void JobLogDialog::onFinished(ApiJob *job)
{
    job->deleteLater();
    m_request = nullptr;
    m_done = true;
    if (job->hasError()) {
        if (job->error().kind == ApiError::Kind::Cancelled)
            return;
        m_error = job->error().message;
    }
    m_pending += m_decoder.finish();
    flush();
}

void JobLogDialog::flush()
{
    if (!m_pending.isEmpty()) {
        // Follow the end unless the user has scrolled up to read.
        QScrollBar *bar = m_text->verticalScrollBar();
        const bool follow = bar->value() >= bar->maximum() - 2;
        // One slice per event-loop turn, cut at a line end so no line is split between two blocks.
        // m_pending is consumed from m_pendingStart on, and compacted now and then rather than shifted per slice
        // (which would copy the rest of a large log on every turn).
        const QStringView rest = QStringView(m_pending).sliced(m_pendingStart);
        qsizetype take = rest.size();
        if (take > m_slice) {
            const qsizetype newline = rest.first(m_slice).lastIndexOf(u'\n');
            take = newline >= 0 ? newline + 1 : m_slice;
        }
        const QString slice = rest.first(take).toString();
        m_pendingStart += take;
        if (m_pendingStart == m_pending.size()) {
            m_pending.clear();
            m_pendingStart = 0;
        } else if (m_pendingStart > m_pending.size() / 2) {
            m_pending.remove(0, m_pendingStart);
            m_pendingStart = 0;
        }
        m_lines += slice.count(u'\n');
        m_unterminated = !slice.endsWith(u'\n');
        QTextCursor cursor(m_text->document());
        cursor.movePosition(QTextCursor::End);
        cursor.insertText(slice);
        if (follow)
            bar->setValue(bar->maximum());
        if (!m_pending.isEmpty())
            m_flush.start();
    }
    showStatus();
    if (m_done && m_pending.isEmpty()) {
        if (m_unterminated) {
            ++m_lines; // the last line had no newline
            m_unterminated = false;
        }
        showStatus();
        Q_EMIT loaded();
    }
}

void JobLogDialog::showStatus()
{
    const QString size = QLocale().formattedDataSize(m_bytes);
    if (!m_error.isEmpty()) {
        m_status->setText(m_bytes > 0 ? tr("Stopped after %1: %2").arg(size, m_error) : m_error);
        m_text->setPlaceholderText(m_error);
    } else if (!m_done || !m_pending.isEmpty()) {
        m_status->setText(tr("Loading the log… %1").arg(size));
        m_text->setPlaceholderText(tr("Loading the log…"));
    } else {
        m_status->setText(tr("%n line(s), %1", nullptr, int(std::min<qint64>(m_lines, INT_MAX))).arg(size));
        m_text->setPlaceholderText(tr("The log is empty."));
    }
}

} // namespace Shipdeck
