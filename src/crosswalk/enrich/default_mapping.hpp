// The default taxonomy mapping, evaluated once per distinct key and set-based: which cost pool and tower the
// shipped default rows (model/data/, loaded into default_*_rule by model::LoadShippedTaxonomy) give each
// distinct cloud service key of cost_line, each distinct ledger account and each distinct asset category and
// type. Each result row names the default row that decided it ('default:<file>:<line>'); a key no row maps
// keeps NULL there, for the `unmapped` report. User rules (the rule engine) will come first and override
// these. docs/taxonomy.md.
#pragma once

#include <cstdint>

#include "crosswalk/store/transaction.hpp"

namespace crosswalk::enrich {

struct MappingSummary {
    int64_t keys = 0;           // distinct keys, one result row each
    int64_t with_tower = 0;     // keys given a tower (0 for ledger accounts, which map to cost pools only)
    int64_t with_cost_pool = 0; // keys given a cost pool
};

// Rebuilds cloud_service_taxonomy: one row per distinct (ProviderName, ServiceCategory, ServiceSubcategory,
// ServiceName) of cost_line, with cost_pool / cost_sub_pool / cost_pool_source and tower / sub_tower /
// tower_source. A ServiceName row beats a ServiceSubcategory row, which beats a ServiceCategory row; the tower
// and the cost pool are decided separately (a row may name only one of them). One transaction; REQUIRES: none
// open on `connection`. Not thread-safe per connection.
MappingSummary MapCloudServicesToTaxonomy(store::Transaction& transaction);

// Rebuilds ledger_account_taxonomy: one row per distinct (account, account_name) of ledger_line, with the cost
// pool and sub-pool of the first matching default row. One transaction.
MappingSummary MapLedgerAccountsToCostPools(store::Transaction& transaction);

// Rebuilds asset_type_taxonomy: one row per distinct (category, asset_type) of asset, with the tower of the
// first matching row that names one and the cost pool of the first that names one. One transaction.
MappingSummary MapAssetTypesToTowers(store::Transaction& transaction);

} // namespace crosswalk::enrich
