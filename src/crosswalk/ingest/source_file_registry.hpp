// The `source_file` table: one row per input file loaded. Used by every loader to skip a file whose content is
// already loaded, to register a new one, and to record its row counts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "crosswalk/ingest/input_files.hpp"
#include "crosswalk/store/connection.hpp"

namespace crosswalk::ingest {

struct RowCounts {
    int64_t read = 0;     // data rows in the file
    int64_t loaded = 0;   // rows stored
    int64_t repaired = 0; // rows stored with a repair recorded (a subset of loaded)
    int64_t rejected = 0; // rows kept out, each with its reasons in rejected_row; read = loaded + rejected
};

// The file as `source_file` records it: its path relative to the workspace root when the file is inside the
// workspace (so a workspace can move), else as given.
[[nodiscard]] InputFile RecordedInputFile(const InputFile& file, const std::filesystem::path& workspace_root);

// Which earlier loads FindLoadedFile looks at.
enum class LoadedFiles {
    kActive, // files whose rows are held (an enterprise snapshot loaded again replaces the newer one)
    kEver,   // every file ever loaded, replaced or not (a billing export once superseded stays so)
    kOfRun,  // only the files of the run given (the same content twice in one load counts once)
};

// The id of the latest source file of `kind` with this content among `which` (`run_id` for kOfRun), if any.
[[nodiscard]] std::optional<int64_t> FindLoadedFile(store::Connection& connection, std::string_view kind,
                                                    std::string_view content_sha256,
                                                    LoadedFiles which = LoadedFiles::kActive, int64_t run_id = 0);

// Registers a file about to be loaded and returns its id.
int64_t RegisterFile(store::Connection& connection, int64_t run_id, std::string_view kind, const InputFile& file,
                     std::string_view content_sha256);

// Records the counts once the file is loaded. Checks rows read = loaded + rejected.
void RecordCounts(store::Connection& connection, int64_t source_file_id, const RowCounts& counts);

} // namespace crosswalk::ingest
