// `crosswalk report unmapped`: the cost the enrichment found no tower, application or cost center for.
#include <fmt/format.h>

#include "crosswalk/report/reports.hpp"

namespace crosswalk::report {

ReportTable UnmappedReport(store::Connection& connection, const PeriodOptions& options) {
    const ResolvedPeriod period = ResolvePeriod(connection, options.period);
    // One pass over the period's lines, each paired with the three dimensions and kept where that one is
    // missing (NULL or blank).
    const std::string sql = fmt::format(R"(
WITH lines AS (
    SELECT ProviderName, ServiceName, ResourceId, BillingCurrency, BilledCost, tower, application, cost_center
    FROM cost_line_enriched
    WHERE {period}
),
missing AS (
    SELECT d.dimension, l.*
    FROM lines AS l
    CROSS JOIN (VALUES ('tower'), ('application'), ('cost_center')) AS d(dimension)
    WHERE CASE d.dimension
              WHEN 'tower' THEN nullif(trim(l.tower), '')
              WHEN 'application' THEN nullif(trim(l.application), '')
              ELSE nullif(trim(l.cost_center), '') END IS NULL
)
SELECT dimension, ProviderName AS provider, ServiceName AS service_name, BillingCurrency AS currency,
       count(DISTINCT ResourceId) AS resources, sum(BilledCost) AS cost
FROM missing
GROUP BY dimension, ProviderName, ServiceName, BillingCurrency
ORDER BY cost DESC, dimension, provider, service_name, currency)",
                                        fmt::arg("period", period.Condition()));
    std::vector<ReportColumn> columns = {
        {"dimension", ColumnType::kText, 0, ""},          {"provider", ColumnType::kText, 0, "(none)"},
        {"service_name", ColumnType::kText, 0, "(none)"}, {"currency", ColumnType::kText, 0, "(none)"},
        {"resources", ColumnType::kInteger, 0, ""},       {"cost", ColumnType::kMoney, 2, ""},
    };
    return RunReportQuery(connection, "unmapped",
                          fmt::format("cost with no tower, application or cost center, {}", period.Describe()),
                          std::move(columns), sql);
}

} // namespace crosswalk::report
