// What a workspace has loaded, per source kind (`crosswalk status`): active files, rows stored from them, rows
// rejected, the period the data covers and when it was last loaded. Replaced files do not count.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "crosswalk/store/connection.hpp"

namespace crosswalk::ingest {

struct SourceStatus {
    std::string kind;     // one of workspace::SourceKinds()
    int64_t files = 0;    // active source files
    int64_t rows = 0;     // rows stored from them (cost lines for focus; both org tables for org)
    int64_t rejected = 0; // rows of them that were rejected
    // The months the data covers, both inclusive: "YYYY-MM" (for focus, the month of the last billing period's
    // last day); "" when nothing is loaded or the kind is not dated.
    std::string period_start;
    std::string period_end;
    std::string last_loaded; // "YYYY-MM-DD HH:MM:SS" UTC of the newest active file; "" when none
};

// One entry per kind, in the order of workspace::SourceKinds(). Read-only.
[[nodiscard]] std::vector<SourceStatus> LoadedSources(store::Connection& connection);

} // namespace crosswalk::ingest
