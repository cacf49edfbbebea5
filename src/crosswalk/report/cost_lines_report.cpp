// `crosswalk report lines`: the bill lines under a figure, each with the file and row it was read from: where
// "explain this number" ends.
#include <fmt/format.h>

#include "crosswalk/report/reports.hpp"
#include "crosswalk/store/sql_quote.hpp"

namespace crosswalk::report {

ReportTable CostLinesReport(store::Connection& connection, const CostLinesOptions& options) {
    const ResolvedPeriod period = ResolvePeriod(connection, options.period);
    std::string where = period.Condition("c.ChargePeriodStart");
    const auto match = [&](std::string_view column, const std::optional<std::string>& value) {
        if (value) {
            // '(none)' asks for the lines nothing mapped, as the statements show them.
            where += *value == "(none)" ? fmt::format(" AND nullif(trim(c.{}), '') IS NULL", column)
                                        : fmt::format(" AND c.{} = {}", column, store::QuoteLiteral(*value));
        }
    };
    match("cost_center", options.cost_center);
    match("application", options.application);
    match("ProviderName", options.provider);
    match("ServiceName", options.service);
    const std::string sql = fmt::format(R"(
SELECT f.path AS source_file, c.source_row, CAST(c.ChargePeriodStart AS DATE) AS charge_date,
       c.ProviderName AS provider, c.BillingAccountId AS account, c.ServiceName AS service, c.ResourceId AS resource_id,
       c.ChargeCategory AS charge_category, c.cost_center, c.application, c.tower, c.cost_center_source,
       c.BilledCost AS billed_cost, c.EffectiveCost AS effective_cost, c.BillingCurrency AS currency
FROM cost_line_enriched AS c JOIN source_file AS f ON f.id = c.source_file_id
WHERE {where}
ORDER BY f.path, c.source_row
LIMIT {limit})",
                                        fmt::arg("where", where), fmt::arg("limit", kCostLinesLimit));
    const std::string totals = fmt::format(R"(
SELECT 'total' AS source_file, count(*) AS source_row, NULL::DATE AS charge_date, NULL AS provider, NULL AS account,
       NULL AS service, NULL AS resource_id, NULL AS charge_category, NULL AS cost_center, NULL AS application,
       NULL AS tower, NULL AS cost_center_source, sum(c.BilledCost) AS billed_cost,
       sum(c.EffectiveCost) AS effective_cost, c.BillingCurrency AS currency
FROM cost_line_enriched AS c
WHERE {where}
GROUP BY c.BillingCurrency ORDER BY currency)",
                                           fmt::arg("where", where));
    std::vector<ReportColumn> columns = {
        {"source_file", ColumnType::kText, 0, ""},       {"source_row", ColumnType::kInteger, 0, ""},
        {"charge_date", ColumnType::kDate, 0, ""},       {"provider", ColumnType::kText, 0, ""},
        {"account", ColumnType::kText, 0, ""},           {"service", ColumnType::kText, 0, ""},
        {"resource_id", ColumnType::kText, 0, ""},       {"charge_category", ColumnType::kText, 0, ""},
        {"cost_center", ColumnType::kText, 0, "(none)"}, {"application", ColumnType::kText, 0, "(none)"},
        {"tower", ColumnType::kText, 0, "(none)"},       {"cost_center_source", ColumnType::kText, 0, ""},
        {"billed_cost", ColumnType::kMoney, 2, ""},      {"effective_cost", ColumnType::kMoney, 2, ""},
        {"currency", ColumnType::kText, 0, ""},
    };
    std::string filters;
    for (const auto& [name, value] :
         {std::pair{"cost center", options.cost_center}, std::pair{"application", options.application},
          std::pair{"provider", options.provider}, std::pair{"service", options.service}}) {
        if (value) {
            filters += fmt::format(", {} {}", name, *value);
        }
    }
    return RunReportQuery(connection, "lines",
                          fmt::format("bill lines{}, {} (by file and row; at most {:L}, the totals count them all)",
                                      filters, period.Describe(), kCostLinesLimit),
                          std::move(columns), sql, totals);
}

} // namespace crosswalk::report
