#include "crosswalk/ingest/enterprise/reference_checks.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

namespace crosswalk::ingest::enterprise {
namespace {

struct ReferenceCheck {
    std::string_view kind;
    std::string_view rule_id;
    std::string_view column;  // the input column it concerns
    std::string_view table;   // the loaded rows, as `t`
    std::string_view value;   // SQL over t: the referencing value
    std::string_view known;   // SQL over t: true when the value resolves
    std::string_view loaded;  // SQL: true when the referenced kind is loaded at all
    std::string_view target;  // what the value should name, for notes
    std::string_view missing; // what is not loaded, for notes
};

constexpr std::string_view kCiLoaded = "EXISTS (SELECT 1 FROM main.ci)";
constexpr std::string_view kOrgLoaded = "EXISTS (SELECT 1 FROM main.cost_center)";
constexpr std::string_view kAlways = "true";

// A scope's id resolves in the table its kind names; a scope whose table is empty is not checked.
constexpr std::string_view kScopeKnown =
    "CASE t.scope_kind "
    "WHEN 'cost_center' THEN NOT EXISTS (SELECT 1 FROM main.cost_center) "
    "  OR EXISTS (SELECT 1 FROM main.cost_center c WHERE c.cost_center_id = t.scope_id) "
    "WHEN 'business_unit' THEN NOT EXISTS (SELECT 1 FROM main.business_unit) "
    "  OR EXISTS (SELECT 1 FROM main.business_unit b WHERE b.business_unit_id = t.scope_id) "
    "WHEN 'application' THEN NOT EXISTS (SELECT 1 FROM main.ci) "
    "  OR EXISTS (SELECT 1 FROM main.ci c WHERE c.ci_id = t.scope_id AND c.class = 'application') "
    "WHEN 'business_service' THEN NOT EXISTS (SELECT 1 FROM main.ci) "
    "  OR EXISTS (SELECT 1 FROM main.ci c WHERE c.ci_id = t.scope_id AND c.class = 'business_service') "
    "ELSE true END";

// The row's cost center is one of the org's.
constexpr const char* kCostCenterKnown =
    "EXISTS (SELECT 1 FROM main.cost_center c WHERE c.cost_center_id = t.cost_center_id)";

constexpr std::array kChecks = {
    ReferenceCheck{"assets", "assets.ci_id.known", "ci_id", "asset", "t.ci_id",
                   "EXISTS (SELECT 1 FROM main.ci c WHERE c.ci_id = t.ci_id)", kCiLoaded, "a CI of the CMDB",
                   "no CIs are loaded"},
    ReferenceCheck{"assets", "assets.host_asset_tag.known", "host_asset_tag", "asset", "t.host_asset_tag",
                   "EXISTS (SELECT 1 FROM main.asset a WHERE a.asset_tag = t.host_asset_tag)", kAlways,
                   "an asset of the register", ""},
    ReferenceCheck{"assets", "assets.cost_center_id.known", "cost_center_id", "asset", "t.cost_center_id",
                   kCostCenterKnown, kOrgLoaded, "a cost center of the org", "no org is loaded"},
    ReferenceCheck{"entitlements", "entitlements.contract_id.known", "contract_id", "entitlement", "t.contract_id",
                   "EXISTS (SELECT 1 FROM main.contract c WHERE c.contract_id = t.contract_id)",
                   "EXISTS (SELECT 1 FROM main.contract)", "a loaded contract", "no contracts are loaded"},
    ReferenceCheck{"entitlements", "entitlements.cost_center_id.known", "cost_center_id", "entitlement",
                   "t.cost_center_id", kCostCenterKnown, kOrgLoaded, "a cost center of the org", "no org is loaded"},
    ReferenceCheck{
        "installations", "installations.host_id.known", "host_id", "installation", "t.host_id",
        "CASE t.host_kind WHEN 'asset' THEN EXISTS (SELECT 1 FROM main.asset a WHERE a.asset_tag = t.host_id) "
        "ELSE EXISTS (SELECT 1 FROM main.resource r WHERE r.resource_id = t.host_id) "
        "  OR EXISTS (SELECT 1 FROM main.asset a WHERE a.resource_id = t.host_id) "
        "  OR EXISTS (SELECT 1 FROM main.ci c WHERE c.resource_id = t.host_id) END",
        "EXISTS (SELECT 1 FROM main.asset) OR EXISTS (SELECT 1 FROM main.resource)",
        "a host of the asset register or of billing", "no assets and no billing are loaded"},
    ReferenceCheck{"cis", "cis.asset_tag.known", "asset_tag", "ci", "t.asset_tag",
                   "EXISTS (SELECT 1 FROM main.asset a WHERE a.asset_tag = t.asset_tag)",
                   "EXISTS (SELECT 1 FROM main.asset)", "an asset of the register", "no assets are loaded"},
    ReferenceCheck{"cis", "cis.cost_center_id.known", "cost_center_id", "ci", "t.cost_center_id", kCostCenterKnown,
                   kOrgLoaded, "a cost center of the org", "no org is loaded"},
    ReferenceCheck{"cis", "cis.business_unit_id.known", "business_unit_id", "ci", "t.business_unit_id",
                   "EXISTS (SELECT 1 FROM main.business_unit b WHERE b.business_unit_id = t.business_unit_id)",
                   "EXISTS (SELECT 1 FROM main.business_unit)", "a business unit of the org", "no org is loaded"},
    ReferenceCheck{"ci-relations", "ci-relations.parent_ci_id.known", "parent_ci_id", "ci_relation", "t.parent_ci_id",
                   "EXISTS (SELECT 1 FROM main.ci c WHERE c.ci_id = t.parent_ci_id)", kCiLoaded, "a CI of the CMDB",
                   "no CIs are loaded"},
    ReferenceCheck{"ci-relations", "ci-relations.child_ci_id.known", "child_ci_id", "ci_relation", "t.child_ci_id",
                   "EXISTS (SELECT 1 FROM main.ci c WHERE c.ci_id = t.child_ci_id)", kCiLoaded, "a CI of the CMDB",
                   "no CIs are loaded"},
    ReferenceCheck{"contracts", "contracts.cost_center_id.known", "cost_center_id", "contract", "t.cost_center_id",
                   kCostCenterKnown, kOrgLoaded, "a cost center of the org", "no org is loaded"},
    ReferenceCheck{"ledger", "ledger.cost_center_id.known", "cost_center_id", "ledger_line", "t.cost_center_id",
                   kCostCenterKnown, kOrgLoaded, "a cost center of the org", "no org is loaded"},
    ReferenceCheck{"budgets", "budgets.scope_id.known", "scope_id", "budget", "t.scope_id", kScopeKnown, kAlways,
                   "a loaded cost center, business unit or application", ""},
    ReferenceCheck{"org", "org.parent_id.known", "parent_id", "cost_center", "t.parent_cost_center_id",
                   "EXISTS (SELECT 1 FROM main.cost_center c WHERE c.cost_center_id = t.parent_cost_center_id)",
                   kAlways, "a cost center of the org", ""},
    ReferenceCheck{"org", "org.parent_id.known", "parent_id", "business_unit", "t.parent_business_unit_id",
                   "EXISTS (SELECT 1 FROM main.business_unit b WHERE b.business_unit_id = t.parent_business_unit_id)",
                   kAlways, "a business unit of the org", ""},
    ReferenceCheck{"org", "org.business_unit_id.known", "business_unit_id", "cost_center", "t.business_unit_id",
                   "EXISTS (SELECT 1 FROM main.business_unit b WHERE b.business_unit_id = t.business_unit_id)",
                   "EXISTS (SELECT 1 FROM main.business_unit)", "a business unit of the org",
                   "no business units are loaded"},
    ReferenceCheck{"metrics", "metrics.scope_id.known", "scope_id", "business_metric", "t.scope_id", kScopeKnown,
                   kAlways, "a loaded cost center, business unit, application or business service", ""},
};

bool Holds(store::Connection& connection, std::string_view condition) {
    return connection.Query(fmt::format("SELECT CAST(({}) AS INTEGER)", condition)).ScalarInt64().value_or(0) == 1;
}

void AddWarning(FileOutcome& outcome, const ReferenceCheck& check, int64_t rows, int64_t first_row,
                const std::string& example) {
    for (RuleCount& rule : outcome.rules) {
        if (rule.rule_id == check.rule_id && rule.action == "warn") {
            rule.rows += rows;
            rule.first_row = std::min(rule.first_row, first_row);
            return;
        }
    }
    outcome.rules.push_back(RuleCount{std::string(check.rule_id), std::string(check.column), "warn", rows, first_row});
    outcome.warnings.push_back(fmt::format("{} row(s) kept whose {} is not {} (first: row {}, '{}')", rows,
                                           check.column, check.target, first_row, example));
}

} // namespace

void CheckReferences(store::Connection& connection, const KindSpec& kind, FileOutcome& outcome) {
    for (const ReferenceCheck& check : kChecks) {
        if (check.kind != kind.kind) {
            continue;
        }
        const std::string rows_of_file = fmt::format("FROM main.{} t WHERE t.source_file_id = {} AND ({}) IS NOT NULL",
                                                     check.table, outcome.source_file_id, check.value);
        if (!Holds(connection, check.loaded)) {
            const int64_t values =
                connection.Query(fmt::format("SELECT count(*) {}", rows_of_file)).ScalarInt64().value_or(0);
            if (values > 0) {
                outcome.warnings.push_back(fmt::format("{} not checked: {}", check.column, check.missing));
            }
            continue;
        }
        store::Result result = connection.Query(fmt::format(
            "SELECT count(*), min(t.source_row), CAST(arg_min({}, t.source_row) AS VARCHAR) {} AND NOT ({})",
            check.value, rows_of_file, check.known));
        std::optional<store::DataChunk> chunk = result.NextChunk();
        if (!chunk || chunk->Size() == 0 || chunk->Column(0).Int64(0) == 0) {
            continue;
        }
        AddWarning(outcome, check, chunk->Column(0).Int64(0), chunk->Column(1).Int64(0),
                   std::string(chunk->Column(2).String(0)));
    }
    std::stable_sort(outcome.rules.begin(), outcome.rules.end(),
                     [](const RuleCount& a, const RuleCount& b) { return a.rows > b.rows; });
}

} // namespace crosswalk::ingest::enterprise
