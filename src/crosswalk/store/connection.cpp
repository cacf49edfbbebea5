#include "crosswalk/store/connection.hpp"

#include "crosswalk/common/error.hpp"
#include "crosswalk/store/store_error.hpp"

namespace crosswalk::store {

Connection::Connection(const Database& database) {
    duckdb_connection raw = nullptr;
    const duckdb_state state = duckdb_connect(database.Handle(), &raw);
    handle_.reset(raw);
    if (state == DuckDBError) {
        Throw(ErrorKind::kStore, "could not connect to the database {}", database.Path());
    }
    // crosswalk works in UTC: a date-time without an offset means UTC, and TIMESTAMPTZ values convert to UTC.
    // TimeZone is an ICU session setting, so it cannot be given when the database is opened.
    Execute("SET TimeZone = 'UTC'");
}

void Connection::Execute(std::string_view sql) {
    [[maybe_unused]] Result result = Query(sql);
}

Result Connection::Query(std::string_view sql) {
    const std::string text(sql); // duckdb_query needs a terminated string
    duckdb_result raw{};
    const duckdb_state state = duckdb_query(handle_.get(), text.c_str(), &raw);
    // The result must be destroyed even when the query failed (docs, query.md): the Result owns it now.
    Result result(raw);
    if (state == DuckDBError) {
        const char* message = duckdb_result_error(&raw);
        ThrowStoreError(duckdb_result_error_type(&raw), message != nullptr ? message : "", sql);
    }
    return result;
}

PreparedStatement Connection::Prepare(std::string_view sql) {
    return PreparedStatement(handle_.get(), sql);
}

void Connection::Interrupt() noexcept {
    duckdb_interrupt(handle_.get());
}

} // namespace crosswalk::store
