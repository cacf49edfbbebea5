// The parts of TCO (docs/tco.md): every cost in the model for a month, placed on an application (or on
// '(unassigned)') with the column of the TCO report it belongs to and where it came from. The TCO, business
// service, unit cost and explain reports all read these parts, so they add up alike, and for every month and
// currency the parts add up to all cost in the model exactly: the bill (amortized, after allocation), the
// assets' depreciation, the contracts the bill does not show, entitlements bought outside a contract, and the
// ledger lines no other source explains.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "crosswalk/analyze/depreciation.hpp"
#include "crosswalk/rules/rule_set.hpp"
#include "crosswalk/store/connection.hpp"

namespace crosswalk::analyze::tco {

struct TcoInputs {
    rules::LicensingRules licensing; // the workspace's (the shipped defaults apply under them)
    rules::VendorRules vendors;      // the workspace's (the shipped defaults apply under them)
    rules::AllocationRules allocation;
};

// The parts of one month (YYYY-MM) as a query with the columns period (YYYY-MM), application ('(unassigned)'
// for cost no rule places), business_service (the application's, through ci_relation depends_on; NULL for
// none), col (cloud_direct, cloud_shared, licenses, depreciation, contracts, labor), source (bill, asset,
// contract, entitlement, ledger), ref (the allocation step or 'direct', asset_tag,
// "installation_id (contract_id)", contract_id, entitlement_id, ledger account and cost center), detail (how it
// reached the application, for people), cloud (whether a cloud bill charges it), host (the asset or cloud VM it
// reached the application through, NULL for none), currency and amount. A row per application and source
// reference: they grow with installations and assets, not with billing rows. The bill's part is the latest
// allocation's.
[[nodiscard]] std::string MonthPartsSql(store::Connection& connection, const TcoInputs& inputs, MonthIndex month);

// The `cost` stage of `crosswalk run`: the parts of every month with cost lines written to tco_part under
// `run_id` (after the allocation of the same run), the parts of earlier runs removed. Returns the rows written.
int64_t WriteParts(store::Connection& connection, const TcoInputs& inputs, int64_t run_id);

// The months of `year` that have cost lines, in order (none: empty).
[[nodiscard]] std::vector<MonthIndex> BilledMonthsOf(store::Connection& connection, int year);

// The last day of `month`, YYYY-MM-DD (the as-of date of its license count).
[[nodiscard]] std::string LastDayOf(MonthIndex month);

// Whether cost lines are loaded for `month`.
[[nodiscard]] bool IsBilled(store::Connection& connection, MonthIndex month);

} // namespace crosswalk::analyze::tco
