#include "crosswalk/ingest/enterprise/raw_stage.hpp"

#include <fstream>
#include <sstream>

#include "crosswalk/common/error.hpp"
#include "crosswalk/common/text.hpp"
#include "crosswalk/ingest/enterprise/json_records.hpp"
#include "crosswalk/store/appender.hpp"
#include "crosswalk/store/sql_quote.hpp"

namespace crosswalk::ingest::enterprise {
namespace {

// DuckDB keeps the rows read_csv could not read in these temporary tables (store_rejects).
constexpr std::string_view kCsvErrors = "crosswalk_csv_errors";
constexpr std::string_view kCsvScans = "crosswalk_csv_scans";

std::vector<std::string> RawColumns(store::Connection& connection) {
    store::Result result =
        connection.Query(fmt::format("SELECT column_name FROM duckdb_columns() WHERE database_name = 'temp' AND "
                                     "table_name = '{}' ORDER BY column_index",
                                     kRawTable));
    std::vector<std::string> columns;
    while (auto chunk = result.NextChunk()) {
        for (uint64_t row = 0; row < chunk->Size(); ++row) {
            columns.emplace_back(chunk->Column(0).String(row));
        }
    }
    return columns;
}

int64_t RawRows(store::Connection& connection) {
    return connection.Query(fmt::format("SELECT count(*) FROM {}", kRawTable)).ScalarInt64().value_or(0);
}

void DropWorkTables(store::Connection& connection) {
    connection.Execute(fmt::format("DROP TABLE IF EXISTS temp.{0}; DROP TABLE IF EXISTS temp.{1}; "
                                   "DROP TABLE IF EXISTS temp.{2}",
                                   kRawTable, kCsvErrors, kCsvScans));
}

// A row whose structure is broken cannot be numbered reliably (DuckDB skips it), so the whole file is refused,
// as for billing exports: the user fixes the quoting or delimiters and loads it again.
void RefuseBrokenCsv(store::Connection& connection, const InputFile& file) {
    store::Result result = connection.Query(
        fmt::format("SELECT line, error_message, count(*) OVER () FROM temp.{} ORDER BY line LIMIT 1", kCsvErrors));
    std::optional<store::DataChunk> chunk = result.NextChunk();
    if (!chunk || chunk->Size() == 0) {
        return;
    }
    const int64_t line = chunk->Column(0).Int64(0);
    const std::string message(chunk->Column(1).String(0));
    const int64_t count = chunk->Column(2).Int64(0);
    const std::string more = count > 1 ? fmt::format(", and {} more line(s)", count - 1) : std::string();
    if (message.find("not utf-8 encoded") != std::string::npos) {
        ThrowAt(ErrorKind::kInvalidInput, SourceLocation{file.path.string(), line, ""},
                "the file is not UTF-8{}; save it as UTF-8, or say its encoding in a mapping: "
                "`format: {{encoding: latin-1}}` (or utf-16)",
                more);
    }
    ThrowAt(ErrorKind::kInvalidInput, SourceLocation{file.path.string(), line, ""},
            "the CSV structure is broken ({}){}; fix the quoting or delimiters and load the file again", message, more);
}

// A line that ends with the delimiter has one more field than the header names: DuckDB calls it column<N>. When
// it is empty on every row, it carries nothing and is dropped, so that it is not reported as a column not read.
void DropEmptyTrailingColumn(store::Connection& connection, RawStage& stage) {
    if (stage.columns.size() < 2) {
        return;
    }
    const std::string& last = stage.columns.back();
    if (last.rfind("column", 0) != 0 || last.size() == 6 ||
        last.find_first_not_of("0123456789", 6) != std::string::npos) {
        return;
    }
    const std::string quoted = store::QuoteIdentifier(last);
    const int64_t filled =
        connection.Query(fmt::format("SELECT count(NULLIF(trim({}), '')) FROM temp.{}", quoted, kRawTable))
            .ScalarInt64()
            .value_or(0);
    if (filled > 0) {
        return;
    }
    connection.Execute(fmt::format("ALTER TABLE temp.{} DROP COLUMN {}", kRawTable, quoted));
    stage.columns.pop_back();
    stage.notes.push_back("an empty column at the end of every line (a trailing delimiter) was ignored");
}

RawStage StageCsv(store::Transaction& transaction, const InputFile& file, const CsvDialect& dialect) {
    store::Connection& connection = transaction.GetConnection();
    std::string options;
    if (!dialect.delimiter.empty()) {
        options += ", delim = " + store::QuoteLiteral(dialect.delimiter == "\\t" ? "\t" : dialect.delimiter);
    }
    if (!dialect.quote.empty()) {
        options += ", quote = " + store::QuoteLiteral(dialect.quote);
    }
    if (!dialect.encoding.empty()) {
        options += ", encoding = " + store::QuoteLiteral(dialect.encoding);
    }
    try {
        connection.Execute(
            fmt::format("CREATE TEMP TABLE {} AS SELECT * FROM read_csv({}, all_varchar = true, header = true, "
                        "store_rejects = true, rejects_table = '{}', rejects_scan = '{}'{})",
                        kRawTable, store::QuoteLiteral(file.path.string()), kCsvErrors, kCsvScans, options));
    } catch (const Error& error) {
        const std::string message = error.Message();
        Throw(ErrorKind::kInvalidInput, "{}: cannot be read as CSV: {}", file.path.string(), FirstLine(message));
    }
    RefuseBrokenCsv(connection, file);
    RawStage stage{RawColumns(connection), RawRows(connection), {}};
    DropEmptyTrailingColumn(connection, stage);
    return stage;
}

std::string ReadWholeFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        Throw(ErrorKind::kIo, "{}: cannot be read", path.string());
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

RawStage StageJson(store::Transaction& transaction, const InputFile& file) {
    const JsonRecords records = ParseJsonRecords(file.path.string(), ReadWholeFile(file.path));
    std::string columns = Join(records.columns, ", ",
                               [](const std::string& column) { return store::QuoteIdentifier(column) + " VARCHAR"; });
    if (columns.empty()) {
        // No records, so no columns: an empty snapshot. A table needs a column.
        columns = "crosswalk_no_columns VARCHAR";
    }
    transaction.GetConnection().Execute(fmt::format("CREATE TEMP TABLE {} ({})", kRawTable, columns));
    store::Appender appender(transaction, kRawTable);
    for (const auto& row : records.rows) {
        for (const std::optional<std::string>& value : row) {
            appender.Append(value);
        }
        appender.EndRow();
    }
    appender.Close();
    return RawStage{records.columns, static_cast<int64_t>(records.rows.size()), {}};
}

} // namespace

RawStage StageRawFile(store::Transaction& transaction, const InputFile& file, const CsvDialect& dialect) {
    DropWorkTables(transaction.GetConnection());
    if (file.size_bytes == 0) {
        Throw(ErrorKind::kInvalidInput, "{}: the file is empty (expected a header row or JSON records)",
              file.path.string());
    }
    switch (file.format) {
    case FileFormat::kCsv:
    case FileFormat::kCsvGzip:
        return StageCsv(transaction, file, dialect);
    case FileFormat::kJson:
    case FileFormat::kNdjson:
        return StageJson(transaction, file);
    case FileFormat::kParquet:
        break;
    }
    Throw(ErrorKind::kUnsupported, "{}: enterprise sources are read from CSV or JSON", file.path.string());
}

} // namespace crosswalk::ingest::enterprise
