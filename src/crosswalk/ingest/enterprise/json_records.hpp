// JSON input files read as rows of text, keeping every number exactly as written: DuckDB's read_json parses
// numbers as doubles, which would change money (12345678901234567.89 becomes 12345678901234568). nlohmann's SAX
// interface hands over each number's original text, so nothing is lost.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crosswalk::ingest::enterprise {

struct JsonRecords {
    std::vector<std::string> columns;                          // keys in first-seen order
    std::vector<std::vector<std::optional<std::string>>> rows; // one value per column; nullopt = absent or null
};

// Parses an array of objects, or one object per line (NDJSON; blank lines are skipped). Strings are kept as
// they are, numbers with their exact text, booleans as true/false, null as no value, nested arrays and objects
// as their JSON text. Throws kInvalidInput naming `file` (and the line for NDJSON) for anything else, and for
// keys that differ only by case (SQL column names ignore case).
[[nodiscard]] JsonRecords ParseJsonRecords(const std::string& file, std::string_view text);

} // namespace crosswalk::ingest::enterprise
