#include "crosswalk/store/database.hpp"

#include <string>

#include "crosswalk/common/error.hpp"
#include "crosswalk/store/store_error.hpp"

namespace crosswalk::store {
namespace {

void SetConfig(duckdb_config config, const char* name, const std::string& value) {
    if (duckdb_set_config(config, name, value.c_str()) == DuckDBError) {
        Throw(ErrorKind::kInternal, "DuckDB rejected the setting {}={}", name, value);
    }
}

} // namespace

Database Database::Open(const std::filesystem::path& path, const DatabaseOptions& options) {
    return OpenPath(path.string(), options);
}

Database Database::OpenInMemory(const DatabaseOptions& options) {
    return OpenPath(":memory:", options);
}

Database Database::OpenPath(const std::string& path, const DatabaseOptions& options) {
    duckdb_config raw_config = nullptr;
    if (duckdb_create_config(&raw_config) == DuckDBError) {
        Throw(ErrorKind::kInternal, "could not create a DuckDB configuration");
    }
    const ConfigHandle config(raw_config);
    SetConfig(config.get(), "autoinstall_known_extensions", "false");
    SetConfig(config.get(), "autoload_known_extensions", "false");
    if (options.read_only) {
        SetConfig(config.get(), "access_mode", "READ_ONLY");
    }
    if (options.threads) {
        SetConfig(config.get(), "threads", std::to_string(*options.threads));
    }
    if (!options.memory_limit.empty()) {
        SetConfig(config.get(), "memory_limit", options.memory_limit);
    }

    duckdb_database raw_database = nullptr;
    char* raw_error = nullptr;
    const duckdb_state state = duckdb_open_ext(path.c_str(), &raw_database, config.get(), &raw_error);
    DatabaseHandle database(raw_database);
    if (state == DuckDBError) {
        // The error string is ours to free (duckdb.h, duckdb_open_ext).
        std::string message = raw_error != nullptr ? raw_error : "unknown error";
        duckdb_free(raw_error);
        ThrowStoreError(message.find("IO Error") == 0 ? DUCKDB_ERROR_IO : DUCKDB_ERROR_CONNECTION, message, "");
    }
    return Database(std::move(database), path);
}

} // namespace crosswalk::store
