#include "net/httpheaders.h"

#include <QStandardPaths>
#include <QTest>

#include <optional>

using namespace Qt::Literals::StringLiterals;
using namespace Shipdeck;
using Http::RawHeaders;

namespace {
// A fixed "now" keeps the rows deterministic: 2026-03-01T12:00:00Z.
const QDateTime Now(QDate(2026, 3, 1), QTime(12, 0, 0), QTimeZone::UTC);
const qint64 NowEpoch = Now.toSecsSinceEpoch();
} // namespace

class HttpHeadersTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void headerValue()
    {
        const RawHeaders headers {
            {"Link"_ba, "<a>; rel=\"next\""_ba}, {"link"_ba, "<b>; rel=\"last\""_ba}, {"X-Other"_ba, "1"_ba}};
        QCOMPARE(Http::headerValue(headers, "LINK"), "<a>; rel=\"next\", <b>; rel=\"last\""_ba);
        QCOMPARE(Http::headerValue(headers, "x-other"), "1"_ba);
        QCOMPARE(Http::headerValue(headers, "Missing"), QByteArray());
    }

    void rateLimit_data()
    {
        QTest::addColumn<RawHeaders>("headers");
        QTest::addColumn<int>("limit");
        QTest::addColumn<int>("remaining");
        QTest::addColumn<qint64>("resetEpochMs"); // -1: invalid

        QTest::newRow("none") << RawHeaders() << -1 << -1 << qint64(-1);
        QTest::newRow("GitLab") << RawHeaders {{"RateLimit-Limit"_ba, "600"_ba},
                                               {"RateLimit-Name"_ba, "throttle_authenticated_api"_ba},
                                               {"RateLimit-Observed"_ba, "67"_ba},
                                               {"RateLimit-Remaining"_ba, "533"_ba},
                                               {"RateLimit-Reset"_ba, "1772366460"_ba}}
                                << 600 << 533 << qint64(1772366460) * 1000;
        QTest::newRow("GitLab lower-case names")
            << RawHeaders {{"ratelimit-limit"_ba, "10"_ba}, {"ratelimit-remaining"_ba, "0"_ba}} << 10 << 0
            << qint64(-1);
        QTest::newRow("Sentry") << RawHeaders {{"X-Sentry-Rate-Limit-Limit"_ba, "40"_ba},
                                               {"X-Sentry-Rate-Limit-Remaining"_ba, "39"_ba},
                                               {"X-Sentry-Rate-Limit-Reset"_ba, "1772366401"_ba},
                                               {"X-Sentry-Rate-Limit-ConcurrentLimit"_ba, "25"_ba}}
                                << 40 << 39 << qint64(1772366401) * 1000;
        QTest::newRow("Sentry fractional reset")
            << RawHeaders {{"X-Sentry-Rate-Limit-Reset"_ba, "1772366401.5"_ba}} << -1 << -1 << qint64(1772366401500);
        QTest::newRow("GitLab wins over Sentry")
            << RawHeaders {{"X-Sentry-Rate-Limit-Remaining"_ba, "5"_ba}, {"RateLimit-Remaining"_ba, "7"_ba}} << -1 << 7
            << qint64(-1);
        QTest::newRow("delta-seconds reset (IETF draft)")
            << RawHeaders {{"RateLimit-Reset"_ba, "30"_ba}} << -1 << -1 << (NowEpoch + 30) * 1000;
        QTest::newRow("garbage") << RawHeaders {{"RateLimit-Limit"_ba, "lots"_ba},
                                                {"RateLimit-Remaining"_ba, "-3"_ba},
                                                {"RateLimit-Reset"_ba, "soon"_ba}}
                                 << -1 << -1 << qint64(-1);
    }

    void rateLimit()
    {
        QFETCH(RawHeaders, headers);
        QFETCH(int, limit);
        QFETCH(int, remaining);
        QFETCH(qint64, resetEpochMs);

        const RateLimitInfo info = Http::parseRateLimit(headers, Now);
        QCOMPARE(info.limit, limit);
        QCOMPARE(info.remaining, remaining);
        if (resetEpochMs < 0) {
            QVERIFY(!info.reset.isValid());
        } else {
            QVERIFY(info.reset.isValid());
            QCOMPARE(info.reset.toMSecsSinceEpoch(), resetEpochMs);
        }
    }

    void retryAfter_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<qint64>("expectedMs"); // -1: nullopt

        QTest::newRow("seconds") << "120"_ba << qint64(120000);
        QTest::newRow("seconds with spaces") << " 5 "_ba << qint64(5000);
        QTest::newRow("zero") << "0"_ba << qint64(0);
        QTest::newRow("negative") << "-1"_ba << qint64(-1);
        QTest::newRow("empty") << QByteArray() << qint64(-1);
        QTest::newRow("garbage") << "soon"_ba << qint64(-1);
        QTest::newRow("IMF-fixdate") << "Sun, 01 Mar 2026 12:00:30 GMT"_ba << qint64(30000);
        QTest::newRow("date in the past") << "Sun, 01 Mar 2026 11:00:00 GMT"_ba << qint64(0);
        QTest::newRow("RFC 850 date") << "Sunday, 01-Mar-26 12:01:00 GMT"_ba << qint64(60000);
        QTest::newRow("asctime date") << "Sun Mar  1 12:00:10 2026"_ba << qint64(10000);
        QTest::newRow("date without GMT") << "Sun, 01 Mar 2026 12:00:30 CET"_ba << qint64(-1);
    }

    void retryAfter()
    {
        QFETCH(QByteArray, value);
        QFETCH(qint64, expectedMs);
        const auto delay = Http::parseRetryAfter(value, Now);
        if (expectedMs < 0) {
            QVERIFY(!delay.has_value());
        } else {
            QVERIFY(delay.has_value());
            QCOMPARE(delay->count(), expectedMs);
        }
    }

    void nextLink_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QUrl>("base");
        QTest::addColumn<QUrl>("expected");

        const QUrl gitlab(u"https://gitlab.example.com/api/v4/projects/1/pipelines?page=1&per_page=2"_s);
        QTest::newRow("GitLab offset")
            << R"(<https://gitlab.example.com/api/v4/projects/1/pipelines?page=2&per_page=2>; rel="next", <https://gitlab.example.com/api/v4/projects/1/pipelines?page=1&per_page=2>; rel="first", <https://gitlab.example.com/api/v4/projects/1/pipelines?page=5&per_page=2>; rel="last")"_ba
            << gitlab << QUrl(u"https://gitlab.example.com/api/v4/projects/1/pipelines?page=2&per_page=2"_s);
        QTest::newRow("GitLab last page")
            << R"(<https://gitlab.example.com/x?page=1>; rel="first", <https://gitlab.example.com/x?page=1>; rel="last")"_ba
            << gitlab << QUrl();
        QTest::newRow("no header") << QByteArray() << gitlab << QUrl();
        QTest::newRow("relative target")
            << R"(</api/v4/projects?id_after=42&pagination=keyset>; rel="next")"_ba << gitlab
            << QUrl(u"https://gitlab.example.com/api/v4/projects?id_after=42&pagination=keyset"_s);
        QTest::newRow("unquoted rel, odd case")
            << "<https://h/x?page=3>;REL=Next"_ba << gitlab << QUrl(u"https://h/x?page=3"_s);
        QTest::newRow("rel list") << R"(<https://h/x?page=3>; rel="last next")"_ba << gitlab
                                  << QUrl(u"https://h/x?page=3"_s);
        QTest::newRow("comma inside the URL")
            << R"(<https://h/x?ids=1,2>; rel="prev", <https://h/x?ids=3,4>; rel="next")"_ba << gitlab
            << QUrl(u"https://h/x?ids=3,4"_s);
        QTest::newRow("quoted parameter with comma and semicolon")
            << R"(<https://h/a>; title="a, b; c"; rel="prev", <https://h/b>; rel="next")"_ba << gitlab
            << QUrl(u"https://h/b"_s);
        QTest::newRow("nextish relation is not next") << R"(<https://h/x>; rel="nextpage")"_ba << gitlab << QUrl();

        const QUrl sentry(u"https://sentry.io/api/0/organizations/acme/issues/"_s);
        QTest::newRow("Sentry more results")
            << R"(<https://sentry.io/api/0/organizations/acme/issues/?&cursor=0:0:1>; rel="previous"; results="false"; cursor="0:0:1", <https://sentry.io/api/0/organizations/acme/issues/?&cursor=0:100:0>; rel="next"; results="true"; cursor="0:100:0")"_ba
            << sentry << QUrl(u"https://sentry.io/api/0/organizations/acme/issues/?&cursor=0:100:0"_s);
        QTest::newRow("Sentry exhausted")
            << R"(<https://sentry.io/api/0/organizations/acme/issues/?&cursor=0:0:1>; rel="previous"; results="true"; cursor="0:0:1", <https://sentry.io/api/0/organizations/acme/issues/?&cursor=0:200:0>; rel="next"; results="false"; cursor="0:200:0")"_ba
            << sentry << QUrl();
        QTest::newRow("garbage") << "this is not a link header"_ba << gitlab << QUrl();
        QTest::newRow("unterminated") << R"(<https://h/x; rel="next")"_ba << gitlab << QUrl();
    }

    void nextLink()
    {
        QFETCH(QByteArray, header);
        QFETCH(QUrl, base);
        QFETCH(QUrl, expected);
        QCOMPARE(Http::parseNextLink(header, base), expected);
    }

    void serverMessage_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QString>("expected");

        const QByteArray json = "application/json"_ba;
        QTest::newRow("GitLab message string")
            << R"({"message":"404 Project Not Found"})"_ba << json << u"404 Project Not Found"_s;
        // Not a raw string: moc misparses an apostrophe inside one and then skips the whole class.
        QTest::newRow("GitLab message object")
            << "{\"message\":{\"bio\":[\"is too long (maximum is 255 characters)\"],\"name\":[\"can't be blank\",\"is invalid\"]}}"_ba
            << json << u"bio: is too long (maximum is 255 characters); name: can't be blank; is invalid"_s;
        QTest::newRow("GitLab message array")
            << R"({"message":["ref is missing","sha is missing"]})"_ba << json << u"ref is missing; sha is missing"_s;
        QTest::newRow("GitLab nested message")
            << R"({"message":{"base":{"reason":["locked"]}}})"_ba << json << u"base: reason: locked"_s;
        QTest::newRow("GitLab error")
            << R"({"error":"This changelog has been requested too many times. Try again later."})"_ba << json
            << u"This changelog has been requested too many times. Try again later."_s;
        QTest::newRow("OAuth error with description")
            << R"({"error":"insufficient_scope","error_description":"The request requires higher privileges.","scope":"api"})"_ba
            << json << u"The request requires higher privileges."_s;
        QTest::newRow("Sentry detail") << R"({"detail":"Authentication credentials were not provided."})"_ba << json
                                       << u"Authentication credentials were not provided."_s;
        QTest::newRow("Sentry detail list") << R"({"detail":["a","b"]})"_ba << json << u"a; b"_s;
        QTest::newRow("DRF validation") << R"({"version":["This field is required."]})"_ba << json
                                        << u"version: This field is required."_s;
        QTest::newRow("unrelated object") << R"({"id":1,"items":[{"x":1}]})"_ba << json << QString();
        QTest::newRow("plain text") << "Retry later\n"_ba << "text/plain"_ba << u"Retry later"_s;
        QTest::newRow("markup in plain text stays literal")
            << "<b>bold</b> claim"_ba << "text/plain"_ba << u"<b>bold</b> claim"_s;
        QTest::newRow("markup without content type is dropped") << "<p>oops</p>"_ba << QByteArray() << QString();
        QTest::newRow("markup in JSON stays literal") << R"({"message":"<img src=x onerror=alert(1)> not allowed"})"_ba
                                                      << json << u"<img src=x onerror=alert(1)> not allowed"_s;
        QTest::newRow("HTML page") << "<!DOCTYPE html><html><body>502</body></html>"_ba << "text/html"_ba << QString();
        QTest::newRow("HTML by content type") << "Bad gateway"_ba << "text/html; charset=utf-8"_ba << QString();
        QTest::newRow("whitespace collapsed")
            << "line one\n\n  line two\t"_ba << "text/plain"_ba << u"line one line two"_s;
        QTest::newRow("UTF-8") << R"({"message":"Ungültiger Schlüssel"})"_ba << json << u"Ungültiger Schlüssel"_s;
        QTest::newRow("empty") << QByteArray() << json << QString();
    }

    void serverMessage()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        QFETCH(QString, expected);
        QCOMPARE(Http::serverMessage(body, contentType), expected);
    }

    void serverMessageIsClipped()
    {
        const QByteArray body = "{\"message\":\"" + QByteArray(2000, 'x') + "\"}";
        const QString message = Http::serverMessage(body, "application/json");
        QCOMPARE(message.size(), 500);
        QVERIFY(message.endsWith(u'\u2026'));
    }
};

QTEST_GUILESS_MAIN(HttpHeadersTest)
#include "tst_httpheaders.moc"
