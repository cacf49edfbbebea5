// `crosswalk report prepaid`: each prepaid commitment (a contract paid up front and drawn down by usage, as the
// demo's Datadog credits) against its straight line, as of the end of a month.
#include <fmt/format.h>

#include "crosswalk/report/prepaid_positions.hpp"
#include "crosswalk/report/reports.hpp"
#include "crosswalk/store/sql_quote.hpp"

namespace crosswalk::report {
namespace {

// One row per prepaid contract whose term overlaps the month. The straight line: the contract's value spread
// evenly over its term, by whole months when the term is whole calendar months (starts on a 1st, ends on a
// last day; /12n for a year, as an amortization schedule posts it), else by day. Draws are the EffectiveCost
// of the Usage lines that name the contract as their CommitmentDiscountId whose charge period ends after the
// term starts (a monthly line from the 1st counts for a term starting on the 15th) and starts before the
// month's end; paid is the BilledCost of its Purchase lines up to the month's end, bought before the term too. Amounts
// times a count of months or days stay exact DECIMALs (a DECIMAL times an integer keeps its scale); each money macro is
// applied to a materialized column, as the macros repeat their arguments and nested calls grow the expression beyond
// what DuckDB binds quickly. Only lines in the contract's currency count. A cloud spend commitment (cloud_provider set:
// an EDP, a MACC) is drawn by the provider's eligible spend instead, which no line names: it is not a prepaid drawdown
// and is left out.
constexpr const char* kPositions = R"(
bounds AS (SELECT {first}::DATE AS first_day, {next}::DATE AS next_first),
terms AS (
    SELECT c.contract_id, c.name, c.vendor, c.start_date, c.end_date, c.currency, c.total_value AS prepaid,
           day(c.start_date) = 1 AND day(c.end_date + 1) = 1 AS by_month,
           CASE WHEN day(c.start_date) = 1 AND day(c.end_date + 1) = 1
                THEN date_sub('month', c.start_date, c.end_date + 1)
                ELSE c.end_date - c.start_date + 1 END AS term_units,
           CASE WHEN day(c.start_date) = 1 AND day(c.end_date + 1) = 1
                THEN date_sub('month', c.start_date, b.next_first)
                ELSE b.next_first - c.start_date END AS units_to_date,
           b.first_day, b.next_first
    FROM contract AS c, bounds AS b
    WHERE c.payment_schedule = 'prepaid' AND c.cloud_provider IS NULL AND c.start_date IS NOT NULL AND c.end_date IS NOT NULL
      AND c.total_value IS NOT NULL AND c.start_date < b.next_first AND c.end_date >= b.first_day
),
elapsed AS (
    SELECT *, greatest(least(units_to_date, term_units), 0) AS elapsed_units FROM terms
),
lines AS (
    SELECT t.contract_id,
           coalesce(sum(l.EffectiveCost) FILTER (WHERE l.ChargeCategory = 'Usage'
                                                   AND l.ChargePeriodStart >= t.first_day), 0) AS drawn,
           coalesce(sum(l.EffectiveCost) FILTER (WHERE l.ChargeCategory = 'Usage'), 0) AS drawn_to_date,
           coalesce(sum(l.BilledCost) FILTER (WHERE l.ChargeCategory = 'Purchase'), 0) AS paid_to_date
    FROM elapsed AS t
    LEFT JOIN cost_line AS l
      ON l.CommitmentDiscountId = t.contract_id AND l.BillingCurrency IS NOT DISTINCT FROM t.currency
     AND l.ChargePeriodStart < t.next_first
     AND (l.ChargeCategory = 'Purchase'
          OR coalesce(l.ChargePeriodEnd, l.ChargePeriodStart + INTERVAL 1 DAY) > t.start_date)
    GROUP BY t.contract_id
),
shares AS MATERIALIZED (
    SELECT t.*, l.drawn, l.drawn_to_date, l.paid_to_date,
           money_div(t.prepaid * t.elapsed_units, t.term_units, 18) AS straight_line_exact,
           CASE WHEN t.elapsed_units > 0
                THEN money_div(l.drawn_to_date * t.term_units, t.elapsed_units, 18) END AS projected_exact
    FROM elapsed AS t JOIN lines AS l USING (contract_id)
),
prepaid_positions AS MATERIALIZED (
    SELECT *, money_round(straight_line_exact, currency) AS straight_line_to_date,
           money_round(projected_exact, currency) AS projected_at_term_end
    FROM shares
)
)";

} // namespace

std::string PrepaidPositionsSql(std::string_view first_day, std::string_view next_first) {
    return fmt::format(kPositions, fmt::arg("first", first_day), fmt::arg("next", next_first));
}

ReportTable PrepaidReport(store::Connection& connection, const PeriodOptions& options) {
    const ResolvedPeriod period = ResolvePeriod(connection, options.period);
    const std::string positions =
        "WITH " + PrepaidPositionsSql(store::QuoteLiteral(period.period.ToString() + "-01") + "::DATE",
                                      store::QuoteLiteral(period.period.Next().ToString() + "-01") + "::DATE");
    const std::string rows = positions + R"(
SELECT contract_id, name, vendor, start_date, end_date,
       elapsed_units || ' of ' || term_units || CASE WHEN by_month THEN ' months' ELSE ' days' END AS term_elapsed,
       prepaid, paid_to_date, drawn, drawn_to_date, straight_line_to_date,
       drawn_to_date - straight_line_to_date AS vs_straight_line,
       CASE WHEN prepaid <> 0 THEN money_div(drawn_to_date * 100, prepaid, 2) END AS drawn_pct,
       prepaid - drawn_to_date AS remaining, projected_at_term_end,
       prepaid - projected_at_term_end AS projected_unused, currency
FROM prepaid_positions
ORDER BY currency NULLS LAST, contract_id)";
    const std::string totals = positions + R"(
SELECT 'total' AS contract_id, NULL::VARCHAR AS name, NULL::VARCHAR AS vendor, NULL::DATE AS start_date,
       NULL::DATE AS end_date, NULL::VARCHAR AS term_elapsed, sum(prepaid) AS prepaid,
       sum(paid_to_date) AS paid_to_date, sum(drawn) AS drawn, sum(drawn_to_date) AS drawn_to_date,
       sum(straight_line_to_date) AS straight_line_to_date,
       sum(drawn_to_date - straight_line_to_date) AS vs_straight_line,
       CASE WHEN sum(prepaid) <> 0 THEN money_div(sum(drawn_to_date) * 100, sum(prepaid), 2) END
           AS drawn_pct,
       sum(prepaid - drawn_to_date) AS remaining, sum(projected_at_term_end) AS projected_at_term_end,
       sum(prepaid - projected_at_term_end) AS projected_unused, currency
FROM prepaid_positions
GROUP BY currency
ORDER BY currency NULLS LAST)";
    std::vector<ReportColumn> columns = {
        {"contract_id", ColumnType::kText, 0, ""},
        {"name", ColumnType::kText, 0, ""},
        {"vendor", ColumnType::kText, 0, ""},
        {"start_date", ColumnType::kDate, 0, ""},
        {"end_date", ColumnType::kDate, 0, ""},
        {"term_elapsed", ColumnType::kText, 0, ""},
        {"prepaid", ColumnType::kMoney, 2, ""},
        {"paid_to_date", ColumnType::kMoney, 2, ""},
        {"drawn", ColumnType::kMoney, 2, ""},
        {"drawn_to_date", ColumnType::kMoney, 2, ""},
        {"straight_line_to_date", ColumnType::kMoney, 2, ""},
        {"vs_straight_line", ColumnType::kMoney, 2, ""},
        {"drawn_pct", ColumnType::kPercentage, 2, "-"},
        {"remaining", ColumnType::kMoney, 2, ""},
        {"projected_at_term_end", ColumnType::kMoney, 2, "-"},
        {"projected_unused", ColumnType::kMoney, 2, "-"},
        {"currency", ColumnType::kText, 0, "(none)"},
    };
    return RunReportQuery(
        connection, "prepaid",
        fmt::format("prepaid commitments drawn down against their straight line, to the end of {}", period.Describe()),
        std::move(columns), rows, totals);
}

} // namespace crosswalk::report
