// `crosswalk report unit-cost`: TCO and cloud cost per unit of a business metric (orders, active users), per
// month with the month before, from the TCO parts (tco_parts.cpp), so that the cost is the TCO report's.
// docs/tco.md.
#include <fmt/format.h>

#include "crosswalk/analyze/tco_parts.hpp"
#include "crosswalk/report/reports.hpp"
#include "crosswalk/store/sql_quote.hpp"

namespace crosswalk::report {

ReportTable UnitCostReport(store::Connection& connection, const TcoOptions& options) {
    TcoWindow window = ResolveTcoWindow(connection, options);
    // The trend of the first month needs the month before it, when the bill has it.
    const Period first = window.months.front();
    const Period before = first.month == 1 ? Period{first.year - 1, 12} : Period{first.year, first.month - 1};
    window.previous.clear();
    if (analyze::tco::IsBilled(connection, analyze::ToMonthIndex(before.year, before.month))) {
        window.previous = {before};
    }
    std::string months;
    for (const Period& month : window.months) {
        months += (months.empty() ? "" : ", ") + store::QuoteLiteral(month.ToString());
    }
    const std::string parts = TcoPartsOf(connection, options, window);
    // Cost per scope a metric can name: an application, a business service, a business unit or cost center (the
    // CMDB's of each application) and the whole organization (unassigned cost included).
    const std::string rows_sql = fmt::format(R"(
WITH parts AS ({parts}),
application_of AS (SELECT ci_id AS application, business_unit_id, cost_center_id FROM ci WHERE class = 'application'),
scoped AS (
    SELECT kind, id, period, currency, sum(amount) AS tco, coalesce(sum(amount) FILTER (WHERE cloud), 0) AS cloud
    FROM (SELECT 'application' AS kind, p.application AS id, p.* FROM parts AS p
          UNION ALL SELECT 'business_service', p.business_service, p.* FROM parts AS p
          WHERE p.business_service IS NOT NULL
          UNION ALL SELECT 'business_unit', a.business_unit_id, p.* FROM parts AS p
          JOIN application_of AS a USING (application) WHERE a.business_unit_id IS NOT NULL
          UNION ALL SELECT 'cost_center', a.cost_center_id, p.* FROM parts AS p
          JOIN application_of AS a USING (application) WHERE a.cost_center_id IS NOT NULL
          UNION ALL SELECT 'organization', NULL, p.* FROM parts AS p)
    GROUP BY kind, id, period, currency
),
metric AS (
    SELECT metric_name, scope_kind, scope_id, strftime(period, '%Y-%m') AS period, sum(value) AS quantity,
           any_value(unit) AS unit
    FROM business_metric GROUP BY metric_name, scope_kind, scope_id, strftime(period, '%Y-%m')
),
measured AS (
    SELECT m.metric_name AS metric, m.scope_kind, m.scope_id, m.period, m.quantity, m.unit, s.tco, s.cloud,
           s.currency, money_div(s.tco, nullif(m.quantity, 0), 4) AS tco_per_unit,
           money_div(s.cloud, nullif(m.quantity, 0), 4) AS cloud_per_unit,
           CASE WHEN s.tco IS NULL THEN 'no_cost' WHEN m.quantity = 0 THEN 'no_quantity' ELSE 'ok' END AS status
    FROM metric AS m
    LEFT JOIN scoped AS s ON s.kind = m.scope_kind AND s.period = m.period
        AND (s.id = m.scope_id OR m.scope_kind = 'organization')
),
trend AS (
    SELECT *, lag(tco_per_unit) OVER (PARTITION BY metric, scope_kind, scope_id, currency ORDER BY period)
               AS previous_tco_per_unit
    FROM measured
),
unmeasured AS (
    SELECT NULL AS metric, s.kind AS scope_kind, s.id AS scope_id, s.period, NULL::DECIMAL(38,6) AS quantity,
           NULL AS unit, s.tco, s.cloud, s.currency, NULL::DECIMAL(38,18) AS tco_per_unit,
           NULL::DECIMAL(38,18) AS cloud_per_unit, 'no_metric' AS status, NULL::DECIMAL(38,18) AS previous_tco_per_unit
    FROM scoped AS s
    WHERE s.kind IN ('business_service', 'business_unit') AND s.tco <> 0
      AND NOT EXISTS (SELECT 1 FROM metric AS m WHERE m.scope_kind = s.kind AND m.scope_id = s.id)
)
SELECT metric, scope_kind, scope_id, period, quantity, unit, tco, cloud, tco_per_unit, cloud_per_unit,
       previous_tco_per_unit,
       money_div(100 * (tco_per_unit - previous_tco_per_unit), nullif(abs(previous_tco_per_unit), 0), 1) AS change_pct,
       status, currency
FROM (SELECT metric, scope_kind, scope_id, period, quantity, unit, tco, cloud, tco_per_unit, cloud_per_unit,
             previous_tco_per_unit, status, currency FROM trend
      UNION ALL
      SELECT metric, scope_kind, scope_id, period, quantity, unit, tco, cloud, tco_per_unit, cloud_per_unit,
             previous_tco_per_unit, status, currency FROM unmeasured)
WHERE period IN ({months})
ORDER BY status = 'no_metric', metric, scope_kind, scope_id, currency, period)",
                                             fmt::arg("parts", parts), fmt::arg("months", months));
    std::vector<ReportColumn> columns = {
        {"metric", ColumnType::kText, 0, "(none)"},
        {"scope_kind", ColumnType::kText, 0, ""},
        {"scope_id", ColumnType::kText, 0, "(all)"},
        {"period", ColumnType::kText, 0, ""},
        {"quantity", ColumnType::kDecimal, 0, "-"},
        {"unit", ColumnType::kText, 0, "-"},
        {"tco", ColumnType::kMoney, 2, "-"},
        {"cloud", ColumnType::kMoney, 2, "-"},
        {"tco_per_unit", ColumnType::kMoney, 4, "-"},
        {"cloud_per_unit", ColumnType::kMoney, 4, "-"},
        {"previous_tco_per_unit", ColumnType::kMoney, 4, "-"},
        {"change_pct", ColumnType::kPercentage, 1, "-"},
        {"status", ColumnType::kText, 0, ""},
        {"currency", ColumnType::kText, 0, "-"},
    };
    return RunReportQuery(connection, "unit-cost",
                          fmt::format("TCO and cloud cost per unit of each business metric, {}; status no_cost: a "
                                      "metric whose scope has no cost, no_metric: cost no metric measures",
                                      window.scope),
                          std::move(columns), rows_sql);
}

} // namespace crosswalk::report
