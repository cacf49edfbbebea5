// Allocation: every cent of cost placed, first where enrichment put it (direct cost), then through the ordered,
// effective-dated steps of rules/allocation.yaml (even, proportional, fixed, driver), each spreading a pool of
// what earlier steps left, so a later step may spread an earlier one's result (step-down). Splits are exact:
// per pool (step, month, billing currency, provider) and basis (BilledCost, EffectiveCost) the shares add up
// to the pool, by largest remainder in the currency's minor unit. The result is a ledger kept per run
// (allocation_line) that later reports, `explain` and `diff` read. docs/allocation.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "crosswalk/common/error.hpp"
#include "crosswalk/rules/rule_set.hpp"
#include "crosswalk/store/transaction.hpp"

namespace crosswalk::allocate {

// Per billing currency: where the cost stands after allocation. Amounts are exact decimal text.
struct CurrencyPosition {
    std::string currency;
    std::string effective_total;       // Σ EffectiveCost of the cost lines
    std::string effective_shared;      // of which moved by a step
    std::string effective_unallocated; // of which on no cost center at the end
};

struct AllocationSummary {
    int64_t run_id = 0;
    int64_t periods = 0;
    int64_t steps = 0;
    int64_t pools = 0;           // pools spread
    int64_t pools_left = 0;      // pools no target had a weight for, left where they were
    int64_t lines = 0;           // rows written to allocation_line
    int64_t files_summed = 0;    // FOCUS files whose cost lines this run summed (new, or changed by a restatement)
    int64_t files_unchanged = 0; // files whose sums an earlier run made and this one reused
    std::vector<CurrencyPosition> currencies;
    std::vector<std::string> warnings; // one line each: a step that left pools (which months, and why)
};

// Allocates the cost lines of cost_line_enriched by `rules.allocation` as run `run_id`, writing allocation_run,
// allocation_step, allocation_pool and allocation_line inside `transaction` (nothing is committed here). Driver
// files are read relative to `workspace_root`. Throws crosswalk::Error (kInvalidInput) naming the file and
// line for an unknown target, a driver file that is missing, lacks a column, or has a row whose day, target or
// quantity is not valid; kInternal if the ledger does not conserve the cost lines' totals (a bug). Cost grows
// with the positions (month × currency × distinct dimensions) and pools × targets; of the cost lines, only
// those of files not summed before are grouped (cost_line_sum), the others read once per run for their
// files' counts and totals.
AllocationSummary Allocate(store::Transaction& transaction, const rules::RuleSet& rules,
                           const std::filesystem::path& workspace_root, int64_t run_id);

// What `crosswalk rules check` can know of `rules.allocation` from the loaded data without allocating: every
// target a step names is one the CMDB, the org file or the enriched cost knows, and every driver file exists and
// reads (its columns, days, targets and quantities), exactly as the allocate stage would check them. One error
// per step at fault, in file order. Creates and drops TEMP tables only, so a read-only connection will do.
[[nodiscard]] std::vector<Error> CheckAllocationInputs(store::Connection& connection, const rules::RuleSet& rules,
                                                       const std::filesystem::path& workspace_root);

} // namespace crosswalk::allocate
