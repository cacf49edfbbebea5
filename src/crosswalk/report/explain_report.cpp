// `crosswalk explain cost-center X` and `explain application A`: how a month's total after allocation was built,
// step by step, from the ledger of the latest allocation, down to the bill files and rows of the direct cost.
#include <fmt/format.h>

#include "crosswalk/common/error.hpp"
#include "crosswalk/report/allocation_ledger.hpp"
#include "crosswalk/report/reports.hpp"
#include "crosswalk/store/sql_quote.hpp"

namespace crosswalk::report {

ReportTable ExplainReport(store::Connection& connection, const ExplainOptions& options) {
    if (options.dimension != "cost_center" && options.dimension != "application") {
        Throw(ErrorKind::kInvalidInput, "explain takes a cost center or an application, not '{}'", options.dimension);
    }
    detail::RequireAllocation(connection);
    const ResolvedPeriod period = ResolvePeriod(connection, options.period);
    const std::string dimension = store::QuoteIdentifier(options.dimension);
    const std::string value = store::QuoteLiteral(options.value);
    const std::string month = store::QuoteLiteral(period.period.ToString());
    const int64_t known =
        connection
            .Query(
                fmt::format("SELECT count(*) FROM allocation_line WHERE run_id = allocation_latest_run() AND {} = {}",
                            dimension, value))
            .ScalarInt64()
            .value_or(0);
    // The license contracts' month on the value (docs/tco.md), which the statement adds to the bill.
    const std::string licenses =
        options.with_license_contracts
            ? fmt::format("SELECT * FROM ({}) WHERE {} = {}", detail::LicenseCostSql(period.period), dimension, value)
            : std::string("SELECT NULL::VARCHAR AS cost_center, NULL::VARCHAR AS application, NULL::VARCHAR AS "
                          "provider, NULL::VARCHAR AS service, NULL::VARCHAR AS currency, NULL::DECIMAL(38,18) AS "
                          "amount, NULL::VARCHAR AS detail WHERE false");
    if (known == 0) {
        Throw(ErrorKind::kNotFound, "no cost is on {} '{}' in the latest allocation",
              options.dimension == "cost_center" ? "cost center" : "application", options.value);
    }
    // Direct cost: where its lines are (file, first and last row, count) and which sources gave the dimension.
    // A step's rows: what it took from here into its pool, or the share it gave here with its method and weight
    // (a target's weight is the same in every pool of a month and currency).
    const std::string rows =
        fmt::format(R"(
WITH lines AS (
    SELECT l.*, s.name AS step_name, s.rule AS step_rule, s.method, s.driver_file
    FROM allocation_line AS l
    LEFT JOIN allocation_step AS s ON s.run_id = l.run_id AND s.step = l.step
    WHERE l.run_id = allocation_latest_run() AND l.period = {month} AND l.{dimension} = {value}),
direct AS (
    SELECT application, ProviderName, ServiceName, BillingCurrency,
           string_agg(path || CASE WHEN n = 1 THEN ' row ' || first_row
                                   ELSE ' rows ' || first_row || '-' || last_row || ' (' || n || ' lines)' END,
                      '; ' ORDER BY path) AS files,
           string_agg(DISTINCT sources, '; ') AS sources
    FROM (SELECT c.application, c.ProviderName, c.ServiceName, c.BillingCurrency, f.path,
                 min(c.source_row) AS first_row, max(c.source_row) AS last_row, count(*) AS n,
                 string_agg(DISTINCT c.{source}, ', ' ORDER BY c.{source}) AS sources
          FROM cost_line_enriched AS c JOIN source_file AS f ON f.id = c.source_file_id
          WHERE c.{dimension} = {value} AND {in_month}
          GROUP BY ALL)
    GROUP BY ALL)
SELECT l.step, coalesce(l.step_name, 'direct') AS step_name,
       coalesce(l.step_rule, 'enrichment: ' || any_value(d.sources)) AS rule,
       CASE WHEN l.step = 0 THEN 'direct cost' WHEN l.weight IS NOT NULL THEN 'share received'
            ELSE 'taken into the step''s pool' END AS movement,
       l.application, l.ProviderName AS provider,
       CASE WHEN l.shared_from IS NULL THEN l.ServiceName ELSE 'shared: ' || l.shared_from END AS service,
       sum(l.billed_cost) AS billed_cost, sum(l.effective_cost) AS effective_cost, sum(l.cost_lines) AS cost_lines,
       CASE WHEN l.step = 0 THEN any_value(d.files)
            WHEN l.weight IS NOT NULL THEN l.method || coalesce(' by ' || l.driver_file, '') || ', weight '
                 || CAST(CAST(max(l.weight) AS DECIMAL(38,6)) AS VARCHAR)
            ELSE 'moved on by ' || l.method END AS source,
       l.currency
FROM lines AS l
LEFT JOIN direct AS d
  ON l.step = 0 AND d.application IS NOT DISTINCT FROM l.application AND d.ProviderName IS NOT DISTINCT FROM
     l.ProviderName AND d.ServiceName IS NOT DISTINCT FROM l.ServiceName AND d.BillingCurrency IS NOT DISTINCT FROM
     l.currency
GROUP BY l.step, l.step_name, l.step_rule, movement, l.application, l.ProviderName, l.ServiceName, l.shared_from,
         l.weight IS NOT NULL, l.method, l.driver_file, l.currency
UNION ALL
SELECT NULL AS step, 'license contracts' AS step_name, 'contract straight line, by the licenses counted (docs/tco.md)',
       'license cost', application, provider, service, 0, amount, 0, detail, currency
FROM ({licenses})
ORDER BY currency NULLS LAST, step NULLS LAST, movement, application NULLS FIRST, provider NULLS LAST,
         service NULLS LAST)",
                    fmt::arg("month", month), fmt::arg("dimension", dimension), fmt::arg("value", value),
                    fmt::arg("source", store::QuoteIdentifier(options.dimension + "_source")),
                    fmt::arg("in_month", period.Condition("c.ChargePeriodStart")), fmt::arg("licenses", licenses));
    const std::string totals = fmt::format(R"(
SELECT NULL::BIGINT AS step, 'total' AS step_name, NULL::VARCHAR AS rule, NULL::VARCHAR AS movement,
       NULL::VARCHAR AS application, NULL::VARCHAR AS provider, NULL::VARCHAR AS service,
       sum(billed_cost) AS billed_cost, sum(effective_cost) AS effective_cost, NULL::BIGINT AS cost_lines,
       NULL::VARCHAR AS source, currency
FROM (SELECT billed_cost::DECIMAL(38,18) AS billed_cost, effective_cost::DECIMAL(38,18) AS effective_cost, currency
      FROM allocation_line
      WHERE run_id = allocation_latest_run() AND period = {month} AND {dimension} = {value}
      UNION ALL SELECT 0, amount::DECIMAL(38,18), currency FROM ({licenses}))
GROUP BY currency ORDER BY currency NULLS LAST)",
                                           fmt::arg("month", month), fmt::arg("dimension", dimension),
                                           fmt::arg("value", value), fmt::arg("licenses", licenses));
    std::vector<ReportColumn> columns = {
        {"step", ColumnType::kInteger, 0, ""},
        {"step_name", ColumnType::kText, 0, ""},
        {"rule", ColumnType::kText, 0, ""},
        {"movement", ColumnType::kText, 0, ""},
        {"application", ColumnType::kText, 0, "(none)"},
        {"provider", ColumnType::kText, 0, ""},
        {"service", ColumnType::kText, 0, ""},
        {"billed_cost", ColumnType::kMoney, 2, ""},
        {"effective_cost", ColumnType::kMoney, 2, ""},
        {"cost_lines", ColumnType::kInteger, 0, ""},
        {"source", ColumnType::kText, 0, ""},
        {"currency", ColumnType::kText, 0, "(none)"},
    };
    return RunReportQuery(connection, "explain",
                          fmt::format("how {} {} was built, step by step, {}",
                                      options.dimension == "cost_center" ? "cost center" : "application", options.value,
                                      period.Describe()),
                          std::move(columns), rows, totals);
}

} // namespace crosswalk::report
