// `crosswalk report taxonomy`: the period's cost by TBM cost pool, tower and sub-tower.
#include <fmt/format.h>

#include "crosswalk/report/reports.hpp"

namespace crosswalk::report {

ReportTable TaxonomyReport(store::Connection& connection, const PeriodOptions& options) {
    const ResolvedPeriod period = ResolvePeriod(connection, options.period);
    // Every line of the period lands in exactly one group (NULL dimensions group together), so the groups
    // of a currency add up to its billed cost; the totals are summed from the lines, not from the groups.
    const std::string rows = fmt::format(R"(
SELECT cost_pool, tower, sub_tower, BillingCurrency AS currency,
       sum(BilledCost) AS billed_cost, sum(EffectiveCost) AS effective_cost
FROM cost_line_enriched
WHERE {period}
GROUP BY cost_pool, tower, sub_tower, BillingCurrency
ORDER BY currency NULLS LAST, cost_pool NULLS LAST, tower NULLS LAST, sub_tower NULLS LAST)",
                                         fmt::arg("period", period.Condition()));
    const std::string totals = fmt::format(R"(
SELECT 'total' AS cost_pool, NULL::VARCHAR AS tower, NULL::VARCHAR AS sub_tower, BillingCurrency AS currency,
       sum(BilledCost) AS billed_cost, sum(EffectiveCost) AS effective_cost
FROM cost_line
WHERE {period}
GROUP BY BillingCurrency
ORDER BY currency NULLS LAST)",
                                           fmt::arg("period", period.Condition()));
    std::vector<ReportColumn> columns = {
        {"cost_pool", ColumnType::kText, 0, "(unmapped)"}, {"tower", ColumnType::kText, 0, "(unmapped)"},
        {"sub_tower", ColumnType::kText, 0, "(unmapped)"}, {"currency", ColumnType::kText, 0, "(none)"},
        {"billed_cost", ColumnType::kMoney, 2, ""},        {"effective_cost", ColumnType::kMoney, 2, ""},
    };
    return RunReportQuery(connection, "taxonomy",
                          fmt::format("cost by TBM cost pool, tower and sub-tower, {}", period.Describe()),
                          std::move(columns), rows, totals);
}

} // namespace crosswalk::report
