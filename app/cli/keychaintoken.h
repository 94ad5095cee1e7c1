#pragma once

#include "settings/secretstore.h"

#include <QString>

#include <chrono>

namespace Shipdeck {
class Workspace;
}

namespace Shipdeck::Cli {

/// What the keychain said about a token (the caller words the message: the CLI's translations live there).
struct KeychainToken
{
    enum class Result {
        Found, ///< value holds the token
        NotSet, ///< the keychain answered, there is no token
        NoKeychain, ///< no keychain service (Secret Service or KWallet) to ask
        Refused, ///< the keychain refused; error holds its translated reason
        TimedOut, ///< the keychain did not answer in time
    };
    Result result = Result::NotSet;
    QString value;
    QString error;
};

/**
 * Reads @p key from the keychain of @p workspace through SecretStore. Runs the application's event loop
 * (QCoreApplication::exec()) until the keychain answers or @p timeout passes; needs a QCoreApplication and must not be
 * called from inside a running event loop. SecretStore's note that no keychain is available is not logged (the caller
 * prints one line).
 */
[[nodiscard]] KeychainToken readKeychainToken(const Workspace &workspace, SecretStore::Key key,
                                              std::chrono::milliseconds timeout = std::chrono::minutes(2));

} // namespace Shipdeck::Cli
