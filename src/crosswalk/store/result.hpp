// Query results read in data chunks (DuckDB's fast path; the duckdb_value_* family is deprecated and 7-11x
// slower). A Result owns a duckdb_result; a DataChunk owns one fetched chunk; a ColumnView reads one column
// of it with the type checked once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <duckdb.h>

#include "crosswalk/common/decimal.hpp"
#include "crosswalk/store/handles.hpp"

namespace crosswalk::store {

// One column of a data chunk. Valid while its DataChunk lives. Not thread-safe.
class ColumnView {
public:
    ColumnView(duckdb_vector vector, duckdb_type type, LogicalTypeHandle logical_type);

    [[nodiscard]] duckdb_type Type() const noexcept { return type_; }

    // False where the value is NULL. A NULL validity mask means "all valid" (duckdb.h); the bit test uses
    // 64-bit shifts (the header's own example shifts an int and is wrong past bit 31).
    [[nodiscard]] bool IsValid(uint64_t row) const noexcept {
        return validity_ == nullptr || ((validity_[row / 64] >> (row % 64)) & 1U) != 0;
    }

    // Any integer type (and BOOLEAN), widened. Throws kInternal for other types.
    [[nodiscard]] int64_t Int64(uint64_t row) const;

    // DOUBLE or FLOAT: for ratios and statistics only, never money.
    [[nodiscard]] double Double(uint64_t row) const;

    [[nodiscard]] bool Bool(uint64_t row) const;

    // VARCHAR (and JSON, BLOB). The view is valid while the chunk lives.
    [[nodiscard]] std::string_view String(uint64_t row) const;

    // DECIMAL of any width, exactly (int16/int32/int64/hugeint storage by width), or any integer type.
    [[nodiscard]] Decimal DecimalValue(uint64_t row) const;

    // DATE as days since 1970-01-01; TIMESTAMP as microseconds since 1970-01-01 00:00:00.
    [[nodiscard]] int32_t DateDays(uint64_t row) const;
    [[nodiscard]] int64_t TimestampMicros(uint64_t row) const;

private:
    [[noreturn]] void ThrowTypeMismatch(std::string_view wanted) const;

    duckdb_type type_;
    LogicalTypeHandle logical_type_;
    const void* data_;
    const uint64_t* validity_;
};

// One chunk of rows (at most duckdb_vector_size(), 2048). Move-only. Not thread-safe.
class DataChunk {
public:
    explicit DataChunk(DataChunkHandle handle);

    [[nodiscard]] uint64_t Size() const noexcept { return size_; }

    [[nodiscard]] uint64_t ColumnCount() const noexcept { return columns_.size(); }

    [[nodiscard]] const ColumnView& Column(uint64_t index) const;

private:
    DataChunkHandle handle_;
    uint64_t size_ = 0;
    std::vector<ColumnView> columns_;
};

// A materialized query result. Move-only: the duckdb_result is destroyed exactly once. Not thread-safe.
class Result {
public:
    // Takes ownership of `result`, which must have succeeded (the Connection checks and throws otherwise).
    explicit Result(duckdb_result result) noexcept : result_(result), owns_(true) {}

    Result(const Result&) = delete;
    Result& operator=(const Result&) = delete;
    Result(Result&& other) noexcept;
    Result& operator=(Result&& other) noexcept;
    ~Result();

    [[nodiscard]] uint64_t ColumnCount();
    [[nodiscard]] std::string ColumnName(uint64_t index);
    [[nodiscard]] duckdb_type ColumnType(uint64_t index);
    [[nodiscard]] uint64_t RowsChanged();

    // The next chunk, or nullopt at the end.
    [[nodiscard]] std::optional<DataChunk> NextChunk();

    // Conveniences for one-value queries ("SELECT count(*) ..."). Throw kInternal when there is no row;
    // nullopt for NULL.
    [[nodiscard]] std::optional<int64_t> ScalarInt64();
    [[nodiscard]] std::optional<std::string> ScalarString();
    [[nodiscard]] std::optional<Decimal> ScalarDecimal();

    // Every remaining row of a result whose columns are all VARCHAR (cast in the SQL), for small results read
    // into C++ (messages, rule checks); nullopt for NULL. Throws kInternal for a column of another type.
    using TextRow = std::vector<std::optional<std::string>>;
    [[nodiscard]] std::vector<TextRow> TextRows();

private:
    DataChunk FirstRowChunk();

    duckdb_result result_{};
    bool owns_ = false;
};

} // namespace crosswalk::store
