// Every user-visible string reaches the Persian catalogue, translated: the committed .ts must match what lupdate
// extracts from the sources today, with no unfinished, vanished or obsolete entry.
#include <QFile>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

namespace {

struct Message
{
    QString context;
    QString source;
    QString comment;
    QString type; ///< translation type attribute: "", "unfinished", "vanished", "obsolete"
    QStringList translations;
};

QList<Message> readTs(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<Message> result;
    QXmlStreamReader xml(&file);
    QString context;
    Message current;
    bool inTranslation = false;
    QString direct; // the text of a <translation> without numerus forms
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == QLatin1StringView("name") && current.source.isNull()) {
                context = xml.readElementText();
            } else if (name == QLatin1StringView("message")) {
                current = Message {context, QString(), QString(), QString(), {}};
            } else if (name == QLatin1StringView("source")) {
                current.source = xml.readElementText();
            } else if (name == QLatin1StringView("comment")) {
                current.comment = xml.readElementText();
            } else if (name == QLatin1StringView("translation")) {
                current.type = xml.attributes().value(QLatin1StringView("type")).toString();
                inTranslation = true;
                direct.clear();
            } else if (name == QLatin1StringView("numerusform")) {
                current.translations << xml.readElementText();
            }
        } else if (xml.isCharacters() && inTranslation) {
            direct += xml.text();
        } else if (xml.isEndElement() && xml.name() == QLatin1StringView("translation")) {
            inTranslation = false;
            if (!direct.trimmed().isEmpty())
                current.translations << direct;
        } else if (xml.isEndElement() && xml.name() == QLatin1StringView("message")) {
            result.append(current);
            current = Message {};
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return result;
}

QString key(const Message &m)
{
    return m.context + u'\x1f' + m.source + u'\x1f' + m.comment;
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void catalogueIsCompleteAndCurrent_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<bool>("pluralOnly");
        QTest::newRow("fa") << QStringLiteral("fa") << false;
        // English needs only its plural forms ("%n line(s)" → "1 line", "2 lines").
        QTest::newRow("en plurals") << QStringLiteral("en") << true;
    }
    void catalogueIsCompleteAndCurrent()
    {
        QFETCH(QString, language);
        QFETCH(bool, pluralOnly);
        const QString committedPath = QStringLiteral(SHIPDECK_SOURCE_DIR "/translations/shipdeck_%1.ts").arg(language);
        QTemporaryDir dir;
        const QString extractedPath = dir.filePath(QStringLiteral("extracted.ts"));
        QStringList arguments {QStringLiteral("-silent"),
            QStringLiteral("-no-obsolete"),
                           QStringLiteral("-locations"), QStringLiteral("none"), QStringLiteral("-recursive")};
        if (pluralOnly)
            arguments << QStringLiteral("-pluralonly");
        arguments << QStringLiteral(SHIPDECK_SOURCE_DIR "/app") << QStringLiteral("-ts") << extractedPath;
        QProcess lupdate;
        lupdate.start(QStringLiteral(SHIPDECK_LUPDATE), arguments);
        QVERIFY(lupdate.waitForFinished(120000));
        QCOMPARE(lupdate.exitCode(), 0);

        QString error;
        const QList<Message> committed = readTs(committedPath, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QList<Message> extracted = readTs(extractedPath, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(extracted.size() > (pluralOnly ? 5 : 50));

        QHash<QString, Message> byKey;
        for (const Message &m : committed)
            byKey.insert(key(m), m);
        QStringList missing, unfinished;
        QSet<QString> used;
        for (const Message &m : extracted) {
            const auto it = byKey.constFind(key(m));
            if (it == byKey.cend()) {
                missing << m.context + QStringLiteral(": ") + m.source;
                continue;
            }
            used.insert(key(m));
            const bool empty = std::all_of(it->translations.cbegin(), it->translations.cend(),
                                           [](const QString &t) { return t.trimmed().isEmpty(); });
            if (!it->type.isEmpty() || it->translations.isEmpty() || empty)
                unfinished << m.context + QStringLiteral(": ") + m.source;
        }
        QStringList stale;
        for (const Message &m : committed) {
            if (!used.contains(key(m)))
                stale << m.context + QStringLiteral(": ") + m.source;
        }
        QVERIFY2(missing.isEmpty(),
                 qPrintable(QStringLiteral("Not in %1 (run the update_translations target): ").arg(committedPath)
                                           + missing.join(QStringLiteral(" | "))));
        QVERIFY2(unfinished.isEmpty(),
                 qPrintable(QStringLiteral("Untranslated in %1: ").arg(committedPath)
                                           + unfinished.join(QStringLiteral(" | "))));
        QVERIFY2(stale.isEmpty(),
                 qPrintable(QStringLiteral("No longer in the sources: ") + stale.join(QStringLiteral(" | "))));
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
