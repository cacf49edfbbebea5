// The default taxonomy mapping, evaluated once per distinct key and set-based: which cost pool and tower the
// shipped default rows (model/data/, loaded into default_*_rule by model::LoadShippedTaxonomy) give each
// distinct cloud service key of the bill (enrichment_key), each distinct ledger account and each distinct asset
// category and type. Each result row names the default row that decided it ('default:<file>:<line>'); a key no row maps
// keeps NULL there, for the `unmapped` report. The user's overrides (rules/taxonomy.yaml `ledger:` and `assets:`) come
// before every default row and name themselves 'rule:taxonomy.yaml:<line>'; cloud overrides are applied by the enrich
// stage over enrichment_key (rules::SqlDialect::TaxonomyOverrides). docs/taxonomy.md.
#pragma once

#include <cstdint>

#include "crosswalk/rules/rule_set.hpp"
#include "crosswalk/store/transaction.hpp"

namespace crosswalk::enrich {

struct MappingSummary {
    int64_t keys = 0;           // distinct keys, one result row each
    int64_t with_tower = 0;     // keys given a tower (0 for ledger accounts, which map to cost pools only)
    int64_t with_cost_pool = 0; // keys given a cost pool
};

// Rebuilds cloud_service_taxonomy: one row per distinct (ProviderName, ServiceCategory, ServiceSubcategory,
// ServiceName) of enrichment_key (the enrich stage's distinct keys of cost_line), with cost_pool / cost_sub_pool /
// cost_pool_source and tower / sub_tower / tower_source. A ServiceName row beats a ServiceSubcategory row, which beats
// a ServiceCategory row; the tower and the cost pool are decided separately (a row may name only one of them). Runs
// inside `transaction` (the pipeline runs every stage in one) and commits nothing. Not thread-safe per connection.
MappingSummary MapCloudServicesToTaxonomy(store::Transaction& transaction);

// Rebuilds ledger_account_taxonomy: one row per distinct (account, account_name) of ledger_line, with the cost
// pool and sub-pool of the first matching row: the overrides of `rules.ledger` in file order, then the default
// rows. Inside `transaction`.
MappingSummary MapLedgerAccountsToCostPools(store::Transaction& transaction, const rules::TaxonomyRules& rules);

// Rebuilds asset_type_taxonomy: one row per distinct (category, asset_type) of asset, with the tower of the
// first matching row that names one and the cost pool of the first that names one: the overrides of
// `rules.assets` in file order come before the default rows. Inside `transaction`.
MappingSummary MapAssetTypesToTowers(store::Transaction& transaction, const rules::TaxonomyRules& rules);

} // namespace crosswalk::enrich
