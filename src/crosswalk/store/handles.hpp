// Move-only owners for DuckDB's pointer-shaped C handles. Each deleter calls the matching duckdb_destroy_*
// (or disconnect/close) that the C API requires even after a failed create.
#pragma once

#include <memory>

#include <duckdb.h>

namespace crosswalk::store {

struct DatabaseDeleter {
    void operator()(duckdb_database handle) const noexcept { duckdb_close(&handle); }
};

struct ConnectionDeleter {
    void operator()(duckdb_connection handle) const noexcept { duckdb_disconnect(&handle); }
};

struct PreparedDeleter {
    void operator()(duckdb_prepared_statement handle) const noexcept { duckdb_destroy_prepare(&handle); }
};

struct LogicalTypeDeleter {
    void operator()(duckdb_logical_type handle) const noexcept { duckdb_destroy_logical_type(&handle); }
};

struct DataChunkDeleter {
    void operator()(duckdb_data_chunk handle) const noexcept { duckdb_destroy_data_chunk(&handle); }
};

struct ValueDeleter {
    void operator()(duckdb_value handle) const noexcept { duckdb_destroy_value(&handle); }
};

struct ErrorDataDeleter {
    void operator()(duckdb_error_data handle) const noexcept { duckdb_destroy_error_data(&handle); }
};

struct ConfigDeleter {
    void operator()(duckdb_config handle) const noexcept { duckdb_destroy_config(&handle); }
};

using DatabaseHandle = std::unique_ptr<_duckdb_database, DatabaseDeleter>;
using ConnectionHandle = std::unique_ptr<_duckdb_connection, ConnectionDeleter>;
using PreparedHandle = std::unique_ptr<_duckdb_prepared_statement, PreparedDeleter>;
using LogicalTypeHandle = std::unique_ptr<_duckdb_logical_type, LogicalTypeDeleter>;
using DataChunkHandle = std::unique_ptr<_duckdb_data_chunk, DataChunkDeleter>;
using ValueHandle = std::unique_ptr<_duckdb_value, ValueDeleter>;
using ErrorDataHandle = std::unique_ptr<_duckdb_error_data, ErrorDataDeleter>;
using ConfigHandle = std::unique_ptr<_duckdb_config, ConfigDeleter>;

} // namespace crosswalk::store
