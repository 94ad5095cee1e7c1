// Benchmarks: parse and merge 10,000 pipelines (100 pages of GitLab JSON) into PipelineMonitor + PipelineListModel;
// apply an update to 1 of 1,000 rows. Prints the peak RSS (VmHWM). The exact signals of a single-row update are
// asserted in tests/gitlab/tst_pipelinelistmodel, not here.
#include "gitlab/gitlabparse.h"
#include "gitlab/pipelinelistmodel.h"
#include "gitlab/pipelinemonitor.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Shipdeck;
using namespace Qt::Literals::StringLiterals;

namespace {

QByteArray page(int pageIndex)
{
    QJsonArray array;
    for (int i = 0; i < 100; ++i) {
        const int id = 100000 - pageIndex * 100 - i;
        array.append(
            QJsonObject {{u"id"_s, id},
                         {u"iid"_s, id},
                         {u"project_id"_s, 42},
                         {u"status"_s, i % 7 == 0 ? u"running"_s : u"success"_s},
                         {u"source"_s, u"push"_s},
                         {u"ref"_s, u"main"_s},
                         {u"sha"_s, u"a91957a858320c0e17f3a0eca7cfacbff50ea29a"_s},
                         {u"web_url"_s, u"https://gitlab.example.com/acme/storefront/-/pipelines/%1"_s.arg(id)},
                         {u"created_at"_s, u"2026-08-20T10:00:00.000Z"_s},
                         {u"updated_at"_s, u"2026-08-20T10:05:00.000Z"_s}});
    }
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

QByteArray peakRss()
{
    QFile file(u"/proc/self/status"_s);
    if (!file.open(QIODevice::ReadOnly))
        return "n/a";
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed();
    }
    return "n/a";
}

} // namespace

class BenchPipelineModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parseAndMerge10000()
    {
        QList<QByteArray> pages;
        for (int i = 0; i < 100; ++i)
            pages.append(page(i));
        QBENCHMARK
        {
            PipelineMonitor monitor(nullptr, nullptr);
            PipelineListModel model;
            model.setMonitor(&monitor);
            for (const QByteArray &json : std::as_const(pages))
                monitor.merge(GitLab::parsePipelines(QJsonDocument::fromJson(json).array()));
            QCOMPARE(model.rowCount(), 10000);
        }
        qInfo("peak RSS (VmHWM): %s", peakRss().constData());
    }

    void updateOneOf1000Rows()
    {
        PipelineMonitor monitor(nullptr, nullptr);
        QList<Pipeline> pipelines;
        for (int i = 0; i < 10; ++i)
            pipelines += GitLab::parsePipelines(QJsonDocument::fromJson(page(i)).array());
        monitor.merge(pipelines, true);
        PipelineListModel model;
        model.setMonitor(&monitor);
        QCOMPARE(model.rowCount(), 1000);
        Pipeline p = pipelines.at(500);
        int toggle = 0;
        QBENCHMARK
        {
            p.status = (++toggle % 2) ? PipelineStatus::Failed : PipelineStatus::Success;
            monitor.merge({p});
        }
        qInfo("peak RSS (VmHWM): %s", peakRss().constData());
    }
};

QTEST_MAIN(BenchPipelineModel)
#include "bench_pipelinemodel.moc"
