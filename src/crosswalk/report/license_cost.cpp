// License contracts and entitlements as cost per cost center and application: the TCO parts' license cost that
// no bill charges (tco_parts.cpp), with the cost center a chargeback bills. docs/tco.md, docs/allocation.md.
#include <fmt/format.h>

#include "crosswalk/report/allocation_ledger.hpp"
#include "crosswalk/store/sql_quote.hpp"

namespace crosswalk::report::detail {

std::string LicenseCostSql(const Period& month) {
    const std::string parts =
        fmt::format("SELECT * FROM tco_part WHERE period = {}", store::QuoteLiteral(month.ToString()));
    // A part's ref is "INS-00013 (CTR-ORA-2019)" through an installation, else the contract or entitlement id.
    return fmt::format(R"(
SELECT coalesce(a.cost_center_id, k.cost_center_id, e.cost_center_id) AS cost_center,
       any_value(cc.owner) AS business_owner, nullif(p.application, '(unassigned)') AS application,
       coalesce(k.vendor, e.publisher) AS provider, 'license: ' || p.paid_by AS service, p.currency,
       sum(p.amount) AS amount, string_agg(p.detail, '; ' ORDER BY p.detail) AS detail
FROM (SELECT *, coalesce(nullif(regexp_extract(ref, '\(([^)]+)\)$', 1), ''), ref) AS paid_by
      FROM ({parts}) WHERE col = 'licenses' AND source IN ('contract', 'entitlement')) AS p
LEFT JOIN ci AS a ON a.ci_id = p.application AND a.class = 'application'
LEFT JOIN contract AS k ON p.source = 'contract' AND k.contract_id = p.paid_by
LEFT JOIN entitlement AS e ON p.source = 'entitlement' AND e.entitlement_id = p.paid_by
LEFT JOIN (SELECT cost_center_id, any_value(owner) AS owner FROM cost_center GROUP BY 1) AS cc
    ON cc.cost_center_id = coalesce(a.cost_center_id, k.cost_center_id, e.cost_center_id)
GROUP BY ALL)",
                       fmt::arg("parts", parts));
}

} // namespace crosswalk::report::detail
