// Loads FOCUS 1.0, 1.1 and 1.2 billing exports (CSV, gzip CSV, Parquet) into cost_line, checking every row
// against the FOCUS conformance rules: rows whose money, charge period or identity cannot be read are rejected
// into rejected_row with the rule id; rows with a deviation that does not stop correct accounting are loaded
// with the repair recorded on the row. Idempotent per file content; a newer file for the same provider, billing
// account and billing period replaces the older rows (providers restate bills).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "crosswalk/common/progress.hpp"
#include "crosswalk/ingest/focus/date_order.hpp"
#include "crosswalk/ingest/ingest_summary.hpp"
#include "crosswalk/store/transaction.hpp"
#include "crosswalk/workspace/workspace.hpp"

namespace crosswalk::ingest {

struct FocusIngestOptions {
    ProgressCallback progress; // reports how far each file's read is; empty: silent
    bool force = false;        // load files whose content was loaded before, each as the newest export
    // The provider of these files (crosswalk.yaml `provider:`, --provider): a file without a ProviderName column
    // takes it for every row; a file whose rows name another provider gets a warning.
    std::string provider;
    // The day/month order of non-ISO date-times (--date-order); kDetect: found in each file.
    focus::DateOrder date_order = focus::DateOrder::kDetect;
};

// Loads every file `patterns` name (files, folders, globs) as one load, in one transaction: if anything fails,
// the store is exactly as before. Throws crosswalk::Error naming the file for a file that is refused as a
// whole (not FOCUS, mandatory columns missing, broken CSV structure, truncated gzip).
//
// Restatement: for every billing key (ProviderName, BillingAccountId, SubAccountId, BillingPeriodStart) a file
// holds, the store keeps the rows of the newest export holding it (by modification time, see restatement.hpp),
// from this load or an earlier one. A content loaded once, replaced since or not, is skipped unless `force`.
IngestSummary IngestFocus(workspace::Workspace& workspace, std::span<const std::string> patterns,
                          const FocusIngestOptions& options, const std::vector<std::string>& command_line);

// The same inside the caller's transaction (which the caller commits, or rolls back on an exception); records
// its run. Relative paths are taken from the current folder; `workspace_root` makes the recorded paths relative.
IngestSummary IngestFocus(store::Transaction& transaction, const std::filesystem::path& workspace_root,
                          std::span<const std::string> patterns, const FocusIngestOptions& options,
                          const std::vector<std::string>& command_line);

// The result of checking files without loading them.
struct FocusValidation {
    struct File {
        std::string path;
        std::string focus_version;                      // detected; "" when the file is refused
        std::string refused;                            // why the whole file cannot be loaded; "" when it can
        RowCounts counts;                               // what a load would do
        std::vector<RuleCount> rules;                   // violated rules
        std::vector<std::vector<std::string>> examples; // per rule (same order): a few "row N: value" examples
        std::vector<std::string> warnings;
    };

    std::vector<File> files;
    std::vector<SkippedInput> skipped; // files a folder or glob held that are not read, and why

    // True when every file is readable and no rule fired.
    [[nodiscard]] bool Conformant() const;
};

// Runs the same checks as IngestFocus without changing the store. `examples_per_rule` rows are kept per rule;
// `date_order` as in FocusIngestOptions.
FocusValidation ValidateFocus(store::Connection& connection, std::span<const std::string> patterns,
                              const std::filesystem::path& base, int examples_per_rule = 3,
                              focus::DateOrder date_order = focus::DateOrder::kDetect);

} // namespace crosswalk::ingest
