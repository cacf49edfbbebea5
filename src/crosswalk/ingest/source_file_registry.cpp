#include "crosswalk/ingest/source_file_registry.hpp"

#include "crosswalk/common/error.hpp"

namespace crosswalk::ingest {

InputFile RecordedInputFile(const InputFile& file, const std::filesystem::path& workspace_root) {
    namespace fs = std::filesystem;
    std::error_code error;
    const fs::path absolute = fs::weakly_canonical(fs::absolute(file.path), error);
    const fs::path workspace = fs::weakly_canonical(fs::absolute(workspace_root), error);
    InputFile recorded = file;
    if (!error) {
        const fs::path relative = absolute.lexically_relative(workspace);
        if (!relative.empty() && *relative.begin() != "..") {
            recorded.path = relative;
        }
    }
    return recorded;
}

std::optional<int64_t> FindLoadedFile(store::Connection& connection, std::string_view kind,
                                      std::string_view content_sha256, LoadedFiles which, int64_t run_id) {
    return connection
        .Prepare("SELECT max(id) FROM source_file WHERE kind = $1 AND content_sha256 = $2 "
                 "AND CASE $3 WHEN 'active' THEN status = 'active' WHEN 'run' THEN run_id = $4 ELSE true END")
        .Execute(kind, content_sha256,
                 which == LoadedFiles::kActive ? "active" : (which == LoadedFiles::kOfRun ? "run" : "ever"), run_id)
        .ScalarInt64();
}

int64_t RegisterFile(store::Connection& connection, int64_t run_id, std::string_view kind, const InputFile& file,
                     std::string_view content_sha256) {
    return connection
        .Prepare("INSERT INTO source_file (run_id, kind, path, content_sha256, size_bytes, format) "
                 "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
        .Execute(run_id, kind, std::string_view(file.path.string()), content_sha256,
                 static_cast<int64_t>(file.size_bytes), FileFormatName(file.format))
        .ScalarInt64()
        .value_or(0);
}

void RecordCounts(store::Connection& connection, int64_t source_file_id, const RowCounts& counts) {
    CROSSWALK_ASSERT(counts.read == counts.loaded + counts.rejected, "every row read is either loaded or rejected");
    CROSSWALK_ASSERT(counts.repaired <= counts.loaded, "repaired rows are loaded rows");
    connection
        .Prepare("UPDATE source_file SET rows_read = $2, rows_loaded = $3, rows_repaired = $4, rows_rejected = $5 "
                 "WHERE id = $1")
        .Execute(source_file_id, counts.read, counts.loaded, counts.repaired, counts.rejected);
}

} // namespace crosswalk::ingest
