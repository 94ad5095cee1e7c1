#pragma once

#include "domain/deployment.h"
#include "domain/environment.h"
#include "domain/pipeline.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>

#include <optional>

/**
 * Pure functions from GitLab REST v4 JSON to the domain structs. They never fail: missing fields, nulls and values
 * of the wrong type give the field's default (0, empty, invalid date, PipelineStatus::Unknown). Text is kept as
 * plain text exactly as GitLab sent it (a commit title "<b>x</b>" stays those characters; views must not render it
 * as rich text).
 */
namespace Shipdeck::GitLab {

/// An ISO 8601 timestamp ("2016-08-11T11:28:34.085Z"); invalid for null, missing or unparsable values.
[[nodiscard]] QDateTime parseTime(const QJsonValue &value);
/// An integer id: a JSON number, or a string of digits; 0 otherwise.
[[nodiscard]] qint64 parseId(const QJsonValue &value);

/// A PipelineBasic (list) or Pipeline (detail) object.
[[nodiscard]] Pipeline parsePipeline(const QJsonObject &object);
[[nodiscard]] QList<Pipeline> parsePipelines(const QJsonArray &array);

/// A job or bridge. Job::manual is set for status "manual".
[[nodiscard]] Job parseJob(const QJsonObject &object);
[[nodiscard]] QList<Job> parseJobs(const QJsonArray &array);

[[nodiscard]] Environment parseEnvironment(const QJsonObject &object);
[[nodiscard]] QList<Environment> parseEnvironments(const QJsonArray &array);

/// A deployment; finishedAt comes from deployable.finished_at (REST deployments have no finished_at of their own).
/// @p environmentName is used when the object carries no environment.
[[nodiscard]] Deployment parseDeployment(const QJsonObject &object, const QString &environmentName = {});
[[nodiscard]] QList<Deployment> parseDeployments(const QJsonArray &array, const QString &environmentName = {});

/// GET /environments/:id: the environment and its last_deployment (none when null or missing).
struct EnvironmentDetail
{
    Environment environment;
    std::optional<Deployment> lastDeployment;
};
[[nodiscard]] EnvironmentDetail parseEnvironmentDetail(const QJsonObject &object);

/// Whether POST /jobs/:id/retry may succeed for a job in this state (finished jobs only).
[[nodiscard]] bool isRetryable(const Job &job);
/// Whether POST /jobs/:id/play applies (manual or scheduled jobs).
[[nodiscard]] bool isPlayable(const Job &job);
/// Whether a deployment can be rolled back to / redeployed: it has a deployable job and that job has finished.
[[nodiscard]] bool isRetryable(const Deployment &deployment);
/// Whether a deployment waits for approval (status "blocked").
[[nodiscard]] bool isBlocked(const Deployment &deployment);

} // namespace Shipdeck::GitLab
