// Reads one enterprise input file as text into the temporary table crosswalk_raw: one VARCHAR column per column
// of the file, rows in file order (so a row's 1-based data row number is its rowid minus the table's first
// rowid, plus one). Every value stays text here; typing and validation happen in SQL afterwards.
//
// CSV goes through DuckDB's read_csv (all_varchar). JSON goes through our own reader: DuckDB's JSON reader
// parses numbers as doubles, so 12345678901234567.89 would arrive as 12345678901234568 (pinned by
// tests/unit/ingest/enterprise/raw_stage_test.cpp); json_records.hpp keeps each number's text as written.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "crosswalk/ingest/input_files.hpp"
#include "crosswalk/store/transaction.hpp"

namespace crosswalk::ingest::enterprise {

inline constexpr std::string_view kRawTable = "crosswalk_raw";

// How to read a CSV file; empty members are detected by DuckDB.
struct CsvDialect {
    std::string delimiter; // one character, or "\t"
    std::string quote;
    std::string encoding; // "utf-8" (empty), "utf-16" or "latin-1"
};

struct RawStage {
    std::vector<std::string> columns; // the file's column names, in file order; empty for a JSON file with no records
    int64_t rows = 0;                 // data rows
    std::vector<std::string> notes;   // what reading changed: an empty trailing column dropped
};

// Replaces crosswalk_raw with the content of `file`. Throws kInvalidInput naming the file (and line) when the
// file cannot be read as a whole: an empty file, a CSV row with the wrong number of fields or a broken quote,
// JSON that is not an array of objects or one object per line. Line endings may be LF, CRLF or CR alone (old
// Mac/Excel), quoted fields may span lines, a UTF-8 byte-order mark is skipped. An unnamed column that is empty
// on every row (a delimiter at the end of every line, as GLPI writes) is dropped and noted.
RawStage StageRawFile(store::Transaction& transaction, const InputFile& file, const CsvDialect& dialect);

} // namespace crosswalk::ingest::enterprise
