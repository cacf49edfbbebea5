#include "crosswalk/store/chunk_writer.hpp"

#include <algorithm>
#include <limits>

#include "crosswalk/common/error.hpp"

namespace crosswalk::store {
namespace {

template <typename T>
void Store(void* data, uint64_t row, T value) {
    static_cast<T*>(data)[row] = value;
}

template <typename T>
T Narrow(int64_t value, uint64_t column) {
    if (value < std::numeric_limits<T>::min() || value > std::numeric_limits<T>::max()) {
        Throw(ErrorKind::kInvalidInput, "value {} does not fit column #{}", value, column + 1);
    }
    return static_cast<T>(value);
}

} // namespace

ChunkWriter::ChunkWriter(Transaction& transaction, std::string_view table, std::span<const std::string> columns)
    : appender_(transaction, table, columns), capacity_(duckdb_vector_size()) {
    const uint64_t count = duckdb_appender_column_count(appender_.Handle());
    std::vector<duckdb_logical_type> raw_types;
    for (uint64_t i = 0; i < count; ++i) {
        types_.emplace_back(duckdb_appender_column_type(appender_.Handle(), i));
        raw_types.push_back(types_.back().get());
        ColumnSlot slot{};
        slot.type = duckdb_get_type_id(types_.back().get());
        slot.storage = slot.type;
        if (slot.type == DUCKDB_TYPE_DECIMAL) {
            slot.storage = duckdb_decimal_internal_type(types_.back().get());
            slot.scale = duckdb_decimal_scale(types_.back().get());
            slot.width = duckdb_decimal_width(types_.back().get());
        }
        slots_.push_back(slot);
    }
    chunk_.reset(duckdb_create_data_chunk(raw_types.data(), count));
    ResetChunk();
}

void ChunkWriter::ResetChunk() {
    duckdb_data_chunk_reset(chunk_.get());
    // After a reset the data and validity pointers must be fetched again (duckdb.h).
    for (uint64_t i = 0; i < slots_.size(); ++i) {
        ColumnSlot& slot = slots_[i];
        slot.vector = duckdb_data_chunk_get_vector(chunk_.get(), i);
        duckdb_vector_ensure_validity_writable(slot.vector);
        slot.validity = duckdb_vector_get_validity(slot.vector);
        slot.data = duckdb_vector_get_data(slot.vector);
        // Every value starts as NULL; the setters mark what they write.
        std::fill_n(slot.validity, (capacity_ + 63) / 64, uint64_t{0});
    }
    row_in_chunk_ = 0;
}

ChunkWriter::ColumnSlot& ChunkWriter::Slot(uint64_t column, std::initializer_list<duckdb_type> accepted,
                                           std::string_view what) {
    CROSSWALK_ASSERT(column < slots_.size(), "chunk writer column out of range");
    ColumnSlot& slot = slots_[column];
    if (std::find(accepted.begin(), accepted.end(), slot.type) == accepted.end()) {
        Throw(ErrorKind::kInternal, "column #{} of {} (type id {}) cannot be written as {}", column + 1,
              appender_.Table(), static_cast<int>(slot.type), what);
    }
    return slot;
}

void ChunkWriter::MarkValid(ColumnSlot& slot) {
    duckdb_validity_set_row_valid(slot.validity, row_in_chunk_);
}

void ChunkWriter::SetInt64(uint64_t column, int64_t value) {
    ColumnSlot& slot =
        Slot(column,
             {DUCKDB_TYPE_TINYINT, DUCKDB_TYPE_SMALLINT, DUCKDB_TYPE_INTEGER, DUCKDB_TYPE_BIGINT, DUCKDB_TYPE_DECIMAL},
             "an integer");
    if (slot.type == DUCKDB_TYPE_DECIMAL) {
        SetDecimal(column, Decimal(value, 0));
        return;
    }
    switch (slot.type) {
    case DUCKDB_TYPE_TINYINT:
        Store(slot.data, row_in_chunk_, Narrow<int8_t>(value, column));
        break;
    case DUCKDB_TYPE_SMALLINT:
        Store(slot.data, row_in_chunk_, Narrow<int16_t>(value, column));
        break;
    case DUCKDB_TYPE_INTEGER:
        Store(slot.data, row_in_chunk_, Narrow<int32_t>(value, column));
        break;
    default:
        Store(slot.data, row_in_chunk_, value);
        break;
    }
    MarkValid(slot);
}

void ChunkWriter::SetString(uint64_t column, std::string_view value) {
    ColumnSlot& slot = Slot(column, {DUCKDB_TYPE_VARCHAR, DUCKDB_TYPE_BLOB}, "text");
    duckdb_vector_assign_string_element_len(slot.vector, row_in_chunk_, value.data(), value.size());
    MarkValid(slot);
}

void ChunkWriter::SetDecimal(uint64_t column, const Decimal& value) {
    ColumnSlot& slot = Slot(column, {DUCKDB_TYPE_DECIMAL}, "a decimal");
    const Decimal scaled = value.Rescaled(slot.scale);
    const Int128 unscaled = scaled.Unscaled();
    const Int128 limit = PowerOfTen(slot.width);
    if (unscaled >= limit || unscaled <= -limit) {
        Throw(ErrorKind::kInvalidInput, "{} does not fit DECIMAL({},{}) column #{} of {}", value.ToString(), slot.width,
              slot.scale, column + 1, appender_.Table());
    }
    switch (slot.storage) {
    case DUCKDB_TYPE_SMALLINT:
        Store(slot.data, row_in_chunk_, static_cast<int16_t>(unscaled));
        break;
    case DUCKDB_TYPE_INTEGER:
        Store(slot.data, row_in_chunk_, static_cast<int32_t>(unscaled));
        break;
    case DUCKDB_TYPE_BIGINT:
        Store(slot.data, row_in_chunk_, static_cast<int64_t>(unscaled));
        break;
    default: {
        duckdb_hugeint huge{};
        huge.lower = static_cast<uint64_t>(unscaled);
        huge.upper = static_cast<int64_t>(unscaled >> 64);
        Store(slot.data, row_in_chunk_, huge);
        break;
    }
    }
    MarkValid(slot);
}

void ChunkWriter::SetBool(uint64_t column, bool value) {
    ColumnSlot& slot = Slot(column, {DUCKDB_TYPE_BOOLEAN}, "a boolean");
    Store(slot.data, row_in_chunk_, value);
    MarkValid(slot);
}

void ChunkWriter::SetDateDays(uint64_t column, int32_t days_since_epoch) {
    ColumnSlot& slot = Slot(column, {DUCKDB_TYPE_DATE}, "a date");
    Store(slot.data, row_in_chunk_, duckdb_date{days_since_epoch});
    MarkValid(slot);
}

void ChunkWriter::SetTimestampMicros(uint64_t column, int64_t micros_since_epoch) {
    ColumnSlot& slot = Slot(column, {DUCKDB_TYPE_TIMESTAMP}, "a timestamp");
    Store(slot.data, row_in_chunk_, duckdb_timestamp{micros_since_epoch});
    MarkValid(slot);
}

void ChunkWriter::SetNull(uint64_t column) {
    CROSSWALK_ASSERT(column < slots_.size(), "chunk writer column out of range");
    duckdb_validity_set_row_invalid(slots_[column].validity, row_in_chunk_);
}

void ChunkWriter::EndRow() {
    ++row_in_chunk_;
    ++rows_;
    if (row_in_chunk_ == capacity_) {
        AppendChunk();
    }
}

void ChunkWriter::AppendChunk() {
    if (row_in_chunk_ == 0) {
        return;
    }
    duckdb_data_chunk_set_size(chunk_.get(), row_in_chunk_);
    if (duckdb_append_data_chunk(appender_.Handle(), chunk_.get()) == DuckDBError) {
        appender_.Fail("appending a chunk failed", false);
    }
    ResetChunk();
}

void ChunkWriter::Close() {
    AppendChunk();
    appender_.Close();
}

} // namespace crosswalk::store
