#include "gitlabcommands.h"

#include "exitcodes.h"

#include "gitlab/gitlabclient.h"
#include "gitlab/gitlabparse.h"
#include "net/networkaccess.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTextStream>

#include <functional>
#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace Shipdeck {

using namespace Cli;

namespace {

struct GitLabCli
{
    Q_DECLARE_TR_FUNCTIONS(GitLabCli)
};

QString oneLine(QString text)
{
    text.replace(u'\n', u' ');
    return text.simplified();
}

QString iso(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODate) : QString();
}

QJsonObject toJson(const Pipeline &p)
{
    return QJsonObject {{u"id"_s, p.id},
                        {u"iid"_s, p.iid},
                        {u"status"_s, pipelineStatusKey(p.status)},
                        {u"ref"_s, p.ref},
                        {u"sha"_s, p.sha},
                        {u"source"_s, p.source},
                        {u"created_at"_s, iso(p.createdAt)},
                        {u"updated_at"_s, iso(p.updatedAt)},
                        {u"web_url"_s, p.webUrl}};
}

QJsonObject toJson(const Job &j)
{
    return QJsonObject {{u"id"_s, j.id},
                        {u"pipeline_id"_s, j.pipelineId},
                        {u"name"_s, j.name},
                        {u"stage"_s, j.stage},
                        {u"status"_s, pipelineStatusKey(j.status)},
                        {u"failure_reason"_s, j.failureReason},
                        {u"duration"_s, j.duration},
                        {u"allow_failure"_s, j.allowFailure},
                        {u"manual"_s, j.manual},
                        {u"retryable"_s, GitLab::isRetryable(j)}};
}

QJsonObject toJson(const Environment &e)
{
    return QJsonObject {{u"id"_s, e.gitlabId},
                        {u"name"_s, e.name},
                        {u"tier"_s, e.tier},
                        {u"state"_s, e.state},
                        {u"external_url"_s, e.externalUrl}};
}

QJsonObject toJson(const Deployment &d)
{
    return QJsonObject {{u"id"_s, d.id},
                        {u"iid"_s, d.iid},
                        {u"environment"_s, d.environment},
                        {u"status"_s, d.status},
                        {u"ref"_s, d.ref},
                        {u"sha"_s, d.sha},
                        {u"user"_s, d.user},
                        {u"created_at"_s, iso(d.createdAt)},
                        {u"finished_at"_s, iso(d.finishedAt)},
                        {u"deployable_job_id"_s, d.deployableJobId},
                        {u"retryable"_s, GitLab::isRetryable(d)}};
}

/// Jobs in stage order (the stage of the lowest job id first), then by id.
QList<Job> sortedByStage(QList<Job> jobs)
{
    QHash<QString, qint64> firstId;
    for (const Job &j : jobs) {
        auto it = firstId.find(j.stage);
        if (it == firstId.end() || j.id < *it)
            firstId.insert(j.stage, j.id);
    }
    std::stable_sort(jobs.begin(), jobs.end(), [&](const Job &a, const Job &b) {
        const qint64 sa = firstId.value(a.stage), sb = firstId.value(b.stage);
        return sa != sb ? sa < sb : a.id < b.id;
    });
    return jobs;
}

} // namespace

bool isGitLabCommand(const QString &command)
{
    static const QStringList commands {u"pipelines"_s, u"jobs"_s, u"environments"_s, u"deployments"_s};
    return commands.contains(command);
}

int runGitLabCommand(const QString &command, const QStringList &arguments, QTextStream &out, QTextStream &err,
                     const QProcessEnvironment &environment)
{
    auto fail = [&err](int code, const QString &message) {
        err << "shipdeck-cli: " << oneLine(message) << Qt::endl;
        return code;
    };
    if (!isGitLabCommand(command))
        return fail(ExitUsage, GitLabCli::tr("unknown command: %1").arg(command));

    QCommandLineParser parser;
    const QCommandLineOption urlOption(u"gitlab-url"_s, GitLabCli::tr("GitLab instance URL."), u"URL"_s);
    const QCommandLineOption projectOption(u"project"_s, GitLabCli::tr("Project path or id."), u"PROJECT"_s);
    const QCommandLineOption refOption(u"ref"_s, GitLabCli::tr("Only this ref."), u"REF"_s);
    const QCommandLineOption statusOption(u"status"_s, GitLabCli::tr("Only this status."), u"STATUS"_s);
    const QCommandLineOption limitOption(u"limit"_s, GitLabCli::tr("At most N items."), u"N"_s, u"20"_s);
    const QCommandLineOption environmentOption(u"environment"_s, GitLabCli::tr("The environment."), u"NAME"_s);
    const QCommandLineOption jsonOption(u"json"_s, GitLabCli::tr("JSON output."));
    parser.addOptions({urlOption, projectOption, refOption, statusOption, limitOption, environmentOption, jsonOption});
    for (const QString &argument : arguments) {
        if (argument.startsWith(u"--token"_s) || argument.startsWith(u"--private-token"_s))
            return fail(ExitUsage, GitLabCli::tr("pass the token in SHIPDECK_GITLAB_TOKEN, not on the command line"));
    }
    if (!parser.parse(QStringList {command} + arguments))
        return fail(ExitUsage, parser.errorText());

    const QUrl url(parser.value(urlOption), QUrl::StrictMode);
    if (!parser.isSet(urlOption) || !url.isValid() || url.isRelative())
        return fail(ExitUsage, GitLabCli::tr("--gitlab-url URL is required (e.g. https://gitlab.example.com)"));
    const QString project = parser.value(projectOption).trimmed();
    if (project.isEmpty())
        return fail(ExitUsage, GitLabCli::tr("--project is required (a path such as group/project, or an id)"));
    bool limitOk = false;
    const int limit = parser.value(limitOption).toInt(&limitOk);
    if (!limitOk || limit < 1 || limit > 1000)
        return fail(ExitUsage, GitLabCli::tr("--limit must be a number from 1 to 1000"));
    const QStringList positional = parser.positionalArguments(); // parse() took the command as argv[0]
    const bool json = parser.isSet(jsonOption);

    qint64 pipelineId = 0;
    if (command == "jobs"_L1) {
        bool ok = false;
        pipelineId = positional.value(0).toLongLong(&ok);
        if (positional.size() != 1 || !ok || pipelineId <= 0)
            return fail(ExitUsage, GitLabCli::tr("usage: jobs PIPELINE_ID [--json]"));
    } else if (!positional.isEmpty()) {
        return fail(ExitUsage, GitLabCli::tr("unexpected argument: %1").arg(positional.first()));
    }
    if (command == "deployments"_L1 && parser.value(environmentOption).isEmpty())
        return fail(ExitUsage, GitLabCli::tr("usage: deployments --environment NAME [--limit N] [--json]"));

    const QString token = environment.value(u"SHIPDECK_GITLAB_TOKEN"_s);
    if (token.isEmpty())
        return fail(ExitAuth, GitLabCli::tr("no token: set SHIPDECK_GITLAB_TOKEN"));

    QObject context;
    QNetworkAccessManager *nam = createNetworkAccessManager(&context);
    auto *client = new GitLabClient(nam, url, project, token, &context);

    int exitCode = ExitOk;
    QJsonArray items;
    // Runs one paged job; on success @p print gets its items.
    std::function<void(const QJsonArray &)> print;
    PagedApiJob *job = nullptr;
    if (command == "pipelines"_L1) {
        PipelineQuery query;
        query.ref = parser.value(refOption);
        query.status = parser.value(statusOption);
        query.orderBy = u"id"_s;
        query.perPage = std::min(limit, 100);
        query.maxPages = (limit + 99) / 100;
        job = client->pipelines(query);
        print = [&](const QJsonArray &array) {
            const QList<Pipeline> list = GitLab::parsePipelines(array).mid(0, limit);
            for (const Pipeline &p : list) {
                if (json)
                    items.append(toJson(p));
                else
                    out << p.id << '\t' << pipelineStatusKey(p.status) << '\t' << p.ref << '\t' << p.sha.left(8) << '\t'
                        << iso(p.createdAt) << '\n';
            }
        };
    } else if (command == "jobs"_L1) {
        job = client->pipelineJobs(pipelineId);
        print = [&](const QJsonArray &array) {
            QString stage;
            for (const Job &j : sortedByStage(GitLab::parseJobs(array))) {
                if (json) {
                    items.append(toJson(j));
                    continue;
                }
                if (j.stage != stage) {
                    stage = j.stage;
                    out << stage << ":\n";
                }
                out << "  " << j.id << '\t' << pipelineStatusKey(j.status) << '\t' << j.name;
                if (!j.failureReason.isEmpty())
                    out << '\t' << j.failureReason;
                out << '\n';
            }
        };
    } else if (command == "environments"_L1) {
        job = client->environments();
        print = [&](const QJsonArray &array) {
            for (const Environment &e : GitLab::parseEnvironments(array)) {
                if (json)
                    items.append(toJson(e));
                else
                    out << e.gitlabId << '\t' << e.name << '\t' << e.tier << '\t' << e.state << '\n';
            }
        };
    } else {
        DeploymentQuery query;
        query.environment = parser.value(environmentOption);
        query.perPage = std::min(limit, 100);
        query.maxPages = (limit + 99) / 100;
        job = client->deployments(query);
        print = [&](const QJsonArray &array) {
            for (const Deployment &d : GitLab::parseDeployments(array, query.environment).mid(0, limit)) {
                if (json)
                    items.append(toJson(d));
                else
                    out << d.id << '\t' << d.status << '\t' << d.ref << '\t' << d.sha.left(8) << '\t'
                        << iso(d.createdAt) << '\n';
            }
        };
    }

    QObject::connect(job, &PagedApiJob::finished, &context, [&](PagedApiJob *finished) {
        if (finished->hasError()) {
            exitCode = exitCodeFor(finished->error());
            fail(exitCode, finished->error().message);
        } else {
            print(finished->items());
            if (json)
                out << QJsonDocument(items).toJson(QJsonDocument::Indented);
            out.flush();
        }
        QCoreApplication::exit(exitCode);
    });
    // Start from the event loop, so that finished() always arrives inside exec().
    QMetaObject::invokeMethod(job, &PagedApiJob::start, Qt::QueuedConnection);
    QCoreApplication::exec();
    return exitCode;
}

} // namespace Shipdeck
