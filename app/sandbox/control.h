#pragma once

#include "router.h"

#include <QJsonArray>
#include <QJsonObject>

#include <functional>

namespace Shipdeck::Sandbox {

class FaultInjector;
class Scenario;

/**
 * The test and demo controls under /_sandbox (no authentication, never faulted):
 *   GET    /_sandbox/state               clock, rollout, environments, recent pipelines, faults
 *   POST   /_sandbox/advance             {"seconds": N} (or "minutes"): move the scenario clock forward
 *   POST   /_sandbox/speed               {"speed": F}
 *   POST   /_sandbox/push                {"ref": R, "title": T, "fail": B, "deploy": B}: a commit and its pipeline
 *                                        on R at the current time; its test job fails when "fail" is true
 *   GET    /_sandbox/faults              the active fault rules
 *   POST   /_sandbox/faults              one rule, an array of rules or {"faults": [...]}
 *   DELETE /_sandbox/faults[/ID]         clear all rules, or one
 *   GET    /_sandbox/requests            the last requests served (method, path, status, fault)
 *   DELETE /_sandbox/requests            forget them
 *   GET    /_sandbox/info                the start-up connection object
 */
class Control
{
public:
    Control(Scenario &scenario, FaultInjector &faults, std::function<QJsonObject()> info,
            std::function<QJsonArray()> requests, std::function<void()> clearRequests);

    [[nodiscard]] HttpResponse handle(const HttpRequest &request, const QByteArray &subPath);
    [[nodiscard]] QJsonObject state() const;

private:
    HttpResponse faultsPost(const ApiRequest &request);
    HttpResponse push(const ApiRequest &request);

    Scenario &m_scenario;
    FaultInjector &m_faults;
    std::function<QJsonObject()> m_info;
    std::function<QJsonArray()> m_requests;
    std::function<void()> m_clearRequests;
    Router m_router;
};

} // namespace Shipdeck::Sandbox
