// A workspace: a folder with crosswalk.yaml, rules/ and the database file, like a dbt or Terraform project.
// Opening one loads the settings, opens the database and brings its schema up to date.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "crosswalk/store/connection.hpp"
#include "crosswalk/store/database.hpp"
#include "crosswalk/workspace/config.hpp"

namespace crosswalk::workspace {

enum class AccessMode { kReadWrite, kReadOnly };

struct InitResult {
    std::filesystem::path root;
    std::filesystem::path database;
    std::vector<std::string> created; // paths (relative to root) written by this call
    bool already_initialized = false; // crosswalk.yaml existed: nothing was overwritten
    int64_t schema_version = 0;
};

// Creates a workspace in `root` (made if missing). Idempotent: existing files are never overwritten, a
// missing database is created and an old one migrated.
InitResult InitWorkspace(const std::filesystem::path& root);

// Move-only. The database is thread-safe; Connect() gives each thread its own connection.
class Workspace {
public:
    // Throws a one-line crosswalk::Error: kNotFound when `root` or its crosswalk.yaml or the database file
    // is missing; kInvalidInput for a wrong crosswalk.yaml; kIo when the database file is damaged; kConflict
    // when another process holds the database's lock; kUnsupported when it was made by a newer crosswalk.
    // A writer that finds the database locked while `crosswalk serve` copies it (ServeCopyMarker exists) waits
    // for the copy, up to a minute, instead of failing.
    static Workspace Open(const std::filesystem::path& root, AccessMode mode = AccessMode::kReadWrite);

    // As Open, with the database at `database_path` instead of the one crosswalk.yaml names (a server's snapshot
    // of the workspace).
    static Workspace OpenWithDatabase(const std::filesystem::path& root, const std::filesystem::path& database_path,
                                      AccessMode mode);

    [[nodiscard]] const std::filesystem::path& Root() const noexcept { return root_; }

    [[nodiscard]] const WorkspaceConfig& Config() const noexcept { return config_; }

    [[nodiscard]] const std::filesystem::path& DatabasePath() const noexcept { return database_path_; }

    [[nodiscard]] store::Database& Database() noexcept { return *database_; }

    // A new connection to the workspace's database.
    [[nodiscard]] store::Connection Connect() const { return store::Connection(*database_); }

private:
    Workspace(std::filesystem::path root, WorkspaceConfig config, std::filesystem::path database_path,
              std::unique_ptr<store::Database> database);

    std::filesystem::path root_;
    WorkspaceConfig config_;
    std::filesystem::path database_path_;
    std::unique_ptr<store::Database> database_;
};

// The database path of a workspace: config.database resolved against root.
[[nodiscard]] std::filesystem::path ResolveDatabasePath(const std::filesystem::path& root,
                                                        const WorkspaceConfig& config);

// The file `crosswalk serve` keeps while it copies the workspace's database into its snapshot
// (root/.crosswalk/serve-copying): a writer that meets the copy's lock waits for it.
[[nodiscard]] std::filesystem::path ServeCopyMarker(const std::filesystem::path& root);

// Opens (creating if needed) the database file and migrates it to the latest schema.
[[nodiscard]] store::Database OpenDatabase(const std::filesystem::path& path, const WorkspaceConfig& config,
                                           AccessMode mode);

} // namespace crosswalk::workspace
