// Rules compile to SQL behind one interface, so that a second engine could be added by writing a dialect.
// Compiling produces SQL text only (what `crosswalk rules compile` prints); evaluate.hpp runs it.
#pragma once

#include <memory>
#include <string>

#include "crosswalk/rules/rule_set.hpp"

namespace crosswalk::rules {

// Where the tag sets come from: a table and its JSON column of tags ({"key": "value", ...}).
struct TagSource {
    std::string table = "cost_line";
    std::string column = "Tags";
};

// Where resource names come from: a table with provider, id and name columns.
struct NameSource {
    std::string table = "cost_line";
    std::string provider_column = "ProviderName";
    std::string id_column = "ResourceId";
    std::string name_column = "ResourceName";
};

class SqlDialect {
public:
    SqlDialect() = default;
    SqlDialect(const SqlDialect&) = delete;
    SqlDialect& operator=(const SqlDialect&) = delete;
    virtual ~SqlDialect() = default;

    // A query over the distinct tag sets of `source`, one row per (tags, key):
    //   tags (the tag set as stored, the join key), key (canonical), value (folded and mapped),
    //   source ('tag:App' — the key as written — or 'rule:tags.yaml:14' when a value map changed it),
    //   original_key (the key as written, also when a value map changed the value).
    [[nodiscard]] virtual std::string TagNormalization(const TagRules& rules, const TagSource& source) const = 0;

    // A query over the distinct (provider, id, name) of `source`, one row per resource and dimension that a
    // pattern extracts: provider, resource_id, resource_name, dimension, value,
    //   source ('name:pattern-2' for the captured text, 'rule:naming.yaml:7' when a value map changed it).
    // The first pattern (in file order) that yields a dimension wins it.
    [[nodiscard]] virtual std::string NamingExtraction(const NamingRules& rules, const NameSource& source) const = 0;

    // A query over the distinct (ProviderName, BillingAccountId, SubAccountId) of `key_table` (a relation with
    // those VARCHAR columns, e.g. enrichment_key), one row per account and dimension an accounts.yaml entry
    // gives: ProviderName, BillingAccountId, SubAccountId, dimension, value, source ('account:<account>').
    // A SubAccountId match beats a BillingAccountId match, then an entry naming the provider beats one for any
    // provider, then the first entry in the file wins. `key_table` is quoted as an identifier.
    [[nodiscard]] virtual std::string AccountDefaults(const AccountRules& rules,
                                                      const std::string& key_table) const = 0;

    // A query over `key_table` (enrichment_key: key_id BIGINT and the VARCHAR columns of kTaxonomyMatchColumns
    // and Tags, the tag set's JSON text; `tag.<key>` conditions read the table tag_set(tags, key, value)), one
    // row per key_id that an override reaches: key_id, cost_pool, cost_pool_source, tower, sub_tower,
    // tower_source, solution, solution_source ('rule:taxonomy.yaml:<line>'), NULL where no override names it.
    // Per field (cost pool; tower with its sub-tower; solution) the first override in file order that names it
    // and whose conditions all hold wins; values compare without regard to case. The ledger and asset
    // overrides are applied by enrich::MapLedgerAccountsToCostPools / MapAssetTypesToTowers.
    [[nodiscard]] virtual std::string TaxonomyOverrides(const TaxonomyRules& rules,
                                                        const std::string& key_table) const = 0;
};

class DuckDbDialect final : public SqlDialect {
public:
    [[nodiscard]] std::string TagNormalization(const TagRules& rules, const TagSource& source) const override;
    [[nodiscard]] std::string NamingExtraction(const NamingRules& rules, const NameSource& source) const override;
    [[nodiscard]] std::string AccountDefaults(const AccountRules& rules, const std::string& key_table) const override;
    [[nodiscard]] std::string TaxonomyOverrides(const TaxonomyRules& rules,
                                                const std::string& key_table) const override;
};

} // namespace crosswalk::rules
