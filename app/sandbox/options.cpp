#include "options.h"

#include "apiutil.h"

#include <QCommandLineParser>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace Shipdeck::Sandbox {

QString helpText()
{
    return uR"(Usage: shipdeck-sandbox [options]

A local GitLab REST v4 + Sentry API server driven by a scripted rollout scenario, for the Shipdeck demo
and integration tests. Listens on 127.0.0.1 only.

Options:
  --port N               Port to listen on (default 0: a free port).
  --seed N               Scenario seed (default 1). Same seed, same data: commit SHAs, job durations,
                         merge requests per release, traffic and error noise.
  --speed F              Scenario seconds per real second (default 1; 60 = one scenario minute per real
                         second; 0 = the clock only moves through POST /_sandbox/advance).
  --start-time ISO       Scenario time at start-up (default: now, truncated to the minute). With a fixed
                         start time and seed every response is reproducible.
  --gitlab-token T       GitLab token to accept (default: glpat-… derived from the seed).
  --sentry-token T       Sentry token to accept (default: sntryu_… derived from the seed).
  --fault SPEC           Add a fault rule (repeatable), see Faults.
  --sentry-grouped-timeseries-500
                         Answer grouped (topEvents) events-timeseries queries with HTTP 500, as sentry.io
                         does for the errors dataset, to exercise the events-stats fallback.
  --quiet                Print only the first (JSON) line; no event log.
  -h, --help             Show this help.
  --version              Show the version.

Output:
  The FIRST stdout line is one JSON object (flushed at once):
    {"gitlab_url", "gitlab_token", "gitlab_project", "gitlab_project_id", "sentry_url", "sentry_token",
     "sentry_org", "sentry_projects", "environments", "control_url", "seed", "speed", "start_time",
     "rollout": {"version", "tag", "sentry_release", "previous_version", "previous_sentry_release"},
     "sentry_release_format"}
  Human-readable event lines follow ("[2026-08-20 10:12:00] job #8934 deploy-staging success").
  SIGTERM or SIGINT stop the server; the exit code is then 0.

URL layout (one port; clients must support a base-URL path prefix):
  http://127.0.0.1:PORT/gitlab                 gitlab_url; the API is at /gitlab/api/v4/...
  http://127.0.0.1:PORT/sentry                 sentry_url; the API is at /sentry/api/0/...
  http://127.0.0.1:PORT/_sandbox               control endpoints (no token, never faulted)

Authentication (as the real services answer):
  GitLab: PRIVATE-TOKEN: T, Authorization: Bearer T, or ?private_token=T.
          Otherwise 401 {"message":"401 Unauthorized"}.
  Sentry: Authorization: Bearer T. Otherwise 401 {"detail":"Authentication credentials were not provided."}
          or {"detail":"Invalid token"}.

Scenario:
  GitLab project acme/storefront (id 42) with environments staging and production; Sentry organization
  acme with projects storefront and storefront-api; Sentry releases are named storefront@X.Y.Z, GitLab
  tags vX.Y.Z. Five weeks of history: releases 1.2.0 to 1.6.1 with merged merge requests (commits carry
  Changelog trailers), release notes, pipelines (build -> test -> deploy-staging -> deploy-production) and
  deployments; milestones 1.2 to 1.9 (1.7 due tomorrow, 1.8 and 1.9 planned), and deploy freezes (every
  weekend, Friday 18:00 to Monday 08:00 UTC, and the year end).
  At start-up release 1.7.0 is rolling out: its pipeline on main was created a minute ago; build, test and
  deploy-staging run on the scenario clock (about 10 scenario minutes), then deploy-production waits as a
  manual job (POST /projects/42/jobs/ID/play). Once 1.7.0 is deployed to production its error rate rises
  about tenfold and crash-free sessions drop to ~93 %, for that release in production only. Rolling back =
  retrying the production deploy job of the previous successful deployment (POST /jobs/ID/retry, as
  GitLab's "Rollback environment" does): a new job and a new deployment on the old commit; when it
  finishes, production runs 1.6.1 again and errors return to the baseline. CI also records Sentry
  releases (after build) and deploys (after each deploy job). Everything changed through the API
  (play, retry, cancel, releases, deploys) is kept.

Faults (--fault and POST /_sandbox/faults):
  Kinds: latency, 401, 403, 404, 429, 500, 502, 503, malformed, truncate, reset, stall.
    latency    answer normally after delay ms
    401..503   the service's own error body (GitLab 429: text "Retry later" with Retry-After and
               RateLimit-*; Sentry 429: {"detail": …} with X-Sentry-Rate-Limit-*, no Retry-After;
               502/503: an nginx HTML page)
    malformed  the real status and headers with a body that is not valid JSON
    truncate   Content-Length of the full body, half of the body sent, then the connection closes
    reset      the connection is reset (TCP RST) without an answer
    stall      no answer; the connection stays open until the client gives up
  Spec: KIND[:ARG][,key=value...] or a JSON object. ARG is the delay in ms for latency and the
  Retry-After seconds for 429. Keys: path=GLOB (on the request path as sent, '*' also matches '/'),
  regex=RE (path), query=GLOB (raw query string), method=GET, service=gitlab|sentry, count=N
  (occurrences, default unlimited), delay=MS (added to any kind), retry_after=S.
  A rule without path, regex, query or service applies to every API request. The first matching
  rule applies.
  Examples:
    --fault 503,path=/gitlab/*,count=2
    --fault latency:800,service=sentry
    --fault 429:3,path=*/pipelines
    --fault '{"kind":"truncate","regex":"/jobs/\\d+$","count":1}'
  JSON fields: kind, path, regex, query, method, service, count, delay_ms, retry_after.

Control endpoints:
  GET    /_sandbox/state        clock, rollout pipeline and jobs, what runs where, faults
  POST   /_sandbox/advance      {"seconds": N} or {"minutes": N}: move the scenario clock forward
  POST   /_sandbox/speed        {"speed": F}
  POST   /_sandbox/push         {"ref": "feature/x", "title": "…", "fail": true, "deploy": false}: a new
                                commit on ref and its pipeline (build -> test, with "deploy" also
                                deploy-staging -> manual deploy-production) created at the current scenario
                                time, as the token's user; with "fail" its test job fails. Answers 201
                                {"pipeline_id", "ref", "sha", "title", "fail", "deploy", "status"}
  GET    /_sandbox/faults       active fault rules
  POST   /_sandbox/faults       a rule, an array of rules, or {"faults": [...]}; answers the rules with ids
  DELETE /_sandbox/faults       clear all rules; DELETE /_sandbox/faults/ID clears one
  GET    /_sandbox/requests     the last 500 requests (method, path, query, status, fault)
  DELETE /_sandbox/requests     forget them
  GET    /_sandbox/info         the start-up JSON object
)"_s;
}

ParsedOptions parseOptions(const QStringList &arguments)
{
    ParsedOptions parsed;
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({u"h"_s, u"help"_s}, u"Show this help."_s);
    const QCommandLineOption version(u"version"_s, u"Show the version."_s);
    const QCommandLineOption port(u"port"_s, u"Port."_s, u"N"_s, u"0"_s);
    const QCommandLineOption seed(u"seed"_s, u"Seed."_s, u"N"_s, u"1"_s);
    const QCommandLineOption speed(u"speed"_s, u"Speed."_s, u"F"_s, u"1"_s);
    const QCommandLineOption startTime(u"start-time"_s, u"Start time."_s, u"ISO"_s);
    const QCommandLineOption gitLabToken(u"gitlab-token"_s, u"GitLab token."_s, u"T"_s);
    const QCommandLineOption sentryToken(u"sentry-token"_s, u"Sentry token."_s, u"T"_s);
    const QCommandLineOption fault(u"fault"_s, u"Fault."_s, u"SPEC"_s);
    const QCommandLineOption grouped(u"sentry-grouped-timeseries-500"_s, u"Grouped timeseries fail."_s);
    const QCommandLineOption quiet(u"quiet"_s, u"Quiet."_s);
    parser.addOptions({help, version, port, seed, speed, startTime, gitLabToken, sentryToken, fault, grouped, quiet});

    auto fail = [&parsed](const QString &message) {
        parsed.action = ParsedOptions::Action::Error;
        parsed.message = message;
        return parsed;
    };
    if (!parser.parse(arguments))
        return fail(parser.errorText());
    if (parser.isSet(help)) {
        parsed.action = ParsedOptions::Action::Help;
        parsed.message = helpText();
        return parsed;
    }
    if (parser.isSet(version)) {
        parsed.action = ParsedOptions::Action::Version;
        parsed.message = u"shipdeck-sandbox 0.1.0"_s;
        return parsed;
    }
    if (!parser.positionalArguments().isEmpty())
        return fail(u"unexpected argument: "_s + parser.positionalArguments().first());

    bool ok = false;
    const uint portValue = parser.value(port).toUInt(&ok);
    if (!ok || portValue > 65535)
        return fail(u"--port must be 0..65535"_s);
    parsed.options.port = quint16(portValue);
    parsed.options.seed = parser.value(seed).toULongLong(&ok);
    if (!ok)
        return fail(u"--seed must be a non-negative integer"_s);
    parsed.options.speed = parser.value(speed).toDouble(&ok);
    if (!ok || parsed.options.speed < 0 || !std::isfinite(parsed.options.speed))
        return fail(u"--speed must be a number >= 0"_s);
    if (parser.isSet(startTime)) {
        parsed.options.start = parseIso(parser.value(startTime));
        if (!parsed.options.start.isValid())
            return fail(u"--start-time must be an ISO 8601 date-time"_s);
    }
    parsed.options.gitLabToken = parser.value(gitLabToken);
    parsed.options.sentryToken = parser.value(sentryToken);
    parsed.options.groupedTimeseriesFails = parser.isSet(grouped);
    for (const QString &spec : parser.values(fault)) {
        QString error;
        const std::optional<FaultRule> rule = FaultRule::fromSpec(spec, &error);
        if (!rule)
            return fail(u"--fault %1: %2"_s.arg(spec, error));
        parsed.options.faults.append(*rule);
    }
    parsed.quiet = parser.isSet(quiet);
    return parsed;
}

} // namespace Shipdeck::Sandbox
