#include "keychaintoken.h"

#include "settings/workspace.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTimer>

namespace Shipdeck::Cli {

namespace {

QLoggingCategory::CategoryFilter previousFilter = nullptr;

/// Silences SecretStore's informational messages ("No keychain available, …"): shipdeck-cli reports in one line.
void quietSecrets(QLoggingCategory *category)
{
    if (previousFilter)
        previousFilter(category);
    if (qstrcmp(category->categoryName(), "shipdeck.secrets") == 0) {
        category->setEnabled(QtDebugMsg, false);
        category->setEnabled(QtInfoMsg, false);
    }
}

} // namespace

KeychainToken readKeychainToken(const Workspace &workspace, SecretStore::Key key, std::chrono::milliseconds timeout)
{
    static const bool filtered = [] {
        previousFilter = QLoggingCategory::installFilter(quietSecrets);
        return true;
    }();
    Q_UNUSED(filtered);

    KeychainToken token;
    SecretStore store(workspace.keychainService());
    bool answered = false;
    bool looping = false;
    auto answer = [&] {
        answered = true;
        if (looping)
            QCoreApplication::exit(0);
    };
    QObject::connect(&store, &SecretStore::secretRead, &store,
                     [&](SecretStore::Key readKey, const QString &value, const QString &error) {
                         if (readKey != key || answered)
                             return;
                         token.value = value;
                         token.error = error;
                         token.result = !error.isEmpty() ? KeychainToken::Result::Refused
                             : !store.isPersistent()     ? KeychainToken::Result::NoKeychain
                             : value.isEmpty()           ? KeychainToken::Result::NotSet
                                                         : KeychainToken::Result::Found;
                         answer();
                     });
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, &store, [&] {
        if (answered)
            return;
        token.result = KeychainToken::Result::TimedOut;
        answer();
    });
    timer.start(timeout);
    store.read(key);
    if (!answered) {
        looping = true;
        QCoreApplication::exec();
    }
    if (token.result != KeychainToken::Result::Found)
        token.value.clear();
    return token;
}

} // namespace Shipdeck::Cli
