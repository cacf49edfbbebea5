// `crosswalk what-if migrate-application APP`: an application's TCO today beside its TCO with its on-premises
// hosts moved to a cloud instance type, through the TCO parts (tco_parts.cpp) and the license what-if of each host
// (what_if.cpp), so that both sides are counted by one mechanism. docs/tco.md.
#include <fmt/format.h>

#include "crosswalk/analyze/tco_parts.hpp"
#include "crosswalk/common/error.hpp"
#include "crosswalk/common/money.hpp"
#include "crosswalk/report/reports.hpp"
#include "crosswalk/store/sql_quote.hpp"

namespace crosswalk::report {
namespace {

using store::QuoteLiteral;

std::string Literal(const std::optional<std::string>& value) {
    return value ? QuoteLiteral(*value) : "NULL";
}

} // namespace

ReportTable WhatIfMigrateApplicationReport(store::Connection& connection,
                                           const WhatIfMigrateApplicationOptions& options) {
    TcoOptions tco;
    tco.application = options.application;
    tco.period = options.period;
    TcoWindow window = ResolveTcoWindow(connection, tco);
    window.previous.clear();
    const std::string parts = TcoPartsOf(connection, tco, window);
    const std::string app = QuoteLiteral(options.application);
    if (options.application == "(unassigned)") {
        Throw(ErrorKind::kInvalidInput, "(unassigned) is the cost no rule places on an application: there is no "
                                        "application to migrate");
    }

    // The on-premises hosts the application's cost reaches it through, with its share of each host's cost.
    const auto hosts = connection
                           .Query(fmt::format(R"(
WITH parts AS ({parts})
SELECT p.host FROM parts AS p JOIN asset AS a ON a.asset_tag = p.host
WHERE p.application = {app} AND a.category <> 'cloud' AND NOT p.cloud
GROUP BY p.host ORDER BY p.host)",
                                              fmt::arg("parts", parts), fmt::arg("app", app)))
                           .TextRows();
    if (hosts.empty()) {
        Throw(ErrorKind::kNotFound,
              "{} runs on no on-premises host in {}: no asset's depreciation, support or licenses reach it, so there "
              "is nothing to migrate",
              options.application, window.months.front().ToString());
    }
    // Per host and product: what each license product costs the application on the host today, and the counts
    // and cloud cost of the host's what-if.
    std::string estimates;
    std::optional<Error> unpriced; // the what-if's error, when it prices no host at all
    size_t priced = 0;
    for (const auto& row : hosts) {
        const std::string& host = *row[0];
        WhatIfMigrateOptions migrate;
        migrate.host = host;
        migrate.to = options.to;
        migrate.license_included = options.license_included;
        migrate.hourly_price = options.hourly_price;
        migrate.vcpus = options.vcpus;
        migrate.as_of =
            analyze::tco::LastDayOf(analyze::ToMonthIndex(window.months.front().year, window.months.front().month));
        migrate.rules = options.licensing;
        ReportTable what_if;
        try {
            what_if = WhatIfMigrateReport(connection, migrate);
        } catch (const Error& error) {
            if (error.Kind() != ErrorKind::kNotFound) {
                throw;
            }
            if (!unpriced) {
                unpriced = error;
            }
            estimates += fmt::format("{}({}, NULL, NULL, NULL, NULL, NULL, {})", estimates.empty() ? "" : ", ",
                                     QuoteLiteral(host), QuoteLiteral(error.what()));
            continue;
        }
        ++priced;
        const size_t item = what_if.ColumnIndex("item");
        for (const ReportRow& line : what_if.rows) {
            const bool cloud_row = line[item] && line[item]->starts_with("(cloud cost");
            estimates += fmt::format("{}({}, {}, {}, {}, {}, {}, {})", estimates.empty() ? "" : ", ",
                                     QuoteLiteral(host), cloud_row ? "NULL" : Literal(line[item]),
                                     Literal(line[what_if.ColumnIndex("license_after")]),
                                     Literal(line[what_if.ColumnIndex("licenses_before")]),
                                     Literal(line[what_if.ColumnIndex("licenses_after")]),
                                     cloud_row ? Literal(line[what_if.ColumnIndex("cloud_cost_after")]) : "NULL",
                                     cloud_row ? Literal(line[what_if.ColumnIndex("basis")]) : "NULL");
        }
    }
    if (priced == 0 && unpriced) {
        throw *unpriced; // every host failed: an instance type the bill does not show, say
    }
    const std::string rows_sql =
        fmt::format(R"(
WITH parts AS ({parts}),
estimate AS (
    SELECT host::VARCHAR AS host, product::VARCHAR AS product, license_after::VARCHAR AS license_after,
           licenses_before::VARCHAR AS licenses_before, licenses_after::VARCHAR AS licenses_after,
           cloud_cost_after::VARCHAR AS cloud_cost_after, basis::VARCHAR AS basis
    FROM (VALUES {estimates}) AS v(host, product, license_after, licenses_before, licenses_after, cloud_cost_after,
                                   basis)
),
-- Each part on a host, with the product of the installation a license part came through.
on_host AS (
    SELECT p.*, i.product FROM parts AS p
    LEFT JOIN installation AS i ON p.col = 'licenses' AND i.installation_id = split_part(p.ref, ' ', 1)
    WHERE p.host IN (SELECT host FROM estimate) AND NOT p.cloud
),
share AS (
    SELECT host, currency, sum(amount) FILTER (WHERE application = {app}) AS mine, sum(amount) AS whole
    FROM on_host GROUP BY host, currency
),
license_scaled AS (
    SELECT o.host, o.currency, o.amount, e.license_after,
           TRY_CAST(e.licenses_before AS DECIMAL(38,6)) AS counted_before,
           money_mul(o.amount, TRY_CAST(e.licenses_after AS DECIMAL(38,6))) AS scaled
    FROM on_host AS o LEFT JOIN estimate AS e ON e.host = o.host AND e.product = o.product
    WHERE o.application = {app} AND o.col = 'licenses'
),
license_after AS (
    SELECT host, currency,
           sum(CASE WHEN license_after = 'included' THEN 0
                    WHEN counted_before > 0 THEN money_div(scaled, counted_before, 2)
                    ELSE amount END) AS amount
    FROM license_scaled GROUP BY host, currency
),
cloud_share AS (
    SELECT s.host, s.currency, s.mine, s.whole,
           money_mul(TRY_CAST(c.cloud_cost_after AS DECIMAL(38,18)), s.mine) AS scaled, c.basis,
           c.cloud_cost_after IS NOT NULL AS estimated
    FROM share AS s LEFT JOIN estimate AS c ON c.host = s.host AND c.product IS NULL
),
host_rows AS (
    SELECT o.host AS item, money_div(100 * s.mine, nullif(s.whole, 0), 1) AS share_pct,
           coalesce(sum(o.amount) FILTER (WHERE o.col = 'depreciation'), 0) AS depreciation,
           coalesce(sum(o.amount) FILTER (WHERE o.col = 'contracts'), 0) AS contracts,
           coalesce(sum(o.amount) FILTER (WHERE o.col = 'licenses'), 0) AS licenses,
           sum(o.amount) AS before,
           CASE WHEN s.estimated THEN coalesce(money_div(s.scaled, nullif(s.whole, 0), 2), 0) END AS cloud_after,
           CASE WHEN s.estimated THEN coalesce(any_value(l.amount), 0) END AS licenses_after, o.currency,
           coalesce(s.basis, 'no estimate') AS basis
    FROM on_host AS o
    JOIN cloud_share AS s ON s.host = o.host AND s.currency = o.currency
    LEFT JOIN license_after AS l ON l.host = o.host AND l.currency = o.currency
    WHERE o.application = {app}
    GROUP BY o.host, o.currency, s.mine, s.whole, s.scaled, s.estimated, s.basis
),
rest AS (
    SELECT '(the rest of its TCO: cloud, labor, cost on no host)' AS item, NULL::DECIMAL(38,18) AS share_pct,
           0::DECIMAL(38,18) AS depreciation, 0::DECIMAL(38,18) AS contracts,
           coalesce(sum(amount) FILTER (WHERE col = 'licenses'), 0) AS licenses, sum(amount) AS before,
           0::DECIMAL(38,18) AS cloud_after, coalesce(sum(amount) FILTER (WHERE col = 'licenses'), 0) AS licenses_after,
           currency, 'unchanged' AS basis
    FROM parts WHERE application = {app} AND (host IS NULL OR host NOT IN (SELECT host FROM estimate) OR cloud)
    GROUP BY currency
),
joined AS (
    SELECT * FROM host_rows UNION ALL SELECT * FROM rest
)
SELECT item, share_pct, depreciation, contracts, licenses, before, cloud_after, licenses_after,
       CASE WHEN cloud_after IS NULL THEN before  -- no estimate: it stays
            ELSE before - depreciation - contracts - licenses + cloud_after + licenses_after END AS after,
       CASE WHEN cloud_after IS NULL THEN 0
            ELSE cloud_after + licenses_after - depreciation - contracts - licenses END AS change, currency, basis
FROM joined
ORDER BY currency, starts_with(item, '('), item)",
                    fmt::arg("parts", parts), fmt::arg("app", app), fmt::arg("estimates", estimates));
    const std::string totals_sql = fmt::format(
        "SELECT 'total' AS item, NULL::DECIMAL(38,18) AS share_pct, sum(depreciation) AS depreciation, "
        "sum(contracts) AS contracts, sum(licenses) AS licenses, sum(before) AS before, sum(cloud_after) AS "
        "cloud_after, sum(licenses_after) AS licenses_after, sum(after) AS after, sum(change) AS change, currency, "
        "NULL AS basis FROM ({}) GROUP BY currency ORDER BY currency",
        rows_sql);
    std::vector<ReportColumn> columns = {
        {"item", ColumnType::kText, 0, ""},          {"share_pct", ColumnType::kPercentage, 1, "-"},
        {"depreciation", ColumnType::kMoney, 2, ""}, {"contracts", ColumnType::kMoney, 2, ""},
        {"licenses", ColumnType::kMoney, 2, ""},     {"before", ColumnType::kMoney, 2, ""},
        {"cloud_after", ColumnType::kMoney, 2, "-"}, {"licenses_after", ColumnType::kMoney, 2, ""},
        {"after", ColumnType::kMoney, 2, ""},        {"change", ColumnType::kMoney, 2, ""},
        {"currency", ColumnType::kText, 0, ""},      {"basis", ColumnType::kText, 0, ""},
    };
    return RunReportQuery(
        connection, "what-if-migrate-application",
        fmt::format("{}'s TCO in {} with its on-premises hosts moved to {} ({}): depreciation and support end, "
                    "licenses {}, the cloud VM's month at the application's share of each host",
                    options.application, window.months.front().ToString(), options.to,
                    options.license_included ? "license included" : "BYOL",
                    options.license_included ? "paid in the cloud price where the provider includes them (the "
                                               "contract runs on to its renewal: surplus)"
                                             : "at today's cost per license, counted by the licensing rules on the VM"),
        std::move(columns), rows_sql, totals_sql);
}

} // namespace crosswalk::report
