#include "gitlabcommands.h"

#include "exitcodes.h"
#include "keychaintoken.h"

#include "gitlab/gitlabclient.h"
#include "gitlab/gitlabparse.h"
#include "net/networkaccess.h"
#include "settings/settingsstore.h"

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
    GitLabCommandIo io;
    io.out = &out;
    io.err = &err;
    io.environment = environment;
    return runGitLabCommand(command, arguments, io);
}

int runGitLabCommand(const QString &command, const QStringList &arguments, const GitLabCommandIo &io)
{
    QTextStream defaultOut(stdout), defaultErr(stderr);
    QTextStream &out = io.out ? *io.out : defaultOut;
    QTextStream &err = io.err ? *io.err : defaultErr;
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
    // The workspace is chosen by the caller (shipdeck-cli --demo); accepted after the command as well.
    const QCommandLineOption demoOption(u"demo"_s, GitLabCli::tr("Use the demo workspace."));
    parser.addOptions(
        {urlOption, projectOption, refOption, statusOption, limitOption, environmentOption, jsonOption, demoOption});
    for (const QString &argument : arguments) {
        if (argument.startsWith(u"--token"_s) || argument.startsWith(u"--private-token"_s))
            return fail(ExitUsage, GitLabCli::tr("pass the token in SHIPDECK_GITLAB_TOKEN, not on the command line"));
    }
    if (!parser.parse(QStringList {command} + arguments))
        return fail(ExitUsage, parser.errorText());

    // The configured connection fills in what the flags leave out. GitLab counts as configured once a project or
    // another server than the default was saved (an untouched settings file has gitlab.com and no project).
    std::optional<GitLabSettings> configured;
    if (io.workspace) {
        const GitLabSettings settings = SettingsStore(*io.workspace).gitLab();
        if (!settings.project.trimmed().isEmpty() || settings.baseUrl != GitLabSettings::defaultBaseUrl())
            configured = settings;
    }
    QUrl url;
    if (parser.isSet(urlOption)) {
        url = QUrl(parser.value(urlOption), QUrl::StrictMode);
        if (!isHttpUrl(url))
            return fail(ExitUsage,
                        GitLabCli::tr("--gitlab-url must be an http(s) URL (e.g. https://gitlab.example.com)"));
    } else if (configured) {
        url = configured->baseUrl;
        if (!isHttpUrl(url))
            return fail(ExitUsage,
                        GitLabCli::tr("the configured GitLab URL “%1” is not an http(s) URL: fix it in "
                                      "Shipdeck (Settings → GitLab) or pass --gitlab-url")
                            .arg(url.toDisplayString()));
    } else {
        return fail(ExitUsage,
                    GitLabCli::tr("no GitLab connection: configure one in Shipdeck (Settings → GitLab) or "
                                  "pass --gitlab-url"));
    }
    const QString project = parser.isSet(projectOption) ? parser.value(projectOption).trimmed()
        : configured                                    ? configured->project.trimmed()
                                                        : QString();
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

    QString token = io.environment.value(u"SHIPDECK_GITLAB_TOKEN"_s);
    if (token.isEmpty() && !io.workspace)
        return fail(ExitAuth, GitLabCli::tr("no token: set SHIPDECK_GITLAB_TOKEN"));
    if (token.isEmpty()) {
        const KeychainToken saved = readKeychainToken(*io.workspace, SecretStore::Key::GitLabToken);
        switch (saved.result) {
        case KeychainToken::Result::Found:
            token = saved.value;
            break;
        case KeychainToken::Result::NotSet:
            return fail(ExitAuth,
                        GitLabCli::tr("no token: save one in Shipdeck (Settings → GitLab) or set "
                                      "SHIPDECK_GITLAB_TOKEN"));
        case KeychainToken::Result::NoKeychain:
            return fail(ExitAuth,
                        GitLabCli::tr("no token: no keychain is available to read it from; set "
                                      "SHIPDECK_GITLAB_TOKEN"));
        case KeychainToken::Result::Refused:
            return fail(
                ExitAuth,
                GitLabCli::tr("no token: the keychain refused (%1); set SHIPDECK_GITLAB_TOKEN").arg(saved.error));
        case KeychainToken::Result::TimedOut:
            return fail(ExitAuth, GitLabCli::tr("no token: the keychain did not answer; set SHIPDECK_GITLAB_TOKEN"));
        }
    }

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
