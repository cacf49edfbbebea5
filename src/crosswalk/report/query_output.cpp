#include "crosswalk/report/query_output.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "crosswalk/common/error.hpp"
#include "crosswalk/store/sql_quote.hpp"
#include "crosswalk/store/store_error.hpp"
#include "crosswalk/store/type_family.hpp"

namespace crosswalk::report {
namespace {

struct ColumnInfo {
    std::string name;
    bool numeric = false;
};

// The user's statement without trailing semicolons and blanks, which query() would reject.
std::string_view TrimStatement(std::string_view sql) {
    while (!sql.empty() &&
           (sql.back() == ';' || sql.back() == ' ' || sql.back() == '\n' || sql.back() == '\t' || sql.back() == '\r')) {
        sql.remove_suffix(1);
    }
    return sql;
}

[[noreturn]] void ThrowNotAQuery(std::string_view sql) {
    Throw(ErrorKind::kInvalidInput,
          "crosswalk sql runs one read-only query (SELECT, WITH, FROM, VALUES, DESCRIBE, "
          "SHOW, SUMMARIZE), not: {}",
          store::ShortenSql(sql, 80));
}

// The first keyword of a statement, upper-cased, past blanks, comments and opening parentheses ("" if none).
std::string LeadingKeyword(std::string_view sql) {
    size_t i = 0;
    while (i < sql.size()) {
        const char c = sql[i];
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '(') {
            ++i;
        } else if (sql.substr(i, 2) == "--") {
            const size_t end = sql.find('\n', i);
            i = end == std::string_view::npos ? sql.size() : end + 1;
        } else if (sql.substr(i, 2) == "/*") {
            const size_t end = sql.find("*/", i + 2);
            i = end == std::string_view::npos ? sql.size() : end + 2;
        } else {
            break;
        }
    }
    std::string keyword;
    for (; i < sql.size(); ++i) {
        const char c = sql[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_')) {
            break;
        }
        keyword.push_back(static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c));
    }
    return keyword;
}

// Whether a statement starting with `keyword` can be a read-only query. Decided before DuckDB binds it: a
// write to the read-only database fails to bind with an error about the write (an INSERT with the wrong
// columns), not about crosswalk sql's rule.
bool IsQueryKeyword(std::string_view keyword) {
    static constexpr std::string_view kQueries[] = {"SELECT", "WITH",      "FROM",  "VALUES", "DESCRIBE",
                                                    "SHOW",   "SUMMARIZE", "TABLE", "PIVOT",  "UNPIVOT"};
    return std::find(std::begin(kQueries), std::end(kQueries), keyword) != std::end(kQueries);
}

// Prepares the user's own statement (so that DuckDB's errors point into their text) and checks that it is a
// single query; returns its columns.
std::vector<ColumnInfo> DescribeQuery(store::Connection& connection, std::string_view sql) {
    if (!IsQueryKeyword(LeadingKeyword(sql))) {
        ThrowNotAQuery(sql);
    }
    store::PreparedStatement statement = connection.Prepare(sql);
    if (statement.StatementType() != DUCKDB_STATEMENT_TYPE_SELECT) {
        ThrowNotAQuery(sql);
    }
    std::vector<ColumnInfo> columns;
    for (uint64_t i = 0; i < statement.ColumnCount(); ++i) {
        columns.push_back(
            ColumnInfo{statement.ColumnName(i), store::IsNumeric(store::FamilyOf(statement.ColumnType(i)))});
    }
    return columns;
}

// An error of the wrapper query as the user's: DuckDB's message, then the user's statement where the
// wrapper's text was ("[in: SELECT COLUMNS(*)::VARCHAR FROM query('...')]" shows doubled quotes the user never
// typed, cut short). Position lines ("LINE 1: ... ^") of the wrapper point into text the user did not write;
// they are dropped. (Errors DuckDB finds while binding come from DescribeQuery, which prepares the user's own
// text, so their position lines are kept.)
[[noreturn]] void ThrowAsTheUsers(const Error& error, std::string_view sql, const std::string& wrapper) {
    std::string message = error.Message();
    const std::string wrapped = fmt::format(" [in: {}]", store::ShortenSql(wrapper));
    const size_t at = message.find(wrapped);
    if (at == std::string::npos) {
        throw error;
    }
    message.erase(at, wrapped.size());
    const size_t context = message.find("\n\nLINE ");
    if (context != std::string::npos) {
        message.resize(context);
    }
    const size_t end_of_line = std::min(message.find('\n'), message.size());
    message.insert(end_of_line, fmt::format(" [in: {}]", store::ShortenSql(sql)));
    throw Error(error.Kind(), message, error.Location());
}

// Runs `wrapper` (a SELECT over query(<the user's statement>)). query() accepts only SELECT-shaped statements;
// the few others that prepare as SELECT (PRAGMA) are refused here.
store::Result RunWrapped(store::Connection& connection, std::string_view sql, const std::string& wrapper) {
    try {
        return connection.Query(wrapper);
    } catch (const Error& error) {
        if (error.Message().find("Expected a single SELECT statement") != std::string::npos) {
            ThrowNotAQuery(sql);
        }
        ThrowAsTheUsers(error, sql, wrapper);
    }
}

// Runs the query with every value converted to DuckDB's text for it.
store::Result RunAsText(store::Connection& connection, std::string_view sql) {
    return RunWrapped(connection, sql, "SELECT COLUMNS(*)::VARCHAR FROM query(" + store::QuoteLiteral(sql) + ")");
}

// Calls `row(values)` for each row of a RunAsText result (nullopt for NULL).
template <typename RowFunction>
uint64_t ForEachTextRow(store::Result& result, size_t column_count, RowFunction&& row) {
    std::vector<std::optional<std::string_view>> values(column_count);
    uint64_t rows = 0;
    while (auto chunk = result.NextChunk()) {
        for (uint64_t r = 0; r < chunk->Size(); ++r) {
            for (size_t c = 0; c < column_count; ++c) {
                const store::ColumnView& column = chunk->Column(c);
                values[c] = column.IsValid(r) ? std::optional(column.String(r)) : std::nullopt;
            }
            row(values);
            ++rows;
        }
    }
    return rows;
}

uint64_t WriteTable(store::Connection& connection, std::string_view sql, const std::vector<ColumnInfo>& columns,
                    uint64_t max_rows, std::ostream& out) {
    std::vector<std::vector<std::string>> cells;
    store::Result result = RunAsText(connection, sql);
    const uint64_t rows = ForEachTextRow(result, columns.size(), [&](const auto& values) {
        if (cells.size() >= max_rows) {
            return;
        }
        std::vector<std::string>& line = cells.emplace_back();
        for (const auto& value : values) {
            line.push_back(value ? std::string(*value) : "NULL");
        }
    });
    std::vector<TextColumn> text_columns;
    for (const ColumnInfo& column : columns) {
        text_columns.push_back(TextColumn{column.name, column.numeric});
    }
    WriteAlignedTable(out, text_columns, cells);
    if (rows > cells.size()) {
        out << fmt::format("({} rows, first {} shown; --format csv prints all)\n", rows, cells.size());
    } else {
        out << fmt::format("({} {})\n", rows, rows == 1 ? "row" : "rows");
    }
    return rows;
}

uint64_t WriteCsv(store::Connection& connection, std::string_view sql, const std::vector<ColumnInfo>& columns,
                  std::ostream& out) {
    store::Result result = RunAsText(connection, sql); // fails before anything is printed
    for (size_t c = 0; c < columns.size(); ++c) {
        if (c > 0) {
            out.put(',');
        }
        WriteCsvField(out, columns[c].name);
    }
    out.put('\n');
    return ForEachTextRow(result, columns.size(), [&](const auto& values) {
        for (size_t c = 0; c < values.size(); ++c) {
            if (c > 0) {
                out.put(',');
            }
            if (values[c]) {
                WriteCsvField(out, *values[c]);
            }
        }
        out.put('\n');
    });
}

uint64_t WriteJson(store::Connection& connection, std::string_view sql, std::ostream& out) {
    // to_json keeps DECIMAL digits exactly and quotes strings correctly.
    store::Result result =
        RunWrapped(connection, sql, "SELECT to_json(q)::VARCHAR FROM query(" + store::QuoteLiteral(sql) + ") AS q");
    uint64_t rows = 0;
    out << '[';
    while (auto chunk = result.NextChunk()) {
        for (uint64_t r = 0; r < chunk->Size(); ++r) {
            out << (rows == 0 ? "\n" : ",\n") << chunk->Column(0).String(r);
            ++rows;
        }
    }
    out << (rows == 0 ? "]\n" : "\n]\n");
    return rows;
}

} // namespace

uint64_t WriteQueryResult(store::Connection& connection, std::string_view sql, const QueryOutputOptions& options,
                          std::ostream& out) {
    const std::string_view statement = TrimStatement(sql);
    if (statement.empty()) {
        Throw(ErrorKind::kInvalidInput, "the query is empty");
    }
    const std::vector<ColumnInfo> columns = DescribeQuery(connection, statement);
    switch (options.format) {
    case OutputFormat::kTable:
        return WriteTable(connection, statement, columns, options.max_table_rows, out);
    case OutputFormat::kCsv:
        return WriteCsv(connection, statement, columns, out);
    case OutputFormat::kJson:
        return WriteJson(connection, statement, out);
    }
    return 0;
}

} // namespace crosswalk::report
