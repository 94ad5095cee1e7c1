#include "appcontext.h"

#include "gitlab/gitlabclient.h"
#include "gitlab/pipelinemonitor.h"
#include "net/networkaccess.h"
#include "services/auditlog.h"
#include "services/connectionstatus.h"
#include "services/releasemanager.h"
#include "settings/connectionsettings.h"
#include "settings/secretstore.h"
#include "settings/settingsstore.h"
#include "storage/database.h"

#include <QNetworkAccessManager>

namespace Shipdeck {

AppContext::AppContext(const Workspace &workspace, QObject *parent)
    : QObject(parent)
    , m_workspace(workspace)
    , m_network(createNetworkAccessManager(this))
    , m_database(new Database(workspace.databasePath(), this))
    , m_audit(new AuditLog(m_database, this))
    , m_releases(new ReleaseManager(m_database, this))
    , m_settings(new SettingsStore(workspace, this))
    , m_secrets(new SecretStore(workspace.keychainService(), this))
{
    m_deployMarkers = new DeployMarkerFeed(this);
    m_releases->setAuditLog(m_audit, qEnvironmentVariable("USER", tr("you")));
    for (Source source : allSources) {
        m_status[size_t(source)] = new ConnectionStatus(source, this);
        updateConfigured(source);
    }
    connect(m_settings, &SettingsStore::changed, this, &AppContext::updateConfigured);
    connect(m_settings, &SettingsStore::notificationsChanged, this, &AppContext::applyNotificationSettings);
    // A source is configured once its settings are complete and its secret is known.
    auto secretChanged = [this](SecretStore::Key key) {
        for (Source source : allSources) {
            if (SecretStore::keyFor(source) == key)
                updateConfigured(source);
        }
    };
    connect(m_secrets, &SecretStore::secretRead, this, secretChanged);
    connect(m_secrets, &SecretStore::secretWritten, this, secretChanged);
    connect(m_secrets, &SecretStore::secretRemoved, this, secretChanged);
    connect(m_database, &Database::writeFailed, this, &AppContext::storageError);
    connect(m_releases, &ReleaseManager::storageError, this, &AppContext::storageError);
    connect(m_audit, &AuditLog::storageError, this, &AppContext::storageError);
    connect(m_releases, &ReleaseManager::loaded, this, &AppContext::loaded);
}

AppContext::~AppContext()
{
    // The monitors report into the ConnectionStatus objects, which are older children: end them first.
    delete m_deployMarkers;
    delete m_errorRates;
    delete m_sentry;
    delete m_notifier;
    delete m_pipelines;
    delete m_environments;
    delete m_gitLab;
}

void AppContext::start()
{
    m_secrets->readAll();
    QString error;
    if (!m_workspace.ensureExists(&error)) {
        Q_EMIT storageError(error);
        return;
    }
    m_database->open()
        .then(this,
              [this] {
                  m_releases->load();
                  m_audit->load();
              })
        .onFailed(this, [this](const DatabaseError &e) {
            Q_EMIT storageError(e.message());
            Q_EMIT loaded();
        });
}

void AppContext::updateConfigured(Source source)
{
    bool needsSecret = true;
    if (source == Source::Email) // an SMTP server without login needs no password
        needsSecret = !m_settings->email().user.trimmed().isEmpty();
    const bool configured
        = m_settings->isConfigured(source) && (!needsSecret || m_secrets->hasSecret(SecretStore::keyFor(source)));
    status(source)->setConfigured(configured);
    // The monitors report their source's connection state from now on.
    if (source == Source::GitLab)
        rebuildGitLab(configured);
    else if (source == Source::Sentry)
        rebuildSentry(configured);
}

void AppContext::rebuildGitLab(bool configured)
{
    const GitLabSettings settings = m_settings->gitLab();
    const QString token = m_secrets->cachedSecret(SecretStore::Key::GitLabToken);
    if (configured && m_gitLab && m_gitLab->baseUrl() == settings.baseUrl && m_gitLab->project() == settings.project
        && m_gitLabToken == token)
        return; // nothing changed
    if (m_notifier)
        m_notifier->deleteLater();
    if (m_pipelines)
        m_pipelines->deleteLater();
    if (m_environments)
        m_environments->deleteLater();
    if (m_gitLab)
        m_gitLab->deleteLater();
    m_notifier = nullptr;
    m_pipelines = nullptr;
    m_environments = nullptr;
    m_gitLab = nullptr;
    m_gitLabToken.clear();
    if (configured) {
        m_gitLab = new GitLabClient(m_network, settings.baseUrl, settings.project, token, this);
        m_gitLabToken = token;
        m_pipelines = new PipelineMonitor(m_gitLab, status(Source::GitLab), this);
        m_notifier = new PipelineNotifier(m_pipelines, m_gitLab, this);
        applyNotificationSettings();
        m_pipelines->start();
        m_environments = new EnvironmentMonitor(m_gitLab, this);
        m_environments->start();
    }
    m_deployMarkers->setEnvironmentMonitor(m_environments);
    applyAway();
    Q_EMIT gitLabChanged();
}

} // namespace Shipdeck

namespace Shipdeck {

void AppContext::applyNotificationSettings()
{
    if (!m_notifier)
        return;
    const NotificationSettings settings = m_settings->notifications();
    NotificationRules rules;
    rules.enabled = settings.enabled;
    rules.failuresOnly = settings.failuresOnly;
    rules.refs = settings.refs;
    rules.environments = settings.environments;
    m_notifier->setRules(rules);
}

void AppContext::setWatchedReleases(const QString &current, const QString &previous)
{
    m_currentRelease = current;
    m_previousRelease = previous;
    if (m_errorRates)
        m_errorRates->setReleases(current, previous);
    m_deployMarkers->setReleases({current, previous});
    Q_EMIT sentryChanged();
}

void AppContext::rebuildSentry(bool configured)
{
    const SentrySettings settings = m_settings->sentry();
    const QString token = m_secrets->cachedSecret(SecretStore::Key::SentryToken);
    if (m_errorRates)
        m_errorRates->deleteLater();
    if (m_sentry)
        m_sentry->deleteLater();
    m_errorRates = nullptr;
    m_sentry = nullptr;
    if (configured) {
        m_sentry = new SentryClient(m_network, settings.apiBaseUrl(), settings.organization, token, this);
        m_errorRates = new ErrorRateMonitor(m_sentry, status(Source::Sentry), this);
        m_errorRates->setProjects(settings.projects);
        m_errorRates->setEnvironment(settings.environment);
        m_errorRates->setReleases(m_currentRelease, m_previousRelease);
        m_errorRates->start();
    }
    // GitLab and Sentry name the environment alike; with none chosen in Sentry, production is what is watched.
    m_deployMarkers->setEnvironment(settings.environment.isEmpty() ? QStringLiteral("production")
                                                                   : settings.environment);
    m_deployMarkers->setSentry(m_sentry);
    applyAway();
    Q_EMIT sentryChanged();
}

void AppContext::setAway(bool away)
{
    if (away == m_away)
        return;
    m_away = away;
    applyAway();
}

void AppContext::applyAway()
{
    if (m_environments)
        m_environments->setPaused(m_away);
    if (m_errorRates)
        m_errorRates->setPaused(m_away);
    if (m_pipelines) {
        const bool notifying = m_settings->notifications().enabled;
        m_pipelines->setPaused(m_away && !notifying);
        m_pipelines->setActiveInterval(m_away ? m_pipelines->idleInterval() : PipelineMonitor::DefaultActiveInterval);
    }
}

} // namespace Shipdeck
