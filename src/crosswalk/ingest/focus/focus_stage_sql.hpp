// Compiles a billing file's layout into the SQL that reads it once into a temporary stage table: every FOCUS
// column typed (DECIMAL(38,18), TIMESTAMP in UTC, JSON), every conformance check evaluated, and per row the list
// of rules it violated with the action taken. Everything after (loading, rejecting, counting, validating) reads
// the stage. The checks are set-based SQL, evaluated by DuckDB in parallel; no row passes through C++.
//
// The policy, per FOCUS column:
//  - reject the row when its money (BilledCost, EffectiveCost, or any decimal that is not a number), its charge
//    or billing period (unreadable, missing, end not after start) or its identity (ProviderName,
//    BillingAccountId, BillingCurrency, ChargeCategory) cannot be read, or when Tags is not a JSON object;
//  - otherwise load it and record the repair: an enumerated value in the wrong case (Usage-based ->
//    Usage-Based), a date-time not in FOCUS's YYYY-MM-DDTHH:mm:ssZ form (read as UTC, or converted from its
//    offset), more than 18 decimals (rounded), an unknown ServiceCategory (Other) or other enumerated value
//    (dropped to null), a null where FOCUS requires a value (kept null).
#pragma once

#include <cstdint>
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

// SELECT min(rowid) - 1 FROM focus_stage: subtract it from rowid to get the data row number.
[[nodiscard]] std::string StageRowBaseSql();

// INSERT INTO cost_line ... SELECT ... FROM focus_stage WHERE NOT rejected. Parameter $1: the source_file id.
[[nodiscard]] std::string InsertCostLinesSql(int64_t row_base);

// INSERT INTO rejected_row ... one row per rejection reason of each rejected row. Parameters $1: source_file id,
// $2: run id.
[[nodiscard]] std::string InsertRejectionsSql(const FocusLayout& layout, int64_t row_base);

// SELECT rule, column, action, rows, first_row, examples (LIST of "row N: value") ... grouped by rule, column and
// action, most frequent first. `examples` is the number of example rows kept per rule.
[[nodiscard]] std::string RuleCountsSql(int examples, int64_t row_base);

// SELECT rows_read, rows_rejected, rows_repaired FROM focus_stage.
[[nodiscard]] std::string RowCountsSql();

} // namespace crosswalk::ingest::focus
