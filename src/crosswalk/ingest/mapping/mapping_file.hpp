// Column-mapping files: YAML that translates another tool's export (Snipe-IT, GLPI, ServiceNow, a home-grown
// spreadsheet) into one of crosswalk's enterprise source schemas (docs/sources.md) without editing the export.
// A mapping renames columns, maps values, supplies constants and defaults, and says how the export writes
// dates and numbers. Read strictly: unknown or duplicate keys are errors naming file, line and column.
//
//   kind: assets
//   format: {delimiter: ";", decimal_separator: ",", thousands_separator: " ", date_format: "%d/%m/%Y"}
//   columns:
//     asset_tag: Inventory number                # the export's column (matched ignoring case)
//     name: [Asset Name, Name]                   # alternatives: the first non-empty of those the file has
//     lifecycle_state:
//       from: Status
//       extract: '\((\w+)\)$'                    # keep the regex's first group when it matches
//       values: {deployed: in_use, pending: procured}  # matched ignoring case; others pass unchanged
//       otherwise: in_stock                      # ...unless `otherwise` gives the value for the others
//       default: in_use                          # when the column is missing or the value empty
//     currency: {value: EUR}                     # a constant
//     useful_life_months: {from: Amortization duration, multiply: 12}
//     owner: {from: User, multi_value: join}      # a cell of several lines: "a; b" (or `first`)
//     ci_id:                                     # when the file gives no id: a key derived from other columns
//       from: sys_id
//       derive: [{from: [serial_number], prefix: "SN-", hash: false}, {from: [class, name], prefix: "ci-"}]
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "crosswalk/common/error.hpp"

namespace crosswalk::ingest::mapping {

// How a cell holding several values, one per line, is read.
enum class MultiValue {
    kAsIs,  // kept as written, line breaks included
    kFirst, // the first non-empty line
    kJoin,  // the non-empty lines joined with "; "
};

// One way of deriving a key from other schema columns' text (as read from the file: trimmed, multi-value
// applied, before extract and values). Gives nothing when all of them are empty.
struct DeriveRule {
    std::vector<std::string> from; // schema columns of the same mapping
    bool hash = true;              // prefix + 16 hex digits of the SHA-256 of the values; else the values joined by "|"
    std::string prefix;
    SourceLocation where;
};

// How one target column of the schema is filled.
struct ColumnMapping {
    std::string target;                                      // the schema's column name
    std::vector<std::string> from;                           // source columns; the first non-empty value wins
    std::optional<std::string> constant;                     // `value:` the same text on every row
    std::optional<std::string> default_value;                // `default:` when the source is missing or empty
    std::string extract;                                     // `extract:` regex; its first group is kept
    std::vector<std::pair<std::string, std::string>> values; // `values:` source value -> schema value
    // `key_values:` how a derived key of another column reads this one: source value -> one spelling (matched
    // ignoring case; others as written). ServiceNow's class labels -> table names, so both exports key alike.
    std::vector<std::pair<std::string, std::string>> key_values;
    std::optional<std::string> otherwise;  // `otherwise:` for values `values` lacks
    std::vector<std::string> date_formats; // `date_format:` strptime formats, tried in order
    std::optional<int64_t> multiply;       // `multiply:` factor for numbers (years -> months)
    std::optional<MultiValue> multi_value; // `multi_value:`; unset = the format's
    std::vector<DeriveRule> derive;        // `derive:` tried in order when `from` gives nothing
    bool number_repeats = false;           // `repeats: number`: equal derived keys get -2, -3...
    SourceLocation where;                  // for messages
};

// How the export writes its file, numbers and dates.
struct FileFormatOptions {
    std::string delimiter;                      // CSV field separator; empty = detected
    std::string quote;                          // CSV quote character; empty = detected
    std::string decimal_separator;              // e.g. "," in European exports; empty = "."; "auto": per value
    std::string thousands_separator;            // e.g. "," or " " (removed from numbers); empty = none
    std::vector<std::string> date_formats;      // default strptime formats for every date column
    std::string encoding;                       // "utf-8" (default), "utf-16" or "latin-1"
    std::vector<std::string> currency_symbols;  // removed from numbers ("$1,299.00" -> 1299.00)
    MultiValue multi_value = MultiValue::kAsIs; // for every column without its own `multi_value`
};

struct Mapping {
    std::string file;        // where it was read from, for messages
    std::string kind;        // the source kind it is written for
    std::string description; // free text
    FileFormatOptions format;
    std::vector<ColumnMapping> columns; // in the file's order, targets unique
};

// Reads and checks `path`. Throws kNotFound when it does not exist, kInvalidInput (with file:line:column)
// when it is malformed. Target names are not checked here: the loader knows the kind's schema.
[[nodiscard]] Mapping LoadMapping(const std::filesystem::path& path);

// Parses mapping text; `file` names it in messages.
[[nodiscard]] Mapping ParseMapping(const std::string& file, std::string_view text);

// The mapping of `target`, or nullptr when the mapping does not mention it.
[[nodiscard]] const ColumnMapping* FindColumn(const Mapping& mapping, std::string_view target);

} // namespace crosswalk::ingest::mapping
