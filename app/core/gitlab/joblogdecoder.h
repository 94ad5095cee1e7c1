#pragma once

#include <QByteArrayView>
#include <QString>
#include <QStringDecoder>

namespace Shipdeck {

/**
 * Turns a GitLab job log (GET /jobs/:id/trace), received in pieces of any size, into plain text lines for display:
 * UTF-8 is decoded across piece boundaries, ANSI escape sequences (colours, erase-line) and GitLab's collapsible
 * section markers are removed, and a carriage return overwrites the line as a terminal would (progress bars show
 * their last state). Only complete lines are handed out by feed(); finish() hands out the rest.
 *
 * The text is untrusted: show it as plain text.
 */
class JobLogDecoder
{
public:
    /// The complete lines that @p data completes, each ending with '\n' (empty when no line was completed).
    [[nodiscard]] QString feed(QByteArrayView data);
    /// The last, unterminated line (cleaned), and resets the decoder.
    [[nodiscard]] QString finish();

    /// Cleans one line without its '\n' (escapes, section markers, carriage returns).
    [[nodiscard]] static QString cleanLine(QStringView line);

private:
    QStringDecoder m_decoder {QStringDecoder::Utf8};
    QString m_partial; ///< decoded text after the last '\n'
};

} // namespace Shipdeck
