// Decides, for one file, where each schema column's text comes from: the file's column of the same name
// (ignoring case), or what the mapping file says (another column, a constant, a default, a value map). Refuses
// a file that lacks a required column, since it is most likely the wrong file or the wrong kind.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "crosswalk/ingest/enterprise/source_schema.hpp"
#include "crosswalk/ingest/mapping/mapping_file.hpp"

namespace crosswalk::ingest::enterprise {

struct BoundField {
    const FieldSpec* field = nullptr;
    std::string source_column;                 // the file's column feeding it; "" when none
    std::string text_sql;                      // SQL text expression over crosswalk_raw (NULL when empty)
    std::vector<std::string> date_formats;     // strptime formats from the mapping; empty = ISO 8601
    std::string decimal_separator;             // from the mapping; empty = "."
    std::string thousands_separator;           // from the mapping; empty = none
    std::vector<std::string> currency_symbols; // from the mapping: removed from numbers
    std::string display_name;                  // what rejects call it: the file's column, else the schema's name
};

// A derived key: the query counting the rows that derive the same key as an earlier row (numbered with
// `repeats: number`, else rejected as duplicates), and how many keys they repeat.
struct RepeatCount {
    std::string field;
    std::string sql; // two BIGINTs over temp.crosswalk_raw: the repeating rows, the keys repeated
    bool numbered = false;
};

// A value map with `otherwise`: the query listing the values it does not list (value, rows).
struct UnmappedValues {
    std::string field;
    std::string source_column;
    std::string otherwise; // what they became ("" = left empty)
    std::string sql;
};

struct Binding {
    std::vector<BoundField> fields;        // one per schema field, in schema order
    std::vector<std::string> file_columns; // the file's columns, in file order
    std::vector<std::string> unused;       // file columns nothing reads (a note, not an error)
    std::vector<std::string> missing;      // optional columns the mapping names but the file lacks
    std::vector<RepeatCount> repeats;      // derived keys whose repeats are numbered
    std::vector<UnmappedValues> unmapped;  // value maps whose unlisted values the load notes
};

// Checks that `mapping` is written for `kind` and names only the kind's columns. Throws kInvalidInput with the
// mapping file's line and column otherwise.
void CheckMapping(const mapping::Mapping& mapping, const KindSpec& kind);

// Binds the kind's fields to the columns of one file. `mapping` may be null. Throws kInvalidInput naming
// `file` when a required column is missing.
[[nodiscard]] Binding BindColumns(const KindSpec& kind, std::span<const std::string> file_columns,
                                  const mapping::Mapping* mapping, const std::string& file);

// The bound field of `name` (REQUIRES: the kind has it).
[[nodiscard]] const BoundField& FieldOf(const Binding& binding, std::string_view name);

} // namespace crosswalk::ingest::enterprise
