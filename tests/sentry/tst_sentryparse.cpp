// Pure parsing of Sentry answers: both error-series shapes, sessions with nulls, releases, issues, interval choice.
#include "sentry/sentryparse.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTest>

#include <cmath>

using namespace Qt::Literals::StringLiterals;
using namespace Shipdeck;

class SentryParseTest : public QObject
{
    Q_OBJECT

    static QJsonDocument doc(const char *json)
    {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(QByteArray(json), &error);
        if (error.error != QJsonParseError::NoError)
            qFatal("bad fixture: %s", qPrintable(error.errorString()));
        return document;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void timeseries_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<int>("seriesCount");
        QTest::addColumn<QString>("release"); // of the first series
        QTest::addColumn<QList<double>>("counts"); // of the first series
        QTest::addColumn<int>("skipped");
        QTest::addColumn<bool>("lastComplete");

        QTest::newRow("simple") << QByteArray(
            R"j({"meta":{"dataset":"errors","start":1741368000000.0,"end":1741375200000.0},
            "timeSeries":[{"yAxis":"count()","meta":{"valueType":"integer","valueUnit":null,"interval":3600000},
            "values":[{"timestamp":1741368000000,"value":1,"incomplete":false},
                      {"timestamp":1741371600000,"value":2,"incomplete":false},
                      {"timestamp":1741375200000,"value":0,"incomplete":true,"incompleteReason":"INCOMPLETE_BUCKET"}]}]})j")
                                << true << 1 << QString() << QList<double> {1, 2, 0} << 0 << false;
        QTest::newRow("grouped with other") << QByteArray(R"j({"timeSeries":[
            {"yAxis":"count()","groupBy":[{"key":"release","value":"storefront@1.7.0"}],"meta":{"interval":600000,"order":0,"isOther":false},
             "values":[{"timestamp":0,"value":16,"incomplete":false}]},
            {"yAxis":"count()","meta":{"interval":600000,"order":1,"isOther":true},"values":[{"timestamp":0,"value":3,"incomplete":false}]}]})j")
                                            << true << 2 << u"storefront@1.7.0"_s << QList<double> {16} << 0 << true;
        QTest::newRow("no projects") << QByteArray(R"j({"timeSeries":[]})j") << true << 0 << QString()
                                     << QList<double> {} << 0 << true;
        QTest::newRow("null value") << QByteArray(
            R"j({"timeSeries":[{"meta":{"interval":60000},"values":[{"timestamp":0,"value":null,"incomplete":false},{"timestamp":60000,"value":4,"incomplete":false}]}]})j")
                                    << true << 1 << QString() << QList<double> {4} << 1 << true;
        QTest::newRow("negative") << QByteArray(
            R"j({"timeSeries":[{"values":[{"timestamp":0,"value":-3,"incomplete":false},{"timestamp":60000,"value":4}]}]})j")
                                  << true << 1 << QString() << QList<double> {4} << 1 << true;
        QTest::newRow("string value") << QByteArray(
            R"j({"timeSeries":[{"values":[{"timestamp":0,"value":"12","incomplete":false},{"timestamp":60000,"value":"NaN"},{"timestamp":120000,"value":5}]}]})j")
                                      << true << 1 << QString() << QList<double> {5} << 2 << true;
        QTest::newRow("string timestamp") << QByteArray(
            R"j({"timeSeries":[{"values":[{"timestamp":"x","value":1},{"value":2},{"timestamp":60000,"value":5}]}]})j")
                                          << true << 1 << QString() << QList<double> {5} << 2 << true;
        QTest::newRow("item not an object")
            << QByteArray(R"j({"timeSeries":[{"values":[7,[1,2],null,{"timestamp":1,"value":1}]}]})j") << true << 1
            << QString() << QList<double> {1} << 3 << true;
        QTest::newRow("values missing") << QByteArray(R"j({"timeSeries":[{"yAxis":"count()"}]})j") << true << 0
                                        << QString() << QList<double> {} << 0 << true;
        QTest::newRow("timeSeries missing")
            << QByteArray(R"j({"data":[]})j") << false << 0 << QString() << QList<double> {} << 0 << true;
        QTest::newRow("array root") << QByteArray(R"j([1,2])j") << false << 0 << QString() << QList<double> {} << 0
                                    << true;
    }

    void timeseries()
    {
        QFETCH(QByteArray, json);
        QFETCH(bool, ok);
        QFETCH(int, seriesCount);
        QFETCH(QString, release);
        QFETCH(QList<double>, counts);
        QFETCH(int, skipped);
        QFETCH(bool, lastComplete);
        const TimeseriesData data = parseEventsTimeseries(QJsonDocument::fromJson(json));
        QCOMPARE(data.ok, ok);
        QCOMPARE(data.series.size(), seriesCount);
        QCOMPARE(data.warnings.skippedSamples, skipped);
        QCOMPARE(data.warnings.messages.isEmpty(), skipped == 0 && !json.contains("\"yAxis\":\"count()\"}"));
        if (seriesCount == 0)
            return;
        const SentrySeries &first = data.series.first();
        QCOMPARE(first.release, release);
        QList<double> got;
        for (const ErrorSample &sample : first.samples)
            got.append(sample.count);
        QCOMPARE(got, counts);
        QCOMPARE(first.samples.last().complete, lastComplete);
    }

    void timeseriesRateAndOther()
    {
        const TimeseriesData data = parseEventsTimeseries(doc(R"j({"timeSeries":[
            {"groupBy":[{"key":"release","value":"a@1"}],"meta":{"interval":600000,"isOther":false},"values":[{"timestamp":1000,"value":30}]},
            {"meta":{"interval":600000,"isOther":true},"values":[{"timestamp":1000,"value":3}]}]})j"));
        QCOMPARE(data.series.at(0).intervalMs, 600000);
        QCOMPARE(data.series.at(0).samples.at(0).rate, 3.0); // 30 in 10 minutes
        QCOMPARE(data.series.at(0).samples.at(0).time, 1000);
        QVERIFY(data.series.at(1).isOther);
        QVERIFY(data.find(u"a@1"_s));
        QVERIFY(!data.find(u"b@1"_s));
    }

    void eventsStats_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QStringList>("axes");
        QTest::addColumn<bool>("grouped");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QStringList>("keys"); // release|axis|other per series, in order
        QTest::addColumn<QList<double>>("counts"); // of the first series
        QTest::addColumn<int>("skipped");

        QTest::newRow("single") << QByteArray(
            R"j({"data":[[1700000000,[{"count":1}]],[1700003600,[{"count":2}]]],"start":1700000000,"end":1700007200,"meta":{}})j")
                                << QStringList {u"count()"_s} << false << true << QStringList {u"|count()|0"_s}
                                << QList<double> {1, 2} << 0;
        QTest::newRow("two items per row summed")
            << QByteArray(R"j({"data":[[1700000000,[{"count":321},{"count":79}]]]})j") << QStringList {u"count()"_s}
            << false << true << QStringList {u"|count()|0"_s} << QList<double> {400} << 0;
        QTest::newRow("multi yAxis") << QByteArray(
            R"j({"count_unique(user)":{"data":[[1,[{"count":3}]]],"order":0},"count()":{"data":[[1,[{"count":7}]]],"order":1}})j")
                                     << QStringList {u"count()"_s, u"count_unique(user)"_s} << false << true
                                     << QStringList {u"|count()|0"_s, u"|count_unique(user)|0"_s} << QList<double> {7}
                                     << 0;
        QTest::newRow("topEvents with Other") << QByteArray(
            R"j({"Other":{"data":[[1,[{"count":2}]]],"order":2},"s@1.7.0":{"data":[[1,[{"count":15}]],[2,[{"count":0}]]],"order":0},
                "s@1.6.1":{"data":[[1,[{"count":1}]]],"order":1}})j")
                                              << QStringList {u"count()"_s} << true << true
                                              << QStringList {u"s@1.7.0|count()|0"_s, u"s@1.6.1|count()|0"_s,
                                                              u"|count()|1"_s}
                                              << QList<double> {15, 0} << 0;
        QTest::newRow("topEvents multi axis") << QByteArray(
            R"j({"s@1":{"count()":{"data":[[1,[{"count":4}]]],"order":0},"count_unique(user)":{"data":[[1,[{"count":2}]]],"order":1},"order":0}})j")
                                              << QStringList {u"count()"_s, u"count_unique(user)"_s} << true << true
                                              << QStringList {u"s@1|count()|0"_s, u"s@1|count_unique(user)|0"_s}
                                              << QList<double> {4} << 0;
        QTest::newRow("grouped but no top events")
            << QByteArray(R"j({"data":[[1,[{"count":0}]]]})j") << QStringList {u"count()"_s} << true << true
            << QStringList {u"|count()|0"_s} << QList<double> {0} << 0;
        QTest::newRow("no projects") << QByteArray(R"j({"data":[]})j") << QStringList {u"count()"_s} << false << true
                                     << QStringList {u"|count()|0"_s} << QList<double> {} << 0;
        QTest::newRow("malformed rows") << QByteArray(
            R"j({"data":[[1,[{"count":null}]],[2,[{"count":"5"}]],[3],["x",[{"count":1}]],[4,[{"count":-1}]],[5,[{"count":6}]],7]})j")
                                        << QStringList {u"count()"_s} << false << true << QStringList {u"|count()|0"_s}
                                        << QList<double> {6} << 6;
        QTest::newRow("data not an array") << QByteArray(R"j({"data":{"a":1}})j") << QStringList {u"count()"_s} << false
                                           << true << QStringList {u"|count()|0"_s} << QList<double> {} << 0;
        QTest::newRow("axis missing") << QByteArray(R"j({"count_unique(user)":{"data":[]}})j")
                                      << QStringList {u"count()"_s, u"count_unique(user)"_s} << false << true
                                      << QStringList {u"|count_unique(user)|0"_s} << QList<double> {} << 0;
        QTest::newRow("not an object") << QByteArray(R"j([[1,[{"count":1}]]])j") << QStringList {u"count()"_s} << false
                                       << false << QStringList {} << QList<double> {} << 0;
    }

    void eventsStats()
    {
        QFETCH(QByteArray, json);
        QFETCH(QStringList, axes);
        QFETCH(bool, grouped);
        QFETCH(bool, ok);
        QFETCH(QStringList, keys);
        QFETCH(QList<double>, counts);
        QFETCH(int, skipped);
        const TimeseriesData data = parseEventsStats(QJsonDocument::fromJson(json), axes, grouped, 3600000);
        QCOMPARE(data.ok, ok);
        QStringList got;
        for (const SentrySeries &series : data.series)
            got.append(series.release + u'|' + series.yAxis + u'|' + QString::number(int(series.isOther)));
        QCOMPARE(got, keys);
        QCOMPARE(data.warnings.skippedSamples, skipped);
        if (skipped > 0)
            QVERIFY(!data.warnings.messages.isEmpty());
        if (data.series.isEmpty())
            return;
        QList<double> values;
        for (const ErrorSample &sample : data.series.first().samples)
            values.append(sample.count);
        QCOMPARE(values, counts);
    }

    void statsTimesAreSeconds()
    {
        const TimeseriesData data
            = parseEventsStats(doc(R"j({"data":[[1700000000,[{"count":60}]]]})j"), {u"count()"_s}, false, 3600000);
        QCOMPARE(data.series.at(0).samples.at(0).time, 1700000000000LL);
        QCOMPARE(data.series.at(0).samples.at(0).rate, 1.0);
        QVERIFY(!data.series.at(0).samples.at(0).complete == false); // a bucket of 2023 is complete
    }

    void sessions_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("release");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QList<double>>("series"); // NaN = no data
        QTest::addColumn<double>("total"); // NaN = nullopt
        QTest::addColumn<int>("skipped");

        const double nan = std::nan("");
        QTest::newRow("crash free with null bucket") << QByteArray(
            R"j({"start":"2024-01-29T07:30:00Z","end":"2024-01-29T08:30:00Z","intervals":["2024-01-29T07:30:00Z","2024-01-29T08:00:00Z"],
               "groups":[{"by":{"environment":"production","release":"foo@1.0.0"},
               "series":{"crash_free_rate(session)":[null,0.8333333333333334]},"totals":{"crash_free_rate(session)":0.8333333333333334}}]})j")
                                                     << true << u"foo@1.0.0"_s << u"crash_free_rate(session)"_s
                                                     << QList<double> {nan, 0.8333333333333334} << 0.8333333333333334
                                                     << 0;
        QTest::newRow("all null") << QByteArray(
            R"j({"intervals":["2024-01-29T07:30:00Z"],"groups":[{"by":{"release":"a"},"series":{"crash_free_rate(user)":[null]},"totals":{"crash_free_rate(user)":null}}]})j")
                                  << true << u"a"_s << u"crash_free_rate(user)"_s << QList<double> {nan} << nan << 0;
        QTest::newRow("malformed buckets") << QByteArray(
            R"j({"intervals":["2024-01-29T07:30:00Z","2024-01-29T08:00:00Z","2024-01-29T08:30:00Z","2024-01-29T09:00:00Z"],
                "groups":[{"by":{"release":"a"},"series":{"sum(session)":["12",-4,true,5]},"totals":{"sum(session)":"x"}}]})j")
                                           << true << u"a"_s << u"sum(session)"_s << QList<double> {nan, nan, nan, 5}
                                           << nan << 3;
        QTest::newRow("truncated series") << QByteArray(
            R"j({"intervals":["2024-01-29T07:30:00Z","2024-01-29T08:00:00Z"],"groups":[{"by":{"release":"a"},"series":{"sum(session)":[5]}}]})j")
                                          << true << u"a"_s << u"sum(session)"_s << QList<double> {5, nan} << nan << 0;
        QTest::newRow("no groups") << QByteArray(R"j({"intervals":[]})j") << false << QString() << QString()
                                   << QList<double> {} << nan << 0;
    }

    void sessions()
    {
        QFETCH(QByteArray, json);
        QFETCH(bool, ok);
        QFETCH(QString, release);
        QFETCH(QString, field);
        QFETCH(QList<double>, series);
        QFETCH(double, total);
        QFETCH(int, skipped);
        const SessionsData data = parseSessions(QJsonDocument::fromJson(json));
        QCOMPARE(data.ok, ok);
        if (!ok)
            return;
        QCOMPARE(data.warnings.skippedSamples, skipped);
        const SessionGroup *group = data.find(release);
        QVERIFY(group);
        const QList<double> got = group->series.value(field);
        QCOMPARE(got.size(), series.size());
        for (qsizetype i = 0; i < got.size(); ++i) {
            if (std::isnan(series.at(i)))
                QVERIFY2(std::isnan(got.at(i)), qPrintable(QString::number(got.at(i)))); // no data is never 0
            else
                QCOMPARE(got.at(i), series.at(i));
        }
        const std::optional<double> t = group->totals.value(field);
        QCOMPARE(t.has_value(), !std::isnan(total));
        if (t)
            QCOMPARE(*t, total);
    }

    void sessionIntervals()
    {
        const SessionsData data = parseSessions(doc(
            R"j({"intervals":["2024-01-29T07:30:00Z","bogus"],"groups":[{"by":{"session.status":"crashed"},"series":{"sum(session)":[1,2]}}]})j"));
        QCOMPARE(data.intervals.size(), 2);
        QCOMPARE(data.intervals.at(0), QDateTime(QDate(2024, 1, 29), QTime(7, 30), QTimeZone::UTC).toMSecsSinceEpoch());
        QVERIFY(!data.warnings.messages.isEmpty());
        QVERIFY(data.find(QString(), u"crashed"_s));
    }

    void release()
    {
        const auto info
            = parseRelease(doc(R"j({"version":"storefront@1.7.0","dateCreated":"2026-08-20T10:01:00.123456Z",
            "dateReleased":null,"newGroups":3,"deployCount":2,
            "lastDeploy":{"id":"7","environment":"production","dateStarted":null,"dateFinished":"2026-08-20T10:20:00.000000Z"},
            "projects":[{"slug":"storefront"}]})j"));
        QVERIFY(info);
        QCOMPARE(info->version, u"storefront@1.7.0"_s);
        QCOMPARE(info->newGroups, 3);
        QCOMPARE(info->lastDeployEnvironment, u"production"_s);
        QCOMPARE(info->lastDeployFinished, QDateTime(QDate(2026, 8, 20), QTime(10, 20), QTimeZone::UTC));
        QVERIFY(!info->dateReleased.isValid());
        QCOMPARE(info->projects, QStringList {u"storefront"_s});
        QString error;
        QVERIFY(!parseRelease(doc(R"j({"detail":"The requested resource does not exist"})j"), &error));
        QVERIFY(!error.isEmpty());
    }

    void issues()
    {
        ParseWarnings warnings;
        const QList<SentryIssue> issues = parseIssues(doc(R"j([
            {"id":"1","shortId":"STOREFRONT-1","title":"TypeError: <b>x</b> is undefined","count":"1204","userCount":80,
             "firstSeen":"2026-08-20T10:21:00.000000Z"},
            {"id":"2","title":"y","count":"many","userCount":null},
            {"title":"no id"}, 5])j")
                                                          .array(),
                                                      &warnings);
        QCOMPARE(issues.size(), 2);
        QCOMPARE(issues.at(0).count, 1204);
        QCOMPARE(issues.at(0).userCount, 80);
        QCOMPARE(issues.at(0).title, u"TypeError: <b>x</b> is undefined"_s); // plain text, kept as sent
        QCOMPARE(issues.at(1).count, -1);
        QCOMPARE(warnings.skippedSamples, 2);
        QVERIFY(warnings.messages.contains(u"issues: malformed count"_s));
    }

    void chooseInterval_data()
    {
        QTest::addColumn<qint64>("range");
        QTest::addColumn<int>("maxBuckets");
        QTest::addColumn<qint64>("minimum");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("1h") << qint64(3600) << 720 << qint64(60) << qint64(60);
        QTest::newRow("12h exactly 720") << qint64(12 * 3600) << 720 << qint64(60) << qint64(60);
        QTest::newRow("24h") << qint64(86400) << 720 << qint64(60) << qint64(300);
        QTest::newRow("7d") << qint64(7 * 86400) << 720 << qint64(60) << qint64(900);
        QTest::newRow("14d") << qint64(14 * 86400) << 720 << qint64(60) << qint64(1800);
        QTest::newRow("90d") << qint64(90 * 86400) << 720 << qint64(60) << qint64(10800);
        QTest::newRow("2y one day") << qint64(730 * 86400) << 720 << qint64(60) << qint64(86400);
        QTest::newRow("10000 buckets limit") << qint64(7 * 86400) << 10000 << qint64(60) << qint64(300);
        QTest::newRow("sessions minimum 1h") << qint64(3600) << 720 << qint64(3600) << qint64(3600);
        QTest::newRow("zero range") << qint64(0) << 720 << qint64(60) << qint64(60);
        QTest::newRow("negative range") << qint64(-5) << 720 << qint64(60) << qint64(60);
        QTest::newRow("zero budget") << qint64(3600) << 0 << qint64(60) << qint64(3600);
    }

    void chooseInterval()
    {
        QFETCH(qint64, range);
        QFETCH(int, maxBuckets);
        QFETCH(qint64, minimum);
        QFETCH(qint64, expected);
        const qint64 interval = Shipdeck::chooseInterval(range, maxBuckets, minimum);
        QCOMPARE(interval, expected);
        QCOMPARE(86400 % interval, 0); // divides a day (sessions rule)
        if (range > 0 && maxBuckets > 0 && interval < 86400)
            QVERIFY((range + interval - 1) / interval <= maxBuckets);
    }

    void durations_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("seconds"); // -1 = invalid
        QTest::newRow("24h") << u"24h"_s << qint64(86400);
        QTest::newRow("90m") << u"90m"_s << qint64(5400);
        QTest::newRow("14d") << u"14d"_s << qint64(14 * 86400);
        QTest::newRow("2w") << u"2w"_s << qint64(14 * 86400);
        QTest::newRow("30s") << u"30s"_s << qint64(30);
        QTest::newRow("empty") << QString() << qint64(-1);
        QTest::newRow("no unit") << u"24"_s << qint64(-1);
        QTest::newRow("negative") << u"-1h"_s << qint64(-1);
        QTest::newRow("garbage") << u"xh"_s << qint64(-1);
    }

    void durations()
    {
        QFETCH(QString, text);
        QFETCH(qint64, seconds);
        const auto parsed = parseDuration(text);
        QCOMPARE(parsed.value_or(-1), seconds);
        if (parsed)
            QCOMPARE(parseDuration(durationString(*parsed)), parsed);
    }
};

QTEST_GUILESS_MAIN(SentryParseTest)
#include "tst_sentryparse.moc"
