// What a billing file holds before any row is read: its columns (from the CSV header or the Parquet schema),
// the FOCUS version they indicate, which source column feeds each FOCUS column (current or former name), the
// custom x_ and unknown columns, and the mandatory columns it lacks.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "crosswalk/ingest/focus/date_order.hpp"
#include "crosswalk/ingest/input_files.hpp"
#include "crosswalk/model/focus_columns.hpp"
#include "crosswalk/store/connection.hpp"

namespace crosswalk::ingest::focus {

struct SourceColumn {
    std::string name;
    std::string type;     // the type's family: VARCHAR for every CSV column; for Parquet one of VARCHAR, BOOLEAN,
                          // INTEGER, DECIMAL, DOUBLE, DATE, TIMESTAMP, TIMESTAMPTZ, MAP, STRUCT, OTHER
    std::string sql_type; // DuckDB's full type as DESCRIBE shows it: DECIMAL(38,18), TIMESTAMP_MS, ...
};

struct MappedColumn {
    const model::FocusColumn* focus; // the FOCUS 1.2 column
    SourceColumn source;             // the file's column that feeds it
};

struct FocusLayout {
    std::string path;
    FileFormat format = FileFormat::kCsv;
    // For CSV, what DuckDB's sniffer found, given to read_csv explicitly (auto_detect off) so that reading the
    // rows sniffs nothing again: "new_line = ..., skip = ..., comment = ..., columns = {...}". Empty for Parquet.
    std::string csv_dialect;
    std::string relation_sql; // the table function reading the file: read_csv(...) or read_parquet(...)
    std::vector<SourceColumn> columns;
    model::FocusVersion version = model::FocusVersion::k1_0;
    std::vector<MappedColumn> mapped;         // in catalog order
    std::vector<SourceColumn> extra_columns;  // x_ columns and unknown columns, kept in cost_line.x_columns
    std::vector<std::string> unknown_columns; // the non-x_ ones among them: a naming violation worth a warning
    std::vector<std::string> renamed_columns; // "UsageQuantity -> ConsumedQuantity"
    std::vector<const model::FocusColumn*> missing_mandatory; // mandatory in `version` but absent
    // The day/month order of the file's non-ISO date-times in text columns: the one asked for, or the one its
    // values fit; kDetect when no value needs one.
    DateOrder date_order = DateOrder::kDetect;
    // ProviderName for every row of a file without that column (the configured provider); "" otherwise.
    std::string default_provider;

    // The source column feeding `focus_name`, or nullptr when the file lacks it.
    [[nodiscard]] const SourceColumn* SourceOf(std::string_view focus_name) const;
};

// Reads the file's header or schema, and for a FOCUS file with non-ISO date-times in text columns the order
// they are written in (ResolveDateOrder: a sample of the rows, and all of them only when the sample holds such
// values). Throws kInvalidInput naming the file when it cannot be read as CSV or Parquet (empty, truncated gzip,
// not Parquet), or when its dates read both as month/day and as day/month and `date_order` is kDetect.
[[nodiscard]] FocusLayout DescribeFocusFile(store::Connection& connection, const InputFile& file,
                                            DateOrder date_order = DateOrder::kDetect);

// The table function that reads `paths` (one or several files of the layout's format and dialect, in that
// order): read_csv(...) or read_parquet(...).
[[nodiscard]] std::string FocusRelationSql(const FocusLayout& layout, std::span<const std::string> paths);

// True when files of the two layouts compile to the same SQL apart from their paths (same format and CSV
// dialect, same columns with the same types, same date order), so one statement can read them together.
[[nodiscard]] bool SameShape(const FocusLayout& a, const FocusLayout& b);

// The FOCUS version a set of FOCUS column names indicates: the newest version whose new columns appear.
[[nodiscard]] model::FocusVersion DetectVersion(const std::vector<const model::FocusColumn*>& present);

// Throws kInvalidInput when the file is not a FOCUS dataset: no FOCUS column at all, or mandatory columns
// missing (each named, with the rule id of its presence requirement).
void RequireFocusDataset(const FocusLayout& layout);

} // namespace crosswalk::ingest::focus
