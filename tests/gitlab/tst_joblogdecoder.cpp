// JobLogDecoder: a job log cut into pieces at every possible place reads the same as in one piece, without escape
// sequences, section markers or overwritten progress.
#include "gitlab/joblogdecoder.h"

#include <QTest>

using namespace Shipdeck;
using namespace Qt::StringLiterals;

class TestJobLogDecoder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodes_data()
    {
        QTest::addColumn<QByteArray>("log");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << "line one\nline two\n"_ba << u"line one\nline two\n"_s;
        QTest::newRow("unterminated") << "one\ntwo"_ba << u"one\ntwo"_s;
        QTest::newRow("crlf") << "one\r\ntwo\r\n"_ba << u"one\ntwo\n"_s;
        QTest::newRow("colours") << "\x1b[32;1mPASS\x1b[0;m tests\n"_ba << u"PASS tests\n"_s;
        QTest::newRow("erase line") << "\x1b[0KRunning with gitlab-runner\n"_ba << u"Running with gitlab-runner\n"_s;
        QTest::newRow("sections")
            << "section_start:1700000000:build_script[collapsed=true]\r\x1b[0K\x1b[36;1mBuilding\x1b[0;m\n"
               "npm run build\n"
               "section_end:1700000060:build_script\r\x1b[0K\n"_ba
            << u"Building\nnpm run build\n\n"_s;
        QTest::newRow("progress") << "Downloading 10%\rDownloading 55%\rDownloading 100%\ndone\n"_ba
                                  << u"Downloading 100%\ndone\n"_s;
        QTest::newRow("shorter overwrite") << "abcdef\rXY\n"_ba << u"XYcdef\n"_s;
        QTest::newRow("osc title") << "\x1b]0;title\x07text\n"_ba << u"text\n"_s;
        QTest::newRow("utf-8") << "caf\xc3\xa9 \xd9\x81\xd8\xa7\xd8\xb1\xd8\xb3\xdb\x8c \xe2\x9c\x93\n"_ba
                               << u"café فارسی ✓\n"_s;
        QTest::newRow("html stays text") << "<b>not bold</b> &amp;\n"_ba << u"<b>not bold</b> &amp;\n"_s;
        QTest::newRow("control characters") << "bell\x07 here\n"_ba << u"bell  here\n"_s;
    }
    void decodes()
    {
        QFETCH(QByteArray, log);
        QFETCH(QString, expected);
        // Whole, then split in two at every offset, then byte by byte: always the same text.
        {
            JobLogDecoder decoder;
            QString text = decoder.feed(log);
            text += decoder.finish();
            QCOMPARE(text, expected);
        }
        for (qsizetype split = 1; split < log.size(); ++split) {
            JobLogDecoder decoder;
            QString text = decoder.feed(log.first(split));
            text += decoder.feed(log.sliced(split));
            text += decoder.finish();
            QVERIFY2(text == expected, qPrintable(u"split at %1: %2"_s.arg(split).arg(text)));
        }
        JobLogDecoder decoder;
        QString text;
        for (char c : std::as_const(log))
            text += decoder.feed(QByteArrayView(&c, 1));
        text += decoder.finish();
        QCOMPARE(text, expected);
    }

    void handsOutCompleteLinesOnly()
    {
        JobLogDecoder decoder;
        QCOMPARE(decoder.feed("first\nsec"), u"first\n"_s);
        QCOMPARE(decoder.feed("ond"), QString());
        QCOMPARE(decoder.feed("\n"), u"second\n"_s);
        QCOMPARE(decoder.finish(), QString());
    }
};

QTEST_GUILESS_MAIN(TestJobLogDecoder)
#include "tst_joblogdecoder.moc"
