// Turns a column mapping into SQL: which of the export's columns feeds a schema column, and the text
// expression (trim, extract, value map, multiply, constant, default) DuckDB evaluates for every row at once.
// Typing (dates, numbers) is the loader's job; this only produces text.
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

// The SQL text expression for one schema column: the first non-empty of `sources` (SQL expressions, usually
// quoted column names; none when the file has no source column), trimmed, an empty value read as NULL, then
// transformed as `column` says (`column` may be null: no mapping). The result is VARCHAR or NULL.
[[nodiscard]] std::string ValueExpression(const ColumnMapping* column, std::span<const std::string> sources);

} // namespace crosswalk::ingest::mapping
