// SentryClient against the real shipdeck-sandbox: per-release spike after the production deploy, the events-stats
// fallback, crash-free sessions, release details, new issues with cursor pagination.
#include "sandboxhelper.h"
#include "sentry/sentryclient.h"

#include <QNetworkAccessManager>
#include <QSet>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <memory>
#include <numeric>

using namespace Qt::Literals::StringLiterals;
using namespace Shipdeck;
using Shipdeck::Test::SentrySandbox;

namespace {

double sum(const SentrySeries *series, qsizetype from, qsizetype count)
{
    double total = 0;
    for (qsizetype i = from; series && i < std::min(series->samples.size(), from + count); ++i)
        total += series->samples.at(i).count;
    return total;
}

} // namespace

class SentryClientTest : public QObject
{
    Q_OBJECT

    template<typename Job> static bool wait(Job *job)
    {
        QSignalSpy spy(job, &SentryJob::finished);
        return spy.wait(30000) && spy.size() == 1;
    }

    std::unique_ptr<SentryClient> client(SentrySandbox &sandbox)
    {
        return std::make_unique<SentryClient>(&m_nam, sandbox.sentryUrl(), u"acme"_s, sandbox.token());
    }

    ErrorSeriesQuery perRelease() const
    {
        ErrorSeriesQuery query;
        query.projects = {u"storefront"_s};
        query.environment = u"production"_s;
        query.groupByRelease = true;
        query.statsPeriod = u"2h"_s;
        query.intervalSeconds = 600;
        return query;
    }

    QNetworkAccessManager m_nam;
    SentrySandbox m_sandbox;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QString error;
        QVERIFY2(m_sandbox.start({}, &error), qPrintable(error));
    }

    void spikeOnlyAfterProductionDeploy()
    {
        auto sentry = client(m_sandbox);
        // Before: 1.7.0 has no production errors.
        SentryTimeseriesJob *job = sentry->errorSeries(perRelease());
        QVERIFY(wait(job));
        QVERIFY2(!job->hasError(), qPrintable(job->error().message));
        QVERIFY(!job->usedFallback());
        QVERIFY(job->data().find(u"storefront@1.6.1"_s));
        QCOMPARE(sum(job->data().find(u"storefront@1.7.0"_s), 0, 100), 0.0);
        const double baseline = sum(job->data().find(u"storefront@1.6.1"_s), 0, 6) / 6;
        QVERIFY(baseline > 0);

        QVERIFY(m_sandbox.deployToProduction());
        m_sandbox.advance(40 * 60);

        job = sentry->errorSeries(perRelease());
        QVERIFY(wait(job));
        QVERIFY2(!job->hasError(), qPrintable(job->error().message));
        const TimeseriesData &data = job->data();
        QCOMPARE(data.series.first().release, u"storefront@1.7.0"_s); // top by count
        const SentrySeries *fresh = data.find(u"storefront@1.7.0"_s);
        QVERIFY(fresh);
        QCOMPARE(fresh->intervalMs, 600000);
        QVERIFY(!fresh->samples.last().complete);
        const qsizetype n = fresh->samples.size();
        const double after = sum(fresh, n - 4, 3) / 3; // last full buckets
        QVERIFY2(after > 5 * baseline, qPrintable(u"after %1 baseline %2"_s.arg(after).arg(baseline)));

        // Staging: same release, no spike.
        ErrorSeriesQuery staging = perRelease();
        staging.environment = u"staging"_s;
        staging.groupByRelease = false;
        staging.releases = {u"storefront@1.7.0"_s};
        job = sentry->errorSeries(staging);
        QVERIFY(wait(job));
        QVERIFY(!job->hasError());
        const SentrySeries *total = job->data().find(QString());
        QVERIFY(total);
        QVERIFY(sum(total, total->samples.size() - 4, 3) / 3 < baseline);
    }

    void sessionsShowCrashFreeDrop()
    {
        auto sentry = client(m_sandbox);
        SessionsQuery query;
        query.environment = u"production"_s;
        query.statsPeriod = u"90m"_s;
        query.intervalSeconds = 300;
        SentrySessionsJob *job = sentry->sessions(query);
        QVERIFY(wait(job));
        QVERIFY2(!job->hasError(), qPrintable(job->error().message));
        const SessionGroup *fresh = job->data().find(u"storefront@1.7.0"_s);
        const SessionGroup *old = job->data().find(u"storefront@1.6.1"_s);
        QVERIFY(fresh && old);
        QVERIFY(fresh->totals.value(u"crash_free_rate(session)"_s).value_or(1) < 0.96);
        QVERIFY(old->totals.value(u"crash_free_rate(session)"_s).value_or(0) > 0.99);
        // Buckets before the deploy have no 1.7.0 sessions: no data (NaN), not 0.
        const QList<double> rates = fresh->series.value(u"crash_free_rate(session)"_s);
        QCOMPARE(rates.size(), job->data().intervals.size());
        QVERIFY(std::isnan(rates.first()));
    }

    void releaseDetailsAndNewIssues()
    {
        auto sentry = client(m_sandbox);
        SentryReleaseJob *release = sentry->release(u"storefront@1.7.0"_s);
        QVERIFY(wait(release));
        QVERIFY2(!release->hasError(), qPrintable(release->error().message));
        QCOMPARE(release->release().version, u"storefront@1.7.0"_s);
        QVERIFY(release->release().lastDeployFinished.isValid());

        SentryReleaseJob *missing = sentry->release(u"storefront@9.9.9"_s);
        QVERIFY(wait(missing));
        QCOMPARE(missing->error().kind, ApiError::Kind::NotFound);

        SentryIssuesJob *issues = sentry->newIssues(u"storefront@1.7.0"_s);
        QVERIFY(wait(issues));
        QVERIFY2(!issues->hasError(), qPrintable(issues->error().message));
        QVERIFY(issues->issues().size() >= 2);
        for (const SentryIssue &issue : issues->issues()) {
            QVERIFY(issue.count > 0);
            QVERIFY(!issue.title.isEmpty());
        }
    }

    void issuesFollowTheCursor()
    {
        // One issue per page: the job follows Link rel="next" while results="true".
        auto sentry = client(m_sandbox);
        SentryIssuesJob *all = sentry->newIssues(u"storefront@1.7.0"_s, {}, {}, 10, 1);
        QVERIFY(wait(all));
        QVERIFY2(!all->hasError(), qPrintable(all->error().message));
        QVERIFY(all->issues().size() >= 2);
        QCOMPARE(all->pages(), all->issues().size() + (all->reachedPageCap() ? 0 : 0));
        QVERIFY(!all->reachedPageCap());
        QSet<QString> ids;
        for (const SentryIssue &issue : all->issues())
            ids.insert(issue.id);
        QCOMPARE(ids.size(), all->issues().size());
        // A cap of one page stops early and says so.
        SentryIssuesJob *capped = sentry->newIssues(u"storefront@1.7.0"_s, {}, {}, 1, 1);
        QVERIFY(wait(capped));
        QCOMPARE(capped->pages(), 1);
        QVERIFY(capped->reachedPageCap());
    }

    void fallbackToEventsStats()
    {
        SentrySandbox sandbox;
        QString error;
        QVERIFY2(sandbox.start({u"--sentry-grouped-timeseries-500"_s}, &error), qPrintable(error));
        QVERIFY(sandbox.deployToProduction());
        sandbox.advance(40 * 60);
        auto sentry = client(sandbox);
        QSignalSpy requests(sentry.get(), &SentryClient::requestSent);
        SentryTimeseriesJob *job = sentry->errorSeries(perRelease());
        QVERIFY(wait(job));
        QVERIFY2(!job->hasError(), qPrintable(job->error().message));
        QVERIFY(job->usedFallback());
        QCOMPARE(job->requestCount(), 2);
        QCOMPARE(job->data().series.first().release, u"storefront@1.7.0"_s);
        const SentrySeries *fresh = job->data().find(u"storefront@1.7.0"_s);
        QVERIFY(fresh && fresh->samples.size() >= 12);
        QVERIFY(fresh->samples.first().time % 600000 == 0); // seconds converted to ms
        QVERIFY(sentry->prefersEventsStatsForGroups());

        // The next grouped query goes to events-stats directly: one request.
        job = sentry->errorSeries(perRelease());
        QVERIFY(wait(job));
        QVERIFY(!job->hasError());
        QCOMPARE(job->requestCount(), 1);
        QCOMPARE(requests.size(), 3);

        // Ungrouped queries still use events-timeseries.
        ErrorSeriesQuery total = perRelease();
        total.groupByRelease = false;
        job = sentry->errorSeries(total);
        QVERIFY(wait(job));
        QVERIFY(!job->usedFallback());
    }

    void unauthorized()
    {
        SentryClient sentry(&m_nam, m_sandbox.sentryUrl(), u"acme"_s, u"wrong"_s);
        SentryTimeseriesJob *job = sentry.errorSeries(perRelease());
        QVERIFY(wait(job));
        QCOMPARE(job->error().kind, ApiError::Kind::Unauthorized);
        QVERIFY(!job->usedFallback());
    }
};

QTEST_GUILESS_MAIN(SentryClientTest)
#include "tst_sentryclient.moc"
