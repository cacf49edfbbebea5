// The cloud accounts of the demo company (AWS accounts, Azure subscriptions, Google Cloud projects): which
// applications run in each, how many resources at scale 1, the mix of resource kinds, and the region.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "crosswalk/generate/company.hpp"

namespace crosswalk::generate::cloud {

struct SubAccountPlan {
    Provider provider;
    const char* id;
    const char* name;
    const char* environment;
    std::vector<std::string> applications;        // one: a dedicated account; several: shared
    int resources;                                // at scale 1
    std::vector<std::pair<const char*, int>> mix; // kind id, weight
    std::vector<const char*> always;              // kinds every such account has at least one of
    const char* region_id;
    const char* region_name;
};

[[nodiscard]] std::vector<SubAccountPlan> SubAccountPlans();

} // namespace crosswalk::generate::cloud
