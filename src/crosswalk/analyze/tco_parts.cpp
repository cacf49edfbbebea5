// The parts of TCO per month (docs/tco.md). Each source of cost is placed by one rule, and every split is a
// money_split (largest remainder on minor units), so that the parts of a pool add up to it exactly:
//   bill         allocation_result of the month (amortized): licenses when its TBM cost pool is
//                'Software & SaaS', else cloud_direct (direct cost) or cloud_shared (a share of a step);
//   asset        the month of its depreciation schedule, to its CI's units (the VMs hosted by it, else the CI
//                itself) evenly, and from each unit to the applications that run on it evenly;
//   contract     a contract the bill does not show, straight line by month over its term: to the products of its
//                entitlements in term (by their value), from a product to its installations (by the licenses
//                they count), from an installation to its host's applications; a contract with no entitlement
//                in term (support, SaaS) to the vendor's hardware in service (by acquisition cost), then along
//                the asset path;
//   entitlement  one bought outside any loaded contract: its cost over its term (perpetual: 36 months from
//                purchase), then like a contract's product;
//   ledger       lines posted in the month that no other source explains (not an invoice of the bill, not a
//                contract's invoice or vendor, not depreciation while the register depreciates): labor
//                (cost pool Staffing or Outside Services) or contracts, evenly over the applications of the
//                line's cost center (else those of its child cost centers).
// Then what sits on a platform application that an allocation step spreads (pool: {application: X}) follows its
// cloud cost to the step's targets, by the step's weights in the month.
#include "crosswalk/analyze/tco_parts.hpp"

#include <fmt/format.h>

#include "crosswalk/analyze/asset_schedules.hpp"
#include "crosswalk/analyze/license_counting.hpp"
#include "crosswalk/common/error.hpp"
#include "crosswalk/common/money.hpp"
#include "crosswalk/rules/licensing_rules.hpp"
#include "crosswalk/rules/vendor_rules.hpp"
#include "crosswalk/store/sql_quote.hpp"

namespace crosswalk::analyze::tco {
namespace {

using store::QuoteLiteral;

// The depreciation of the month per asset, as a table expression (asset_tag, currency, amount).
std::string DepreciationValues(const AssetSchedules& schedules, MonthIndex month) {
    std::string values;
    for (const AssetSchedule& asset : schedules.assets) {
        for (const DepreciationMonth& entry : asset.schedule.months) {
            if (entry.month == month && entry.amount != 0) {
                values += fmt::format("{}({}, {}, {}::DECIMAL(38,18))", values.empty() ? "" : ", ",
                                      QuoteLiteral(asset.asset_tag), QuoteLiteral(asset.currency),
                                      QuoteLiteral(money::FromUnits(entry.amount, asset.scale).ToString()));
            }
        }
    }
    if (values.empty()) {
        return "SELECT NULL::VARCHAR AS asset_tag, NULL::VARCHAR AS currency, NULL::DECIMAL(38,18) AS amount "
               "WHERE false";
    }
    return "SELECT * FROM (VALUES " + values + ") AS v(asset_tag, currency, amount)";
}

// The month of each contract the bill does not show and of each entitlement bought outside a loaded contract:
// a straight line by month over the term (analyze::Schedule: each month its share of the running total, rounded
// to the currency's minor unit, so that a term adds up to its value exactly), as table expressions.
struct TermMonths {
    std::string contracts;    // (contract_id, vendor, currency, contract_type, month_no, months, amount)
    std::string entitlements; // (entitlement_id, product, currency, month_no, months, amount)
};

TermMonths LoadTermMonths(store::Connection& connection, MonthIndex index) {
    const auto schedule = [&](const std::string& id, const std::string& cost, int scale, MonthIndex first, int months,
                              std::string& values, const std::string& head) {
        DepreciableAsset term;
        term.cost = Decimal::Parse(cost);
        term.salvage = Decimal::Parse("0");
        term.scale = scale;
        term.useful_life_months = months;
        term.in_service = first;
        DepreciationSchedule result;
        try {
            result = Schedule(term, DepreciationConvention::kFullMonth);
        } catch (const Error& error) {
            Throw(ErrorKind::kInvalidInput, "{}: {}", id, error.what());
        }
        for (const DepreciationMonth& entry : result.months) {
            if (entry.month == index) {
                values += fmt::format("{}({}, {}, {}, {}::DECIMAL(38,18))", values.empty() ? "" : ", ", head,
                                      entry.month - first + 1, months,
                                      QuoteLiteral(money::FromUnits(entry.amount, scale).ToString()));
            }
        }
    };
    const std::string p0 = QuoteLiteral(MonthText(index) + "-01");
    TermMonths terms;
    std::string values;
    for (const auto& row : connection
                               .Query(fmt::format(R"(
SELECT contract_id, vendor, currency, contract_type, total_value::VARCHAR, minor_units(currency)::VARCHAR,
       strftime(start_date, '%Y-%m'), datediff('month', start_date, end_date + 1)::VARCHAR
FROM contract
WHERE cloud_provider IS NULL AND total_value > 0 AND currency IS NOT NULL AND start_date IS NOT NULL
  AND end_date >= start_date AND minor_units(currency) IS NOT NULL
  AND contract_id NOT IN (SELECT DISTINCT CommitmentDiscountId FROM cost_line WHERE CommitmentDiscountId IS NOT NULL)
  AND date_trunc('month', start_date) <= {0}::DATE AND date_trunc('month', end_date) >= {0}::DATE
ORDER BY contract_id)",
                                                  p0))
                               .TextRows()) {
        const std::string head =
            fmt::format("{}, {}, {}, {}", QuoteLiteral(*row[0]), row[1] ? QuoteLiteral(*row[1]) : "NULL",
                        QuoteLiteral(*row[2]), row[3] ? QuoteLiteral(*row[3]) : "NULL");
        schedule("contract " + *row[0], *row[4], std::stoi(*row[5]), MonthOf(*row[6]), std::max(1, std::stoi(*row[7])),
                 values, head);
    }
    terms.contracts = values.empty() ? "SELECT NULL::VARCHAR AS contract_id, NULL::VARCHAR AS vendor, NULL::VARCHAR AS "
                                       "currency, NULL::VARCHAR AS contract_type, NULL::BIGINT AS month_no, "
                                       "NULL::BIGINT AS months, NULL::DECIMAL(38,18) AS amount WHERE false"
                                     : "SELECT * FROM (VALUES " + values +
                                           ") AS v(contract_id, vendor, currency, contract_type, month_no, months, "
                                           "amount)";
    values.clear();
    for (const auto& row : connection
                               .Query(R"(
SELECT entitlement_id, product, currency, coalesce(total_cost, money_mul(quantity, unit_cost))::VARCHAR,
       minor_units(currency)::VARCHAR, strftime(coalesce(term_start, purchase_date), '%Y-%m'),
       (CASE WHEN term_start IS NOT NULL AND term_end >= term_start THEN datediff('month', term_start, term_end + 1)
             ELSE 36 END)::VARCHAR
FROM entitlement
WHERE (contract_id IS NULL OR contract_id NOT IN (SELECT contract_id FROM contract)) AND currency IS NOT NULL
  AND minor_units(currency) IS NOT NULL AND coalesce(term_start, purchase_date) IS NOT NULL
  AND coalesce(total_cost, money_mul(quantity, unit_cost)) > 0
ORDER BY entitlement_id)")
                               .TextRows()) {
        const std::string head =
            fmt::format("{}, {}, {}", QuoteLiteral(*row[0]), QuoteLiteral(row[1].value_or("")), QuoteLiteral(*row[2]));
        schedule("entitlement " + *row[0], *row[3], std::stoi(*row[4]), MonthOf(*row[5]),
                 std::max(1, std::stoi(*row[6])), values, head);
    }
    terms.entitlements = values.empty() ? "SELECT NULL::VARCHAR AS entitlement_id, NULL::VARCHAR AS product, "
                                          "NULL::VARCHAR AS currency, NULL::BIGINT AS month_no, NULL::BIGINT AS "
                                          "months, NULL::DECIMAL(38,18) AS amount WHERE false"
                                        : "SELECT * FROM (VALUES " + values +
                                              ") AS v(entitlement_id, product, currency, month_no, months, amount)";
    return terms;
}

struct PlatformStep {
    std::string name;
    std::vector<std::string> applications;
};

// The steps whose pool selects applications (platforms such as a Kubernetes cluster), in file order.
std::vector<PlatformStep> PlatformSteps(const rules::AllocationRules& allocation) {
    std::vector<PlatformStep> steps;
    for (const rules::AllocationStep& step : allocation.steps) {
        if (step.to != "application") {
            continue;
        }
        for (const rules::PoolCondition& condition : step.pool) {
            if (condition.column != "application") {
                continue;
            }
            PlatformStep platform{step.name, {}};
            for (const auto& value : condition.values) {
                if (value) {
                    platform.applications.push_back(*value);
                }
            }
            if (!platform.applications.empty()) {
                steps.push_back(std::move(platform));
            }
        }
    }
    return steps;
}

// CTEs tco_pass_1..N: the rows of `input` on a platform step's applications split over the step's targets by
// their weight in the month (rows with no weighed target stay). Returns the name of the last.
std::string PassOnSql(const std::vector<PlatformStep>& steps, const std::string& period, std::string& ctes) {
    std::string input = "tco_placed";
    int index = 0;
    for (const PlatformStep& step : steps) {
        ++index;
        std::string apps;
        for (const std::string& app : step.applications) {
            apps += (apps.empty() ? "" : ", ") + QuoteLiteral(app);
        }
        const std::string name = fmt::format("tco_pass_{}", index);
        ctes += fmt::format(R"(,
{name}_weight AS (
    SELECT l.application AS target, max(l.weight) AS weight
    FROM allocation_line AS l JOIN allocation_step AS s ON s.run_id = l.run_id AND s.step = l.step
    WHERE l.run_id = allocation_latest_run() AND s.name = {step} AND l.period = {period}
      AND l.weight > 0 AND l.application IS NOT NULL AND l.application NOT IN ({apps})
    GROUP BY 1
),
{name}_rows AS (
    SELECT row_number() OVER () AS row_id, * FROM {input}
    WHERE application IN ({apps}) AND (SELECT count(*) FROM {name}_weight) > 0
),
{name}_split_in AS (
    SELECT r.row_id AS pool_key, w.target AS target_key, r.currency,
                                      r.amount AS pool_amount, w.weight::DECIMAL(38,6) AS weight
                               FROM {name}_rows AS r CROSS JOIN {name}_weight AS w
),
{name}_split AS (
    SELECT * FROM money_split({name}_split_in)
),
{name} AS (
    SELECT * FROM {input} WHERE application NOT IN ({apps}) OR (SELECT count(*) FROM {name}_weight) = 0
    UNION ALL
    SELECT s.target_key, r.col, r.source, r.ref,
           r.detail || '; on ' || r.application || ', passed on by step ' || {step} || ' (weight '
               || CAST(round(s.weight, 3) AS VARCHAR) || ')',
           r.cloud, r.host, r.currency, s.part::DECIMAL(38,18)
    FROM {name}_split AS s JOIN {name}_rows AS r ON r.row_id = s.pool_key
))",
                            fmt::arg("name", name), fmt::arg("step", QuoteLiteral(step.name)),
                            fmt::arg("period", QuoteLiteral(period)), fmt::arg("apps", apps), fmt::arg("input", input));
        input = name;
    }
    return input;
}

std::string PartsOfMonthSql(const TcoInputs& inputs, const AssetSchedules& schedules, const TermMonths& terms,
                            MonthIndex month) {
    const std::string period = MonthText(month);
    const std::string p0 = period + "-01";
    const std::string p1 = MonthText(month + 1) + "-01";
    const std::string as_of = LastDayOf(month);
    const std::string vendor_of = rules::VendorOfSql(
        inputs.vendors, "SELECT manufacturer FROM asset UNION ALL SELECT vendor FROM contract UNION ALL SELECT "
                        "vendor FROM ledger_line UNION ALL SELECT ProviderName FROM (SELECT DISTINCT ProviderName "
                        "FROM cost_line) UNION ALL SELECT PublisherName FROM (SELECT DISTINCT PublisherName FROM "
                        "cost_line)");
    std::string ctes = fmt::format(
        R"(WITH {counted},
tco_vendor AS MATERIALIZED (SELECT * FROM {vendor_of}),
tco_bill AS (
    SELECT coalesce(r.application, '(unassigned)') AS application,
           CASE WHEN r.cost_pool = 'Software & SaaS' THEN 'licenses'
                WHEN r.shared_from IS NULL THEN 'cloud_direct' ELSE 'cloud_shared' END AS col,
           'bill' AS source, coalesce(r.shared_from, 'direct') AS ref,
           CASE WHEN r.shared_from IS NULL THEN 'direct cost' ELSE 'shared by step ' || r.shared_from END
               || ' (' || coalesce(r.cost_pool, 'no cost pool') || ')' AS detail,
           true AS cloud, NULL::VARCHAR AS host, r.currency, sum(r.effective_cost)::DECIMAL(38,18) AS amount
    FROM allocation_result AS r WHERE r.period = {period}
    GROUP BY ALL
),
-- The asset path: asset -> its CI -> units (the VMs hosted by it, else the CI) -> the applications on each.
tco_asset_ci AS (
    SELECT a.asset_tag, coalesce(a.ci_id, (SELECT min(c.ci_id) FROM ci AS c WHERE c.asset_tag = a.asset_tag)) AS ci_id
    FROM asset AS a
),
tco_unit AS (
    SELECT DISTINCT ac.asset_tag, coalesce(v.parent_ci_id, ac.ci_id, '(no CI)') AS unit_ci,
           v.parent_ci_id IS NOT NULL AS is_vm
    FROM tco_asset_ci AS ac
    LEFT JOIN ci_relation AS v ON v.relation_type = 'hosted_by' AND v.child_ci_id = ac.ci_id
),
tco_unit_app AS (
    SELECT DISTINCT u.unit_ci, coalesce(r.parent_ci_id, '(unassigned)') AS application
    FROM (SELECT DISTINCT unit_ci FROM tco_unit) AS u
    LEFT JOIN ci_relation AS r ON r.relation_type = 'runs_on' AND r.child_ci_id = u.unit_ci
),
tco_depreciation AS ({depreciation}),
-- Contracts the bill does not show, straight line by month over the term (each month its share of the running
-- total, rounded: a term adds up to the value exactly).
-- Software (license, maintenance, SaaS, subscription) is license cost; other contracts (support) cover hardware.
tco_contract_month AS (
    SELECT *, coalesce(lower(contract_type), '') IN ('license', 'maintenance', 'saas', 'subscription') AS software
    FROM ({contract_months})
),
-- The products a contract's month pays for: its entitlements in term, by value (quantity when none is priced).
tco_entitled AS (
    SELECT contract_id, product, value, quantity,
           sum(value) OVER (PARTITION BY contract_id) AS contract_value
    FROM (SELECT e.contract_id, e.product, sum(coalesce(money_mul(e.quantity, e.unit_cost), 0)) AS value,
                 sum(e.quantity) AS quantity
          FROM entitlement AS e
          WHERE e.contract_id IN (SELECT contract_id FROM tco_contract_month) AND e.quantity > 0
            AND (e.term_end IS NULL OR e.term_end >= {p0}::DATE)
            AND (e.term_start IS NULL OR e.term_start < {p1}::DATE)
          GROUP BY ALL)
),
-- Entitlements bought outside any loaded contract: their cost over the term, or 36 months from purchase.
tco_bought_month AS ({bought_months}),
tco_product_pool AS (
    SELECT 'contract' AS source, m.contract_id AS ref, e.product,
           m.currency, m.amount,
           CASE WHEN e.contract_value > 0 THEN e.value ELSE e.quantity END AS weight,
           'month ' || m.month_no || ' of ' || m.months || ' of ' || m.contract_id AS basis
    FROM tco_contract_month AS m JOIN tco_entitled AS e USING (contract_id)
),
tco_product_amount_in AS (
    SELECT ref AS pool_key, product AS target_key, currency, amount AS pool_amount,
                             weight::DECIMAL(38,6) AS weight FROM tco_product_pool
),
tco_product_amount AS (
    SELECT p.source, p.ref, s.target_key AS product, p.currency, s.part AS amount, p.basis
    FROM money_split(tco_product_amount_in) AS s
    JOIN tco_product_pool AS p ON p.ref = s.pool_key AND p.product = s.target_key
    UNION ALL
    SELECT 'entitlement', entitlement_id, product, currency, amount,
           'month ' || month_no || ' of ' || months || ' of ' || entitlement_id
    FROM tco_bought_month
),
-- From a product to the installations that count it (license-included ones pay in the bill).
tco_installation_pool AS (
    SELECT a.source, a.ref, a.product, a.currency, a.amount, a.basis, c.installation_id, c.licenses,
           c.host_kind, c.host_id, a.source || '|' || a.ref || '|' || a.product AS pool_key,
           sum(c.licenses) OVER (PARTITION BY a.source, a.ref, a.product) AS product_licenses
    FROM tco_product_amount AS a
    JOIN counted AS c ON c.product = a.product AND NOT c.license_included AND c.licenses > 0
),
tco_installation_amount_in AS (
    SELECT pool_key, installation_id AS target_key, currency, amount AS pool_amount,
                             licenses::DECIMAL(38,6) AS weight FROM tco_installation_pool
),
tco_installation_amount AS (
    SELECT p.source, p.ref, p.product, p.currency, s.part AS amount, p.installation_id, p.host_kind, p.host_id,
           p.basis || ', ' || p.product || ': ' || rtrim(rtrim(CAST(p.licenses AS VARCHAR), '0'), '.') || ' of '
               || rtrim(rtrim(CAST(p.product_licenses AS VARCHAR), '0'), '.') || ' licenses on ' || p.installation_id
               AS detail
    FROM money_split(tco_installation_amount_in) AS s
    JOIN tco_installation_pool AS p ON p.pool_key = s.pool_key AND p.installation_id = s.target_key
),
-- Support and SaaS contracts (no entitlement in term): the vendor's hardware in service, by acquisition cost.
tco_support_pool AS (
    SELECT m.contract_id, m.currency, m.amount, m.month_no, m.months, a.asset_tag, a.acquisition_cost
    FROM tco_contract_month AS m
    JOIN tco_vendor AS cv ON cv.name = m.vendor
    JOIN asset AS a ON a.category = 'hardware' AND a.acquisition_cost > 0
        AND (a.retired_date IS NULL OR a.retired_date >= {p0}::DATE)
    JOIN tco_vendor AS av ON av.name = a.manufacturer AND av.vendor = cv.vendor
    WHERE m.contract_id NOT IN (SELECT contract_id FROM tco_entitled) AND NOT m.software
),
tco_support_amount_in AS (
    SELECT contract_id AS pool_key, asset_tag AS target_key, currency, amount AS pool_amount,
                             acquisition_cost AS weight FROM tco_support_pool
),
tco_support_amount AS (
    SELECT p.contract_id, p.currency, s.part AS amount, p.asset_tag,
           'month ' || p.month_no || ' of ' || p.months || ' of ' || p.contract_id || ', by acquisition cost over '
               || CAST(count(*) OVER (PARTITION BY p.contract_id) AS VARCHAR) || ' assets of the vendor' AS detail
    FROM money_split(tco_support_amount_in) AS s
    JOIN tco_support_pool AS p ON p.contract_id = s.pool_key AND p.asset_tag = s.target_key
),
-- What sits on an asset, then down the asset path.
tco_on_asset AS (
    SELECT row_number() OVER () AS row_id, * FROM (
        SELECT 'depreciation' AS col, 'asset' AS source, d.asset_tag AS ref,
               'depreciation of ' || d.asset_tag AS detail, d.asset_tag, d.currency, d.amount
        FROM tco_depreciation AS d
        UNION ALL
        SELECT 'contracts', 'contract', s.contract_id, s.detail, s.asset_tag, s.currency, s.amount
        FROM tco_support_amount AS s
        UNION ALL
        SELECT 'licenses', i.source, i.installation_id || ' (' || i.ref || ')', i.detail, i.host_id, i.currency,
               i.amount
        FROM tco_installation_amount AS i WHERE i.host_kind = 'asset')
),
tco_unit_pool AS (
    SELECT o.*, coalesce(u.unit_ci, '(no CI)') AS unit_ci, count(*) OVER (PARTITION BY o.row_id) AS units,
           coalesce(u.is_vm, false) AS is_vm
    FROM tco_on_asset AS o LEFT JOIN tco_unit AS u ON u.asset_tag = o.asset_tag
),
tco_on_unit_in AS (
    SELECT row_id AS pool_key, unit_ci AS target_key, currency, amount AS pool_amount,
                             1::DECIMAL(38,6) AS weight FROM tco_unit_pool
),
tco_on_unit AS (
    SELECT row_number() OVER () AS unit_row, p.col, p.source, p.ref, p.unit_ci, p.asset_tag,
           p.detail || CASE WHEN p.is_vm THEN ', 1 of ' || p.units || ' VMs on ' || p.asset_tag || ' (' || p.unit_ci || ')'
                            WHEN p.unit_ci = '(no CI)' THEN ', ' || p.asset_tag || ' has no CI'
                            ELSE ', CI ' || p.unit_ci END AS detail,
           p.currency, s.part AS amount
    FROM money_split(tco_on_unit_in) AS s
    JOIN tco_unit_pool AS p ON p.row_id = s.pool_key AND p.unit_ci = s.target_key
),
tco_app_pool AS (
    SELECT o.*, coalesce(a.application, '(unassigned)') AS application,
           count(*) OVER (PARTITION BY o.unit_row) AS apps
    FROM tco_on_unit AS o LEFT JOIN tco_unit_app AS a ON a.unit_ci = o.unit_ci
),
tco_from_assets_in AS (
    SELECT unit_row AS pool_key, application AS target_key, currency, amount AS pool_amount,
                             1::DECIMAL(38,6) AS weight FROM tco_app_pool
),
tco_from_assets AS (
    SELECT p.application, p.col, p.source, p.ref,
           p.detail || CASE WHEN p.application = '(unassigned)' THEN ', which no application runs on'
                            WHEN p.apps > 1 THEN ', 1 of ' || p.apps || ' applications' ELSE '' END AS detail,
           false AS cloud, p.asset_tag AS host, p.currency, s.part::DECIMAL(38,18) AS amount
    FROM money_split(tco_from_assets_in) AS s
    JOIN tco_app_pool AS p ON p.unit_row = s.pool_key AND p.application = s.target_key
),
-- A cloud VM's installations: the applications its CI runs, else the one the enrichment gave its latest bill line.
tco_bill_app AS (
    SELECT ResourceId, arg_max(application, ChargePeriodStart) AS application
    FROM cost_line_enriched
    WHERE ChargePeriodStart < {p1}::TIMESTAMP AND application IS NOT NULL
      AND ResourceId IN (SELECT host_id FROM tco_installation_amount WHERE host_kind <> 'asset')
    GROUP BY 1
),
tco_cloud_pool AS (
    SELECT i.*, row_number() OVER (PARTITION BY i.source, i.ref, i.product, i.installation_id) AS dup,
           coalesce(r.parent_ci_id, b.application, '(unassigned)') AS application,
           CASE WHEN r.parent_ci_id IS NOT NULL THEN ', which CI ' || c.ci_id || ' runs'
                WHEN b.application IS NOT NULL THEN ', whose bill names it'
                ELSE ', a VM no application is known for' END AS how,
           count(*) OVER (PARTITION BY i.source, i.ref, i.product, i.installation_id) AS apps,
           i.source || '|' || i.ref || '|' || i.product || '|' || i.installation_id AS pool_key
    FROM tco_installation_amount AS i
    LEFT JOIN ci AS c ON c.resource_id = i.host_id
    LEFT JOIN ci_relation AS r ON r.relation_type = 'runs_on' AND r.child_ci_id = c.ci_id
    LEFT JOIN tco_bill_app AS b ON b.ResourceId = i.host_id
    WHERE i.host_kind <> 'asset'
),
tco_from_cloud_hosts_in AS (
    SELECT DISTINCT pool_key, application AS target_key, currency, amount AS pool_amount,
                             1::DECIMAL(38,6) AS weight FROM tco_cloud_pool
),
tco_from_cloud_hosts AS (
    SELECT p.application, 'licenses' AS col, p.source, p.installation_id || ' (' || p.ref || ')' AS ref,
           p.detail || ' (' || p.host_id || p.how || CASE WHEN p.apps > 1 THEN ', 1 of ' || p.apps || ' applications'
                                                      ELSE '' END || ')' AS detail,
           false AS cloud, p.host_id AS host, p.currency, s.part::DECIMAL(38,18) AS amount
    FROM money_split(tco_from_cloud_hosts_in) AS s
    JOIN (SELECT DISTINCT ON (pool_key, application) * FROM tco_cloud_pool) AS p
        ON p.pool_key = s.pool_key AND p.application = s.target_key
),
-- What no installation counts, and support no asset of the vendor takes: on no application.
tco_unplaced AS (
    SELECT '(unassigned)' AS application, 'licenses' AS col, a.source, a.ref,
           a.basis || ', ' || a.product || ': no installation counts it' AS detail, false AS cloud,
           NULL::VARCHAR AS host, a.currency,
           a.amount::DECIMAL(38,18) AS amount
    FROM tco_product_amount AS a
    WHERE NOT EXISTS (SELECT 1 FROM counted AS c WHERE c.product = a.product AND NOT c.license_included
                                                   AND c.licenses > 0)
    UNION ALL
    SELECT '(unassigned)', CASE WHEN m.software THEN 'licenses' ELSE 'contracts' END, 'contract', m.contract_id,
           'month ' || m.month_no || ' of ' || m.months || ' of ' || m.contract_id || ' (' || m.contract_type
               || CASE WHEN m.software THEN '): no entitlement in term names an installation'
                       ELSE '): no entitlement in term and no hardware of the vendor' END, false, NULL, m.currency,
           m.amount::DECIMAL(38,18)
    FROM tco_contract_month AS m
    WHERE m.contract_id NOT IN (SELECT contract_id FROM tco_entitled)
      AND m.contract_id NOT IN (SELECT contract_id FROM tco_support_pool)
),
-- The ledger lines of the month that no source above explains.
tco_bill_vendor AS (
    SELECT DISTINCT v.vendor FROM tco_vendor AS v
    WHERE v.name IN (SELECT ProviderName FROM cost_line UNION SELECT PublisherName FROM cost_line)
),
tco_ledger AS (
    SELECT l.*, lv.vendor AS folded_vendor FROM ledger_line_enriched AS l
    LEFT JOIN tco_vendor AS lv ON lv.name = l.vendor
    WHERE l.posting_period = {p0}::DATE AND l.amount IS NOT NULL AND l.currency IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM cost_line AS b WHERE b.InvoiceId = l.invoice_id)
      AND NOT coalesce(l.invoice_id IS NULL AND lv.vendor IN (SELECT vendor FROM tco_bill_vendor), false)
      AND NOT EXISTS (SELECT 1 FROM contract AS k WHERE starts_with(l.invoice_id, k.contract_id || '-'))
      AND NOT coalesce(l.invoice_id IS NULL AND lv.vendor IN (SELECT v.vendor FROM tco_contract_month AS m
                                                              JOIN tco_vendor AS v ON v.name = m.vendor), false)
      AND NOT coalesce(l.cost_sub_pool = 'Depreciation & Amortization'
               AND EXISTS (SELECT 1 FROM tco_depreciation AS d WHERE d.currency = l.currency), false)
),
tco_cc_apps AS (
    SELECT cost_center_id, ci_id AS application, 'its applications' AS how
    FROM ci WHERE class = 'application' AND cost_center_id IS NOT NULL
    UNION ALL
    SELECT d.parent_cost_center_id, c.ci_id, 'the applications of its child cost centers'
    FROM cost_center AS d JOIN ci AS c ON c.class = 'application' AND c.cost_center_id = d.cost_center_id
    WHERE d.parent_cost_center_id IS NOT NULL
      AND d.parent_cost_center_id NOT IN (SELECT cost_center_id FROM ci WHERE class = 'application'
                                                                    AND cost_center_id IS NOT NULL)
),
tco_ledger_pool AS (
    SELECT l.account, l.cost_center_id, l.currency,
           CASE WHEN l.cost_pool IN ('Staffing', 'Outside Services') THEN 'labor'
                WHEN l.cost_sub_pool = 'Depreciation & Amortization' THEN 'depreciation' ELSE 'contracts' END AS col,
           any_value(l.account_name) AS account_name, sum(l.amount) AS amount, count(*) AS lines,
           l.account || '|' || coalesce(l.cost_center_id, '(none)') || '|' || l.currency AS pool_key
    FROM tco_ledger AS l GROUP BY l.account, l.cost_center_id, l.currency, col
),
tco_ledger_target AS (
    SELECT p.*, coalesce(a.application, '(unassigned)') AS application, coalesce(a.how, 'no application') AS how,
           count(*) OVER (PARTITION BY p.pool_key) AS apps
    FROM tco_ledger_pool AS p LEFT JOIN tco_cc_apps AS a ON a.cost_center_id = p.cost_center_id
),
tco_from_ledger_in AS (
    SELECT pool_key, application AS target_key, currency, amount AS pool_amount,
                             1::DECIMAL(38,6) AS weight FROM tco_ledger_target
),
tco_from_ledger AS (
    SELECT t.application, t.col, 'ledger' AS source, t.account || ' ' || coalesce(t.cost_center_id, '(none)') AS ref,
           'ledger ' || t.account || coalesce(' ' || t.account_name, '') || ', ' || coalesce(t.cost_center_id, 'no cost center')
               || ' (' || t.lines || ' lines): ' || CASE WHEN t.application = '(unassigned)'
                                                        THEN 'the cost center owns no application'
                                                        ELSE 'evenly over ' || t.apps || ' of ' || t.how END AS detail,
           false AS cloud, NULL::VARCHAR AS host, t.currency, s.part::DECIMAL(38,18) AS amount
    FROM money_split(tco_from_ledger_in) AS s
    JOIN tco_ledger_target AS t ON t.pool_key = s.pool_key AND t.application = s.target_key
),
tco_placed AS (
    SELECT * FROM tco_from_assets UNION ALL SELECT * FROM tco_from_cloud_hosts
    UNION ALL SELECT * FROM tco_unplaced UNION ALL SELECT * FROM tco_from_ledger
))",
        fmt::arg("counted", licensing::CountedSql(rules::EffectiveLicensingRules(inputs.licensing), as_of)),
        fmt::arg("vendor_of", vendor_of), fmt::arg("period", QuoteLiteral(period)), fmt::arg("p0", QuoteLiteral(p0)),
        fmt::arg("p1", QuoteLiteral(p1)), fmt::arg("depreciation", DepreciationValues(schedules, month)),
        fmt::arg("contract_months", terms.contracts), fmt::arg("bought_months", terms.entitlements));
    const std::string passed = PassOnSql(PlatformSteps(inputs.allocation), period, ctes);
    return fmt::format(R"({ctes},
tco_service AS (
    SELECT r.child_ci_id AS application, min(r.parent_ci_id) AS business_service
    FROM ci_relation AS r JOIN ci AS b ON b.ci_id = r.parent_ci_id AND b.class = 'business_service'
    WHERE r.relation_type = 'depends_on' GROUP BY 1
),
tco_all AS (SELECT * FROM tco_bill UNION ALL SELECT * FROM {passed})
SELECT {period} AS period, t.application, s.business_service, t.col, t.source, t.ref, t.detail,
       t.cloud, t.host, t.currency, sum(t.amount) AS amount
FROM tco_all AS t LEFT JOIN tco_service AS s ON s.application = t.application
WHERE t.amount <> 0
GROUP BY ALL
ORDER BY 2, 4, 5, 6, 7)",
                       fmt::arg("ctes", ctes), fmt::arg("passed", passed), fmt::arg("period", QuoteLiteral(period)));
}

} // namespace

std::string LastDayOf(MonthIndex month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const int year = month / 12;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return fmt::format("{}-{:02}", MonthText(month), month % 12 == 1 && leap ? 29 : kDays[month % 12]);
}

std::vector<MonthIndex> BilledMonthsOf(store::Connection& connection, int year) {
    std::vector<MonthIndex> months;
    for (const auto& row : connection
                               .Query(fmt::format("SELECT DISTINCT strftime(ChargePeriodStart, '%Y-%m') AS m FROM "
                                                  "cost_line WHERE year(ChargePeriodStart) = {} ORDER BY 1",
                                                  year))
                               .TextRows()) {
        months.push_back(MonthOf(*row[0]));
    }
    return months;
}

bool IsBilled(store::Connection& connection, MonthIndex month) {
    return connection
               .Query(fmt::format("SELECT count(*) FROM (SELECT 1 FROM cost_line WHERE ChargePeriodStart >= "
                                  "TIMESTAMP '{}-01' AND ChargePeriodStart < TIMESTAMP '{}-01' LIMIT 1)",
                                  MonthText(month), MonthText(month + 1)))
               .ScalarInt64()
               .value_or(0) > 0;
}

std::string MonthPartsSql(store::Connection& connection, const TcoInputs& inputs, MonthIndex month) {
    const AssetSchedules schedules = LoadAssetSchedules(connection, std::nullopt, DepreciationConvention::kFullMonth);
    return PartsOfMonthSql(inputs, schedules, LoadTermMonths(connection, month), month);
}

int64_t WriteParts(store::Connection& connection, const TcoInputs& inputs, int64_t run_id) {
    connection.Execute("DELETE FROM tco_part");
    const AssetSchedules schedules = LoadAssetSchedules(connection, std::nullopt, DepreciationConvention::kFullMonth);
    for (const auto& row :
         connection.Query("SELECT DISTINCT strftime(ChargePeriodStart, '%Y-%m') FROM cost_line ORDER BY 1")
             .TextRows()) {
        const MonthIndex month = MonthOf(*row[0]);
        connection.Execute(fmt::format("INSERT INTO tco_part SELECT {}, * FROM ({})", run_id,
                                       PartsOfMonthSql(inputs, schedules, LoadTermMonths(connection, month), month)));
    }
    return connection.Query("SELECT count(*) FROM tco_part").ScalarInt64().value_or(0);
}

} // namespace crosswalk::analyze::tco
