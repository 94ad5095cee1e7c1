<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ReleaseVerdict</name>
    <message numerus="yes">
        <source>%1: too early for a verdict (deployed %n min ago)</source>
        <translation>
            <numerusform>%1: too early for a verdict (deployed %n min ago)</numerusform>
            <numerusform>%1: too early for a verdict (deployed %n min ago)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: errors where %2 had none since deploy %n min ago</source>
        <translation>
            <numerusform>%1: errors where %2 had none since deploy %n min ago</numerusform>
            <numerusform>%1: errors where %2 had none since deploy %n min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %2x the error rate of %3 since deploy %n min ago</source>
        <translation>
            <numerusform>%1: %2x the error rate of %3 since deploy %n min ago</numerusform>
            <numerusform>%1: %2x the error rate of %3 since deploy %n min ago</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SentryCommands</name>
    <message numerus="yes">
        <source>warning: %n malformed bucket(s) skipped</source>
        <translation>
            <numerusform>warning: %n malformed bucket skipped</numerusform>
            <numerusform>warning: %n malformed buckets skipped</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Shipdeck::ApiError</name>
    <message numerus="yes">
        <source>Rate limited (HTTP 429); retrying in %n second(s).</source>
        <translation>
            <numerusform>Rate limited (HTTP 429); retrying in %n second.</numerusform>
            <numerusform>Rate limited (HTTP 429); retrying in %n seconds.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Rate limited (HTTP 429); try again in %n second(s).</source>
        <translation>
            <numerusform>Rate limited (HTTP 429); try again in %n second.</numerusform>
            <numerusform>Rate limited (HTTP 429); try again in %n seconds.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The server did not answer within %n second(s).</source>
        <translation>
            <numerusform>The server did not answer within %n second.</numerusform>
            <numerusform>The server did not answer within %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Shipdeck::DeploymentsPane</name>
    <message numerus="yes">
        <source>%n deployment(s) waiting for approval</source>
        <translation>
            <numerusform>%n deployment waiting for approval</numerusform>
            <numerusform>%n deployments waiting for approval</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Shipdeck::ErrorRateMonitor</name>
    <message numerus="yes">
        <source>%n malformed bucket(s) skipped.</source>
        <translation>
            <numerusform>%n malformed bucket skipped.</numerusform>
            <numerusform>%n malformed buckets skipped.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Shipdeck::JobLogDialog</name>
    <message numerus="yes">
        <source>%n line(s), %1</source>
        <translation>
            <numerusform>%n line, %1</numerusform>
            <numerusform>%n lines, %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Shipdeck::MainWindow</name>
    <message numerus="yes">
        <source>The latest %n pipeline notifications, newest first. Double-click one to open the pipeline in GitLab.</source>
        <translation>
            <numerusform>The latest %n pipeline notifications, newest first. Double-click one to open the pipeline in GitLab.</numerusform>
            <numerusform>The latest %n pipeline notifications, newest first. Double-click one to open the pipeline in GitLab.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Shipdeck::TrayIcon</name>
    <message numerus="yes">
        <source>Shipdeck — %n pipelines failed on %1</source>
        <translation>
            <numerusform>Shipdeck — %n pipelines failed on %1</numerusform>
            <numerusform>Shipdeck — %n pipelines failed on %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Shipdeck — %n pipelines running on %1</source>
        <translation>
            <numerusform>Shipdeck — %n pipelines running on %1</numerusform>
            <numerusform>Shipdeck — %n pipelines running on %1</numerusform>
        </translation>
    </message>
</context>
</TS>
