#include "crosswalk/rules/evaluate.hpp"

#include <algorithm>
#include <set>

#include "crosswalk/store/prepared_statement.hpp"
#include "crosswalk/store/sql_quote.hpp"

namespace crosswalk::rules {
namespace {

using store::QuoteIdentifier;

int64_t Count(store::Connection& connection, const std::string& sql) {
    return connection.Query(sql).ScalarInt64().value_or(0);
}

std::string DistinctTagSets(const TagSource& source) {
    return fmt::format("SELECT DISTINCT {0} FROM {1} WHERE {0} IS NOT NULL", QuoteIdentifier(source.column),
                       QuoteIdentifier(source.table));
}

std::string DistinctNames(const NameSource& source) {
    return fmt::format("SELECT DISTINCT {0}, {1}, {2} FROM {3} WHERE {1} IS NOT NULL OR {2} IS NOT NULL",
                       QuoteIdentifier(source.provider_column), QuoteIdentifier(source.id_column),
                       QuoteIdentifier(source.name_column), QuoteIdentifier(source.table));
}

std::set<std::string> Strings(store::Connection& connection, const std::string& sql) {
    std::set<std::string> values;
    store::Result result = connection.Query(sql);
    while (auto chunk = result.NextChunk()) {
        const store::ColumnView& column = chunk->Column(0);
        for (uint64_t row = 0; row < chunk->Size(); ++row) {
            if (column.IsValid(row)) {
                values.emplace(column.String(row));
            }
        }
    }
    return values;
}

std::string Lower(std::string text) {
    for (char& c : text) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return text;
}

// What a rule's output row is known by in CheckRules: source, key and value (a value map's entries share a
// source when they are written on one line).
std::string Joined(const std::string& source, const std::string& key, const std::string& value) {
    return source + '\x1f' + key + '\x1f' + value;
}

// An account entry whose account no cost line is billed to (as SubAccountId or BillingAccountId, by its provider
// when it names one).
void CheckAccounts(store::Connection& connection, const AccountRules& rules, std::vector<RuleWarning>& warnings) {
    if (rules.accounts.empty()) {
        return;
    }
    const std::set<std::string> billed = Strings(connection, R"sql(
        SELECT DISTINCT concat_ws(chr(31), lower(ProviderName), account)
        FROM (SELECT ProviderName, SubAccountId AS account FROM cost_line
              UNION SELECT ProviderName, BillingAccountId FROM cost_line)
        WHERE account IS NOT NULL AND ProviderName IS NOT NULL)sql");
    std::set<std::string> accounts;
    for (const std::string& pair : billed) {
        accounts.insert(pair.substr(pair.find('\x1f') + 1));
    }
    for (const AccountDefault& account : rules.accounts) {
        const bool found = account.provider.empty()
                               ? accounts.count(account.account) != 0
                               : billed.count(Lower(account.provider) + '\x1f' + account.account) != 0;
        if (!found) {
            warnings.push_back({account.where, account.provider.empty()
                                                   ? fmt::format("account '{}' is in no cost line", account.account)
                                                   : fmt::format("account '{}' of '{}' is in no cost line",
                                                                 account.account, account.provider)});
        }
    }
}

// A cloud override that matches no distinct key of the cost lines. Each override is compiled alone and run over
// the keys of `sources.tags.table` (a CTE standing for enrichment_key, which an old database lacks) with the tag
// rules' own result standing for tag_set, so the check reads nothing the pipeline wrote.
void CheckTaxonomy(store::Connection& connection, const RuleSet& rules, const EvaluationSources& sources,
                   const SqlDialect& dialect, std::vector<RuleWarning>& warnings) {
    if (rules.taxonomy.cloud.empty()) {
        return;
    }
    std::string columns;
    for (const char* column : kTaxonomyMatchColumns) {
        columns += fmt::format("{}::VARCHAR AS {}, ", QuoteIdentifier(column), QuoteIdentifier(column));
    }
    const std::string keys = fmt::format(
        "WITH check_key AS (SELECT row_number() OVER () AS key_id, * FROM (SELECT DISTINCT {}{}::VARCHAR AS Tags FROM "
        "{})),\ntag_set AS ({})\n",
        columns, QuoteIdentifier(sources.tags.column), QuoteIdentifier(sources.tags.table),
        dialect.TagNormalization(rules.tags, sources.tags));
    for (const TaxonomyOverride& rule : rules.taxonomy.cloud) {
        TaxonomyRules one;
        one.file = rules.taxonomy.file;
        one.cloud.push_back(rule);
        if (Count(connection, keys + "SELECT count(*) FROM (" + dialect.TaxonomyOverrides(one, "check_key") + ")") ==
            0) {
            std::vector<std::string> conditions;
            for (const auto& [column, value] : rule.match) {
                conditions.push_back(fmt::format("{} = '{}'", column, value));
            }
            warnings.push_back(
                {rule.where, fmt::format("override matches no cost line ({})", fmt::join(conditions, " and "))});
        }
    }
}

} // namespace

std::string RuleWarning::ToString() const {
    return fmt::format("{}: warning: {}", where.ToString(), message);
}

Evaluation EvaluateRules(store::Transaction& transaction, const RuleSet& rules, const EvaluationSources& sources,
                         const SqlDialect& dialect) {
    store::Connection& connection = transaction.GetConnection();
    Evaluation evaluation;
    evaluation.rules_sha256 = rules.sha256;
    connection.Execute("CREATE OR REPLACE TABLE tag_set AS " + dialect.TagNormalization(rules.tags, sources.tags));
    connection.Execute("CREATE OR REPLACE TABLE name_dimension AS " +
                       dialect.NamingExtraction(rules.naming, sources.names));
    evaluation.tag_sets = Count(connection, "SELECT count(*) FROM (" + DistinctTagSets(sources.tags) + ")");
    evaluation.tag_rows = Count(connection, "SELECT count(*) FROM tag_set");
    evaluation.names = Count(connection, "SELECT count(*) FROM (" + DistinctNames(sources.names) + ")");
    evaluation.name_rows = Count(connection, "SELECT count(*) FROM name_dimension");
    connection.Execute("CREATE OR REPLACE TABLE rule_evaluation (kind VARCHAR NOT NULL, rules_sha256 VARCHAR NOT "
                       "NULL, input_keys BIGINT NOT NULL, output_rows BIGINT NOT NULL, evaluated_at TIMESTAMP NOT "
                       "NULL)");
    store::PreparedStatement insert =
        connection.Prepare("INSERT INTO rule_evaluation VALUES (?, ?, ?, ?, now()::TIMESTAMP)");
    (void)insert.Execute("tags", rules.sha256, evaluation.tag_sets, evaluation.tag_rows);
    (void)insert.Execute("naming", rules.sha256, evaluation.names, evaluation.name_rows);
    return evaluation;
}

std::vector<RuleWarning> CheckRules(store::Connection& connection, const RuleSet& rules,
                                    const EvaluationSources& sources, const SqlDialect& dialect) {
    std::vector<RuleWarning> warnings;
    const TagSource& tags = sources.tags;
    const std::set<std::string> keys = Strings(
        connection, fmt::format("SELECT DISTINCT lower(k) FROM ({}) AS s, unnest(json_keys(s.{}::JSON)) AS u(k)",
                                DistinctTagSets(tags), QuoteIdentifier(tags.column)));
    const std::set<std::string> tag_sources =
        Strings(connection, fmt::format("SELECT DISTINCT concat_ws(chr(31), source, key, value) FROM ({})",
                                        dialect.TagNormalization(rules.tags, tags)));
    for (const TagKeyRule& rule : rules.tags.keys) {
        for (size_t i = 0; i < rule.aliases.size(); ++i) {
            if (keys.count(Lower(rule.aliases[i])) == 0) {
                warnings.push_back({rule.alias_where[i],
                                    fmt::format("alias '{}' of '{}' is in no tag set", rule.aliases[i], rule.key)});
            }
        }
        for (const ValueMapEntry& entry : rule.values) {
            if (tag_sources.count(Joined("rule:" + entry.where.Provenance(), rule.key, entry.to)) == 0) {
                warnings.push_back({entry.where, fmt::format("no '{}' value is '{}' once folded, so this entry never "
                                                             "applies",
                                                             rule.key, entry.from)});
            }
        }
    }
    const NameSource& names = sources.names;
    const std::set<std::string> name_sources =
        Strings(connection, fmt::format("SELECT DISTINCT concat_ws(chr(31), source, dimension, value) FROM ({})",
                                        dialect.NamingExtraction(rules.naming, names)));
    for (const NamingPattern& pattern : rules.naming.patterns) {
        const std::string field =
            QuoteIdentifier(pattern.field == NameField::kResourceId ? names.id_column : names.name_column);
        store::PreparedStatement count = connection.Prepare(
            fmt::format("SELECT count(*) FROM (SELECT DISTINCT {0} AS v FROM {1}) WHERE regexp_matches(v, ?)", field,
                        QuoteIdentifier(names.table)));
        if (count.Execute(pattern.re2).ScalarInt64().value_or(0) == 0) {
            warnings.push_back(
                {pattern.where, fmt::format("pattern '{}' matches no {}", pattern.name,
                                            pattern.field == NameField::kResourceId ? "ResourceId" : "ResourceName")});
            continue;
        }
        for (const auto& [group, entries] : pattern.values) {
            for (const ValueMapEntry& entry : entries) {
                if (name_sources.count(Joined("rule:" + entry.where.Provenance(), group, entry.to)) == 0) {
                    warnings.push_back({entry.where, fmt::format("pattern '{}' never captures '{}' as {}", pattern.name,
                                                                 entry.from, group)});
                }
            }
        }
    }
    CheckAccounts(connection, rules.accounts, warnings);
    CheckTaxonomy(connection, rules, sources, dialect, warnings);
    return warnings;
}

} // namespace crosswalk::rules
