#include "crosswalk/model/taxonomy_data.hpp"

#include <vector>

#include <fmt/format.h>

#include "crosswalk/common/error.hpp"
#include "crosswalk/store/result.hpp"
#include "crosswalk/store/sql_quote.hpp"
#include "crosswalk/store/transaction.hpp"

namespace crosswalk::model {

namespace {

// Each shipped CSV becomes a temporary table `tx_<name>` with a `line` column (the file's line number, the
// header being line 1) and its header's columns as VARCHAR; an empty cell is NULL. The loading itself is
// then plain SQL over those tables.
struct ShippedTable {
    std::string_view path; // in TaxonomyDataFiles()
    std::string_view table;
};

constexpr ShippedTable kTables[] = {
    {"tbm/tbm-v5.0.1_cost-pools.csv", "tx_v5_pools"},
    {"tbm/tbm-v5.0.1_towers.csv", "tx_v5_towers"},
    {"tbm/tbm-v5.0.1_solutions.csv", "tx_v5_solutions"},
    {"tbm/tbm-v5.0.1_consumers.csv", "tx_v5_consumers"},
    {"tbm/tbm-v4_cost-pools.csv", "tx_v4_pools"},
    {"tbm/tbm-v4_towers.csv", "tx_v4_towers"},
    {"tbm/tbm-v4-to-v5_crosswalk.csv", "tx_crosswalk"},
    {"tbm/focus-servicesubcategory_to_tbm.csv", "tx_focus_subcategory"},
    {"tbm/focus-servicecategory_to_tbm.csv", "tx_focus_category"},
    {"defaults/cloud-servicename_to_tbm.csv", "tx_service_name"},
    {"defaults/ledger-account_to_tbm.csv", "tx_ledger"},
    {"defaults/asset-type_to_tbm.csv", "tx_asset"},
};

std::string_view FileBytes(std::string_view path) {
    for (const EmbeddedFile& file : TaxonomyDataFiles()) {
        if (file.path == path) {
            return file.bytes;
        }
    }
    Throw(ErrorKind::kInternal, "internal error: shipped taxonomy file {} is not embedded", path);
}

// RFC 4180 records: fields separated by commas, a field in double quotes may hold commas and doubled quotes.
// The shipped files are ours and small; a malformed one is a bug (kInternal).
std::vector<std::vector<std::string>> ParseCsv(std::string_view text, std::string_view path) {
    std::vector<std::vector<std::string>> records;
    std::vector<std::string> record;
    std::string field;
    bool quoted = false;
    bool any = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
            continue;
        }
        if (c == '"') {
            quoted = true;
            any = true;
        } else if (c == ',') {
            record.push_back(std::move(field));
            field.clear();
            any = true;
        } else if (c == '\n') {
            record.push_back(std::move(field));
            field.clear();
            records.push_back(std::move(record));
            record.clear();
            any = false;
        } else if (c != '\r') {
            field += c;
            any = true;
        }
    }
    if (any) {
        record.push_back(std::move(field));
        records.push_back(std::move(record));
    }
    if (quoted || records.empty()) {
        Throw(ErrorKind::kInternal, "internal error: shipped file {} is not well-formed CSV", path);
    }
    for (const auto& row : records) {
        if (row.size() != records.front().size()) {
            Throw(ErrorKind::kInternal, "internal error: shipped file {} has rows of different widths", path);
        }
    }
    return records;
}

std::string StageSql(const ShippedTable& table) {
    const auto records = ParseCsv(FileBytes(table.path), table.path);
    std::string sql = fmt::format("CREATE TEMP TABLE {} (line BIGINT", table.table);
    for (const std::string& column : records.front()) {
        sql += fmt::format(", {} VARCHAR", store::QuoteIdentifier(column));
    }
    sql += ");\n";
    if (records.size() > 1) {
        sql += fmt::format("INSERT INTO {} VALUES ", table.table);
        for (size_t row = 1; row < records.size(); ++row) {
            sql += row == 1 ? "(" : ", (";
            sql += std::to_string(row + 1);
            for (const std::string& value : records[row]) {
                sql += ", ";
                sql += value.empty() ? "NULL" : store::QuoteLiteral(value);
            }
            sql += ")";
        }
        sql += ";\n";
    }
    return sql;
}

// The file name without its folder: what `source` says in taxonomy_node and taxonomy_alias.
std::string_view FileName(std::string_view path) {
    return path.substr(path.rfind('/') + 1);
}

// Every row the shipped data owns, removed before loading. The names are the shipped files'.
std::string DeleteSql() {
    std::string sources;
    for (const ShippedTable& table : kTables) {
        sources += sources.empty() ? "" : ", ";
        sources += store::QuoteLiteral(FileName(table.path));
    }
    return fmt::format(R"sql(
DELETE FROM taxonomy_node WHERE source IN ({0});
DELETE FROM taxonomy_alias WHERE source IN ({0});
DELETE FROM default_cloud_service_rule;
DELETE FROM default_ledger_account_rule;
DELETE FROM default_asset_rule;
DELETE FROM reference_data WHERE name = {1};
)sql",
                       sources, store::QuoteLiteral(kShippedTaxonomyName));
}

// taxonomy_node: the v5.0.1 layers, then the v4.x ones. A parent row's source_row is the first line that
// names it. Ids follow the files' order.
constexpr std::string_view kNodesSql = R"sql(
INSERT INTO taxonomy_node (taxonomy, taxonomy_version, layer, name, parent_name, expense_type, unit_of_measure,
                           source, source_row)
SELECT 'tbm', version, layer, name, parent_name, expense_type, unit_of_measure, source, source_row
FROM (
    SELECT '5.0.1' AS version, 'cost_pool' AS layer, cost_pool AS name, NULL AS parent_name,
           NULL AS expense_type, NULL AS unit_of_measure, 'tbm-v5.0.1_cost-pools.csv' AS source,
           min(line) AS source_row, 1 AS part
    FROM tx_v5_pools GROUP BY cost_pool
    UNION ALL
    SELECT '5.0.1', 'cost_sub_pool', cost_sub_pool, cost_pool, expense_type, NULL, 'tbm-v5.0.1_cost-pools.csv', line,
           2 FROM tx_v5_pools
    UNION ALL
    SELECT '5.0.1', 'domain', domain, NULL, NULL, NULL, 'tbm-v5.0.1_towers.csv', min(line), 3
    FROM tx_v5_towers GROUP BY domain
    UNION ALL
    SELECT '5.0.1', 'tower', tower, domain, NULL, NULL, 'tbm-v5.0.1_towers.csv', min(line), 4
    FROM tx_v5_towers GROUP BY domain, tower
    UNION ALL
    SELECT '5.0.1', 'sub_tower', sub_tower, tower, NULL, NULL, 'tbm-v5.0.1_towers.csv', line, 5 FROM tx_v5_towers
    UNION ALL
    SELECT '5.0.1', 'solution_type', solution_type, NULL, NULL, NULL, 'tbm-v5.0.1_solutions.csv', min(line), 6
    FROM tx_v5_solutions GROUP BY solution_type
    UNION ALL
    SELECT '5.0.1', 'solution_category', solution_category, solution_type, NULL, NULL, 'tbm-v5.0.1_solutions.csv',
           min(line), 7
    FROM tx_v5_solutions GROUP BY solution_type, solution_category
    UNION ALL
    SELECT '5.0.1', 'solution', solution_name, solution_category, NULL, NULL, 'tbm-v5.0.1_solutions.csv', line, 8
    FROM tx_v5_solutions
    UNION ALL
    SELECT '5.0.1', 'consumer', consumer_entity, NULL, NULL, NULL, 'tbm-v5.0.1_consumers.csv', line, 9
    FROM tx_v5_consumers
    UNION ALL
    SELECT '4.x', 'cost_pool', cost_pool, NULL, NULL, NULL, 'tbm-v4_cost-pools.csv', line, 10 FROM tx_v4_pools
    UNION ALL
    SELECT '4.x', 'cost_sub_pool', trim(sub_pool), cost_pool, NULL, NULL, 'tbm-v4_cost-pools.csv', line, 11
    FROM (SELECT line, cost_pool, unnest(string_split(known_sub_pools, ';')) AS sub_pool
          FROM tx_v4_pools WHERE known_sub_pools IS NOT NULL)
    UNION ALL
    SELECT '4.x', 'tower', tower, NULL, NULL, NULL, 'tbm-v4_towers.csv', min(line), 12
    FROM tx_v4_towers GROUP BY tower
    UNION ALL
    SELECT '4.x', 'sub_tower', sub_tower, tower, NULL, unit_of_measure, 'tbm-v4_towers.csv', line, 13
    FROM tx_v4_towers
)
ORDER BY part, source_row, name;
)sql";

// taxonomy_alias: each v4 name of the crosswalk with every v5 node it stands for ('A | B' is two nodes;
// '(same sub-pool)' means the pool itself). Rows whose v4 side is empty are new in v5 and are no alias.
// v4 towers are derived from their sub-towers' rows.
constexpr std::string_view kAliasTargetsSql = R"sql(
CREATE TEMP TABLE tx_alias_target AS
SELECT line, confidence, note,
       CASE WHEN layer = 'tower' THEN 'sub_tower' WHEN v4_parent IS NULL THEN 'cost_pool' ELSE 'cost_sub_pool' END
           AS alias_layer,
       v4_parent AS alias_parent_name, v4_name AS alias_name,
       CASE WHEN layer = 'tower' THEN 'sub_tower' WHEN target = '(same sub-pool)' THEN 'cost_pool'
            ELSE 'cost_sub_pool' END AS target_layer,
       CASE WHEN layer = 'cost_pool' AND target = '(same sub-pool)' THEN NULL ELSE v5_parent END AS target_parent,
       CASE WHEN layer = 'cost_pool' AND target = '(same sub-pool)' THEN v5_parent ELSE target END AS target_name
FROM (SELECT *, trim(unnest(string_split(v5_name, '|'))) AS target FROM tx_crosswalk WHERE v4_name IS NOT NULL)
UNION ALL
SELECT min(line), 'derived', 'derived from the sub-tower rows', 'tower', NULL, v4_parent, 'tower', NULL, v5_parent
FROM tx_crosswalk WHERE layer = 'tower' AND v4_name IS NOT NULL
GROUP BY v4_parent, v5_parent;
)sql";

constexpr std::string_view kUnresolvedAliasSql = R"sql(
SELECT string_agg(target_layer || ' ' || coalesce(target_parent || ' / ', '') || target_name, '; ')
FROM tx_alias_target a
WHERE NOT EXISTS (SELECT 1 FROM taxonomy_node n
                  WHERE n.taxonomy = 'tbm' AND n.taxonomy_version = '5.0.1' AND n.layer = a.target_layer
                    AND n.name = a.target_name
                    AND (a.target_parent IS NULL OR n.parent_name = a.target_parent))
)sql";

constexpr std::string_view kAliasSql = R"sql(
INSERT INTO taxonomy_alias
SELECT 'tbm', '4.x', a.alias_layer, a.alias_parent_name, a.alias_name, n.id, a.confidence, a.note,
       'tbm-v4-to-v5_crosswalk.csv', CASE WHEN a.confidence = 'derived' THEN NULL ELSE a.line END
FROM tx_alias_target a
JOIN taxonomy_node n ON n.taxonomy = 'tbm' AND n.taxonomy_version = '5.0.1' AND n.layer = a.target_layer
                    AND n.name = a.target_name
                    AND (a.target_parent IS NULL OR n.parent_name = a.target_parent)
ORDER BY a.line, n.id;
)sql";

// The default rules, in evaluation order: ServiceName rows, then ServiceSubcategory, then ServiceCategory.
constexpr std::string_view kRulesSql = R"sql(
INSERT INTO default_cloud_service_rule
SELECT row_number() OVER (ORDER BY precedence, line), precedence, ProviderName, ServiceCategory,
       ServiceSubcategory, ServiceName, cost_pool, cost_sub_pool, tower, sub_tower, confidence, note,
       'default:' || file || ':' || line
FROM (
    SELECT 1 AS precedence, line, 'cloud-servicename_to_tbm.csv' AS file, ProviderName, ServiceCategory,
           ServiceSubcategory, ServiceName, default_cost_pool_v5 AS cost_pool,
           default_cost_sub_pool_v5 AS cost_sub_pool, tbm_v5_tower AS tower, tbm_v5_sub_tower AS sub_tower,
           confidence, note
    FROM tx_service_name
    UNION ALL
    SELECT 2, line, 'focus-servicesubcategory_to_tbm.csv', NULL, ServiceCategory, ServiceSubcategory, NULL,
           default_cost_pool_v5, default_cost_sub_pool_v5, tbm_v5_tower, tbm_v5_sub_tower, confidence, note
    FROM tx_focus_subcategory
    UNION ALL
    SELECT 3, line, 'focus-servicecategory_to_tbm.csv', NULL, ServiceCategory, NULL, NULL, default_cost_pool_v5,
           default_cost_sub_pool_v5, tbm_v5_tower, tbm_v5_sub_tower, confidence, note
    FROM tx_focus_category
)
ORDER BY 1;

INSERT INTO default_ledger_account_rule
SELECT row_number() OVER (ORDER BY line), account_pattern, account_name_pattern, default_cost_pool_v5,
       default_cost_sub_pool_v5, confidence, note, 'default:ledger-account_to_tbm.csv:' || line
FROM tx_ledger ORDER BY line;

INSERT INTO default_asset_rule
SELECT row_number() OVER (ORDER BY line), category, asset_type_pattern, tbm_v5_tower, tbm_v5_sub_tower,
       default_cost_pool_v5, default_cost_sub_pool_v5, confidence, note, 'default:asset-type_to_tbm.csv:' || line
FROM tx_asset ORDER BY line;
)sql";

} // namespace

std::string ShippedTaxonomyFingerprint() {
    uint64_t hash = 14695981039346656037ULL;
    const auto add = [&hash](std::string_view bytes) {
        for (const char c : bytes) {
            hash ^= static_cast<unsigned char>(c);
            hash *= 1099511628211ULL;
        }
        hash ^= 0xFFU; // a separator, so that ("ab", "c") and ("a", "bc") differ
        hash *= 1099511628211ULL;
    };
    add(kShippedTaxonomyRelease);
    for (const EmbeddedFile& file : TaxonomyDataFiles()) {
        add(file.path);
        add(file.bytes);
    }
    return fmt::format("{:016x}", hash);
}

bool ShippedTaxonomyIsCurrent(store::Connection& connection) {
    store::PreparedStatement statement =
        connection.Prepare("SELECT count(*) FROM reference_data WHERE name = $1 AND fingerprint = $2");
    return statement.Execute(kShippedTaxonomyName, ShippedTaxonomyFingerprint()).ScalarInt64().value_or(0) > 0;
}

int64_t LoadShippedTaxonomy(store::Connection& connection) {
    if (ShippedTaxonomyIsCurrent(connection)) {
        return 0;
    }
    store::Transaction transaction(connection);
    std::string stage;
    for (const ShippedTable& table : kTables) {
        stage += StageSql(table);
    }
    connection.Execute(stage);
    connection.Execute(DeleteSql());
    connection.Execute(kNodesSql);
    connection.Execute(kAliasTargetsSql);
    const std::optional<std::string> unresolved = connection.Query(kUnresolvedAliasSql).ScalarString();
    if (unresolved) {
        Throw(ErrorKind::kInternal, "internal error: tbm-v4-to-v5_crosswalk.csv names v5 nodes that do not exist: {}",
              *unresolved);
    }
    connection.Execute(kAliasSql);
    connection.Execute(kRulesSql);
    const int64_t rows =
        connection
            .Query("SELECT (SELECT count(*) FROM taxonomy_node WHERE taxonomy = 'tbm' AND source LIKE 'tbm-%') + "
                   "(SELECT count(*) FROM taxonomy_alias) + (SELECT count(*) FROM default_cloud_service_rule) + "
                   "(SELECT count(*) FROM default_ledger_account_rule) + (SELECT count(*) FROM default_asset_rule)")
            .ScalarInt64()
            .value_or(0);
    store::PreparedStatement record =
        connection.Prepare("INSERT INTO reference_data VALUES ($1, $2, $3, $4, current_timestamp AT TIME ZONE 'UTC')");
    (void)record.Execute(kShippedTaxonomyName, kShippedTaxonomyRelease, ShippedTaxonomyFingerprint(), rows);
    std::string drop;
    for (const ShippedTable& table : kTables) {
        drop += fmt::format("DROP TABLE {};\n", table.table);
    }
    drop += "DROP TABLE tx_alias_target;";
    connection.Execute(drop);
    transaction.Commit();
    return rows;
}

} // namespace crosswalk::model
