// What an allocation step spreads over (allocate/ only): the known targets of each dimension with the
// dimensions a share inherits, and each method's weights per month, as TEMP tables the step's SQL joins.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

#include "crosswalk/rules/rule_set.hpp"
#include "crosswalk/store/connection.hpp"

namespace crosswalk::allocate::detail {

// TEMP TABLE alloc_target(dimension, target, application, business_service, cost_center, business_unit, owner):
// every application (CMDB application CIs and values enrichment found), business service, cost center and
// business unit a step may name, with what a share to it carries: an application's business service (the one
// service that depends on it), cost center, business unit and owner from its CI; a cost center's business unit
// and owner; a business unit's owner.
void BuildTargets(store::Connection& connection);

// Throws kInvalidInput at the rule's line for a target or fixed weight of `step` that alloc_target does not
// know for the step's dimension, with a did-you-mean.
void CheckTargets(store::Connection& connection, const rules::AllocationStep& step);

// TEMP TABLE alloc_weight(period, currency, target, weight) for the months of alloc_pool: even 1 per target,
// fixed the percent, proportional the targets' amortized direct cost (step 0 of run `run_id`, leaving out the
// cost the pool itself selects: a fee does not weigh for its own share) or what an earlier step gave them, driver the
// quantities of the driver file summed per month. currency NULL: any. Weights <= 0 are left out. Returns the driver
// file's SHA-256 (driver steps), else "".
std::string BuildWeights(store::Connection& connection, const rules::AllocationStep& step,
                         const std::map<std::string, int>& step_numbers, const std::filesystem::path& workspace_root,
                         int64_t run_id);

// Reads and checks the driver file of a driver step (into TEMP TABLE alloc_driver) as BuildWeights does; throws
// kInvalidInput naming the file, line and column. Returns the file's SHA-256.
std::string ReadDriverFile(store::Connection& connection, const rules::AllocationStep& step,
                           const std::filesystem::path& workspace_root);

// The SQL condition of a pool (every condition holds), over the columns of alloc_position; "TRUE" when empty.
[[nodiscard]] std::string PoolCondition(const rules::AllocationStep& step);

} // namespace crosswalk::allocate::detail
