// The parts of TCO (docs/tco.md): every cost in the model for a month, placed on an application (or on
// '(unassigned)') with the column of the TCO report it belongs to and where it came from. The TCO, business
// service, unit cost and explain reports all read these parts, so they add up alike, and for every month and
// currency the parts add up to all cost in the model exactly: the bill (amortized, after allocation), the
// assets' depreciation, the contracts the bill does not show, entitlements bought outside a contract, and the
// ledger lines no other source explains.
#pragma once

#include <string>
#include <vector>

#include "crosswalk/report/report_period.hpp"
#include "crosswalk/rules/rule_set.hpp"
#include "crosswalk/store/connection.hpp"

namespace crosswalk::report::tco {

struct TcoInputs {
    rules::LicensingRules licensing; // the workspace's (the shipped defaults apply under them)
    rules::VendorRules vendors;      // the workspace's (the shipped defaults apply under them)
    rules::AllocationRules allocation;
};

// A SELECT of the parts of the given months (each must have an allocation holding its bill: kConflict otherwise)
// with the columns period (YYYY-MM), application ('(unassigned)' for cost no rule places), business_service
// (the application's, through ci_relation depends_on; NULL for none), col (cloud_direct, cloud_shared,
// licenses, depreciation, contracts, labor), source (bill, asset, installation, contract, entitlement,
// ledger), ref (the allocation step or 'direct', asset_tag, installation_id, contract_id, entitlement_id,
// ledger account and cost center), detail (how it reached the application, for people), cloud (whether a
// cloud bill charges it), host (the asset or cloud VM it reached the application through, NULL for none), currency
// and amount (DECIMAL(38,18)). Computed once per month and returned as
// literal rows: a few hundred a month, whatever the size of the bill.
// `check_allocation` false: a month whose bill changed since the allocation is computed anyway (its bill parts are
// the allocation's), for the statements that note a stale allocation instead of refusing it.
[[nodiscard]] std::string PartsSql(store::Connection& connection, const TcoInputs& inputs,
                                   const std::vector<Period>& months, bool check_allocation = true);

// The months of `year` that have cost lines, in order (none: empty).
[[nodiscard]] std::vector<Period> BilledMonthsOf(store::Connection& connection, int year);

// Whether cost lines are loaded for `month`.
[[nodiscard]] bool IsBilled(store::Connection& connection, const Period& month);

} // namespace crosswalk::report::tco
