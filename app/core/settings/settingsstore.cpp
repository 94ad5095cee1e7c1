#include "settingsstore.h"

#include "workspace.h"

using namespace Qt::StringLiterals;

namespace Shipdeck {

namespace {

// Keys in the INI file. Renaming one loses the user's setting: add a migration instead.
constexpr auto GitLabBaseUrl = "GitLab/baseUrl"_L1;
constexpr auto GitLabProject = "GitLab/project"_L1;
constexpr auto SentryRegion = "Sentry/region"_L1;
constexpr auto SentryBaseUrl = "Sentry/baseUrl"_L1;
constexpr auto SentryOrganization = "Sentry/organization"_L1;
constexpr auto SentryProjects = "Sentry/projects"_L1;
constexpr auto SentryEnvironment = "Sentry/environment"_L1;
constexpr auto SlackChannelLabel = "Slack/channelLabel"_L1;
constexpr auto EmailHost = "Email/host"_L1;
constexpr auto EmailPort = "Email/port"_L1;
constexpr auto EmailTls = "Email/tls"_L1;
constexpr auto EmailUser = "Email/user"_L1;
constexpr auto EmailSender = "Email/sender"_L1;
constexpr auto EmailRecipients = "Email/recipients"_L1;
constexpr auto NotificationsEnabled = "Notifications/enabled"_L1;
constexpr auto NotificationsFailuresOnly = "Notifications/failuresOnly"_L1;
constexpr auto NotificationsRefs = "Notifications/refs"_L1;
constexpr auto NotificationsEnvironments = "Notifications/environments"_L1;
constexpr auto VerdictMaxErrors = "Verdict/maxErrorsPerMinute"_L1;
constexpr auto VerdictMaxRatio = "Verdict/maxRatio"_L1;
constexpr auto VerdictCrashFreeFloor = "Verdict/crashFreeFloor"_L1;
constexpr auto VerdictMinMinutes = "Verdict/minMinutes"_L1;
constexpr auto WindowState = "MainWindow/state"_L1;
constexpr auto WindowGeometry = "MainWindow/geometry"_L1;
constexpr auto Language = "General/language"_L1;

QString tlsModeName(EmailSettings::TlsMode mode)
{
    switch (mode) {
    case EmailSettings::TlsMode::StartTls:
        return u"starttls"_s;
    case EmailSettings::TlsMode::ImplicitTls:
        return u"tls"_s;
    case EmailSettings::TlsMode::None:
        return u"none"_s;
    }
    return u"starttls"_s;
}

EmailSettings::TlsMode tlsModeFromName(const QString &name)
{
    if (name == "tls"_L1)
        return EmailSettings::TlsMode::ImplicitTls;
    if (name == "none"_L1)
        return EmailSettings::TlsMode::None;
    return EmailSettings::TlsMode::StartTls;
}

QStringList cleanList(const QStringList &list)
{
    QStringList result;
    for (const QString &entry : list) {
        const QString trimmed = entry.trimmed();
        if (!trimmed.isEmpty() && !result.contains(trimmed))
            result.append(trimmed);
    }
    return result;
}

} // namespace

SettingsStore::SettingsStore(const Workspace &workspace, QObject *parent)
    : QObject(parent), m_settings(workspace.settingsPath(), QSettings::IniFormat)
{ }

SettingsStore::~SettingsStore() = default;

QString SettingsStore::fileName() const
{
    return m_settings.fileName();
}

GitLabSettings SettingsStore::gitLab() const
{
    GitLabSettings s;
    const QString url = m_settings.value(GitLabBaseUrl).toString();
    if (!url.isEmpty())
        s.baseUrl = QUrl(url);
    s.project = m_settings.value(GitLabProject).toString();
    return s;
}

void SettingsStore::setGitLab(const GitLabSettings &value)
{
    GitLabSettings settings = value;
    settings.baseUrl = settings.baseUrl.adjusted(QUrl::RemovePassword); // a password in a URL is still a secret
    settings.project = settings.project.trimmed();
    if (settings == gitLab())
        return;
    m_settings.setValue(GitLabBaseUrl, settings.baseUrl.toString());
    m_settings.setValue(GitLabProject, settings.project);
    m_settings.sync();
    Q_EMIT changed(Source::GitLab);
}

SentrySettings SettingsStore::sentry() const
{
    SentrySettings s;
    const QString region = m_settings.value(SentryRegion).toString();
    if (SentrySettings::regions().contains(region))
        s.region = region;
    s.baseUrl = QUrl(m_settings.value(SentryBaseUrl).toString());
    s.organization = m_settings.value(SentryOrganization).toString();
    s.projects = cleanList(m_settings.value(SentryProjects).toStringList());
    s.environment = m_settings.value(SentryEnvironment).toString();
    return s;
}

void SettingsStore::setSentry(const SentrySettings &value)
{
    SentrySettings settings = value;
    settings.baseUrl = settings.baseUrl.adjusted(QUrl::RemovePassword);
    if (!SentrySettings::regions().contains(settings.region))
        settings.region = SentrySettings().region;
    settings.organization = settings.organization.trimmed();
    settings.projects = cleanList(settings.projects);
    settings.environment = settings.environment.trimmed();
    if (settings == sentry())
        return;
    m_settings.setValue(SentryRegion, settings.region);
    m_settings.setValue(SentryBaseUrl, settings.baseUrl.toString());
    m_settings.setValue(SentryOrganization, settings.organization);
    m_settings.setValue(SentryProjects, settings.projects);
    m_settings.setValue(SentryEnvironment, settings.environment);
    m_settings.sync();
    Q_EMIT changed(Source::Sentry);
}

SlackSettings SettingsStore::slack() const
{
    SlackSettings s;
    s.channelLabel = m_settings.value(SlackChannelLabel).toString();
    return s;
}

void SettingsStore::setSlack(const SlackSettings &value)
{
    SlackSettings settings = value;
    settings.channelLabel = settings.channelLabel.trimmed();
    if (settings == slack())
        return;
    m_settings.setValue(SlackChannelLabel, settings.channelLabel);
    m_settings.sync();
    Q_EMIT changed(Source::Slack);
}

EmailSettings SettingsStore::email() const
{
    EmailSettings s;
    s.host = m_settings.value(EmailHost).toString();
    s.tls = tlsModeFromName(m_settings.value(EmailTls).toString());
    s.port = m_settings.value(EmailPort, EmailSettings::defaultPort(s.tls)).toInt();
    s.user = m_settings.value(EmailUser).toString();
    s.sender = m_settings.value(EmailSender).toString();
    s.recipients = cleanList(m_settings.value(EmailRecipients).toStringList());
    return s;
}

void SettingsStore::setEmail(const EmailSettings &value)
{
    EmailSettings settings = value;
    settings.host = settings.host.trimmed();
    settings.user = settings.user.trimmed();
    settings.sender = settings.sender.trimmed();
    settings.recipients = cleanList(settings.recipients);
    if (settings == email())
        return;
    m_settings.setValue(EmailHost, settings.host);
    m_settings.setValue(EmailPort, settings.port);
    m_settings.setValue(EmailTls, tlsModeName(settings.tls));
    m_settings.setValue(EmailUser, settings.user);
    m_settings.setValue(EmailSender, settings.sender);
    m_settings.setValue(EmailRecipients, settings.recipients);
    m_settings.sync();
    Q_EMIT changed(Source::Email);
}

bool SettingsStore::isConfigured(Source source) const
{
    switch (source) {
    case Source::GitLab: {
        const GitLabSettings s = gitLab();
        return isHttpUrl(s.baseUrl) && !s.project.trimmed().isEmpty();
    }
    case Source::Sentry: {
        const SentrySettings s = sentry();
        return isHttpUrl(s.apiBaseUrl()) && !s.organization.trimmed().isEmpty() && !s.projects.isEmpty();
    }
    case Source::Slack:
        return true;
    case Source::Email: {
        const EmailSettings s = email();
        return !s.host.trimmed().isEmpty() && s.port > 0 && s.port <= 65535 && !s.sender.trimmed().isEmpty()
            && !s.recipients.isEmpty();
    }
    }
    return false;
}

NotificationSettings SettingsStore::notifications() const
{
    NotificationSettings s;
    s.enabled = m_settings.value(NotificationsEnabled, s.enabled).toBool();
    s.failuresOnly = m_settings.value(NotificationsFailuresOnly, s.failuresOnly).toBool();
    s.refs = cleanList(m_settings.value(NotificationsRefs).toStringList());
    s.environments = cleanList(m_settings.value(NotificationsEnvironments).toStringList());
    return s;
}

void SettingsStore::setNotifications(const NotificationSettings &value)
{
    NotificationSettings settings = value;
    settings.refs = cleanList(settings.refs);
    settings.environments = cleanList(settings.environments);
    if (settings == notifications())
        return;
    m_settings.setValue(NotificationsEnabled, settings.enabled);
    m_settings.setValue(NotificationsFailuresOnly, settings.failuresOnly);
    m_settings.setValue(NotificationsRefs, settings.refs);
    m_settings.setValue(NotificationsEnvironments, settings.environments);
    m_settings.sync();
    Q_EMIT notificationsChanged();
}

VerdictThresholds SettingsStore::thresholds() const
{
    VerdictThresholds t;
    t.maxErrorsPerMinute = m_settings.value(VerdictMaxErrors, t.maxErrorsPerMinute).toDouble();
    t.maxRatio = m_settings.value(VerdictMaxRatio, t.maxRatio).toDouble();
    t.crashFreeFloor = m_settings.value(VerdictCrashFreeFloor, t.crashFreeFloor).toDouble();
    t.minMinutes = m_settings.value(VerdictMinMinutes, t.minMinutes).toDouble();
    return t.bounded();
}

void SettingsStore::setThresholds(const VerdictThresholds &value)
{
    const VerdictThresholds t = value.bounded();
    if (t == thresholds())
        return;
    m_settings.setValue(VerdictMaxErrors, t.maxErrorsPerMinute);
    m_settings.setValue(VerdictMaxRatio, t.maxRatio);
    m_settings.setValue(VerdictCrashFreeFloor, t.crashFreeFloor);
    m_settings.setValue(VerdictMinMinutes, t.minMinutes);
    m_settings.sync();
    Q_EMIT thresholdsChanged();
}

QByteArray SettingsStore::mainWindowState() const
{
    return m_settings.value(WindowState).toByteArray();
}

void SettingsStore::setMainWindowState(const QByteArray &state)
{
    m_settings.setValue(WindowState, state);
    m_settings.sync();
}

QByteArray SettingsStore::mainWindowGeometry() const
{
    return m_settings.value(WindowGeometry).toByteArray();
}

void SettingsStore::setMainWindowGeometry(const QByteArray &geometry)
{
    m_settings.setValue(WindowGeometry, geometry);
    m_settings.sync();
}

QString SettingsStore::language() const
{
    return m_settings.value(Language).toString();
}

void SettingsStore::setLanguage(const QString &language)
{
    if (language == this->language())
        return;
    m_settings.setValue(Language, language);
    m_settings.sync();
    Q_EMIT languageChanged(language);
}

void SettingsStore::sync()
{
    m_settings.sync();
}

} // namespace Shipdeck
