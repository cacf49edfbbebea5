// Row-wise bulk insert through DuckDB's appender, the fastest way to load rows made in C++ (never INSERT per
// row). Two DuckDB traps shape it (STYLE.md 3.3, pinned by tests/unit/store/appender_test.cpp):
//  - a failed append mid-row makes a later close report success while silently dropping the buffered rows,
//    so every append is checked, the first failure throws and poisons the appender, and Close() on a
//    poisoned appender throws;
//  - destroying an appender flushes it, also while an exception unwinds, so an appender can only be made
//    inside a Transaction, which then rolls the flushed rows back.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <duckdb.h>

#include "crosswalk/common/decimal.hpp"
#include "crosswalk/store/transaction.hpp"

namespace crosswalk::store {

// Not copyable or movable. Not thread-safe.
class Appender {
public:
    // Appends to `table` (optionally "schema.table"); with `columns`, only to those columns (the others get
    // their defaults). REQUIRES: `transaction` outlives the appender.
    Appender(Transaction& transaction, std::string_view table, std::span<const std::string> columns = {});
    Appender(const Appender&) = delete;
    Appender& operator=(const Appender&) = delete;
    Appender(Appender&&) = delete;
    Appender& operator=(Appender&&) = delete;
    ~Appender();

    Appender& Append(int64_t value);

    Appender& Append(int32_t value) { return Append(static_cast<int64_t>(value)); }

    Appender& Append(std::string_view value); // DuckDB casts the text to the column's type

    Appender& Append(const char* value) { return Append(std::string_view(value)); }

    Appender& Append(const std::string& value) { return Append(std::string_view(value)); }

    Appender& Append(const Decimal& value); // exact, as a DECIMAL(38, scale) value
    Appender& Append(bool value);
    Appender& AppendNull();

    template <typename T>
    Appender& Append(const std::optional<T>& value) {
        return value ? Append(*value) : AppendNull();
    }

    // Ends the current row. Throws if the row has the wrong number of values.
    void EndRow();

    // Flushes everything and closes. Throws on any error, including an earlier failed append. Constraint
    // violations (NOT NULL, CHECK) surface here.
    void Close();

    [[nodiscard]] uint64_t RowsAppended() const noexcept { return rows_; }

    [[nodiscard]] duckdb_appender Handle() const noexcept { return handle_; }

    [[nodiscard]] const std::string& Table() const noexcept { return table_; }

    // Marks the appender unusable; used by ChunkWriter when a chunk append fails.
    void Poison() noexcept { poisoned_ = true; }

    // Throws crosswalk::Error with the appender's error and where it happened, poisoning the appender.
    // With `at_position`, the message names the row and column being appended.
    [[noreturn]] void Fail(std::string_view what, bool at_position = true);

private:
    void Check(duckdb_state state);
    [[nodiscard]] std::string ColumnName(uint64_t index) const;

    duckdb_appender handle_ = nullptr;
    std::string table_;
    std::vector<std::string> column_names_;
    uint64_t rows_ = 0;
    uint64_t column_ = 0;
    bool poisoned_ = false;
    bool closed_ = false;
};

} // namespace crosswalk::store
