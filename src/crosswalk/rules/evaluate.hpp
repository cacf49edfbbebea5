// Runs compiled rules into their tables inside the caller's transaction, and checks rules against the data
// (rules that can never match). The pipeline calls EvaluateRules; `crosswalk rules check` calls CheckRules.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "crosswalk/rules/rule_set.hpp"
#include "crosswalk/rules/sql_dialect.hpp"
#include "crosswalk/store/connection.hpp"
#include "crosswalk/store/transaction.hpp"

namespace crosswalk::rules {

struct EvaluationSources {
    TagSource tags;
    NameSource names;
};

struct Evaluation {
    std::string rules_sha256;
    int64_t tag_sets = 0;  // distinct non-NULL tag sets read
    int64_t tag_rows = 0;  // rows written to tag_set
    int64_t names = 0;     // distinct (provider, id, name) read
    int64_t name_rows = 0; // rows written to name_dimension
};

// Replaces the tables
//   tag_set(tags, key, value, source, original_key)   one row per tag set and key (all VARCHAR)
//   name_dimension(provider, resource_id, resource_name, dimension, value, source)  one row per name and dimension
//   rule_evaluation(kind, rules_sha256, input_keys, output_rows, evaluated_at)   one row per rule kind
// inside `transaction` (nothing is committed here). Throws crosswalk::Error if a query fails.
Evaluation EvaluateRules(store::Transaction& transaction, const RuleSet& rules, const EvaluationSources& sources = {},
                         const SqlDialect& dialect = DuckDbDialect());

struct RuleWarning {
    RuleLocation where;
    std::string message;

    // "rules/tags.yaml:12:5: warning: ..."
    [[nodiscard]] std::string ToString() const;
};

// Rules that can never match the loaded data, evaluated on distinct keys only: an alias whose spelling is in
// no tag set, a value-map entry no value reaches, a naming pattern that matches no name, an accounts.yaml
// entry whose account no cost line is billed to, a taxonomy.yaml cloud override that matches no cost line.
// Read-only: it reads cost_line only (not enrichment_key or tag_set, which an older database lacks).
[[nodiscard]] std::vector<RuleWarning> CheckRules(store::Connection& connection, const RuleSet& rules,
                                                  const EvaluationSources& sources = {},
                                                  const SqlDialect& dialect = DuckDbDialect());

} // namespace crosswalk::rules
