// shipdeck-cli: the command-line front end over shipdeck_core (no widgets).
//
// Exit codes: 0 ok, 1 other failure, 2 usage, 3 authentication, 4 not found, 5 network or server error.
#include "exitcodes.h"
#include "gitlabcommands.h"
#include "sentrycommands.h"
#include "services/releasemanager.h"
#include "settings/workspace.h"
#include "shipdeck_version.h"
#include "storage/database.h"
#include "storage/stores.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <QTimeZone>
#include <QTranslator>

#include <cstdio>

using namespace Shipdeck;
using namespace Shipdeck::Cli;

namespace {

struct CliText
{
    Q_DECLARE_TR_FUNCTIONS(CliText)
};

int fail(int code, const QString &message)
{
    QTextStream(stderr) << "shipdeck-cli: " << message << Qt::endl;
    return code;
}

QJsonObject toJson(const Release &r)
{
    return QJsonObject {
        {QStringLiteral("id"), r.id},
         {QStringLiteral("version"), r.version},
          {QStringLiteral("title"), r.title},
           {QStringLiteral("planned_start"), r.plannedStart.toString(Qt::ISODate)},
            {QStringLiteral("planned_end"), r.plannedEnd.toString(Qt::ISODate)},
             {QStringLiteral("time_zone"), timeZoneId(r.plannedStart)},
              {QStringLiteral("environments"), QJsonArray::fromStringList(r.environments)},
               {QStringLiteral("status"), releaseStatusKey(r.status)},
                {QStringLiteral("owner"), r.owner},
                 {QStringLiteral("milestone"), r.milestone},
                  {QStringLiteral("tag"), r.tag},
                 };
}

int printReleases(const QList<Release> &releases, bool json);

/// `releases`: the planned and past releases of the workspace.
int listReleases(const Workspace &workspace, bool json)
{
    QList<Release> releases;
    // A workspace that was never opened has no database yet: it has no releases, and the CLI creates nothing.
    if (!QFileInfo::exists(workspace.databasePath()))
        return printReleases(releases, json);
    Database database(workspace.databasePath());
    try {
        // A command-line tool may wait for its one query.
        releases = database
                       .run([](QSqlDatabase &db) {
                           Database::migrate(db);
                           return ReleaseStore::loadAll(db);
                       })
                       .result();
    } catch (const DatabaseError &error) {
        return fail(ExitFailure, error.message());
    }
    return printReleases(releases, json);
}

int printReleases(const QList<Release> &releases, bool json)
{
    QTextStream out(stdout);
    if (json) {
        QJsonArray array;
        for (const Release &r : std::as_const(releases))
            array.append(toJson(r));
        out << QJsonDocument(array).toJson(QJsonDocument::Indented);
        return ExitOk;
    }
    for (const Release &r : std::as_const(releases)) {
        out << qSetFieldWidth(10) << Qt::left << r.version << qSetFieldWidth(0) << ' ' << qSetFieldWidth(12)
            << releaseStatusKey(r.status) << qSetFieldWidth(0) << ' ' << r.plannedStart.toString(Qt::ISODate) << "  "
            << r.title << Qt::endl;
    }
    if (releases.isEmpty())
        out << CliText::tr("No releases.") << Qt::endl;
    return ExitOk;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Shipdeck"));
    QCoreApplication::setApplicationName(QStringLiteral("shipdeck"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SHIPDECK_VERSION_STRING));
    // Messages in the user's language (and English plurals: "1 line", "2 lines").
    auto *translator = new QTranslator(&app);
    if (translator->load(QLocale(),
                         QStringLiteral("shipdeck"),
                                        QStringLiteral("_"), QStringLiteral(":/i18n"))
                                                       || translator->load(QStringLiteral("shipdeck_en"),
                                                                                          QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(translator);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        CliText::tr("Shipdeck on the command line.\n\n"
                    "Commands:\n"
                    "  releases                      List the releases of the workspace\n"
                    "  pipelines [--ref R] [--status S] [--limit N]\n"
                    "                                Recent pipelines of the GitLab project\n"
                    "  jobs PIPELINE_ID              The jobs of a pipeline, by stage\n"
                    "  environments                  Environments and what is deployed\n"
                    "  deployments --environment E   Deployments of an environment, newest "
                    "first\n"
                    "  errors [--release V] [--environment E] [--range 24h] [--interval 1h]\n"
                    "                                Error counts per interval from Sentry\n"
                    "  health [--release V]          Crash-free rates and session counts\n"
                    "  verdict --release V --previous W\n"
                    "                                The new release's error rate against the "
                    "previous one\n"
                    "        [--max-errors N] [--max-ratio R] [--crash-free-floor PERCENT]\n"
                    "                                Instead of the configured verdict thresholds\n\n"
                    "GitLab and Sentry commands use the connection configured in Shipdeck (with "
                    "--demo: the demo workspace's). GitLab flags override it one by one: --gitlab-url "
                    "URL, --project PATH_OR_ID; the token comes from the environment variable "
                    "SHIPDECK_GITLAB_TOKEN, else from the keychain. Sentry flags: --sentry-url URL, "
                    "--org ORG, --sentry-project P, --environment E; the token comes from "
                    "SHIPDECK_SENTRY_TOKEN, else from the keychain. Tokens are never taken from the "
                    "command line. Every command takes --json.\n\n"
                    "Exit codes: 0 ok, 1 failure, 2 usage, 3 authentication, 4 not found, "
                    "5 network or server error."));
    parser.addHelpOption();
    const QCommandLineOption version(QStringList {QStringLiteral("v"), QStringLiteral("version")},
                                                  CliText::tr("Print the Shipdeck and Qt versions."));
    const QCommandLineOption json(QStringLiteral("json"), CliText::tr("Print JSON for scripts."));
    const QCommandLineOption demo(QStringLiteral("demo"), CliText::tr("Use the demo workspace."));
    parser.addOptions({version, json, demo});
    parser.addPositionalArgument(QStringLiteral("command"), CliText::tr("The command to run."));
    // Everything after the command belongs to the command.
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);

    if (!parser.parse(QCoreApplication::arguments()))
        return fail(ExitUsage, parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return ExitOk;
    }
    if (parser.isSet(version)) {
        std::printf("shipdeck-cli %s\nQt %s\n", SHIPDECK_VERSION_STRING, qVersion());
        return ExitOk;
    }
    const QStringList args = parser.positionalArguments();
    if (args.isEmpty())
        return fail(ExitUsage, CliText::tr("No command given; see --help."));
    const QString command = args.first();
    const QStringList rest = args.mid(1);
    // --demo may come before or after the command; the connection commands take the workspace's settings and secrets.
    const bool useDemo = parser.isSet(demo) || rest.contains(QStringLiteral("--demo"));
    const Workspace workspace = useDemo ? Workspace::demo() : Workspace::standard();
    if (command == QLatin1StringView("releases")) {
        for (const QString &arg : rest) {
            if (arg != QLatin1StringView("--json") && arg != QLatin1StringView("--demo"))
                return fail(ExitUsage, CliText::tr("Unknown argument “%1” for releases; see --help.").arg(arg));
        }
        return listReleases(workspace, parser.isSet(json) || rest.contains(QStringLiteral("--json")));
    }
    if (isGitLabCommand(command)) {
        QTextStream out(stdout);
        QTextStream err(stderr);
        GitLabCommandIo io;
        io.out = &out;
        io.err = &err;
        io.workspace = workspace;
        return runGitLabCommand(command, parser.isSet(json) ? rest + QStringList {QStringLiteral("--json")} : rest, io);
    }
    // The Sentry commands parse their own options (--release, --sentry-url, …) from the whole command line.
    if (isSentryCommand(command)) {
        QTextStream out(stdout);
        QTextStream err(stderr);
        SentryCommandIo io;
        io.out = &out;
        io.err = &err;
        io.token = qEnvironmentVariable("SHIPDECK_SENTRY_TOKEN");
        io.workspace = workspace;
        QStringList arguments {QCoreApplication::arguments().value(0), command};
        arguments += rest;
        if (parser.isSet(json))
            arguments.append(QStringLiteral("--json"));
        return runSentryCommand(arguments, io);
    }
    return fail(ExitUsage, CliText::tr("Unknown command “%1”; see --help.").arg(command));
}
