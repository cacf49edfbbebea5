// The rules of a workspace (rules/tags.yaml, naming.yaml, accounts.yaml, taxonomy.yaml, enrichment.yaml,
// allocation.yaml, licensing.yaml, vendors.yaml, budgets.yaml, policy.yaml), read strictly: every error names the
// file, line and column, unknown keys get a did-you-mean, duplicate keys are refused. Each rule remembers where it
// was written, so every value it produces can say `rule:tags.yaml:14`. See docs/rules.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crosswalk/common/error.hpp"
#include "crosswalk/rules/budget_rules.hpp"
#include "crosswalk/rules/licensing_rules.hpp"
#include "crosswalk/rules/policy_rules.hpp"
#include "crosswalk/rules/rule_location.hpp"
#include "crosswalk/rules/vendor_rules.hpp"

namespace crosswalk::rules {

// One entry of a value map: `from` (already folded like the values it is compared with) → `to`.
struct ValueMapEntry {
    std::string from;
    std::string to;
    RuleLocation where;
};

enum class CaseFold { kPreserve, kLower, kUpper };

// One canonical tag key: the spellings that mean it, how its values are folded, and its value map.
struct TagKeyRule {
    std::string key;                  // the canonical key, e.g. application
    std::vector<std::string> aliases; // other spellings, matched without regard to case
    std::vector<RuleLocation> alias_where;
    CaseFold fold = CaseFold::kPreserve;
    bool trim = true; // strip the ends and collapse inner runs of white space to one space
    std::vector<ValueMapEntry> values;
    RuleLocation where;
};

struct TagRules {
    std::vector<TagKeyRule> keys;
    std::vector<std::string> required; // the tag policy: keys every resource must carry
    RuleLocation required_where;
    std::string file; // "rules/tags.yaml", empty when the workspace has none
};

enum class NameField { kResourceName, kResourceId };

// One naming-standard pattern: a regular expression with named groups over a resource's name or id.
struct NamingPattern {
    std::string name; // "pattern-1" unless the rule names it
    NameField field = NameField::kResourceName;
    std::string regex;                                        // as written
    std::string re2;                                          // RE2 syntax: (?<g>...) written as (?P<g>...)
    std::vector<std::string> groups;                          // the named groups, in order: the dimensions it extracts
    std::map<std::string, std::vector<ValueMapEntry>> values; // per group
    RuleLocation where;
};

struct NamingRules {
    std::vector<NamingPattern> patterns;
    std::string file; // "rules/naming.yaml", empty when the workspace has none
};

// rules/accounts.yaml: dimension defaults for every resource of a cloud account (an AWS account, an Azure
// subscription, a Google Cloud project). Source of the values it gives: `account:<account as written>`.
struct AccountDefault {
    std::string provider; // matches ProviderName without regard to case; empty: any provider
    std::string account;  // matches SubAccountId or BillingAccountId exactly; a SubAccountId match is the more
                          // specific and wins over a BillingAccountId match
    std::map<std::string, std::string> dimensions; // enriched dimension (kEnrichedDimensions) -> value
    std::map<std::string, RuleLocation> dimension_where;
    RuleLocation where;
};

struct AccountRules {
    std::vector<AccountDefault> accounts;
    std::string file; // "rules/accounts.yaml", empty when the workspace has none
};

// The columns an override of the taxonomy may match on (taxonomy.yaml `match:`), besides `tag.<key>` (a
// canonical key of tags.yaml, compared with its normalized value).
inline constexpr const char* kTaxonomyMatchColumns[] = {"ProviderName",    "BillingAccountId",   "SubAccountId",
                                                        "ServiceCategory", "ServiceSubcategory", "ServiceName",
                                                        "SkuId",           "ResourceType"};

// One override of the default cloud-service mapping: every condition must hold (values compared without
// regard to case); it sets whichever of the four fields it names. The first override in file order that
// names a field decides it, and beats the shipped default. Source: `rule:taxonomy.yaml:<line>`.
struct TaxonomyOverride {
    std::vector<std::pair<std::string, std::string>> match; // column (or "tag.<key>") -> value
    std::string cost_pool;                                  // empty: not set by this override
    std::string tower;
    std::string sub_tower; // set only with tower
    std::string solution;
    RuleLocation where;
};

// An override of the ledger-account or asset mapping (taxonomy.yaml `ledger:` and `assets:`).
struct LedgerAccountOverride {
    std::string account_pattern;      // RE2, fully matches the account; empty: any
    std::string account_name_pattern; // RE2, case-insensitive, found in the account name; empty: any
    std::string cost_pool;            // required
    std::string cost_sub_pool;        // optional
    RuleLocation where;
};

struct AssetOverride {
    std::string category;           // equal without regard to case; empty: any
    std::string asset_type_pattern; // RE2, case-insensitive, found in asset_type; empty: any
    std::string tower;
    std::string sub_tower;
    std::string cost_pool;
    std::string cost_sub_pool; // set only with cost_pool
    RuleLocation where;
};

struct TaxonomyRules {
    std::vector<TaxonomyOverride> cloud;
    std::vector<LedgerAccountOverride> ledger;
    std::vector<AssetOverride> assets;
    std::string file; // "rules/taxonomy.yaml", empty when the workspace has none
};

// Where an enriched dimension's value may come from, in the default precedence order.
enum class DimensionSource { kTag, kCmdb, kAccount, kName };

// rules/enrichment.yaml: the precedence of the sources, for all dimensions and per dimension.
struct PrecedenceRules {
    std::vector<DimensionSource> order = {DimensionSource::kTag, DimensionSource::kCmdb, DimensionSource::kAccount,
                                          DimensionSource::kName};
    std::map<std::string, std::vector<DimensionSource>> per_dimension; // dimension -> its own order
    RuleLocation where;
    std::string file; // "rules/enrichment.yaml", empty when the workspace has none

    // The order that applies to `dimension`.
    [[nodiscard]] const std::vector<DimensionSource>& For(const std::string& dimension) const;
};

// The dimensions enrichment puts on every cost line from tags, the CMDB, account defaults and names, in the
// order of cost_line_enriched's columns. (cost_pool, tower, sub_tower and solution come from the taxonomy.)
inline constexpr const char* kEnrichedDimensions[] = {"application", "business_service", "cost_center", "business_unit",
                                                      "owner",       "environment"};

// The columns an allocation pool may select on (allocation.yaml `pool:`): the enriched dimensions, the
// taxonomy and the FOCUS columns an allocation keeps on the cost it holds.
inline constexpr const char* kAllocationPoolColumns[] = {"application",
                                                         "business_service",
                                                         "cost_center",
                                                         "business_unit",
                                                         "owner",
                                                         "environment",
                                                         "cost_pool",
                                                         "tower",
                                                         "sub_tower",
                                                         "solution",
                                                         "ProviderName",
                                                         "BillingAccountId",
                                                         "SubAccountId",
                                                         "ServiceCategory",
                                                         "ServiceSubcategory",
                                                         "ServiceName",
                                                         "ChargeCategory",
                                                         "CommitmentDiscountStatus"};

// The dimensions an allocation step may spread cost over (allocation.yaml `to:`).
inline constexpr const char* kAllocationTargetDimensions[] = {"application", "business_service", "cost_center",
                                                              "business_unit"};

enum class AllocationMethod { kEven, kProportional, kFixed, kDriver };

// One condition of a pool: `column` is one of `values` (nullopt: the column is NULL, e.g. untagged cost).
struct PoolCondition {
    std::string column;
    std::vector<std::optional<std::string>> values;
    RuleLocation where;
};

// A usage file that weighs the targets of a driver step (a CSV with a header): per row a day (YYYY-MM-DD) or
// month (YYYY-MM), a target and a quantity >= 0.
struct DriverFile {
    std::string file; // relative to the workspace, e.g. drivers/k8s-cpu-hours.csv
    std::string date_column = "date";
    std::string target_column;
    std::string quantity_column;
    RuleLocation where;
};

// One fixed weight: `percent` of the pool to `target`. Exact decimal text, e.g. "33.34".
struct FixedWeight {
    std::string target;
    std::string percent;
    RuleLocation where;
};

// One step of rules/allocation.yaml: every month from `from` to `until` (YYYY-MM, inclusive; empty: open), the
// cost held by whatever matches `pool` is spread over values of `to` by `method`. Steps run in file order on
// what earlier steps left, so a later step may spread an earlier one's result (step-down).
struct AllocationStep {
    std::string name;
    std::vector<PoolCondition> pool; // all must hold; empty: all cost
    std::string to;                  // one of kAllocationTargetDimensions
    AllocationMethod method = AllocationMethod::kProportional;
    std::vector<std::string> targets; // even: required; proportional: optional restriction
    std::vector<FixedWeight> weights; // fixed: add up to exactly 100
    std::string proportional_to;      // proportional: "" for the targets' direct cost, else an earlier step's name
    DriverFile driver;                // driver
    std::string from;
    std::string until;
    RuleLocation where;
};

struct AllocationRules {
    std::vector<AllocationStep> steps;
    std::string file; // "rules/allocation.yaml", empty when the workspace has none
};

[[nodiscard]] std::string_view MethodName(AllocationMethod method);

struct RuleSet {
    TagRules tags;
    NamingRules naming;
    AccountRules accounts;
    TaxonomyRules taxonomy;
    PrecedenceRules precedence;
    AllocationRules allocation;
    LicensingRules licensing; // the workspace's rules/licensing.yaml; EffectiveLicensingRules adds the defaults
    VendorRules vendors;      // the workspace's rules/vendors.yaml; VendorOfSql adds the defaults
    BudgetRules budgets;      // rules/budgets.yaml: alert thresholds, webhook, the forecast's known changes
    PolicyRules policy;       // rules/policy.yaml: guardrails and KPI thresholds
    std::string sha256;       // of every rule file read (name and bytes), hex; empty when there were none
};

// Parses the text of a tags file. `file` is the name used in messages and provenance ("rules/tags.yaml").
// Throws crosswalk::Error (kInvalidInput) at the first error, with its line and column.
[[nodiscard]] TagRules ParseTagRules(const std::string& file, std::string_view text);

// Parses the text of a naming file; every pattern is compiled (by DuckDB's RE2) so a bad one fails here.
[[nodiscard]] NamingRules ParseNamingRules(const std::string& file, std::string_view text);

// Parses the text of an accounts file (rules/accounts.yaml). Throws kInvalidInput at the first error: an entry
// without 'account' or without a dimension, a dimension not in kEnrichedDimensions (with a did-you-mean), the
// same (provider, account) twice (naming the first line).
[[nodiscard]] AccountRules ParseAccountRules(const std::string& file, std::string_view text);

// Parses the text of a taxonomy file (rules/taxonomy.yaml). Every tower, sub-tower, cost pool and sub-pool is
// checked against the shipped TBM taxonomy (model/data/): a TBM v4 name is translated to its v5 name, an unknown
// name is an error with a did-you-mean; every regular expression is compiled by DuckDB's RE2.
[[nodiscard]] TaxonomyRules ParseTaxonomyRules(const std::string& file, std::string_view text);

// Parses the text of an enrichment file (rules/enrichment.yaml): every order names each source exactly once.
[[nodiscard]] PrecedenceRules ParsePrecedenceRules(const std::string& file, std::string_view text);

// Parses the text of an allocation file (rules/allocation.yaml). Throws kInvalidInput at the first error: an
// unknown key, pool column, target dimension or method (did-you-mean), a step name given twice, fixed weights
// that do not add up to exactly 100, a proportional_to naming no earlier step, a month that is not YYYY-MM or
// an `until` before `from`, a target the pool itself selects (a cycle). Targets are checked against the store
// when the allocate stage runs.
[[nodiscard]] AllocationRules ParseAllocationRules(const std::string& file, std::string_view text);

// The name of a source as the enrichment file writes it: tag, cmdb, account, name.
[[nodiscard]] std::string_view SourceName(DimensionSource source);

// The result of reading a workspace's rules/ folder: the rules, or one error per broken file.
struct LoadResult {
    RuleSet rules;
    std::vector<Error> errors;
};

// Reads `workspace_root`/rules/tags.yaml, naming.yaml, accounts.yaml, taxonomy.yaml, enrichment.yaml,
// allocation.yaml, licensing.yaml and vendors.yaml (each optional; a driver file an allocation step names is read by
// the allocate stage). Never throws for a broken file: its error is in `errors`.
[[nodiscard]] LoadResult LoadRuleSet(const std::filesystem::path& workspace_root);

// As LoadRuleSet, but throws the first error.
[[nodiscard]] RuleSet LoadRuleSetOrThrow(const std::filesystem::path& workspace_root);

// Fixes `(?<name>` into RE2's `(?P<name>` and lists the named groups in order. Throws kInvalidInput (at
// `where`) for a group name that is not a lower-case identifier or appears twice.
struct TranslatedPattern {
    std::string re2;
    std::vector<std::string> groups;
};

[[nodiscard]] TranslatedPattern TranslateNamedGroups(std::string_view regex, const SourceLocation& where);

} // namespace crosswalk::rules
