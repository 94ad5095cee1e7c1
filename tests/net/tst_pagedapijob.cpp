#include "httptestserver.h"
#include "net/apijob.h"
#include "net/networkaccess.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace std::chrono_literals;
using Shipdeck::ApiRequest;
using Shipdeck::PagedApiJob;
using Shipdeck::RetryPolicy;
using Shipdeck::Test::HttpTestServer;
using Kind = Shipdeck::ApiError::Kind;

class PagedApiJobTest : public QObject
{
    Q_OBJECT

private:
    bool run(PagedApiJob &job)
    {
        QSignalSpy spy(&job, &PagedApiJob::finished);
        job.start();
        if (spy.isEmpty() && !spy.wait(15000))
            return false;
        return spy.count() == 1 && job.isFinished();
    }

    /// GitLab style: Link with first/next/last, next omitted on the last page.
    void servePage(int page, const QByteArray &items, int nextPage)
    {
        QByteArray link
            = "<" + m_server->url(u"/api/v4/projects/1/pipelines?page=1&per_page=2"_s).toEncoded() + ">; rel=\"first\"";
        if (nextPage > 0) {
            link += ", <"
                + m_server->url(u"/api/v4/projects/1/pipelines?page=%1&per_page=2"_s.arg(nextPage)).toEncoded()
                + ">; rel=\"next\"";
        }
        m_server->respondJson(u"/api/v4/projects/1/pipelines?page=%1&per_page=2"_s.arg(page), 200, items,
                              {{"Link"_ba, link}, {"X-Page"_ba, QByteArray::number(page)}});
    }

    ApiRequest firstPage() const
    {
        ApiRequest request;
        request.url = m_server->url(u"/api/v4/projects/1/pipelines?page=1&per_page=2"_s);
        request.headers.append({"PRIVATE-TOKEN"_ba, "glpat-test"_ba});
        return request;
    }

    static QJsonArray numbers(std::initializer_list<int> values)
    {
        QJsonArray array;
        for (int value : values)
            array.append(value);
        return array;
    }

    QNetworkAccessManager *m_nam = nullptr;
    std::unique_ptr<HttpTestServer> m_server;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_nam = Shipdeck::createNetworkAccessManager(this);
    }

    void init()
    {
        m_server = std::make_unique<HttpTestServer>();
        QVERIFY(m_server->listen());
    }

    void cleanup() { m_server.reset(); }

    void followsNextLinks()
    {
        servePage(1, "[1,2]"_ba, 2);
        servePage(2, "[3,4]"_ba, 3);
        servePage(3, "[5]"_ba, 0);

        PagedApiJob job(m_nam, firstPage());
        QSignalSpy pages(&job, &PagedApiJob::pageReceived);
        QVERIFY(run(job));

        QVERIFY(!job.hasError());
        QCOMPARE(job.items(), numbers({1, 2, 3, 4, 5}));
        QCOMPARE(job.pages(), 3);
        QVERIFY(!job.reachedPageCap());
        QCOMPARE(pages.count(), 3);
        QCOMPARE(pages.at(1).at(0).toJsonArray(), numbers({3, 4}));
        const auto requests = m_server->requests();
        QCOMPARE(requests.size(), 3);
        for (const auto &request : requests)
            QCOMPARE(request.header("PRIVATE-TOKEN"_ba), "glpat-test"_ba);
        QCOMPARE(requests.at(2).target, "/api/v4/projects/1/pipelines?page=3&per_page=2"_ba);
    }

    void stopsAtPageCap_data()
    {
        QTest::addColumn<int>("maxPages");
        QTest::addColumn<int>("expectedPages");
        QTest::addColumn<bool>("capped");
        QTest::newRow("cap 1") << 1 << 1 << true;
        QTest::newRow("cap 2") << 2 << 2 << true;
        QTest::newRow("cap equals page count") << 3 << 3 << false;
        QTest::newRow("cap above page count") << 10 << 3 << false;
    }

    void stopsAtPageCap()
    {
        QFETCH(int, maxPages);
        QFETCH(int, expectedPages);
        QFETCH(bool, capped);

        servePage(1, "[1,2]"_ba, 2);
        servePage(2, "[3,4]"_ba, 3);
        servePage(3, "[5]"_ba, 0);

        PagedApiJob job(m_nam, firstPage(), maxPages);
        QVERIFY(run(job));
        QVERIFY(!job.hasError());
        QCOMPARE(job.pages(), expectedPages);
        QCOMPARE(job.reachedPageCap(), capped);
        QCOMPARE(job.items().size(), qsizetype(std::min(expectedPages * 2, 5)));
        QCOMPARE(m_server->requests().size(), expectedPages); // the page past the cap is never requested
    }

    void sentryCursorResultsFalseEndsPaging()
    {
        const QString path = u"/api/0/organizations/acme/releases/"_s;
        auto link = [this, &path](const char *prevCursor, bool prevResults, const char *nextCursor,
                                  bool nextResults) -> QByteArray {
            auto one = [this, &path](const char *rel, const char *cursor, bool results) -> QByteArray {
                return "<" + m_server->url(path + u"?&cursor="_s + QLatin1StringView(cursor)).toEncoded() + ">; rel=\""
                    + rel + "\"; results=\"" + (results ? "true" : "false") + "\"; cursor=\"" + cursor + "\"";
            };
            return one("previous", prevCursor, prevResults) + ", " + one("next", nextCursor, nextResults);
        };
        m_server->respondJson(path, 200, R"([{"version":"1.0"},{"version":"1.1"}])"_ba,
                              {{"Link"_ba, link("0:0:1", false, "0:100:0", true)}});
        m_server->respondJson(path + u"?&cursor=0:100:0"_s, 200, R"([{"version":"1.2"}])"_ba,
                              {{"Link"_ba, link("0:0:1", true, "0:200:0", false)}});

        ApiRequest request;
        request.url = m_server->url(path);
        PagedApiJob job(m_nam, request);
        QVERIFY(run(job));

        QVERIFY(!job.hasError());
        QCOMPARE(job.pages(), 2);
        QCOMPARE(job.items().size(), 3);
        QVERIFY(!job.reachedPageCap());
        const auto requests = m_server->requests();
        QCOMPARE(requests.size(), 2);
        QCOMPARE(requests.at(1).target, "/api/0/organizations/acme/releases/?&cursor=0:100:0"_ba);
    }

    void keysetLastPageEmpty()
    {
        servePage(1, "[1,2]"_ba, 2);
        m_server->respondJson(u"/api/v4/projects/1/pipelines?page=2&per_page=2"_s, 200, "[]"_ba);
        PagedApiJob job(m_nam, firstPage());
        QVERIFY(run(job));
        QVERIFY(!job.hasError());
        QCOMPARE(job.pages(), 2);
        QCOMPARE(job.items(), numbers({1, 2}));
    }

    void errorOnLaterPageKeepsItems()
    {
        servePage(1, "[1,2]"_ba, 2);
        m_server->respondJson(u"/api/v4/projects/1/pipelines?page=2&per_page=2"_s, 404,
                              R"({"message":"404 Not found"})"_ba);
        PagedApiJob job(m_nam, firstPage());
        QSignalSpy pages(&job, &PagedApiJob::pageReceived);
        QVERIFY(run(job));

        QVERIFY(job.hasError());
        QCOMPARE(job.error().kind, Kind::NotFound);
        QCOMPARE(job.error().serverMessage, u"404 Not found"_s);
        QCOMPARE(job.items(), numbers({1, 2}));
        QCOMPARE(job.pages(), 1);
        QCOMPARE(pages.count(), 1);
    }

    void pageRetriedOnTransientError()
    {
        servePage(1, "[1,2]"_ba, 2);
        const QString page2 = u"/api/v4/projects/1/pipelines?page=2&per_page=2"_s;
        m_server->enqueue(page2, HttpTestServer::jsonResponse(502, QByteArray()));
        m_server->enqueue(page2, HttpTestServer::jsonResponse(200, "[3]"_ba));
        PagedApiJob job(m_nam, firstPage());
        job.setRetryPolicy(RetryPolicy {3, 10ms, 100ms});
        QVERIFY(run(job));
        QVERIFY2(!job.hasError(), qPrintable(job.error().message));
        QCOMPARE(job.items(), numbers({1, 2, 3}));
        QCOMPARE(m_server->requests().size(), 3);
    }

    void pageThatIsNotAnArray()
    {
        m_server->respondJson(u"/api/v4/projects/1/pipelines"_s, 200, R"({"id":1})"_ba);
        PagedApiJob job(m_nam, firstPage());
        QVERIFY(run(job));
        QCOMPARE(job.error().kind, Kind::MalformedJson);
        QCOMPARE(job.pages(), 0);
        QVERIFY(job.items().isEmpty());
    }

    void nextLinkToAnotherHostNotFollowed()
    {
        // The page requests carry the token: a next link to another origin must not receive it.
        QUrl elsewhere = m_server->url(u"/api/v4/projects/1/pipelines?page=2&per_page=2"_s);
        elsewhere.setHost(u"localhost"_s);
        m_server->respondJson(u"/api/v4/projects/1/pipelines?page=1&per_page=2"_s, 200, "[1]"_ba,
                              {{"Link"_ba, "<" + elsewhere.toEncoded() + ">; rel=\"next\""}});
        PagedApiJob job(m_nam, firstPage());
        QVERIFY(run(job));
        QCOMPARE(job.error().kind, Kind::InvalidUrl);
        QCOMPARE(job.items(), numbers({1}));
        QCOMPARE(m_server->requests().size(), 1);
    }

    void cancelKeepsReceivedItems()
    {
        servePage(1, "[1,2]"_ba, 2);
        m_server->stall(u"/api/v4/projects/1/pipelines"_s); // page 2 never answers
        PagedApiJob job(m_nam, firstPage());
        QSignalSpy finished(&job, &PagedApiJob::finished);
        QSignalSpy received(m_server.get(), &HttpTestServer::requestReceived);
        job.start();
        while (received.count() < 2)
            QVERIFY(received.wait(5000));
        QCOMPARE(finished.count(), 0);

        job.cancel();
        QCOMPARE(finished.count(), 1);
        QCOMPARE(job.error().kind, Kind::Cancelled);
        QCOMPARE(job.items(), numbers({1, 2}));
        QVERIFY(!finished.wait(200));
    }

    void receiverMayDeleteTheJob()
    {
        servePage(1, "[1,2]"_ba, 2);
        servePage(2, "[3]"_ba, 0);
        auto *job = new PagedApiJob(m_nam, firstPage());
        QSignalSpy destroyed(job, &QObject::destroyed);
        connect(job, &PagedApiJob::finished, this, [](PagedApiJob *finishedJob) { delete finishedJob; });
        job->start();
        QVERIFY(destroyed.wait(5000));
        QVERIFY(!destroyed.wait(200));
        QCOMPARE(m_server->requests().size(), 2);
    }

    void firstPageFailure()
    {
        ApiRequest request;
        request.url = QUrl(u"not a url"_s);
        PagedApiJob job(m_nam, request);
        QVERIFY(run(job));
        QCOMPARE(job.error().kind, Kind::InvalidUrl);
        QCOMPARE(job.pages(), 0);
    }
};

QTEST_GUILESS_MAIN(PagedApiJobTest)
#include "tst_pagedapijob.moc"
