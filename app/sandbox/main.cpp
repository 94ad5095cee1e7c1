// shipdeck-sandbox: a local GitLab REST v4 + Sentry API server driven by a scripted rollout scenario.
// See `shipdeck-sandbox --help` (options.cpp) for the scenario, the URL layout, tokens, faults and controls.
#include "options.h"
#include "sandbox.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#include <unistd.h>
#endif

using namespace Shipdeck::Sandbox;

namespace {

void writeLine(FILE *stream, const QByteArray &line)
{
    std::fwrite(line.constData(), 1, size_t(line.size()), stream);
    std::fputc('\n', stream);
    std::fflush(stream);
}

#ifdef Q_OS_UNIX
int signalPipe[2] = {-1, -1};

void onSignal(int signalNumber)
{
    const char byte = char(signalNumber);
    [[maybe_unused]] const auto written = ::write(signalPipe[1], &byte, 1);
}
#endif

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("shipdeck-sandbox"));

    const ParsedOptions parsed = parseOptions(QCoreApplication::arguments());
    switch (parsed.action) {
    case ParsedOptions::Action::Help:
    case ParsedOptions::Action::Version:
        writeLine(stdout, parsed.message.toUtf8());
        return 0;
    case ParsedOptions::Action::Error:
        writeLine(stderr, "shipdeck-sandbox: " + parsed.message.toUtf8() + "\nTry shipdeck-sandbox --help.");
        return 2;
    case ParsedOptions::Action::Run:
        break;
    }

#ifdef Q_OS_UNIX
    // SIGTERM/SIGINT end the event loop through a self-pipe, so that shutdown runs outside the signal handler.
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0) {
        writeLine(stderr, "shipdeck-sandbox: cannot create the signal pipe");
        return 1;
    }
    QSocketNotifier notifier(signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, [] {
        char byte = 0;
        [[maybe_unused]] const auto bytes = ::read(signalPipe[0], &byte, 1);
        QCoreApplication::quit();
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);
    std::signal(SIGPIPE, SIG_IGN);
#endif

    Sandbox sandbox(parsed.options);
    QString error;
    if (!sandbox.start(&error)) {
        writeLine(stderr, "shipdeck-sandbox: " + error.toUtf8());
        return 1;
    }
    writeLine(stdout, QJsonDocument(sandbox.connectionInfo()).toJson(QJsonDocument::Compact));
    if (!parsed.quiet) {
        const QJsonObject info = sandbox.connectionInfo();
        writeLine(stdout,
                  "GitLab  "
                      + info.value(QStringLiteral("gitlab_url")).toString().toUtf8() + "/api/v4  token "
                                   + info.value(QStringLiteral("gitlab_token")).toString().toUtf8());
        writeLine(stdout,
                  "Sentry  "
                      + info.value(QStringLiteral("sentry_url")).toString().toUtf8() + "/api/0  token "
                                   + info.value(QStringLiteral("sentry_token")).toString().toUtf8());
        writeLine(stdout,
                  "Control " + info.value(QStringLiteral("control_url")).toString().toUtf8() + "/state  (see --help)");
        QObject::connect(&sandbox, &Sandbox::logLine, &app,
                         [](const QString &line) { writeLine(stdout, line.toUtf8()); });
    }
    const int code = QCoreApplication::exec();
    return code;
}
