#include "secretstore.h"

#include <QLoggingCategory>

#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcSecrets, "shipdeck.secrets", QtInfoMsg)

namespace Shipdeck {

namespace {

// Errors that mean "there is no keychain to talk to" rather than "the keychain said no". QtKeychain reports a missing
// Secret Service/KWallet (no session bus, service not running) as OtherError on Linux, NoBackendAvailable elsewhere.
bool isBackendMissing(QKeychain::Error error)
{
    return error == QKeychain::NoBackendAvailable || error == QKeychain::NotImplemented
        || error == QKeychain::OtherError;
}

} // namespace

SecretStore::SecretStore(const QString &keychainService, QObject *parent) : QObject(parent), m_service(keychainService)
{ }

SecretStore::~SecretStore() = default;

QString SecretStore::keyName(Key key)
{
    switch (key) {
    case Key::GitLabToken:
        return u"gitlab/token"_s;
    case Key::SentryToken:
        return u"sentry/token"_s;
    case Key::SlackWebhook:
        return u"slack/webhook"_s;
    case Key::EmailPassword:
        return u"email/password"_s;
    }
    return {};
}

SecretStore::Key SecretStore::keyFor(Source source)
{
    switch (source) {
    case Source::GitLab:
        return Key::GitLabToken;
    case Source::Sentry:
        return Key::SentryToken;
    case Source::Slack:
        return Key::SlackWebhook;
    case Source::Email:
        return Key::EmailPassword;
    }
    return Key::GitLabToken;
}

void SecretStore::read(Key key)
{
    if (!m_persistent) {
        QMetaObject::invokeMethod(
            this, [this, key] { Q_EMIT secretRead(key, m_cache.value(key), QString()); }, Qt::QueuedConnection);
        return;
    }

    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setKey(keyName(key));
    const quint64 generation = m_generation.value(key);
    connect(job, &QKeychain::Job::finished, this, [this, key, generation](QKeychain::Job *finished) {
        const auto *readJob = static_cast<QKeychain::ReadPasswordJob *>(finished);
        const bool superseded = m_generation.value(key) != generation;
        QString error;
        switch (readJob->error()) {
        case QKeychain::NoError:
            if (!superseded)
                m_cache.insert(key, readJob->textData());
            break;
        case QKeychain::EntryNotFound:
            if (!superseded)
                m_cache.insert(key, QString());
            break;
        default:
            if (isBackendMissing(readJob->error()))
                switchToSessionOnly(readJob->errorString());
            else
                error = errorMessage(readJob->error(), readJob->errorString());
            break;
        }
        Q_EMIT secretRead(key, m_cache.value(key), error);
    });
    job->start();
}

void SecretStore::readAll()
{
    for (Key key : allKeys)
        read(key);
}

void SecretStore::write(Key key, const QString &value)
{
    ++m_generation[key];
    m_cache.insert(key, value);

    if (!m_persistent) {
        QMetaObject::invokeMethod(this, [this, key] { Q_EMIT secretWritten(key, QString()); }, Qt::QueuedConnection);
        return;
    }

    QKeychain::Job *job = nullptr;
    if (value.isEmpty()) {
        job = new QKeychain::DeletePasswordJob(m_service, this);
    } else {
        auto *writeJob = new QKeychain::WritePasswordJob(m_service, this);
        writeJob->setTextData(value);
        job = writeJob;
    }
    job->setAutoDelete(true);
    job->setKey(keyName(key));
    connect(job, &QKeychain::Job::finished, this, [this, key](QKeychain::Job *finished) {
        QString error;
        const QKeychain::Error code = finished->error();
        if (code == QKeychain::NoError || code == QKeychain::EntryNotFound) {
            // Written (or, for an empty value, already absent).
        } else if (isBackendMissing(code)) {
            switchToSessionOnly(finished->errorString()); // the cache keeps the value for this session
        } else {
            error = errorMessage(code, finished->errorString());
        }
        Q_EMIT secretWritten(key, error);
    });
    job->start();
}

void SecretStore::remove(Key key)
{
    ++m_generation[key];
    m_cache.insert(key, QString());

    if (!m_persistent) {
        QMetaObject::invokeMethod(this, [this, key] { Q_EMIT secretRemoved(key, QString()); }, Qt::QueuedConnection);
        return;
    }

    auto *job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setKey(keyName(key));
    connect(job, &QKeychain::Job::finished, this, [this, key](QKeychain::Job *finished) {
        QString error;
        const QKeychain::Error code = finished->error();
        if (code == QKeychain::NoError || code == QKeychain::EntryNotFound) {
            // Gone.
        } else if (isBackendMissing(code)) {
            switchToSessionOnly(finished->errorString());
        } else {
            error = errorMessage(code, finished->errorString());
        }
        Q_EMIT secretRemoved(key, error);
    });
    job->start();
}

QString SecretStore::cachedSecret(Key key) const
{
    return m_cache.value(key);
}

bool SecretStore::isCached(Key key) const
{
    return !m_persistent || m_cache.contains(key);
}

QString SecretStore::backendMessage() const
{
    if (m_persistent)
        return {};
    return tr("No keychain service (Secret Service or KWallet) is available: secrets are kept only until Shipdeck "
              "quits.");
}

void SecretStore::switchToSessionOnly(const QString &reason)
{
    if (!m_persistent)
        return;
    m_persistent = false;
    m_backendError = reason;
    // The reason is QtKeychain's error text (e.g. "D-Bus is not running"); it never contains a secret.
    qCInfo(lcSecrets) << "No keychain available, keeping secrets for this session only:" << reason;
    Q_EMIT backendAvailabilityChanged(false);
}

QString SecretStore::errorMessage(int error, const QString &errorString)
{
    switch (static_cast<QKeychain::Error>(error)) {
    case QKeychain::AccessDeniedByUser:
        return tr("Access to the keychain was denied.");
    case QKeychain::AccessDenied:
        return tr("The keychain refused access: %1").arg(errorString);
    case QKeychain::CouldNotDeleteEntry:
        return tr("The secret could not be deleted from the keychain: %1").arg(errorString);
    default:
        return tr("The keychain reported an error: %1").arg(errorString);
    }
}

} // namespace Shipdeck
