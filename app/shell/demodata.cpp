#include "demodata.h"

#include "services/auditlog.h"
#include "services/releasemanager.h"

#include <QCoreApplication>
#include <QTimeZone>

namespace Shipdeck {

void seedDemoWorkspace(ReleaseManager *releases, AuditLog *audit)
{
    if (releases->count() > 0)
        return;
    const QTimeZone zone(QByteArrayLiteral("Europe/Berlin"));
    const QDate today = QDate::currentDate();
    auto at = [&zone, &today](int days, int hour) {
        return QDateTime(today.addDays(days), QTime(hour, 0), zone);
    };
    auto translated = [](const char *text) {
        return QCoreApplication::translate("Shipdeck::DemoData", text);
    };
    const QStringList both {QStringLiteral("staging"), QStringLiteral("production")};

    struct Seed
    {
        const char *version;
        const char *title;
        int day;
        ReleaseStatus status;
        const char *owner;
    };
    const Seed seeds[] = {
        {"2.3.1", QT_TRANSLATE_NOOP("Shipdeck::DemoData", "Search fixes"), -16, ReleaseStatus::Released, "amira"},
        {"2.3.2", QT_TRANSLATE_NOOP("Shipdeck::DemoData", "Checkout hotfix"), -9, ReleaseStatus::Released, "jonas"},
        {"2.4.0", QT_TRANSLATE_NOOP("Shipdeck::DemoData", "New onboarding flow"), 0, ReleaseStatus::InProgress,
         "amira"},
        {"2.4.1", QT_TRANSLATE_NOOP("Shipdeck::DemoData", "Onboarding polish"), 6, ReleaseStatus::Scheduled, "leila"},
        {"2.5.0", QT_TRANSLATE_NOOP("Shipdeck::DemoData", "Team billing"), 15, ReleaseStatus::Planned, "jonas"},
    };
    for (const Seed &seed : seeds) {
        Release release;
        release.version = QLatin1StringView(seed.version);
        release.title = translated(seed.title);
        release.plannedStart = at(seed.day, 10);
        release.plannedEnd = at(seed.day, 12);
        release.environments = both;
        release.status = seed.status;
        release.owner = QLatin1StringView(seed.owner);
        release.milestone = QLatin1StringView(seed.version).first(3);
        release.tag = u'v' + release.version;
        releases->addRelease(release);
    }
    audit->record(AuditEvent {
        .when = at(-9, 11).toUTC(),
        .who = QStringLiteral("jonas"),
                              .what = QStringLiteral("deploy"),
                                                     .subject = QStringLiteral("2.3.2 → production"),
                                                                               .why = translated(seeds[1].title),
                                                                               .outcome = QStringLiteral("ok")});
}

} // namespace Shipdeck
