// What a load reports, for every kind of source: per file, whether it was skipped as already loaded, its row
// counts, how often each rule fired, and file-level warnings. The CLI prints it; tests check it.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "crosswalk/ingest/input_files.hpp"
#include "crosswalk/ingest/source_file_registry.hpp"

namespace crosswalk::ingest {

// How often one rule fired in one file, and what it did.
struct RuleCount {
    std::string rule_id;   // e.g. "ChargeCategory-C-003-M", or a crosswalk rule id for enterprise sources
    std::string column;    // the column it concerns ("" for a file-level rule)
    std::string action;    // "reject", or the repair applied ("case_fixed", "normalized_datetime", ...)
    int64_t rows = 0;      // rows it fired on
    int64_t first_row = 0; // the first such data row (1-based), as an example
};

struct FileOutcome {
    std::string path;
    int64_t source_file_id = 0;     // 0 when skipped
    bool skipped_unchanged = false; // the same content is already loaded
    bool replaced_since = false;    // skipped, and that earlier file was since replaced by a newer export
    int64_t superseded_rows = 0;    // loaded rows not kept: a newer export of their billing key exists
    RowCounts counts;
    std::vector<RuleCount> rules;      // sorted by rows, descending
    std::vector<std::string> warnings; // file-level notes (unknown columns, replaced files, ...)
};

struct IngestSummary {
    int64_t run_id = 0;
    std::string kind;
    std::vector<FileOutcome> files;
    std::vector<SkippedInput> skipped; // files a folder or glob held that are not read, and why

    [[nodiscard]] RowCounts Totals() const {
        RowCounts totals;
        for (const FileOutcome& file : files) {
            totals.read += file.counts.read;
            totals.loaded += file.counts.loaded;
            totals.repaired += file.counts.repaired;
            totals.rejected += file.counts.rejected;
        }
        return totals;
    }
};

} // namespace crosswalk::ingest
