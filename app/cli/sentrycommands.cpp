#include "sentrycommands.h"

#include "exitcodes.h"
#include "keychaintoken.h"

#include "sentry/releaseverdict.h"
#include "sentry/releaseverdictjob.h"
#include "sentry/sentryclient.h"
#include "settings/settingsstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QTextStream>
#include <QTimeZone>

#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
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

/// A bound for a message: "0.1", "1000000".
QString plain(double value)
{
    return QString::number(value, 'f', QLocale::FloatingPointShortest);
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
                const QString &previous, const VerdictThresholds &thresholds, bool json)
{
    ReleaseVerdictJob *job = ReleaseVerdictJob::start(runner->m_client, projects, environment, release, previous,
                                                      thresholds, runner->m_client);
    QObject::connect(job, &ReleaseVerdictJob::parseWarnings, runner->m_client,
                     [runner](const ParseWarnings &warnings) { runner->warn(warnings); });
    QObject::connect(
        job, &ReleaseVerdictJob::finished, runner->m_client, [runner, thresholds, json](ReleaseVerdictJob *done) {
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
                                std::isfinite(verdict.ratio) ? QJsonValue(verdict.ratio)
                                                             : QJsonValue(QJsonValue::Null)},
                               {u"errors_per_minute"_s, verdict.errorsPerMinute},
                               {u"previous_errors_per_minute"_s, verdict.previousErrorsPerMinute},
                               {u"normalised_by_sessions"_s, verdict.normalisedBySessions},
                               {u"minutes_since_deploy"_s, verdict.minutesSinceDeploy},
                               {u"crash_free_sessions"_s, optionalNumber(done->currentWindow().crashFreeRate)},
                               {u"reasons"_s, QJsonArray::fromStringList(verdict.reasons)},
                               {u"summary"_s, verdict.summary},
                               {u"thresholds"_s,
                                QJsonObject {{u"max_errors_per_minute"_s, thresholds.maxErrorsPerMinute},
                                             {u"max_ratio"_s, thresholds.maxRatio},
                                             {u"crash_free_floor"_s, thresholds.crashFreeFloor},
                                             {u"min_minutes"_s, thresholds.minMinutes}}},
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
    const QCommandLineOption demo(u"demo"_s, Tr::tr("Use the demo workspace (chosen by the caller)."));
    const QCommandLineOption maxErrors(u"max-errors"_s, Tr::tr("verdict: errors per minute that count as bad."),
                                       u"n"_s);
    const QCommandLineOption maxRatio(
        u"max-ratio"_s, Tr::tr("verdict: times the previous release's error rate that count as bad."), u"r"_s);
    const QCommandLineOption crashFreeFloor(u"crash-free-floor"_s,
                                            Tr::tr("verdict: crash-free sessions below this percentage are critical."),
                                            u"percent"_s);
    parser.addOptions({url, org, project, release, previous, environment, range, interval, json, demo, maxErrors,
                       maxRatio, crashFreeFloor});
    for (const QString &argument : arguments.mid(1)) {
        if (argument.startsWith(u"--token"_s) || argument.startsWith(u"--auth-token"_s))
            return fail(ExitUsage, Tr::tr("Pass the token in SHIPDECK_SENTRY_TOKEN, not on the command line."));
    }
    if (!parser.parse(arguments))
        return fail(ExitUsage, parser.errorText());
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1 || !isSentryCommand(positional.first()))
        return fail(ExitUsage, Tr::tr("Expected one command: errors, health or verdict."));
    const QString command = positional.first();

    // The configured connection and thresholds fill in what the flags leave out. Sentry counts as configured once an
    // organization, a project or another region than the default was saved.
    std::optional<SentrySettings> configured;
    VerdictThresholds thresholds;
    if (io.workspace) {
        const SettingsStore settings(*io.workspace);
        const SentrySettings sentry = settings.sentry();
        if (!sentry.organization.trimmed().isEmpty() || !sentry.projects.isEmpty()
            || sentry.region != SentrySettings().region)
            configured = sentry;
        thresholds = settings.thresholds();
    }
    QUrl base;
    if (parser.isSet(url)) {
        base = QUrl(parser.value(url), QUrl::StrictMode);
        if (!isHttpUrl(base))
            return fail(ExitUsage, Tr::tr("--sentry-url must be an http(s) URL."));
    } else if (configured) {
        base = configured->apiBaseUrl();
        if (!isHttpUrl(base))
            return fail(ExitUsage,
                        Tr::tr("the configured Sentry server “%1” is not an http(s) URL: fix it in Shipdeck "
                               "(Settings → Sentry) or pass --sentry-url")
                            .arg(base.toDisplayString()));
    } else {
        return fail(ExitUsage,
                    Tr::tr("no Sentry connection: configure one in Shipdeck (Settings → Sentry) or pass "
                           "--sentry-url"));
    }
    const QString organization = parser.isSet(org) ? parser.value(org).trimmed()
        : configured                               ? configured->organization.trimmed()
                                                   : QString();
    if (organization.isEmpty())
        return fail(ExitUsage, Tr::tr("--org is required."));
    const QStringList projects
        = parser.isSet(project) ? parser.values(project) : (configured ? configured->projects : QStringList());
    const QString environmentName = parser.isSet(environment) ? parser.value(environment)
        : configured                                          ? configured->environment
                                                              : QString();

    // Thresholds: each flag overrides the configured value; out of the bounds VerdictThresholds::bounded() keeps,
    // a number is refused rather than silently changed.
    auto readThreshold
        = [&parser](const QCommandLineOption &option, double scale, double *value, double low, double high) {
              if (!parser.isSet(option))
                  return true;
              bool ok = false;
              const double number = parser.value(option).trimmed().toDouble(&ok) / scale;
              if (!ok || !std::isfinite(number) || number < low || number > high)
                  return false;
              *value = number;
              return true;
          };
    {
        VerdictThresholds lowest, highest;
        lowest.maxErrorsPerMinute = lowest.maxRatio = lowest.crashFreeFloor = std::numeric_limits<double>::lowest();
        highest.maxErrorsPerMinute = highest.maxRatio = highest.crashFreeFloor = std::numeric_limits<double>::max();
        lowest = lowest.bounded();
        highest = highest.bounded();
        if (!readThreshold(maxErrors, 1, &thresholds.maxErrorsPerMinute, lowest.maxErrorsPerMinute,
                           highest.maxErrorsPerMinute))
            return fail(ExitUsage,
                        Tr::tr("Invalid --max-errors “%1”; use a number of errors per minute from %2 to %3.")
                            .arg(parser.value(maxErrors))
                            .arg(plain(lowest.maxErrorsPerMinute))
                            .arg(plain(highest.maxErrorsPerMinute)));
        if (!readThreshold(maxRatio, 1, &thresholds.maxRatio, lowest.maxRatio, highest.maxRatio))
            return fail(ExitUsage,
                        Tr::tr("Invalid --max-ratio “%1”; use a number from %2 to %3.")
                            .arg(parser.value(maxRatio))
                            .arg(plain(lowest.maxRatio))
                            .arg(plain(highest.maxRatio)));
        if (!readThreshold(crashFreeFloor, 100, &thresholds.crashFreeFloor, lowest.crashFreeFloor,
                           highest.crashFreeFloor))
            return fail(ExitUsage,
                        Tr::tr("Invalid --crash-free-floor “%1”; use a percentage from %2 to %3.")
                            .arg(parser.value(crashFreeFloor))
                            .arg(plain(lowest.crashFreeFloor * 100))
                            .arg(plain(highest.crashFreeFloor * 100)));
    }

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

    QString token = io.token;
    if (token.isEmpty() && !io.workspace)
        return fail(ExitAuth, Tr::tr("No Sentry token: set SHIPDECK_SENTRY_TOKEN."));
    if (token.isEmpty()) {
        const KeychainToken saved = readKeychainToken(*io.workspace, SecretStore::Key::SentryToken);
        switch (saved.result) {
        case KeychainToken::Result::Found:
            token = saved.value;
            break;
        case KeychainToken::Result::NotSet:
            return fail(
                ExitAuth,
                Tr::tr("No Sentry token: save one in Shipdeck (Settings → Sentry) or set SHIPDECK_SENTRY_TOKEN."));
        case KeychainToken::Result::NoKeychain:
            return fail(ExitAuth,
                        Tr::tr("No Sentry token: no keychain is available to read it from; set "
                               "SHIPDECK_SENTRY_TOKEN."));
        case KeychainToken::Result::Refused:
            return fail(ExitAuth,
                        Tr::tr("No Sentry token: the keychain refused (%1); set SHIPDECK_SENTRY_TOKEN.")
                            .arg(QString(saved.error).replace(u'\n', u' ').simplified()));
        case KeychainToken::Result::TimedOut:
            return fail(ExitAuth, Tr::tr("No Sentry token: the keychain did not answer; set SHIPDECK_SENTRY_TOKEN."));
        }
    }

    std::unique_ptr<QNetworkAccessManager> ownNam;
    QNetworkAccessManager *nam = io.nam;
    if (!nam) {
        ownNam = std::make_unique<QNetworkAccessManager>();
        nam = ownNam.get();
    }
    SentryClient client(nam, base, organization, token);
    Runner runner(io, &client);
    const bool asJson = parser.isSet(json);

    if (command == "errors"_L1) {
        ErrorSeriesQuery query;
        query.projects = projects;
        query.environment = environmentName;
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
        query.environment = environmentName;
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
        runVerdict(&runner, projects, environmentName, releaseName(parser.value(release)),
                   releaseName(parser.value(previous)), thresholds, asJson);
    }
    QCoreApplication::exec();
    return runner.m_code;
}

} // namespace Shipdeck::Cli
