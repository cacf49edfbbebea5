// rules/licensing.yaml and the shipped defaults (rules/data/licensing.yaml). docs/licensing.md.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include <fmt/ranges.h>

#include "crosswalk/common/decimal.hpp"
#include "crosswalk/common/embedded_file.hpp"
#include "crosswalk/rules/parse_support.hpp"
#include "crosswalk/rules/rule_set.hpp"
#include "crosswalk/workspace/strict_yaml.hpp"

namespace crosswalk::rules {

std::span<const EmbeddedFile> RuleDataFiles(); // generated: the files of rules/data/

namespace {

using detail::DidYouMean;
using detail::ToRule;
using workspace::LocationOf;
using workspace::StrictMap;

// The bill columns a license-included signal may test: FOCUS columns of cost_line, and the provider's x_
// columns (kept in cost_line.x_columns), x_SkuDetails.KEY for a key inside Azure's x_SkuDetails.
const std::vector<std::string> kBillColumns = {"ServiceName", "ServiceCategory",   "ServiceSubcategory", "SkuId",
                                               "SkuMeter",    "ChargeDescription", "ResourceType",       "PricingUnit"};

// A decimal >= 0 written as text ("0.5"), checked with Decimal's own parser.
std::string ReadDecimal(StrictMap& map, std::string_view key, const std::string& fallback) {
    const std::optional<std::string> text = map.String(key);
    if (!text) {
        return fallback;
    }
    bool positive = false;
    try {
        positive = Decimal(0, 0) < Decimal::Parse(*text);
    } catch (const Error&) {
        positive = false; // not a number
    }
    if (!positive) {
        ThrowAt(ErrorKind::kInvalidInput, map.Where(key), "'{}' must be a number > 0, not '{}'", key, *text);
    }
    return *text;
}

int64_t ReadCount(StrictMap& map, std::string_view key) {
    const std::optional<int64_t> value = map.Integer(key);
    if (value && *value < 0) {
        ThrowAt(ErrorKind::kInvalidInput, map.Where(key), "'{}' must be a whole number >= 0", key);
    }
    return value.value_or(0);
}

HostCount ParseHostCount(const std::string& file, const YAML::Node& node, std::string_view kind) {
    StrictMap map(file, node, std::string(kind));
    HostCount count;
    count.where = ToRule(map.Where());
    count.units = map.OneOf("units", {"cores", "vcpus", "processors", "users", "installations"}).value_or("cores");
    count.core_factor = ReadDecimal(map, "core_factor", "1");
    if (const YAML::Node factors = map.Node("core_factors"); factors && !factors.IsNull()) {
        StrictMap models(file, factors, "core_factors");
        for (const auto& pair : factors) {
            const std::string model = pair.first.Scalar();
            count.core_factors.emplace_back(model, ReadDecimal(models, model, "1"));
        }
    }
    if (count.units != "cores" && (map.Has("core_factor") || map.Has("core_factors"))) {
        ThrowAt(ErrorKind::kInvalidInput, map.Where(map.Has("core_factor") ? "core_factor" : "core_factors"),
                "a core factor applies to units: cores only");
    }
    const std::optional<std::string> per_license = map.String("per_license");
    if (per_license == "threads_per_core") {
        count.per_license = "threads_per_core";
    } else if (per_license && !std::isdigit(static_cast<unsigned char>(per_license->front()))) {
        ThrowAt(ErrorKind::kInvalidInput, map.Where("per_license"),
                "'per_license' must be a number > 0 or threads_per_core, not '{}'", *per_license);
    } else {
        count.per_license = ReadDecimal(map, "per_license", "1");
    }
    count.min_per_processor = ReadCount(map, "min_per_processor");
    count.min_per_server = ReadCount(map, "min_per_server");
    count.min_per_vm = ReadCount(map, "min_per_vm");
    count.covers_vms = map.Boolean("covers_vms").value_or(false);
    if (kind != "physical" && count.covers_vms) {
        ThrowAt(ErrorKind::kInvalidInput, map.Where("covers_vms"), "covers_vms applies to physical hosts");
    }
    if (kind == "physical" && map.Has("min_per_vm")) {
        ThrowAt(ErrorKind::kInvalidInput, map.Where("min_per_vm"), "min_per_vm applies to virtual and cloud hosts");
    }
    if (kind != "physical" && (map.Has("min_per_processor") || map.Has("min_per_server"))) {
        ThrowAt(ErrorKind::kInvalidInput, map.Where(map.Has("min_per_server") ? "min_per_server" : "min_per_processor"),
                "min_per_processor and min_per_server apply to physical hosts");
    }
    map.RejectUnknownKeys({"units", "core_factor", "core_factors", "per_license", "min_per_processor", "min_per_server",
                           "min_per_vm", "covers_vms"});
    return count;
}

BillCondition ParseCondition(const std::string& file, const std::string& column, const YAML::Node& value) {
    BillCondition condition;
    condition.column = column;
    const auto scalars = [&](const YAML::Node& node) {
        std::vector<std::string> values;
        if (node.IsScalar()) {
            values.push_back(node.Scalar());
        } else if (node.IsSequence() && node.size() > 0) {
            for (const YAML::Node& item : node) {
                if (!item.IsScalar()) {
                    ThrowAt(ErrorKind::kInvalidInput, LocationOf(file, item), "'{}': the values must be texts", column);
                }
                values.push_back(item.Scalar());
            }
        } else {
            ThrowAt(ErrorKind::kInvalidInput, LocationOf(file, node), "'{}' needs a value or a list of values", column);
        }
        return values;
    };
    if (value.IsMap()) {
        StrictMap test(file, value, column);
        if (test.Has("not")) {
            condition.test = BillCondition::Test::kNotIn;
            condition.values = scalars(test.Node("not"));
        } else if (test.Has("like")) {
            condition.test = BillCondition::Test::kLike;
            condition.values = {test.RequiredString("like")};
        } else {
            ThrowAt(ErrorKind::kInvalidInput, LocationOf(file, value),
                    "'{}' takes a value, a list, {{not: [...]}} "
                    "or {{like: PATTERN}}",
                    column);
        }
        test.RejectUnknownKeys({"not", "like"});
    } else {
        condition.values = scalars(value);
    }
    return condition;
}

LicenseIncludedSignal ParseSignal(const std::string& file, const YAML::Node& node) {
    StrictMap map(file, node, "license_included entry");
    LicenseIncludedSignal signal;
    signal.where = ToRule(map.Where());
    signal.provider = map.RequiredString("provider");
    std::vector<std::string> known = {"provider", "priced"};
    for (const auto& pair : node) {
        const std::string column = pair.first.Scalar();
        if (column == "provider") {
            continue;
        }
        if (column == "priced") {
            if (map.Boolean("priced").value_or(false)) {
                signal.conditions.push_back(BillCondition{"ListUnitPrice", BillCondition::Test::kPriced, {}});
            }
            continue;
        }
        const bool known_column = std::find(kBillColumns.begin(), kBillColumns.end(), column) != kBillColumns.end();
        const bool extension =
            column.rfind("x_", 0) == 0 &&
            column.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.") ==
                std::string::npos &&
            std::count(column.begin(), column.end(), '.') <= 1 && column.back() != '.';
        if (!known_column && !extension) {
            std::vector<std::string> candidates = kBillColumns;
            candidates.insert(candidates.end(), known.begin(), known.end());
            ThrowAt(ErrorKind::kInvalidInput, LocationOf(file, pair.first),
                    "'{}' is not a bill column a signal can test{}; use a FOCUS column ({}), an x_ column of the "
                    "provider's export (x_Operation) or x_SkuDetails.KEY",
                    column, DidYouMean(column, candidates), fmt::join(kBillColumns, ", "));
        }
        signal.conditions.push_back(ParseCondition(file, column, pair.second));
        known.push_back(column);
    }
    if (signal.conditions.empty()) {
        ThrowAt(ErrorKind::kInvalidInput, map.Where(),
                "a license_included entry needs at least one condition "
                "besides its provider");
    }
    map.RejectUnknownKeys(known);
    return signal;
}

// The entitlement flags a BYOL right can name (entitlement columns), and `any` for no right needed.
const std::vector<std::string> kByolRights = {"license_mobility", "hybrid_benefit", "byol_allowed", "any"};

// byol_right: RIGHT, or {PROVIDER: RIGHT, ..., otherwise: RIGHT}.
void ParseByolRight(const std::string& file, StrictMap& map, LicensingRule& rule) {
    const YAML::Node node = map.Node("byol_right");
    if (!node || node.IsNull()) {
        return;
    }
    const auto right = [&](const YAML::Node& value) {
        const std::string text = value.IsScalar() ? value.Scalar() : std::string();
        if (std::find(kByolRights.begin(), kByolRights.end(), text) == kByolRights.end()) {
            ThrowAt(ErrorKind::kInvalidInput, LocationOf(file, value),
                    "a BYOL right is one of {} (the entitlement's flag a cloud BYOL license needs), not '{}'{}",
                    fmt::join(kByolRights, ", "), text, DidYouMean(text, kByolRights));
        }
        return text == "any" ? std::string() : text;
    };
    if (node.IsScalar()) {
        rule.byol_right_otherwise = right(node);
        return;
    }
    if (!node.IsMap()) {
        ThrowAt(ErrorKind::kInvalidInput, map.Where("byol_right"),
                "'byol_right' takes a right or a map of provider to right, e.g. {{Microsoft: hybrid_benefit, "
                "otherwise: license_mobility}}");
    }
    for (const auto& pair : node) {
        const std::string provider = pair.first.Scalar();
        if (provider == "otherwise") {
            rule.byol_right_otherwise = right(pair.second);
        } else {
            rule.byol_rights.emplace_back(provider, right(pair.second));
        }
    }
}

LicensingRule ParseProduct(const std::string& file, const YAML::Node& node) {
    StrictMap map(file, node, "product rule");
    LicensingRule rule;
    rule.where = ToRule(map.Where());
    rule.product = map.RequiredString("product");
    if (rule.product.empty()) {
        ThrowAt(ErrorKind::kInvalidInput, map.Where("product"), "'product' must not be empty");
    }
    rule.publisher = map.String("publisher").value_or("");
    rule.metric = map.OneOf("metric", {"per_core", "per_processor", "per_user", "per_device", "per_instance",
                                       "subscription", "capacity"})
                      .value_or("");
    rule.source = map.String("source").value_or("");
    for (const auto& [key, into] : {std::pair{"physical", &rule.physical}, std::pair{"virtual", &rule.virtual_host},
                                    std::pair{"cloud", &rule.cloud}}) {
        if (const YAML::Node section = map.Node(key); section && !section.IsNull()) {
            *into = ParseHostCount(file, section, key);
        }
    }
    ParseByolRight(file, map, rule);
    map.RejectUnknownKeys({"product", "publisher", "metric", "source", "physical", "virtual", "cloud", "round",
                           "license_included", "byol_right"});
    if (!rule.physical && !rule.virtual_host && !rule.cloud) {
        ThrowAt(ErrorKind::kInvalidInput, map.Where(),
                "product '{}' counts on no host: give physical, virtual or "
                "cloud",
                rule.product);
    }
    rule.round_total = map.OneOf("round", {"per_host", "total"}).value_or("per_host") == "total";
    if (const YAML::Node signals = map.Node("license_included"); signals && !signals.IsNull()) {
        if (!signals.IsSequence()) {
            ThrowAt(ErrorKind::kInvalidInput, map.Where("license_included"), "'license_included' must be a list");
        }
        for (const YAML::Node& signal : signals) {
            rule.license_included.push_back(ParseSignal(file, signal));
        }
    }
    return rule;
}

} // namespace

const std::string& LicensingRule::ByolRight(const std::string& provider) const {
    for (const auto& [name, right] : byol_rights) {
        if (name == provider) {
            return right;
        }
    }
    return byol_right_otherwise;
}

LicensingRules ParseLicensingRules(const std::string& file, std::string_view text) {
    LicensingRules rules;
    rules.file = file;
    const std::optional<YAML::Node> root = detail::Root(file, text);
    if (!root) {
        return rules;
    }
    StrictMap map(file, *root, "the licensing file");
    const YAML::Node products = map.Node("products");
    map.RejectUnknownKeys({"products"});
    if (!products || products.IsNull()) {
        return rules;
    }
    if (!products.IsSequence()) {
        ThrowAt(ErrorKind::kInvalidInput, map.Where("products"), "'products' must be a list");
    }
    std::map<std::string, int64_t> first_line;
    for (const YAML::Node& node : products) {
        LicensingRule rule = ParseProduct(file, node);
        const auto [it, inserted] = first_line.emplace(rule.product, rule.where.line);
        if (!inserted) {
            ThrowAt(ErrorKind::kInvalidInput, LocationOf(file, node), "product '{}' is already given on line {}",
                    rule.product, it->second);
        }
        rules.products.push_back(std::move(rule));
    }
    return rules;
}

const LicensingRules& ShippedLicensingRules() {
    static const LicensingRules shipped = [] {
        for (const EmbeddedFile& file : RuleDataFiles()) {
            if (file.path == "licensing.yaml") {
                return ParseLicensingRules("crosswalk:rules/data/licensing.yaml", file.bytes);
            }
        }
        Throw(ErrorKind::kInternal, "the shipped licensing rules are missing from the binary");
    }();
    return shipped;
}

std::vector<LicensingRule> EffectiveLicensingRules(const LicensingRules& workspace) {
    std::map<std::string, const LicensingRule*> own;
    for (const LicensingRule& rule : workspace.products) {
        own.emplace(rule.product, &rule);
    }
    std::vector<LicensingRule> rules;
    std::set<std::string> shipped;
    for (const LicensingRule& rule : ShippedLicensingRules().products) {
        shipped.insert(rule.product);
        const auto found = own.find(rule.product);
        rules.push_back(found == own.end() ? rule : *found->second);
    }
    for (const LicensingRule& rule : workspace.products) {
        if (!shipped.contains(rule.product)) {
            rules.push_back(rule);
        }
    }
    return rules;
}

} // namespace crosswalk::rules
