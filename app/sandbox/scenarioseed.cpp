#include "scenarioseed.h"

#include "apiutil.h"

#include <QRegularExpression>
#include <QTimeZone>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Shipdeck::Sandbox {

namespace {

constexpr int Ada = 3; // release manager, owner of the API token
constexpr int Grace = 4;
constexpr int Alan = 5;
constexpr int Katherine = 6;
constexpr int Margaret = 8;
constexpr int Bot = 9;
constexpr int Developers[] = {Grace, Alan, Katherine, Margaret};

QString branchFor(const QString &title, const QString &category)
{
    static const QRegularExpression nonWord(u"[^a-z0-9]+"_s);
    QString slug = title.toLower().replace(nonWord, u"-"_s);
    slug = slug.left(36);
    while (slug.endsWith(u'-'))
        slug.chop(1);
    const QString prefix = category == "added"_L1 ? u"feature/"_s : category == "fixed"_L1 ? u"fix/"_s : u"change/"_s;
    return prefix + slug;
}

QString minorOf(const QString &version)
{
    const QStringList parts = version.split(u'.');
    return parts.value(0) + u'.' + parts.value(1);
}

QString base36(int value)
{
    return QString::number(value, 36).toUpper();
}

} // namespace

double ScenarioSeeder::noise(quint64 a, quint64 b) const
{
    return unitNoise(m.m_seed, 0x5eed, a, b);
}

int ScenarioSeeder::pick(int count, quint64 a, quint64 b) const
{
    return std::min(count - 1, int(noise(a, b) * count));
}

QDateTime ScenarioSeeder::workdayAt(const QDateTime &around, int hour, int minute) const
{
    QDate date = around.toUTC().date();
    if (date.dayOfWeek() == 6)
        date = date.addDays(-1);
    else if (date.dayOfWeek() == 7)
        date = date.addDays(-2);
    return QDateTime(date, QTime(hour, minute), QTimeZone::UTC);
}

void ScenarioSeeder::seedPeople()
{
    const QDateTime joined = m.m_start.addDays(-400);
    m.m_users = {
        User {Ada, u"ada.lovelace"_s, u"Ada Lovelace"_s, joined},
        User {Grace, u"grace.hopper"_s, u"Grace Hopper"_s, joined.addDays(12)},
        User {Alan, u"alan.turing"_s, u"Alan Turing"_s, joined.addDays(40)},
        User {Katherine, u"katherine.johnson"_s, u"Katherine Johnson"_s, joined.addDays(75)},
        User {Margaret, u"margaret.hamilton"_s, u"Margaret Hamilton"_s, joined.addDays(130)},
        User {Bot, u"project_42_bot_3f9c1a"_s, u"Release Bot"_s, joined.addDays(200), true},
    };
    m.m_tokenUserId = Ada;
}

void ScenarioSeeder::seedProject()
{
    const QDateTime t0 = m.m_start;
    m.m_projectCreatedAt = t0.addDays(-120);
    m.m_environments = {
        Environment {11, u"staging"_s, u"staging"_s, u"https://staging.storefront.example.com"_s, u"staging"_s,
                     u"available"_s, t0.addDays(-110), t0.addDays(-110)},
        Environment {12, u"production"_s, u"production"_s, u"https://storefront.example.com"_s, u"production"_s,
                     u"available"_s, t0.addDays(-110), t0.addDays(-110)},
    };
    m.m_freezePeriods = {
        FreezePeriod {3, u"0 18 * * 5"_s, u"0 8 * * 1"_s, u"UTC"_s, t0.addDays(-90), t0.addDays(-90)},
        FreezePeriod {4, u"0 0 23 12 *"_s, u"0 8 2 1 *"_s, u"Europe/Berlin"_s, t0.addDays(-30), t0.addDays(-30)},
    };
    addCommit(u"Initial commit"_s, QString(), Ada, m.m_projectCreatedAt);
    addCommit(u"Add the storefront skeleton"_s, u"React front end and Django API."_s, Grace,
              m.m_projectCreatedAt.addDays(1), QString(), 0, {u"package.json"_s, u"api/manage.py"_s});
    addCommit(u"Add the CI pipeline"_s, u"build, test, deploy-staging, deploy-production"_s, Ada,
              m.m_projectCreatedAt.addDays(2), QString(), 0, {u".gitlab-ci.yml"_s});
}

void ScenarioSeeder::seedSentry()
{
    const QDateTime created = m.m_start.addDays(-115);
    m.m_sentryProjects = {
        SentryProject {4505101, u"storefront"_s, u"storefront"_s, u"javascript-react"_s, created,
                       TrafficProfile {120, 0.025, 0.35}, TrafficProfile {6, 0.025, 0.025}},
        SentryProject {4505102, u"storefront-api"_s, u"storefront-api"_s, u"python-django"_s, created,
                       TrafficProfile {260, 0.008, 0.16}, TrafficProfile {12, 0.008, 0.008}},
    };
}

int ScenarioSeeder::addCommit(const QString &title, const QString &body, int authorId, const QDateTime &time,
                              const QString &changelog, int mrIid, const QStringList &files)
{
    Commit commit;
    commit.sha = fakeSha(m.m_seed, quint64(m.m_commits.size()) + 1);
    commit.title = title;
    commit.message = title;
    if (!body.isEmpty())
        commit.message += u"\n\n"_s + body;
    if (!changelog.isEmpty())
        commit.message += u"\n\nChangelog: "_s + changelog;
    commit.message += u'\n';
    commit.authorId = authorId;
    commit.time = time;
    commit.changelog = changelog;
    commit.mergeRequestIid = mrIid;
    commit.files = files.isEmpty() ? QStringList {u"README.md"_s} : files;
    m.m_commitBySha.insert(commit.sha, int(m.m_commits.size()));
    m.m_commits.append(commit);
    return int(m.m_commits.size()) - 1;
}

int ScenarioSeeder::addMilestone(const QString &title, const QString &state, const QDate &start, const QDate &due,
                                 const QDateTime &created)
{
    Milestone milestone;
    milestone.id = m_nextMilestoneId++;
    milestone.iid = m_nextMilestoneIid++;
    milestone.title = title;
    milestone.description = u"Storefront %1: see the release plan in the wiki."_s.arg(title);
    milestone.state = state;
    milestone.startDate = start;
    milestone.dueDate = due;
    milestone.createdAt = created;
    milestone.updatedAt = state == "closed"_L1 ? QDateTime(due.addDays(1), QTime(9, 0), QTimeZone::UTC) : created;
    m.m_milestones.append(milestone);
    return milestone.id;
}

int ScenarioSeeder::addPipeline(const QString &ref, const QString &sha, const QDateTime &created, int userId,
                                bool deploy, bool failTest, const QDateTime &playAt)
{
    Pipeline pipeline;
    pipeline.id = m.m_nextPipelineId++;
    pipeline.iid = m.m_nextPipelineIid++;
    pipeline.sha = sha;
    pipeline.ref = ref;
    pipeline.userId = userId;
    pipeline.createdAt = created;
    const int index = m.commitIndex(sha);
    pipeline.beforeSha = index > 0 ? m.m_commits.at(index - 1).sha : u"0000000000000000000000000000000000000000"_s;
    m.m_pipelines.append(pipeline);
    Pipeline &stored = m.m_pipelines.last();

    const quint64 key = quint64(pipeline.id);
    auto make = [&](const QString &name, int stageIndex, int duration) {
        Job job;
        job.name = name;
        job.stage = name;
        job.stageIndex = stageIndex;
        job.userId = userId;
        job.createdAt = created;
        job.durationSecs = duration;
        job.queueSecs = 5 + pick(15, key, quint64(stageIndex) + 10);
        return job;
    };
    m.addJob(stored, make(u"build"_s, 0, 150 + pick(60, key, 1)));
    Job test = make(u"test"_s, 1, 240 + pick(90, key, 2));
    test.willFail = failTest;
    m.addJob(stored, test);
    if (deploy) {
        Job staging = make(u"deploy-staging"_s, 2, 120 + pick(50, key, 3));
        staging.environment = u"staging"_s;
        m.addJob(stored, staging);
        Job production = make(u"deploy-production"_s, 3, 150 + pick(50, key, 4));
        production.environment = u"production"_s;
        production.manual = true;
        production.allowFailure = false;
        production.autoPlayAt = playAt;
        production.autoPlayUserId = Ada;
        m.addJob(stored, production);
    }
    return pipeline.id;
}

int ScenarioSeeder::push(const QString &ref, const QString &title, bool failTest, bool deploy, const QDateTime &at)
{
    Commit commit;
    commit.sha = fakeSha(m.m_seed, 300000 + quint64(m.m_pipelines.size()));
    commit.title = title;
    commit.message = title + u'\n';
    commit.authorId = m.m_tokenUserId;
    commit.time = at;
    commit.files = {u"README.md"_s};
    m.m_branchCommits.append(commit);
    return addPipeline(ref, commit.sha, at, m.m_tokenUserId, deploy, failTest, QDateTime());
}

int ScenarioSeeder::mergeChange(const Change &change, const QDateTime &mergedAt, int milestoneId)
{
    const int iid = m_nextMrIid++;
    const quint64 key = quint64(iid);
    const int author = Developers[pick(4, key, 1)];
    const int merger = pick(2, key, 2) == 0 ? Ada : Grace;
    const QString branch = branchFor(change.title, change.category);
    const QDateTime featureTime = mergedAt.addSecs(-3600 * (2 + pick(28, key, 3)));
    const int featureIndex = addCommit(change.title, u"Part of the %1 work."_s.arg(change.label), author, featureTime,
                                       change.category, iid, change.files);
    const int mergeIndex
        = addCommit(u"Merge branch '%1' into 'main'"_s.arg(branch),
                    u"%1\n\nSee merge request %2!%3"_s.arg(change.title, Scenario::projectPath()).arg(iid), merger,
                    mergedAt, QString(), iid);

    MergeRequest mr;
    mr.id = 20400 + iid;
    mr.iid = iid;
    mr.title = change.title;
    mr.description = u"## What does this MR do?\n\n%1.\n\n## How to test\n\nSee the updated tests."_s.arg(change.title);
    mr.state = u"merged"_s;
    mr.authorId = author;
    mr.mergedById = merger;
    mr.createdAt = featureTime.addSecs(-3600 * (20 + pick(50, key, 4)));
    mr.mergedAt = mergedAt;
    mr.updatedAt = mergedAt.addSecs(90);
    mr.sourceBranch = branch;
    mr.targetBranch = Scenario::defaultBranch();
    mr.sha = m.m_commits.at(featureIndex).sha;
    mr.mergeCommitSha = m.m_commits.at(mergeIndex).sha;
    mr.labels = {change.label};
    mr.milestoneId = milestoneId;
    m.m_mergeRequests.append(mr);

    // Branch pipelines; now and then the first one fails and a second push fixes it.
    const bool flaky = noise(key, 5) < 0.2;
    addPipeline(branch, mr.sha, featureTime.addSecs(300), author, false, flaky, QDateTime());
    if (flaky)
        addPipeline(branch, mr.sha, featureTime.addSecs(3300), author, false, false, QDateTime());
    return iid;
}

void ScenarioSeeder::addReleaseCycle(const QString &version, const QDateTime &releaseAt, const QList<Change> &changes,
                                     const QDateTime &windowStart, bool playProduction)
{
    const QString minor = minorOf(version);
    int milestoneId = 0;
    if (const Milestone *existing = m.milestoneByTitle(minor))
        milestoneId = existing->id;
    else
        milestoneId
            = addMilestone(minor, playProduction ? u"closed"_s : u"active"_s, windowStart.date(),
                           playProduction ? releaseAt.date() : m.m_start.date().addDays(1), windowStart.addDays(-3));

    const QDateTime pipelineCreated = playProduction ? releaseAt.addSecs(-28 * 60) : releaseAt.addSecs(-60);
    const qint64 span = windowStart.secsTo(pipelineCreated);
    QList<QDateTime> merges;
    for (qsizetype i = 0; i < changes.size(); ++i) {
        const QDateTime base = windowStart.addSecs(span * (i + 1) / (changes.size() + 1));
        QDateTime at = workdayAt(base, 9 + pick(8, quint64(m_counter), 1), pick(60, quint64(m_counter), 2));
        ++m_counter;
        if (at <= windowStart.addSecs(3600))
            at = windowStart.addSecs(3600 * (2 + i));
        if (at >= pipelineCreated.addSecs(-1200))
            at = pipelineCreated.addSecs(-1800 - 600 * (changes.size() - i));
        merges.append(at);
    }
    std::sort(merges.begin(), merges.end());
    for (qsizetype i = 0; i < changes.size(); ++i)
        mergeChange(changes.at(i), merges.at(i), milestoneId);

    const QDateTime commitTime = pipelineCreated.addSecs(-120);
    const int index = addCommit(u"Release %1"_s.arg(version), u"Bump the version to %1."_s.arg(version), Bot,
                                commitTime, QString(), 0, {u"package.json"_s, u"api/pyproject.toml"_s});
    const QString sha = m.m_commits.at(index).sha;
    const QString tagName = u"v"_s + version;
    const QString previousTag = m.previousStableTag(version);
    const int previousIndex = previousTag.isEmpty() ? -1 : m.resolveRef(previousTag);
    m.m_versionBySha.insert(sha, version);
    m.m_tags.append(Tag {tagName, sha, u"Release %1"_s.arg(version), commitTime.addSecs(30)});

    const QDateTime playAt
        = playProduction ? pipelineCreated.addSecs(18 * 60 + pick(240, quint64(index), 9)) : QDateTime();
    addPipeline(Scenario::defaultBranch(), sha, pipelineCreated, Ada, true, false, playAt);

    if (playProduction) {
        GitLabRelease release;
        release.tagName = tagName;
        release.name = u"Storefront %1"_s.arg(version);
        release.description = m.changelogMarkdown(version, previousIndex, index, releaseAt.date());
        release.sha = sha;
        release.authorId = Ada;
        release.createdAt = commitTime.addSecs(40);
        release.releasedAt = releaseAt;
        release.updatedAt = release.createdAt;
        if (version.endsWith(u".0"_s))
            release.milestones = {minor};
        m.m_releases.append(release);
    }
}

void ScenarioSeeder::seedIssues()
{
    struct Spec
    {
        const char *project;
        const char *type;
        const char *value;
        const char *culprit;
        const char *first;
        const char *last;
        double weight;
        bool regression;
        bool handled;
    };
    static const Spec specs[] = {
        {"storefront", "TypeError", "Cannot read properties of null (reading 'focus')",
         "src/components/SearchBox.tsx in onBlur", "1.2.0", "", 0.45, false, true},
        {"storefront", "ChunkLoadError", "Loading chunk 431 failed.", "webpack/runtime/jsonp chunk loading", "1.2.0",
         "", 0.35, false, true},
        {"storefront", "Error", "Network request failed", "src/api/client.ts in request", "1.3.0", "", 0.2, false,
         true},
        {"storefront", "RangeError", "Invalid time value", "src/orders/OrderHistory.tsx in formatDate", "1.6.0",
         "1.6.0", 0.3, false, false},
        {"storefront", "TypeError", "Cannot read properties of undefined (reading 'unitPrice')",
         "src/checkout/priceCalculator.ts in computeLineTotal", "1.7.0", "", 0.7, true, false},
        {"storefront", "Error", "Cart session expired unexpectedly", "src/cart/sessionStore.ts in load", "1.7.0", "",
         0.3, true, true},
        {"storefront-api", "OperationalError", "could not obtain lock on row in relation \"inventory\"",
         "storefront.inventory.reserve", "1.2.0", "", 0.5, false, true},
        {"storefront-api", "TimeoutError", "Payment provider did not respond within 10s", "storefront.payments.charge",
         "1.2.0", "", 0.3, false, true},
        {"storefront-api", "KeyError", "'shipping_zone'", "storefront.shipping.quote", "1.5.0", "", 0.2, false, false},
        {"storefront-api", "InvalidOperation", "[<class 'decimal.DivisionUndefined'>]",
         "storefront.checkout.pricing.compute_total", "1.7.0", "", 0.6, true, false},
        {"storefront-api", "IntegrityError", "duplicate key value violates unique constraint \"cart_session_pkey\"",
         "storefront.cart.sessions.save", "1.7.0", "", 0.4, true, true},
    };
    for (const Spec &spec : specs) {
        SentryIssue issue;
        const int number = m_nextIssue++;
        issue.id = QString::number(4312000 + number);
        issue.project = QString::fromLatin1(spec.project);
        issue.shortId = issue.project.toUpper() + u'-' + base36(number + 40);
        issue.type = QString::fromLatin1(spec.type);
        issue.value = QString::fromUtf8(spec.value);
        issue.title = issue.type + u": "_s + issue.value;
        issue.culprit = QString::fromLatin1(spec.culprit);
        issue.firstRelease = Scenario::sentryVersion(QString::fromLatin1(spec.first));
        if (*spec.last) {
            issue.lastRelease = Scenario::sentryVersion(QString::fromLatin1(spec.last));
            issue.status = u"resolved"_s;
        }
        issue.weight = spec.weight;
        issue.regression = spec.regression;
        issue.handled = spec.handled;
        m.m_sentryIssues.append(issue);
    }
}

void ScenarioSeeder::run()
{
    const QDateTime t0 = m.m_start;
    seedPeople();
    seedProject();
    seedSentry();

    static const QList<Change> pool = {
        {u"Add saved carts to the account page"_s,
         u"added"_s,
         u"feature"_s,
         {u"src/account/SavedCarts.tsx"_s, u"api/storefront/cart/views.py"_s}},
        {u"Add Apple Pay to checkout"_s, u"added"_s, u"feature"_s, {u"src/checkout/ApplePay.tsx"_s}},
        {u"Fix currency rounding in order totals"_s, u"fixed"_s, u"bug"_s, {u"api/storefront/orders/totals.py"_s}},
        {u"Speed up product search with a trigram index"_s,
         u"performance"_s,
         u"performance"_s,
         {u"api/storefront/search/migrations/0007_trigram.py"_s}},
        {u"Add product comparison table"_s, u"added"_s, u"feature"_s, {u"src/catalog/Compare.tsx"_s}},
        {u"Fix race in inventory reservation"_s, u"fixed"_s, u"bug"_s, {u"api/storefront/inventory/reserve.py"_s}},
        {u"Add order tracking emails"_s, u"added"_s, u"feature"_s, {u"api/storefront/notifications/tracking.py"_s}},
        {u"Upgrade OpenSSL in the base image"_s, u"security"_s, u"security"_s, {u"Dockerfile"_s}},
        {u"Fix broken pagination on search results"_s, u"fixed"_s, u"bug"_s, {u"src/search/Results.tsx"_s}},
        {u"Add gift card balance lookup"_s, u"added"_s, u"feature"_s, {u"src/giftcards/Balance.tsx"_s}},
        {u"Redesign the checkout summary"_s, u"changed"_s, u"ux"_s, {u"src/checkout/Summary.tsx"_s}},
        {u"Fix session timeout during payment"_s, u"fixed"_s, u"bug"_s, {u"api/storefront/payments/session.py"_s}},
        {u"Add wishlist sharing"_s, u"added"_s, u"feature"_s, {u"src/wishlist/Share.tsx"_s}},
        {u"Rate limit the password reset endpoint"_s,
         u"security"_s,
         u"security"_s,
         {u"api/storefront/accounts/views.py"_s}},
        {u"Fix duplicate coupon application"_s, u"fixed"_s, u"bug"_s, {u"api/storefront/promotions/apply.py"_s}},
        {u"Add store locator map"_s, u"added"_s, u"feature"_s, {u"src/stores/Locator.tsx"_s}},
        {u"Switch the payment provider SDK to v4"_s, u"changed"_s, u"dependencies"_s, {u"api/requirements.txt"_s}},
        {u"Fix image zoom on mobile Safari"_s, u"fixed"_s, u"bug"_s, {u"src/catalog/Zoom.tsx"_s}},
        {u"Add bulk discount rules"_s, u"added"_s, u"feature"_s, {u"api/storefront/promotions/bulk.py"_s}},
        {u"Move recommendations to the new API"_s, u"changed"_s, u"backend"_s, {u"src/catalog/Recommended.tsx"_s}},
        {u"Add delivery slot picker"_s, u"added"_s, u"feature"_s, {u"src/checkout/DeliverySlots.tsx"_s}},
        {u"Fix tax calculation for EU B2B orders"_s, u"fixed"_s, u"bug"_s, {u"api/storefront/orders/tax.py"_s}},
    };
    // A seeded order of the pool: each release takes the next few changes.
    QList<int> order;
    for (int i = 0; i < pool.size(); ++i)
        order.append(i);
    for (int i = int(order.size()) - 1; i > 0; --i)
        std::swap(order[i], order[pick(i + 1, 0x9001, quint64(i))]);
    int next = 0;

    struct Planned
    {
        QString version;
        int daysBefore;
    };
    const QList<Planned> history
        = {{u"1.2.0"_s, 38}, {u"1.3.0"_s, 31}, {u"1.4.0"_s, 24}, {u"1.5.0"_s, 17}, {u"1.6.0"_s, 10}, {u"1.6.1"_s, 4}};
    QDateTime windowStart = t0.addDays(-45);
    for (const Planned &planned : history) {
        const QDateTime releaseAt
            = workdayAt(t0.addDays(-planned.daysBefore), 11 + pick(4, 0xde1, quint64(planned.daysBefore)),
                        pick(60, 0xde2, quint64(planned.daysBefore)));
        QList<Change> changes;
        if (planned.version == "1.6.1"_L1) {
            changes = {{u"Fix date formatting crash in order history"_s,
                        u"fixed"_s,
                        u"bug"_s,
                        {u"src/orders/OrderHistory.tsx"_s}}};
        } else {
            const int count = 3 + pick(3, 0xc0, quint64(planned.daysBefore));
            for (int i = 0; i < count && next < order.size(); ++i)
                changes.append(pool.at(order.at(next++)));
        }
        addReleaseCycle(planned.version, releaseAt, changes, windowStart, true);
        windowStart = releaseAt;
    }

    // The plan ahead: 1.7 is rolling out, 1.8 and 1.9 are planned.
    addMilestone(u"1.7"_s, u"active"_s, windowStart.date(), t0.date().addDays(1), windowStart.addDays(-3));
    addMilestone(u"1.8"_s, u"active"_s, t0.date().addDays(2), t0.date().addDays(14), t0.addDays(-6));
    addMilestone(u"1.9"_s, u"active"_s, t0.date().addDays(15), t0.date().addDays(28), t0.addDays(-2));

    // Work in progress for 1.8: open merge requests with branch pipelines (one still running), and a closed one.
    const Milestone *next18 = m.milestoneByTitle(u"1.8"_s);
    struct Open
    {
        QString title;
        int author;
        int hoursAgo;
        QString state;
    };
    const QList<Open> open = {{u"Add subscription orders"_s, Katherine, 49, u"opened"_s},
                              {u"Add address autocomplete"_s, Alan, 1, u"opened"_s},
                              {u"Experiment: infinite scroll on category pages"_s, Margaret, 150, u"closed"_s}};
    for (const Open &item : open) {
        const int iid = m_nextMrIid++;
        Commit commit;
        commit.sha = fakeSha(m.m_seed, 100000 + quint64(iid));
        commit.title = item.title;
        commit.message = item.title + u"\n\nChangelog: added\n"_s;
        commit.authorId = item.author;
        commit.time = t0.addSecs(-3600 * item.hoursAgo);
        commit.changelog = u"added"_s;
        commit.mergeRequestIid = iid;
        commit.files = {u"src/README.md"_s};
        m.m_branchCommits.append(commit);

        MergeRequest mr;
        mr.id = 20400 + iid;
        mr.iid = iid;
        mr.title = item.state == "opened"_L1 ? u"Draft: "_s + item.title : item.title;
        mr.description = item.title + u'.';
        mr.state = item.state;
        mr.authorId = item.author;
        mr.createdAt = commit.time.addSecs(-1800);
        mr.updatedAt = commit.time.addSecs(600);
        if (item.state == "closed"_L1)
            mr.closedAt = mr.updatedAt;
        mr.sourceBranch = branchFor(item.title, u"added"_s);
        mr.targetBranch = Scenario::defaultBranch();
        mr.sha = commit.sha;
        mr.labels = {u"feature"_s};
        mr.milestoneId = next18 ? next18->id : 0;
        m.m_mergeRequests.append(mr);
        const QDateTime pipelineAt
            = item.hoursAgo <= 1 ? t0.addSecs(-4 * 60) : commit.time.addSecs(300); // the recent one still runs
        addPipeline(mr.sourceBranch, commit.sha, pipelineAt, item.author, false, false, QDateTime());
    }

    // The rollout in progress: merged since 1.6.1, released now; its production deploy waits for a manual play.
    const QList<Change> rollout = {
        {u"Rewrite checkout price calculation for multi-currency carts"_s,
         u"changed"_s,
         u"checkout"_s,
         {u"src/checkout/priceCalculator.ts"_s, u"api/storefront/checkout/pricing.py"_s}},
        {u"Add one-click reorder from order history"_s,
         u"added"_s,
         u"feature"_s,
         {u"src/orders/Reorder.tsx"_s, u"api/storefront/orders/reorder.py"_s}},
        {u"Move cart storage to the session service"_s,
         u"changed"_s,
         u"cart"_s,
         {u"src/cart/sessionStore.ts"_s, u"api/storefront/cart/sessions.py"_s}},
        {u"Fix promo banner flicker on slow connections"_s, u"fixed"_s, u"bug"_s, {u"src/promo/Banner.tsx"_s}},
    };
    m.m_rolloutVersion = u"1.7.0"_s;
    m.m_previousVersion = history.last().version;
    addReleaseCycle(m.m_rolloutVersion, t0, rollout, windowStart, false);

    seedIssues();
}

} // namespace Shipdeck::Sandbox
