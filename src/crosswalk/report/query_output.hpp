// Prints the result of a read-only SQL query as an aligned table, CSV or JSON. DuckDB formats every value
// (decimals exactly, lists, structs, dates), so what is printed is what the store holds, to the last digit.
#pragma once

#include <cstdint>
#include <ostream>
#include <string_view>

#include "crosswalk/report/text_table.hpp"
#include "crosswalk/store/connection.hpp"

namespace crosswalk::report {

enum class OutputFormat {
    kTable, // aligned columns for people; numbers right-aligned; NULL shown as NULL
    kCsv,   // RFC 4180, header row, NULL as an empty field, streamed
    kJson,  // an array of objects; numbers (decimals too) exact, NULL as null, streamed
};

struct QueryOutputOptions {
    OutputFormat format = OutputFormat::kTable;
    uint64_t max_table_rows = 1000; // a table shows at most this many rows and says how many it left out
};

// Runs one query statement (SELECT, WITH, FROM, VALUES, DESCRIBE, SHOW, SUMMARIZE, ...) and writes its result.
// Returns the number of rows. Throws crosswalk::Error for a statement that is not a single query (kInvalidInput)
// or that DuckDB rejects.
uint64_t WriteQueryResult(store::Connection& connection, std::string_view sql, const QueryOutputOptions& options,
                          std::ostream& out);

} // namespace crosswalk::report
