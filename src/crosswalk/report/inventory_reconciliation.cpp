// `crosswalk report reconcile-inventory`: the cloud resources of the bill, the asset register and the CMDB
// matched into one inventory, with what does not agree. docs/reconciliation.md.
#include <fmt/format.h>

#include "crosswalk/analyze/license_counting.hpp"
#include "crosswalk/report/reports.hpp"
#include "crosswalk/store/sql_quote.hpp"

namespace crosswalk::report {
namespace {

// The inventory as CTEs, ending in `finding` (finding, provider, resource_id, asset_tag, ci_id, name, owner,
// cost_center, amount_at_stake, currency, match_rule, detail, rank) and `coverage`.
//
// Links are explicit first (a CI's resource_id or asset_tag, an asset's ci_id or resource_id), then by
// identifier (the end of a cloud ResourceId, a serial number, a host or resource name), each with its rule.
std::string InventorySql(const std::string& as_of) {
    return fmt::format(R"(
WITH window_ AS (SELECT {as_of}::DATE AS as_of, date_trunc('month', {as_of}::DATE)::TIMESTAMP AS month_start,
                        (date_trunc('month', {as_of}::DATE) + INTERVAL 1 MONTH)::TIMESTAMP AS month_end),
-- Cloud resources billed in the month of the date, with their cost there.
billed AS MATERIALIZED (
    SELECT c.ProviderName AS provider, c.ResourceId AS resource_id, any_value(c.ResourceName) AS name,
           c.BillingCurrency AS currency, sum(c.EffectiveCost) AS cost
    FROM cost_line AS c, window_ AS w
    WHERE c.ResourceId IS NOT NULL AND c.ChargePeriodStart >= w.month_start AND c.ChargePeriodStart < w.month_end
      AND c.ResourceId IS DISTINCT FROM c.CommitmentDiscountId -- a commitment's own lines: not inventory
    GROUP BY ALL
),
-- Who a chargeback bills for a resource: the enrichment's cost center and owner of its bill lines.
charged AS MATERIALIZED (
    SELECT ProviderName AS provider, ResourceId AS resource_id, mode(cost_center) AS cost_center,
           mode(cost_center_source) AS cost_center_source, mode(owner) AS owner
    FROM cost_dimension WHERE ResourceId IS NOT NULL GROUP BY ALL
),
known_resource AS MATERIALIZED (
    SELECT coalesce(b.provider, r.provider) AS provider, coalesce(b.resource_id, r.resource_id) AS resource_id,
           coalesce(b.name, r.name) AS name, r.first_seen, r.last_seen, b.currency, b.cost, b.resource_id IS NOT NULL AS live,
           regexp_extract(coalesce(b.resource_id, r.resource_id), '[^/:]+$') AS short_id
    FROM billed AS b FULL OUTER JOIN resource AS r ON r.provider = b.provider AND r.resource_id = b.resource_id
),
live_ci AS MATERIALIZED (
    SELECT * FROM ci
    WHERE coalesce(lower(status), '') NOT IN ('retired', 'decommissioned', 'disposed', 'absent', 'deleted')
),
-- CI -> cloud resource: its resource_id, else the end of an ARN or path (i-0abc for .../instance/i-0abc), else
-- a resource of the same name, when only one has it.
ci_resource_candidates AS (
    SELECT c.ci_id, r.provider, r.resource_id, 1 AS priority, 'ci.resource_id' AS rule
    FROM live_ci AS c JOIN known_resource AS r ON r.resource_id = c.resource_id
    UNION ALL
    SELECT c.ci_id, r.provider, r.resource_id, 2, 'resource id ends with ci.resource_id'
    FROM live_ci AS c JOIN known_resource AS r ON r.short_id = c.resource_id AND r.resource_id <> c.resource_id
    UNION ALL
    SELECT c.ci_id, any_value(r.provider), any_value(r.resource_id), 3, 'name'
    FROM live_ci AS c JOIN known_resource AS r ON lower(r.name) = lower(c.name)
    WHERE c.asset_tag IS NULL AND (c.cloud_provider IS NOT NULL OR c.resource_id IS NOT NULL)
      AND c.ci_id NOT IN (SELECT ci_id FROM asset WHERE ci_id IS NOT NULL) -- an asset's CI goes through the asset
    GROUP BY c.ci_id HAVING count(*) = 1
),
ci_resource AS MATERIALIZED (
    SELECT ci_id, arg_min(provider, priority) AS provider, arg_min(resource_id, priority) AS resource_id,
           arg_min(rule, priority) AS rule
    FROM ci_resource_candidates GROUP BY ci_id
),
-- CI -> asset: the asset's ci_id, the CI's asset_tag, the serial number, the host name.
ci_asset_candidates AS (
    SELECT c.ci_id, a.asset_tag, 1 AS priority, 'asset.ci_id' AS rule
    FROM live_ci AS c JOIN asset AS a ON a.ci_id = c.ci_id
    UNION ALL
    SELECT c.ci_id, a.asset_tag, 2, 'ci.asset_tag' FROM live_ci AS c JOIN asset AS a ON a.asset_tag = c.asset_tag
    UNION ALL
    SELECT c.ci_id, a.asset_tag, 3, 'serial'
    FROM live_ci AS c JOIN asset AS a ON lower(a.serial_number) = lower(c.serial_number)
    WHERE trim(c.serial_number) <> ''
    UNION ALL
    SELECT c.ci_id, any_value(a.asset_tag), 4, 'host name'
    FROM live_ci AS c JOIN asset AS a ON lower(a.name) = lower(c.name) AND a.category IN ('hardware', 'virtual')
    WHERE c.resource_id IS NULL
    GROUP BY c.ci_id HAVING count(*) = 1
),
ci_asset AS MATERIALIZED (
    SELECT ci_id, arg_min(asset_tag, priority) AS asset_tag, arg_min(rule, priority) AS rule
    FROM ci_asset_candidates GROUP BY ci_id
),
-- Asset -> cloud resource: its resource_id.
asset_resource AS MATERIALIZED (
    SELECT a.asset_tag, r.provider, r.resource_id
    FROM asset AS a JOIN known_resource AS r ON r.resource_id = a.resource_id OR r.short_id = a.resource_id
),
-- Each resource's CI, directly or through its asset.
resource_ci AS MATERIALIZED (
    SELECT provider, resource_id, ci_id, rule FROM ci_resource
    UNION
    SELECT ar.provider, ar.resource_id, ca.ci_id, ca.rule || '; asset.resource_id'
    FROM asset_resource AS ar JOIN ci_asset AS ca ON ca.asset_tag = ar.asset_tag
    WHERE ca.ci_id NOT IN (SELECT ci_id FROM ci_resource)
),
resource_one_ci AS MATERIALIZED (
    SELECT provider, resource_id, min(ci_id) AS ci_id, arg_min(rule, ci_id) AS rule, count(*) AS cis,
           string_agg(ci_id, ', ' ORDER BY ci_id) AS all_cis
    FROM resource_ci GROUP BY ALL
),
asset_one_ci AS MATERIALIZED (
    SELECT asset_tag, min(ci_id) AS ci_id, arg_min(rule, ci_id) AS rule, count(*) AS cis,
           string_agg(ci_id, ', ' ORDER BY ci_id) AS all_cis
    FROM ci_asset GROUP BY asset_tag
),
-- Assets retired or disposed by the date (the register's state, on its retired_date when it has one).
retired_asset AS MATERIALIZED (
    SELECT a.* FROM asset AS a, window_ AS w
    WHERE a.lifecycle_state IN ('retired', 'disposed') AND coalesce(a.retired_date <= w.as_of, true)
),
-- What a retired asset's resource was billed after the retirement, in the month.
retired_billed AS MATERIALIZED (
    SELECT a.asset_tag, r.provider, r.resource_id, l.BillingCurrency AS currency, sum(l.EffectiveCost) AS cost,
           max(l.ChargePeriodEnd) AS billed_to
    FROM retired_asset AS a CROSS JOIN window_ AS w
    JOIN asset_resource AS ar ON ar.asset_tag = a.asset_tag
    JOIN known_resource AS r ON r.provider = ar.provider AND r.resource_id = ar.resource_id AND r.live
    JOIN cost_line AS l ON l.ProviderName = r.provider AND l.ResourceId = r.resource_id
        AND l.ChargePeriodStart >= w.month_start AND l.ChargePeriodStart < w.month_end
        AND l.ChargePeriodStart >= coalesce((a.retired_date + 1)::TIMESTAMP, w.month_start)
    GROUP BY ALL
),
installed AS (
    SELECT host_id AS asset_tag, count(*) AS installations, string_agg(DISTINCT product, ', ' ORDER BY product) AS products
    FROM installation WHERE host_kind = 'asset' GROUP BY host_id
),
finding AS (
    -- Billed cloud resources: matched, in dispute, or with no CI.
    SELECT CASE WHEN rc.ci_id IS NULL THEN 'no_ci'
                WHEN ch.cost_center IS NOT NULL AND c.cost_center_id IS NOT NULL
                     AND ch.cost_center <> c.cost_center_id THEN 'ownership_dispute'
                ELSE 'matched' END AS finding,
           r.provider, r.resource_id, ar.asset_tag, rc.ci_id, r.name,
           CASE WHEN rc.ci_id IS NULL THEN ch.owner ELSE coalesce(c.owner, ch.owner) END AS owner,
           CASE WHEN rc.ci_id IS NULL THEN ch.cost_center ELSE coalesce(ch.cost_center, c.cost_center_id) END
               AS cost_center,
           r.cost AS amount_at_stake, r.currency, rc.rule AS match_rule,
           CASE WHEN rc.ci_id IS NULL THEN 'billed in the month, no CI names it'
                    || coalesce('; the chargeback bills ' || ch.cost_center || ' (' || ch.cost_center_source || ')', '')
                WHEN ch.cost_center IS NOT NULL AND c.cost_center_id IS NOT NULL AND ch.cost_center <> c.cost_center_id
                    THEN 'the chargeback bills ' || ch.cost_center || ' (' || coalesce(ch.cost_center_source, '?')
                         || '); the CMDB''s ' || c.ci_id || ' names ' || c.cost_center_id
                         || coalesce(' (owner ' || c.owner || ')', '')
                WHEN rc.cis > 1 THEN 'CIs ' || rc.all_cis
                END AS detail,
           CASE WHEN rc.ci_id IS NULL THEN 3
                WHEN ch.cost_center IS NOT NULL AND c.cost_center_id IS NOT NULL
                     AND ch.cost_center <> c.cost_center_id THEN 1 ELSE 9 END AS rank
    FROM known_resource AS r
    LEFT JOIN resource_one_ci AS rc ON rc.provider = r.provider AND rc.resource_id = r.resource_id
    LEFT JOIN ci AS c ON c.ci_id = rc.ci_id
    LEFT JOIN charged AS ch ON ch.provider = r.provider AND ch.resource_id = r.resource_id
    LEFT JOIN (SELECT provider, resource_id, min(asset_tag) AS asset_tag FROM asset_resource GROUP BY ALL) AS ar
        ON ar.provider = r.provider AND ar.resource_id = r.resource_id
    WHERE r.live
    UNION ALL
    -- The same machine twice: a resource or an asset several CIs name.
    SELECT 'duplicate', rc.provider, rc.resource_id, NULL, d.ci_id, c.name, c.owner, c.cost_center_id, NULL, NULL,
           d.rule, 'the resource is also ' || rc.ci_id || '''s'
               || coalesce(' (discovery: ' || c.discovery_source || ')', ''), 7
    FROM resource_one_ci AS rc JOIN resource_ci AS d ON d.provider = rc.provider AND d.resource_id = rc.resource_id
        AND d.ci_id <> rc.ci_id
    JOIN ci AS c ON c.ci_id = d.ci_id
    UNION ALL
    SELECT 'duplicate', NULL, NULL, ac.asset_tag, d.ci_id, c.name, c.owner, c.cost_center_id, NULL, NULL, d.rule,
           'the asset is also ' || ac.ci_id || '''s' || coalesce(' (discovery: ' || c.discovery_source || ')', ''), 7
    FROM asset_one_ci AS ac JOIN ci_asset AS d ON d.asset_tag = ac.asset_tag AND d.ci_id <> ac.ci_id
    JOIN ci AS c ON c.ci_id = d.ci_id
    UNION ALL
    SELECT 'duplicate', NULL, NULL, a.asset_tag, a.ci_id, a.name, a.owner, a.cost_center_id, NULL, NULL, 'serial',
           'serial ' || a.serial_number || ' is also asset ' || b.asset_tag, 7
    FROM asset AS a JOIN asset AS b ON lower(b.serial_number) = lower(a.serial_number) AND b.asset_tag < a.asset_tag
    WHERE trim(a.serial_number) <> ''
    UNION ALL
    -- CIs of a cloud resource that is not billed, or of an asset that is retired or not in the register.
    SELECT 'stale_ci', coalesce(r.provider, c.cloud_provider), coalesce(cr.resource_id, c.resource_id),
           coalesce(ca.asset_tag, c.asset_tag), c.ci_id, c.name, c.owner, c.cost_center_id, NULL, NULL,
           coalesce(cr.rule, ca.rule),
           CASE WHEN c.resource_id IS NOT NULL AND cr.resource_id IS NULL
                    THEN 'no bill line names its resource'
                WHEN c.resource_id IS NOT NULL AND NOT r.live
                    THEN 'its resource is not billed in ' || strftime(w.as_of, '%Y-%m')
                         || coalesce('; last billed ' || strftime(r.last_seen, '%Y-%m-%d'), '')
                WHEN c.asset_tag IS NOT NULL AND ca.asset_tag IS NULL
                    THEN 'asset ' || c.asset_tag || ' is not in the register'
                ELSE 'asset ' || a.asset_tag || ' is ' || a.lifecycle_state END,
           4
    FROM live_ci AS c CROSS JOIN window_ AS w
    LEFT JOIN ci_resource AS cr ON cr.ci_id = c.ci_id
    LEFT JOIN known_resource AS r ON r.provider = cr.provider AND r.resource_id = cr.resource_id
    LEFT JOIN ci_asset AS ca ON ca.ci_id = c.ci_id
    LEFT JOIN asset AS a ON a.asset_tag = ca.asset_tag
    WHERE (c.resource_id IS NOT NULL AND (cr.resource_id IS NULL OR NOT r.live)
           -- A resource first billed after the month: the CMDB (a snapshot) is newer than the date, not stale.
           AND (cr.resource_id IS NULL OR r.first_seen IS NULL OR r.first_seen < w.month_start)
           AND NOT EXISTS (SELECT 1 FROM asset_resource AS x JOIN known_resource AS y
                               ON y.provider = x.provider AND y.resource_id = x.resource_id
                           WHERE x.asset_tag = ca.asset_tag AND y.live))
       OR (c.resource_id IS NULL AND c.asset_tag IS NOT NULL AND ca.asset_tag IS NULL)
       OR (c.resource_id IS NULL AND a.asset_tag IN (SELECT asset_tag FROM retired_asset))
    UNION ALL
    -- Retired or disposed assets still billed, or still carrying installations.
    SELECT 'retired_but_billed', b.provider, b.resource_id, a.asset_tag, a.ci_id, a.name, a.owner,
           a.cost_center_id, b.cost, b.currency, 'asset.resource_id',
           'asset ' || a.lifecycle_state || coalesce(' on ' || a.retired_date::VARCHAR, '') || ', billed after it to '
               || strftime(b.billed_to, '%Y-%m-%d %H:%M'), 2
    FROM retired_billed AS b JOIN asset AS a ON a.asset_tag = b.asset_tag
    UNION ALL
    SELECT 'retired_with_installations', NULL, NULL, a.asset_tag, a.ci_id, a.name, a.owner, a.cost_center_id, NULL,
           NULL, NULL,
           'asset ' || a.lifecycle_state || coalesce(' on ' || a.retired_date::VARCHAR, '') || ', '
               || i.installations || ' installation' || CASE WHEN i.installations = 1 THEN '' ELSE 's' END
               || ' on it: ' || i.products, 5
    FROM retired_asset AS a JOIN installed AS i ON i.asset_tag = a.asset_tag
    UNION ALL
    -- On-premises assets in use: matched to a CI or not.
    SELECT CASE WHEN ac.ci_id IS NULL THEN 'asset_without_ci' ELSE 'matched' END, NULL, NULL, a.asset_tag,
           ac.ci_id, a.name, coalesce(c.owner, a.owner), coalesce(a.cost_center_id, c.cost_center_id), NULL, NULL,
           ac.rule, CASE WHEN ac.ci_id IS NULL THEN a.category || ' asset ' || a.lifecycle_state || ', no CI names it'
                         WHEN ac.cis > 1 THEN 'CIs ' || ac.all_cis END,
           CASE WHEN ac.ci_id IS NULL THEN 6 ELSE 9 END
    FROM asset AS a
    LEFT JOIN asset_one_ci AS ac ON ac.asset_tag = a.asset_tag
    LEFT JOIN ci AS c ON c.ci_id = ac.ci_id
    WHERE a.category IN ('hardware', 'virtual') AND a.lifecycle_state IN ('in_use', 'deployed')
),
coverage AS (
    SELECT r.currency, sum(r.cost) AS cloud_cost, coalesce(sum(r.cost) FILTER (WHERE c.resource_id IS NOT NULL), 0)
               AS cloud_cost_with_ci,
           count(*) AS resources, count(c.resource_id) AS resources_with_ci
    FROM known_resource AS r
    LEFT JOIN resource_one_ci AS c ON c.provider = r.provider AND c.resource_id = r.resource_id
    WHERE r.live GROUP BY r.currency
))",
                       fmt::arg("as_of", store::QuoteLiteral(as_of)));
}

} // namespace

std::string detail::InventoryCoverageSql(const std::string& as_of, const std::string& currency) {
    return InventorySql(as_of) + fmt::format(R"(
SELECT cloud_cost_with_ci::VARCHAR, cloud_cost::VARCHAR, resources_with_ci::VARCHAR, resources::VARCHAR
FROM coverage WHERE currency = {})",
                                             store::QuoteLiteral(currency));
}

ReportTable InventoryReconciliationReport(store::Connection& connection, const InventoryOptions& options) {
    const std::string as_of = licensing::ResolveAsOf(connection, options.as_of);
    const std::string inventory = InventorySql(as_of);
    // The coverage figures, for the title: per currency the share of cloud cost on a CI; the assets in use with one.
    std::string coverage;
    for (const auto& row : connection
                               .Query(inventory + R"(
SELECT currency || ' ' || CASE WHEN cloud_cost = 0 THEN '-' ELSE
           money_div(cloud_cost_with_ci * 100, cloud_cost, 2)::DECIMAL(38,2)::VARCHAR || '%' END
       || ' (' || resources_with_ci || ' of ' || resources || ' resources)'
FROM coverage WHERE currency IS NOT NULL ORDER BY currency)")
                               .TextRows()) {
        coverage += (coverage.empty() ? "" : ", ") + row[0].value_or("");
    }
    const auto assets = connection
                            .Query(inventory + R"(
SELECT (count(*) FILTER (WHERE finding = 'matched'))::VARCHAR || ' of ' || count(*)::VARCHAR
FROM finding WHERE asset_tag IS NOT NULL AND resource_id IS NULL AND finding IN ('matched', 'asset_without_ci'))")
                            .ScalarString()
                            .value_or("0 of 0");
    const std::string rows_sql = inventory + R"(
SELECT finding, provider, resource_id, asset_tag, ci_id, name, owner, cost_center, amount_at_stake, currency,
       match_rule, detail
FROM finding
ORDER BY rank, currency NULLS LAST, amount_at_stake DESC NULLS LAST, provider, resource_id, asset_tag, ci_id)";
    const std::string totals_sql = inventory + R"(
SELECT finding, NULL AS provider, NULL AS resource_id, NULL AS asset_tag, NULL AS ci_id,
       count(*) || ' found' AS name, NULL AS owner, NULL AS cost_center, sum(amount_at_stake) AS amount_at_stake,
       currency, NULL AS match_rule, NULL AS detail
FROM finding WHERE finding <> 'matched'
GROUP BY finding, currency ORDER BY min(rank), currency NULLS LAST)";
    std::vector<ReportColumn> columns = {
        {"finding", ColumnType::kText, 0, ""},
        {"provider", ColumnType::kText, 0, ""},
        {"resource_id", ColumnType::kText, 0, ""},
        {"asset_tag", ColumnType::kText, 0, ""},
        {"ci_id", ColumnType::kText, 0, ""},
        {"name", ColumnType::kText, 0, ""},
        {"owner", ColumnType::kText, 0, "(none)"},
        {"cost_center", ColumnType::kText, 0, "(none)"},
        {"amount_at_stake", ColumnType::kMoney, 2, "-"},
        {"currency", ColumnType::kText, 0, ""},
        {"match_rule", ColumnType::kText, 0, ""},
        {"detail", ColumnType::kText, 0, ""},
    };
    return RunReportQuery(connection, "reconcile-inventory",
                          fmt::format("cloud resources billed in {}, assets and CIs as of {}; cloud cost on a CI: {}; "
                                      "assets in use with a CI: {}",
                                      as_of.substr(0, 7), as_of, coverage.empty() ? "no cloud cost" : coverage, assets),
                          std::move(columns), rows_sql, totals_sql);
}

} // namespace crosswalk::report
