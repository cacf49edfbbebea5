// Turns DuckDB's errors into crosswalk::Error, keeping DuckDB's message and the statement that failed.
#pragma once

#include <string_view>

#include <duckdb.h>

namespace crosswalk::store {

// Throws crosswalk::Error. The kind follows DuckDB's error type: constraint and conversion errors are the
// input's fault (kInvalidInput), I/O errors kIo, a lock held by another process kConflict, DuckDB's internal
// and fatal errors kInternal, everything else kStore. `sql` (may be empty) is appended, shortened.
[[noreturn]] void ThrowStoreError(duckdb_error_type type, std::string_view message, std::string_view sql);

// The statement shortened to one line of at most `limit` characters, for messages.
[[nodiscard]] std::string ShortenSql(std::string_view sql, size_t limit = 200);

} // namespace crosswalk::store
