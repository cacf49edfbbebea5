#include "crosswalk/store/appender.hpp"

#include "crosswalk/common/error.hpp"
#include "crosswalk/common/log.hpp"
#include "crosswalk/store/handles.hpp"
#include "crosswalk/store/store_error.hpp"

namespace crosswalk::store {
namespace {

// Splits "schema.table" into its parts; the schema is empty when not given.
std::pair<std::string, std::string> SplitTableName(std::string_view table) {
    const size_t dot = table.find('.');
    if (dot == std::string_view::npos) {
        return {"", std::string(table)};
    }
    return {std::string(table.substr(0, dot)), std::string(table.substr(dot + 1))};
}

std::vector<std::string> TableColumns(Connection& connection, const std::string& schema, const std::string& table) {
    PreparedStatement statement = connection.Prepare(
        "SELECT column_name FROM duckdb_columns() WHERE table_name = $1 AND ($2 = '' OR schema_name = $2) "
        "ORDER BY column_index");
    Result result = statement.Execute(std::string_view(table), std::string_view(schema));
    std::vector<std::string> names;
    while (auto chunk = result.NextChunk()) {
        for (uint64_t row = 0; row < chunk->Size(); ++row) {
            names.emplace_back(chunk->Column(0).String(row));
        }
    }
    return names;
}

} // namespace

Appender::Appender(Transaction& transaction, std::string_view table, std::span<const std::string> columns)
    : table_(table) {
    const auto [schema, name] = SplitTableName(table);
    const duckdb_state state = duckdb_appender_create(
        transaction.GetConnection().Handle(), schema.empty() ? nullptr : schema.c_str(), name.c_str(), &handle_);
    if (state == DuckDBError) {
        // Destroy even after a failed create (duckdb.h); read the error first.
        ErrorDataHandle error(duckdb_appender_error_data(handle_));
        std::string message = duckdb_error_data_message(error.get());
        duckdb_appender_destroy(&handle_);
        Throw(ErrorKind::kStore, "cannot append to table {}: {}", table_, message);
    }
    if (columns.empty()) {
        column_names_ = TableColumns(transaction.GetConnection(), schema, name);
        return;
    }
    for (const std::string& column : columns) {
        column_names_.push_back(column);
        if (duckdb_appender_add_column(handle_, column.c_str()) == DuckDBError) {
            Fail(fmt::format("cannot append to column {}", column));
        }
    }
}

Appender::~Appender() {
    // duckdb_appender_destroy flushes: inside the owning Transaction this is harmless, because a failure path
    // rolls the transaction back.
    if (duckdb_appender_destroy(&handle_) == DuckDBError && !closed_ && !poisoned_) {
        Log().warn("an appender to {} was destroyed without Close() and failed to flush", table_);
    }
}

std::string Appender::ColumnName(uint64_t index) const {
    if (index < column_names_.size()) {
        return column_names_[index];
    }
    return fmt::format("#{}", index + 1);
}

void Appender::Fail(std::string_view what, bool at_position) {
    poisoned_ = true;
    ErrorDataHandle error(duckdb_appender_error_data(handle_));
    const duckdb_error_type type = error ? duckdb_error_data_error_type(error.get()) : DUCKDB_ERROR_INVALID;
    const std::string detail = error ? duckdb_error_data_message(error.get()) : "";
    const std::string position =
        at_position ? fmt::format("table {}, row {}, column {}", table_, rows_ + 1, ColumnName(column_))
                    : fmt::format("table {}", table_);
    const std::string message = fmt::format("{} ({}){}{}", what, position, detail.empty() ? "" : ": ", detail);
    ThrowStoreError(type == DUCKDB_ERROR_INVALID ? DUCKDB_ERROR_INVALID_INPUT : type, message, "");
}

void Appender::Check(duckdb_state state) {
    if (state == DuckDBError) {
        Fail("append failed");
    }
    ++column_;
}

Appender& Appender::Append(int64_t value) {
    CROSSWALK_ASSERT(!poisoned_, "append after a failed append");
    Check(duckdb_append_int64(handle_, value));
    return *this;
}

Appender& Appender::Append(std::string_view value) {
    CROSSWALK_ASSERT(!poisoned_, "append after a failed append");
    Check(duckdb_append_varchar_length(handle_, value.data(), value.size()));
    return *this;
}

Appender& Appender::Append(const Decimal& value) {
    CROSSWALK_ASSERT(!poisoned_, "append after a failed append");
    // Not duckdb_append_hugeint: into a DECIMAL column it means an integer, not unscaled digits (STYLE 3.3).
    duckdb_decimal decimal{};
    decimal.width = static_cast<uint8_t>(kMaxDecimalDigits);
    decimal.scale = static_cast<uint8_t>(value.Scale());
    decimal.value.lower = static_cast<uint64_t>(value.Unscaled());
    decimal.value.upper = static_cast<int64_t>(value.Unscaled() >> 64);
    const ValueHandle boxed(duckdb_create_decimal(decimal));
    Check(duckdb_append_value(handle_, boxed.get()));
    return *this;
}

Appender& Appender::Append(bool value) {
    CROSSWALK_ASSERT(!poisoned_, "append after a failed append");
    Check(duckdb_append_bool(handle_, value));
    return *this;
}

Appender& Appender::AppendNull() {
    CROSSWALK_ASSERT(!poisoned_, "append after a failed append");
    Check(duckdb_append_null(handle_));
    return *this;
}

void Appender::EndRow() {
    CROSSWALK_ASSERT(!poisoned_, "end of row after a failed append");
    if (duckdb_appender_end_row(handle_) == DuckDBError) {
        Fail("row is incomplete or cannot be stored");
    }
    ++rows_;
    column_ = 0;
}

void Appender::Close() {
    if (poisoned_) {
        Throw(ErrorKind::kInternal, "appender to {} is unusable after a failed append; rows were not stored", table_);
    }
    if (column_ != 0) {
        poisoned_ = true;
        Throw(ErrorKind::kInternal, "appender to {} closed in the middle of row {}", table_, rows_ + 1);
    }
    if (duckdb_appender_close(handle_) == DuckDBError) {
        Fail("flushing rows failed", false);
    }
    closed_ = true;
}

} // namespace crosswalk::store
