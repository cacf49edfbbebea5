// PLAN.yaml of `crosswalk what-if onboard`. docs/licensing.md.
#include "crosswalk/rules/onboard_plan.hpp"

#include "crosswalk/common/decimal.hpp"
#include "crosswalk/rules/parse_support.hpp"
#include "crosswalk/workspace/strict_yaml.hpp"

namespace crosswalk::rules {
namespace {

using workspace::StrictMap;

int Count(StrictMap& map, std::string_view key, int fallback, int64_t low, int64_t high) {
    const std::optional<int64_t> value = map.Integer(key);
    if (!value) {
        return fallback;
    }
    if (*value < low || *value > high) {
        ThrowAt(ErrorKind::kInvalidInput, map.Where(key), "'{}' must be from {} to {}, not {}", key, low, high, *value);
    }
    return static_cast<int>(*value);
}

PlannedInstances ParseInstances(const std::string& file, const YAML::Node& node) {
    StrictMap entry(file, node, "instances");
    PlannedInstances instances;
    instances.where = detail::ToRule(entry.Where());
    if (!entry.Has("type")) {
        ThrowAt(ErrorKind::kInvalidInput, entry.Where(), "planned instances need 'type: PROVIDER:INSTANCE_TYPE'");
    }
    instances.type = entry.RequiredString("type");
    instances.count = Count(entry, "count", 1, 1, 100000);
    instances.vcpus = Count(entry, "vcpus", 0, 1, 100000);
    instances.hours_per_month = Count(entry, "hours_per_month", 730, 1, 744);
    if (entry.Has("license")) {
        instances.license_included = *entry.OneOf("license", {"byol", "included"}) == "included";
    }
    if (const std::optional<std::string> price = entry.String("hourly_price")) {
        const std::optional<Decimal> value = Decimal::TryParse(*price);
        if (!value || *value < Decimal(0, 0)) {
            ThrowAt(ErrorKind::kInvalidInput, entry.Where("hourly_price"),
                    "'hourly_price' must be an amount >= 0, such as 0.192, not '{}'", *price);
        }
        instances.hourly_price = *price;
    }
    for (const auto& [product, where] : detail::ScalarList(file, entry.Node("software"), "software")) {
        instances.software.push_back(product);
    }
    entry.RejectUnknownKeys({"type", "count", "vcpus", "hours_per_month", "license", "hourly_price", "software"});
    return instances;
}

} // namespace

OnboardPlan ParseOnboardPlan(const std::string& file, std::string_view text) {
    OnboardPlan plan;
    plan.file = file;
    const std::optional<YAML::Node> root = detail::Root(file, text);
    if (!root) {
        Throw(ErrorKind::kInvalidInput,
              "{} is empty: a plan names a workload, owner, cost_center, start and "
              "instances (docs/licensing.md)",
              file);
    }
    StrictMap map(file, *root, "the plan");
    // A misspelt key first, so `cost_centre` is named as such rather than as a missing cost_center.
    map.RejectUnknownKeys({"workload", "owner", "cost_center", "application", "start", "months", "instances"});
    for (const char* key : {"workload", "owner", "cost_center", "start", "instances"}) {
        if (!map.Has(key)) {
            ThrowAt(ErrorKind::kInvalidInput, map.Where(), "the plan needs '{}'", key);
        }
    }
    plan.workload = map.RequiredString("workload");
    plan.owner = map.RequiredString("owner");
    plan.cost_center = map.RequiredString("cost_center");
    plan.application = map.String("application").value_or("");
    plan.start = map.RequiredString("start");
    if (!detail::IsMonth(plan.start)) {
        ThrowAt(ErrorKind::kInvalidInput, map.Where("start"), "'start' must be a month, YYYY-MM, not '{}'", plan.start);
    }
    plan.months = Count(map, "months", 12, 1, 120);
    const YAML::Node instances = map.Node("instances");
    if (!instances.IsSequence() || instances.size() == 0) {
        ThrowAt(ErrorKind::kInvalidInput, map.Where("instances"), "'instances' must be a list of planned instances");
    }
    for (const YAML::Node& node : instances) {
        plan.instances.push_back(ParseInstances(file, node));
    }
    return plan;
}

} // namespace crosswalk::rules
