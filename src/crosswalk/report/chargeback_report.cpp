// `crosswalk report chargeback` and `report showback`: the statement of a month per cost center, from the latest
// allocation (allocation_result).
#include <fmt/format.h>

#include "crosswalk/common/error.hpp"
#include "crosswalk/enrich/enrichment.hpp"
#include "crosswalk/report/allocation_ledger.hpp"
#include "crosswalk/report/reports.hpp"
#include "crosswalk/store/sql_quote.hpp"

namespace crosswalk::report {

void detail::RequireAllocation(store::Connection& connection) {
    if (connection.Query("SELECT count(*) FROM allocation_run").ScalarInt64().value_or(0) == 0) {
        Throw(ErrorKind::kNotFound, "nothing is allocated yet: `crosswalk run` allocates the loaded cost lines "
                                    "(rules/allocation.yaml)");
    }
}

std::string detail::StaleAllocationNote(store::Connection& connection) {
    const int64_t run = connection.Query("SELECT max(run_id) FROM allocation_run").ScalarInt64().value_or(0);
    // Loaded by a later transaction than the run's (the files a `crosswalk run` loads share its timestamp).
    const int64_t files =
        connection
            .Query(fmt::format("SELECT count(*) FROM source_file WHERE kind = 'focus' AND loaded_at > "
                               "(SELECT coalesce(finished_at, started_at) FROM run WHERE id = {})",
                               run))
            .ScalarInt64()
            .value_or(0);
    if (files == 0) {
        return "";
    }
    return fmt::format("{} billing file{} loaded after the latest allocation (run {}) {} not in it: `crosswalk run` "
                       "allocates {}",
                       files, files == 1 ? "" : "s", run, files == 1 ? "is" : "are", files == 1 ? "it" : "them");
}

ReportTable StatementReport(store::Connection& connection, const StatementOptions& options) {
    detail::RequireAllocation(connection);
    const ResolvedPeriod period = ResolvePeriod(connection, options.period);
    const std::string month = store::QuoteLiteral(period.period.ToString());
    // The detail keeps provider and service (a share's service names the step it came from); the summary
    // rolls both up, and with them usage_quantity (the services' units differ, so their sum means nothing).
    const bool detail = options.kind == StatementKind::kChargeback;
    const std::string provider = detail ? "r.ProviderName" : "NULL::VARCHAR";
    const std::string service =
        detail ? "CASE WHEN r.shared_from IS NULL THEN r.ServiceName ELSE 'shared: ' || r.shared_from END"
               : "NULL::VARCHAR";
    // A service's lines can be in several units (EC2: Hours and GB-Mo): their quantities are not summed, the
    // row shows none. The units come from the month's cost line sums, per row of direct cost.
    const std::string match = enrich::KeysMatch("d", "s");
    const std::string units = fmt::format(R"(
    SELECT s.currency AS u_currency, d.cost_center AS u_cost_center, d.application AS u_application,
           s.ProviderName AS u_provider, s.ServiceName AS u_service, count(DISTINCT s.ConsumedUnit) AS units
    FROM cost_line_sum AS s LEFT JOIN cost_dimension AS d ON {match}
    WHERE s.period = {month} AND s.consumed_quantity IS NOT NULL
    GROUP BY ALL)",
                                          fmt::arg("match", match), fmt::arg("month", month));
    // License contracts and entitlements: the month of their cost on the application that uses them (docs/tco.md),
    // amortized like the shared columns; the bill has none of it.
    const std::string licenses =
        options.with_license_contracts
            ? fmt::format("SELECT cost_center, business_owner, application, {} AS provider, {} AS service, "
                          "NULL::DECIMAL(38,18) AS usage_quantity, 0 AS direct_billed, 0 AS direct_effective, 0 AS "
                          "shared_allocated, amount AS license, 0 AS support, 0 AS total_billed, amount AS "
                          "total_effective, currency FROM ({})",
                          detail ? "provider" : "NULL::VARCHAR", detail ? "service" : "NULL::VARCHAR",
                          detail::LicenseCostSql(period.period))
            : std::string("SELECT NULL::VARCHAR AS cost_center, NULL::VARCHAR AS business_owner, NULL::VARCHAR AS "
                          "application, NULL::VARCHAR AS provider, NULL::VARCHAR AS service, NULL::DECIMAL(38,18) AS "
                          "usage_quantity, 0 AS direct_billed, 0 AS direct_effective, 0 AS shared_allocated, 0 AS "
                          "license, 0 AS support, 0 AS total_billed, 0 AS total_effective, NULL::VARCHAR AS currency "
                          "WHERE false");
    const std::string lines = fmt::format(
        R"(
WITH units AS ({units}),
bill AS (
SELECT r.cost_center, coalesce(cc.owner, r.owner) AS business_owner, r.application, {provider} AS provider,
       {service} AS service, {quantity} AS usage_quantity,
       coalesce(sum(r.billed_cost) FILTER (WHERE r.shared_from IS NULL), 0) AS direct_billed,
       coalesce(sum(r.effective_cost) FILTER (WHERE r.shared_from IS NULL), 0) AS direct_effective,
       coalesce(sum(r.effective_cost) FILTER (WHERE r.shared_from IS NOT NULL), 0) AS shared_allocated,
       coalesce(sum(r.effective_cost) FILTER (WHERE r.cost_pool = 'Software & SaaS'), 0) AS license,
       coalesce(sum(r.effective_cost) FILTER (WHERE r.ServiceSubcategory = 'Support'), 0) AS support,
       sum(r.billed_cost) AS total_billed, sum(r.effective_cost) AS total_effective, r.currency
FROM allocation_result AS r
LEFT JOIN (SELECT cost_center_id, any_value(owner) AS owner FROM cost_center GROUP BY cost_center_id) AS cc
  ON cc.cost_center_id = r.cost_center
LEFT JOIN units AS u
  ON r.shared_from IS NULL AND u.u_currency IS NOT DISTINCT FROM r.currency
 AND u.u_cost_center IS NOT DISTINCT FROM r.cost_center AND u.u_application IS NOT DISTINCT FROM r.application
 AND u.u_provider IS NOT DISTINCT FROM r.ProviderName AND u.u_service IS NOT DISTINCT FROM r.ServiceName
WHERE r.period = {month}
GROUP BY ALL),
lines AS (SELECT * FROM bill UNION ALL BY NAME {licenses}))",
        fmt::arg("provider", provider), fmt::arg("service", service),
        fmt::arg("quantity", detail ? "CASE WHEN max(u.units) > 1 THEN NULL ELSE sum(r.consumed_quantity) END"
                                    : "NULL::DECIMAL(38,18)"),
        fmt::arg("month", month), fmt::arg("units", units), fmt::arg("licenses", licenses));
    // Every money column as DECIMAL(38,18) before the sums: DuckDB would unite the bill's and the licenses'
    // scales at the smaller one.
    const std::string sums = R"(
       sum(direct_billed::DECIMAL(38,18)) AS direct_billed, sum(direct_effective::DECIMAL(38,18)) AS direct_effective,
       sum(shared_allocated::DECIMAL(38,18)) AS shared_allocated, sum(license::DECIMAL(38,18)) AS license,
       sum(support::DECIMAL(38,18)) AS support, sum(total_billed::DECIMAL(38,18)) AS total_billed,
       sum(total_effective::DECIMAL(38,18)) AS total_effective, currency)";
    const std::string rows = lines + fmt::format(R"(
SELECT cost_center, any_value(business_owner) AS business_owner, application, provider, service,
       sum(usage_quantity) AS usage_quantity, {sums}
FROM lines
GROUP BY cost_center, application, provider, service, currency
ORDER BY currency NULLS LAST, cost_center NULLS LAST, application NULLS LAST, provider NULLS LAST,
         service NULLS LAST)",
                                                 fmt::arg("sums", sums));
    const std::string totals = lines + fmt::format(R"(
SELECT 'total' AS cost_center, NULL::VARCHAR AS business_owner, NULL::VARCHAR AS application,
       NULL::VARCHAR AS provider, NULL::VARCHAR AS service, NULL::DECIMAL(38,18) AS usage_quantity, {sums}
FROM lines
GROUP BY currency
ORDER BY currency NULLS LAST)",
                                                   fmt::arg("sums", sums));
    const char* all = detail ? "" : "(all)";
    std::vector<ReportColumn> columns = {
        {"cost_center", ColumnType::kText, 0, "(unallocated)"},
        {"business_owner", ColumnType::kText, 0, ""},
        {"application", ColumnType::kText, 0, "(none)"},
        {"provider", ColumnType::kText, 0, all},
        {"service", ColumnType::kText, 0, all},
        {"usage_quantity", ColumnType::kDecimal, 0, ""},
        {"direct_billed", ColumnType::kMoney, 2, ""},
        {"direct_effective", ColumnType::kMoney, 2, ""},
        {"shared_allocated", ColumnType::kMoney, 2, ""},
        {"license", ColumnType::kMoney, 2, ""},
        {"support", ColumnType::kMoney, 2, ""},
        {"total_billed", ColumnType::kMoney, 2, ""},
        {"total_effective", ColumnType::kMoney, 2, ""},
        {"currency", ColumnType::kText, 0, "(none)"},
    };
    const std::string title = fmt::format(
        "{}, {}{}",
        detail ? "chargeback per cost center, application, provider and service"
               : "showback per cost center and application",
        period.Describe(),
        options.with_license_contracts ? "; with the month of license contracts (service 'license: CONTRACT')" : "");
    const std::string stale = detail::StaleAllocationNote(connection);
    return RunReportQuery(connection, detail ? "chargeback" : "showback",
                          stale.empty() ? title : fmt::format("{} (note: {})", title, stale), std::move(columns), rows,
                          totals);
}

} // namespace crosswalk::report
