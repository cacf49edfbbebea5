// Column-wise bulk insert: fills a DuckDB data chunk with values of the table's exact column types and appends
// whole chunks (duckdb_append_data_chunk), about 3x faster than the row-wise Appender. For the large paths:
// generated demo data, allocation results, lineage. DECIMALs go in as unscaled integers at the column's
// scale, so no cast or float is involved.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "crosswalk/common/decimal.hpp"
#include "crosswalk/store/appender.hpp"
#include "crosswalk/store/handles.hpp"

namespace crosswalk::store {

// Not copyable or movable. Not thread-safe.
class ChunkWriter {
public:
    // As Appender: REQUIRES `transaction` outlives the writer.
    ChunkWriter(Transaction& transaction, std::string_view table, std::span<const std::string> columns = {});

    // Setters for the current row; a column not set in a row is NULL. They throw kInvalidInput when the value
    // does not fit the column (an integer out of range, a decimal with more digits than the column's scale)
    // and kInternal when the column's type is not one the setter writes.
    void SetInt64(uint64_t column, int64_t value);
    void SetString(uint64_t column, std::string_view value);
    void SetDecimal(uint64_t column, const Decimal& value);
    void SetBool(uint64_t column, bool value);
    void SetDateDays(uint64_t column, int32_t days_since_epoch);
    void SetTimestampMicros(uint64_t column, int64_t micros_since_epoch);
    void SetNull(uint64_t column);

    // Ends the row; appends the chunk when it is full.
    void EndRow();

    // Appends what is left and closes the appender. Throws on any error.
    void Close();

    [[nodiscard]] uint64_t RowsWritten() const noexcept { return rows_; }

private:
    struct ColumnSlot {
        duckdb_type type;
        duckdb_type storage; // for DECIMAL: its internal integer type
        int scale = 0;       // for DECIMAL
        int width = 0;       // for DECIMAL
        void* data = nullptr;
        uint64_t* validity = nullptr;
        duckdb_vector vector = nullptr;
    };

    void ResetChunk();
    void AppendChunk();
    ColumnSlot& Slot(uint64_t column, std::initializer_list<duckdb_type> accepted, std::string_view what);
    void MarkValid(ColumnSlot& slot);

    Appender appender_;
    std::vector<LogicalTypeHandle> types_;
    std::vector<ColumnSlot> slots_;
    DataChunkHandle chunk_;
    uint64_t capacity_ = 0;
    uint64_t row_in_chunk_ = 0;
    uint64_t rows_ = 0;
};

} // namespace crosswalk::store
