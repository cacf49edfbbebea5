// A connection to a Database: the way every statement is run. DuckDB locks a connection while it queries, so
// use one Connection per thread (DuckDB's docs, connect.md).
#pragma once

#include <string>
#include <string_view>

#include "crosswalk/store/database.hpp"
#include "crosswalk/store/handles.hpp"
#include "crosswalk/store/prepared_statement.hpp"
#include "crosswalk/store/result.hpp"

namespace crosswalk::store {

// Move-only. Thread-safe in DuckDB's sense (calls are serialized), but meant for one thread.
class Connection {
public:
    // REQUIRES: `database` outlives the connection. The session's time zone is UTC.
    explicit Connection(const Database& database);

    // Runs one or more `;`-separated statements and discards their results. Throws crosswalk::Error with
    // DuckDB's message and the statement.
    void Execute(std::string_view sql);

    // Runs the statements and returns the last one's result.
    [[nodiscard]] Result Query(std::string_view sql);

    [[nodiscard]] PreparedStatement Prepare(std::string_view sql);

    // Asks the running query to stop; it fails with an "interrupted" error. Callable from another thread.
    void Interrupt() noexcept;

    [[nodiscard]] duckdb_connection Handle() const noexcept { return handle_.get(); }

private:
    ConnectionHandle handle_;
};

} // namespace crosswalk::store
