#include "sentrycommands.h"

#include "exitcodes.h"

#include "sentry/releaseverdict.h"
#include "sentry/releaseverdictjob.h"
#include "sentry/sentryclient.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTextStream>
#include <QTimeZone>

#include <cmath>
#include <cstdio>
#include <functional>
#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace Shipdeck::Cli {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(SentryCommands)
};

QString iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC).toString(Qt::ISODate);
}

QJsonValue optionalNumber(const std::optional<double> &value)
{
    return value && std::isfinite(*value) ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

/// The state of one command run; quits the event loop with the exit code when done.
class Runner
{
public:
    Runner(const SentryCommandIo &io, SentryClient *client) : m_io(io), m_client(client) { }

    void done(int code)
    {
        m_code = code;
        m_io.out->flush();
        m_io.err->flush();
        QCoreApplication::exit(code);
    }
    bool failed(SentryJob *job)
    {
        if (!job->hasError())
            return false;
        *m_io.err << "shipdeck-cli: " << job->error().message << Qt::endl;
        done(exitCodeFor(job->error()));
        return true;
    }
    void warn(const ParseWarnings &warnings)
    {
        if (warnings.skippedSamples > 0)
            *m_io.err << "shipdeck-cli: "
                      << Tr::tr("warning: %n malformed bucket(s) skipped", nullptr, warnings.skippedSamples)
                      << Qt::endl;
    }

    SentryCommandIo m_io;
    SentryClient *m_client;
    int m_code = ExitOk;
};

void printErrors(Runner *runner, SentryTimeseriesJob *job, bool json)
{
    QTextStream &out = *runner->m_io.out;
    if (json) {
        QJsonArray series;
        for (const SentrySeries &s : job->data().series) {
            QJsonArray samples;
            for (const ErrorSample &sample : s.samples)
                samples.append(QJsonObject {{u"time"_s, iso(sample.time)},
                                            {u"count"_s, sample.count},
                                            {u"rate"_s, sample.rate},
                                            {u"complete"_s, sample.complete}});
            series.append(QJsonObject {{u"release"_s, s.release}, {u"other"_s, s.isOther}, {u"samples"_s, samples}});
        }
        out << QJsonDocument(QJsonObject {{u"interval_seconds"_s, job->intervalSeconds()},
                                          {u"fallback"_s, job->usedFallback()},
                                          {u"skipped_samples"_s, job->warnings().skippedSamples},
                                          {u"series"_s, series}})
                   .toJson(QJsonDocument::Indented);
        return;
    }
    for (const SentrySeries &s : job->data().series) {
        out << (s.release.isEmpty() ? (s.isOther ? Tr::tr("Other") : Tr::tr("All releases")) : s.release) << Qt::endl;
        for (const ErrorSample &sample : s.samples)
            out << "  " << iso(sample.time) << "  " << qSetFieldWidth(8) << Qt::right << sample.count
                << qSetFieldWidth(0) << "  " << QString::number(sample.rate, 'f', 2) << "/min"
                << (sample.complete ? QString() : u"  "_s + Tr::tr("(incomplete)")) << Qt::left << Qt::endl;
    }
}

void printHealth(Runner *runner, SentrySessionsJob *job, bool json)
{
    QTextStream &out = *runner->m_io.out;
    const QString sessionsField = u"sum(session)"_s, sessionRate = u"crash_free_rate(session)"_s,
                  userRate = u"crash_free_rate(user)"_s;
    if (json) {
        QJsonArray releases;
        for (const SessionGroup &group : job->data().groups)
            releases.append(QJsonObject {{u"release"_s, group.release},
                                         {u"sessions"_s, optionalNumber(group.totals.value(sessionsField))},
                                         {u"crash_free_sessions"_s, optionalNumber(group.totals.value(sessionRate))},
                                         {u"crash_free_users"_s, optionalNumber(group.totals.value(userRate))}});
        out << QJsonDocument(QJsonObject {{u"releases"_s, releases}}).toJson(QJsonDocument::Indented);
        return;
    }
    auto percent = [](const std::optional<double> &rate) {
        return rate ? QString::number(*rate * 100, 'f', 2) + u" %"_s : Tr::tr("no data");
    };
    for (const SessionGroup &group : job->data().groups) {
        const auto sessions = group.totals.value(sessionsField);
        out << group.release << "  "
            << Tr::tr("sessions: %1").arg(sessions ? QString::number(*sessions, 'f', 0) : Tr::tr("no data")) << "  "
            << Tr::tr("crash-free sessions: %1").arg(percent(group.totals.value(sessionRate))) << "  "
            << Tr::tr("crash-free users: %1").arg(percent(group.totals.value(userRate))) << Qt::endl;
    }
    if (job->data().groups.isEmpty())
        out << Tr::tr("No sessions.") << Qt::endl;
}

/// verdict: ReleaseVerdictJob reads release details of both, the errors of both windows and their sessions.
void runVerdict(Runner *runner, const QStringList &projects, const QString &environment, const QString &release,
                const QString &previous, bool json)
{
    ReleaseVerdictJob *job
        = ReleaseVerdictJob::start(runner->m_client, projects, environment, release, previous, {}, runner->m_client);
    QObject::connect(job, &ReleaseVerdictJob::parseWarnings, runner->m_client,
                     [runner](const ParseWarnings &warnings) { runner->warn(warnings); });
    QObject::connect(job, &ReleaseVerdictJob::finished, runner->m_client, [runner, json](ReleaseVerdictJob *done) {
        if (done->hasError()) {
            *runner->m_io.err << "shipdeck-cli: " << done->error().message << Qt::endl;
            runner->done(exitCodeFor(done->error()));
            return;
        }
        const ReleaseVerdict &verdict = done->verdict();
        QTextStream &out = *runner->m_io.out;
        if (json) {
            out << QJsonDocument(
                       QJsonObject {
                           {u"release"_s, done->currentRelease().version},
                           {u"previous"_s, done->previousRelease().version},
                           {u"level"_s, ReleaseVerdict::levelKey(verdict.level)},
                           {u"ratio"_s,
                            std::isfinite(verdict.ratio) ? QJsonValue(verdict.ratio) : QJsonValue(QJsonValue::Null)},
                           {u"errors_per_minute"_s, verdict.errorsPerMinute},
                           {u"previous_errors_per_minute"_s, verdict.previousErrorsPerMinute},
                           {u"normalised_by_sessions"_s, verdict.normalisedBySessions},
                           {u"minutes_since_deploy"_s, verdict.minutesSinceDeploy},
                           {u"crash_free_sessions"_s, optionalNumber(done->currentWindow().crashFreeRate)},
                           {u"reasons"_s, QJsonArray::fromStringList(verdict.reasons)},
                           {u"summary"_s, verdict.summary},
                       })
                       .toJson(QJsonDocument::Indented);
        } else {
            out << verdict.summary << Qt::endl;
            for (const QString &reason : verdict.reasons)
                out << "  " << reason << Qt::endl;
        }
        runner->done(ExitOk);
    });
}

} // namespace

bool isSentryCommand(const QString &command)
{
    return command == "errors"_L1 || command == "health"_L1 || command == "verdict"_L1;
}

int runSentryCommand(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    SentryCommandIo io;
    io.out = &out;
    io.err = &err;
    io.token = qEnvironmentVariable("SHIPDECK_SENTRY_TOKEN");
    return runSentryCommand(arguments, io);
}

int runSentryCommand(const QStringList &arguments, const SentryCommandIo &givenIo)
{
    SentryCommandIo io = givenIo;
    QTextStream defaultOut(stdout), defaultErr(stderr);
    if (!io.out)
        io.out = &defaultOut;
    if (!io.err)
        io.err = &defaultErr;
    auto fail = [&io](int code, const QString &message) {
        *io.err << "shipdeck-cli: " << message << Qt::endl;
        return code;
    };

    QCommandLineParser parser;
    const QCommandLineOption url(u"sentry-url"_s, Tr::tr("Sentry server (region host or self-hosted)."), u"url"_s);
    const QCommandLineOption org(u"org"_s, Tr::tr("Organization slug."), u"slug"_s);
    const QCommandLineOption project(u"sentry-project"_s, Tr::tr("Project slug (repeatable)."), u"slug"_s);
    const QCommandLineOption release(u"release"_s, Tr::tr("Release version."), u"version"_s);
    const QCommandLineOption previous(u"previous"_s, Tr::tr("Previous release (verdict)."), u"version"_s);
    const QCommandLineOption environment(u"environment"_s, Tr::tr("Environment, e.g. production."), u"name"_s);
    const QCommandLineOption range(u"range"_s, Tr::tr("Time range, e.g. 24h or 7d."), u"duration"_s, u"24h"_s);
    const QCommandLineOption interval(u"interval"_s, Tr::tr("Bucket size, e.g. 1h."), u"duration"_s);
    const QCommandLineOption json(u"json"_s, Tr::tr("Print JSON for scripts."));
    const QCommandLineOption demo(u"demo"_s, Tr::tr("Ignored (accepted for symmetry with other commands)."));
    parser.addOptions({url, org, project, release, previous, environment, range, interval, json, demo});
    if (!parser.parse(arguments))
        return fail(ExitUsage, parser.errorText());
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1 || !isSentryCommand(positional.first()))
        return fail(ExitUsage, Tr::tr("Expected one command: errors, health or verdict."));
    const QString command = positional.first();

    const QUrl base(parser.value(url), QUrl::StrictMode);
    if (!parser.isSet(url) || !base.isValid() || base.host().isEmpty()
        || (base.scheme() != "http"_L1 && base.scheme() != "https"_L1))
        return fail(ExitUsage, Tr::tr("--sentry-url must be an http(s) URL."));
    if (parser.value(org).isEmpty())
        return fail(ExitUsage, Tr::tr("--org is required."));
    if (io.token.isEmpty())
        return fail(ExitAuth, Tr::tr("No Sentry token: set SHIPDECK_SENTRY_TOKEN."));
    const QStringList projects = parser.values(project);
    auto releaseName = [&projects](const QString &version) {
        return version.isEmpty() || version.contains(u'@') || projects.size() != 1 ? version
                                                                                   : projects.first() + u'@' + version;
    };
    const std::optional<qint64> rangeSeconds = parseDuration(parser.value(range));
    if (!rangeSeconds)
        return fail(ExitUsage, Tr::tr("Invalid --range “%1”; use e.g. 24h.").arg(parser.value(range)));
    std::optional<qint64> intervalSeconds;
    if (parser.isSet(interval)) {
        intervalSeconds = parseDuration(parser.value(interval));
        if (!intervalSeconds || *intervalSeconds % 60 != 0 || *rangeSeconds / *intervalSeconds > 10000)
            return fail(ExitUsage,
                        Tr::tr("Invalid --interval “%1”; use whole minutes, at most 10000 buckets.")
                            .arg(parser.value(interval)));
    }
    if (command == "verdict"_L1 && (parser.value(release).isEmpty() || parser.value(previous).isEmpty()))
        return fail(ExitUsage, Tr::tr("verdict needs --release and --previous."));

    std::unique_ptr<QNetworkAccessManager> ownNam;
    QNetworkAccessManager *nam = io.nam;
    if (!nam) {
        ownNam = std::make_unique<QNetworkAccessManager>();
        nam = ownNam.get();
    }
    SentryClient client(nam, base, parser.value(org), io.token);
    Runner runner(io, &client);
    const bool asJson = parser.isSet(json);

    if (command == "errors"_L1) {
        ErrorSeriesQuery query;
        query.projects = projects;
        query.environment = parser.value(environment);
        if (parser.isSet(release))
            query.releases = {releaseName(parser.value(release))};
        query.statsPeriod = durationString(*rangeSeconds);
        query.intervalSeconds = intervalSeconds.value_or(0);
        SentryTimeseriesJob *job = client.errorSeries(query);
        QObject::connect(job, &SentryJob::finished, &client, [&runner, asJson](SentryJob *done) {
            if (runner.failed(done))
                return;
            runner.warn(done->warnings());
            printErrors(&runner, static_cast<SentryTimeseriesJob *>(done), asJson);
            runner.done(ExitOk);
        });
    } else if (command == "health"_L1) {
        SessionsQuery query;
        query.projects = projects;
        query.environment = parser.value(environment);
        if (parser.isSet(release))
            query.releases = {releaseName(parser.value(release))};
        query.statsPeriod = durationString(*rangeSeconds);
        query.intervalSeconds = intervalSeconds.value_or(0);
        SentrySessionsJob *job = client.sessions(query);
        QObject::connect(job, &SentryJob::finished, &client, [&runner, asJson](SentryJob *done) {
            if (runner.failed(done))
                return;
            runner.warn(done->warnings());
            printHealth(&runner, static_cast<SentrySessionsJob *>(done), asJson);
            runner.done(ExitOk);
        });
    } else {
        runVerdict(&runner, projects, parser.value(environment), releaseName(parser.value(release)),
                   releaseName(parser.value(previous)), asJson);
    }
    QCoreApplication::exec();
    return runner.m_code;
}

} // namespace Shipdeck::Cli
