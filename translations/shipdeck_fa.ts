<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fa_IR" sourcelanguage="en">
<context>
    <name>CliText</name>
    <message>
        <source>No releases.</source>
        <translation>هیچ انتشاری نیست.</translation>
    </message>
    <message>
        <source>Print the Shipdeck and Qt versions.</source>
        <translation>نسخه‌های Shipdeck و Qt را چاپ کن.</translation>
    </message>
    <message>
        <source>Print JSON for scripts.</source>
        <translation>برای اسکریپت‌ها JSON چاپ کن.</translation>
    </message>
    <message>
        <source>Use the demo workspace.</source>
        <translation>از فضای کار نمایشی استفاده کن.</translation>
    </message>
    <message>
        <source>The command to run.</source>
        <translation>فرمانی که باید اجرا شود.</translation>
    </message>
    <message>
        <source>No command given; see --help.</source>
        <translation>فرمانی داده نشده است؛ ‎--help‎ را ببینید.</translation>
    </message>
    <message>
        <source>Unknown argument “%1” for releases; see --help.</source>
        <translation>آرگومان «%1» برای releases ناشناخته است؛ ‎--help‎ را ببینید.</translation>
    </message>
    <message>
        <source>Unknown command “%1”; see --help.</source>
        <translation>فرمان «%1» ناشناخته است؛ ‎--help‎ را ببینید.</translation>
    </message>
    <message>
        <source>Shipdeck on the command line.

Commands:
  releases                      List the releases of the workspace
  pipelines [--ref R] [--status S] [--limit N]
                                Recent pipelines of the GitLab project
  jobs PIPELINE_ID              The jobs of a pipeline, by stage
  environments                  Environments and what is deployed
  deployments --environment E   Deployments of an environment, newest first
  errors [--release V] [--environment E] [--range 24h] [--interval 1h]
                                Error counts per interval from Sentry
  health [--release V]          Crash-free rates and session counts
  verdict --release V --previous W
                                The new release's error rate against the previous one
        [--max-errors N] [--max-ratio R] [--crash-free-floor PERCENT]
                                Instead of the configured verdict thresholds

GitLab and Sentry commands use the connection configured in Shipdeck (with --demo: the demo workspace's). GitLab flags override it one by one: --gitlab-url URL, --project PATH_OR_ID; the token comes from the environment variable SHIPDECK_GITLAB_TOKEN, else from the keychain. Sentry flags: --sentry-url URL, --org ORG, --sentry-project P, --environment E; the token comes from SHIPDECK_SENTRY_TOKEN, else from the keychain. Tokens are never taken from the command line. Every command takes --json.

Exit codes: 0 ok, 1 failure, 2 usage, 3 authentication, 4 not found, 5 network or server error.</source>
        <translation>‏Shipdeck در خط فرمان.

فرمان‌ها:
  releases                      فهرست نسخه‌های فضای کار
  pipelines [--ref R] [--status S] [--limit N]
                                پایپ‌لاین‌های اخیر پروژهٔ GitLab
  jobs PIPELINE_ID              کارهای یک پایپ‌لاین، به ترتیب مرحله
  environments                  محیط‌ها و آنچه در آن‌ها مستقر است
  deployments --environment E   استقرارهای یک محیط، جدیدترین در ابتدا
  errors [--release V] [--environment E] [--range 24h] [--interval 1h]
                                شمار خطاها در هر بازه از Sentry
  health [--release V]          نرخ بدون کرش و شمار نشست‌ها
  verdict --release V --previous W
                                نرخ خطای نسخهٔ جدید در برابر نسخهٔ قبلی
        [--max-errors N] [--max-ratio R] [--crash-free-floor PERCENT]
                                به جای آستانه‌های پیکربندی‌شده

فرمان‌های GitLab و Sentry از اتصال پیکربندی‌شده در Shipdeck استفاده می‌کنند (با --demo: اتصال فضای کار نمایشی). گزینه‌های GitLab آن را یکی‌یکی جایگزین می‌کنند: --gitlab-url URL و --project PATH_OR_ID؛ توکن از متغیر محیطی SHIPDECK_GITLAB_TOKEN و در نبود آن از کی‌چین خوانده می‌شود. گزینه‌های Sentry: --sentry-url URL، --org ORG، --sentry-project P، --environment E؛ توکن از SHIPDECK_SENTRY_TOKEN و در نبود آن از کی‌چین. توکن هرگز از خط فرمان گرفته نمی‌شود. همهٔ فرمان‌ها --json می‌پذیرند.

کدهای خروج: ۰ موفق، ۱ شکست، ۲ کاربرد نادرست، ۳ احراز هویت، ۴ پیدا نشد، ۵ خطای شبکه یا سرور.</translation>
    </message>
</context>
<context>
    <name>GitLabCli</name>
    <message>
        <source>unknown command: %1</source>
        <translation>فرمان ناشناخته: %1</translation>
    </message>
    <message>
        <source>GitLab instance URL.</source>
        <translation>نشانی نمونهٔ GitLab.</translation>
    </message>
    <message>
        <source>Project path or id.</source>
        <translation>مسیر یا شناسهٔ پروژه.</translation>
    </message>
    <message>
        <source>Only this ref.</source>
        <translation>فقط این ref.</translation>
    </message>
    <message>
        <source>Only this status.</source>
        <translation>فقط این وضعیت.</translation>
    </message>
    <message>
        <source>At most N items.</source>
        <translation>حداکثر N مورد.</translation>
    </message>
    <message>
        <source>The environment.</source>
        <translation>محیط.</translation>
    </message>
    <message>
        <source>JSON output.</source>
        <translation>خروجی JSON.</translation>
    </message>
    <message>
        <source>pass the token in SHIPDECK_GITLAB_TOKEN, not on the command line</source>
        <translation>توکن را در SHIPDECK_GITLAB_TOKEN بدهید، نه در خط فرمان</translation>
    </message>
    <message>
        <source>--project is required (a path such as group/project, or an id)</source>
        <translation>‏‎--project‎ لازم است (مسیری مانند group/project یا یک شناسه)</translation>
    </message>
    <message>
        <source>--limit must be a number from 1 to 1000</source>
        <translation>‏‎--limit‎ باید عددی از 1 تا 1000 باشد</translation>
    </message>
    <message>
        <source>usage: jobs PIPELINE_ID [--json]</source>
        <translation>کاربرد: jobs PIPELINE_ID [--json]</translation>
    </message>
    <message>
        <source>unexpected argument: %1</source>
        <translation>آرگومان نابه‌جا: %1</translation>
    </message>
    <message>
        <source>usage: deployments --environment NAME [--limit N] [--json]</source>
        <translation>کاربرد: deployments --environment NAME [--limit N] [--json]</translation>
    </message>
    <message>
        <source>no token: set SHIPDECK_GITLAB_TOKEN</source>
        <translation>توکنی نیست: SHIPDECK_GITLAB_TOKEN را تنظیم کنید</translation>
    </message>
    <message>
        <source>Use the demo workspace.</source>
        <translation>از فضای کار نمایشی استفاده کن.</translation>
    </message>
    <message>
        <source>--gitlab-url must be an http(s) URL (e.g. https://gitlab.example.com)</source>
        <translation>‏--gitlab-url باید نشانی http(s) باشد (مثلاً https://gitlab.example.com)</translation>
    </message>
    <message>
        <source>the configured GitLab URL “%1” is not an http(s) URL: fix it in Shipdeck (Settings → GitLab) or pass --gitlab-url</source>
        <translation>نشانی پیکربندی‌شدهٔ GitLab «%1» نشانی http(s) نیست: آن را در Shipdeck (تنظیمات ← GitLab) درست کنید یا --gitlab-url بدهید</translation>
    </message>
    <message>
        <source>no GitLab connection: configure one in Shipdeck (Settings → GitLab) or pass --gitlab-url</source>
        <translation>اتصال GitLab نیست: یکی در Shipdeck (تنظیمات ← GitLab) پیکربندی کنید یا --gitlab-url بدهید</translation>
    </message>
    <message>
        <source>no token: save one in Shipdeck (Settings → GitLab) or set SHIPDECK_GITLAB_TOKEN</source>
        <translation>توکنی نیست: یکی در Shipdeck (تنظیمات ← GitLab) ذخیره کنید یا SHIPDECK_GITLAB_TOKEN را تنظیم کنید</translation>
    </message>
    <message>
        <source>no token: no keychain is available to read it from; set SHIPDECK_GITLAB_TOKEN</source>
        <translation>توکنی نیست: کی‌چینی برای خواندن آن در دسترس نیست؛ SHIPDECK_GITLAB_TOKEN را تنظیم کنید</translation>
    </message>
    <message>
        <source>no token: the keychain refused (%1); set SHIPDECK_GITLAB_TOKEN</source>
        <translation>توکنی نیست: کی‌چین نپذیرفت (%1)؛ SHIPDECK_GITLAB_TOKEN را تنظیم کنید</translation>
    </message>
    <message>
        <source>no token: the keychain did not answer; set SHIPDECK_GITLAB_TOKEN</source>
        <translation>توکنی نیست: کی‌چین پاسخ نداد؛ SHIPDECK_GITLAB_TOKEN را تنظیم کنید</translation>
    </message>
</context>
<context>
    <name>ReleaseVerdict</name>
    <message numerus="yes">
        <source>%1: too early for a verdict (deployed %n min ago)</source>
        <translation><numerusform>‏%1: برای داوری هنوز زود است (%n دقیقه پیش مستقر شد)</numerusform></translation>
    </message>
    <message>
        <source>The error rate is at least %1x that of %2.</source>
        <translation>نرخ خطا دست‌کم %1 برابر نرخ %2 است.</translation>
    </message>
    <message>
        <source>%1 errors per minute (threshold %2).</source>
        <translation>‏%1 خطا در دقیقه (آستانه %2).</translation>
    </message>
    <message>
        <source>Crash-free sessions at %1 % (floor %2 %).</source>
        <translation>نشست‌های بدون فروپاشی در %1 ٪ (کف %2 ٪).</translation>
    </message>
    <message numerus="yes">
        <source>%1: errors where %2 had none since deploy %n min ago</source>
        <translation><numerusform>‏%1: خطا دارد در حالی که %2 از استقرار %n دقیقه پیش هیچ خطایی نداشت</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%1: %2x the error rate of %3 since deploy %n min ago</source>
        <translation><numerusform>‏%1: %2 برابر نرخ خطای %3 از استقرار %n دقیقه پیش</numerusform></translation>
    </message>
</context>
<context>
    <name>SentryCommands</name>
    <message numerus="yes">
        <source>warning: %n malformed bucket(s) skipped</source>
        <translation><numerusform>هشدار: %n بازهٔ نادرست نادیده گرفته شد</numerusform></translation>
    </message>
    <message>
        <source>Other</source>
        <translation>دیگر</translation>
    </message>
    <message>
        <source>All releases</source>
        <translation>همهٔ انتشارها</translation>
    </message>
    <message>
        <source>(incomplete)</source>
        <translation>‏(ناقص)</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>بی‌داده</translation>
    </message>
    <message>
        <source>sessions: %1</source>
        <translation>نشست‌ها: %1</translation>
    </message>
    <message>
        <source>crash-free sessions: %1</source>
        <translation>نشست‌های بدون فروپاشی: %1</translation>
    </message>
    <message>
        <source>crash-free users: %1</source>
        <translation>کاربران بدون فروپاشی: %1</translation>
    </message>
    <message>
        <source>No sessions.</source>
        <translation>نشستی نیست.</translation>
    </message>
    <message>
        <source>Sentry server (region host or self-hosted).</source>
        <translation>کارساز Sentry (میزبان منطقه یا میزبانی شخصی).</translation>
    </message>
    <message>
        <source>Organization slug.</source>
        <translation>شناسهٔ سازمان.</translation>
    </message>
    <message>
        <source>Project slug (repeatable).</source>
        <translation>شناسهٔ پروژه (تکرارپذیر).</translation>
    </message>
    <message>
        <source>Release version.</source>
        <translation>نسخهٔ انتشار.</translation>
    </message>
    <message>
        <source>Previous release (verdict).</source>
        <translation>انتشار پیشین (برای داوری).</translation>
    </message>
    <message>
        <source>Environment, e.g. production.</source>
        <translation>محیط، مثلاً production.</translation>
    </message>
    <message>
        <source>Time range, e.g. 24h or 7d.</source>
        <translation>بازهٔ زمانی، مثلاً 24h یا 7d.</translation>
    </message>
    <message>
        <source>Bucket size, e.g. 1h.</source>
        <translation>اندازهٔ بازه، مثلاً 1h.</translation>
    </message>
    <message>
        <source>Print JSON for scripts.</source>
        <translation>برای اسکریپت‌ها JSON چاپ کن.</translation>
    </message>
    <message>
        <source>Expected one command: errors, health or verdict.</source>
        <translation>یک فرمان انتظار می‌رفت: errors، health یا verdict.</translation>
    </message>
    <message>
        <source>--sentry-url must be an http(s) URL.</source>
        <translation>‏‎--sentry-url‎ باید نشانی http(s) باشد.</translation>
    </message>
    <message>
        <source>--org is required.</source>
        <translation>‏‎--org‎ لازم است.</translation>
    </message>
    <message>
        <source>No Sentry token: set SHIPDECK_SENTRY_TOKEN.</source>
        <translation>توکن Sentry نیست: SHIPDECK_SENTRY_TOKEN را تنظیم کنید.</translation>
    </message>
    <message>
        <source>Invalid --range “%1”; use e.g. 24h.</source>
        <translation>‏‎--range‎ «%1» نادرست است؛ مثلاً 24h به کار ببرید.</translation>
    </message>
    <message>
        <source>Invalid --interval “%1”; use whole minutes, at most 10000 buckets.</source>
        <translation>‏‎--interval‎ «%1» نادرست است؛ دقیقه‌های کامل به کار ببرید، حداکثر 10000 بازه.</translation>
    </message>
    <message>
        <source>verdict needs --release and --previous.</source>
        <translation>‏verdict به ‎--release‎ و ‎--previous‎ نیاز دارد.</translation>
    </message>
    <message>
        <source>Use the demo workspace (chosen by the caller).</source>
        <translation>استفاده از فضای کار نمایشی (به انتخاب فراخوان).</translation>
    </message>
    <message>
        <source>verdict: errors per minute that count as bad.</source>
        <translation>‏verdict: شمار خطا در دقیقه که بد به شمار می‌آید.</translation>
    </message>
    <message>
        <source>verdict: times the previous release's error rate that count as bad.</source>
        <translation>‏verdict: چند برابر نرخ خطای نسخهٔ قبلی که بد به شمار می‌آید.</translation>
    </message>
    <message>
        <source>verdict: crash-free sessions below this percentage are critical.</source>
        <translation>‏verdict: نشست‌های بدون کرش کمتر از این درصد بحرانی است.</translation>
    </message>
    <message>
        <source>Pass the token in SHIPDECK_SENTRY_TOKEN, not on the command line.</source>
        <translation>توکن را در SHIPDECK_SENTRY_TOKEN بدهید، نه در خط فرمان.</translation>
    </message>
    <message>
        <source>the configured Sentry server “%1” is not an http(s) URL: fix it in Shipdeck (Settings → Sentry) or pass --sentry-url</source>
        <translation>سرور پیکربندی‌شدهٔ Sentry «%1» نشانی http(s) نیست: آن را در Shipdeck (تنظیمات ← Sentry) درست کنید یا --sentry-url بدهید</translation>
    </message>
    <message>
        <source>no Sentry connection: configure one in Shipdeck (Settings → Sentry) or pass --sentry-url</source>
        <translation>اتصال Sentry نیست: یکی در Shipdeck (تنظیمات ← Sentry) پیکربندی کنید یا --sentry-url بدهید</translation>
    </message>
    <message>
        <source>Invalid --max-errors “%1”; use a number of errors per minute from %2 to %3.</source>
        <translation>‏--max-errors نامعتبر «%1»؛ شمار خطا در دقیقه‌ای از %2 تا %3 بدهید.</translation>
    </message>
    <message>
        <source>Invalid --max-ratio “%1”; use a number from %2 to %3.</source>
        <translation>‏--max-ratio نامعتبر «%1»؛ عددی از %2 تا %3 بدهید.</translation>
    </message>
    <message>
        <source>Invalid --crash-free-floor “%1”; use a percentage from %2 to %3.</source>
        <translation>‏--crash-free-floor نامعتبر «%1»؛ درصدی از %2 تا %3 بدهید.</translation>
    </message>
    <message>
        <source>No Sentry token: save one in Shipdeck (Settings → Sentry) or set SHIPDECK_SENTRY_TOKEN.</source>
        <translation>توکن Sentry نیست: یکی در Shipdeck (تنظیمات ← Sentry) ذخیره کنید یا SHIPDECK_SENTRY_TOKEN را تنظیم کنید.</translation>
    </message>
    <message>
        <source>No Sentry token: no keychain is available to read it from; set SHIPDECK_SENTRY_TOKEN.</source>
        <translation>توکن Sentry نیست: کی‌چینی برای خواندن آن در دسترس نیست؛ SHIPDECK_SENTRY_TOKEN را تنظیم کنید.</translation>
    </message>
    <message>
        <source>No Sentry token: the keychain refused (%1); set SHIPDECK_SENTRY_TOKEN.</source>
        <translation>توکن Sentry نیست: کی‌چین نپذیرفت (%1)؛ SHIPDECK_SENTRY_TOKEN را تنظیم کنید.</translation>
    </message>
    <message>
        <source>No Sentry token: the keychain did not answer; set SHIPDECK_SENTRY_TOKEN.</source>
        <translation>توکن Sentry نیست: کی‌چین پاسخ نداد؛ SHIPDECK_SENTRY_TOKEN را تنظیم کنید.</translation>
    </message>
</context>
<context>
    <name>Shipdeck::ApiError</name>
    <message>
        <source>Server message: %1</source>
        <translation>پیام کارساز: %1</translation>
    </message>
    <message>
        <source>No network access is available.</source>
        <translation>دسترسی به شبکه در دسترس نیست.</translation>
    </message>
    <message numerus="yes">
        <source>Rate limited (HTTP 429); retrying in %n second(s).</source>
        <translation><numerusform>محدودیت نرخ درخواست (HTTP 429)؛ تلاش دوباره پس از %n ثانیه.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Rate limited (HTTP 429); try again in %n second(s).</source>
        <translation><numerusform>محدودیت نرخ درخواست (HTTP 429)؛ پس از %n ثانیه دوباره تلاش کنید.</numerusform></translation>
    </message>
    <message>
        <source>Rate limited (HTTP 429).</source>
        <translation>محدودیت نرخ درخواست (HTTP 429).</translation>
    </message>
    <message>
        <source>The response was cut off after %1 of %2 bytes.</source>
        <translation>پاسخ پس از %1 از %2 بایت قطع شد.</translation>
    </message>
    <message>
        <source>The response was cut off after %1 bytes.</source>
        <translation>پاسخ پس از %1 بایت قطع شد.</translation>
    </message>
    <message>
        <source>The connection to %1 broke while the request was being sent. It was not repeated; check whether it took effect.</source>
        <translation>اتصال به %1 هنگام فرستادن درخواست قطع شد. درخواست تکرار نشد؛ بررسی کنید که انجام شده است یا نه.</translation>
    </message>
    <message>
        <source>The request to %1 failed: %2</source>
        <translation>درخواست به %1 ناموفق بود: %2</translation>
    </message>
    <message>
        <source>The server sent malformed JSON: %1</source>
        <translation>کارساز JSON نادرست فرستاد: %1</translation>
    </message>
    <message>
        <source>Could not find the server “%1” (DNS lookup failed).</source>
        <translation>کارساز «%1» پیدا نشد (جست‌وجوی DNS ناموفق بود).</translation>
    </message>
    <message>
        <source>The server %1 refused the connection.</source>
        <translation>کارساز %1 اتصال را نپذیرفت.</translation>
    </message>
    <message numerus="yes">
        <source>The server did not answer within %n second(s).</source>
        <translation><numerusform>کارساز در %n ثانیه پاسخ نداد.</numerusform></translation>
    </message>
    <message>
        <source>The server did not answer within %1 milliseconds.</source>
        <translation>کارساز در %1 میلی‌ثانیه پاسخ نداد.</translation>
    </message>
    <message>
        <source>The secure connection to %1 failed: %2</source>
        <translation>اتصال امن به %1 ناموفق بود: %2</translation>
    </message>
    <message>
        <source>%1 redirected to an insecure (http) address; the request was stopped.</source>
        <translation>‏%1 به نشانی ناامن (http) هدایت کرد؛ درخواست متوقف شد.</translation>
    </message>
    <message>
        <source>%1 redirected too many times.</source>
        <translation>‏%1 بیش از اندازه هدایت کرد.</translation>
    </message>
    <message>
        <source>The connection to %1 was closed before the server answered.</source>
        <translation>اتصال به %1 پیش از پاسخ کارساز بسته شد.</translation>
    </message>
    <message>
        <source>Network error while contacting %1: %2</source>
        <translation>خطای شبکه هنگام تماس با %1: %2</translation>
    </message>
    <message>
        <source>The token was rejected (HTTP 401). Check that it is valid and not expired.</source>
        <translation>توکن پذیرفته نشد (HTTP 401). بررسی کنید که معتبر است و منقضی نشده است.</translation>
    </message>
    <message>
        <source>Access denied (HTTP 403): %1</source>
        <translation>دسترسی رد شد (HTTP 403): %1</translation>
    </message>
    <message>
        <source>Not found (HTTP 404): %1</source>
        <translation>پیدا نشد (HTTP 404): %1</translation>
    </message>
    <message>
        <source>The server had an error (HTTP %1).</source>
        <translation>کارساز دچار خطا شد (HTTP %1).</translation>
    </message>
    <message>
        <source>The request was refused (HTTP %1): %2</source>
        <translation>درخواست رد شد (HTTP %1): %2</translation>
    </message>
    <message>
        <source>“%1” is not a valid http(s) address.</source>
        <translation>‏«%1» نشانی http(s) معتبری نیست.</translation>
    </message>
    <message>
        <source>The request was cancelled.</source>
        <translation>درخواست لغو شد.</translation>
    </message>
    <message>
        <source>expected a list of items</source>
        <translation>فهرستی از موارد انتظار می‌رفت</translation>
    </message>
    <message>
        <source>The next page is on another server (%1); it was not requested.</source>
        <translation>صفحهٔ بعد روی کارساز دیگری است (%1)؛ درخواست نشد.</translation>
    </message>
</context>
<context>
    <name>Shipdeck::AppContext</name>
    <message>
        <source>you</source>
        <translation>شما</translation>
    </message>
</context>
<context>
    <name>Shipdeck::AuditLogModel</name>
    <message>
        <source>When</source>
        <translation>زمان</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>چه کسی</translation>
    </message>
    <message>
        <source>What</source>
        <translation>چه کاری</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>موضوع</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>چرا</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>نتیجه</translation>
    </message>
</context>
<context>
    <name>Shipdeck::CalendarPane</name>
    <message>
        <source>Connect GitLab to see milestones and deploy freeze windows on the calendar.</source>
        <translation>برای دیدن نقاط عطف و بازه‌های توقف استقرار روی تقویم، GitLab را وصل کنید.</translation>
    </message>
    <message>
        <source>Connect GitLab…</source>
        <translation>وصل کردن GitLab…</translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>برنامه</translation>
    </message>
    <message>
        <source>Releases</source>
        <translation>انتشارها</translation>
    </message>
    <message>
        <source>New Release</source>
        <translation>انتشار تازه</translation>
    </message>
    <message>
        <source>new</source>
        <translation>تازه</translation>
    </message>
    <message>
        <source>New release</source>
        <translation>انتشار تازه</translation>
    </message>
</context>
<context>
    <name>Shipdeck::ConnectionStatus</name>
    <message>
        <source>not configured</source>
        <translation>پیکربندی نشده</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>آماده</translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation>در حال اتصال…</translation>
    </message>
    <message>
        <source>live</source>
        <translation>زنده</translation>
    </message>
    <message>
        <source>stale since %1</source>
        <translation>کهنه از %1</translation>
    </message>
    <message>
        <source>error</source>
        <translation>خطا</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <extracomment>Status bar entry: "&lt;source&gt;: &lt;state&gt;", e.g. "GitLab: live"</extracomment>
        <translation>‏%1: %2</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>‏%1 — %2</translation>
    </message>
</context>
<context>
    <name>Shipdeck::ConnectionTest</name>
    <message>
        <source>Enter the address of the GitLab server first.</source>
        <translation>نخست نشانی کارساز GitLab را وارد کنید.</translation>
    </message>
    <message>
        <source>“%1” is not a valid server address: enter an http:// or https:// URL, such as https://gitlab.com.</source>
        <translation>‏«%1» نشانی کارساز معتبری نیست: یک نشانی http:// یا https://‎ مانند https://gitlab.com وارد کنید.</translation>
    </message>
    <message>
        <source>Enter the project path (such as group/project) or its numeric id first.</source>
        <translation>نخست مسیر پروژه (مانند group/project) یا شناسهٔ عددی آن را وارد کنید.</translation>
    </message>
    <message>
        <source>Enter the access token first.</source>
        <translation>نخست توکن دسترسی را وارد کنید.</translation>
    </message>
    <message>
        <source>Enter the address of your Sentry server first.</source>
        <translation>نخست نشانی کارساز Sentry خود را وارد کنید.</translation>
    </message>
    <message>
        <source>“%1” is not a valid server address: enter an http:// or https:// URL, such as https://sentry.example.com.</source>
        <translation>‏«%1» نشانی کارساز معتبری نیست: یک نشانی http:// یا https://‎ مانند https://sentry.example.com وارد کنید.</translation>
    </message>
    <message>
        <source>Enter the organization slug first.</source>
        <translation>نخست شناسهٔ سازمان (slug) را وارد کنید.</translation>
    </message>
    <message>
        <source>Enter the auth token first.</source>
        <translation>نخست توکن احراز هویت را وارد کنید.</translation>
    </message>
    <message>
        <source>Enter the incoming webhook URL first.</source>
        <translation>نخست نشانی وب‌هوک ورودی را وارد کنید.</translation>
    </message>
    <message>
        <source>The webhook is not a valid URL. Copy it again from Slack's incoming webhook settings; it starts with https://hooks.slack.com/.</source>
        <translation>وب‌هوک نشانی معتبری نیست. آن را دوباره از تنظیمات وب‌هوک ورودی Slack رونوشت کنید؛ با https://hooks.slack.com/‎ آغاز می‌شود.</translation>
    </message>
    <message>
        <source>The webhook URL must start with https://: it grants posting to the channel and must not travel unencrypted.</source>
        <translation>نشانی وب‌هوک باید با https://‎ آغاز شود: اجازهٔ فرستادن به کانال را می‌دهد و نباید رمزنشده جابه‌جا شود.</translation>
    </message>
    <message>
        <source>The webhook is a valid https URL. No test message was sent; the first notification will show whether Slack accepts it.</source>
        <translation>وب‌هوک یک نشانی https معتبر است. پیام آزمایشی فرستاده نشد؛ نخستین اعلان نشان می‌دهد که Slack آن را می‌پذیرد یا نه.</translation>
    </message>
    <message>
        <source>Enter the SMTP server first.</source>
        <translation>نخست کارساز SMTP را وارد کنید.</translation>
    </message>
    <message>
        <source>The port must be between 1 and 65535.</source>
        <translation>درگاه باید میان 1 و 65535 باشد.</translation>
    </message>
    <message>
        <source>TLS is not available on this system, so Shipdeck cannot connect securely.</source>
        <translation>‏TLS روی این سیستم در دسترس نیست، پس Shipdeck نمی‌تواند به‌صورت امن وصل شود.</translation>
    </message>
    <message>
        <source>The network is not available.</source>
        <translation>شبکه در دسترس نیست.</translation>
    </message>
    <message>
        <source>The server “%1” could not be found. Check the address and your network connection.</source>
        <translation>کارساز «%1» پیدا نشد. نشانی و اتصال شبکهٔ خود را بررسی کنید.</translation>
    </message>
    <message>
        <source>%1 refused the connection. Check the address and the port.</source>
        <translation>‏%1 اتصال را نپذیرفت. نشانی و درگاه را بررسی کنید.</translation>
    </message>
    <message>
        <source>Could not connect to %1: %2</source>
        <translation>اتصال به %1 ممکن نشد: %2</translation>
    </message>
    <message>
        <source>%1 answered, but not as the GitLab API does. Check the server address.</source>
        <translation>‏%1 پاسخ داد، اما نه مانند API گیت‌لب. نشانی کارساز را بررسی کنید.</translation>
    </message>
    <message>
        <source>Connected to GitLab as project “%1”.</source>
        <translation>به GitLab با پروژهٔ «%1» وصل شد.</translation>
    </message>
    <message>
        <source>%1 answered, but not as the Sentry API does. Check the server address.</source>
        <translation>‏%1 پاسخ داد، اما نه مانند API سنتری. نشانی کارساز را بررسی کنید.</translation>
    </message>
    <message>
        <source>The organization “%1” was found, but its data is stored in another region (%2). Choose that region.</source>
        <translation>سازمان «%1» پیدا شد، اما داده‌هایش در منطقهٔ دیگری (%2) نگهداری می‌شود. آن منطقه را برگزینید.</translation>
    </message>
    <message>
        <source>Connected to Sentry organization “%1”.</source>
        <translation>به سازمان «%1» در Sentry وصل شد.</translation>
    </message>
    <message>
        <source>GitLab rejected the access token (HTTP 401). Check that it is complete and has not expired or been revoked.</source>
        <translation>‏GitLab توکن دسترسی را نپذیرفت (HTTP 401). بررسی کنید که کامل است و منقضی یا باطل نشده است.</translation>
    </message>
    <message>
        <source>Sentry rejected the auth token (HTTP 401). Check that it is complete and has not been revoked.</source>
        <translation>‏Sentry توکن احراز هویت را نپذیرفت (HTTP 401). بررسی کنید که کامل است و باطل نشده است.</translation>
    </message>
    <message>
        <source>The access token was accepted but may not read the project “%1” (HTTP 403). It needs the read_api scope and at least the Reporter role.</source>
        <translation>توکن دسترسی پذیرفته شد اما اجازهٔ خواندن پروژهٔ «%1» را ندارد (HTTP 403). به دامنهٔ read_api و دست‌کم نقش Reporter نیاز دارد.</translation>
    </message>
    <message>
        <source>The auth token was accepted but may not read the organization “%1” (HTTP 403). It needs the org:read scope.</source>
        <translation>توکن احراز هویت پذیرفته شد اما اجازهٔ خواندن سازمان «%1» را ندارد (HTTP 403). به دامنهٔ org:read نیاز دارد.</translation>
    </message>
    <message>
        <source>The project “%1” was not found on %2 (HTTP 404). Check the path or id; GitLab also answers this when the token cannot see a private project.</source>
        <translation>پروژهٔ «%1» روی %2 پیدا نشد (HTTP 404). مسیر یا شناسه را بررسی کنید؛ GitLab همین پاسخ را وقتی توکن پروژهٔ خصوصی را نمی‌بیند نیز می‌دهد.</translation>
    </message>
    <message>
        <source>The organization “%1” was not found on %2 (HTTP 404). Check the slug and the region.</source>
        <translation>سازمان «%1» روی %2 پیدا نشد (HTTP 404). شناسه و منطقه را بررسی کنید.</translation>
    </message>
    <message>
        <source>%1 is limiting the rate of requests (HTTP 429). Try again in a minute.</source>
        <translation>‏%1 نرخ درخواست‌ها را محدود کرده است (HTTP 429). یک دقیقهٔ دیگر دوباره تلاش کنید.</translation>
    </message>
    <message>
        <source>%1 had a server error (HTTP %2). Try again later.</source>
        <translation>‏%1 دچار خطای کارساز شد (HTTP %2). بعداً دوباره تلاش کنید.</translation>
    </message>
    <message>
        <source>%1 had a server error (HTTP %2): %3</source>
        <translation>‏%1 دچار خطای کارساز شد (HTTP %2): %3</translation>
    </message>
    <message>
        <source>%1 answered with HTTP %2.</source>
        <translation>‏%1 با HTTP %2 پاسخ داد.</translation>
    </message>
    <message>
        <source>%1 answered with HTTP %2: %3</source>
        <translation>‏%1 با HTTP %2 پاسخ داد: %3</translation>
    </message>
    <message>
        <source>The certificate of %1 is not trusted: %2. If the server uses a private certificate authority, add it to the system's trusted certificates.</source>
        <translation>گواهی %1 مورد اعتماد نیست: %2. اگر کارساز از مرجع صدور گواهی خصوصی استفاده می‌کند، آن را به گواهی‌های مورد اعتماد سیستم بیفزایید.</translation>
    </message>
    <message>
        <source>The secure connection to the mail server %1 failed: %2. The server may not use implicit TLS on this port; try STARTTLS.</source>
        <translation>اتصال امن به کارساز نامهٔ %1 ناموفق بود: %2. شاید کارساز روی این درگاه TLS ضمنی به کار نبرد؛ STARTTLS را بیازمایید.</translation>
    </message>
    <message>
        <source>The secure connection to %1 failed: %2. Check that the address uses the right scheme and port.</source>
        <translation>اتصال امن به %1 ناموفق بود: %2. بررسی کنید که نشانی، طرح و درگاه درستی دارد.</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>‏%1 ثانیه</translation>
    </message>
    <message>
        <source>The mail server %1 did not greet within %2. Port 465 usually expects implicit TLS: choose that mode.</source>
        <translation>کارساز نامهٔ %1 در %2 خوشامد نگفت. درگاه 465 معمولاً TLS ضمنی می‌خواهد: همان حالت را برگزینید.</translation>
    </message>
    <message>
        <source>The mail server %1 did not greet within %2. Check the host, the port and the TLS mode.</source>
        <translation>کارساز نامهٔ %1 در %2 خوشامد نگفت. میزبان، درگاه و حالت TLS را بررسی کنید.</translation>
    </message>
    <message>
        <source>%1 did not answer within %2. Check the address and your network connection.</source>
        <translation>‏%1 در %2 پاسخ نداد. نشانی و اتصال شبکهٔ خود را بررسی کنید.</translation>
    </message>
    <message>
        <source>The mail server “%1” could not be found. Check the name and your network connection.</source>
        <translation>کارساز نامهٔ «%1» پیدا نشد. نام و اتصال شبکهٔ خود را بررسی کنید.</translation>
    </message>
    <message>
        <source>The mail server %1 refused the connection on port %2. Check the port.</source>
        <translation>کارساز نامهٔ %1 اتصال روی درگاه %2 را نپذیرفت. درگاه را بررسی کنید.</translation>
    </message>
    <message>
        <source>The mail server %1 closed the connection without a greeting. Check the port and the TLS mode.</source>
        <translation>کارساز نامهٔ %1 اتصال را بی خوشامد بست. درگاه و حالت TLS را بررسی کنید.</translation>
    </message>
    <message>
        <source>Could not connect to the mail server %1: %2</source>
        <translation>اتصال به کارساز نامهٔ %1 ممکن نشد: %2</translation>
    </message>
    <message>
        <source>%1 did not answer like a mail server. Check the port.</source>
        <translation>‏%1 مانند کارساز نامه پاسخ نداد. درگاه را بررسی کنید.</translation>
    </message>
    <message>
        <source>The mail server %1 answered on port %2. The login is checked when the first email is sent.</source>
        <translation>کارساز نامهٔ %1 روی درگاه %2 پاسخ داد. ورود هنگام فرستادن نخستین نامه بررسی می‌شود.</translation>
    </message>
    <message>
        <source>The mail server %1 refused the connection: %2</source>
        <translation>کارساز نامهٔ %1 اتصال را نپذیرفت: %2</translation>
    </message>
    <message>
        <source>%1 did not answer like a mail server. Check the port and the TLS mode.</source>
        <translation>‏%1 مانند کارساز نامه پاسخ نداد. درگاه و حالت TLS را بررسی کنید.</translation>
    </message>
</context>
<context>
    <name>Shipdeck::Database</name>
    <message>
        <source>Cannot open the database %1: %2</source>
        <translation>پایگاه دادهٔ %1 باز نشد: %2</translation>
    </message>
    <message>
        <source>Cannot enable the write-ahead log: %1</source>
        <translation>گزارش پیش‌نویسی (WAL) فعال نشد: %1</translation>
    </message>
    <message>
        <source>A database query failed: %1</source>
        <translation>یک پرس‌وجوی پایگاه داده ناموفق بود: %1</translation>
    </message>
    <message>
        <source>Cannot read the database version: %1</source>
        <translation>نسخهٔ پایگاه داده خوانده نشد: %1</translation>
    </message>
    <message>
        <source>The database was written by a newer Shipdeck (schema %1; this version knows %2). It was left untouched.</source>
        <translation>این پایگاه داده را Shipdeck تازه‌تری نوشته است (طرح‌وارهٔ %1؛ این نسخه تا %2 را می‌شناسد). دست‌نخورده ماند.</translation>
    </message>
    <message>
        <source>Cannot start a transaction: %1</source>
        <translation>تراکنش آغاز نشد: %1</translation>
    </message>
    <message>
        <source>Cannot commit a transaction: %1</source>
        <translation>تراکنش ثبت نشد: %1</translation>
    </message>
</context>
<context>
    <name>Shipdeck::DemoData</name>
    <message>
        <source>Search fixes</source>
        <translation>اصلاحات جست‌وجو</translation>
    </message>
    <message>
        <source>Checkout hotfix</source>
        <translation>اصلاح فوری پرداخت</translation>
    </message>
    <message>
        <source>New onboarding flow</source>
        <translation>روند تازهٔ آشنایی کاربران</translation>
    </message>
    <message>
        <source>Onboarding polish</source>
        <translation>بهبود آشنایی کاربران</translation>
    </message>
    <message>
        <source>Team billing</source>
        <translation>صورت‌حساب تیمی</translation>
    </message>
</context>
<context>
    <name>Shipdeck::DemoSandbox</name>
    <message>
        <source>The demo sandbox (%1) could not be started: %2</source>
        <translation>سندباکس نمایشی (%1) آغاز نشد: %2</translation>
    </message>
    <message>
        <source>The demo sandbox ended before it was ready (exit code %1).</source>
        <translation>سندباکس نمایشی پیش از آماده شدن پایان یافت (کد خروج %1).</translation>
    </message>
    <message>
        <source>The demo sandbox did not describe itself.</source>
        <translation>سندباکس نمایشی مشخصات خود را اعلام نکرد.</translation>
    </message>
</context>
<context>
    <name>Shipdeck::DeploymentListModel</name>
    <message>
        <source>Created</source>
        <translation>ساخته‌شده</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>در حال اجرا</translation>
    </message>
    <message>
        <source>Success</source>
        <translation>موفق</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>ناموفق</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>لغوشده</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>ردشده</translation>
    </message>
    <message>
        <source>Waiting for approval</source>
        <translation>در انتظار تأیید</translation>
    </message>
    <message>
        <source>%1 (deployed now)</source>
        <translation>‏%1 (اکنون مستقر)</translation>
    </message>
    <message>
        <source>%1 (rollback candidate)</source>
        <translation>‏%1 (نامزد بازگردانی)</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>وضعیت</translation>
    </message>
    <message>
        <source>Ref</source>
        <translation>‏Ref</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>کامیت</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>عنوان</translation>
    </message>
    <message>
        <source>Deployed by</source>
        <translation>استقراردهنده</translation>
    </message>
    <message>
        <source>Finished at</source>
        <translation>پایان</translation>
    </message>
</context>
<context>
    <name>Shipdeck::DeploymentsPane</name>
    <message>
        <source>No environments yet</source>
        <translation>هنوز محیطی نیست</translation>
    </message>
    <message>
        <source>Connect GitLab to see what is deployed to each environment, its deployment history, and to roll back.</source>
        <translation>‏GitLab را وصل کنید تا ببینید چه چیزی در هر محیط مستقر است، تاریخچهٔ استقرارش را ببینید و بازگردانی کنید.</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>ردپای ممیزی</translation>
    </message>
    <message>
        <source>&amp;Environment:</source>
        <translation>&amp;محیط:</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>محیط</translation>
    </message>
    <message>
        <source>Deployed now</source>
        <translation>اکنون مستقر</translation>
    </message>
    <message>
        <source>Deployment history</source>
        <translation>تاریخچهٔ استقرار</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>environment name (tier)</comment>
        <translation>‏%1 (%2)</translation>
    </message>
    <message>
        <source>This project has no environments.</source>
        <translation>این پروژه محیطی ندارد.</translation>
    </message>
    <message>
        <source>Loading environments…</source>
        <translation>در حال بارگذاری محیط‌ها…</translation>
    </message>
    <message>
        <source>Nothing has been deployed successfully to %1 recently.</source>
        <translation>اخیراً هیچ استقرار موفقی در %1 نبوده است.</translation>
    </message>
    <message>
        <source>Deployed now: %1 at %2</source>
        <translation>اکنون مستقر: %1 در %2</translation>
    </message>
    <message>
        <source>unknown time</source>
        <translation>زمان نامعلوم</translation>
    </message>
    <message>
        <source>Finished at %1</source>
        <translation>پایان در %1</translation>
    </message>
    <message>
        <source>By %1, finished at %2</source>
        <translation>به دست %1، پایان در %2</translation>
    </message>
    <message>
        <source>URL: %1</source>
        <translation>نشانی: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n deployment(s) waiting for approval</source>
        <translation><numerusform>‏%n استقرار در انتظار تأیید</numerusform></translation>
    </message>
</context>
<context>
    <name>Shipdeck::Duration</name>
    <message>
        <source>%1 s</source>
        <translation>‏%1 ثانیه</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>‏%1 دقیقه %2 ثانیه</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>‏%1 ساعت %2 دقیقه</translation>
    </message>
</context>
<context>
    <name>Shipdeck::ErrorChartView</name>
    <message>
        <source>Error rates</source>
        <translation>نرخ خطا</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>دیگر</translation>
    </message>
    <message>
        <source>%1 (in progress)</source>
        <translation>‏%1 (در جریان)</translation>
    </message>
    <message>
        <source>Crash-free sessions, %1</source>
        <translation>نشست‌های بدون فروپاشی، %1</translation>
    </message>
    <message>
        <source>%1: %2 errors/min</source>
        <translation>‏%1: %2 خطا در دقیقه</translation>
    </message>
    <message>
        <source>%1: %2 errors/min (bucket in progress)</source>
        <translation>‏%1: %2 خطا در دقیقه (بازهٔ در جریان)</translation>
    </message>
    <message>
        <source>%1: no data</source>
        <translation>‏%1: بدون داده</translation>
    </message>
    <message>
        <source>%1, %2 % crash-free sessions</source>
        <translation>‏%1، %2 ٪ نشست بدون کرش</translation>
    </message>
    <message>
        <source>Rolled back to %1</source>
        <translation>بازگردانی به %1</translation>
    </message>
    <message>
        <source>Deployed %1</source>
        <translation>استقرار %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>‏%1 (%2)</translation>
    </message>
    <message>
        <source>Rollback %1</source>
        <translation>بازگردانی %1</translation>
    </message>
    <message>
        <source>Errors per minute of each release over time, with a line at every deployment. Plus and minus or the mouse wheel zoom the time axis, Left and Right or dragging pan it, Shift and dragging zooms to a span, Home or 0 shows the whole range and follows live data. Hover a point, or step through the buckets with Control and Left or Right, for the exact values; Escape hides them.</source>
        <translation>خطاها در دقیقه برای هر نسخه در طول زمان، با یک خط برای هر استقرار. کلیدهای به‌علاوه و منها یا چرخ ماوس محور زمان را بزرگ و کوچک می‌کنند، چپ و راست یا کشیدن آن را جابه‌جا می‌کنند، Shift همراه کشیدن روی یک بازه بزرگ می‌کند، Home یا 0 کل بازه را نشان می‌دهد و داده‌های زنده را دنبال می‌کند. برای مقدار دقیق، نشانگر را روی یک نقطه نگه دارید یا با Control و چپ یا راست بازه‌ها را یکی‌یکی ببینید؛ Escape آن را پنهان می‌کند.</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>مجموع</translation>
    </message>
    <message>
        <source>Errors/min</source>
        <translation>خطا/دقیقه</translation>
    </message>
    <message>
        <source>Crash-free %</source>
        <translation>٪ بدون کرش</translation>
    </message>
</context>
<context>
    <name>Shipdeck::ErrorRateMonitor</name>
    <message>
        <source>Error counts could not be updated: %1</source>
        <translation>شمار خطاها به‌روز نشد: %1</translation>
    </message>
    <message>
        <source>Release health could not be updated: %1</source>
        <translation>سلامت انتشار به‌روز نشد: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n malformed bucket(s) skipped.</source>
        <translation><numerusform>‏%n بازهٔ نادرست نادیده گرفته شد.</numerusform></translation>
    </message>
    <message>
        <source>The total could not be updated: %1</source>
        <translation>مجموع به‌روز نشد: %1</translation>
    </message>
</context>
<context>
    <name>Shipdeck::ErrorRatesPane</name>
    <message>
        <source>No error data yet</source>
        <translation>هنوز داده‌ای از خطاها نیست</translation>
    </message>
    <message>
        <source>Connect Sentry to watch the error rate and crash-free sessions of each release live, with a marker at every deployment.</source>
        <translation>‏Sentry را وصل کنید تا نرخ خطا و نشست‌های بدون فروپاشی هر انتشار را زنده، با نشانگری در هر استقرار، ببینید.</translation>
    </message>
    <message>
        <source>&amp;Range:</source>
        <translation>&amp;بازه:</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>یک ساعت گذشته</translation>
    </message>
    <message>
        <source>Last 6 hours</source>
        <translation>۶ ساعت گذشته</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>۲۴ ساعت گذشته</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>۷ روز گذشته</translation>
    </message>
    <message>
        <source>Roll back…</source>
        <translation>بازگردانی…</translation>
    </message>
    <message>
        <source>&amp;Open in Sentry</source>
        <translation>&amp;باز کردن در Sentry</translation>
    </message>
    <message>
        <source>Release verdict</source>
        <translation>داوری انتشار</translation>
    </message>
    <message>
        <source>Start rolling back the current release</source>
        <translation>بازگردانی انتشار کنونی را آغاز کن</translation>
    </message>
    <message>
        <source>New &amp;issues in this release:</source>
        <translation>&amp;مسائل تازه در این انتشار:</translation>
    </message>
    <message>
        <source>New issues</source>
        <translation>مسائل تازه</translation>
    </message>
    <message>
        <source>Critical: %1</source>
        <translation>بحرانی: %1</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>هشدار: %1</translation>
    </message>
    <message>
        <source>Roll back %1</source>
        <translation>بازگردانی %1</translation>
    </message>
    <message>
        <source>Rolled back: %1 was replaced by %2 at %3. The lines show whether the error rate recovers.</source>
        <translation>بازگردانده شد: %1 در %3 با %2 جایگزین شد. خطوط نشان می‌دهند که نرخ خطا بهبود می‌یابد یا نه.</translation>
    </message>
    <message>
        <source>&amp;Thresholds…</source>
        <translation>&amp;آستانه‌ها…</translation>
    </message>
    <message>
        <source>When a release counts as unhealthy</source>
        <translation>چه زمانی یک نسخه ناسالم به شمار می‌آید</translation>
    </message>
</context>
<context>
    <name>Shipdeck::ErrorSeriesModel</name>
    <message>
        <source>Time</source>
        <translation>زمان</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>خطاها</translation>
    </message>
    <message>
        <source>Errors/min</source>
        <translation>خطا/دقیقه</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>کامل</translation>
    </message>
</context>
<context>
    <name>Shipdeck::IssueListModel</name>
    <message>
        <source>?</source>
        <translation>؟</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>عنوان</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>رویدادها</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>کاربران</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>نخستین دیدن</translation>
    </message>
</context>
<context>
    <name>Shipdeck::JobListModel</name>
    <message>
        <source>Job</source>
        <translation>کار</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>مرحله</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>وضعیت</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>مدت</translation>
    </message>
    <message>
        <source>Failure reason</source>
        <translation>علت شکست</translation>
    </message>
</context>
<context>
    <name>Shipdeck::JobLogDialog</name>
    <message>
        <source>Log of %1</source>
        <translation>گزارش %1</translation>
    </message>
    <message>
        <source>Job log</source>
        <translation>گزارش کار</translation>
    </message>
    <message>
        <source>GitLab is not connected.</source>
        <translation>‏GitLab وصل نیست.</translation>
    </message>
    <message>
        <source>Stopped after %1: %2</source>
        <translation>پس از %1 متوقف شد: %2</translation>
    </message>
    <message>
        <source>Loading the log… %1</source>
        <translation>در حال بارگیری گزارش… %1</translation>
    </message>
    <message>
        <source>Loading the log…</source>
        <translation>در حال بارگذاری گزارش…</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s), %1</source>
        <translation><numerusform>‏%n خط، %1</numerusform></translation>
    </message>
    <message>
        <source>The log is empty.</source>
        <translation>گزارش خالی است.</translation>
    </message>
</context>
<context>
    <name>Shipdeck::MainWindow</name>
    <message>
        <source>Shipdeck — Demo workspace</source>
        <translation>‏Shipdeck — فضای کار نمایشی</translation>
    </message>
    <message>
        <source>Shipdeck</source>
        <translation>‏Shipdeck</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>نمایشی</translation>
    </message>
    <message>
        <source>No release notes yet</source>
        <translation>هنوز یادداشت انتشاری نیست</translation>
    </message>
    <message>
        <source>Connect GitLab to draft release notes from merged work and publish them as a GitLab release.</source>
        <translation>‏GitLab را وصل کنید تا از کارهای ادغام‌شده پیش‌نویس یادداشت انتشار بسازید و آن را به‌صورت انتشار GitLab منتشر کنید.</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>تقویم</translation>
    </message>
    <message>
        <source>Error rates</source>
        <translation>نرخ خطا</translation>
    </message>
    <message>
        <source>Pipelines</source>
        <translation>خطوط لوله</translation>
    </message>
    <message>
        <source>Deployments &amp;&amp; rollback</source>
        <translation>استقرار و بازگردانی</translation>
    </message>
    <message>
        <source>Release notes</source>
        <translation>یادداشت‌های انتشار</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;پرونده</translation>
    </message>
    <message>
        <source>&amp;New Release</source>
        <translation>&amp;انتشار تازه</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;ویرایش</translation>
    </message>
    <message>
        <source>&amp;Delete Release</source>
        <translation>&amp;حذف انتشار</translation>
    </message>
    <message>
        <source>Delete Release</source>
        <translation>حذف انتشار</translation>
    </message>
    <message>
        <source>Delete the release “%1” from the plan?</source>
        <translation>انتشار «%1» از برنامه حذف شود؟</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;نما</translation>
    </message>
    <message>
        <source>Go to %1</source>
        <translation>رفتن به %1</translation>
    </message>
    <message>
        <source>&amp;Panes</source>
        <translation>&amp;قاب‌ها</translation>
    </message>
    <message>
        <source>&amp;Reset Layout</source>
        <translation>&amp;بازنشانی چیدمان</translation>
    </message>
    <message>
        <source>F&amp;ull Screen Mode</source>
        <translation>حالت تمام‌&amp;صفحه</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;تنظیمات</translation>
    </message>
    <message>
        <source>Connect %1…</source>
        <translation>وصل کردن %1…</translation>
    </message>
    <message>
        <source>&amp;Configure Shipdeck…</source>
        <translation>&amp;پیکربندی Shipdeck…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;راهنما</translation>
    </message>
    <message>
        <source>&amp;About Shipdeck</source>
        <translation>&amp;درباره Shipdeck</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>درباره &amp;Qt</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Shipdeck %1&lt;/h3&gt;&lt;p&gt;Plan releases, watch them roll out, roll back when they go wrong, and tell people what changed.&lt;/p&gt;&lt;p&gt;Qt %2 (built with %3)&lt;br&gt;KDE Frameworks %4 (KSyntaxHighlighting)&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Shipdeck %1&lt;/h3&gt;&lt;p&gt;انتشارها را برنامه‌ریزی کنید، استقرارشان را دنبال کنید، وقتی خراب شد بازگردانی کنید و به دیگران بگویید چه چیزی تغییر کرد.&lt;/p&gt;&lt;p&gt;Qt %2 (ساخته‌شده با %3)&lt;br&gt;KDE Frameworks %4 (KSyntaxHighlighting)&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About Shipdeck</source>
        <translation>درباره Shipdeck</translation>
    </message>
    <message>
        <source>Storage error: %1</source>
        <translation>خطای ذخیره‌سازی: %1</translation>
    </message>
    <message>
        <source>Shipdeck could not use its database. Your changes are kept while Shipdeck runs, but may not be saved.</source>
        <translation>‏Shipdeck نتوانست از پایگاه داده‌اش استفاده کند. تغییرات شما تا وقتی Shipdeck باز است نگه داشته می‌شود، اما شاید ذخیره نشود.</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;زبان</translation>
    </message>
    <message>
        <source>System Language</source>
        <translation>زبان سیستم</translation>
    </message>
    <message>
        <source>Shipdeck will use %1 the next time it starts.</source>
        <translation>‏Shipdeck دفعهٔ بعد که آغاز شود از %1 استفاده می‌کند.</translation>
    </message>
    <message>
        <source>Demo workspace: a local sandbox plays GitLab and Sentry through a release rollout, one scenario minute per second. Your own workspace is untouched; to use your services, start Shipdeck without --demo and connect them under Settings.</source>
        <translation>فضای کار نمایشی: یک سندباکس محلی نقش GitLab و Sentry را در یک استقرار انتشار بازی می‌کند، هر ثانیه یک دقیقه از سناریو. فضای کار خودتان دست‌نخورده می‌ماند؛ برای کار با سرویس‌های خودتان، Shipdeck را بدون ‎--demo‎ آغاز کنید و آن‌ها را از «تنظیمات» وصل کنید.</translation>
    </message>
    <message>
        <source>%1 breached its thresholds: pick the deployment to roll back to under Deployments &amp; rollback.</source>
        <translation>‏%1 از آستانه‌هایش گذشت: استقراری را که باید به آن بازگردید در «استقرار و بازگردانی» برگزینید.</translation>
    </message>
    <message>
        <source>Recent &amp;Notifications…</source>
        <translation>&amp;اعلان‌های اخیر…</translation>
    </message>
    <message>
        <source>&amp;Notifications…</source>
        <translation>&amp;اعلان‌ها…</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>‏%1: %2</translation>
    </message>
    <message>
        <source>Recent Notifications</source>
        <translation>اعلان‌های اخیر</translation>
    </message>
    <message numerus="yes">
        <source>The latest %n pipeline notifications, newest first. Double-click one to open the pipeline in GitLab.</source>
        <translation><numerusform>آخرین %n اعلان پایپ‌لاین، جدیدترین در ابتدا. برای باز کردن پایپ‌لاین در GitLab روی یکی دوبار کلیک کنید.</numerusform></translation>
    </message>
    <message>
        <source>No notifications yet.</source>
        <translation>هنوز اعلانی نیست.</translation>
    </message>
    <message>
        <source>%1 — %2
%3</source>
        <translation>‏%1 — %2
%3</translation>
    </message>
</context>
<context>
    <name>Shipdeck::Pane</name>
    <message>
        <source>Connect %1…</source>
        <translation>وصل کردن %1…</translation>
    </message>
</context>
<context>
    <name>Shipdeck::Pipeline</name>
    <message>
        <source>Unknown</source>
        <translation>ناشناخته</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>ساخته‌شده</translation>
    </message>
    <message>
        <source>Waiting for resource</source>
        <translation>در انتظار منبع</translation>
    </message>
    <message>
        <source>Preparing</source>
        <translation>در حال آماده‌سازی</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>در صف</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>در حال اجرا</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>موفق</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>ناموفق</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>لغوشده</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>ردشده</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>دستی</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>زمان‌بندی‌شده</translation>
    </message>
</context>
<context>
    <name>Shipdeck::PipelineListModel</name>
    <message>
        <source>Status</source>
        <translation>وضعیت</translation>
    </message>
    <message>
        <source>Ref</source>
        <translation>‏Ref</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>کامیت</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>عنوان</translation>
    </message>
    <message>
        <source>User</source>
        <translation>کاربر</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>ساخته‌شده</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>مدت</translation>
    </message>
</context>
<context>
    <name>Shipdeck::PipelineMonitor</name>
    <message>
        <source>GitLab answered the pipeline list with something that is not a list.</source>
        <translation>‏GitLab در پاسخ فهرست خطوط لوله چیزی فرستاد که فهرست نیست.</translation>
    </message>
</context>
<context>
    <name>Shipdeck::PipelineNotifier</name>
    <message>
        <source>No pipelines</source>
        <translation>بدون پایپ‌لاین</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>موفق</translation>
    </message>
    <message>
        <source>Waiting for a manual action</source>
        <translation>در انتظار اقدام دستی</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>در حال اجرا</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>ناموفق</translation>
    </message>
    <message>
        <source>Pipeline #%1 (commit %2)</source>
        <translation>پایپ‌لاین #%1 (کامیت %2)</translation>
    </message>
    <message>
        <source>Pipeline #%1 (commit %2, “%3”)</source>
        <translation>پایپ‌لاین #%1 (کامیت %2، «%3»)</translation>
    </message>
    <message>
        <source>Pipeline failed on %1</source>
        <translation>پایپ‌لاین روی %1 شکست خورد</translation>
    </message>
    <message>
        <source>%1 failed.</source>
        <translation>‏%1 شکست خورد.</translation>
    </message>
    <message>
        <source>Pipeline fixed on %1</source>
        <translation>پایپ‌لاین روی %1 درست شد</translation>
    </message>
    <message>
        <source>%1 passed; the previous pipeline on %2 had failed.</source>
        <translation>‏%1 موفق شد؛ پایپ‌لاین قبلی روی %2 شکست خورده بود.</translation>
    </message>
    <message>
        <source>Deploy to %1 is waiting</source>
        <translation>استقرار در %1 در انتظار است</translation>
    </message>
    <message>
        <source>%1 on %2 waits for someone to run the manual job %3.</source>
        <translation>‏%1 روی %2 منتظر است کسی کار دستی %3 را اجرا کند.</translation>
    </message>
</context>
<context>
    <name>Shipdeck::PipelineSource</name>
    <message>
        <source>Push</source>
        <translation>‏Push</translation>
    </message>
    <message>
        <source>Web</source>
        <translation>وب</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>زمان‌بندی</translation>
    </message>
    <message>
        <source>API</source>
        <translation>‏API</translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation>تریگر</translation>
    </message>
    <message>
        <source>Merge request</source>
        <translation>درخواست ادغام</translation>
    </message>
    <message>
        <source>External pull request</source>
        <translation>درخواست pull بیرونی</translation>
    </message>
    <message>
        <source>Parent pipeline</source>
        <translation>پایپ‌لاین والد</translation>
    </message>
    <message>
        <source>Multi-project pipeline</source>
        <translation>پایپ‌لاین چندپروژه‌ای</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>گفتگو</translation>
    </message>
    <message>
        <source>Web IDE</source>
        <translation>‏Web IDE</translation>
    </message>
    <message>
        <source>External</source>
        <translation>بیرونی</translation>
    </message>
</context>
<context>
    <name>Shipdeck::PipelinesPane</name>
    <message>
        <source>&amp;Play</source>
        <translation>&amp;اجرا</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;تلاش دوباره</translation>
    </message>
    <message>
        <source>&amp;Cancel Pipeline</source>
        <translation>&amp;لغو خط لوله</translation>
    </message>
    <message>
        <source>&amp;Log</source>
        <translation>&amp;گزارش</translation>
    </message>
    <message>
        <source>Open in &amp;GitLab</source>
        <translation>باز کردن در &amp;GitLab</translation>
    </message>
    <message>
        <source>No pipelines yet</source>
        <translation>هنوز خط لوله‌ای نیست</translation>
    </message>
    <message>
        <source>Connect GitLab to see what is building, what failed and which deploy waits for you.</source>
        <translation>‏GitLab را وصل کنید تا ببینید چه چیزی در حال ساخت است، چه چیزی شکست خورده و کدام استقرار منتظر شماست.</translation>
    </message>
    <message>
        <source>&amp;Ref:</source>
        <translation>‏&amp;Ref:</translation>
    </message>
    <message>
        <source>All refs</source>
        <translation>همهٔ refها</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;وضعیت:</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>همهٔ وضعیت‌ها</translation>
    </message>
    <message>
        <source>Pipelines</source>
        <translation>خطوط لوله</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>کارها</translation>
    </message>
    <message>
        <source>Starting %1…</source>
        <translation>در حال آغاز %1…</translation>
    </message>
    <message>
        <source>Started %1.</source>
        <translation>‏%1 آغاز شد.</translation>
    </message>
    <message>
        <source>Retrying %1…</source>
        <translation>در حال تلاش دوباره برای %1…</translation>
    </message>
    <message>
        <source>Retried %1.</source>
        <translation>‏%1 دوباره اجرا شد.</translation>
    </message>
    <message>
        <source>Cancelling pipeline #%1…</source>
        <translation>در حال لغو خط لولهٔ #%1…</translation>
    </message>
    <message>
        <source>Cancelled pipeline #%1.</source>
        <translation>خط لولهٔ #%1 لغو شد.</translation>
    </message>
    <message>
        <source>Jobs of pipeline #%1</source>
        <translation>کارهای خط لولهٔ #%1</translation>
    </message>
    <message>
        <source>S&amp;ource:</source>
        <translation>&amp;منبع:</translation>
    </message>
    <message>
        <source>All sources</source>
        <translation>همهٔ منابع</translation>
    </message>
    <message>
        <source>%1 (default branch)</source>
        <translation>‏%1 (شاخهٔ پیش‌فرض)</translation>
    </message>
</context>
<context>
    <name>Shipdeck::Release</name>
    <message>
        <source>Planned</source>
        <translation>برنامه‌ریزی‌شده</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>زمان‌بندی‌شده</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>در جریان</translation>
    </message>
    <message>
        <source>Released</source>
        <translation>منتشرشده</translation>
    </message>
    <message>
        <source>Rolled back</source>
        <translation>بازگردانده‌شده</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>لغوشده</translation>
    </message>
</context>
<context>
    <name>Shipdeck::ReleaseListModel</name>
    <message>
        <source>Version</source>
        <translation>نسخه</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>عنوان</translation>
    </message>
    <message>
        <source>Planned start</source>
        <translation>آغاز برنامه‌ریزی‌شده</translation>
    </message>
    <message>
        <source>Planned end</source>
        <translation>پایان برنامه‌ریزی‌شده</translation>
    </message>
    <message>
        <source>Environments</source>
        <translation>محیط‌ها</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>وضعیت</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>مسئول</translation>
    </message>
</context>
<context>
    <name>Shipdeck::ReleaseTimelineModel</name>
    <message>
        <source>%1 — %2</source>
        <extracomment>Agenda entry: version, title</extracomment>
        <translation>‏%1 — %2</translation>
    </message>
    <message>
        <source>%1 to %2
%3</source>
        <extracomment>Agenda tooltip: start, end, status</extracomment>
        <translation>‏%1 تا %2
%3</translation>
    </message>
</context>
<context>
    <name>Shipdeck::ReleaseVerdictJob</name>
    <message>
        <source>No Sentry connection.</source>
        <translation>اتصالی به Sentry نیست.</translation>
    </message>
    <message>
        <source>Sentry returned no error series.</source>
        <translation>‏Sentry هیچ سری خطایی برنگرداند.</translation>
    </message>
</context>
<context>
    <name>Shipdeck::SecretStore</name>
    <message>
        <source>No keychain service (Secret Service or KWallet) is available: secrets are kept only until Shipdeck quits.</source>
        <translation>هیچ سرویس جاکلیدی (Secret Service یا KWallet) در دسترس نیست: رازها فقط تا بسته شدن Shipdeck نگه داشته می‌شوند.</translation>
    </message>
    <message>
        <source>Access to the keychain was denied.</source>
        <translation>دسترسی به جاکلیدی رد شد.</translation>
    </message>
    <message>
        <source>The keychain refused access: %1</source>
        <translation>جاکلیدی دسترسی را نپذیرفت: %1</translation>
    </message>
    <message>
        <source>The secret could not be deleted from the keychain: %1</source>
        <translation>راز از جاکلیدی پاک نشد: %1</translation>
    </message>
    <message>
        <source>The keychain reported an error: %1</source>
        <translation>جاکلیدی خطایی گزارش کرد: %1</translation>
    </message>
</context>
<context>
    <name>Shipdeck::SentryClient</name>
    <message>
        <source>Cancelled.</source>
        <translation>لغو شد.</translation>
    </message>
    <message>
        <source>Sentry sent error counts in an unknown format.</source>
        <translation>‏Sentry شمار خطاها را در قالبی ناشناخته فرستاد.</translation>
    </message>
    <message>
        <source>Sentry sent release health in an unknown format.</source>
        <translation>‏Sentry سلامت انتشار را در قالبی ناشناخته فرستاد.</translation>
    </message>
    <message>
        <source>Sentry sent a release in an unknown format.</source>
        <translation>‏Sentry یک انتشار را در قالبی ناشناخته فرستاد.</translation>
    </message>
    <message>
        <source>Sentry sent issues in an unknown format.</source>
        <translation>‏Sentry مسائل را در قالبی ناشناخته فرستاد.</translation>
    </message>
    <message>
        <source>Sentry pointed the next page to another server.</source>
        <translation>‏Sentry صفحهٔ بعد را به کارساز دیگری نشانی داد.</translation>
    </message>
    <message>
        <source>Sentry sent the deploys in an unknown format.</source>
        <translation>‏Sentry استقرارها را در قالبی ناشناخته فرستاد.</translation>
    </message>
</context>
<context>
    <name>Shipdeck::SettingsDialog</name>
    <message>
        <source>sentry.io — United States (us)</source>
        <translation>‏sentry.io — ایالات متحده (us)</translation>
    </message>
    <message>
        <source>sentry.io — European Union (de)</source>
        <translation>‏sentry.io — اتحادیهٔ اروپا (de)</translation>
    </message>
    <message>
        <source>sentry.io — United States 2 (us2)</source>
        <translation>‏sentry.io — ایالات متحده ۲ (us2)</translation>
    </message>
    <message>
        <source>Self-hosted</source>
        <translation>میزبانی شخصی</translation>
    </message>
    <message>
        <source>Enter an address that starts with http:// or https://.</source>
        <translation>نشانی‌ای وارد کنید که با http:// یا https://‎ آغاز شود.</translation>
    </message>
    <message>
        <source>Leave the password out of the address; the token has a field of its own.</source>
        <translation>گذرواژه را در نشانی ننویسید؛ توکن فیلد جداگانه‌ای دارد.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>تنظیمات</translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation>&amp;آزمودن اتصال</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>نمایش</translation>
    </message>
    <message>
        <source>Show the secret</source>
        <translation>نمایش راز</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>پنهان</translation>
    </message>
    <message>
        <source>Hide the secret</source>
        <translation>پنهان کردن راز</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;کارساز:</translation>
    </message>
    <message>
        <source>group/project or 1234</source>
        <translation>‏group/project یا 1234</translation>
    </message>
    <message>
        <source>&amp;Project:</source>
        <translation>&amp;پروژه:</translation>
    </message>
    <message>
        <source>Access &amp;token:</source>
        <translation>&amp;توکن دسترسی:</translation>
    </message>
    <message>
        <source>A personal, project or group access token. Reading needs the read_api scope; retrying jobs for a rollback needs api.</source>
        <translation>توکن دسترسی شخصی، پروژه یا گروه. خواندن به دامنهٔ read_api نیاز دارد؛ تکرار کارها برای بازگردانی به api نیاز دارد.</translation>
    </message>
    <message>
        <source>Pipelines, deployments and rollbacks come from this GitLab project.</source>
        <translation>خطوط لوله، استقرارها و بازگردانی‌ها از این پروژهٔ GitLab می‌آیند.</translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation>&amp;منطقه:</translation>
    </message>
    <message>
        <source>organization-slug</source>
        <translation>‏organization-slug</translation>
    </message>
    <message>
        <source>&amp;Organization:</source>
        <translation>&amp;سازمان:</translation>
    </message>
    <message>
        <source>backend, web-app</source>
        <translation>‏backend, web-app</translation>
    </message>
    <message>
        <source>Project slugs, separated by commas.</source>
        <translation>شناسه‌های پروژه، جداشده با ویرگول.</translation>
    </message>
    <message>
        <source>&amp;Projects:</source>
        <translation>&amp;پروژه‌ها:</translation>
    </message>
    <message>
        <source>production (empty for all)</source>
        <translation>‏production (خالی برای همه)</translation>
    </message>
    <message>
        <source>&amp;Environment:</source>
        <translation>&amp;محیط:</translation>
    </message>
    <message>
        <source>Auth &amp;token:</source>
        <translation>&amp;توکن احراز هویت:</translation>
    </message>
    <message>
        <source>An internal integration or personal token with org:read, project:read, event:read and project:releases.</source>
        <translation>توکن یکپارچه‌سازی داخلی یا شخصی با دامنه‌های org:read، project:read، event:read و project:releases.</translation>
    </message>
    <message>
        <source>Error rates and release health come from these Sentry projects.</source>
        <translation>نرخ خطا و سلامت انتشار از این پروژه‌های Sentry می‌آیند.</translation>
    </message>
    <message>
        <source>Incoming &amp;webhook URL:</source>
        <translation>نشانی &amp;وب‌هوک ورودی:</translation>
    </message>
    <message>
        <source>#releases</source>
        <translation>‏#releases</translation>
    </message>
    <message>
        <source>&amp;Channel label:</source>
        <translation>برچسب &amp;کانال:</translation>
    </message>
    <message>
        <source>Release notifications are posted through a Slack incoming webhook. Its URL is a secret: anyone who has it can post to the channel.</source>
        <translation>اعلان‌های انتشار از راه وب‌هوک ورودی Slack فرستاده می‌شوند. نشانی آن راز است: هر کس آن را داشته باشد می‌تواند در کانال پیام بگذارد.</translation>
    </message>
    <message>
        <source>SMTP &amp;server:</source>
        <translation>&amp;کارساز SMTP:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;درگاه:</translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation>‏STARTTLS</translation>
    </message>
    <message>
        <source>Implicit TLS (SMTPS)</source>
        <translation>‏TLS ضمنی (SMTPS)</translation>
    </message>
    <message>
        <source>None (unencrypted)</source>
        <translation>هیچ (رمزنشده)</translation>
    </message>
    <message>
        <source>&amp;Encryption:</source>
        <translation>&amp;رمزگذاری:</translation>
    </message>
    <message>
        <source>empty when the server needs no login</source>
        <translation>اگر کارساز ورود نمی‌خواهد خالی بگذارید</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;نام کاربری:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>&amp;گذرواژه:</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;فرستنده:</translation>
    </message>
    <message>
        <source>team@example.com, oncall@example.com</source>
        <translation>‏team@example.com, oncall@example.com</translation>
    </message>
    <message>
        <source>Addresses, separated by commas.</source>
        <translation>نشانی‌ها، جداشده با ویرگول.</translation>
    </message>
    <message>
        <source>&amp;Recipients:</source>
        <translation>&amp;گیرندگان:</translation>
    </message>
    <message>
        <source>Release notifications are sent by email through this SMTP server.</source>
        <translation>اعلان‌های انتشار با ایمیل از راه این کارساز SMTP فرستاده می‌شوند.</translation>
    </message>
    <message>
        <source>The secret could not be saved: %1</source>
        <translation>راز ذخیره نشد: %1</translation>
    </message>
    <message>
        <source>The saved secret could not be read: %1</source>
        <translation>راز ذخیره‌شده خوانده نشد: %1</translation>
    </message>
    <message>
        <source>The webhook URL must start with https://.</source>
        <translation>نشانی وب‌هوک باید با https://‎ آغاز شود.</translation>
    </message>
    <message>
        <source>“%1” is not an email address.</source>
        <translation>‏«%1» نشانی ایمیل نیست.</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>در حال آزمودن…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>در حال اتصال…</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>اعلان‌ها</translation>
    </message>
    <message>
        <source>Shipdeck shows the worst state of the watched pipelines in the system tray and tells you when a pipeline fails, when a failed branch passes again, and when a deploy waits for someone to start it.</source>
        <translation>‏Shipdeck بدترین وضعیت پایپ‌لاین‌های زیر نظر را در سینی سیستم نشان می‌دهد و به شما خبر می‌دهد وقتی پایپ‌لاینی شکست می‌خورد، وقتی شاخهٔ شکست‌خورده دوباره موفق می‌شود، و وقتی استقراری منتظر اجرای دستی است.</translation>
    </message>
    <message>
        <source>&amp;Show desktop notifications about pipelines</source>
        <translation>&amp;نمایش اعلان‌های میزکار دربارهٔ پایپ‌لاین‌ها</translation>
    </message>
    <message>
        <source>&amp;Only when a pipeline fails</source>
        <translation>&amp;فقط وقتی پایپ‌لاینی شکست می‌خورد</translation>
    </message>
    <message>
        <source>All branches and tags, or e.g. main, release/*</source>
        <translation>همهٔ شاخه‌ها و برچسب‌ها، یا مثلاً main، release/*</translation>
    </message>
    <message>
        <source>Branches and tags to watch, separated by commas. * matches any characters, ? one. Empty: every branch and tag.</source>
        <translation>شاخه‌ها و برچسب‌های زیر نظر، جداشده با ویرگول. * با هر تعداد نویسه و ? با یک نویسه جور می‌شود. خالی: همهٔ شاخه‌ها و برچسب‌ها.</translation>
    </message>
    <message>
        <source>&amp;Branches and tags:</source>
        <translation>&amp;شاخه‌ها و برچسب‌ها:</translation>
    </message>
    <message>
        <source>All environments, or e.g. production, prod-*</source>
        <translation>همهٔ محیط‌ها، یا مثلاً production، prod-*</translation>
    </message>
    <message>
        <source>Environments whose waiting manual deploys are announced, separated by commas. * matches any characters, ? one. Empty: every environment.</source>
        <translation>محیط‌هایی که استقرار دستی منتظرشان اعلام می‌شود، جداشده با ویرگول. * با هر تعداد نویسه و ? با یک نویسه جور می‌شود. خالی: همهٔ محیط‌ها.</translation>
    </message>
    <message>
        <source>Manual deploys &amp;to:</source>
        <translation>استقرارهای دستی &amp;در:</translation>
    </message>
</context>
<context>
    <name>Shipdeck::Source</name>
    <message>
        <source>Email</source>
        <translation>ایمیل</translation>
    </message>
</context>
<context>
    <name>Shipdeck::ThresholdsDialog</name>
    <message>
        <source>Release Health Thresholds</source>
        <translation>آستانه‌های سلامت نسخه</translation>
    </message>
    <message>
        <source>A release is judged against the previous one over the same time since each deploy. Over one threshold it gets a warning; over both rate thresholds, or under the crash-free floor, it is critical.</source>
        <translation>هر نسخه با نسخهٔ قبلی در مدت زمانی برابر از هر استقرار سنجیده می‌شود. با گذر از یک آستانه هشدار می‌گیرد؛ با گذر از هر دو آستانهٔ نرخ، یا پایین‌تر رفتن از کف نشست‌های بدون کرش، بحرانی است.</translation>
    </message>
    <message>
        <source> errors/min</source>
        <translation> خطا در دقیقه</translation>
    </message>
    <message>
        <source>The new release's error rate at or above this is too high, whatever the previous did.</source>
        <translation>نرخ خطای نسخهٔ جدید در این مقدار یا بیشتر، صرف‌نظر از نسخهٔ قبلی، زیاد است.</translation>
    </message>
    <message>
        <source>&amp;Error rate at least:</source>
        <translation>&amp;نرخ خطا دست‌کم:</translation>
    </message>
    <message>
        <source>× the previous release</source>
        <translation>‏× نسخهٔ قبلی</translation>
    </message>
    <message>
        <source>The new release's error rate (per session when Sentry has sessions) compared with the previous release's since its deploy.</source>
        <translation>نرخ خطای نسخهٔ جدید (به ازای هر نشست وقتی Sentry نشست دارد) در مقایسه با نسخهٔ قبلی از زمان استقرارش.</translation>
    </message>
    <message>
        <source>&amp;Or at least:</source>
        <translation>&amp;یا دست‌کم:</translation>
    </message>
    <message>
        <source> %</source>
        <translation> ٪</translation>
    </message>
    <message>
        <source>Crash-free sessions below this are critical.</source>
        <translation>نشست‌های بدون کرش کمتر از این مقدار بحرانی است.</translation>
    </message>
    <message>
        <source>&amp;Crash-free sessions below:</source>
        <translation>&amp;نشست‌های بدون کرش کمتر از:</translation>
    </message>
    <message>
        <source> min after the deploy</source>
        <translation> دقیقه پس از استقرار</translation>
    </message>
    <message>
        <source>Before this there is too little data for a verdict.</source>
        <translation>پیش از این، داده برای داوری بسیار کم است.</translation>
    </message>
    <message>
        <source>&amp;Judge from:</source>
        <translation>&amp;داوری از:</translation>
    </message>
</context>
<context>
    <name>Shipdeck::TrayIcon</name>
    <message>
        <source>, </source>
        <translation>، </translation>
    </message>
    <message>
        <source>&amp;Show Shipdeck</source>
        <translation>&amp;نمایش Shipdeck</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <source>Shipdeck — GitLab is not connected</source>
        <translation>‏Shipdeck — GitLab وصل نیست</translation>
    </message>
    <message>
        <source>Shipdeck — no watched pipelines</source>
        <translation>‏Shipdeck — پایپ‌لاینی زیر نظر نیست</translation>
    </message>
    <message>
        <source>Shipdeck — all watched pipelines passed</source>
        <translation>‏Shipdeck — همهٔ پایپ‌لاین‌های زیر نظر موفق بودند</translation>
    </message>
    <message>
        <source>Shipdeck — 1 pipeline failed on %1</source>
        <translation>‏Shipdeck — ۱ پایپ‌لاین روی %1 شکست خورد</translation>
    </message>
    <message numerus="yes">
        <source>Shipdeck — %n pipelines failed on %1</source>
        <translation><numerusform>‏Shipdeck — %n پایپ‌لاین روی %1 شکست خوردند</numerusform></translation>
    </message>
    <message>
        <source>Shipdeck — 1 pipeline running on %1</source>
        <translation>‏Shipdeck — ۱ پایپ‌لاین روی %1 در حال اجراست</translation>
    </message>
    <message numerus="yes">
        <source>Shipdeck — %n pipelines running on %1</source>
        <translation><numerusform>‏Shipdeck — %n پایپ‌لاین روی %1 در حال اجراست</numerusform></translation>
    </message>
    <message>
        <source>Shipdeck — waiting for a manual action on %1</source>
        <translation>‏Shipdeck — در انتظار اقدام دستی روی %1</translation>
    </message>
    <message>
        <source>Shipdeck</source>
        <translation>‏Shipdeck</translation>
    </message>
</context>
<context>
    <name>Shipdeck::Workspace</name>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>پوشهٔ %1 ساخته نشد.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Screenshot saved to %1</source>
        <translation>تصویر صفحه در %1 ذخیره شد</translation>
    </message>
    <message>
        <source>Could not save the screenshot to %1</source>
        <translation>تصویر صفحه در %1 ذخیره نشد</translation>
    </message>
    <message>
        <source>Plan releases, watch rollouts, roll back, and tell people what changed.</source>
        <translation>انتشارها را برنامه‌ریزی کنید، استقرارها را دنبال کنید، بازگردانی کنید و بگویید چه چیزی تغییر کرد.</translation>
    </message>
    <message>
        <source>Print the Shipdeck, Qt and KF6 versions.</source>
        <translation>نسخه‌های Shipdeck، Qt و KF6 را چاپ کن.</translation>
    </message>
    <message>
        <source>Open the demo workspace instead of your own.</source>
        <translation>به‌جای فضای کار خودتان، فضای کار نمایشی را باز کن.</translation>
    </message>
    <message>
        <source>Render the main window to the PNG &lt;file&gt; once loaded, then quit.</source>
        <translation>پس از بارگذاری، پنجرهٔ اصلی را در &lt;file&gt; با قالب PNG بکش و سپس خارج شو.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>پرونده</translation>
    </message>
    <message>
        <source>Use &lt;language&gt; (e.g. fa) for the interface.</source>
        <translation>از &lt;language&gt; (مثلاً fa) برای رابط کاربری استفاده کن.</translation>
    </message>
    <message>
        <source>language</source>
        <translation>زبان</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>نمایشی</translation>
    </message>
</context>
</TS>
