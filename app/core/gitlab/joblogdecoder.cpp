#include "joblogdecoder.h"

#include <QRegularExpression>

namespace Shipdeck {

QString JobLogDecoder::cleanLine(QStringView line)
{
    // GitLab's section markers ("section_start:1700000000:build_script[collapsed=true]\r\e[0K"), then escapes:
    // CSI (ESC [ … final byte), OSC (ESC ] … BEL or ESC \), and lone two-byte escapes.
    static const QRegularExpression section(
        QStringLiteral("section_(?:start|end):\\d+:[A-Za-z0-9_.-]+(?:\\[[^\\]]*\\])?\\r?(?:\\x1B\\[0K)?"));
    static const QRegularExpression escape(
        QStringLiteral("\\x1B\\[[0-?]*[ -/]*[@-~]|\\x1B\\][^\\x07\\x1B]*(?:\\x07|\\x1B\\\\)|\\x1B[@-Z\\\\-_]"));
    QString text = line.toString();
    if (text.endsWith(u'\r'))
        text.chop(1); // CRLF
    if (text.contains(u"section_"))
        text.remove(section);
    if (text.contains(QChar(0x1B)))
        text.remove(escape);
    // A carriage return starts the line over: what follows the last one is what a terminal shows (when it is
    // shorter, the rest of the earlier text would still show; logs use \r for progress, so the last state wins).
    const qsizetype cr = text.lastIndexOf(u'\r');
    if (cr >= 0) {
        const QString tail = text.mid(cr + 1);
        const qsizetype previous = text.lastIndexOf(u'\r', cr - 1);
        const QString before = text.mid(previous + 1, cr - previous - 1);
        text = tail.size() >= before.size() ? tail : tail + before.mid(tail.size());
    }
    // Other control characters (BEL, backspace, …) are not text.
    for (QChar &c : text) {
        if (c.unicode() < 0x20 && c != u'\t')
            c = QChar(u' ');
    }
    return text;
}

QString JobLogDecoder::feed(QByteArrayView data)
{
    m_partial += m_decoder.decode(data);
    const qsizetype end = m_partial.lastIndexOf(u'\n');
    if (end < 0)
        return {};
    QString out;
    out.reserve(end + 1);
    qsizetype start = 0;
    while (start <= end) {
        const qsizetype newline = m_partial.indexOf(u'\n', start);
        out += cleanLine(QStringView(m_partial).sliced(start, newline - start));
        out += u'\n';
        start = newline + 1;
    }
    m_partial.remove(0, end + 1);
    return out;
}

QString JobLogDecoder::finish()
{
    m_partial += m_decoder.decode(QByteArrayView());
    const QString rest = m_partial.isEmpty() ? QString() : cleanLine(m_partial);
    m_partial.clear();
    m_decoder.resetState();
    return rest;
}

} // namespace Shipdeck
