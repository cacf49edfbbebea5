// What the reports over the allocation ledger share (report/ only).
#pragma once

#include <string>
#include <vector>

#include "crosswalk/report/report_period.hpp"
#include "crosswalk/store/connection.hpp"

namespace crosswalk::report::detail {

// Throws kNotFound, saying how to make one, when no allocation has been made yet (allocation_run is empty).
void RequireAllocation(store::Connection& connection);

// Empty when the latest allocation has every loaded billing file in it; else a sentence saying how many were
// loaded after it (by `crosswalk ingest`) and that `crosswalk run` allocates them.
[[nodiscard]] std::string StaleAllocationNote(store::Connection& connection);

// The month's cost of license contracts and entitlements (docs/tco.md: straight line over the term, through the
// installations that use each product to their applications; the latest run's TCO parts), as a query with the
// columns
// cost_center (the application's in the CMDB; for licenses no installation uses, the contract's or
// entitlement's), business_owner, application (NULL: on none), provider (the contract's vendor or the
// entitlement's publisher), service ('license: CONTRACT-ID'), currency, amount, detail. What the statements add
// to the bill, and the explain of a total lists.
[[nodiscard]] std::string LicenseCostSql(const Period& month);

// The latest run's TCO parts (tco_part) of `months` as a query: kNotFound before the first run that made them,
// kConflict for a billed month it did not cover.
[[nodiscard]] std::string TcoPartsSql(store::Connection& connection, const std::vector<Period>& months);

} // namespace crosswalk::report::detail
