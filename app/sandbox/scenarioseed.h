#pragma once

#include "scenario.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace Shipdeck::Sandbox {

/// Builds the scripted history of a Scenario (users, commits, MRs, releases, pipelines, issues) from its seed.
class ScenarioSeeder
{
public:
    explicit ScenarioSeeder(Scenario &scenario) : m(scenario) { }
    void run();
    /// See Scenario::push().
    int push(const QString &ref, const QString &title, bool failTest, bool deploy, const QDateTime &at);

private:
    struct Change
    {
        QString title;
        QString category; ///< Changelog trailer value
        QString label;
        QStringList files;
    };

    [[nodiscard]] double noise(quint64 a, quint64 b = 0) const;
    [[nodiscard]] int pick(int count, quint64 a, quint64 b = 0) const;
    [[nodiscard]] QDateTime workdayAt(const QDateTime &around, int hour, int minute) const;

    void seedPeople();
    void seedProject();
    void seedSentry();
    int addCommit(const QString &title, const QString &body, int authorId, const QDateTime &time,
                  const QString &changelog = QString(), int mrIid = 0, const QStringList &files = QStringList());
    int mergeChange(const Change &change, const QDateTime &mergedAt, int milestoneId);
    int addMilestone(const QString &title, const QString &state, const QDate &start, const QDate &due,
                     const QDateTime &created);
    int addPipeline(const QString &ref, const QString &sha, const QDateTime &created, int userId, bool deploy,
                    bool failTest, const QDateTime &playAt);
    void addReleaseCycle(const QString &version, const QDateTime &releaseAt, const QList<Change> &changes,
                         const QDateTime &windowStart, bool playProduction);
    void seedIssues();

    Scenario &m;
    int m_nextMrIid = 131;
    int m_nextMilestoneId = 61;
    int m_nextMilestoneIid = 9;
    int m_nextIssue = 1;
    quint64 m_counter = 0;
};

} // namespace Shipdeck::Sandbox
