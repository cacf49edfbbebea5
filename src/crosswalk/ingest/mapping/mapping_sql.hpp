// Turns a column mapping into SQL: which of the export's columns feeds a schema column, and the text
// expression (trim, multi-value, extract, value map, multiply, derived key, constant, default) DuckDB evaluates for
// every row at once. Typing (dates, numbers) is the loader's job; this only produces text.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "crosswalk/ingest/mapping/mapping_file.hpp"

namespace crosswalk::ingest::mapping {

// The `candidates` that `file_columns` has, in the candidates' order, compared ignoring case and surrounding
// spaces; the file's own spellings are returned.
[[nodiscard]] std::vector<std::string> FindSourceColumns(std::span<const std::string> file_columns,
                                                         std::span<const std::string> candidates);

// The text of the first non-empty of `sources` (SQL expressions, usually quoted column names), trimmed, an empty
// value read as NULL, a cell of several lines read as `multi_value` says. NULL when `sources` is empty.
[[nodiscard]] std::string SourceText(std::span<const std::string> sources, MultiValue multi_value);

// `text` (a column's text as read) with `key_values` applied: matched ignoring case, other values as they are.
[[nodiscard]] std::string KeyText(const std::string& text,
                                  std::span<const std::pair<std::string, std::string>> key_values);

// A column with `values` and `otherwise: ""` (unlisted values left empty): the query listing the values (after
// `extract`) that `values` lacks, with their row counts, most frequent first (value VARCHAR, rows BIGINT over
// temp.crosswalk_raw). "" for other columns: without `otherwise` unlisted values pass unchanged and are checked
// like any other; with a value for them (`otherwise: hardware`) they are mapped on purpose.
[[nodiscard]] std::string UnmappedValuesSql(const ColumnMapping& column, std::span<const std::string> sources,
                                            MultiValue multi_value);

// The key `rules` derive, the first that gives one; `inputs[i]` are the SQL texts of rules[i].from. NULL when
// none gives one (all inputs empty).
[[nodiscard]] std::string DerivedKeyExpression(std::span<const DeriveRule> rules,
                                               std::span<const std::vector<std::string>> inputs);

// The SQL text expression for one schema column: SourceText(sources, multi_value), then transformed as `column`
// says (`column` may be null: no mapping). When `derived` is given (a DerivedKeyExpression), rows without a value
// take the derived key, numbered -2, -3... in file order (`rowid`) when several rows derive the same key. The
// result is VARCHAR or NULL.
[[nodiscard]] std::string ValueExpression(const ColumnMapping* column, std::span<const std::string> sources,
                                          MultiValue multi_value = MultiValue::kAsIs, const std::string& derived = {});

} // namespace crosswalk::ingest::mapping
