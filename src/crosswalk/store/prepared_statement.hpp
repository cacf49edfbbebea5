// A prepared statement with typed parameter binding. Use it for statements run many times with different
// parameters, never for bulk inserts (the Appender is ~300x faster for that).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "crosswalk/common/decimal.hpp"
#include "crosswalk/store/handles.hpp"
#include "crosswalk/store/result.hpp"

namespace crosswalk::store {

// Move-only. Not thread-safe.
class PreparedStatement {
public:
    // Prepares `sql` on `connection`. Throws crosswalk::Error with DuckDB's message.
    PreparedStatement(duckdb_connection connection, std::string_view sql);

    // Parameter indexes start at 1, as in DuckDB.
    void Bind(uint64_t index, int64_t value);
    void Bind(uint64_t index, std::string_view value);

    void Bind(uint64_t index, const char* value) { Bind(index, std::string_view(value)); }

    void Bind(uint64_t index, const Decimal& value);
    void Bind(uint64_t index, bool value);
    void BindNull(uint64_t index);

    // Binds each argument to the parameters 1..n, then executes.
    template <typename... Args>
    Result Execute(const Args&... args) {
        uint64_t index = 0;
        (Bind(++index, args), ...);
        return Execute();
    }

    Result Execute();

    [[nodiscard]] uint64_t ParameterCount() const;
    [[nodiscard]] duckdb_statement_type StatementType() const;
    [[nodiscard]] uint64_t ColumnCount() const;
    [[nodiscard]] std::string ColumnName(uint64_t index) const;
    [[nodiscard]] duckdb_type ColumnType(uint64_t index) const;

private:
    void Check(duckdb_state state, uint64_t index) const;

    PreparedHandle handle_;
    std::string sql_;
};

} // namespace crosswalk::store
