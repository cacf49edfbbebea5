// rules/allocation.yaml: the ordered, effective-dated steps that spread shared cost. docs/allocation.md.
#include <algorithm>
#include <map>
#include <set>

#include "crosswalk/common/decimal.hpp"
#include "crosswalk/rules/parse_support.hpp"
#include "crosswalk/rules/rule_set.hpp"
#include "crosswalk/workspace/strict_yaml.hpp"

namespace crosswalk::rules {
namespace {

using detail::DidYouMean;
using detail::ToRule;
using workspace::LocationOf;
using workspace::StrictMap;

const std::vector<std::string> kMethodNames = {"even", "proportional", "fixed", "driver"};

std::vector<std::string> Names(const auto& list) {
    return std::vector<std::string>(std::begin(list), std::end(list));
}

bool IsDigit(char c) {
    return c >= '0' && c <= '9';
}

// Letters, digits, '-', '_' or '.', starting with a letter or digit.
bool IsStepName(const std::string& text) {
    const auto allowed = [](char c) {
        return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_' || c == '.';
    };
    return !text.empty() && std::all_of(text.begin(), text.end(), allowed) && text[0] != '-' && text[0] != '_' &&
           text[0] != '.';
}

std::optional<std::string> Scalar(const std::string& file, const YAML::Node& node, const std::string& what) {
    if (node.IsNull()) {
        return std::nullopt;
    }
    if (!node.IsScalar() || node.Scalar().empty()) {
        ThrowAt(ErrorKind::kInvalidInput, LocationOf(file, node), "{} must be a value or null", what);
    }
    return node.Scalar();
}

std::vector<PoolCondition> ParsePool(const std::string& file, const YAML::Node& node) {
    std::vector<PoolCondition> pool;
    if (!node || node.IsNull()) {
        return pool;
    }
    StrictMap map(file, node, "pool");
    const std::vector<std::string> columns = Names(kAllocationPoolColumns);
    for (const auto& pair : node) {
        const std::string column = pair.first.Scalar();
        const SourceLocation where = LocationOf(file, pair.first);
        if (std::find(columns.begin(), columns.end(), column) == columns.end()) {
            ThrowAt(ErrorKind::kInvalidInput, where, "unknown pool column '{}'{}; a pool selects on {}", column,
                    DidYouMean(column, columns), fmt::join(columns, ", "));
        }
        PoolCondition condition{column, {}, ToRule(where)};
        const YAML::Node value = map.Node(column);
        if (value.IsSequence()) {
            if (value.size() == 0) {
                ThrowAt(ErrorKind::kInvalidInput, where, "pool column '{}' lists no value", column);
            }
            for (const YAML::Node& item : value) {
                condition.values.push_back(Scalar(file, item, fmt::format("a value of '{}'", column)));
            }
        } else {
            condition.values.push_back(Scalar(file, value, fmt::format("pool column '{}'", column)));
        }
        pool.push_back(std::move(condition));
    }
    map.RejectUnknownKeys(columns);
    return pool;
}

std::vector<std::string> ParseTargets(const std::string& file, const YAML::Node& node) {
    if (!node.IsSequence() || node.size() == 0) {
        ThrowAt(ErrorKind::kInvalidInput, LocationOf(file, node), "'targets' must be a non-empty list");
    }
    std::vector<std::string> targets;
    for (const YAML::Node& item : node) {
        const std::optional<std::string> target = Scalar(file, item, "a target");
        if (!target) {
            ThrowAt(ErrorKind::kInvalidInput, LocationOf(file, item), "a target must not be null");
        }
        if (std::find(targets.begin(), targets.end(), *target) != targets.end()) {
            ThrowAt(ErrorKind::kInvalidInput, LocationOf(file, item), "target '{}' is listed twice", *target);
        }
        targets.push_back(*target);
    }
    return targets;
}

std::vector<FixedWeight> ParseWeights(const std::string& file, const YAML::Node& node, const SourceLocation& at) {
    if (!node.IsMap() || node.size() == 0) {
        ThrowAt(ErrorKind::kInvalidInput, at, "'weights' must map each target to its percent, e.g. CC-1100: 40");
    }
    StrictMap map(file, node, "weights");
    std::vector<FixedWeight> weights;
    Decimal sum(0, 0);
    for (const auto& pair : node) {
        const std::string target = pair.first.Scalar();
        const std::string text = map.RequiredString(target);
        const std::optional<Decimal> percent = Decimal::TryParse(text);
        if (!percent || *percent < Decimal(0, 0)) {
            ThrowAt(ErrorKind::kInvalidInput, map.Where(target), "the weight of '{}' must be a percent >= 0, not '{}'",
                    target, text);
        }
        sum = sum + *percent;
        weights.push_back({target, text, ToRule(LocationOf(file, pair.first))});
    }
    if (!(sum == Decimal(100, 0))) {
        ThrowAt(ErrorKind::kInvalidInput, at, "fixed weights must add up to exactly 100; these add up to {}",
                sum.ToString());
    }
    return weights;
}

DriverFile ParseDriver(const std::string& file, const YAML::Node& node, const SourceLocation& at) {
    if (!node || !node.IsMap()) {
        ThrowAt(ErrorKind::kInvalidInput, at,
                "a driver step needs 'driver:' with file, target and quantity (and date, default 'date')");
    }
    StrictMap map(file, node, "driver");
    DriverFile driver;
    driver.where = ToRule(LocationOf(file, node));
    driver.file = map.RequiredString("file");
    driver.target_column = map.RequiredString("target");
    driver.quantity_column = map.RequiredString("quantity");
    driver.date_column = map.String("date").value_or("date");
    map.RejectUnknownKeys({"file", "target", "quantity", "date"});
    if (driver.file.empty() || driver.file.front() == '/' || driver.file.find("..") != std::string::npos) {
        ThrowAt(ErrorKind::kInvalidInput, map.Where("file"),
                "the driver file must be a path relative to the workspace, inside it, e.g. "
                "drivers/k8s-cpu-hours.csv");
    }
    return driver;
}

// A target the pool's own condition on the `to` column selects would receive its own cost again.
void RejectCycle(const AllocationStep& step, const std::string& target, const RuleLocation& where) {
    for (const PoolCondition& condition : step.pool) {
        if (condition.column != step.to) {
            continue;
        }
        for (const std::optional<std::string>& value : condition.values) {
            if (value && *value == target) {
                ThrowAt(ErrorKind::kInvalidInput, SourceLocation{where.file, where.line, std::to_string(where.column)},
                        "step '{}' would spread the cost of {} '{}' back onto '{}': a cycle (drop it from the "
                        "targets)",
                        step.name, step.to, target, target);
            }
        }
    }
}

AllocationStep ParseStep(const std::string& file, const YAML::Node& node,
                         const std::map<std::string, int64_t>& earlier) {
    StrictMap map(file, node, "allocation step");
    AllocationStep step;
    step.where = ToRule(map.Where());
    step.name = map.RequiredString("name");
    if (!IsStepName(step.name)) {
        ThrowAt(ErrorKind::kInvalidInput, map.Where("name"),
                "step name '{}' must be letters, digits, '-', '_' or '.', starting with a letter or digit", step.name);
    }
    if (const auto first = earlier.find(step.name); first != earlier.end()) {
        ThrowAt(ErrorKind::kInvalidInput, map.Where("name"), "step '{}' is already defined on line {}", step.name,
                first->second);
    }
    step.pool = ParsePool(file, map.Node("pool"));
    const std::vector<std::string> dimensions = Names(kAllocationTargetDimensions);
    const std::string to = map.RequiredString("to");
    if (std::find(dimensions.begin(), dimensions.end(), to) == dimensions.end()) {
        ThrowAt(ErrorKind::kInvalidInput, map.Where("to"), "unknown target dimension '{}'{}; one of {}", to,
                DidYouMean(to, dimensions), fmt::join(dimensions, ", "));
    }
    step.to = to;
    const std::string method = map.RequiredString("method");
    const auto found = std::find(kMethodNames.begin(), kMethodNames.end(), method);
    if (found == kMethodNames.end()) {
        ThrowAt(ErrorKind::kInvalidInput, map.Where("method"), "unknown method '{}'{}; one of {}", method,
                DidYouMean(method, kMethodNames), fmt::join(kMethodNames, ", "));
    }
    step.method = static_cast<AllocationMethod>(found - kMethodNames.begin());
    for (const char* key : {"from", "until"}) {
        if (const std::optional<std::string> month = map.String(key)) {
            if (!detail::IsMonth(*month)) {
                ThrowAt(ErrorKind::kInvalidInput, map.Where(key), "'{}' must be a month, YYYY-MM, not '{}'", key,
                        *month);
            }
            (std::string_view(key) == "from" ? step.from : step.until) = *month;
        }
    }
    if (!step.from.empty() && !step.until.empty() && step.until < step.from) {
        ThrowAt(ErrorKind::kInvalidInput, map.Where("until"), "'until' {} is before 'from' {}", step.until, step.from);
    }
    std::vector<std::string> known = {"name", "pool", "to", "method", "from", "until"};
    const auto allow = [&](const char* key) {
        known.emplace_back(key);
    };
    switch (step.method) {
    case AllocationMethod::kEven:
        allow("targets");
        if (!map.Has("targets")) {
            ThrowAt(ErrorKind::kInvalidInput, map.Where(), "step '{}': method even needs 'targets'", step.name);
        }
        step.targets = ParseTargets(file, map.Node("targets"));
        break;
    case AllocationMethod::kProportional:
        allow("targets");
        allow("proportional_to");
        if (map.Has("targets")) {
            step.targets = ParseTargets(file, map.Node("targets"));
        }
        step.proportional_to = map.String("proportional_to").value_or("");
        if (step.proportional_to == "direct") {
            step.proportional_to.clear();
        } else if (!step.proportional_to.empty() && earlier.count(step.proportional_to) == 0) {
            ThrowAt(ErrorKind::kInvalidInput, map.Where("proportional_to"),
                    "proportional_to '{}' names no earlier step; use 'direct' (the targets' direct cost) or the "
                    "name of a step above this one{}",
                    step.proportional_to, DidYouMean(step.proportional_to, [&] {
                        std::vector<std::string> names;
                        for (const auto& [name, line] : earlier) {
                            names.push_back(name);
                        }
                        return names;
                    }()));
        }
        break;
    case AllocationMethod::kFixed:
        allow("weights");
        step.weights = ParseWeights(file, map.Node("weights"), map.Has("weights") ? map.Where("weights") : map.Where());
        break;
    case AllocationMethod::kDriver:
        allow("driver");
        step.driver = ParseDriver(file, map.Node("driver"), map.Where());
        break;
    }
    map.RejectUnknownKeys(known);
    for (size_t i = 0; i < step.targets.size(); ++i) {
        RejectCycle(step, step.targets[i], ToRule(LocationOf(file, map.Node("targets")[i])));
    }
    for (const FixedWeight& weight : step.weights) {
        RejectCycle(step, weight.target, weight.where);
    }
    return step;
}

} // namespace

std::string_view MethodName(AllocationMethod method) {
    return kMethodNames[static_cast<size_t>(method)];
}

AllocationRules ParseAllocationRules(const std::string& file, std::string_view text) {
    AllocationRules rules;
    rules.file = file;
    const std::optional<YAML::Node> root = detail::Root(file, text);
    if (!root) {
        return rules;
    }
    StrictMap map(file, *root, "the allocation file");
    const YAML::Node steps = map.Node("steps");
    map.RejectUnknownKeys({"steps"});
    if (!steps || steps.IsNull()) {
        return rules;
    }
    if (!steps.IsSequence()) {
        ThrowAt(ErrorKind::kInvalidInput, map.Where("steps"), "'steps' must be a list");
    }
    std::map<std::string, int64_t> earlier; // name -> line
    for (const YAML::Node& node : steps) {
        AllocationStep step = ParseStep(file, node, earlier);
        earlier.emplace(step.name, step.where.line);
        rules.steps.push_back(std::move(step));
    }
    return rules;
}

} // namespace crosswalk::rules
