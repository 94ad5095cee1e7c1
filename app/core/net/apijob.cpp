#include "apijob.h"

#include "httpheaders.h"
#include "networkaccess.h"

#include <QCoreApplication>
#include <QIODevice>
#include <QJsonParseError>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QStringList>

#if QT_CONFIG(ssl)
#include <QSslError>
#endif

#include <algorithm>
#include <cmath>
#include <cstring>
#include <optional>

using namespace Qt::Literals::StringLiterals;
using namespace std::chrono_literals;

namespace Shipdeck {

namespace {

bool isIdempotent(const QByteArray &method)
{
    // Only these are retried: repeating a POST/PUT/PATCH/DELETE could act twice (two pipelines, two rollbacks).
    return method == "GET" || method == "HEAD";
}

bool hasRawHeader(const ApiRequest &request, QByteArrayView name)
{
    return std::any_of(request.headers.cbegin(), request.headers.cend(), [name](const auto &header) {
        return QByteArrayView(header.first).compare(name, Qt::CaseInsensitive) == 0;
    });
}

/// The URL as shown in messages: no credentials, no query (it may carry a private_token).
QString displayUrl(const QUrl &url)
{
    return url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
}

int ceilSeconds(std::chrono::milliseconds delay)
{
    return int(std::max<qint64>(1, (delay.count() + 999) / 1000));
}

bool isTransportError(QNetworkReply::NetworkError error)
{
    // 1-99: network layer, 101-199: proxy. Content (2xx) and protocol (3xx) errors come with an HTTP status.
    return (error > QNetworkReply::NoError && error <= QNetworkReply::UnknownNetworkError)
        || (error >= QNetworkReply::ProxyConnectionRefusedError && error <= QNetworkReply::UnknownProxyError);
}

/// " Server message: …" appended to sentences that do not embed the server's words themselves.
QString serverSuffix(const QString &serverMessage)
{
    if (serverMessage.isEmpty())
        return {};
    return u' ' + QCoreApplication::translate("Shipdeck::ApiError", "Server message: %1").arg(serverMessage);
}

/// The request body as a sequential, read-once device (see sendAttempt()).
class OneShotBody : public QIODevice
{
public:
    explicit OneShotBody(QByteArray data) : m_data(std::move(data)) { open(QIODevice::ReadOnly); }
    bool isSequential() const override { return true; }
    bool reset() override { return false; } // quietly: this is the whole point
    qint64 bytesAvailable() const override { return (m_data.size() - m_pos) + QIODevice::bytesAvailable(); }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 count = std::min<qint64>(maxSize, m_data.size() - m_pos);
        if (count <= 0)
            return m_pos >= m_data.size() ? -1 : 0;
        std::memcpy(data, m_data.constData() + m_pos, size_t(count));
        m_pos += count;
        return count;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_pos = 0;
};

struct Outcome
{
    ApiError error;
    bool retryable = false; ///< transient and worth repeating (an idempotent request may still be refused)
};

} // namespace

class ApiJob::Private
{
public:
    Private(ApiJob *job, QNetworkAccessManager *nam, ApiRequest request)
        : q(job), m_nam(nam), m_request(std::move(request))
    {
        m_retryTimer.setSingleShot(true);
        QObject::connect(&m_retryTimer, &QTimer::timeout, q, [this] { sendAttempt(); });
    }

    void sendAttempt();
    void onReplyFinished(QNetworkReply *reply);
    Outcome classify(QNetworkReply *reply);
    Outcome classifyTransport(QNetworkReply *reply);
    Outcome classifyHttpStatus();
    std::optional<std::chrono::milliseconds> computeServerDelay() const;
    std::chrono::milliseconds backoffDelay() const;
    ApiError rateLimitedError(std::optional<std::chrono::milliseconds> retryIn) const;
    void finish(const ApiError &error);
    void finishLater(const ApiError &error);
    /// Streaming: hands out what @p reply has of a 2xx body. Returns false when a receiver deleted the job.
    bool streamFrom(QNetworkReply *reply);
    void dropReply();

    ApiJob *const q;
    QPointer<QNetworkAccessManager> m_nam;
    ApiRequest m_request;
    RetryPolicy m_policy;
    QPointer<QNetworkReply> m_reply;
    QTimer m_retryTimer;
    bool m_started = false;
    bool m_finished = false;
    bool m_streaming = false;
    bool m_streamed = false; ///< this attempt handed out body bytes
    qint64 m_received = 0; ///< body bytes of this attempt
    int m_attempts = 0;
    ApiError m_error;

    // The last response.
    int m_status = 0;
    QByteArray m_body;
    QJsonDocument m_json;
    Http::RawHeaders m_headers;
    QUrl m_responseUrl;
    QDateTime m_responseTime;
    std::chrono::milliseconds m_serverDelay {0};
    QStringList m_sslErrors;
};

void ApiJob::Private::dropReply()
{
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    QObject::disconnect(reply, nullptr, q, nullptr);
    reply->abort();
    reply->deleteLater();
}

void ApiJob::Private::finish(const ApiError &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    m_retryTimer.stop();
    dropReply();
    Q_EMIT q->finished(q); // the receiver may delete the job: nothing after this line
}

bool ApiJob::Private::streamFrom(QNetworkReply *reply)
{
    if (reply != m_reply && m_reply)
        return true;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status < 200 || status >= 300 || !reply->isOpen())
        return true; // error bodies are read whole when the reply ends
    const QByteArray data = reply->readAll();
    if (data.isEmpty())
        return true;
    m_received += data.size();
    m_streamed = true;
    QPointer<ApiJob> self(q);
    Q_EMIT q->dataReceived(data);
    return !self.isNull();
}

void ApiJob::Private::finishLater(const ApiError &error)
{
    // start() must not emit finished() before the caller had a chance to connect to it.
    QTimer::singleShot(0, q, [this, error] { finish(error); });
}

void ApiJob::Private::sendAttempt()
{
    if (m_finished)
        return;
    if (!m_nam) {
        finish({ApiError::Kind::Network,
                0,
                {},
                QCoreApplication::translate("Shipdeck::ApiError", "No network access is available.")});
        return;
    }

    ++m_attempts;
    m_status = 0;
    m_body.clear();
    m_received = 0;
    m_streamed = false;
    m_json = {};
    m_headers.clear();
    m_responseUrl = {};
    m_sslErrors.clear();

    QNetworkRequest request(m_request.url);
    request.setTransferTimeout(m_request.timeout);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    for (const auto &[name, value] : std::as_const(m_request.headers))
        request.setRawHeader(name, value);
    if (!hasRawHeader(m_request, "User-Agent"))
        request.setHeader(QNetworkRequest::UserAgentHeader, userAgent());
    if (m_request.expectJson && !hasRawHeader(m_request, "Accept"))
        request.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    if (!m_request.body.isEmpty() && !hasRawHeader(m_request, "Content-Type"))
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));

    const QByteArray &method = m_request.method;
    QNetworkReply *reply = nullptr;
    if (isIdempotent(method) && m_request.body.isEmpty()) {
        // A custom "HEAD" would wait for a body that never comes, hence head().
        reply = method == "HEAD" ? m_nam->head(request) : m_nam->get(request);
    } else if (isIdempotent(method)) {
        reply = m_nam->sendCustomRequest(request, method, m_request.body);
    } else {
        // Qt's HTTP/1 stack silently sends a request again when the connection dies before the answer, as long as
        // it can rewind the body. For POST/PUT/PATCH/DELETE that could run an action twice, so the body goes in
        // through a device that cannot rewind: Qt then reports ContentReSendError instead of repeating it.
        auto *body = new OneShotBody(m_request.body);
        request.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
        request.setHeader(QNetworkRequest::ContentLengthHeader, m_request.body.size());
        if (method == "POST")
            reply = m_nam->post(request, body);
        else if (method == "PUT")
            reply = m_nam->put(request, body);
        else
            reply = m_nam->sendCustomRequest(request, method, body);
        body->setParent(reply);
    }

    m_reply = reply;
    reply->setParent(q);
    QObject::connect(reply, &QNetworkReply::finished, q, [this, reply] { onReplyFinished(reply); });
    if (m_streaming)
        QObject::connect(reply, &QNetworkReply::readyRead, q, [this, reply] { streamFrom(reply); });
#if QT_CONFIG(ssl)
    // Collected for the message only. Nobody calls ignoreSslErrors(): an untrusted certificate fails the request.
    QObject::connect(reply, &QNetworkReply::sslErrors, q, [this](const QList<QSslError> &errors) {
        for (const QSslError &error : errors)
            m_sslErrors.append(error.errorString());
    });
#endif
}

void ApiJob::Private::onReplyFinished(QNetworkReply *reply)
{
    if (reply != m_reply || m_finished)
        return;
    m_reply = nullptr;
    // We are inside the reply's finished() emission, and a receiver of our finished()/retrying() may delete the job.
    // Detach the reply so that does not delete it under Qt's feet; deleteLater() frees it.
    reply->setParent(nullptr);
    reply->deleteLater();

    m_status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    m_headers = reply->rawHeaderPairs();
    if (m_streaming && !streamFrom(reply))
        return; // a receiver deleted the job
    if (m_finished)
        return; // a receiver cancelled it
    if (reply->isOpen()) { // an aborted (timed-out) reply is closed already
        m_body = reply->readAll();
        m_received += m_body.size();
    }
    m_responseUrl = reply->url();
    m_responseTime = QDateTime::currentDateTimeUtc();
    const auto serverDelay = computeServerDelay();
    m_serverDelay = serverDelay.value_or(0ms);

    Outcome outcome = classify(reply);
    if (!outcome.error.isError()) {
        finish(outcome.error);
        return;
    }

    const bool retry = outcome.retryable && outcome.error.isTransient() && isIdempotent(m_request.method)
        && m_attempts < m_policy.maxAttempts && !m_streamed;
    if (!retry) {
        if (outcome.error.kind == ApiError::Kind::RateLimited)
            outcome.error = rateLimitedError(std::nullopt);
        finish(outcome.error);
        return;
    }

    // The server's wish (Retry-After, rate-limit reset) wins over our own backoff; both are capped.
    std::chrono::milliseconds delay = serverDelay ? *serverDelay : backoffDelay();
    delay = std::clamp(delay, 0ms, std::max(0ms, m_policy.maxDelay));
    if (outcome.error.kind == ApiError::Kind::RateLimited)
        outcome.error = rateLimitedError(delay);

    QPointer<ApiJob> self(q);
    Q_EMIT q->retrying(m_attempts + 1, delay, outcome.error);
    if (!self || m_finished)
        return; // deleted or cancelled by a receiver
    m_error = outcome.error; // visible through error() while waiting
    m_retryTimer.start(delay);
}

std::optional<std::chrono::milliseconds> ApiJob::Private::computeServerDelay() const
{
    // Measure against the server's clock when it sent one (the reset is in its clock too); else ours.
    QDateTime reference = Http::parseHttpDate(Http::headerValue(m_headers, "Date"));
    if (!reference.isValid())
        reference = m_responseTime;

    if (const auto retryAfter = Http::parseRetryAfter(Http::headerValue(m_headers, "Retry-After"), reference))
        return retryAfter;
    const RateLimitInfo limit = Http::parseRateLimit(m_headers, reference);
    // Sentry's 429 has no Retry-After, only X-Sentry-Rate-Limit-Reset; GitLab announces exhaustion with Remaining: 0.
    if ((m_status == 429 || limit.remaining == 0) && limit.reset.isValid())
        return std::chrono::milliseconds(std::max<qint64>(0, reference.msecsTo(limit.reset)));
    return std::nullopt;
}

std::chrono::milliseconds ApiJob::Private::backoffDelay() const
{
    // Full jitter: after attempt k (1-based) wait a random time in [0, baseDelay * 2^(k-1)].
    const int exponent = std::clamp(m_attempts - 1, 0, 30);
    const double ceiling = std::min(double(m_policy.baseDelay.count()) * std::ldexp(1.0, exponent),
                                    double(std::max(0ms, m_policy.maxDelay).count()));
    return std::chrono::milliseconds(qint64(std::llround(QRandomGenerator::global()->generateDouble() * ceiling)));
}

ApiError ApiJob::Private::rateLimitedError(std::optional<std::chrono::milliseconds> retryIn) const
{
    ApiError error;
    error.kind = ApiError::Kind::RateLimited;
    error.httpStatus = m_status;
    error.serverMessage = Http::serverMessage(m_body, Http::headerValue(m_headers, "Content-Type"));
    if (retryIn) {
        error.message = QCoreApplication::translate(
            "Shipdeck::ApiError", "Rate limited (HTTP 429); retrying in %n second(s).", nullptr, ceilSeconds(*retryIn));
    } else if (m_serverDelay > 0ms) {
        error.message
            = QCoreApplication::translate("Shipdeck::ApiError", "Rate limited (HTTP 429); try again in %n second(s).",
                                          nullptr, ceilSeconds(m_serverDelay));
    } else {
        error.message = QCoreApplication::translate("Shipdeck::ApiError", "Rate limited (HTTP 429).");
    }
    error.message += serverSuffix(error.serverMessage);
    return error;
}

Outcome ApiJob::Private::classify(QNetworkReply *reply)
{
    const QNetworkReply::NetworkError networkError = reply->error();
    const qint64 announced = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
    const bool hasLength = reply->header(QNetworkRequest::ContentLengthHeader).isValid();

    // The connection ended after the response had begun: the body is cut off (Content-Length or chunked).
    if (networkError == QNetworkReply::RemoteHostClosedError && (m_status > 0 || m_received > 0)) {
        ApiError error {ApiError::Kind::TruncatedBody, m_status, {}, {}};
        error.message = hasLength
            ? QCoreApplication::translate("Shipdeck::ApiError", "The response was cut off after %1 of %2 bytes.")
                  .arg(m_received)
                  .arg(announced)
            : QCoreApplication::translate("Shipdeck::ApiError", "The response was cut off after %1 bytes.")
                  .arg(m_received);
        return {error, true};
    }
    if (isTransportError(networkError))
        return classifyTransport(reply);
    if (networkError == QNetworkReply::ContentReSendError) {
        // See sendAttempt(): the connection broke while a POST/PUT/PATCH/DELETE was under way. It may or may not
        // have taken effect; repeating it is the user's call.
        ApiError error {ApiError::Kind::Network, m_status, {}, {}};
        error.message = QCoreApplication::translate("Shipdeck::ApiError",
                                                    "The connection to %1 broke while the request was being sent. "
                                                    "It was not repeated; check whether it took effect.")
                            .arg(m_request.url.host());
        return {error, false};
    }
    if (m_status >= 400)
        return classifyHttpStatus();
    if (networkError != QNetworkReply::NoError) {
        ApiError error {ApiError::Kind::Network, m_status, {}, {}};
        error.message = QCoreApplication::translate("Shipdeck::ApiError", "The request to %1 failed: %2")
                            .arg(displayUrl(m_request.url), reply->errorString());
        return {error, false};
    }

    // Success as far as HTTP goes. QNAM reports short bodies as errors; this is the belt to those braces. With a
    // Content-Encoding the length counts compressed bytes, and HEAD/204/304 carry no body at all.
    const bool bodyless = m_request.method == "HEAD" || m_status == 204 || m_status == 304;
    if (hasLength && !bodyless && Http::headerValue(m_headers, "Content-Encoding").isEmpty()
        && m_received < announced) {
        ApiError error {ApiError::Kind::TruncatedBody, m_status, {}, {}};
        error.message
            = QCoreApplication::translate("Shipdeck::ApiError", "The response was cut off after %1 of %2 bytes.")
                  .arg(m_received)
                  .arg(announced);
        return {error, true};
    }

    if (m_request.expectJson && !m_body.trimmed().isEmpty()) {
        QJsonParseError parseError;
        m_json = QJsonDocument::fromJson(m_body, &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            m_json = {};
            // QNAM ends a chunked (or close-delimited) body without error when the connection drops before the
            // last chunk. Without a length to compare against, JSON that stops exactly where the bytes stop is
            // the tell-tale: report it as cut off (transient), not as malformed.
            qsizetype end = m_body.size();
            while (end > 0 && QChar::isSpace(uchar(m_body.at(end - 1))))
                --end;
            if (!hasLength && parseError.offset >= end) {
                ApiError error {ApiError::Kind::TruncatedBody, m_status, {}, {}};
                error.message
                    = QCoreApplication::translate("Shipdeck::ApiError", "The response was cut off after %1 bytes.")
                          .arg(m_body.size());
                return {error, true};
            }
            ApiError error {ApiError::Kind::MalformedJson, m_status, {}, {}};
            error.message = QCoreApplication::translate("Shipdeck::ApiError", "The server sent malformed JSON: %1")
                                .arg(parseError.errorString());
            return {error, false};
        }
    }
    return {};
}

Outcome ApiJob::Private::classifyTransport(QNetworkReply *reply)
{
    const QString host = m_request.url.host();
    ApiError error {ApiError::Kind::Network, m_status, {}, {}};
    bool retryable = true;
    switch (reply->error()) {
    case QNetworkReply::HostNotFoundError:
        error.kind = ApiError::Kind::HostNotFound;
        error.message
            = QCoreApplication::translate("Shipdeck::ApiError", "Could not find the server “%1” (DNS lookup failed).")
                  .arg(host);
        break;
    case QNetworkReply::ConnectionRefusedError:
        error.kind = ApiError::Kind::ConnectionRefused;
        error.message
            = QCoreApplication::translate("Shipdeck::ApiError", "The server %1 refused the connection.").arg(host);
        break;
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // what QNAM reports when the transfer timeout fires
        error.kind = ApiError::Kind::Timeout;
        if (m_request.timeout.count() % 1000 == 0) {
            // (A division inside translate()'s arguments sends lupdate into an endless loop.)
            const int seconds = int(m_request.timeout.count() / 1000);
            error.message = QCoreApplication::translate(
                "Shipdeck::ApiError", "The server did not answer within %n second(s).", nullptr, seconds);
        } else {
            error.message
                = QCoreApplication::translate("Shipdeck::ApiError", "The server did not answer within %1 milliseconds.")
                      .arg(m_request.timeout.count());
        }
        break;
    case QNetworkReply::SslHandshakeFailedError: {
        error.kind = ApiError::Kind::Tls;
        const QString reason = m_sslErrors.isEmpty() ? reply->errorString() : m_sslErrors.join(u"; "_s);
        error.message = QCoreApplication::translate("Shipdeck::ApiError", "The secure connection to %1 failed: %2")
                            .arg(host, reason);
        break;
    }
    case QNetworkReply::InsecureRedirectError:
        retryable = false;
        error.message = QCoreApplication::translate("Shipdeck::ApiError",
                                                    "%1 redirected to an insecure (http) address; the request was "
                                                    "stopped.")
                            .arg(host);
        break;
    case QNetworkReply::TooManyRedirectsError:
        retryable = false;
        error.message = QCoreApplication::translate("Shipdeck::ApiError", "%1 redirected too many times.").arg(host);
        break;
    case QNetworkReply::RemoteHostClosedError:
        error.message = QCoreApplication::translate("Shipdeck::ApiError",
                                                    "The connection to %1 was closed before the server answered.")
                            .arg(host);
        break;
    default:
        error.message = QCoreApplication::translate("Shipdeck::ApiError", "Network error while contacting %1: %2")
                            .arg(host, reply->errorString());
        break;
    }
    return {error, retryable};
}

Outcome ApiJob::Private::classifyHttpStatus()
{
    ApiError error;
    error.httpStatus = m_status;
    error.serverMessage = Http::serverMessage(m_body, Http::headerValue(m_headers, "Content-Type"));
    const QString detail = error.serverMessage.isEmpty() ? displayUrl(m_request.url) : error.serverMessage;
    if (m_request.expectJson)
        m_json = QJsonDocument::fromJson(m_body); // error bodies stay readable through json(); null when not JSON

    switch (m_status) {
    case 401:
        error.kind = ApiError::Kind::Unauthorized;
        error.message
            = QCoreApplication::translate("Shipdeck::ApiError",
                                          "The token was rejected (HTTP 401). Check that it is valid and not expired.")
            + serverSuffix(error.serverMessage);
        return {error, false};
    case 403:
        error.kind = ApiError::Kind::Forbidden;
        error.message = QCoreApplication::translate("Shipdeck::ApiError", "Access denied (HTTP 403): %1").arg(detail);
        return {error, false};
    case 404:
        error.kind = ApiError::Kind::NotFound;
        error.message = QCoreApplication::translate("Shipdeck::ApiError", "Not found (HTTP 404): %1").arg(detail);
        return {error, false};
    case 429:
        return {rateLimitedError(std::nullopt), true};
    default:
        break;
    }
    if (m_status >= 500) {
        error.kind = ApiError::Kind::ServerError;
        error.message
            = QCoreApplication::translate("Shipdeck::ApiError", "The server had an error (HTTP %1).").arg(m_status)
            + serverSuffix(error.serverMessage);
        return {error, true};
    }
    error.kind = ApiError::Kind::ClientError;
    error.message = QCoreApplication::translate("Shipdeck::ApiError", "The request was refused (HTTP %1): %2")
                        .arg(QString::number(m_status), detail);
    return {error, false};
}

ApiJob::ApiJob(QNetworkAccessManager *nam, ApiRequest request, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>(this, nam, std::move(request)))
{ }

ApiJob::~ApiJob()
{
    // Abort silently: a job being destroyed does not emit finished().
    d->m_retryTimer.stop();
    d->dropReply();
}

void ApiJob::setRetryPolicy(const RetryPolicy &policy)
{
    d->m_policy = policy;
    d->m_policy.maxAttempts = std::max(1, policy.maxAttempts);
}

const RetryPolicy &ApiJob::retryPolicy() const
{
    return d->m_policy;
}

void ApiJob::setStreaming(bool streaming)
{
    d->m_streaming = streaming;
}

qint64 ApiJob::bytesReceived() const
{
    return d->m_received;
}

void ApiJob::start()
{
    if (d->m_started)
        return;
    d->m_started = true;

    const QUrl &url = d->m_request.url;
    const QString scheme = url.scheme().toLower();
    if (url.isEmpty() || !url.isValid() || url.isRelative() || (scheme != "http"_L1 && scheme != "https"_L1)
        || url.host().isEmpty()) {
        ApiError error {ApiError::Kind::InvalidUrl, 0, {}, {}};
        error.message = QCoreApplication::translate("Shipdeck::ApiError", "“%1” is not a valid http(s) address.")
                            .arg(displayUrl(url));
        d->finishLater(error);
        return;
    }
    d->sendAttempt();
}

void ApiJob::cancel()
{
    if (d->m_finished)
        return;
    d->m_started = true; // a cancelled job cannot be started any more
    d->finish({ApiError::Kind::Cancelled,
               d->m_status,
               {},
               QCoreApplication::translate("Shipdeck::ApiError", "The request was cancelled.")});
}

const ApiRequest &ApiJob::request() const
{
    return d->m_request;
}

bool ApiJob::isFinished() const
{
    return d->m_finished;
}

const ApiError &ApiJob::error() const
{
    return d->m_error;
}

int ApiJob::httpStatus() const
{
    return d->m_status;
}

QByteArray ApiJob::body() const
{
    return d->m_body;
}

QJsonDocument ApiJob::json() const
{
    return d->m_json;
}

QByteArray ApiJob::rawHeader(const QByteArray &name) const
{
    return Http::headerValue(d->m_headers, name);
}

RateLimitInfo ApiJob::rateLimit() const
{
    return Http::parseRateLimit(d->m_headers,
                                d->m_responseTime.isValid() ? d->m_responseTime : QDateTime::currentDateTimeUtc());
}

QUrl ApiJob::nextPageUrl() const
{
    const QUrl base = d->m_responseUrl.isValid() ? d->m_responseUrl : d->m_request.url;
    return Http::parseNextLink(Http::headerValue(d->m_headers, "Link"), base);
}

int ApiJob::attempts() const
{
    return d->m_attempts;
}

std::chrono::milliseconds ApiJob::serverRequestedDelay() const
{
    return d->m_serverDelay;
}

// --- PagedApiJob -----------------------------------------------------------------------------------------------

class PagedApiJob::Private
{
public:
    Private(PagedApiJob *job, QNetworkAccessManager *nam, ApiRequest firstPage, int maxPages)
        : q(job), m_nam(nam), m_firstPage(std::move(firstPage)), m_maxPages(std::max(1, maxPages))
    { }

    void fetch(const QUrl &url);
    void onPageFinished(ApiJob *job);
    void finish(const ApiError &error);
    void dropJob();

    PagedApiJob *const q;
    QPointer<QNetworkAccessManager> m_nam;
    ApiRequest m_firstPage;
    int m_maxPages;
    RetryPolicy m_policy;
    QPointer<ApiJob> m_job;
    bool m_started = false;
    bool m_finished = false;
    bool m_reachedCap = false;
    std::chrono::milliseconds m_serverDelay {0}; ///< of the last page
    int m_pages = 0;
    QJsonArray m_items;
    ApiError m_error;
};

void PagedApiJob::Private::dropJob()
{
    if (!m_job)
        return;
    ApiJob *job = m_job;
    m_job = nullptr;
    QObject::disconnect(job, nullptr, q, nullptr);
    delete job; // aborts its request without emitting finished()
}

void PagedApiJob::Private::finish(const ApiError &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    dropJob();
    Q_EMIT q->finished(q); // the receiver may delete us
}

void PagedApiJob::Private::fetch(const QUrl &url)
{
    ApiRequest request = m_firstPage;
    request.url = url;
    auto *job = new ApiJob(m_nam, std::move(request), q);
    job->setRetryPolicy(m_policy);
    m_job = job;
    QObject::connect(job, &ApiJob::finished, q, [this](ApiJob *job) { onPageFinished(job); });
    job->start();
}

void PagedApiJob::Private::onPageFinished(ApiJob *job)
{
    if (job != m_job)
        return;
    m_job = nullptr;
    job->deleteLater();
    m_serverDelay = job->serverRequestedDelay();

    if (job->hasError()) {
        finish(job->error());
        return;
    }
    const QJsonDocument document = job->json();
    if (!document.isArray()) {
        ApiError error {ApiError::Kind::MalformedJson, job->httpStatus(), {}, {}};
        error.message = QCoreApplication::translate("Shipdeck::ApiError", "The server sent malformed JSON: %1")
                            .arg(QCoreApplication::translate("Shipdeck::ApiError", "expected a list of items"));
        finish(error);
        return;
    }

    const QJsonArray page = document.array();
    for (const QJsonValue &item : page)
        m_items.append(item);
    ++m_pages;
    QPointer<PagedApiJob> self(q);
    Q_EMIT q->pageReceived(page);
    if (!self || m_finished)
        return;

    const QUrl next = job->nextPageUrl();
    if (next.isEmpty()) {
        finish({});
        return;
    }
    if (m_pages >= m_maxPages) {
        m_reachedCap = true;
        finish({});
        return;
    }
    // The request headers carry the token: never send them to another origin than the first page's.
    const QUrl &first = m_firstPage.url;
    if (next.scheme() != first.scheme() || next.host().compare(first.host(), Qt::CaseInsensitive) != 0
        || next.port(next.scheme() == "https"_L1 ? 443 : 80) != first.port(first.scheme() == "https"_L1 ? 443 : 80)) {
        ApiError error {ApiError::Kind::InvalidUrl, 0, {}, {}};
        error.message = QCoreApplication::translate("Shipdeck::ApiError",
                                                    "The next page is on another server (%1); it was not requested.")
                            .arg(displayUrl(next));
        finish(error);
        return;
    }
    fetch(next);
}

PagedApiJob::PagedApiJob(QNetworkAccessManager *nam, ApiRequest firstPage, int maxPages, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>(this, nam, std::move(firstPage), maxPages))
{ }

PagedApiJob::~PagedApiJob()
{
    d->dropJob();
}

void PagedApiJob::setRetryPolicy(const RetryPolicy &policy)
{
    d->m_policy = policy;
}

void PagedApiJob::start()
{
    if (d->m_started)
        return;
    d->m_started = true;
    d->fetch(d->m_firstPage.url);
}

void PagedApiJob::cancel()
{
    if (d->m_finished)
        return;
    d->m_started = true;
    d->finish({ApiError::Kind::Cancelled,
               0,
               {},
               QCoreApplication::translate("Shipdeck::ApiError", "The request was cancelled.")});
}

bool PagedApiJob::isFinished() const
{
    return d->m_finished;
}

const ApiError &PagedApiJob::error() const
{
    return d->m_error;
}

QJsonArray PagedApiJob::items() const
{
    return d->m_items;
}

int PagedApiJob::pages() const
{
    return d->m_pages;
}

bool PagedApiJob::reachedPageCap() const
{
    return d->m_reachedCap;
}

std::chrono::milliseconds PagedApiJob::serverRequestedDelay() const
{
    return d->m_serverDelay;
}

} // namespace Shipdeck
