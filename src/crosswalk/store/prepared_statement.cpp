#include "crosswalk/store/prepared_statement.hpp"

#include "crosswalk/common/error.hpp"
#include "crosswalk/store/store_error.hpp"

namespace crosswalk::store {

PreparedStatement::PreparedStatement(duckdb_connection connection, std::string_view sql) : sql_(sql) {
    duckdb_prepared_statement raw = nullptr;
    const duckdb_state state = duckdb_prepare(connection, sql_.c_str(), &raw);
    // Destroy even when preparing failed (duckdb.h, duckdb_prepare): own it before checking.
    handle_.reset(raw);
    if (state == DuckDBError) {
        const char* message = duckdb_prepare_error(raw);
        ThrowStoreError(DUCKDB_ERROR_PARSER, message != nullptr ? message : "", sql_);
    }
}

void PreparedStatement::Check(duckdb_state state, uint64_t index) const {
    if (state == DuckDBError) {
        Throw(ErrorKind::kInternal, "could not bind parameter {} of [{}]", index, ShortenSql(sql_));
    }
}

void PreparedStatement::Bind(uint64_t index, int64_t value) {
    Check(duckdb_bind_int64(handle_.get(), index, value), index);
}

void PreparedStatement::Bind(uint64_t index, std::string_view value) {
    Check(duckdb_bind_varchar_length(handle_.get(), index, value.data(), value.size()), index);
}

void PreparedStatement::Bind(uint64_t index, const Decimal& value) {
    const Int128 unscaled = value.Unscaled();
    duckdb_decimal decimal{};
    decimal.width = static_cast<uint8_t>(kMaxDecimalDigits);
    decimal.scale = static_cast<uint8_t>(value.Scale());
    decimal.value.lower = static_cast<uint64_t>(unscaled);
    decimal.value.upper = static_cast<int64_t>(unscaled >> 64);
    Check(duckdb_bind_decimal(handle_.get(), index, decimal), index);
}

void PreparedStatement::Bind(uint64_t index, bool value) {
    Check(duckdb_bind_boolean(handle_.get(), index, value), index);
}

void PreparedStatement::BindNull(uint64_t index) {
    Check(duckdb_bind_null(handle_.get(), index), index);
}

Result PreparedStatement::Execute() {
    duckdb_result raw{};
    const duckdb_state state = duckdb_execute_prepared(handle_.get(), &raw);
    Result result(raw);
    if (state == DuckDBError) {
        const char* message = duckdb_result_error(&raw);
        ThrowStoreError(duckdb_result_error_type(&raw), message != nullptr ? message : "", sql_);
    }
    return result;
}

uint64_t PreparedStatement::ParameterCount() const {
    return duckdb_nparams(handle_.get());
}

duckdb_statement_type PreparedStatement::StatementType() const {
    return duckdb_prepared_statement_type(handle_.get());
}

uint64_t PreparedStatement::ColumnCount() const {
    return duckdb_prepared_statement_column_count(handle_.get());
}

std::string PreparedStatement::ColumnName(uint64_t index) const {
    const char* name = duckdb_prepared_statement_column_name(handle_.get(), index);
    std::string copy = name != nullptr ? name : "";
    duckdb_free(const_cast<char*>(name)); // the name is allocated for the caller (duckdb.h)
    return copy;
}

duckdb_type PreparedStatement::ColumnType(uint64_t index) const {
    return duckdb_prepared_statement_column_type(handle_.get(), index);
}

} // namespace crosswalk::store
