// JobListModel: jobs grouped by stage in pipeline order, merged by id with exact signals.
#include "gitlab/joblistmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Shipdeck;
using namespace Qt::Literals::StringLiterals;

namespace {

Job makeJob(qint64 id, const QString &stage, PipelineStatus status)
{
    Job j;
    j.id = id;
    j.pipelineId = 1;
    j.name = stage;
    j.stage = stage;
    j.status = status;
    j.manual = status == PipelineStatus::Manual;
    return j;
}

} // namespace

class TestJobListModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void groupsByStageAndMerges()
    {
        JobListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        // GitLab answers id DESC.
        QList<Job> jobs {makeJob(14, u"deploy-production"_s, PipelineStatus::Created),
                         makeJob(13, u"deploy-staging"_s, PipelineStatus::Created),
                         makeJob(12, u"test"_s, PipelineStatus::Created),
                         makeJob(11, u"build"_s, PipelineStatus::Running)};
        model.setJobs(1, jobs);
        QCOMPARE(model.stages(), (QStringList {u"build"_s, u"test"_s, u"deploy-staging"_s, u"deploy-production"_s}));
        QCOMPARE(model.jobAt(0)->id, 11);
        QCOMPARE(model.data(model.index(3, 0), GitLabStageIndexRole).toInt(), 3);

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        jobs[3].status = PipelineStatus::Success;
        jobs[0].status = PipelineStatus::Manual;
        jobs[0].manual = true;
        model.setJobs(1, jobs);
        QCOMPARE(changed.count(), 2);
        QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 0);
        QCOMPARE(changed.at(1).at(0).value<QModelIndex>().row(), 3);
        QCOMPARE(reset.count(), 0);
        QVERIFY(model.data(model.index(3, 0), GitLabManualRole).toBool());
        QVERIFY(model.data(model.index(0, 0), GitLabRetryableRole).toBool());

        // A retried job (new id) in the build stage is inserted next to it.
        jobs.prepend(makeJob(15, u"build"_s, PipelineStatus::Pending));
        model.setJobs(1, jobs);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.at(0).at(1).toInt(), 1);
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(reset.count(), 0);

        // Another pipeline: one reset.
        model.setJobs(2, {makeJob(20, u"build"_s, PipelineStatus::Failed)});
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.rowCount(), 1);
    }
};

QTEST_MAIN(TestJobListModel)
#include "tst_joblistmodel.moc"
