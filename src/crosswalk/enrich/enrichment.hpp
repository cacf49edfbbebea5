// Enrichment: the dimensions of every cost line (application, business service, cost center, business unit,
// owner, environment, and the TBM cost pool, tower, sub-tower and solution), decided once per distinct
// enrichment key and kept in cost_dimension, which the view cost_line_enriched joins back. Each value comes
// from the first source in the declared precedence that gives one (rules/enrichment.yaml; default: resource
// tag > CMDB > account default > naming standard), and records where it came from. docs/enrichment.md.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "crosswalk/rules/rule_set.hpp"
#include "crosswalk/store/transaction.hpp"

namespace crosswalk::enrich {

// The columns of a cost line that make its enrichment key (enrichment_key, cost_dimension): lines with equal
// values, compared with IS NOT DISTINCT FROM (Tags as text), get the same dimensions.
inline constexpr std::string_view kEnrichmentKeyColumns[] = {
    "ProviderName",    "BillingAccountId",   "SubAccountId", "ResourceId", "ResourceName", "Tags",
    "ServiceCategory", "ServiceSubcategory", "ServiceName",  "SkuId",      "ResourceType"};

// SQL: the key columns of `key` (a table holding them as enrichment_key does) equal those of `line` (a cost
// line, or a table of its sums), NULL equal to NULL, Tags compared as text: "k.ProviderName IS NOT DISTINCT
// FROM c.ProviderName AND ...".
[[nodiscard]] std::string KeysMatch(std::string_view key, std::string_view line);

struct EnrichmentSummary {
    std::string rules_sha256;
    bool unchanged = false;   // the rules and every input were as the last enrichment found them: nothing redone
    int64_t new_files = 0;    // FOCUS files whose keys were added this time
    int64_t keys = 0;         // distinct enrichment keys
    int64_t keys_added = 0;   // of which new this time
    int64_t keys_removed = 0; // dropped because no cost line holds them any more (a bill was restated)
    int64_t tag_sets = 0;     // distinct tag sets the tag rules read
    int64_t names = 0;        // distinct (provider, id, name) the naming rules read
    // Keys whose application each kind of source decided ("tag", "cmdb", "account", "name"; none: absent).
    std::map<std::string, int64_t> application_keys_by_source;
    int64_t keys_with_tower = 0;
};

// Does nothing (summary.unchanged) when the rules, the active source files and the crosswalk version are those
// of the last enrichment. Otherwise brings enrichment_key up to date with cost_line (the keys of files not seen before
// are added; when a file was replaced since, keys no cost line holds are dropped), evaluates the rules over the keys
// (tag_set, name_dimension), and rebuilds cost_dimension and the default taxonomy tables, all inside `transaction`
// (nothing is committed here). Cost grows with new rows and with distinct keys, not with all rows. Throws
// crosswalk::Error if a query fails.
EnrichmentSummary Enrich(store::Transaction& transaction, const rules::RuleSet& rules);

} // namespace crosswalk::enrich
