// rules/policy.yaml (docs/governance.md): the guardrails `report policy` checks (required tags on premises and in
// the cloud alike, allowed regions and providers, approved marketplace publishers, denied products, a budget for
// every new resource) and the thresholds `report kpis` rates each KPI against.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crosswalk/common/decimal.hpp"
#include "crosswalk/rules/rule_location.hpp"

namespace crosswalk::rules {

// A list guardrail: the values allowed (or denied) and where each was written.
struct PolicyList {
    std::vector<std::string> values;
    std::vector<RuleLocation> value_where;
    RuleLocation where; // the key's line; line 0 when the file does not set it

    [[nodiscard]] bool Set() const noexcept { return where.line > 0; }
};

struct KpiThreshold {
    Decimal value;
    RuleLocation where;
};

struct PolicyRules {
    PolicyList required_tags;       // default: rules/tags.yaml's required keys
    PolicyList allowed_regions;     // RegionId or RegionName; unset: any
    PolicyList allowed_providers;   // ProviderName, by the vendor rules; unset: any
    PolicyList approved_publishers; // marketplace publishers procurement approved; unset: none is (every one flagged)
    PolicyList denied_products;     // products that must not be installed (matched without regard to case)
    bool require_budget = true;     // a resource first billed in the month needs a budget on its cost center
                                    // (by default only once budgets are loaded)
    RuleLocation require_budget_where;
    std::map<std::string, KpiThreshold> thresholds; // KPI name -> the user's threshold (KpiNames())
    std::string file;                               // "rules/policy.yaml", empty when the workspace has none
};

// The KPIs a threshold may name, in the order `report kpis` lists them.
[[nodiscard]] const std::vector<std::string>& KpiNames();

// Parses the text of a policy file. Throws kInvalidInput at the first error, naming line and column: an unknown
// key or KPI (did-you-mean), a list that is not a list of names, a threshold that is not a number.
[[nodiscard]] PolicyRules ParsePolicyRules(const std::string& file, std::string_view text);

} // namespace crosswalk::rules
