// Loads enterprise sources (assets, entitlements, installations, CMDB CIs and relations, contracts, ledger,
// budgets, org, metrics) from CSV or JSON into their tables, validated, as snapshots.
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "crosswalk/ingest/ingest_summary.hpp"
#include "crosswalk/store/transaction.hpp"
#include "crosswalk/workspace/workspace.hpp"

namespace crosswalk::ingest {

struct EnterpriseIngestOptions {
    std::filesystem::path mapping; // optional column-mapping file (Snipe-IT, GLPI, ServiceNow exports, ...)
    bool append = false;           // add to the loaded snapshot instead of replacing it
    // Files, folders or globs of the other sources of the same kind in one configured run (crosswalk.yaml lists
    // the kind several times, say with different mappings): they are part of the same snapshot, so their files
    // already loaded are kept rather than replaced.
    std::vector<std::string> same_snapshot;
};

// Loads the files `patterns` name as `kind` (one of workspace::SourceKinds() other than "focus"), in one
// transaction: on any error the store is unchanged. Throws crosswalk::Error for a file that cannot be read at
// all; rows that fail validation are rejected into rejected_row and counted.
IngestSummary IngestEnterprise(workspace::Workspace& workspace, std::string_view kind,
                               std::span<const std::string> patterns, const EnterpriseIngestOptions& options,
                               const std::vector<std::string>& command_line);

// The same inside the caller's transaction (which the caller commits, or rolls back on an exception); records
// its run. Relative paths are taken from the current folder; `workspace_root` makes the recorded paths relative.
IngestSummary IngestEnterprise(store::Transaction& transaction, const std::filesystem::path& workspace_root,
                               std::string_view kind, std::span<const std::string> patterns,
                               const EnterpriseIngestOptions& options, const std::vector<std::string>& command_line);

} // namespace crosswalk::ingest
