#include "crosswalk/enrich/default_mapping.hpp"

#include <string_view>

#include "crosswalk/store/result.hpp"
#include "crosswalk/store/sql_quote.hpp"
#include "crosswalk/store/transaction.hpp"

namespace crosswalk::enrich {

namespace {

// Where the rule rows (the user's overrides, then the shipped defaults) go in the ledger and asset queries.
constexpr std::string_view kRulesMarker = "@RULES@";

std::string Text(const std::string& value) {
    return value.empty() ? "NULL" : store::QuoteLiteral(value);
}

// Every query below works on the distinct keys, numbered, never on the rows they come from: the rules are
// joined to the keys (a NULL rule column matches anything), and arg_min over rule_order picks, per key, the
// first matching rule that names a tower and the first that names a cost pool.
constexpr std::string_view kCloudSql = R"sql(
DELETE FROM cloud_service_taxonomy;
INSERT INTO cloud_service_taxonomy
WITH keys AS (
    SELECT row_number() OVER (ORDER BY ProviderName, ServiceCategory, ServiceSubcategory, ServiceName) AS key_id, *
    FROM (SELECT DISTINCT ProviderName, ServiceCategory, ServiceSubcategory, ServiceName FROM enrichment_key)
),
matches AS (
    SELECT k.key_id, r.*
    FROM keys k
    JOIN default_cloud_service_rule r
      ON (r.ProviderName IS NULL OR lower(r.ProviderName) = lower(k.ProviderName))
     AND (r.ServiceCategory IS NULL OR lower(r.ServiceCategory) = lower(k.ServiceCategory))
     AND (r.ServiceSubcategory IS NULL OR lower(r.ServiceSubcategory) = lower(k.ServiceSubcategory))
     AND (r.ServiceName IS NULL OR lower(r.ServiceName) = lower(k.ServiceName))
),
towers AS (
    SELECT key_id, arg_min({'tower': tower, 'sub_tower': sub_tower, 'source': source}, rule_order) AS pick
    FROM matches WHERE tower IS NOT NULL GROUP BY key_id
),
pools AS (
    SELECT key_id, arg_min({'cost_pool': cost_pool, 'cost_sub_pool': cost_sub_pool, 'source': source}, rule_order)
               AS pick
    FROM matches WHERE cost_pool IS NOT NULL GROUP BY key_id
)
SELECT k.ProviderName, k.ServiceCategory, k.ServiceSubcategory, k.ServiceName,
       p.pick.cost_pool, p.pick.cost_sub_pool, p.pick.source, t.pick.tower, t.pick.sub_tower, t.pick.source
FROM keys k
LEFT JOIN pools p ON p.key_id = k.key_id
LEFT JOIN towers t ON t.key_id = k.key_id
ORDER BY k.key_id;
)sql";

constexpr std::string_view kLedgerSql = R"sql(
DELETE FROM ledger_account_taxonomy;
INSERT INTO ledger_account_taxonomy
WITH keys AS (
    SELECT row_number() OVER (ORDER BY account, account_name) AS key_id, *
    FROM (SELECT DISTINCT account, account_name FROM ledger_line)
),
pools AS (
    SELECT k.key_id,
           arg_min({'cost_pool': r.cost_pool, 'cost_sub_pool': r.cost_sub_pool, 'source': r.source}, r.rule_order)
               AS pick
    FROM keys k
    JOIN @RULES@ r
      ON (r.account_pattern IS NULL OR regexp_full_match(k.account, r.account_pattern))
     AND (r.account_name_pattern IS NULL OR regexp_matches(k.account_name, r.account_name_pattern, 'i'))
    GROUP BY k.key_id
)
SELECT k.account, k.account_name, p.pick.cost_pool, p.pick.cost_sub_pool, p.pick.source
FROM keys k LEFT JOIN pools p ON p.key_id = k.key_id
ORDER BY k.key_id;
)sql";

constexpr std::string_view kAssetSql = R"sql(
DELETE FROM asset_type_taxonomy;
INSERT INTO asset_type_taxonomy
WITH keys AS (
    SELECT row_number() OVER (ORDER BY category, asset_type) AS key_id, *
    FROM (SELECT DISTINCT category, asset_type FROM asset)
),
matches AS (
    SELECT k.key_id, r.*
    FROM keys k
    JOIN @RULES@ r
      ON (r.category IS NULL OR lower(r.category) = lower(k.category))
     AND (r.asset_type_pattern IS NULL OR regexp_matches(k.asset_type, r.asset_type_pattern, 'i'))
),
towers AS (
    SELECT key_id, arg_min({'tower': tower, 'sub_tower': sub_tower, 'source': source}, rule_order) AS pick
    FROM matches WHERE tower IS NOT NULL GROUP BY key_id
),
pools AS (
    SELECT key_id, arg_min({'cost_pool': cost_pool, 'cost_sub_pool': cost_sub_pool, 'source': source}, rule_order)
               AS pick
    FROM matches WHERE cost_pool IS NOT NULL GROUP BY key_id
)
SELECT k.category, k.asset_type, t.pick.tower, t.pick.sub_tower, t.pick.source,
       p.pick.cost_pool, p.pick.cost_sub_pool, p.pick.source
FROM keys k
LEFT JOIN towers t ON t.key_id = k.key_id
LEFT JOIN pools p ON p.key_id = k.key_id
ORDER BY k.key_id;
)sql";

// The user's overrides (rules/taxonomy.yaml) as rows shaped like the default rule table's, numbered before every
// default row: rule_order -N..-1 in file order, where the shipped rows start at 1.
std::string LedgerRules(const rules::TaxonomyRules& rules) {
    std::string sql = "(SELECT rule_order, account_pattern, account_name_pattern, cost_pool, cost_sub_pool, source "
                      "FROM default_ledger_account_rule";
    const auto count = static_cast<int64_t>(rules.ledger.size());
    for (int64_t i = 0; i < count; ++i) {
        const rules::LedgerAccountOverride& rule = rules.ledger[static_cast<size_t>(i)];
        sql += fmt::format("\n     UNION ALL SELECT {}, {}, {}, {}, {}, {}", i - count, Text(rule.account_pattern),
                           Text(rule.account_name_pattern), Text(rule.cost_pool), Text(rule.cost_sub_pool),
                           store::QuoteLiteral("rule:" + rule.where.Provenance()));
    }
    return sql + ")";
}

std::string AssetRules(const rules::TaxonomyRules& rules) {
    std::string sql = "(SELECT rule_order, category, asset_type_pattern, tower, sub_tower, cost_pool, cost_sub_pool, "
                      "source FROM default_asset_rule";
    const auto count = static_cast<int64_t>(rules.assets.size());
    for (int64_t i = 0; i < count; ++i) {
        const rules::AssetOverride& rule = rules.assets[static_cast<size_t>(i)];
        sql += fmt::format("\n     UNION ALL SELECT {}, {}, {}, {}, {}, {}, {}, {}", i - count, Text(rule.category),
                           Text(rule.asset_type_pattern), Text(rule.tower), Text(rule.sub_tower), Text(rule.cost_pool),
                           Text(rule.cost_sub_pool), store::QuoteLiteral("rule:" + rule.where.Provenance()));
    }
    return sql + ")";
}

MappingSummary Rebuild(store::Transaction& transaction, std::string_view sql, std::string_view table, bool has_tower,
                       const std::string& rule_rows = "") {
    store::Connection& connection = transaction.GetConnection();
    std::string statement(sql);
    if (const size_t marker = statement.find(kRulesMarker); marker != std::string::npos) {
        statement.replace(marker, kRulesMarker.size(), rule_rows);
    }
    connection.Execute(statement);
    MappingSummary summary;
    summary.keys = connection.Query("SELECT count(*) FROM " + std::string(table)).ScalarInt64().value_or(0);
    if (has_tower) {
        summary.with_tower = connection.Query("SELECT count(*) FROM " + std::string(table) + " WHERE tower IS NOT NULL")
                                 .ScalarInt64()
                                 .value_or(0);
    }
    summary.with_cost_pool =
        connection.Query("SELECT count(*) FROM " + std::string(table) + " WHERE cost_pool IS NOT NULL")
            .ScalarInt64()
            .value_or(0);
    return summary;
}

} // namespace

MappingSummary MapCloudServicesToTaxonomy(store::Transaction& transaction) {
    return Rebuild(transaction, kCloudSql, "cloud_service_taxonomy", true);
}

MappingSummary MapLedgerAccountsToCostPools(store::Transaction& transaction, const rules::TaxonomyRules& rules) {
    return Rebuild(transaction, kLedgerSql, "ledger_account_taxonomy", false, LedgerRules(rules));
}

MappingSummary MapAssetTypesToTowers(store::Transaction& transaction, const rules::TaxonomyRules& rules) {
    return Rebuild(transaction, kAssetSql, "asset_type_taxonomy", true, AssetRules(rules));
}

} // namespace crosswalk::enrich
