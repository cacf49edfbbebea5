// DuckDB's many type ids grouped into the families crosswalk treats alike (all integer widths, all timestamp
// precisions), so that callers switch over a handful of cases.
#pragma once

#include <string_view>

#include <duckdb.h>

namespace crosswalk::store {

enum class TypeFamily {
    kText, // VARCHAR, BLOB
    kBoolean,
    kInteger, // every signed and unsigned width
    kDecimal,
    kFloat, // FLOAT, DOUBLE
    kDate,
    kTimestamp, // TIMESTAMP of any precision, without a time zone
    kTimestampTz,
    kMap,
    kStruct,
    kOther,
};

[[nodiscard]] TypeFamily FamilyOf(duckdb_type type);

[[nodiscard]] constexpr bool IsNumeric(TypeFamily family) {
    return family == TypeFamily::kInteger || family == TypeFamily::kDecimal || family == TypeFamily::kFloat;
}

} // namespace crosswalk::store
