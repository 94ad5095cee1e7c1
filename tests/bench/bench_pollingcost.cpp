// Polling cost: the requests per minute Shipdeck sends with its production settings, counted by the sandbox server
// (/_sandbox/requests), in two phases: while the rollout pipeline runs, and idle (the pipeline waits on the manual
// production deploy). The pipeline list, the environments and deployments, the error rates (1 h range: live mode)
// and the deploy markers all poll, as in the app. Each phase lasts SHIPDECK_BENCH_SECONDS (default 120) of real time,
// after a warm-up that lets the first cycles (full lists, pipeline details) finish.
#include "gitlab/environmentmonitor.h"
#include "gitlab/gitlabclient.h"
#include "gitlab/pipelinemonitor.h"
#include "sandboxprocess.h"
#include "sentry/errorratemonitor.h"
#include "sentry/sentryclient.h"
#include "services/connectionstatus.h"
#include "services/deploymarkerfeed.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QStandardPaths>
#include <QTextStream>
#include <QTimer>

#include <cstdio>

using namespace Shipdeck;
using namespace Qt::StringLiterals;

namespace {

QJsonDocument control(QNetworkAccessManager *nam, Test::SandboxProcess &sandbox, const QByteArray &method,
                      const QString &path, const QJsonObject &body = {})
{
    QNetworkRequest request(sandbox.controlUrl(path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply
        = nam->sendCustomRequest(request, method, body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson());
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    const QJsonDocument document = QJsonDocument::fromJson(reply->readAll());
    reply->deleteLater();
    return document;
}

void runFor(int seconds)
{
    QEventLoop loop;
    QTimer::singleShot(seconds * 1000, &loop, &QEventLoop::quit);
    loop.exec();
}

struct Counts
{
    int gitLab = 0;
    int sentry = 0;
    QMap<QString, int> byKind;
};

Counts count(const QJsonArray &requests)
{
    Counts counts;
    for (const QJsonValue &value : requests) {
        const QString path = value.toObject().value(u"path"_s).toString();
        QString kind = path;
        kind.replace(QRegularExpression(u"/\\d+"_s), u"/:id"_s);
        kind.replace(QRegularExpression(u"/[0-9a-f]{40}"_s), u"/:sha"_s);
        kind.replace(QRegularExpression(u"releases/[^/]+/"_s), u"releases/:version/"_s);
        if (path.contains(u"/gitlab/"_s))
            ++counts.gitLab;
        else if (path.contains(u"/sentry/"_s))
            ++counts.sentry;
        ++counts.byKind[kind];
    }
    return counts;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    const int seconds = qEnvironmentVariableIntValue("SHIPDECK_BENCH_SECONDS") > 0
        ? qEnvironmentVariableIntValue("SHIPDECK_BENCH_SECONDS")
        : 120;
    QTextStream out(stdout);

    Test::SandboxProcess sandbox;
    QString error;
    if (!sandbox.start(QStringLiteral(SHIPDECK_SANDBOX_BINARY), {u"--quiet"_s}, &error)) {
        out << "sandbox: " << error << Qt::endl;
        return 1;
    }
    QNetworkAccessManager nam;
    ConnectionStatus gitLabStatus(Source::GitLab);
    ConnectionStatus sentryStatus(Source::Sentry);
    gitLabStatus.setConfigured(true);
    sentryStatus.setConfigured(true);

    // As AppContext builds them, with the default (production) intervals.
    GitLabClient gitLab(&nam, sandbox.gitlabUrl(), sandbox.value("gitlab_project"), sandbox.value("gitlab_token"));
    PipelineMonitor pipelines(&gitLab, &gitLabStatus);
    EnvironmentMonitor environments(&gitLab);
    SentryClient sentry(&nam, sandbox.sentryUrl(), u"acme"_s, sandbox.value("sentry_token"));
    ErrorRateMonitor errors(&sentry, &sentryStatus);
    errors.setEnvironment(u"production"_s);
    errors.setReleases(u"storefront@1.7.0"_s, u"storefront@1.6.1"_s);
    errors.setRange(3600);
    DeployMarkerFeed markers;
    markers.setEnvironment(u"production"_s);
    markers.setEnvironmentMonitor(&environments);
    markers.setSentry(&sentry);
    markers.setReleases({u"storefront@1.7.0"_s, u"storefront@1.6.1"_s});
    pipelines.start();
    environments.start();
    errors.start();

    auto phase = [&](const char *name) {
        runFor(15); // warm-up: first full cycles and details
        control(&nam, sandbox, "DELETE", u"/requests"_s);
        QElapsedTimer timer;
        timer.start();
        runFor(seconds);
        const double minutes = timer.elapsed() / 60000.0;
        const Counts counts
            = count(control(&nam, sandbox, "GET", u"/requests"_s).object().value(u"requests"_s).toArray());
        out << "## " << name << " (" << QString::number(minutes, 'f', 2) << " min)\n";
        out << "GitLab: " << QString::number(counts.gitLab / minutes, 'f', 1) << " requests/min\n";
        out << "Sentry: " << QString::number(counts.sentry / minutes, 'f', 1) << " requests/min\n";
        for (auto it = counts.byKind.cbegin(); it != counts.byKind.cend(); ++it)
            out << "  " << it.value() << "  " << it.key() << '\n';
        out << "pipeline active: " << (pipelines.hasActivePipelines() ? "yes" : "no") << Qt::endl;
    };

    if (!pipelines.hasActivePipelines())
        runFor(5);
    phase("while the rollout pipeline runs");

    // Run the rollout to its manual production deploy: nothing active any more.
    for (int step = 0; step < 80 && pipelines.hasActivePipelines(); ++step) {
        control(&nam, sandbox, "POST", u"/advance"_s, QJsonObject {{u"seconds"_s, 60}});
        runFor(1);
    }
    phase("idle (the production deploy waits for a person)");
    return 0;
}
