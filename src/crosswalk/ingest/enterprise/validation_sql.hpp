// Builds the SQL that validates and loads one staged enterprise file (crosswalk_raw) in bulk: every row is
// typed, checked and either inserted into its table or rejected into rejected_row by a handful of set-based
// statements, never row by row. All of the loader's SQL text is made here.
//
// Work tables (temporary, per file):
//   crosswalk_typed   source_row, raw_json, and per field r_<field> (text) and v_<field> (typed value)
//   crosswalk_errors  source_row, column_name, rule_id, message: one row per reason a row is rejected
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "crosswalk/ingest/enterprise/column_binding.hpp"
#include "crosswalk/ingest/enterprise/source_schema.hpp"

namespace crosswalk::ingest::enterprise {

// The statements of one file's load, in the order they run.
struct LoadSql {
    std::string create_typed;                   // crosswalk_typed from crosswalk_raw
    std::vector<std::string> derivations;       // the kind's derived values (UPDATE crosswalk_typed)
    std::string create_errors;                  // crosswalk_errors: type, required, allowed, range, row rules
    std::string duplicates_in_file;             // + rows repeating an earlier row's natural key
    std::vector<std::string> duplicates_loaded; // + rows whose key is already in the table, per target
    std::string insert_rejects;                 // rejected_row from crosswalk_errors
    std::vector<std::string> insert_targets;    // the kind's tables from the rows without errors
    std::string rule_counts;                    // rule_id, column_name, rows, first_row
    std::string drop_work_tables;
};

// REQUIRES: `binding` was made for `kind`.
[[nodiscard]] LoadSql BuildLoadSql(const KindSpec& kind, const Binding& binding, int64_t source_file_id,
                                   int64_t run_id);

// The typed-value SQL of one field, over its text column r_<field> (exposed for tests).
[[nodiscard]] std::string TypedValueSql(const BoundField& bound);

} // namespace crosswalk::ingest::enterprise
