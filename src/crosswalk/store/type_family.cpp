#include "crosswalk/store/type_family.hpp"

namespace crosswalk::store {

TypeFamily FamilyOf(duckdb_type type) {
    switch (type) {
    case DUCKDB_TYPE_VARCHAR:
    case DUCKDB_TYPE_BLOB:
        return TypeFamily::kText;
    case DUCKDB_TYPE_BOOLEAN:
        return TypeFamily::kBoolean;
    case DUCKDB_TYPE_TINYINT:
    case DUCKDB_TYPE_SMALLINT:
    case DUCKDB_TYPE_INTEGER:
    case DUCKDB_TYPE_BIGINT:
    case DUCKDB_TYPE_HUGEINT:
    case DUCKDB_TYPE_UTINYINT:
    case DUCKDB_TYPE_USMALLINT:
    case DUCKDB_TYPE_UINTEGER:
    case DUCKDB_TYPE_UBIGINT:
    case DUCKDB_TYPE_UHUGEINT:
        return TypeFamily::kInteger;
    case DUCKDB_TYPE_DECIMAL:
        return TypeFamily::kDecimal;
    case DUCKDB_TYPE_FLOAT:
    case DUCKDB_TYPE_DOUBLE:
        return TypeFamily::kFloat;
    case DUCKDB_TYPE_DATE:
        return TypeFamily::kDate;
    case DUCKDB_TYPE_TIMESTAMP:
    case DUCKDB_TYPE_TIMESTAMP_S:
    case DUCKDB_TYPE_TIMESTAMP_MS:
    case DUCKDB_TYPE_TIMESTAMP_NS:
        return TypeFamily::kTimestamp;
    case DUCKDB_TYPE_TIMESTAMP_TZ:
        return TypeFamily::kTimestampTz;
    case DUCKDB_TYPE_MAP:
        return TypeFamily::kMap;
    case DUCKDB_TYPE_STRUCT:
        return TypeFamily::kStruct;
    default:
        return TypeFamily::kOther;
    }
}

} // namespace crosswalk::store
