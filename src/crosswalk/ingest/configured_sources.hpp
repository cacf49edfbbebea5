// Loads the inputs a workspace's crosswalk.yaml lists under `sources`, so that `crosswalk ingest` alone brings
// the whole workspace up to date. Each kind is one load (one run, one snapshot), in the order the file first
// names it: list the org and CMDB before what refers to them, billing before installations on cloud hosts. All
// of them are one transaction: if any file is refused, the store is exactly as before.
#pragma once

#include <string_view>
#include <vector>

#include "crosswalk/ingest/focus/focus_ingest.hpp"
#include "crosswalk/ingest/ingest_summary.hpp"
#include "crosswalk/store/transaction.hpp"
#include "crosswalk/workspace/workspace.hpp"

namespace crosswalk::ingest {

// Loads every configured source, or only those of `kind` when it is not empty. Files already loaded are
// skipped as usual. Throws crosswalk::Error kNotFound when crosswalk.yaml lists no source (of that kind).
std::vector<IngestSummary> IngestConfiguredSources(workspace::Workspace& workspace, std::string_view kind,
                                                   const FocusIngestOptions& focus_options);

// The same inside the caller's transaction (a pipeline run), which the caller commits or rolls back.
std::vector<IngestSummary> IngestConfiguredSources(store::Transaction& transaction,
                                                   const workspace::Workspace& workspace, std::string_view kind,
                                                   const FocusIngestOptions& focus_options);

} // namespace crosswalk::ingest
