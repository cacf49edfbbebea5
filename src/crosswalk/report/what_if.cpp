// `crosswalk what-if resize | migrate`: the license and cloud cost change of a change before it is made,
// counted by the same compiled rules as the position (license_counting) on the installations as they would
// be. docs/licensing.md.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "crosswalk/analyze/license_counting.hpp"
#include "crosswalk/common/decimal.hpp"
#include "crosswalk/common/error.hpp"
#include "crosswalk/report/instance_price.hpp"
#include "crosswalk/report/reports.hpp"
#include "crosswalk/store/sql_quote.hpp"

namespace crosswalk::report {
namespace {

using store::QuoteLiteral;

// The bill's ResourceId that `name` stands for: the id itself, its ResourceName, or its last path segment
// (i-0abc for arn:aws:ec2:...:instance/i-0abc). Throws kNotFound naming what matched when it is not one VM.
std::string ResolveResource(store::Connection& connection, const std::string& name) {
    std::vector<std::string> ids;
    for (const auto& row :
         connection
             .Query(
                 fmt::format("SELECT DISTINCT ResourceId FROM cost_line WHERE ResourceId = {0} OR ResourceName = {0} "
                             "OR ends_with(ResourceId, {1}) ORDER BY 1 LIMIT 6",
                             QuoteLiteral(name), QuoteLiteral("/" + name)))
             .TextRows()) {
        ids.push_back(*row[0]);
    }
    if (ids.empty()) {
        Throw(ErrorKind::kNotFound,
              "no bill line names resource '{}' (as its ResourceId, ResourceName or the end of "
              "its id)",
              name);
    }
    if (ids.size() > 1) {
        Throw(ErrorKind::kInvalidInput, "'{}' names {} resources: {}; give the whole ResourceId", name,
              ids.size() > 5 ? "more than 5" : std::to_string(ids.size()), fmt::join(ids, ", "));
    }
    return ids.front();
}

// One side of a change: per product on the hosts `where` picks (a condition on `counted`), its licenses there
// and the product's shortfall, under the installations `source` stands for.
std::string SideSql(const std::vector<rules::LicensingRule>& rules, const std::string& as_of, std::string_view source,
                    std::string_view where, const std::vector<licensing::SimulatedVm>& simulated = {}) {
    return fmt::format(R"((
    WITH {positions}
    SELECT c.product, any_value(c.vcpus) AS vcpus, bool_or(c.license_included) AS license_included,
           any_value(c.host_type) AS host_type, sum(c.licenses) AS licenses, any_value(p.shortfall) AS shortfall,
           any_value(p.unit_cost) AS unit_cost, any_value(p.currency) AS currency
    FROM counted AS c LEFT JOIN product_positions AS p USING (product)
    WHERE {where}
    GROUP BY c.product))",
                       fmt::arg("positions", licensing::PositionSql(rules, as_of, source, simulated)),
                       fmt::arg("where", where));
}

// The rows both changes print: one per product (before, after), then the cloud row of the CTE `cloud`
// (columns vcpus_before, vcpus_after, cost_before, cost_after, currency, basis).
constexpr const char* kChangeRows = R"(
SELECT * FROM (
SELECT b.product AS item,
       CASE WHEN b.license_included THEN 'included' WHEN b.host_type = 'cloud' THEN 'BYOL' ELSE 'on-premises' END
           AS license_before,
       CASE WHEN a.license_included THEN 'included' ELSE 'BYOL' END AS license_after,
       b.vcpus AS vcpus_before, a.vcpus AS vcpus_after, b.licenses AS licenses_before, a.licenses AS licenses_after,
       a.licenses - b.licenses AS licenses_change, b.shortfall AS shortfall_before, a.shortfall AS shortfall_after,
       (a.shortfall - b.shortfall) * b.unit_cost AS exposure_change, NULL::DECIMAL(38,18) AS cloud_cost_before,
       NULL::DECIMAL(38,18) AS cloud_cost_after, NULL::DECIMAL(38,18) AS cloud_cost_change, b.currency,
       NULL::VARCHAR AS basis
FROM before AS b JOIN after AS a USING (product)
UNION ALL
SELECT '(cloud cost, ' || strftime((SELECT month_start FROM month), '%Y-%m') || ')', NULL, NULL, vcpus_before,
       vcpus_after, NULL, NULL, NULL, NULL, NULL, NULL, cost_before, cost_after, cost_after - coalesce(cost_before, 0),
       currency, basis
FROM cloud
) AS changes
ORDER BY starts_with(item, '('), item)";

std::vector<ReportColumn> ChangeColumns() {
    return {
        {"item", ColumnType::kText, 0, ""},
        {"license_before", ColumnType::kText, 0, ""},
        {"license_after", ColumnType::kText, 0, ""},
        {"vcpus_before", ColumnType::kInteger, 0, ""},
        {"vcpus_after", ColumnType::kInteger, 0, ""},
        {"licenses_before", ColumnType::kDecimal, 0, "-"},
        {"licenses_after", ColumnType::kDecimal, 0, "-"},
        {"licenses_change", ColumnType::kDecimal, 0, "-"},
        {"shortfall_before", ColumnType::kDecimal, 0, ""},
        {"shortfall_after", ColumnType::kDecimal, 0, ""},
        {"exposure_change", ColumnType::kMoney, 2, ""},
        {"cloud_cost_before", ColumnType::kMoney, 2, ""},
        {"cloud_cost_after", ColumnType::kMoney, 2, ""},
        {"cloud_cost_change", ColumnType::kMoney, 2, ""},
        {"currency", ColumnType::kText, 0, ""},
        {"basis", ColumnType::kText, 0, ""},
    };
}

std::string MonthSql(const std::string& as_of) {
    return fmt::format("month AS (SELECT date_trunc('month', {0}::DATE) AS month_start, date_trunc('month', "
                       "{0}::DATE) + INTERVAL 1 MONTH AS month_end)",
                       QuoteLiteral(as_of));
}

} // namespace

ReportTable WhatIfResizeReport(store::Connection& connection, const WhatIfResizeOptions& options) {
    if (options.vcpus < 1) {
        Throw(ErrorKind::kInvalidInput, "--vcpus must be 1 or more, not {}", options.vcpus);
    }
    const std::string as_of = licensing::ResolveAsOf(connection, options.as_of);
    const std::string resource = ResolveResource(connection, options.resource);
    const std::string id = QuoteLiteral(resource);
    const std::vector<rules::LicensingRule> rules = rules::EffectiveLicensingRules(options.rules);
    // The installations as they would be: the VM's (on it directly, or on the asset that stands for it) with
    // the new vCPU count.
    const std::string resized = fmt::format(
        "(SELECT * REPLACE (CASE WHEN (host_kind = 'resource' AND host_id = {0}) OR (host_kind = 'asset' AND host_id "
        "IN (SELECT asset_tag FROM asset WHERE resource_id = {0})) THEN {1} ELSE vcpus END AS vcpus) FROM "
        "installation)",
        id, options.vcpus);
    const std::string on_vm = fmt::format("c.resource_id = {}", id);
    // The cloud cost: the as-of month's lines of the VM; the hourly ones (compute, and a license billed by the
    // hour) scale with the vCPUs, as sizes of one instance family are priced; storage and the rest stay. Kept
    // exact (a DECIMAL x vCPUs / vCPUs); a front end rounds.
    const std::string sql =
        fmt::format(R"(
WITH before AS {before},
after AS {after},
{month},
current_vcpus AS (
    SELECT coalesce(max(vcpus), (SELECT max(TRY_CAST(json_extract_string(SkuPriceDetails, '$.CoreCount') AS INTEGER))
                                 FROM cost_line WHERE ResourceId = {id})) AS vcpus
    FROM before
),
lines AS MATERIALIZED (
    SELECT l.BillingCurrency AS currency, sum(l.EffectiveCost) AS cost_before,
           coalesce(sum(l.EffectiveCost) FILTER (WHERE coalesce(l.PricingUnit, l.ConsumedUnit) ILIKE 'hour%'), 0)
               AS hourly
    FROM cost_line AS l, month AS m
    WHERE l.ResourceId = {id} AND l.ChargePeriodStart >= m.month_start AND l.ChargePeriodStart < m.month_end
    GROUP BY l.BillingCurrency
),
scaled AS MATERIALIZED (
    SELECT l.*, v.vcpus AS vcpus_before, {vcpus} AS vcpus_after,
           money_div(l.hourly * {vcpus}, v.vcpus, 18) AS hourly_after
    FROM lines AS l, current_vcpus AS v WHERE v.vcpus > 0
),
cloud AS (
    SELECT vcpus_before, vcpus_after, cost_before, cost_before - hourly + hourly_after AS cost_after, currency,
           'the VM''s lines of the month, the hourly ones x ' || vcpus_after || '/' || vcpus_before AS basis
    FROM scaled
){rows})",
                    fmt::arg("before", SideSql(rules, as_of, "installation", on_vm)),
                    fmt::arg("after", SideSql(rules, as_of, resized, on_vm)), fmt::arg("month", MonthSql(as_of)),
                    fmt::arg("id", id), fmt::arg("vcpus", options.vcpus), fmt::arg("rows", kChangeRows));
    return RunReportQuery(connection, "what-if-resize",
                          fmt::format("what resizing {} to {} vCPUs changes, as of {}", resource, options.vcpus, as_of),
                          ChangeColumns(), sql, "");
}

ReportTable WhatIfMigrateReport(store::Connection& connection, const WhatIfMigrateOptions& options) {
    const InstanceType instance = ParseInstanceType(connection, options.to, "--to");
    const std::string& provider = instance.provider;
    const std::string& type = instance.type;
    const std::string host = QuoteLiteral(options.host);
    std::vector<std::string> products;
    for (const auto& row :
         connection
             .Query(fmt::format("SELECT DISTINCT i.product FROM installation AS i JOIN asset AS a ON a.asset_tag = "
                                "i.host_id WHERE i.host_kind = 'asset' AND i.host_id = {} AND a.category <> 'cloud' "
                                "AND i.product IS NOT NULL ORDER BY 1",
                                host))
             .TextRows()) {
        products.push_back(*row[0]);
    }
    if (products.empty()) {
        Throw(ErrorKind::kNotFound,
              "no installation on an on-premises asset '{}' (give an asset_tag of the asset "
              "register whose software moves)",
              options.host);
    }
    if (options.hourly_price) {
        bool valid = false;
        try {
            valid = !(Decimal::Parse(*options.hourly_price) < Decimal(0, 0));
        } catch (const Error&) {
            valid = false;
        }
        if (!valid) {
            Throw(ErrorKind::kInvalidInput, "--hourly-price must be an amount >= 0, such as 0.192, not '{}'",
                  *options.hourly_price);
        }
    }
    const std::string as_of = licensing::ResolveAsOf(connection, options.as_of);
    int vcpus = options.vcpus;
    if (vcpus == 0) {
        vcpus = InstanceVcpus(connection, instance);
        if (vcpus == 0) {
            Throw(ErrorKind::kNotFound, "no {} bill line shows instance type '{}' with its vCPUs; give --vcpus N",
                  provider, type);
        }
    }
    const std::vector<rules::LicensingRule> rules = rules::EffectiveLicensingRules(options.rules);
    // Whether a VM's bill shows the license of the products that move, for the price of that kind of VM.
    const std::string license_match = LicenseMatchSql(rules, products, provider, options.license_included);
    const std::string vm = "what-if:" + options.to;
    const std::string moved = fmt::format(
        "(SELECT * REPLACE (CASE WHEN host_kind = 'asset' AND host_id = {0} THEN 'resource' ELSE host_kind END AS "
        "host_kind, CASE WHEN host_kind = 'asset' AND host_id = {0} THEN {1} ELSE host_id END AS host_id, CASE WHEN "
        "host_kind = 'asset' AND host_id = {0} THEN {2} ELSE vcpus END AS vcpus, CASE WHEN host_kind = 'asset' AND "
        "host_id = {0} THEN 2 ELSE threads_per_core END AS threads_per_core, CASE WHEN host_kind = 'asset' AND host_id "
        "= {0} THEN NULL ELSE physical_cores END AS physical_cores) FROM installation)",
        host, QuoteLiteral(vm), vcpus);
    const std::string price = InstancePriceSql(instance, license_match,
                                               options.license_included && AnyLicenseSignal(rules, products, provider),
                                               options.hourly_price, "--hourly-price");
    const std::string sql = fmt::format(
        R"(
WITH before AS {before},
after AS {after},
{month},
{price},
monthly AS MATERIALIZED (SELECT *, hourly * 730 AS month_cost FROM price),
cloud AS (
    SELECT NULL::INTEGER AS vcpus_before, {vcpus} AS vcpus_after, NULL::DECIMAL(38,18) AS cost_before,
           money_round(month_cost, currency) AS cost_after, currency, basis
    FROM monthly
    UNION ALL
    SELECT NULL, {vcpus}, NULL, NULL, NULL,
           'no {provider_text} VM of {type_text} is billed ' || CASE WHEN {included} THEN 'with' ELSE 'without' END
               || ' the license in the month: give --hourly-price'
    WHERE NOT EXISTS (SELECT 1 FROM price)
){rows})",
        fmt::arg("before",
                 SideSql(rules, as_of, "installation", fmt::format("c.host_kind = 'asset' AND c.host_id = {}", host))),
        fmt::arg("after", SideSql(rules, as_of, moved, fmt::format("c.host_id = {}", QuoteLiteral(vm)),
                                  {licensing::SimulatedVm{vm, provider, options.license_included}})),
        fmt::arg("month", MonthSql(as_of)), fmt::arg("price", price), fmt::arg("vcpus", vcpus),
        fmt::arg("provider_text", EscapeSqlText(provider)), fmt::arg("type_text", EscapeSqlText(type)),
        fmt::arg("included", options.license_included ? "true" : "false"), fmt::arg("rows", kChangeRows));
    ReportTable table = RunReportQuery(
        connection, "what-if-migrate",
        fmt::format("what moving {} to a {} {} VM ({} vCPUs, license {}) changes, as of {}", options.host, provider,
                    type, vcpus, options.license_included ? "included" : "BYOL", as_of),
        ChangeColumns(), sql, "");
    return table;
}

} // namespace crosswalk::report
