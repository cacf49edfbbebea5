#include "crosswalk/workspace/workspace.hpp"

#include <chrono>
#include <fstream>
#include <system_error>
#include <thread>

#include "crosswalk/common/embedded_file.hpp"
#include "crosswalk/common/error.hpp"
#include "crosswalk/common/text.hpp"
#include "crosswalk/model/migrator.hpp"
#include "crosswalk/model/taxonomy_data.hpp"

namespace crosswalk::workspace {

std::span<const EmbeddedFile> WorkspaceTemplateFiles(); // generated from workspace/templates/ by CMake

namespace {

namespace fs = std::filesystem;

store::DatabaseOptions OptionsFor(const WorkspaceConfig& config, AccessMode mode) {
    store::DatabaseOptions options;
    options.read_only = mode == AccessMode::kReadOnly;
    options.threads = config.threads;
    options.memory_limit = config.memory_limit;
    return options;
}

// Writes `text` to root/relative unless the file exists; records what it wrote.
void WriteIfMissing(const fs::path& root, const fs::path& relative, std::string_view text,
                    std::vector<std::string>& created) {
    const fs::path path = root / relative;
    if (fs::exists(path)) {
        return;
    }
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out << text;
    out.close();
    if (!out) {
        Throw(ErrorKind::kIo, "cannot write {}", path.string());
    }
    created.push_back(relative.generic_string());
}

// Opens the file at `path` and wraps DuckDB's failure into a one-line message naming the file.
store::Database OpenFile(const fs::path& path, const store::DatabaseOptions& options) {
    try {
        return store::Database::Open(path, options);
    } catch (const Error& error) {
        const std::string message = FirstLine(error.Message());
        if (error.Kind() == ErrorKind::kConflict) {
            Throw(ErrorKind::kConflict,
                  "database {} is in use by another process ({}); stop it or wait for it to "
                  "finish",
                  path.string(), message);
        }
        Throw(error.Kind() == ErrorKind::kInternal ? ErrorKind::kInternal : ErrorKind::kIo,
              "cannot open database {}: {}", path.string(), message);
    }
}

// Brings the schema up to date and loads the shipped taxonomy (part of the schema's content: a binary with
// newer tables replaces the older rows). A migration is checkpointed at once. DuckDB 1.4.4 cannot replay a
// WAL holding migration 0002's ALTER TABLE ... ADD COLUMN on a table with a CHECK that calls a function
// ("Calling DatabaseManager::GetDefaultDatabase with no default database set"). So a database whose
// migrations are only in the WAL cannot be opened again, and a failed load or a killed process would leave
// one behind (TaxonomyDataCrashTest). The taxonomy load is plain inserts and deletes, which replay fine.
void MigrateAndLoad(store::Connection& connection) {
    if (model::Migrate(connection) > 0) {
        connection.Execute("CHECKPOINT");
    }
    (void)model::LoadShippedTaxonomy(connection);
}

} // namespace

fs::path ResolveDatabasePath(const fs::path& root, const WorkspaceConfig& config) {
    return config.database.is_absolute() ? config.database : root / config.database;
}

store::Database OpenDatabase(const fs::path& path, const WorkspaceConfig& config, AccessMode mode) {
    if (mode == AccessMode::kReadOnly && fs::exists(path)) {
        // A current database opens read-only at once, so that readers never take the write lock (several
        // readers at a time, e.g. tests or a server, and none of them blocks the others).
        store::Database database = OpenFile(path, OptionsFor(config, AccessMode::kReadOnly));
        bool current = false;
        {
            store::Connection connection(database);
            current = model::CurrentSchemaVersion(connection) == model::LatestSchemaVersion() &&
                      model::ShippedTaxonomyIsCurrent(connection);
        }
        if (current) {
            return database;
        }
    }
    {
        // Migrations need write access: a read-only open of an outdated file first migrates it read-write.
        store::Database database = OpenFile(path, OptionsFor(config, AccessMode::kReadWrite));
        if (mode == AccessMode::kReadWrite) {
            store::Connection connection(database);
            MigrateAndLoad(connection);
            return database;
        }
        store::Connection connection(database);
        MigrateAndLoad(connection);
    }
    return OpenFile(path, OptionsFor(config, AccessMode::kReadOnly));
}

InitResult InitWorkspace(const fs::path& root) {
    std::error_code error;
    fs::create_directories(root, error);
    if (error) {
        Throw(ErrorKind::kIo, "cannot create workspace folder {}: {}", root.string(), error.message());
    }
    InitResult result;
    result.root = fs::absolute(root).lexically_normal();
    const fs::path config_path = root / kConfigFileName;
    result.already_initialized = fs::exists(config_path);
    const std::string name = result.root.filename().empty() ? result.root.parent_path().filename().string()
                                                            : result.root.filename().string();
    WriteIfMissing(root, kConfigFileName, DefaultConfigText(name), result.created);
    const WorkspaceConfig config = LoadConfig(config_path);
    for (const EmbeddedFile& file : WorkspaceTemplateFiles()) {
        WriteIfMissing(root, fs::path(file.path), file.bytes, result.created);
    }
    // The database is built from the inputs and rules: version-control those, not it; nor .crosswalk/, the
    // server's users and snapshots.
    const std::string database_name = config.database.filename().string();
    WriteIfMissing(root, ".gitignore", fmt::format("{0}\n{0}.wal\n.crosswalk/\n", database_name), result.created);

    result.database = ResolveDatabasePath(root, config);
    const bool database_existed = fs::exists(result.database);
    store::Database database = OpenDatabase(result.database, config, AccessMode::kReadWrite);
    if (!database_existed) {
        result.created.push_back(config.database.generic_string());
    }
    store::Connection connection(database);
    result.schema_version = model::CurrentSchemaVersion(connection);
    return result;
}

Workspace::Workspace(fs::path root, WorkspaceConfig config, fs::path database_path,
                     std::unique_ptr<store::Database> database)
    : root_(std::move(root)),
      config_(std::move(config)),
      database_path_(std::move(database_path)),
      database_(std::move(database)) {}

fs::path ServeCopyMarker(const fs::path& root) {
    return root / ".crosswalk" / "serve-copying";
}

Workspace Workspace::Open(const fs::path& root, AccessMode mode) {
    return OpenWithDatabase(root, {}, mode);
}

Workspace Workspace::OpenWithDatabase(const fs::path& root, const fs::path& database_override, AccessMode mode) {
    if (!fs::is_directory(root)) {
        Throw(ErrorKind::kNotFound, "workspace folder {} does not exist; create one with `crosswalk init {}`",
              root.string(), root.string());
    }
    const fs::path config_path = root / kConfigFileName;
    if (!fs::exists(config_path)) {
        Throw(ErrorKind::kNotFound, "{} is not a crosswalk workspace (no {}); create one with `crosswalk init {}`",
              root.string(), kConfigFileName, root.string());
    }
    WorkspaceConfig config = LoadConfig(config_path);
    fs::path database_path = database_override.empty() ? ResolveDatabasePath(root, config) : database_override;
    if (!fs::exists(database_path)) {
        Throw(ErrorKind::kNotFound, "database {} of workspace {} does not exist; `crosswalk init {}` creates it",
              database_path.string(), root.string(), root.string());
    }
    std::unique_ptr<store::Database> database;
    // A server's copy holds a read lock for a moment: a writer waits for it (a minute at most), else fails.
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::minutes(1);
    for (bool retried = false;; retried = true) {
        try {
            database = std::make_unique<store::Database>(OpenDatabase(database_path, config, mode));
            break;
        } catch (const Error& error) {
            const bool copying = fs::exists(ServeCopyMarker(root)) || !retried;
            if (error.Kind() != ErrorKind::kConflict || mode != AccessMode::kReadWrite || !copying ||
                std::chrono::steady_clock::now() > give_up) {
                throw;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }
    return Workspace(fs::absolute(root).lexically_normal(), std::move(config), std::move(database_path),
                     std::move(database));
}

} // namespace crosswalk::workspace
