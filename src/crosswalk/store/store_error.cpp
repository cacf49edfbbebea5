#include "crosswalk/store/store_error.hpp"

#include <algorithm>
#include <string>

#include "crosswalk/common/error.hpp"

namespace crosswalk::store {
namespace {

ErrorKind KindOf(duckdb_error_type type, std::string_view message) {
    // DuckDB reports another process's lock as an IO error; it is a conflict for the user.
    if (message.find("Could not set lock on file") != std::string_view::npos) {
        return ErrorKind::kConflict;
    }
    switch (type) {
    case DUCKDB_ERROR_CONSTRAINT:
    case DUCKDB_ERROR_CONVERSION:
    case DUCKDB_ERROR_INVALID_INPUT:
    case DUCKDB_ERROR_OUT_OF_RANGE:
        return ErrorKind::kInvalidInput;
    case DUCKDB_ERROR_IO:
    case DUCKDB_ERROR_PERMISSION:
        return ErrorKind::kIo;
    case DUCKDB_ERROR_INTERNAL:
    case DUCKDB_ERROR_FATAL:
        return ErrorKind::kInternal;
    default:
        return ErrorKind::kStore;
    }
}

// DuckDB 1.4.4's prepare errors repeat their "LINE n: ... ^" context block; keep one copy.
std::string WithoutRepeatedContext(std::string text) {
    const size_t first_break = text.find("\n\n");
    if (first_break == std::string::npos) {
        return text;
    }
    const std::string context = text.substr(first_break);
    if (context.size() % 2 == 0 && context.substr(0, context.size() / 2) == context.substr(context.size() / 2)) {
        text.resize(first_break + context.size() / 2);
    }
    return text;
}

} // namespace

std::string ShortenSql(std::string_view sql, size_t limit) {
    std::string one_line;
    one_line.reserve(std::min(sql.size(), limit + 3));
    bool in_space = false;
    for (const char c : sql) {
        const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
        if (space) {
            in_space = !one_line.empty();
            continue;
        }
        if (in_space) {
            one_line.push_back(' ');
            in_space = false;
        }
        one_line.push_back(c);
        if (one_line.size() >= limit) {
            one_line += "...";
            break;
        }
    }
    return one_line;
}

void ThrowStoreError(duckdb_error_type type, std::string_view message, std::string_view sql) {
    std::string text = WithoutRepeatedContext(std::string(message.empty() ? "unknown DuckDB error" : message));
    if (!sql.empty()) {
        // After the first line: DuckDB's caret context (parser errors) follows on the next lines.
        const size_t end_of_line = std::min(text.find('\n'), text.size());
        text.insert(end_of_line, fmt::format(" [in: {}]", ShortenSql(sql)));
    }
    throw Error(KindOf(type, message), text);
}

} // namespace crosswalk::store
