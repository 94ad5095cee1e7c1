#include "appcontext.h"
#include "demodata.h"
#include "demosandbox.h"
#include "mainwindow.h"
#include "services/connectionstatus.h"
#include "services/releasemanager.h"
#include "settings/settingsstore.h"
#include "shipdeck_version.h"

#include <ksyntaxhighlighting_version.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QJsonObject>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QStandardPaths>
#include <QTimer>
#include <QTranslator>

#include <cstdio>
#include <memory>

using namespace Shipdeck;

namespace {

/// Loads Qt's and Shipdeck's translations for @p locale and sets the layout direction it reads in.
void installTranslations(QApplication &app, const QLocale &locale)
{
    auto *qt = new QTranslator(&app);
    if (qt->load(locale,
                 QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    // Shipdeck's own catalogue; for English (and the C locale) the one with the English plural forms.
    auto *own = new QTranslator(&app);
    if (own->load(locale,
                  QStringLiteral("shipdeck"),
                                 QStringLiteral("_"), QStringLiteral(":/i18n"))
                                                || own->load(QStringLiteral("shipdeck_en"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(own);
    QGuiApplication::setLayoutDirection(locale.textDirection());
}

void saveScreenshot(MainWindow *window, const QString &path)
{
    const bool ok = window->grab().save(path, "PNG");
    std::fprintf(ok ? stdout : stderr, "%s\n",
                 qPrintable(ok ? QCoreApplication::translate("main", "Screenshot saved to %1").arg(path)
                               : QCoreApplication::translate("main", "Could not save the screenshot to %1").arg(path)));
    QCoreApplication::exit(ok ? 0 : 1);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Shipdeck"));
    QCoreApplication::setApplicationName(QStringLiteral("shipdeck"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SHIPDECK_VERSION_STRING));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Shipdeck"));
    QGuiApplication::setDesktopFileName(QStringLiteral("org.shipdeck.Shipdeck"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Plan releases, watch rollouts, roll back, and tell people what changed."));
    parser.addHelpOption();
    const QCommandLineOption version(
        QStringList {QStringLiteral("v"), QStringLiteral("version")},
                     QCoreApplication::translate("main", "Print the Shipdeck, Qt and KF6 versions."));
    const QCommandLineOption demo(
        QStringLiteral("demo"), QCoreApplication::translate("main", "Open the demo workspace instead of your own."));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
        QCoreApplication::translate("main", "Render the main window to the PNG <file> once loaded, then quit."),
        QCoreApplication::translate("main", "file"));
    const QCommandLineOption language(
        QStringLiteral("lang"), QCoreApplication::translate("main", "Use <language> (e.g. fa) for the interface."),
                       QCoreApplication::translate("main", "language"));
    parser.addOptions({version, demo, screenshot, language});
    parser.process(app);

    if (parser.isSet(version)) {
        std::printf("Shipdeck %s\nQt %s (built with %s)\nKF6 SyntaxHighlighting %s\n", SHIPDECK_VERSION_STRING,
                    qVersion(), QT_VERSION_STR, KSYNTAXHIGHLIGHTING_VERSION_STRING);
        return 0;
    }

    const Workspace workspace = parser.isSet(demo) ? Workspace::demo() : Workspace::standard();
    AppContext context(workspace);

    // --lang, else the language chosen under Settings, else the system's.
    QString languageName = parser.value(language);
    if (languageName.isEmpty())
        languageName = context.settings()->language();
    const QLocale locale = languageName.isEmpty() ? QLocale::system() : QLocale(languageName);
    QLocale::setDefault(locale);
    installTranslations(app, locale);

    MainWindow window(&context);

    // The demo's GitLab and Sentry are a sandbox started as a child process.
    std::unique_ptr<DemoSandbox> sandbox;
    if (workspace.isDemo()) {
        sandbox = std::make_unique<DemoSandbox>();
        QObject::connect(sandbox.get(), &DemoSandbox::ready, &context, [&context, &sandbox] {
            // Watch the release the scenario rolls out against the one before it.
            const QJsonObject rollout = sandbox->info().value(QStringLiteral("rollout")).toObject();
            context.setWatchedReleases(
                rollout.value(QStringLiteral("sentry_release")).toString(),
                              rollout.value(QStringLiteral("previous_sentry_release")).toString());
            sandbox->configure(context.settings(), context.secrets());
        });
        QObject::connect(sandbox.get(), &DemoSandbox::failed, &window, [&window](const QString &message) {
            QMessageBox::warning(&window, QCoreApplication::translate("main", "Demo"), message);
        });
        sandbox->start();
    }

    // --screenshot: render once the workspace is loaded and, in the demo, GitLab and Sentry have answered (or
    // failed); after 30 s at the latest.
    const QString screenshotPath = parser.value(screenshot);
    if (!screenshotPath.isEmpty()) {
        auto taken = std::make_shared<bool>(false);
        auto take = [&window, screenshotPath, taken] {
            if (*taken)
                return;
            *taken = true;
            // Let the layout settle after the last change (charts lay their axes out a turn after new data), then
            // render.
            QTimer::singleShot(300, &window, [&window, screenshotPath] { saveScreenshot(&window, screenshotPath); });
        };
        // In the demo, wait until every pane that shows live data has some (or its source failed).
        auto maybeTake = [&context, &workspace, take] {
            if (!context.releases()->isLoaded())
                return;
            if (workspace.isDemo()) {
                for (Source source : {Source::GitLab, Source::Sentry}) {
                    const auto state = context.status(source)->state();
                    if (state == ConnectionStatus::State::NotConfigured || state == ConnectionStatus::State::Connecting)
                        return;
                }
                const bool gitLabLive = context.status(Source::GitLab)->state() == ConnectionStatus::State::Live;
                const bool sentryLive = context.status(Source::Sentry)->state() == ConnectionStatus::State::Live;
                if (gitLabLive && context.environments() && !context.environments()->hasData())
                    return;
                if (sentryLive && context.errorRates() && context.errorRates()->errors().series.isEmpty())
                    return;
            }
            take();
        };
        // Screenshot mode only: look again every 200 ms as data arrives from several monitors.
        auto *again = new QTimer(&window);
        QObject::connect(again, &QTimer::timeout, &window, maybeTake);
        again->start(200);
        QTimer::singleShot(30000, &window, take);
    }
    QObject::connect(&context, &AppContext::loaded, &window, [&] {
        if (workspace.isDemo())
            seedDemoWorkspace(context.releases(), context.auditLog());
    });
    context.start();
    window.show();
    return app.exec();
}
