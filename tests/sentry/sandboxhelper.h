#pragma once

// Drives shipdeck-sandbox for the Sentry integration tests with a plain QNetworkAccessManager: the scenario clock,
// the manual production deploy of the rollout, and fault rules.
#include "sandboxprocess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

namespace Shipdeck::Test {

class SentrySandbox
{
public:
    bool start(const QStringList &extra, QString *error)
    {
        return m_process.start(QStringLiteral(SHIPDECK_SANDBOX_BINARY), extra, error);
    }
    SandboxProcess &process() { return m_process; }
    QUrl sentryUrl() const { return m_process.sentryUrl(); }
    QString token() const { return m_process.value("sentry_token"); }

    /// Sends a request and waits for the answer (test helper; the code under test never blocks).
    QJsonDocument send(const QByteArray &method, const QUrl &url, const QByteArray &body = {},
                       const QList<std::pair<QByteArray, QByteArray>> &headers = {}, int *status = nullptr)
    {
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        for (const auto &[name, value] : headers)
            request.setRawHeader(name, value);
        QNetworkReply *reply = m_nam.sendCustomRequest(request, method, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(20000);
        if (status)
            *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QJsonDocument document = QJsonDocument::fromJson(reply->readAll());
        reply->deleteLater();
        return document;
    }

    QJsonObject state() { return send("GET", m_process.controlUrl(QStringLiteral("/state"))).object(); }
    void advance(int seconds)
    {
        send("POST",
             m_process.controlUrl(
                 QStringLiteral("/advance")),
                 QJsonDocument(QJsonObject {{QStringLiteral("seconds"), seconds}}).toJson(QJsonDocument::Compact));
    }
    int addFault(const QJsonObject &rule)
    {
        int status = 0;
        send("POST", m_process.controlUrl(QStringLiteral("/faults")), QJsonDocument(rule).toJson(), {}, &status);
        return status;
    }
    void clearFaults() { send("DELETE", m_process.controlUrl(QStringLiteral("/faults"))); }

    QString rolloutJobStatus(const QString &name, int *id = nullptr)
    {
        const QJsonArray jobs
            = state().value(QStringLiteral("rollout")).toObject().value(QStringLiteral("jobs")).toArray();
        for (const QJsonValue &job : jobs) {
            if (job.toObject().value(QStringLiteral("name")).toString() == name) {
                if (id)
                    *id = job.toObject().value(QStringLiteral("id")).toInt();
                return job.toObject().value(QStringLiteral("status")).toString();
            }
        }
        return {};
    }

    /// Runs the rollout pipeline to its manual production job and plays it; returns false when that fails.
    bool deployToProduction()
    {
        int steps = 0;
        while (rolloutJobStatus(QStringLiteral("deploy-production")) != QLatin1StringView("manual") && steps++ < 80)
            advance(30);
        int job = 0;
        if (rolloutJobStatus(QStringLiteral("deploy-production"), &job) != QLatin1StringView("manual"))
            return false;
        int status = 0;
        const QUrl play(m_process.value("gitlab_url") + QStringLiteral("/api/v4/projects/42/jobs/%1/play").arg(job));
        send("POST", play, {}, {{"PRIVATE-TOKEN", m_process.value("gitlab_token").toUtf8()}}, &status);
        if (status != 200)
            return false;
        steps = 0;
        while (rolloutJobStatus(QStringLiteral("deploy-production")) != QLatin1StringView("success") && steps++ < 80)
            advance(30);
        return rolloutJobStatus(QStringLiteral("deploy-production")) == QLatin1StringView("success");
    }

    /// Rolls production back as the Rollback workflow does: retries the deployable job of the newest successful
    /// deployment of another commit than the current one, and runs it to the end. Returns false when that fails.
    bool rollBackProduction()
    {
        const QByteArray token = m_process.value("gitlab_token").toUtf8();
        const QString api = m_process.value("gitlab_url") + QStringLiteral("/api/v4/projects/42");
        const QJsonArray deployments = send(
            "GET",
            QUrl(api + QStringLiteral("/deployments?environment=production&status=success&order_by=id&sort=desc")), {},
                 {{"PRIVATE-TOKEN", token}})
                .array();
        if (deployments.isEmpty())
            return false;
        const QString current = deployments.at(0).toObject().value(QStringLiteral("sha")).toString();
        int oldJob = 0;
        for (const QJsonValue &value : deployments) {
            if (value.toObject().value(QStringLiteral("sha")).toString() != current) {
                oldJob = value.toObject().value(
                    QStringLiteral("deployable")).toObject().value(QStringLiteral("id")).toInt();
                break;
            }
        }
        int status = 0;
        const QJsonObject retried = send(
            "POST",
            QUrl(api + QStringLiteral("/jobs/%1/retry").arg(oldJob)), {}, {{"PRIVATE-TOKEN", token}}, &status).object();
        if (status != 201)
            return false;
        const QUrl job(api + QStringLiteral("/jobs/%1").arg(retried.value(QStringLiteral("id")).toInt()));
        for (int steps = 0; steps < 40; ++steps) {
            if (send("GET", job, {}, {{"PRIVATE-TOKEN", token}})
                    .object()
                    .value(QStringLiteral("status")).toString() == QLatin1StringView("success"))
                return true;
            advance(30);
        }
        return false;
    }

private:
    SandboxProcess m_process;
    QNetworkAccessManager m_nam;
};

} // namespace Shipdeck::Test
