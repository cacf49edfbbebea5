// The KPIs of `report kpis` as values, for the maturity scorecard and the demo's summary (docs/governance.md).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "crosswalk/common/decimal.hpp"
#include "crosswalk/report/report_period.hpp"
#include "crosswalk/report/report_table.hpp"
#include "crosswalk/rules/rule_set.hpp"
#include "crosswalk/store/connection.hpp"

namespace crosswalk::report {

struct KpiOptions {
    std::optional<Period> period; // default: the latest month with cost lines
    rules::PolicyRules policy;    // thresholds
    rules::TagRules tags;         // the required tags the tag KPIs measure
    rules::LicensingRules licensing;
    rules::VendorRules vendors;
};

struct Kpi {
    std::string name; // rules::KpiNames()
    std::string area; // allocation, tagging, optimization, commitments, anomalies, forecasting, licensing, cmdb, ledger
    std::string period;                 // YYYY-MM
    std::optional<Decimal> value;       // nullopt: the data does not show it (status no_data)
    std::optional<Decimal> threshold;   //
    bool at_most = false;               // the threshold is a ceiling
    std::string status;                 // met, missed, no_data
    std::string unit;                   // %, count, money
    std::optional<Decimal> numerator;   // of a ratio
    std::optional<Decimal> denominator; //
    std::string formula;
    std::string evidence;       // what the value was computed from
    std::string threshold_rule; // "policy.yaml:7", or the default and its source
    std::string currency;
};

// Every KPI for each currency of the month, in KpiNames() order within a currency. Throws kNotFound when
// nothing is loaded.
[[nodiscard]] std::vector<Kpi> ComputeKpis(store::Connection& connection, const KpiOptions& options);

// The KPIs as `report kpis` prints them, and the maturity scorecard rated on them: for a front end that shows
// both (the demo's summary) without computing the KPIs twice.
[[nodiscard]] report::ReportTable KpisTable(const ResolvedPeriod& period, const std::vector<Kpi>& kpis);
[[nodiscard]] report::ReportTable MaturityTable(store::Connection& connection, const ResolvedPeriod& period,
                                                const std::vector<Kpi>& kpis);

} // namespace crosswalk::report
