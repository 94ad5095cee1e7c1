#pragma once

// Test helper: drives a running shipdeck-sandbox's control API (/_sandbox/advance, /_sandbox/faults) and waits for
// jobs with QSignalSpy (no sleeps).
#include "net/apijob.h"
#include "sandboxprocess.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

namespace Shipdeck::Test {

class SandboxControl
{
public:
    SandboxControl(SandboxProcess *sandbox, QNetworkAccessManager *nam) : m_sandbox(sandbox), m_nam(nam) { }

    /// Sends a control request and returns the HTTP status (0 on transport failure).
    int send(const QByteArray &method, const QString &path, const QJsonDocument &body = {})
    {
        QNetworkRequest request(m_sandbox->controlUrl(path));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        QNetworkReply *reply = m_nam->sendCustomRequest(request, method, body.isNull() ? QByteArray() : body.toJson());
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(10000);
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        m_lastBody = reply->readAll();
        reply->deleteLater();
        return status;
    }
    bool advance(int seconds)
    {
        return send("POST",
                    QStringLiteral("/advance"), QJsonDocument(QJsonObject {{QStringLiteral("seconds"), seconds}}))
                                   == 200;
    }
    bool addFault(const QJsonObject &rule)
    {
        const int status = send("POST", QStringLiteral("/faults"), QJsonDocument(rule));
        return status == 200 || status == 201;
    }
    bool clearFaults() { return send("DELETE", QStringLiteral("/faults")) == 200; }
    [[nodiscard]] QByteArray lastBody() const { return m_lastBody; }

private:
    SandboxProcess *m_sandbox;
    QNetworkAccessManager *m_nam;
    QByteArray m_lastBody;
};

/// Starts @p job and waits until it has finished; returns false on timeout.
template<typename JobType> bool runJob(JobType *job, int timeoutMs = 15000)
{
    QSignalSpy finished(job, &JobType::finished);
    job->start();
    return job->isFinished() || finished.count() > 0 || finished.wait(timeoutMs);
}

} // namespace Shipdeck::Test
