// `crosswalk report license-findings`: what a license manager acts on, each with the owner to ask: shortfalls,
// BYOL without the right, licenses to reharvest (retired servers, VMs gone from the bill, idle installations),
// surplus to cut at renewal and SaaS subscriptions drawing ahead of or behind their straight line.
// docs/licensing.md.
#include <fmt/format.h>

#include "crosswalk/analyze/license_counting.hpp"
#include "crosswalk/common/error.hpp"
#include "crosswalk/report/prepaid_positions.hpp"
#include "crosswalk/report/reports.hpp"
#include "crosswalk/store/sql_quote.hpp"

namespace crosswalk::report {
namespace {

// A DECIMAL as people write it: 24.0000 -> 24, 0.5000 -> 0.5.
std::string Number(std::string_view expression) {
    return fmt::format("CASE WHEN contains(({0})::VARCHAR, '.') THEN rtrim(rtrim(({0})::VARCHAR, '0'), '.') "
                       "ELSE ({0})::VARCHAR END",
                       expression);
}

// An amount in a sentence, to the cent (the amount column keeps it exact).
std::string Cents(std::string_view expression) {
    return fmt::format("(({})::DECIMAL(38,2))::VARCHAR", expression);
}

// A SaaS drawdown off its straight line by more than this share of it is a finding.
constexpr const char* kDrawdownTolerance = "0.05";

} // namespace

ReportTable LicenseFindingsReport(store::Connection& connection, const LicenseOptions& options) {
    if (options.idle_days < 1) {
        Throw(ErrorKind::kInvalidInput, "--idle-days must be 1 or more, not {}", options.idle_days);
    }
    const std::string as_of = licensing::ResolveAsOf(connection, options.as_of);
    if (options.product) {
        licensing::RequireProduct(connection, *options.product,
                                  "SELECT product FROM installation UNION SELECT product FROM entitlement",
                                  "no entitlement or installation of", "the products are");
    }
    const std::string positions = licensing::PositionSql(rules::EffectiveLicensingRules(options.rules), as_of);
    const std::string prepaid =
        PrepaidPositionsSql("(SELECT month_start FROM as_of_date)", "(SELECT month_end FROM as_of_date)");
    const std::string filter =
        options.product ? fmt::format("WHERE product = {}", store::QuoteLiteral(*options.product)) : std::string();
    const std::string sql = fmt::format(
        R"(
WITH {positions}, {prepaid},
bill_end AS (
    SELECT ProviderName AS provider, max(coalesce(ChargePeriodEnd, ChargePeriodStart)) AS bill_end
    FROM cost_line, as_of_date WHERE ChargePeriodStart < as_of + 1 GROUP BY ProviderName
),
cloud_asset AS (
    SELECT resource_id, any_value(owner) AS owner, any_value(cost_center_id) AS cost_center_id
    FROM asset WHERE resource_id IS NOT NULL GROUP BY resource_id
),
billed_owner AS (
    SELECT ResourceId, arg_max(owner, ChargePeriodStart) FILTER (WHERE owner IS NOT NULL) AS owner,
           arg_max(cost_center, ChargePeriodStart) FILTER (WHERE cost_center IS NOT NULL) AS cost_center
    FROM cost_line_enriched
    WHERE ResourceId IN (SELECT resource_id FROM counted WHERE resource_id IS NOT NULL)
    GROUP BY ResourceId
),
-- Each installation with its owner (the asset register's, else the enrichment's of its bill lines), its price
-- and the reharvest reason that applies first: a retired or disposed server, a VM gone from the bill, idle.
installed AS (
    SELECT c.*, coalesce(a.owner, ca.owner, bo.owner) AS owner,
           coalesce(a.cost_center_id, ca.cost_center_id, bo.cost_center) AS cost_center,
           p.unit_cost, p.currency, be.bill_end, d.as_of,
           CASE WHEN c.host_kind = 'asset' AND a.lifecycle_state IN ('retired', 'disposed') THEN 'retired_host'
                WHEN c.host_type = 'cloud' AND c.last_billed < be.bill_end THEN 'terminated_host'
                WHEN c.last_used_date < d.as_of - {idle_days} THEN 'idle' END AS reharvest_reason,
           a.lifecycle_state AS asset_state, a.retired_date
    FROM counted AS c
    CROSS JOIN as_of_date AS d
    LEFT JOIN asset AS a ON c.host_kind = 'asset' AND a.asset_tag = c.host_id
    LEFT JOIN cloud_asset AS ca ON c.host_kind = 'resource' AND ca.resource_id = c.host_id
    LEFT JOIN billed_owner AS bo ON bo.ResourceId = c.resource_id
    LEFT JOIN bill_end AS be ON be.provider = c.provider
    LEFT JOIN product_positions AS p ON p.product = c.product
),
-- least() skips NULLs: the earlier of the term's and the maintenance's end.
renewal AS (
    SELECT product, min(renews_on) AS renews_on, arg_min(entitlement_id, renews_on) AS entitlement_id
    FROM (SELECT product, entitlement_id, least(term_end, maintenance_end) AS renews_on FROM entitlement), as_of_date
    WHERE renews_on > as_of AND renews_on <= as_of + INTERVAL 12 MONTH
    GROUP BY product
),
findings AS (
    SELECT 1 AS kind_order, 'shortfall' AS kind, p.product, NULL::VARCHAR AS host, cc.owner,
           p.cost_center_id AS cost_center,
           'required ' || {required} || ', entitled ' || {entitled} || ': ' || {shortfall} || ' short'
               || CASE WHEN p.without_rights > 0
                       THEN ', of which ' || {without_rights} || ' brought to a cloud without an entitlement carrying '
                            || array_to_string(p.rights_short, ' or ')
                       ELSE '' END AS detail,
           p.shortfall * p.unit_cost AS amount, p.currency, NULL::VARCHAR AS installation_id
    FROM product_positions AS p LEFT JOIN cost_center AS cc ON cc.cost_center_id = p.cost_center_id
    WHERE p.shortfall > 0
    UNION ALL
    SELECT 2, 'byol_without_rights', i.product, i.host_id, i.owner, i.cost_center,
           'BYOL on ' || i.provider || ' needs an entitlement with ' || i.byol_right || ': ' ||
               CASE WHEN s.supply = 0 THEN 'none of the product''s has it'
                    ELSE 'those with it hold ' || {supply} || ' for ' || {demand} || ' brought' END
               || ' (' || {licenses} || ' licenses)',
           CASE WHEN s.supply = 0 THEN i.licenses * i.unit_cost END, i.currency, i.installation_id
    FROM installed AS i
    JOIN byol_supply AS s ON s.product = i.product AND s.rights = [i.byol_right]
    JOIN product_positions AS p ON p.product = i.product
    WHERE i.licenses > 0 AND s.demand > s.supply AND p.entitled > s.supply -- some entitlement lacks the right
    UNION ALL
    SELECT 3, i.reharvest_reason, i.product, i.host_id, i.owner, i.cost_center,
           CASE i.reharvest_reason
               WHEN 'retired_host' THEN 'installed on a ' || i.asset_state || ' server'
                   || coalesce(' (retired ' || i.retired_date || ')', '') || ': it counts until removed'
               WHEN 'terminated_host' THEN 'last billed ' || i.last_billed::DATE || ', the ' || i.provider
                   || ' bill runs to ' || i.bill_end::DATE || ': the VM is gone, its license can be reharvested'
               ELSE 'not used since ' || i.last_used_date || ' (' || (i.as_of - i.last_used_date)
                   || ' days; the limit is {idle_days})' END
               || CASE WHEN i.licenses > 0 THEN ' (' || {licenses} || ' licenses)' ELSE '' END,
           CASE WHEN i.licenses > 0 THEN i.licenses * i.unit_cost END, i.currency, i.installation_id
    FROM installed AS i
    WHERE i.reharvest_reason IS NOT NULL AND NOT i.license_included
    UNION ALL
    SELECT 4, 'surplus_at_renewal', p.product, NULL, cc.owner, p.cost_center_id,
           {surplus} || ' more than required; ' || r.entitlement_id || ' renews on ' || r.renews_on::DATE
               || ': reduce it then',
           p.surplus * p.unit_cost, p.currency, NULL
    FROM product_positions AS p
    JOIN renewal AS r USING (product)
    LEFT JOIN cost_center AS cc ON cc.cost_center_id = p.cost_center_id
    WHERE p.surplus > 0
    UNION ALL
    SELECT 5, CASE WHEN q.drawn_to_date > q.straight_line_to_date THEN 'saas_overage' ELSE 'saas_underuse' END,
           q.name, NULL, cc.owner, c.cost_center_id,
           'drawn ' || {drawn} || ' of ' || {prepaid_value} || ' against a straight line of ' || {line} || ' after '
               || q.elapsed_units || ' of ' || q.term_units || CASE WHEN q.by_month THEN ' months' ELSE ' days' END
               || '; at this rate ' || CASE WHEN q.projected_at_term_end > q.prepaid
                                            THEN 'an overage of ' || {over} ELSE {unused} || ' unused' END
               || ' at the term''s end (' || q.end_date || ')',
           abs(q.prepaid - q.projected_at_term_end), q.currency, NULL
    FROM prepaid_positions AS q
    JOIN contract AS c USING (contract_id)
    LEFT JOIN cost_center AS cc ON cc.cost_center_id = c.cost_center_id
    WHERE q.projected_at_term_end IS NOT NULL
      AND abs(q.drawn_to_date - q.straight_line_to_date) > q.straight_line_to_date * {tolerance}
)
SELECT kind, product, host, owner, cost_center, detail, amount, currency, installation_id
FROM findings
{filter}
ORDER BY kind_order, kind, amount DESC NULLS LAST, product, installation_id)",
        fmt::arg("positions", positions), fmt::arg("prepaid", prepaid), fmt::arg("idle_days", options.idle_days),
        fmt::arg("required", Number("p.required")), fmt::arg("entitled", Number("p.entitled")),
        fmt::arg("shortfall", Number("p.shortfall")), fmt::arg("without_rights", Number("p.without_rights")),
        fmt::arg("supply", Number("s.supply")), fmt::arg("demand", Number("s.demand")),
        fmt::arg("licenses", Number("i.licenses")), fmt::arg("surplus", Number("p.surplus")),
        fmt::arg("tolerance", kDrawdownTolerance), fmt::arg("drawn", Cents("q.drawn_to_date")),
        fmt::arg("prepaid_value", Cents("q.prepaid")), fmt::arg("line", Cents("q.straight_line_to_date")),
        fmt::arg("over", Cents("q.projected_at_term_end - q.prepaid")),
        fmt::arg("unused", Cents("q.prepaid - q.projected_at_term_end")), fmt::arg("filter", filter));
    std::vector<ReportColumn> columns = {
        {"kind", ColumnType::kText, 0, ""},
        {"product", ColumnType::kText, 0, ""},
        {"host", ColumnType::kText, 0, ""},
        {"owner", ColumnType::kText, 0, "(none)"},
        {"cost_center", ColumnType::kText, 0, "(none)"},
        {"detail", ColumnType::kText, 0, ""},
        {"amount", ColumnType::kMoney, 2, "-"},
        {"currency", ColumnType::kText, 0, ""},
        {"installation_id", ColumnType::kText, 0, ""},
    };
    return RunReportQuery(
        connection, "license-findings",
        fmt::format("license findings as of {} (idle: not used for {} days)", as_of, options.idle_days),
        std::move(columns), sql, "");
}

} // namespace crosswalk::report
