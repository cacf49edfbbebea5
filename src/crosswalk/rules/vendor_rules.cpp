// rules/vendors.yaml and the shipped defaults (rules/data/vendors.yaml). docs/rules.md.
#include "crosswalk/rules/vendor_rules.hpp"

#include <map>

#include <fmt/format.h>

#include "crosswalk/common/embedded_file.hpp"
#include "crosswalk/rules/parse_support.hpp"
#include "crosswalk/store/sql_quote.hpp"
#include "crosswalk/workspace/strict_yaml.hpp"

namespace crosswalk::rules {

std::span<const EmbeddedFile> RuleDataFiles(); // generated: the files of rules/data/

namespace {

using detail::ScalarList;
using detail::ToRule;
using workspace::StrictMap;

} // namespace

VendorRules ParseVendorRules(const std::string& file, std::string_view text) {
    VendorRules rules;
    rules.file = file;
    const std::optional<YAML::Node> root = detail::Root(file, text);
    if (!root) {
        return rules;
    }
    StrictMap map(file, *root, "the vendors file");
    const YAML::Node vendors = map.Node("vendors");
    map.RejectUnknownKeys({"vendors"});
    if (!vendors || vendors.IsNull()) {
        return rules;
    }
    if (!vendors.IsSequence()) {
        ThrowAt(ErrorKind::kInvalidInput, map.Where("vendors"), "'vendors' must be a list");
    }
    detail::ScratchDatabase scratch;
    std::map<std::string, int64_t> first_line;
    for (const YAML::Node& node : vendors) {
        StrictMap entry(file, node, "vendor entry");
        VendorRule rule;
        rule.where = ToRule(entry.Where());
        if (!entry.Has("name")) {
            ThrowAt(ErrorKind::kInvalidInput, entry.Where(), "vendor entry needs 'name'");
        }
        rule.name = entry.RequiredString("name");
        if (rule.name.empty()) {
            ThrowAt(ErrorKind::kInvalidInput, entry.Where("name"), "'name' must not be empty");
        }
        const auto [it, inserted] = first_line.emplace(rule.name, rule.where.line);
        if (!inserted) {
            ThrowAt(ErrorKind::kInvalidInput, entry.Where("name"), "vendor '{}' is already given on line {}", rule.name,
                    it->second);
        }
        for (auto& [alias, where] : ScalarList(file, entry.Node("aliases"), "aliases")) {
            rule.aliases.push_back(std::move(alias));
        }
        if (const std::optional<std::string> pattern = entry.String("pattern")) {
            scratch.CheckRegex(*pattern, entry.Where("pattern"));
            rule.pattern = *pattern;
        }
        entry.RejectUnknownKeys({"name", "aliases", "pattern"});
        rules.vendors.push_back(std::move(rule));
    }
    return rules;
}

const VendorRules& ShippedVendorRules() {
    static const VendorRules shipped = [] {
        for (const EmbeddedFile& file : RuleDataFiles()) {
            if (file.path == "vendors.yaml") {
                return ParseVendorRules("crosswalk:rules/data/vendors.yaml", file.bytes);
            }
        }
        Throw(ErrorKind::kInternal, "the shipped vendor rules are missing from the binary");
    }();
    return shipped;
}

std::string VendorOfSql(const VendorRules& workspace, std::string_view names_sql) {
    // One row per name a rule matches itself by (its name and each alias) and per pattern, with the rule's
    // rank: the workspace's rules first, then the shipped ones, each in file order.
    std::string values;
    int64_t rank = 0;
    const auto add = [&](const VendorRule& rule, const std::string* alias, const std::string* pattern) {
        values +=
            fmt::format("{}({}, {}, {}, {}, {})", values.empty() ? "" : ",\n        ", rank,
                        store::QuoteLiteral(rule.name), alias ? store::QuoteLiteral(*alias) : "NULL",
                        pattern ? store::QuoteLiteral(*pattern) : "NULL", store::QuoteLiteral(rule.where.Provenance()));
    };
    for (const VendorRules* rules : {&workspace, &ShippedVendorRules()}) {
        for (const VendorRule& rule : rules->vendors) {
            ++rank;
            add(rule, &rule.name, nullptr);
            for (const std::string& alias : rule.aliases) {
                add(rule, &alias, nullptr);
            }
            if (!rule.pattern.empty()) {
                add(rule, nullptr, &rule.pattern);
            }
        }
    }
    return fmt::format(R"((
    WITH vendor_rule(rank, vendor, alias, pattern, rule) AS (VALUES
        {values}),
    vendor_key AS MATERIALIZED (SELECT rank, vendor, vendor_fold(alias) AS folded, pattern, rule FROM vendor_rule),
    vendor_name AS MATERIALIZED (
        SELECT DISTINCT name, vendor_fold(name) AS folded FROM ({names}) AS n(name) WHERE vendor_fold(name) IS NOT NULL
    ),
    vendor_matched AS (
        SELECT n.name, any_value(n.folded) AS folded, arg_min(k.vendor, k.rank) AS vendor, arg_min(k.rule, k.rank) AS rule
        FROM vendor_name AS n
        LEFT JOIN vendor_key AS k
            ON k.folded = n.folded OR (k.pattern IS NOT NULL AND regexp_matches(n.folded, k.pattern))
        GROUP BY n.name
    )
    SELECT name, coalesce(vendor, min(trim(name)) OVER (PARTITION BY folded)) AS vendor, rule FROM vendor_matched
))",
                       fmt::arg("values", values), fmt::arg("names", names_sql));
}

} // namespace crosswalk::rules
