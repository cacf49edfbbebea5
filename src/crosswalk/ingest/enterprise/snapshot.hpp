// Inventories are snapshots: a new export of assets (or CIs, or the org) states the whole inventory, so loading it
// replaces what the earlier export said. Replacement happens inside the load's transaction: the older files'
// rows are deleted and the files marked `replaced` (with the id of the file that replaced them), before the new
// rows go in.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "crosswalk/ingest/enterprise/source_schema.hpp"
#include "crosswalk/store/connection.hpp"

namespace crosswalk::ingest::enterprise {

struct ReplacedFile {
    int64_t id = 0;
    std::string path;
    int64_t rows = 0; // rows deleted
};

// Replaces every active source file of `kind` except those in `keep` (the files of the new snapshot, including
// files of it that were already loaded) by `replacing_file_id`. Returns what it replaced, oldest first.
std::vector<ReplacedFile> ReplaceOlderSnapshot(store::Connection& connection, const KindSpec& kind,
                                               std::span<const int64_t> keep, int64_t replacing_file_id);

} // namespace crosswalk::ingest::enterprise
