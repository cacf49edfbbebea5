// A DuckDB database: one per workspace per process. Opening sets the settings every crosswalk connection
// needs (no extension auto-install or auto-load: the machines have no route to an extension server, and
// parquet, json and icu are built into libduckdb).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "crosswalk/store/handles.hpp"

namespace crosswalk::store {

struct DatabaseOptions {
    bool read_only = false;
    std::optional<int> threads; // DuckDB's default: all cores
    std::string memory_limit;   // e.g. "4GB"; empty = DuckDB's default (80% of RAM)
};

// Thread-safe: connections may be made from several threads.
class Database {
public:
    // Opens or creates the database file. Throws crosswalk::Error: kConflict when another process holds the
    // file's lock (the message names the process), kIo or kStore when it cannot be opened or is not a
    // DuckDB file.
    static Database Open(const std::filesystem::path& path, const DatabaseOptions& options = {});

    // A private in-memory database.
    static Database OpenInMemory(const DatabaseOptions& options = {});

    [[nodiscard]] duckdb_database Handle() const noexcept { return handle_.get(); }

    // The file path, or ":memory:".
    [[nodiscard]] const std::string& Path() const noexcept { return path_; }

private:
    Database(DatabaseHandle handle, std::string path) : handle_(std::move(handle)), path_(std::move(path)) {}

    static Database OpenPath(const std::string& path, const DatabaseOptions& options);

    DatabaseHandle handle_;
    std::string path_;
};

} // namespace crosswalk::store
