#include "settingsdialog.h"

#include "common/icons.h"

#include "settings/connectionsettings.h"
#include "settings/connectiontest.h"
#include "settings/settingsstore.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStyle>
#include <QVBoxLayout>

#include <initializer_list>

using namespace Qt::StringLiterals;

namespace Shipdeck {

namespace {

/// The Notifications page follows the source pages in the list and the stack.
constexpr int NotificationsPageIndex = static_cast<int>(std::size(allSources));

/// The first icon the theme has among @p names (freedesktop names; Qt 6.7+ maps the standard ones to native icons on
/// Windows and macOS), else the style's @p standard icon.
QIcon themedIcon(std::initializer_list<QLatin1StringView> names, QStyle::StandardPixmap standard, const QWidget *widget)
{
    for (const QLatin1StringView name : names) {
        const QIcon icon = QIcon::fromTheme(QString(name));
        if (!icon.isNull())
            return icon;
    }
    return widget->style()->standardIcon(standard, nullptr, widget);
}

/// An eye, open or struck through, drawn in the text colour: the show/hide password action when the icon theme has
/// none (Windows, macOS, bare Linux sessions).
QIcon drawnEyeIcon(bool struck, const QColor &color)
{
    QIcon icon;
    for (const int size : {16, 22, 32}) {
        for (const qreal dpr : {1.0, 2.0}) {
            QPixmap pixmap(QSize(size, size) * dpr);
            pixmap.setDevicePixelRatio(dpr);
            pixmap.fill(Qt::transparent);
            QPainter painter(&pixmap);
            painter.setRenderHint(QPainter::Antialiasing);
            const qreal s = size;
            QPen pen(color, qMax(1.0, s / 14.0));
            painter.setPen(pen);
            QPainterPath eye;
            eye.moveTo(s * 0.08, s * 0.5);
            eye.quadTo(s * 0.5, s * 0.08, s * 0.92, s * 0.5);
            eye.quadTo(s * 0.5, s * 0.92, s * 0.08, s * 0.5);
            painter.drawPath(eye);
            painter.setBrush(color);
            painter.drawEllipse(QPointF(s * 0.5, s * 0.5), s * 0.13, s * 0.13);
            if (struck)
                painter.drawLine(QPointF(s * 0.15, s * 0.85), QPointF(s * 0.85, s * 0.15));
            painter.end();
            icon.addPixmap(pixmap);
        }
    }
    return icon;
}

QIcon eyeIcon(bool visible, const QWidget *widget)
{
    const QIcon themed = visible ? QIcon::fromTheme(u"view-visible"_s, QIcon::fromTheme(u"password-show-on"_s))
                                 : QIcon::fromTheme(u"view-hidden"_s, QIcon::fromTheme(u"password-show-off"_s));
    if (!themed.isNull())
        return themed;
    return drawnEyeIcon(!visible, widget->palette().color(QPalette::Text));
}

QString regionLabel(const QString &region)
{
    if (region == "us"_L1)
        return SettingsDialog::tr("sentry.io — United States (us)");
    if (region == "de"_L1)
        return SettingsDialog::tr("sentry.io — European Union (de)");
    if (region == "us2"_L1)
        return SettingsDialog::tr("sentry.io — United States 2 (us2)");
    return SettingsDialog::tr("Self-hosted");
}

QUrl urlFromField(const QLineEdit *edit)
{
    return QUrl(edit->text().trimmed(), QUrl::StrictMode);
}

/// Why @p url cannot be a server address, or an empty string when it can.
QString serverUrlError(const QUrl &url)
{
    if (!isHttpUrl(url))
        return SettingsDialog::tr("Enter an address that starts with http:// or https://.");
    if (!url.password().isEmpty())
        return SettingsDialog::tr("Leave the password out of the address; the token has a field of its own.");
    return {};
}

/// Shows or hides the form row of @p label, with @p text.
void setRowMessage(QLabel *label, const QString &text)
{
    label->setText(text);
    if (auto *form = qobject_cast<QFormLayout *>(label->parentWidget()->layout()))
        form->setRowVisible(label, !text.isEmpty());
    else
        label->setVisible(!text.isEmpty());
}

} // namespace

SettingsDialog::SettingsDialog(SettingsStore *settings, SecretStore *secrets, QNetworkAccessManager *nam,
                               QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_secrets(secrets)
    , m_nam(nam)
    , m_testTimeout(ConnectionTest::defaultTimeout)
{
    Q_ASSERT(settings);
    Q_ASSERT(secrets);
    setWindowTitle(tr("Settings"));
    setObjectName(u"SettingsDialog"_s);

    // The notice shown when secrets cannot be stored in a keychain.
    m_sessionOnlyNotice = new QWidget(this);
    m_sessionOnlyNotice->setObjectName(u"sessionOnlyNotice"_s);
    auto *noticeLayout = new QHBoxLayout(m_sessionOnlyNotice);
    noticeLayout->setContentsMargins(0, 0, 0, 0);
    m_sessionOnlyIcon = new QLabel(m_sessionOnlyNotice);
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_sessionOnlyIcon->setPixmap(
        themedIcon({"dialog-warning"_L1}, QStyle::SP_MessageBoxWarning, this).pixmap(iconSize, iconSize));
    m_sessionOnlyIcon->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_sessionOnlyLabel = new QLabel(m_sessionOnlyNotice);
    m_sessionOnlyLabel->setObjectName(u"sessionOnlyLabel"_s);
    m_sessionOnlyLabel->setTextFormat(Qt::PlainText);
    m_sessionOnlyLabel->setWordWrap(true);
    noticeLayout->addWidget(m_sessionOnlyIcon, 0, Qt::AlignTop);
    noticeLayout->addWidget(m_sessionOnlyLabel, 1);

    // The page list on the leading side (it moves to the right in right-to-left languages), the pages next to it.
    m_list = new QListWidget(this);
    m_list->setObjectName(u"pageList"_s);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setIconSize(QSize(iconSize * 2, iconSize * 2));
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Expanding);
    m_stack = new QStackedWidget(this);
    m_stack->setObjectName(u"pageStack"_s);

    const struct
    {
        Source source;
        QIcon icon;
        QWidget *page;
    } pages[] = {
        {Source::GitLab, appIcon(u"gitlab"_s, u"source-gitlab"_s), createGitLabPage()},
        {Source::Sentry, appIcon(u"sentry"_s, u"source-sentry"_s), createSentryPage()},
        {Source::Slack, appIcon(u"slack"_s, u"source-slack"_s), createSlackPage()},
        {Source::Email, appIcon(u"mail-send"_s, u"source-email"_s), createEmailPage()},
    };
    for (const auto &entry : pages) {
        Q_ASSERT(m_stack->count() == static_cast<int>(entry.source));
        auto *item = new QListWidgetItem(entry.icon, sourceName(entry.source), m_list);
        item->setData(Qt::UserRole, QVariant::fromValue(entry.source));
        m_stack->addWidget(entry.page);
    }
    {
        auto *item = new QListWidgetItem(appIcon(u"preferences-desktop-notification"_s, u"pane-pipelines"_s),
                                         tr("Notifications"), m_list);
        item->setData(Qt::UserRole, u"notifications"_s);
        Q_ASSERT(m_stack->count() == NotificationsPageIndex);
        m_stack->addWidget(createNotificationsPage());
    }
    m_list->setFixedWidth(m_list->sizeHintForColumn(0) + 2 * m_list->frameWidth()
                          + style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, this));
    connect(m_list, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Apply | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(m_buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, &SettingsDialog::apply);

    auto *body = new QHBoxLayout;
    body->addWidget(m_list);
    body->addWidget(m_stack, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_sessionOnlyNotice);
    layout->addLayout(body, 1);
    layout->addWidget(m_buttons);

    loadSettings();
    updateSentryUrlEnabled();
    updateNotificationsEnabled();
    updateValidity();
    updateSessionOnlyNotice();
    connect(m_secrets, &SecretStore::backendAvailabilityChanged, this, &SettingsDialog::updateSessionOnlyNotice);
    loadSecrets();

    m_list->setCurrentRow(0);
    const QFontMetrics metrics = fontMetrics();
    setMinimumSize(minimumSizeHint().expandedTo(QSize(metrics.averageCharWidth() * 70, metrics.height() * 22)));
    resize(sizeHint().expandedTo(QSize(metrics.averageCharWidth() * 95, metrics.height() * 30)));
}

SettingsDialog::~SettingsDialog() = default;

QWidget *SettingsDialog::wrapPage(Source source, const QString &description, QWidget *form)
{
    Page &p = page(source);
    auto *widget = new QWidget;
    p.widget = widget;

    auto *title = new QLabel(sourceName(source), widget);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    title->setFont(titleFont);
    title->setTextFormat(Qt::PlainText);

    auto *about = new QLabel(description, widget);
    about->setTextFormat(Qt::PlainText);
    about->setWordWrap(true);

    p.testButton = new QPushButton(tr("&Test Connection"), widget);
    p.testButton->setObjectName(u"testButton"_s);
    p.testButton->setIcon(themedIcon({"network-connect"_L1, "network-wired"_L1}, QStyle::SP_BrowserReload, this));
    connect(p.testButton, &QPushButton::clicked, this, [this, source] { testConnection(source); });

    // The result may quote the server, so it is shown as plain text only.
    p.resultIcon = new QLabel(widget);
    p.resultIcon->setObjectName(u"testResultIcon"_s);
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    p.resultIcon->setFixedSize(iconSize, iconSize);
    p.resultText = new QLabel(widget);
    p.resultText->setObjectName(u"testResult"_s);
    p.resultText->setTextFormat(Qt::PlainText);
    p.resultText->setWordWrap(true);
    p.resultText->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *testRow = new QHBoxLayout;
    testRow->addWidget(p.testButton);
    testRow->addStretch(1);
    auto *resultRow = new QHBoxLayout;
    resultRow->addWidget(p.resultIcon, 0, Qt::AlignTop);
    resultRow->addWidget(p.resultText, 1);

    auto *layout = new QVBoxLayout(widget);
    layout->addWidget(title);
    layout->addWidget(about);
    layout->addWidget(form);
    layout->addLayout(testRow);
    layout->addLayout(resultRow);
    layout->addStretch(1);
    return widget;
}

QLineEdit *SettingsDialog::createSecretEdit(Source source, const QString &objectName)
{
    auto *edit = new QLineEdit;
    edit->setObjectName(objectName);
    edit->setEchoMode(QLineEdit::Password);
    edit->setClearButtonEnabled(false);
    // Never offer the secret to input methods' learning or prediction.
    edit->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText
                              | Qt::ImhNoAutoUppercase);

    auto *toggle = edit->addAction(eyeIcon(true, this), QLineEdit::TrailingPosition);
    toggle->setObjectName(u"showSecretAction"_s);
    toggle->setCheckable(true);
    toggle->setText(tr("Show"));
    toggle->setToolTip(tr("Show the secret"));
    connect(toggle, &QAction::toggled, edit, [this, edit, toggle](bool shown) {
        edit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        toggle->setIcon(eyeIcon(!shown, this));
        toggle->setText(shown ? tr("Hide") : tr("Show"));
        toggle->setToolTip(shown ? tr("Hide the secret") : tr("Show the secret"));
    });

    connect(edit, &QLineEdit::textEdited, this, [this, source] { page(source).secretEdited = true; });
    page(source).secret = edit;
    return edit;
}

QLabel *SettingsDialog::createErrorLabel()
{
    auto *label = new QLabel;
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    // Breeze's "negative text" colour, readable on light and dark backgrounds.
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, QColor(0xda, 0x44, 0x53));
    label->setPalette(palette);
    return label;
}

QWidget *SettingsDialog::createGitLabPage()
{
    auto *form = new QWidget;
    auto *layout = new QFormLayout(form);

    m_gitLabUrl = new QLineEdit(form);
    m_gitLabUrl->setObjectName(u"gitLabUrl"_s);
    m_gitLabUrl->setPlaceholderText(u"https://gitlab.com"_s);
    m_gitLabUrl->setInputMethodHints(Qt::ImhUrlCharactersOnly | Qt::ImhNoAutoUppercase);
    layout->addRow(tr("&Server:"), m_gitLabUrl);
    m_gitLabUrlError = createErrorLabel();
    m_gitLabUrlError->setObjectName(u"gitLabUrlError"_s);
    layout->addRow(QString(), m_gitLabUrlError);

    m_gitLabProject = new QLineEdit(form);
    m_gitLabProject->setObjectName(u"gitLabProject"_s);
    m_gitLabProject->setPlaceholderText(tr("group/project or 1234"));
    layout->addRow(tr("&Project:"), m_gitLabProject);

    auto *token = createSecretEdit(Source::GitLab, u"gitLabToken"_s);
    token->setPlaceholderText(u"glpat-…"_s);
    layout->addRow(tr("Access &token:"), token);
    auto *tokenHint = new QLabel(tr("A personal, project or group access token. Reading needs the read_api scope; "
                                    "retrying jobs for a rollback needs api."),
                                 form);
    tokenHint->setTextFormat(Qt::PlainText);
    tokenHint->setWordWrap(true);
    tokenHint->setForegroundRole(QPalette::PlaceholderText);
    layout->addRow(QString(), tokenHint);

    connect(m_gitLabUrl, &QLineEdit::textChanged, this, &SettingsDialog::updateValidity);

    return wrapPage(Source::GitLab, tr("Pipelines, deployments and rollbacks come from this GitLab project."), form);
}

QWidget *SettingsDialog::createSentryPage()
{
    auto *form = new QWidget;
    auto *layout = new QFormLayout(form);

    m_sentryRegion = new QComboBox(form);
    m_sentryRegion->setObjectName(u"sentryRegion"_s);
    const QStringList regions = SentrySettings::regions();
    for (const QString &region : regions)
        m_sentryRegion->addItem(regionLabel(region), region);
    layout->addRow(tr("&Region:"), m_sentryRegion);

    m_sentryUrl = new QLineEdit(form);
    m_sentryUrl->setObjectName(u"sentryUrl"_s);
    m_sentryUrl->setPlaceholderText(u"https://sentry.example.com"_s);
    m_sentryUrl->setInputMethodHints(Qt::ImhUrlCharactersOnly | Qt::ImhNoAutoUppercase);
    layout->addRow(tr("&Server:"), m_sentryUrl);
    m_sentryUrlError = createErrorLabel();
    m_sentryUrlError->setObjectName(u"sentryUrlError"_s);
    layout->addRow(QString(), m_sentryUrlError);

    m_sentryOrganization = new QLineEdit(form);
    m_sentryOrganization->setObjectName(u"sentryOrganization"_s);
    m_sentryOrganization->setPlaceholderText(tr("organization-slug"));
    layout->addRow(tr("&Organization:"), m_sentryOrganization);

    m_sentryProjects = new QLineEdit(form);
    m_sentryProjects->setObjectName(u"sentryProjects"_s);
    m_sentryProjects->setPlaceholderText(tr("backend, web-app"));
    m_sentryProjects->setToolTip(tr("Project slugs, separated by commas."));
    layout->addRow(tr("&Projects:"), m_sentryProjects);

    m_sentryEnvironment = new QLineEdit(form);
    m_sentryEnvironment->setObjectName(u"sentryEnvironment"_s);
    m_sentryEnvironment->setPlaceholderText(tr("production (empty for all)"));
    layout->addRow(tr("&Environment:"), m_sentryEnvironment);

    auto *token = createSecretEdit(Source::Sentry, u"sentryToken"_s);
    token->setPlaceholderText(u"sntryu_…"_s);
    layout->addRow(tr("Auth &token:"), token);
    auto *tokenHint = new QLabel(tr("An internal integration or personal token with org:read, project:read, "
                                    "event:read and project:releases."),
                                 form);
    tokenHint->setTextFormat(Qt::PlainText);
    tokenHint->setWordWrap(true);
    tokenHint->setForegroundRole(QPalette::PlaceholderText);
    layout->addRow(QString(), tokenHint);

    connect(m_sentryRegion, &QComboBox::currentIndexChanged, this, [this] {
        updateSentryUrlEnabled();
        updateValidity();
    });
    connect(m_sentryUrl, &QLineEdit::textChanged, this, &SettingsDialog::updateValidity);

    return wrapPage(Source::Sentry, tr("Error rates and release health come from these Sentry projects."), form);
}

QWidget *SettingsDialog::createSlackPage()
{
    auto *form = new QWidget;
    auto *layout = new QFormLayout(form);

    auto *webhook = createSecretEdit(Source::Slack, u"slackWebhook"_s);
    webhook->setPlaceholderText(u"https://hooks.slack.com/services/…"_s);
    layout->addRow(tr("Incoming &webhook URL:"), webhook);
    m_slackWebhookError = createErrorLabel();
    m_slackWebhookError->setObjectName(u"slackWebhookError"_s);
    layout->addRow(QString(), m_slackWebhookError);

    m_slackChannel = new QLineEdit(form);
    m_slackChannel->setObjectName(u"slackChannel"_s);
    m_slackChannel->setPlaceholderText(tr("#releases"));
    layout->addRow(tr("&Channel label:"), m_slackChannel);

    connect(webhook, &QLineEdit::textChanged, this, &SettingsDialog::updateValidity);

    return wrapPage(Source::Slack,
                    tr("Release notifications are posted through a Slack incoming webhook. Its URL is a secret: "
                       "anyone who has it can post to the channel."),
                    form);
}

QWidget *SettingsDialog::createEmailPage()
{
    auto *form = new QWidget;
    auto *layout = new QFormLayout(form);

    m_emailHost = new QLineEdit(form);
    m_emailHost->setObjectName(u"emailHost"_s);
    m_emailHost->setPlaceholderText(u"smtp.example.com"_s);
    layout->addRow(tr("SMTP &server:"), m_emailHost);

    m_emailPort = new QSpinBox(form);
    m_emailPort->setObjectName(u"emailPort"_s);
    m_emailPort->setRange(1, 65535);
    m_emailPort->setGroupSeparatorShown(false);
    layout->addRow(tr("&Port:"), m_emailPort);

    m_emailTls = new QComboBox(form);
    m_emailTls->setObjectName(u"emailTls"_s);
    m_emailTls->addItem(tr("STARTTLS"), QVariant::fromValue(static_cast<int>(EmailSettings::TlsMode::StartTls)));
    m_emailTls->addItem(tr("Implicit TLS (SMTPS)"),
                        QVariant::fromValue(static_cast<int>(EmailSettings::TlsMode::ImplicitTls)));
    m_emailTls->addItem(tr("None (unencrypted)"), QVariant::fromValue(static_cast<int>(EmailSettings::TlsMode::None)));
    layout->addRow(tr("&Encryption:"), m_emailTls);

    m_emailUser = new QLineEdit(form);
    m_emailUser->setObjectName(u"emailUser"_s);
    m_emailUser->setPlaceholderText(tr("empty when the server needs no login"));
    layout->addRow(tr("&User name:"), m_emailUser);

    layout->addRow(tr("Pass&word:"), createSecretEdit(Source::Email, u"emailPassword"_s));

    m_emailSender = new QLineEdit(form);
    m_emailSender->setObjectName(u"emailSender"_s);
    m_emailSender->setPlaceholderText(u"shipdeck@example.com"_s);
    layout->addRow(tr("&From:"), m_emailSender);

    m_emailRecipients = new QLineEdit(form);
    m_emailRecipients->setObjectName(u"emailRecipients"_s);
    m_emailRecipients->setPlaceholderText(tr("team@example.com, oncall@example.com"));
    m_emailRecipients->setToolTip(tr("Addresses, separated by commas."));
    layout->addRow(tr("&Recipients:"), m_emailRecipients);
    m_emailRecipientsError = createErrorLabel();
    m_emailRecipientsError->setObjectName(u"emailRecipientsError"_s);
    layout->addRow(QString(), m_emailRecipientsError);

    connect(m_emailTls, &QComboBox::currentIndexChanged, this, &SettingsDialog::onTlsModeChanged);
    connect(m_emailSender, &QLineEdit::textChanged, this, &SettingsDialog::updateValidity);
    connect(m_emailRecipients, &QLineEdit::textChanged, this, &SettingsDialog::updateValidity);

    return wrapPage(Source::Email, tr("Release notifications are sent by email through this SMTP server."), form);
}

QWidget *SettingsDialog::createNotificationsPage()
{
    auto *widget = new QWidget;
    widget->setObjectName(u"notificationsPage"_s);

    auto *title = new QLabel(tr("Notifications"), widget);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    title->setFont(titleFont);
    title->setTextFormat(Qt::PlainText);

    auto *about = new QLabel(tr("Shipdeck shows the worst state of the watched pipelines in the system tray and tells "
                                "you when a pipeline fails, when a failed branch passes again, and when a deploy "
                                "waits for someone to start it."),
                             widget);
    about->setTextFormat(Qt::PlainText);
    about->setWordWrap(true);

    m_notificationsEnabled = new QCheckBox(tr("&Show desktop notifications about pipelines"), widget);
    m_notificationsEnabled->setObjectName(u"notificationsEnabled"_s);
    m_notificationsFailuresOnly = new QCheckBox(tr("&Only when a pipeline fails"), widget);
    m_notificationsFailuresOnly->setObjectName(u"notificationsFailuresOnly"_s);

    auto *form = new QWidget(widget);
    auto *layout = new QFormLayout(form);
    layout->setContentsMargins(0, 0, 0, 0);
    m_notificationRefs = new QLineEdit(form);
    m_notificationRefs->setObjectName(u"notificationRefs"_s);
    m_notificationRefs->setPlaceholderText(tr("All branches and tags, or e.g. main, release/*"));
    m_notificationRefs->setToolTip(tr("Branches and tags to watch, separated by commas. * matches any characters, "
                                      "? one. Empty: every branch and tag."));
    layout->addRow(tr("&Branches and tags:"), m_notificationRefs);
    m_notificationEnvironments = new QLineEdit(form);
    m_notificationEnvironments->setObjectName(u"notificationEnvironments"_s);
    m_notificationEnvironments->setPlaceholderText(tr("All environments, or e.g. production, prod-*"));
    m_notificationEnvironments->setToolTip(tr("Environments whose waiting manual deploys are announced, separated by "
                                              "commas. * matches any characters, ? one. Empty: every environment."));
    layout->addRow(tr("Manual deploys &to:"), m_notificationEnvironments);

    connect(m_notificationsEnabled, &QCheckBox::toggled, this, &SettingsDialog::updateNotificationsEnabled);
    connect(m_notificationsFailuresOnly, &QCheckBox::toggled, this, &SettingsDialog::updateNotificationsEnabled);

    auto *pageLayout = new QVBoxLayout(widget);
    pageLayout->addWidget(title);
    pageLayout->addWidget(about);
    pageLayout->addWidget(m_notificationsEnabled);
    pageLayout->addWidget(m_notificationsFailuresOnly);
    pageLayout->addWidget(form);
    pageLayout->addStretch(1);
    return widget;
}

void SettingsDialog::updateNotificationsEnabled()
{
    const bool enabled = m_notificationsEnabled->isChecked();
    m_notificationsFailuresOnly->setEnabled(enabled);
    m_notificationRefs->setEnabled(enabled);
    // Manual deploys are announced only when not limited to failures.
    m_notificationEnvironments->setEnabled(enabled && !m_notificationsFailuresOnly->isChecked());
}

void SettingsDialog::loadSettings()
{
    const GitLabSettings gitLab = m_settings->gitLab();
    m_gitLabUrl->setText(gitLab.baseUrl.toString());
    m_gitLabProject->setText(gitLab.project);

    const SentrySettings sentry = m_settings->sentry();
    const int regionIndex = m_sentryRegion->findData(sentry.region);
    m_sentryRegion->setCurrentIndex(qMax(0, regionIndex));
    m_sentryUrl->setText(sentry.baseUrl.toString());
    m_sentryOrganization->setText(sentry.organization);
    m_sentryProjects->setText(sentry.projects.join(u", "_s));
    m_sentryEnvironment->setText(sentry.environment);

    m_slackChannel->setText(m_settings->slack().channelLabel);

    const EmailSettings email = m_settings->email();
    m_emailHost->setText(email.host);
    {
        const QSignalBlocker blocker(m_emailTls); // keep the saved port
        m_emailTls->setCurrentIndex(qMax(0, m_emailTls->findData(static_cast<int>(email.tls))));
        m_emailTlsIndex = m_emailTls->currentIndex();
    }
    m_emailPort->setValue(email.port);
    m_emailUser->setText(email.user);
    m_emailSender->setText(email.sender);
    m_emailRecipients->setText(email.recipients.join(u", "_s));

    const NotificationSettings notifications = m_settings->notifications();
    m_notificationsEnabled->setChecked(notifications.enabled);
    m_notificationsFailuresOnly->setChecked(notifications.failuresOnly);
    m_notificationRefs->setText(notifications.refs.join(u", "_s));
    m_notificationEnvironments->setText(notifications.environments.join(u", "_s));
}

void SettingsDialog::loadSecrets()
{
    connect(m_secrets, &SecretStore::secretRead, this, &SettingsDialog::onSecretRead);
    connect(m_secrets, &SecretStore::secretWritten, this, [this](SecretStore::Key key, const QString &error) {
        if (!error.isEmpty()) {
            for (Source source : allSources) {
                if (SecretStore::keyFor(source) == key)
                    showResult(source, false, tr("The secret could not be saved: %1").arg(error));
            }
        }
    });
    for (Source source : allSources) {
        const SecretStore::Key key = SecretStore::keyFor(source);
        Page &p = page(source);
        if (m_secrets->isCached(key)) {
            p.loadedSecret = m_secrets->cachedSecret(key);
            p.secret->setText(p.loadedSecret);
        }
        m_secrets->read(key);
    }
    updateValidity();
}

void SettingsDialog::onSecretRead(SecretStore::Key key, const QString &value, const QString &error)
{
    for (Source source : allSources) {
        if (SecretStore::keyFor(source) != key)
            continue;
        Page &p = page(source);
        if (!error.isEmpty()) {
            showResult(source, false, tr("The saved secret could not be read: %1").arg(error));
            continue;
        }
        if (p.secretEdited)
            continue; // the user's typing wins
        p.loadedSecret = value;
        p.secret->setText(value);
    }
    updateValidity();
}

void SettingsDialog::updateSessionOnlyNotice()
{
    const bool sessionOnly = m_secrets && !m_secrets->isPersistent();
    m_sessionOnlyLabel->setText(sessionOnly ? m_secrets->backendMessage() : QString());
    m_sessionOnlyNotice->setVisible(sessionOnly);
}

void SettingsDialog::updateSentryUrlEnabled()
{
    const bool custom = m_sentryRegion->currentData().toString() == "custom"_L1;
    m_sentryUrl->setEnabled(custom);
}

void SettingsDialog::onTlsModeChanged()
{
    // Follow the usual port of the new mode, unless the user chose a port of their own.
    const auto previous = static_cast<EmailSettings::TlsMode>(m_emailTls->itemData(m_emailTlsIndex).toInt());
    const auto current = static_cast<EmailSettings::TlsMode>(m_emailTls->currentData().toInt());
    if (m_emailPort->value() == EmailSettings::defaultPort(previous))
        m_emailPort->setValue(EmailSettings::defaultPort(current));
    m_emailTlsIndex = m_emailTls->currentIndex();
}

void SettingsDialog::updateValidity()
{
    if (!m_buttons)
        return; // still building the pages
    const std::array<QString, 4> noErrors;
    std::array<QString, 4> errors = noErrors;

    errors[static_cast<int>(Source::GitLab)] = serverUrlError(urlFromField(m_gitLabUrl));
    setRowMessage(m_gitLabUrlError, errors[static_cast<int>(Source::GitLab)]);

    QString sentryError;
    if (m_sentryUrl->isEnabled())
        sentryError = serverUrlError(urlFromField(m_sentryUrl));
    errors[static_cast<int>(Source::Sentry)] = sentryError;
    setRowMessage(m_sentryUrlError, sentryError);

    QString slackError;
    const QString webhook = page(Source::Slack).secret->text().trimmed();
    if (!webhook.isEmpty()) {
        const QUrl url(webhook, QUrl::StrictMode);
        if (!isHttpUrl(url) || url.scheme().compare("https"_L1, Qt::CaseInsensitive) != 0)
            slackError = tr("The webhook URL must start with https://.");
    }
    errors[static_cast<int>(Source::Slack)] = slackError;
    setRowMessage(m_slackWebhookError, slackError);

    QString emailError;
    const QStringList addresses = splitList(m_emailRecipients->text()) + splitList(m_emailSender->text());
    for (const QString &address : addresses) {
        if (!address.contains(u'@') || address.startsWith(u'@') || address.endsWith(u'@')) {
            emailError = tr("“%1” is not an email address.").arg(address);
            break;
        }
    }
    errors[static_cast<int>(Source::Email)] = emailError;
    setRowMessage(m_emailRecipientsError, emailError);

    // Mark the pages that need attention in the list, so a disabled OK button is never a riddle.
    for (Source source : allSources) {
        const int row = static_cast<int>(source);
        if (QListWidgetItem *item = m_list->item(row))
            item->setToolTip(errors[row]);
    }

    const bool valid = errors == noErrors;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(valid);
    m_buttons->button(QDialogButtonBox::Apply)->setEnabled(valid);
}

bool SettingsDialog::isInputValid() const
{
    return m_buttons->button(QDialogButtonBox::Ok)->isEnabled();
}

void SettingsDialog::showPage(Source source)
{
    m_list->setCurrentRow(static_cast<int>(source));
}

void SettingsDialog::showNotificationsPage()
{
    m_list->setCurrentRow(NotificationsPageIndex);
}

bool SettingsDialog::isNotificationsPageShown() const
{
    return m_stack->currentIndex() == NotificationsPageIndex;
}

Source SettingsDialog::currentPage() const
{
    const int index = m_stack->currentIndex();
    return index < 0 || index >= NotificationsPageIndex ? Source::GitLab : static_cast<Source>(index);
}

void SettingsDialog::setConnectionTestTimeout(std::chrono::milliseconds timeout)
{
    m_testTimeout = timeout;
}

GitLabSettings SettingsDialog::gitLabFromForm() const
{
    GitLabSettings s;
    s.baseUrl = urlFromField(m_gitLabUrl);
    s.project = m_gitLabProject->text().trimmed();
    return s;
}

SentrySettings SettingsDialog::sentryFromForm() const
{
    SentrySettings s;
    s.region = m_sentryRegion->currentData().toString();
    s.baseUrl = urlFromField(m_sentryUrl);
    s.organization = m_sentryOrganization->text().trimmed();
    s.projects = splitList(m_sentryProjects->text());
    s.environment = m_sentryEnvironment->text().trimmed();
    return s;
}

SlackSettings SettingsDialog::slackFromForm() const
{
    SlackSettings s;
    s.channelLabel = m_slackChannel->text().trimmed();
    return s;
}

EmailSettings SettingsDialog::emailFromForm() const
{
    EmailSettings s;
    s.host = m_emailHost->text().trimmed();
    s.port = m_emailPort->value();
    s.tls = static_cast<EmailSettings::TlsMode>(m_emailTls->currentData().toInt());
    s.user = m_emailUser->text().trimmed();
    s.sender = m_emailSender->text().trimmed();
    s.recipients = splitList(m_emailRecipients->text());
    return s;
}

NotificationSettings SettingsDialog::notificationsFromForm() const
{
    NotificationSettings s;
    s.enabled = m_notificationsEnabled->isChecked();
    s.failuresOnly = m_notificationsFailuresOnly->isChecked();
    // Commas separate patterns; refs and environment names never hold one.
    s.refs = splitList(m_notificationRefs->text());
    s.environments = splitList(m_notificationEnvironments->text());
    return s;
}

void SettingsDialog::apply()
{
    if (!isInputValid())
        return;
    m_settings->setGitLab(gitLabFromForm());
    m_settings->setSentry(sentryFromForm());
    m_settings->setSlack(slackFromForm());
    m_settings->setEmail(emailFromForm());
    m_settings->setNotifications(notificationsFromForm());

    if (m_secrets) {
        for (Source source : allSources) {
            Page &p = page(source);
            // Tokens and the webhook lose stray whitespace from copy and paste; a password is taken as typed.
            const QString value = source == Source::Email ? p.secret->text() : p.secret->text().trimmed();
            if (p.secretEdited && value != p.loadedSecret)
                m_secrets->write(SecretStore::keyFor(source), value); // an empty value removes the secret
            if (p.secretEdited)
                p.loadedSecret = value;
            p.secretEdited = false;
        }
    }
    Q_EMIT applied();
}

void SettingsDialog::accept()
{
    if (!isInputValid())
        return;
    apply();
    QDialog::accept();
}

void SettingsDialog::testConnection(Source source)
{
    Page &p = page(source);
    if (p.test)
        return;

    auto *test = new ConnectionTest(m_nam, this);
    test->setTimeout(m_testTimeout);
    p.test = test;
    p.testButton->setEnabled(false);
    p.testButton->setText(tr("Testing…"));
    p.resultIcon->clear();
    p.resultText->setText(tr("Connecting…"));

    connect(test, &ConnectionTest::finished, this, [this, source, test](bool ok, const QString &message) {
        Page &p = page(source);
        p.test = nullptr;
        test->deleteLater();
        p.testButton->setEnabled(true);
        p.testButton->setText(tr("&Test Connection"));
        showResult(source, ok, message);
        Q_EMIT connectionTestFinished(source, ok, message);
    });

    const QString secret = p.secret->text();
    switch (source) {
    case Source::GitLab:
        test->start(gitLabFromForm(), secret.trimmed());
        break;
    case Source::Sentry:
        test->start(sentryFromForm(), secret.trimmed());
        break;
    case Source::Slack:
        test->start(slackFromForm(), secret.trimmed());
        break;
    case Source::Email:
        test->start(emailFromForm(), secret);
        break;
    }
}

void SettingsDialog::showResult(Source source, bool ok, const QString &message)
{
    Page &p = page(source);
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    const QIcon icon = ok
        ? themedIcon({"dialog-ok-apply"_L1, "emblem-success"_L1, "emblem-ok"_L1}, QStyle::SP_DialogApplyButton, this)
        : themedIcon({"dialog-error"_L1}, QStyle::SP_MessageBoxCritical, this);
    p.resultIcon->setPixmap(icon.pixmap(size, size));
    p.resultText->setText(message);
}

} // namespace Shipdeck
