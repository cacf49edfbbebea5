// The one pipeline: every stage of crosswalk (today: loading every configured source, enrichment and
// allocation; next: license position, reconciliation, ...) composed in one transaction, so that a run either happens
// whole or leaves the store as it was. `crosswalk run`, `crosswalk demo` and later the server call it; a stage
// never prints: it returns what it did, and reports progress through the callback.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "crosswalk/allocate/allocation.hpp"
#include "crosswalk/common/progress.hpp"
#include "crosswalk/enrich/enrichment.hpp"
#include "crosswalk/ingest/ingest_summary.hpp"
#include "crosswalk/rules/rule_set.hpp"
#include "crosswalk/store/transaction.hpp"
#include "crosswalk/workspace/workspace.hpp"

namespace crosswalk::pipeline {

struct RunOptions {
    bool force = false;                 // FOCUS files loaded again even if their content was loaded before
    ProgressCallback progress;          // empty: silent
    std::vector<std::string> arguments; // the command line, recorded on the run
};

// What one stage did, for the caller to show.
struct StageResult {
    std::string stage;                                     // its name, e.g. "ingest"
    std::vector<ingest::IngestSummary> ingest;             // the loads of the ingest stage, one per source kind
    std::optional<enrich::EnrichmentSummary> enrichment;   // what the enrich stage did
    std::optional<allocate::AllocationSummary> allocation; // what the allocate stage did
    std::vector<std::string> notes;                        // one line each, for people
};

// What a stage gets: the workspace it runs on, the run's options and the workspace's rules (read, strictly,
// before any stage runs, so that a broken rule file fails the run before a long load).
struct RunContext {
    const workspace::Workspace& workspace;
    const RunOptions& options;
    const rules::RuleSet& rules;
    int64_t run_id = 0; // the `run` row this run records (allocation results are kept per run)
};

// A stage works inside the run's transaction and throws crosswalk::Error to abort the whole run.
struct Stage {
    std::string name;
    std::function<StageResult(store::Transaction&, const RunContext&)> run;
};

struct RunResult {
    std::vector<StageResult> stages;
};

// The stages `crosswalk run` runs, in order.
[[nodiscard]] std::vector<Stage> DefaultStages();

// Whether the dimensions of cost_line_enriched are up to date (`crosswalk status`).
struct EnrichmentStatus {
    int64_t keys = 0;                 // distinct enrichment keys
    std::string last_run;             // "YYYY-MM-DD HH:MM:SS" UTC of the newest succeeded `run`; "" when none
    std::string rules_sha256;         // the rules that run applied ("" for none)
    int64_t focus_files_pending = 0;  // active FOCUS files whose lines are not enriched yet
    int64_t sources_loaded_since = 0; // active enterprise files (CMDB, assets, org, ...) loaded after that run
    bool rules_changed = false;       // the workspace's rules/ files differ from what that run applied
    bool rules_valid = true;          // the rules/ files read without error

    [[nodiscard]] bool UpToDate() const {
        return !last_run.empty() && focus_files_pending == 0 && sources_loaded_since == 0 && !rules_changed;
    }
};

// Read-only.
[[nodiscard]] EnrichmentStatus ReadEnrichmentStatus(store::Connection& connection,
                                                    const std::filesystem::path& workspace_root);

// Runs `stages` in order in one transaction and commits. On an error the store is unchanged, the failure is
// recorded in `run`, and the error is rethrown.
RunResult Run(workspace::Workspace& workspace, const std::vector<Stage>& stages, const RunOptions& options);

} // namespace crosswalk::pipeline
