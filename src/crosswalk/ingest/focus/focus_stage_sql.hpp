// Compiles a billing file's layout into SQL that reads it once with every FOCUS column typed (DECIMAL(38,18),
// TIMESTAMP in UTC, JSON) and every conformance check evaluated, giving each row the list of rules it violated
// with the action taken. Loading uses it in one pass straight into cost_line (LoadCostLinesSql), then moves the
// rejected rows out; validation stages it into a temporary table (StageSql) and only counts. The checks are
// set-based SQL, evaluated by DuckDB in parallel; no row passes through C++.
//
// The policy, per FOCUS column:
//  - reject the row when its money (BilledCost, EffectiveCost, or any decimal that is not a number), its charge
//    or billing period (unreadable, missing, end not after start) or its identity (ProviderName,
//    BillingAccountId, BillingCurrency, ChargeCategory) cannot be read;
//  - otherwise load it and record the repair: an enumerated value in the wrong case (Usage-based ->
//    Usage-Based), a date-time not in FOCUS's YYYY-MM-DDTHH:mm:ssZ form (read as UTC, or converted from its
//    offset, or read in the layout's day/month order: 9/24/2024 0:00), more than 18 decimals (rounded, also
//    from exponent form: 1.5e-20), an unknown ServiceCategory (Other) or other enumerated value (dropped to
//    null), Tags that is not a JSON object (dropped to null), a repeated tag key (the last value kept) or a tag
//    value that is not a string (kept as its JSON text), a null where FOCUS requires a value (kept null).
//
// The SQL follows each column's type in the file. CSV is all text, so every value is parsed and checked. A typed
// Parquet column is taken as it is: a DECIMAL that fits DECIMAL(38,18), a TIMESTAMP or DATE (read as UTC), a
// TIMESTAMPTZ (converted to UTC) and a MAP or STRUCT Tags need no check. A DECIMAL with more than 18 decimals is
// rounded (recorded). A DOUBLE or FLOAT amount is read as its shortest round-trip decimal text, the number its
// writer printed (0.1, not 0.1000000000000000055...): more than 18 decimals are rounded (recorded), and NaN or
// an infinity rejects the row. Any other type is read as text and checked like CSV.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "crosswalk/ingest/focus/focus_layout.hpp"

namespace crosswalk::ingest::focus {

// The temporary table the stage query fills.
inline constexpr std::string_view kStageTable = "focus_stage";

// CREATE OR REPLACE TEMP TABLE focus_stage AS SELECT ... FROM <the file>. Its columns: "t_<FOCUS name>" for every
// FOCUS column (typed; NULL when the file lacks it), x_columns (JSON), violations (LIST of STRUCT(rule, column,
// action, original)), rejected (BOOLEAN), raw_json (the row's raw values, for rejected rows only).
//
// Row numbers: the stage keeps the file's order, and its row ids are sequential in that order, but a table made
// inside an open transaction numbers its rows from 2^55 (DuckDB's transaction-local storage). So the data row
// number is rowid - base, with base = min(rowid) - 1 read once after staging (StageRowBase).
[[nodiscard]] std::string StageSql(const FocusLayout& layout);

// One pass: INSERT INTO cost_line every row of the file, typed and checked, with violations in `repairs` and,
// for rejected rows, the raw values in `x_columns`. source_row is 0 until NumberRowsSql. Parameter $1: file id.
[[nodiscard]] std::string LoadCostLinesSql(const FocusLayout& layout);

// Whether several files of this layout can be read in one statement: they are told apart by DuckDB's virtual
// column file_index, which a column of the file with that name would hide.
[[nodiscard]] bool CanLoadTogether(const FocusLayout& layout);

// LoadCostLinesSql for several files of one shape (SameShape) in one statement: `paths` are read in order, in
// one pass, and every row gets the id in `file_ids` at its file's position. The rows of each file stay in file
// order and contiguous (DuckDB keeps insertion order across the files of one read), so NumberLoadedRowsSql and
// the rest work per file as after a single-file load. No parameters.
[[nodiscard]] std::string LoadCostLinesSql(const FocusLayout& layout, std::span<const std::string> paths,
                                           std::span<const int64_t> file_ids);

// After LoadCostLinesSql: sets source_row to the data row number (the inserted rows keep the file's order, and
// their row ids are sequential). Parameter $1: file id.
[[nodiscard]] std::string NumberLoadedRowsSql();

// After LoadCostLinesSql: rows loaded, rejected and repaired of file $1.
[[nodiscard]] std::string LoadedRowCountsSql();

// After LoadCostLinesSql: the rules that fired in file $1 (same columns as RuleCountsSql, without examples).
[[nodiscard]] std::string LoadedRuleCountsSql();

// After LoadCostLinesSql: copies the rejected rows of file $1 into rejected_row, one row per reason, with run id
// $2; DeleteRejectedRowsSql then takes them out of cost_line.
[[nodiscard]] std::string MoveRejectedRowsSql(const FocusLayout& layout);
[[nodiscard]] std::string DeleteRejectedRowsSql();

// SELECT min(rowid) - 1 FROM focus_stage: subtract it from rowid to get the data row number.
[[nodiscard]] std::string StageRowBaseSql();

// SELECT rule, column, action, rows, first_row, examples (LIST of "row N: value") ... grouped by rule, column and
// action, most frequent first. `examples` is the number of example rows kept per rule.
[[nodiscard]] std::string RuleCountsSql(int examples, int64_t row_base);

// SELECT rows_read, rows_rejected, rows_repaired FROM focus_stage.
[[nodiscard]] std::string RowCountsSql();

} // namespace crosswalk::ingest::focus
