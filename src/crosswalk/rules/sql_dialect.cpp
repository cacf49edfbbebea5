#include "crosswalk/rules/sql_dialect.hpp"

#include "crosswalk/store/sql_quote.hpp"

namespace crosswalk::rules {
namespace {

using store::QuoteIdentifier;
using store::QuoteLiteral;

// `name(columns) AS (VALUES ...)`, or a typed empty relation when there are no rows (VALUES needs one).
std::string ValuesRelation(const std::string& name, const std::vector<std::pair<std::string, std::string>>& columns,
                           const std::vector<std::string>& rows) {
    std::string names;
    for (const auto& [column, type] : columns) {
        names += (names.empty() ? "" : ", ") + column;
    }
    if (rows.empty()) {
        std::string nulls;
        for (const auto& [column, type] : columns) {
            nulls += fmt::format("{}NULL::{} AS {}", nulls.empty() ? "" : ", ", type, column);
        }
        return fmt::format("{} AS (\n    SELECT {} WHERE false\n)", name, nulls);
    }
    std::string body;
    for (const std::string& row : rows) {
        body += fmt::format("{}\n        ({})", body.empty() ? "" : ",", row);
    }
    return fmt::format("{}({}) AS (\n    VALUES{}\n)", name, names, body);
}

std::string CaseName(CaseFold fold) {
    return fold == CaseFold::kLower ? "lower" : fold == CaseFold::kUpper ? "upper" : "preserve";
}

std::string Lower(std::string text) {
    for (char& c : text) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return text;
}

} // namespace

std::string DuckDbDialect::TagNormalization(const TagRules& rules, const TagSource& source) const {
    std::vector<std::string> key_rows;
    std::vector<std::string> value_rows;
    for (const TagKeyRule& rule : rules.keys) {
        const auto row = [&](const std::string& spelling, int priority) {
            return fmt::format("{}, {}, {}, {}, {}", QuoteLiteral(Lower(spelling)), QuoteLiteral(rule.key), priority,
                               QuoteLiteral(CaseName(rule.fold)), rule.trim ? "true" : "false");
        };
        key_rows.push_back(row(rule.key, 0));
        for (size_t i = 0; i < rule.aliases.size(); ++i) {
            key_rows.push_back(row(rule.aliases[i], static_cast<int>(i) + 1));
        }
        for (const ValueMapEntry& entry : rule.values) {
            value_rows.push_back(fmt::format("{}, {}, {}, {}", QuoteLiteral(rule.key), QuoteLiteral(entry.from),
                                             QuoteLiteral(entry.to), QuoteLiteral("rule:" + entry.where.Provenance())));
        }
    }
    const std::string key_rules = ValuesRelation("key_rule",
                                                 {{"spelling", "VARCHAR"},
                                                  {"canonical", "VARCHAR"},
                                                  {"priority", "INTEGER"},
                                                  {"case_fold", "VARCHAR"},
                                                  {"trim_space", "BOOLEAN"}},
                                                 key_rows);
    const std::string value_maps = ValuesRelation(
        "value_map", {{"key", "VARCHAR"}, {"from_value", "VARCHAR"}, {"to_value", "VARCHAR"}, {"source", "VARCHAR"}},
        value_rows);
    return fmt::format(R"(-- Tag normalization ({file}): evaluated once per distinct tag set of {table}.{column}.
WITH tag_set_input AS (
    SELECT DISTINCT {column}::VARCHAR AS tags FROM {table} WHERE {column} IS NOT NULL
),
tag_pair AS (
    SELECT s.tags, e.key AS original_key, e.value ->> '$' AS original_value
    FROM tag_set_input AS s, json_each(s.tags::JSON) AS e
    WHERE json_type(e.value) NOT IN ('NULL', 'OBJECT', 'ARRAY')
),
{key_rules},
{value_maps},
keyed AS (
    SELECT p.tags, p.original_key, coalesce(k.canonical, p.original_key) AS key, coalesce(k.priority, 0) AS priority,
           k.case_fold,
           CASE WHEN coalesce(k.trim_space, false)
                THEN regexp_replace(regexp_replace(p.original_value, '^\s+|\s+$', '', 'g'), '\s+', ' ', 'g')
                ELSE p.original_value END AS trimmed
    FROM tag_pair AS p
    LEFT JOIN key_rule AS k ON lower(p.original_key) = k.spelling
),
folded AS (
    SELECT tags, original_key, key, priority,
           CASE case_fold WHEN 'lower' THEN lower(trimmed) WHEN 'upper' THEN upper(trimmed) ELSE trimmed END AS value
    FROM keyed
)
SELECT f.tags, f.key, coalesce(m.to_value, f.value) AS value, coalesce(m.source, 'tag:' || f.original_key) AS source,
       f.original_key
FROM folded AS f
LEFT JOIN value_map AS m ON m.key = f.key AND m.from_value = f.value
QUALIFY row_number() OVER (PARTITION BY f.tags, f.key ORDER BY f.priority, f.original_key) = 1)",
                       fmt::arg("file", rules.file.empty() ? "no rules file" : rules.file),
                       fmt::arg("table", QuoteIdentifier(source.table)),
                       fmt::arg("column", QuoteIdentifier(source.column)), fmt::arg("key_rules", key_rules),
                       fmt::arg("value_maps", value_maps));
}

std::string DuckDbDialect::NamingExtraction(const NamingRules& rules, const NameSource& source) const {
    std::string matches;
    std::string extracted;
    std::vector<std::string> value_rows;
    for (size_t i = 0; i < rules.patterns.size(); ++i) {
        const NamingPattern& pattern = rules.patterns[i];
        const std::string field = pattern.field == NameField::kResourceId ? "resource_id" : "resource_name";
        std::string groups;
        for (const std::string& group : pattern.groups) {
            groups += (groups.empty() ? "" : ", ") + QuoteLiteral(group);
        }
        const std::string regex = QuoteLiteral(pattern.re2);
        matches += fmt::format(",\nmatch_{0} AS (\n    -- {1} ({2})\n"
                               "    SELECT provider, resource_id, resource_name, regexp_extract({3}, {4}, [{5}]) AS g\n"
                               "    FROM name_input WHERE regexp_matches({3}, {4})\n)",
                               i + 1, pattern.name, pattern.where.ToString(), field, regex, groups);
        for (const std::string& group : pattern.groups) {
            extracted += fmt::format("{}    SELECT provider, resource_id, resource_name, {} AS pattern_order, {} AS "
                                     "dimension, g.{} AS value, {} AS source FROM match_{} WHERE g.{} <> ''",
                                     extracted.empty() ? "" : "\n    UNION ALL\n", i + 1, QuoteLiteral(group),
                                     QuoteIdentifier(group), QuoteLiteral("name:" + pattern.name), i + 1,
                                     QuoteIdentifier(group));
            const auto found = pattern.values.find(group);
            if (found == pattern.values.end()) {
                continue;
            }
            for (const ValueMapEntry& entry : found->second) {
                value_rows.push_back(fmt::format("{}, {}, {}, {}, {}", i + 1, QuoteLiteral(group),
                                                 QuoteLiteral(entry.from), QuoteLiteral(entry.to),
                                                 QuoteLiteral("rule:" + entry.where.Provenance())));
            }
        }
    }
    if (extracted.empty()) {
        extracted = "    SELECT NULL::VARCHAR AS provider, NULL::VARCHAR AS resource_id, NULL::VARCHAR AS "
                    "resource_name, NULL::INTEGER AS pattern_order, NULL::VARCHAR AS dimension, NULL::VARCHAR AS "
                    "value, NULL::VARCHAR AS source WHERE false";
    }
    const std::string value_maps = ValuesRelation("value_map",
                                                  {{"pattern_order", "INTEGER"},
                                                   {"dimension", "VARCHAR"},
                                                   {"from_value", "VARCHAR"},
                                                   {"to_value", "VARCHAR"},
                                                   {"source", "VARCHAR"}},
                                                  value_rows);
    return fmt::format(
        R"(-- Naming-standard extraction ({file}): evaluated once per distinct (provider, id, name) of {table}.
WITH name_input AS (
    SELECT DISTINCT {provider}::VARCHAR AS provider, {id}::VARCHAR AS resource_id, {name}::VARCHAR AS resource_name
    FROM {table} WHERE {id} IS NOT NULL OR {name} IS NOT NULL
){matches},
extracted AS (
{extracted}
),
{value_maps}
SELECT x.provider, x.resource_id, x.resource_name, x.dimension, coalesce(m.to_value, x.value) AS value,
       coalesce(m.source, x.source) AS source
FROM extracted AS x
LEFT JOIN value_map AS m ON m.pattern_order = x.pattern_order AND m.dimension = x.dimension AND m.from_value = x.value
QUALIFY row_number() OVER (PARTITION BY x.provider, x.resource_id, x.resource_name, x.dimension
                           ORDER BY x.pattern_order) = 1)",
        fmt::arg("file", rules.file.empty() ? "no rules file" : rules.file),
        fmt::arg("table", QuoteIdentifier(source.table)), fmt::arg("provider", QuoteIdentifier(source.provider_column)),
        fmt::arg("id", QuoteIdentifier(source.id_column)), fmt::arg("name", QuoteIdentifier(source.name_column)),
        fmt::arg("matches", matches), fmt::arg("extracted", extracted), fmt::arg("value_maps", value_maps));
}

std::string DuckDbDialect::AccountDefaults(const AccountRules& rules, const std::string& key_table) const {
    std::vector<std::string> rows;
    for (size_t i = 0; i < rules.accounts.size(); ++i) {
        const AccountDefault& account = rules.accounts[i];
        for (const auto& [dimension, value] : account.dimensions) {
            rows.push_back(fmt::format("{}, {}, {}, {}, {}, {}", i + 1,
                                       account.provider.empty() ? "NULL::VARCHAR" : QuoteLiteral(account.provider),
                                       QuoteLiteral(account.account), QuoteLiteral(dimension), QuoteLiteral(value),
                                       QuoteLiteral("account:" + account.account)));
        }
    }
    const std::string account_rules = ValuesRelation("account_rule",
                                                     {{"entry_order", "INTEGER"},
                                                      {"provider", "VARCHAR"},
                                                      {"account", "VARCHAR"},
                                                      {"dimension", "VARCHAR"},
                                                      {"value", "VARCHAR"},
                                                      {"source", "VARCHAR"}},
                                                     rows);
    return fmt::format(
        R"(-- Account defaults ({file}): evaluated once per distinct account of {table}. A SubAccountId match beats a
-- BillingAccountId match, an entry naming the provider beats one for any provider, then the first entry wins.
WITH account_input AS (
    SELECT DISTINCT ProviderName, BillingAccountId, SubAccountId FROM {table}
),
{account_rules},
matched AS (
    SELECT i.ProviderName, i.BillingAccountId, i.SubAccountId, r.dimension, r.value, r.source,
           CASE WHEN r.account = i.SubAccountId THEN 0 ELSE 1 END AS specificity,
           CASE WHEN r.provider IS NULL THEN 1 ELSE 0 END AS any_provider, r.entry_order
    FROM account_input AS i
    JOIN account_rule AS r
      ON (r.account = i.SubAccountId OR r.account = i.BillingAccountId)
     AND (r.provider IS NULL OR lower(r.provider) = lower(i.ProviderName))
)
SELECT ProviderName, BillingAccountId, SubAccountId, dimension, value, source
FROM matched
QUALIFY row_number() OVER (PARTITION BY ProviderName, BillingAccountId, SubAccountId, dimension
                           ORDER BY specificity, any_provider, entry_order) = 1)",
        fmt::arg("file", rules.file.empty() ? "no rules file" : rules.file),
        fmt::arg("table", QuoteIdentifier(key_table)), fmt::arg("account_rules", account_rules));
}

std::string DuckDbDialect::TaxonomyOverrides(const TaxonomyRules& rules, const std::string& key_table) const {
    const std::string table = QuoteIdentifier(key_table);
    std::string matches;
    std::vector<std::string> rows;
    for (size_t i = 0; i < rules.cloud.size(); ++i) {
        const TaxonomyOverride& rule = rules.cloud[i];
        std::string conditions;
        for (const auto& [column, value] : rule.match) {
            std::string condition;
            if (column.rfind("tag.", 0) == 0) {
                condition =
                    fmt::format("k.Tags IN (SELECT tags FROM tag_set WHERE key = {} AND lower(value) = lower({}))",
                                QuoteLiteral(column.substr(4)), QuoteLiteral(value));
            } else {
                condition = fmt::format("lower(k.{}) = lower({})", QuoteIdentifier(column), QuoteLiteral(value));
            }
            conditions += (conditions.empty() ? "" : " AND ") + condition;
        }
        matches +=
            fmt::format("{}    SELECT k.key_id, {} AS override_order FROM {} AS k WHERE {} -- {}",
                        matches.empty() ? "" : "\n    UNION ALL\n", i + 1, table, conditions, rule.where.ToString());
        const auto text = [](const std::string& value) {
            return value.empty() ? "NULL::VARCHAR" : QuoteLiteral(value);
        };
        rows.push_back(fmt::format("{}, {}, {}, {}, {}, {}", i + 1, text(rule.cost_pool), text(rule.tower),
                                   text(rule.sub_tower), text(rule.solution),
                                   QuoteLiteral("rule:" + rule.where.Provenance())));
    }
    if (matches.empty()) {
        matches = "    SELECT NULL::BIGINT AS key_id, NULL::INTEGER AS override_order WHERE false";
    }
    const std::string overrides = ValuesRelation("taxonomy_override",
                                                 {{"override_order", "INTEGER"},
                                                  {"cost_pool", "VARCHAR"},
                                                  {"tower", "VARCHAR"},
                                                  {"sub_tower", "VARCHAR"},
                                                  {"solution", "VARCHAR"},
                                                  {"source", "VARCHAR"}},
                                                 rows);
    return fmt::format(
        R"(-- Taxonomy overrides ({file}): evaluated once per key of {table}. Per field (cost pool, tower with its
-- sub-tower, solution), the first override in file order that names it and whose conditions all hold wins.
WITH override_match AS (
{matches}
),
{overrides},
matched AS (
    SELECT m.key_id, o.* FROM override_match AS m JOIN taxonomy_override AS o USING (override_order)
),
picked AS (
    SELECT key_id,
           arg_min({{'value': cost_pool, 'source': source}}, override_order) FILTER (WHERE cost_pool IS NOT NULL)
               AS pool,
           arg_min({{'tower': tower, 'sub_tower': sub_tower, 'source': source}}, override_order)
               FILTER (WHERE tower IS NOT NULL) AS towers,
           arg_min({{'value': solution, 'source': source}}, override_order) FILTER (WHERE solution IS NOT NULL)
               AS solutions
    FROM matched
    GROUP BY key_id
)
SELECT key_id, pool.value AS cost_pool, pool.source AS cost_pool_source, towers.tower AS tower,
       towers.sub_tower AS sub_tower, towers.source AS tower_source, solutions.value AS solution,
       solutions.source AS solution_source
FROM picked)",
        fmt::arg("file", rules.file.empty() ? "no rules file" : rules.file), fmt::arg("table", table),
        fmt::arg("matches", matches), fmt::arg("overrides", overrides));
}

} // namespace crosswalk::rules
