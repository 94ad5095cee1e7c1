#include "appcontext.h"
#include "demodata.h"
#include "mainwindow.h"
#include "services/releasemanager.h"
#include "settings/settingsstore.h"
#include "shipdeck_version.h"

#include <ksyntaxhighlighting_version.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QStandardPaths>
#include <QTimer>
#include <QTranslator>

#include <cstdio>

using namespace Shipdeck;

namespace {

/// Loads Qt's and Shipdeck's translations for @p locale and sets the layout direction it reads in.
void installTranslations(QApplication &app, const QLocale &locale)
{
    auto *qt = new QTranslator(&app);
    if (qt->load(locale,
                 QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    auto *own = new QTranslator(&app);
    if (own->load(locale, QStringLiteral("shipdeck"), QStringLiteral("_"), QStringLiteral(":/i18n")))
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

    const QString screenshotPath = parser.value(screenshot);
    QObject::connect(&context, &AppContext::loaded, &window, [&] {
        if (workspace.isDemo())
            seedDemoWorkspace(context.releases(), context.auditLog());
        if (!screenshotPath.isEmpty()) {
            // Let the layout settle after the last rows arrived, then render.
            QTimer::singleShot(0, &window, [&window, screenshotPath] { saveScreenshot(&window, screenshotPath); });
        }
    });
    context.start();
    window.show();
    return app.exec();
}
