// `crosswalk what-if resize RESOURCE --vcpus N`: the license and cloud cost change of resizing a cloud VM,
// counted by the same compiled rules as the position (license_counting) on the installations as they would
// be. docs/licensing.md.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "crosswalk/common/error.hpp"
#include "crosswalk/report/license_counting.hpp"
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
    const auto side = [&](std::string_view source) {
        return fmt::format(R"((
    WITH {positions}
    SELECT c.product, any_value(c.vcpus) AS vcpus, bool_or(c.license_included) AS license_included,
           sum(c.licenses) AS licenses, any_value(p.shortfall) AS shortfall, any_value(p.unit_cost) AS unit_cost,
           any_value(p.currency) AS currency
    FROM counted AS c LEFT JOIN product_positions AS p USING (product)
    WHERE c.resource_id = {id}
    GROUP BY c.product))",
                           fmt::arg("positions", licensing::PositionSql(rules, as_of, source)), fmt::arg("id", id));
    };
    // The cloud cost: the as-of month's lines of the VM; the hourly ones (compute, and a license billed by the
    // hour) scale with the vCPUs, as sizes of one instance family are priced; storage and the rest stay. Kept
    // exact (a DECIMAL x vCPUs / vCPUs); a front end rounds.
    const std::string sql =
        fmt::format(R"(
WITH before AS {before},
after AS {after},
month AS (SELECT date_trunc('month', {as_of}::DATE) AS month_start,
                 date_trunc('month', {as_of}::DATE) + INTERVAL 1 MONTH AS month_end),
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
    SELECT l.*, v.vcpus, money_div(l.hourly * {vcpus}, v.vcpus, 18) AS hourly_after
    FROM lines AS l, current_vcpus AS v WHERE v.vcpus > 0
),
cloud AS (
    SELECT *, cost_before - hourly + hourly_after AS cost_after FROM scaled
)
SELECT * FROM (
SELECT b.product AS item, CASE WHEN b.license_included THEN 'included' ELSE 'BYOL' END AS license,
       b.vcpus AS vcpus_before, a.vcpus AS vcpus_after, b.licenses AS licenses_before, a.licenses AS licenses_after,
       a.licenses - b.licenses AS licenses_change, b.shortfall AS shortfall_before, a.shortfall AS shortfall_after,
       (a.shortfall - b.shortfall) * b.unit_cost AS exposure_change, NULL::DECIMAL(38,18) AS cloud_cost_before,
       NULL::DECIMAL(38,18) AS cloud_cost_after, NULL::DECIMAL(38,18) AS cloud_cost_change, b.currency
FROM before AS b JOIN after AS a USING (product)
UNION ALL
SELECT '(the VM''s cloud cost, ' || strftime((SELECT month_start FROM month), '%Y-%m') || ')', NULL, vcpus, {vcpus},
       NULL, NULL, NULL, NULL, NULL, NULL, cost_before, cost_after, cost_after - cost_before, currency
FROM cloud
) AS changes
ORDER BY starts_with(item, '('), item)",
                    fmt::arg("before", side("installation")), fmt::arg("after", side(resized)),
                    fmt::arg("as_of", QuoteLiteral(as_of)), fmt::arg("id", id), fmt::arg("vcpus", options.vcpus));
    std::vector<ReportColumn> columns = {
        {"item", ColumnType::kText, 0, ""},
        {"license", ColumnType::kText, 0, ""},
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
    };
    return RunReportQuery(connection, "what-if-resize",
                          fmt::format("what resizing {} to {} vCPUs changes, as of {}", resource, options.vcpus, as_of),
                          std::move(columns), sql, "");
}

} // namespace crosswalk::report
