#include "crosswalk/store/result.hpp"

#include <cstring>
#include <utility>

#include "crosswalk/common/error.hpp"

namespace crosswalk::store {
namespace {

std::string TypeName(duckdb_logical_type type) {
    char* text = duckdb_logical_type_get_alias(type);
    if (text == nullptr) {
        return "type #" + std::to_string(static_cast<int>(duckdb_get_type_id(type)));
    }
    std::string name(text);
    duckdb_free(text);
    return name;
}

template <typename T>
T At(const void* data, uint64_t row) {
    return static_cast<const T*>(data)[row];
}

} // namespace

ColumnView::ColumnView(duckdb_vector vector, duckdb_type type, LogicalTypeHandle logical_type)
    : type_(type),
      logical_type_(std::move(logical_type)),
      data_(duckdb_vector_get_data(vector)),
      validity_(duckdb_vector_get_validity(vector)) {}

void ColumnView::ThrowTypeMismatch(std::string_view wanted) const {
    Throw(ErrorKind::kInternal, "result column is of DuckDB type id {} ({}), read as {}", static_cast<int>(type_),
          TypeName(logical_type_.get()), wanted);
}

int64_t ColumnView::Int64(uint64_t row) const {
    switch (type_) {
    case DUCKDB_TYPE_BOOLEAN:
        return At<bool>(data_, row) ? 1 : 0;
    case DUCKDB_TYPE_TINYINT:
        return At<int8_t>(data_, row);
    case DUCKDB_TYPE_SMALLINT:
        return At<int16_t>(data_, row);
    case DUCKDB_TYPE_INTEGER:
        return At<int32_t>(data_, row);
    case DUCKDB_TYPE_BIGINT:
        return At<int64_t>(data_, row);
    case DUCKDB_TYPE_UTINYINT:
        return At<uint8_t>(data_, row);
    case DUCKDB_TYPE_USMALLINT:
        return At<uint16_t>(data_, row);
    case DUCKDB_TYPE_UINTEGER:
        return At<uint32_t>(data_, row);
    case DUCKDB_TYPE_UBIGINT: {
        const uint64_t value = At<uint64_t>(data_, row);
        if (value > static_cast<uint64_t>(INT64_MAX)) {
            Throw(ErrorKind::kInvalidInput, "value {} does not fit a signed 64-bit integer", value);
        }
        return static_cast<int64_t>(value);
    }
    case DUCKDB_TYPE_HUGEINT: {
        const auto value = At<duckdb_hugeint>(data_, row);
        const bool fits = (value.upper == 0 && value.lower <= static_cast<uint64_t>(INT64_MAX)) ||
                          (value.upper == -1 && value.lower > static_cast<uint64_t>(INT64_MAX));
        if (!fits) {
            Throw(ErrorKind::kInvalidInput, "a HUGEINT value does not fit a signed 64-bit integer");
        }
        return static_cast<int64_t>(value.lower);
    }
    default:
        ThrowTypeMismatch("an integer");
    }
}

double ColumnView::Double(uint64_t row) const {
    switch (type_) {
    case DUCKDB_TYPE_DOUBLE:
        return At<double>(data_, row);
    case DUCKDB_TYPE_FLOAT:
        return At<float>(data_, row);
    default:
        ThrowTypeMismatch("a floating-point number");
    }
}

bool ColumnView::Bool(uint64_t row) const {
    if (type_ != DUCKDB_TYPE_BOOLEAN) {
        ThrowTypeMismatch("BOOLEAN");
    }
    return At<bool>(data_, row);
}

std::string_view ColumnView::String(uint64_t row) const {
    if (type_ != DUCKDB_TYPE_VARCHAR && type_ != DUCKDB_TYPE_BLOB) {
        ThrowTypeMismatch("VARCHAR");
    }
    // duckdb_string_t_data needs a mutable pointer but does not write through it.
    auto* value = const_cast<duckdb_string_t*>(static_cast<const duckdb_string_t*>(data_) + row);
    return {duckdb_string_t_data(value), duckdb_string_t_length(*value)};
}

Decimal ColumnView::DecimalValue(uint64_t row) const {
    if (type_ != DUCKDB_TYPE_DECIMAL) {
        if (type_ == DUCKDB_TYPE_HUGEINT) {
            const auto value = At<duckdb_hugeint>(data_, row);
            return Decimal((static_cast<Int128>(value.upper) << 64) | static_cast<Int128>(value.lower), 0);
        }
        return Decimal(Int64(row), 0);
    }
    const int scale = duckdb_decimal_scale(logical_type_.get());
    switch (duckdb_decimal_internal_type(logical_type_.get())) {
    case DUCKDB_TYPE_SMALLINT:
        return Decimal(At<int16_t>(data_, row), scale);
    case DUCKDB_TYPE_INTEGER:
        return Decimal(At<int32_t>(data_, row), scale);
    case DUCKDB_TYPE_BIGINT:
        return Decimal(At<int64_t>(data_, row), scale);
    case DUCKDB_TYPE_HUGEINT: {
        const auto value = At<duckdb_hugeint>(data_, row);
        return Decimal((static_cast<Int128>(value.upper) << 64) | static_cast<Int128>(value.lower), scale);
    }
    default:
        ThrowTypeMismatch("DECIMAL");
    }
}

int32_t ColumnView::DateDays(uint64_t row) const {
    if (type_ != DUCKDB_TYPE_DATE) {
        ThrowTypeMismatch("DATE");
    }
    return At<duckdb_date>(data_, row).days;
}

int64_t ColumnView::TimestampMicros(uint64_t row) const {
    if (type_ != DUCKDB_TYPE_TIMESTAMP && type_ != DUCKDB_TYPE_TIMESTAMP_TZ) {
        ThrowTypeMismatch("TIMESTAMP");
    }
    return At<duckdb_timestamp>(data_, row).micros;
}

DataChunk::DataChunk(DataChunkHandle handle)
    : handle_(std::move(handle)), size_(duckdb_data_chunk_get_size(handle_.get())) {
    const uint64_t count = duckdb_data_chunk_get_column_count(handle_.get());
    columns_.reserve(count);
    for (uint64_t i = 0; i < count; ++i) {
        duckdb_vector vector = duckdb_data_chunk_get_vector(handle_.get(), i);
        LogicalTypeHandle type(duckdb_vector_get_column_type(vector));
        const duckdb_type id = duckdb_get_type_id(type.get());
        columns_.emplace_back(vector, id, std::move(type));
    }
}

const ColumnView& DataChunk::Column(uint64_t index) const {
    CROSSWALK_ASSERT(index < columns_.size(), "column index out of range");
    return columns_[index];
}

Result::Result(Result&& other) noexcept : result_(other.result_), owns_(std::exchange(other.owns_, false)) {}

Result& Result::operator=(Result&& other) noexcept {
    if (this != &other) {
        if (owns_) {
            duckdb_destroy_result(&result_);
        }
        result_ = other.result_;
        owns_ = std::exchange(other.owns_, false);
    }
    return *this;
}

Result::~Result() {
    if (owns_) {
        duckdb_destroy_result(&result_);
    }
}

uint64_t Result::ColumnCount() {
    return duckdb_column_count(&result_);
}

std::string Result::ColumnName(uint64_t index) {
    const char* name = duckdb_column_name(&result_, index);
    return name != nullptr ? name : "";
}

duckdb_type Result::ColumnType(uint64_t index) {
    return duckdb_column_type(&result_, index);
}

uint64_t Result::RowsChanged() {
    return duckdb_rows_changed(&result_);
}

std::optional<DataChunk> Result::NextChunk() {
    CROSSWALK_ASSERT(owns_, "reading a moved-from result");
    duckdb_data_chunk chunk = duckdb_fetch_chunk(result_);
    if (chunk == nullptr) {
        return std::nullopt;
    }
    return DataChunk(DataChunkHandle(chunk));
}

DataChunk Result::FirstRowChunk() {
    auto chunk = NextChunk();
    while (chunk && chunk->Size() == 0) {
        chunk = NextChunk();
    }
    if (!chunk) {
        Throw(ErrorKind::kInternal, "expected a row, the query returned none");
    }
    return std::move(*chunk);
}

std::optional<int64_t> Result::ScalarInt64() {
    const DataChunk chunk = FirstRowChunk();
    const ColumnView& column = chunk.Column(0);
    return column.IsValid(0) ? std::optional(column.Int64(0)) : std::nullopt;
}

std::optional<std::string> Result::ScalarString() {
    const DataChunk chunk = FirstRowChunk();
    const ColumnView& column = chunk.Column(0);
    return column.IsValid(0) ? std::optional(std::string(column.String(0))) : std::nullopt;
}

std::optional<Decimal> Result::ScalarDecimal() {
    const DataChunk chunk = FirstRowChunk();
    const ColumnView& column = chunk.Column(0);
    return column.IsValid(0) ? std::optional(column.DecimalValue(0)) : std::nullopt;
}

std::vector<Result::TextRow> Result::TextRows() {
    std::vector<TextRow> rows;
    while (std::optional<DataChunk> chunk = NextChunk()) {
        for (uint64_t row = 0; row < chunk->Size(); ++row) {
            TextRow values;
            values.reserve(chunk->ColumnCount());
            for (uint64_t c = 0; c < chunk->ColumnCount(); ++c) {
                const ColumnView& column = chunk->Column(c);
                values.push_back(column.IsValid(row) ? std::optional(std::string(column.String(row))) : std::nullopt);
            }
            rows.push_back(std::move(values));
        }
    }
    return rows;
}

} // namespace crosswalk::store
