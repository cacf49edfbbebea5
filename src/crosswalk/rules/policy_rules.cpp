// rules/policy.yaml: guardrails and KPI thresholds. docs/governance.md.
#include "crosswalk/rules/policy_rules.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "crosswalk/rules/parse_support.hpp"
#include "crosswalk/workspace/strict_yaml.hpp"

namespace crosswalk::rules {
namespace {

using workspace::StrictMap;

PolicyList List(StrictMap& map, std::string_view key) {
    PolicyList list;
    if (!map.Has(key)) {
        return list;
    }
    list.where = detail::ToRule(map.Where(key));
    for (const auto& [value, where] : detail::ScalarList(map.File(), map.Node(key), key)) {
        list.values.push_back(value);
        list.value_where.push_back(detail::ToRule(where));
    }
    return list;
}

} // namespace

const std::vector<std::string>& KpiNames() {
    static const std::vector<std::string> kNames = {
        "allocation_coverage_pct",
        "unallocated_shared_pct",
        "tag_compliance_cost_pct",
        "tag_compliance_count_pct",
        "idle_cost_pct",
        "commitment_utilization_pct",
        "commitment_coverage_pct",
        "effective_savings_rate_pct",
        "anomaly_cost",
        "forecast_variance_pct",
        "license_shortfall_products",
        "license_exposure",
        "cmdb_coverage_pct",
        "ledger_variance_pct",
    };
    return kNames;
}

PolicyRules ParsePolicyRules(const std::string& file, std::string_view text) {
    PolicyRules rules;
    rules.file = file;
    const std::optional<YAML::Node> root = detail::Root(file, text);
    if (!root) {
        return rules;
    }
    StrictMap map(file, *root, "the policy file");
    rules.required_tags = List(map, "required_tags");
    rules.allowed_regions = List(map, "allowed_regions");
    rules.allowed_providers = List(map, "allowed_providers");
    rules.approved_publishers = List(map, "approved_publishers");
    rules.denied_products = List(map, "denied_products");
    if (map.Has("require_budget")) {
        rules.require_budget_where = detail::ToRule(map.Where("require_budget"));
        rules.require_budget = *map.Boolean("require_budget");
    }
    const YAML::Node thresholds = map.Node("thresholds");
    map.RejectUnknownKeys({"required_tags", "allowed_regions", "allowed_providers", "approved_publishers",
                           "denied_products", "require_budget", "thresholds"});
    if (thresholds && !thresholds.IsNull()) {
        StrictMap entries(file, thresholds, "thresholds");
        if (thresholds.IsMap()) {
            for (const auto& entry : thresholds) {
                const std::string name = entry.first.Scalar();
                if (std::find(KpiNames().begin(), KpiNames().end(), name) == KpiNames().end()) {
                    ThrowAt(ErrorKind::kInvalidInput, workspace::LocationOf(file, entry.first),
                            "'{}' is not a KPI{}; the KPIs are: {}", name, detail::DidYouMean(name, KpiNames()),
                            fmt::format("{}", fmt::join(KpiNames(), ", ")));
                }
            }
        }
        for (const std::string& name : KpiNames()) {
            if (!entries.Has(name)) {
                continue;
            }
            const std::string value = entries.RequiredString(name);
            const std::optional<Decimal> number = Decimal::TryParse(value);
            if (!number) {
                ThrowAt(ErrorKind::kInvalidInput, entries.Where(name), "threshold '{}' must be a number, not '{}'",
                        name, value);
            }
            // A share is 0 to 100 (an ESR may be negative: a commitment can lose money); a count or amount >= 0.
            const bool share = name.ends_with("_pct");
            const Decimal low = name == "effective_savings_rate_pct" ? Decimal(-100, 0) : Decimal(0, 0);
            if (*number < low || (share && Decimal(100, 0) < *number)) {
                ThrowAt(ErrorKind::kInvalidInput, entries.Where(name), "threshold '{}' must be {}, not {}", name,
                        share ? (low < Decimal(0, 0) ? "from -100 to 100" : "a percentage from 0 to 100")
                              : "a number >= 0",
                        value);
            }
            rules.thresholds.emplace(name, KpiThreshold{*number, detail::ToRule(entries.Where(name))});
        }
        entries.RejectUnknownKeys(KpiNames());
    }
    return rules;
}

} // namespace crosswalk::rules
