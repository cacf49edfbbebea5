// A planned workload for `crosswalk what-if onboard PLAN.yaml` (docs/licensing.md, seed 001 "onboarding
// workloads"): its instances, the software on them, its owner, cost center and months.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crosswalk/rules/rule_location.hpp"

namespace crosswalk::rules {

struct PlannedInstances {
    std::string type;                        // PROVIDER:INSTANCE_TYPE as the bill names them (AWS:m6i.xlarge)
    int count = 1;                           //
    int vcpus = 0;                           // 0: the type's CoreCount in the bill
    int hours_per_month = 730;               //
    bool license_included = false;           // license: included | byol (default byol)
    std::optional<std::string> hourly_price; // else the bill's VMs of that type, with or without the license
    std::vector<std::string> software;       // products installed on each instance
    RuleLocation where;
};

struct OnboardPlan {
    std::string workload;
    std::string owner;
    std::string cost_center;
    std::string application; // optional
    std::string start;       // YYYY-MM
    int months = 12;
    std::vector<PlannedInstances> instances;
    std::string file;
};

// Parses a plan. Throws kInvalidInput at the first error, naming line and column: a missing workload, owner,
// cost_center, start or instances, an unknown key (did-you-mean), a count, vCPUs, hours or months out of range,
// a price that is not an amount >= 0, a license that is not byol or included.
[[nodiscard]] OnboardPlan ParseOnboardPlan(const std::string& file, std::string_view text);

} // namespace crosswalk::rules
