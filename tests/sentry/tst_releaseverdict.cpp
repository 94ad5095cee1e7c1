// ReleaseVerdict: the pure "N.Nx the error rate of vY since deploy T min ago" computation and its thresholds.
#include "sentry/releaseverdict.h"

#include <QStandardPaths>
#include <QTest>

#include <cmath>

using namespace Qt::Literals::StringLiterals;
using namespace Shipdeck;
using Level = ReleaseVerdict::Level;

Q_DECLARE_METATYPE(Shipdeck::ReleaseVerdict::Level)

class ReleaseVerdictTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void compute_data()
    {
        QTest::addColumn<double>("errors");
        QTest::addColumn<double>("minutes");
        QTest::addColumn<double>("sessions"); // <0: unknown
        QTest::addColumn<double>("crashFree"); // <0: unknown
        QTest::addColumn<double>("previousErrors");
        QTest::addColumn<double>("previousSessions");
        QTest::addColumn<double>("ratio"); // NaN: unknown
        QTest::addColumn<Level>("level");
        QTest::addColumn<QString>("summary");

        QTest::newRow("spike") << 1600.0 << 40.0 << -1.0 << -1.0 << 100.0 << -1.0 << 16.0 << Level::Critical
                               << u"v1.7.0: 16.0x the error rate of v1.6.1 since deploy 40 min ago"_s;
        QTest::newRow("same rate") << 100.0 << 40.0 << -1.0 << -1.0 << 100.0 << -1.0 << 1.0 << Level::Healthy
                                   << u"v1.7.0: 1.0x the error rate of v1.6.1 since deploy 40 min ago"_s;
        QTest::newRow("ratio high, absolute low")
            << 30.0 << 40.0 << -1.0 << -1.0 << 10.0 << -1.0 << 3.0 << Level::Warning
            << u"v1.7.0: 3.0x the error rate of v1.6.1 since deploy 40 min ago"_s;
        QTest::newRow("absolute high, ratio low")
            << 800.0 << 40.0 << -1.0 << -1.0 << 700.0 << -1.0 << 800.0 / 700.0 << Level::Warning
            << u"v1.7.0: 1.1x the error rate of v1.6.1 since deploy 40 min ago"_s;
        QTest::newRow("normalised by sessions: more traffic")
            << 400.0 << 40.0 << 4000.0 << -1.0 << 100.0 << 1000.0 << 1.0 << Level::Warning
            << u"v1.7.0: 1.0x the error rate of v1.6.1 since deploy 40 min ago"_s;
        QTest::newRow("crash-free below floor")
            << 100.0 << 40.0 << -1.0 << 0.93 << 100.0 << -1.0 << 1.0 << Level::Critical
            << u"v1.7.0: 1.0x the error rate of v1.6.1 since deploy 40 min ago"_s;
        QTest::newRow("previous had none") << 50.0 << 40.0 << -1.0 << -1.0 << 0.0 << -1.0 << HUGE_VAL << Level::Warning
                                           << u"v1.7.0: errors where v1.6.1 had none since deploy 40 min ago"_s;
        QTest::newRow("both none") << 0.0 << 40.0 << -1.0 << -1.0 << 0.0 << -1.0 << 1.0 << Level::Healthy
                                   << u"v1.7.0: 1.0x the error rate of v1.6.1 since deploy 40 min ago"_s;
        QTest::newRow("too early") << 50.0 << 3.0 << -1.0 << -1.0 << 10.0 << -1.0 << std::nan("") << Level::Unknown
                                   << u"v1.7.0: too early for a verdict (deployed 3 min ago)"_s;
        QTest::newRow("nan errors") << std::nan("") << 40.0 << -1.0 << -1.0 << 10.0 << -1.0 << std::nan("")
                                    << Level::Unknown << u"v1.7.0: too early for a verdict (deployed 40 min ago)"_s;
        QTest::newRow("negative errors") << -5.0 << 40.0 << -1.0 << -1.0 << 10.0 << -1.0 << std::nan("")
                                         << Level::Unknown
                                         << u"v1.7.0: too early for a verdict (deployed 40 min ago)"_s;
        QTest::newRow("zero sessions: per minute")
            << 200.0 << 40.0 << 0.0 << -1.0 << 100.0 << 1000.0 << 2.0 << Level::Warning
            << u"v1.7.0: 2.0x the error rate of v1.6.1 since deploy 40 min ago"_s;
    }

    void compute()
    {
        QFETCH(double, errors);
        QFETCH(double, minutes);
        QFETCH(double, sessions);
        QFETCH(double, crashFree);
        QFETCH(double, previousErrors);
        QFETCH(double, previousSessions);
        QFETCH(double, ratio);
        QFETCH(Level, level);
        QFETCH(QString, summary);

        ReleaseWindow current {u"v1.7.0"_s, errors, minutes, std::nullopt, std::nullopt};
        if (sessions >= 0)
            current.sessions = sessions;
        if (crashFree >= 0)
            current.crashFreeRate = crashFree;
        ReleaseWindow previous {u"v1.6.1"_s, previousErrors, minutes, std::nullopt, std::nullopt};
        if (previousSessions >= 0)
            previous.sessions = previousSessions;
        const ReleaseVerdict verdict = ReleaseVerdict::compute(current, previous);
        QCOMPARE(verdict.level, level);
        QCOMPARE(verdict.summary, summary);
        if (std::isnan(ratio))
            QVERIFY(std::isnan(verdict.ratio));
        else if (std::isinf(ratio))
            QVERIFY(std::isinf(verdict.ratio));
        else
            QVERIFY2(std::abs(verdict.ratio - ratio) < 1e-9, qPrintable(QString::number(verdict.ratio)));
        QCOMPARE(verdict.reasons.isEmpty(), level == Level::Healthy || level == Level::Unknown);
    }

    void windowFromSamples()
    {
        const QList<ErrorSample> samples {
            {0, 5, 5, true}, {60000, 7, 7, true}, {120000, 9, 9, false}, {180000, std::nan(""), 0, true}};
        const ReleaseWindow window = ReleaseWindow::fromSamples(u"a"_s, samples, 60000, 240000);
        QCOMPARE(window.errors, 16.0); // NaN skipped, the bucket before the window left out
        QCOMPARE(window.minutes, 3.0);
    }
};

QTEST_GUILESS_MAIN(ReleaseVerdictTest)
#include "tst_releaseverdict.moc"
