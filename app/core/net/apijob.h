#pragma once

#include "apierror.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <memory>
#include <utility>

class QNetworkAccessManager;
class QNetworkReply;

namespace Shipdeck {

/// What to send. Headers are raw pairs; the job adds User-Agent, and unless given, Accept: application/json (when
/// expectJson) and Content-Type: application/json (when there is a body).
struct ApiRequest
{
    QByteArray method = QByteArrayLiteral("GET");
    QUrl url;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body; ///< for POST/PUT, usually JSON
    std::chrono::milliseconds timeout {30000}; ///< transfer timeout: no progress for this long fails the attempt
    bool expectJson = true; ///< parse the body as JSON and fail with MalformedJson when it is not
};

/// How an idempotent request (GET, HEAD) is tried again after a transient failure. Never applied to POST/PUT/DELETE.
struct RetryPolicy
{
    int maxAttempts = 4; ///< including the first
    std::chrono::milliseconds baseDelay {1000}; ///< delay before attempt n+1 is random in [0, base * 2^n] (full jitter)
    std::chrono::milliseconds maxDelay {60000}; ///< cap for computed and server-requested delays
};

/// Rate-limit state announced by the server (GitLab RateLimit-*, Sentry X-Sentry-Rate-Limit-*).
struct RateLimitInfo
{
    int limit = -1; ///< -1 when not announced
    int remaining = -1;
    QDateTime reset; ///< invalid when not announced
};

/**
 * One HTTP request, from start to a typed result. Owns its QNetworkReply; delete the job (or call cancel()) to abort.
 * Emits finished() exactly once, also on failure and cancellation, then is safe to deleteLater().
 * finished() is never emitted from inside start() (an invalid URL is reported from the event loop); cancel() emits
 * it synchronously; deleting the job emits nothing.
 * GET/HEAD are retried per RetryPolicy; POST/PUT/PATCH/DELETE are sent exactly once, and Qt is kept from silently
 * re-sending them when a connection drops (the job fails with Kind::Network instead).
 */
class ApiJob : public QObject
{
    Q_OBJECT
public:
    ApiJob(QNetworkAccessManager *nam, ApiRequest request, QObject *parent = nullptr);
    ~ApiJob() override;

    void setRetryPolicy(const RetryPolicy &policy);
    [[nodiscard]] const RetryPolicy &retryPolicy() const;
    /// Streaming: a successful (2xx) body is handed out piece by piece through dataReceived() as it arrives and is
    /// not kept (body() stays empty), so a large download costs no memory. Error bodies are still read whole. Once
    /// a piece has been handed out the request is no longer retried (the receiver would see bytes twice).
    /// Set before start().
    void setStreaming(bool streaming);
    /// Bytes of the body received by the last attempt (streamed or kept).
    [[nodiscard]] qint64 bytesReceived() const;

    /// Sends the request (asynchronously). Calling it twice has no effect.
    void start();
    /// Aborts the request; finished() follows with ApiError::Kind::Cancelled.
    void cancel();

    [[nodiscard]] const ApiRequest &request() const;
    [[nodiscard]] bool isFinished() const;
    /// The final error once finished; while waiting to retry, the transient error of the last attempt.
    [[nodiscard]] const ApiError &error() const;
    [[nodiscard]] bool hasError() const { return error().isError(); }
    // The accessors below describe the last response received.
    [[nodiscard]] int httpStatus() const;
    [[nodiscard]] QByteArray body() const;
    [[nodiscard]] QJsonDocument json() const;
    [[nodiscard]] QByteArray rawHeader(const QByteArray &name) const;
    [[nodiscard]] RateLimitInfo rateLimit() const;
    /// The URL of Link: rel="next", resolved against the request URL (after redirects); empty when there is none,
    /// also when Sentry marks it results="false".
    [[nodiscard]] QUrl nextPageUrl() const;
    /// How many attempts were made (1 when the first succeeded or failed for good).
    [[nodiscard]] int attempts() const;
    /// The delay the server asked for (Retry-After, or the rate-limit reset on a 429 or when the remaining quota is
    /// 0), uncapped; 0 when it asked for none. For callers that poll.
    [[nodiscard]] std::chrono::milliseconds serverRequestedDelay() const;

Q_SIGNALS:
    /// The job is over: success, failure or cancellation. Emitted once.
    void finished(Shipdeck::ApiJob *job);
    /// Streaming only: the next piece of a successful body, in order. The receiver may cancel or delete the job.
    void dataReceived(const QByteArray &data);
    /// A transient failure will be retried after @p delay (the server's wish if it stated one, else full-jitter
    /// backoff; capped at RetryPolicy::maxDelay). Emitted before the wait; cancel() from a receiver stops the job.
    void retrying(int nextAttempt, std::chrono::milliseconds delay, const Shipdeck::ApiError &error);

private:
    class Private;
    std::unique_ptr<Private> d;
};

/**
 * Follows Link: rel="next" from a first URL, collecting the JSON array of every page, up to a page cap.
 * Each page is an ApiJob with the same retry policy. Emits pageReceived() per page and finished() once.
 */
class PagedApiJob : public QObject
{
    Q_OBJECT
public:
    PagedApiJob(QNetworkAccessManager *nam, ApiRequest firstPage, int maxPages = 20, QObject *parent = nullptr);
    ~PagedApiJob() override;

    void setRetryPolicy(const RetryPolicy &policy);
    void start();
    void cancel();

    [[nodiscard]] bool isFinished() const;
    [[nodiscard]] const ApiError &error() const;
    [[nodiscard]] bool hasError() const { return error().isError(); }
    [[nodiscard]] QJsonArray items() const; ///< all items of all pages received so far
    [[nodiscard]] int pages() const;
    [[nodiscard]] bool reachedPageCap() const; ///< true when a next page existed but maxPages was reached
    /// The delay the server asked for with the last page answered (see ApiJob::serverRequestedDelay()).
    [[nodiscard]] std::chrono::milliseconds serverRequestedDelay() const;
    // A next link to another scheme/host/port than the first page fails the job (Kind::InvalidUrl) rather than
    // sending the request headers (the token) there. A page that is not a JSON array fails it with MalformedJson.

Q_SIGNALS:
    void pageReceived(const QJsonArray &items);
    void finished(Shipdeck::PagedApiJob *job);

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace Shipdeck
