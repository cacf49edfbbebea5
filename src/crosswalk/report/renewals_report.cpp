// `crosswalk report renewals`: the true-up and renewal calendar, what ends, renews or falls due within 12
// months of the date, with its cost and the notice deadline. docs/licensing.md.
#include <fmt/format.h>

#include "crosswalk/analyze/license_counting.hpp"
#include "crosswalk/report/reports.hpp"
#include "crosswalk/store/sql_quote.hpp"

namespace crosswalk::report {

ReportTable RenewalsReport(store::Connection& connection, const LicenseOptions& options) {
    const std::string as_of = licensing::ResolveAsOf(connection, options.as_of);
    const std::string filter =
        options.product ? fmt::format("WHERE item = {}", store::QuoteLiteral(*options.product)) : std::string();
    // A contract's yearly value: its whole value for a term of a year or less, else spread over its months (the
    // days of the term in months of 30.436875 days, rounded: 2021-11-23 to 2028-11-20 is 84).
    const std::string sql = fmt::format(R"(
WITH window_ AS (SELECT {as_of}::DATE AS as_of, ({as_of}::DATE + INTERVAL 12 MONTH)::DATE AS horizon),
terms AS MATERIALIZED (
    SELECT c.*, greatest(round((c.end_date + 1 - c.start_date) / 30.436875)::INTEGER, 1) AS term_months
    FROM contract AS c
    WHERE c.start_date IS NOT NULL AND c.end_date IS NOT NULL
),
yearly AS MATERIALIZED (
    SELECT *, CASE WHEN term_months <= 12 THEN total_value::DECIMAL(38,6)
                   ELSE money_div(total_value * 12, term_months, 2)::DECIMAL(38,6) END AS year_value
    FROM terms
),
events AS (
    SELECT c.end_date AS date, CASE WHEN c.auto_renew THEN 'auto_renews' ELSE 'contract_ends' END AS kind,
           c.vendor, c.contract_id, c.name AS item, NULL::DECIMAL(18,4) AS quantity, c.year_value AS cost,
           c.currency, CASE WHEN c.notice_days IS NOT NULL THEN c.end_date - c.notice_days END AS notice_by,
           c.cost_center_id
    FROM yearly AS c, window_ AS w
    WHERE c.end_date > w.as_of AND c.end_date <= w.horizon
    UNION ALL
    SELECT (c.start_date + to_years(y.k::INTEGER))::DATE,
           CASE WHEN c.contract_type IN ('license', 'maintenance') THEN 'true_up' ELSE 'anniversary' END,
           c.vendor, c.contract_id, c.name, NULL, c.year_value, c.currency, NULL, c.cost_center_id
    FROM yearly AS c CROSS JOIN range(1, 100) AS y(k), window_ AS w
    WHERE c.payment_schedule = 'annual' AND (c.start_date + to_years(y.k::INTEGER))::DATE > w.as_of
      AND (c.start_date + to_years(y.k::INTEGER))::DATE <= w.horizon
      AND (c.start_date + to_years(y.k::INTEGER))::DATE <= c.end_date
    UNION ALL
    SELECT e.term_end, 'term_ends', any_value(e.publisher), e.contract_id, e.product, sum(e.quantity),
           sum(e.quantity * e.unit_cost), e.currency, NULL, e.cost_center_id
    FROM entitlement AS e, window_ AS w
    WHERE e.term_end > w.as_of AND e.term_end <= w.horizon
    GROUP BY e.term_end, e.contract_id, e.product, e.currency, e.cost_center_id
    UNION ALL
    SELECT e.maintenance_end, 'maintenance_ends', any_value(e.publisher), e.contract_id, e.product, sum(e.quantity),
           NULL, e.currency, NULL, e.cost_center_id
    FROM entitlement AS e, window_ AS w
    WHERE e.maintenance_end > w.as_of AND e.maintenance_end <= w.horizon
      AND e.maintenance_end IS DISTINCT FROM e.term_end
    GROUP BY e.maintenance_end, e.contract_id, e.product, e.currency, e.cost_center_id
)
SELECT v.date, v.kind, v.vendor, v.contract_id, v.item, v.quantity, v.cost, v.currency, v.notice_by,
       v.date - w.as_of AS days_left, v.cost_center_id AS cost_center, cc.owner
FROM events AS v CROSS JOIN window_ AS w LEFT JOIN cost_center AS cc ON cc.cost_center_id = v.cost_center_id
{filter}
ORDER BY v.date, v.contract_id NULLS LAST, v.kind, v.item)",
                                        fmt::arg("as_of", store::QuoteLiteral(as_of)), fmt::arg("filter", filter));
    std::vector<ReportColumn> columns = {
        {"date", ColumnType::kDate, 0, ""},
        {"kind", ColumnType::kText, 0, ""},
        {"vendor", ColumnType::kText, 0, ""},
        {"contract_id", ColumnType::kText, 0, ""},
        {"item", ColumnType::kText, 0, ""},
        {"quantity", ColumnType::kDecimal, 0, ""},
        {"cost", ColumnType::kMoney, 2, "-"},
        {"currency", ColumnType::kText, 0, ""},
        {"notice_by", ColumnType::kDate, 0, ""},
        {"days_left", ColumnType::kInteger, 0, ""},
        {"cost_center", ColumnType::kText, 0, "(none)"},
        {"owner", ColumnType::kText, 0, "(none)"},
    };
    return RunReportQuery(connection, "renewals",
                          fmt::format("what ends, renews or falls due from {} to 12 months later", as_of),
                          std::move(columns), sql, "");
}

} // namespace crosswalk::report
