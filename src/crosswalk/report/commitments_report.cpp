// `crosswalk report commitments`: each commitment discount of the bill (a savings plan, a reservation, a
// committed use discount) with its utilization, coverage and effective savings rate in a month, and each
// provider commitment (an EDP, a MACC) with its drawdown to date, marketplace purchases apart. docs/commitments.md.
#include <fmt/format.h>

#include "crosswalk/report/reports.hpp"
#include "crosswalk/store/sql_quote.hpp"

namespace crosswalk::report {
namespace {

// The month's lines and what each commitment discount bought, used and left unused (FOCUS effectivecost.md: per
// CommitmentDiscountId, Σ EffectiveCost of its Usage lines, Used and Unused, is what it cost in the period).
// A prepaid SaaS contract the bill draws as its CommitmentDiscountId (Datadog credits) is `report prepaid`'s.
// Eligible usage: the Usage lines of the same provider, billing account, service and consumed unit as the lines
// the commitment covered or left unused, priced on demand or committed (not spot), in its currency; a line
// counts for every commitment whose pool it is in, and once in the totals.
constexpr const char* kDiscounts = R"(
month_lines AS MATERIALIZED (
    SELECT ProviderName, BillingAccountId, ServiceName, ConsumedUnit, BillingCurrency AS currency, ChargeCategory,
           PricingCategory, CommitmentDiscountId, CommitmentDiscountName, CommitmentDiscountType,
           CommitmentDiscountCategory, CommitmentDiscountStatus, BilledCost, EffectiveCost, ListCost, ContractedCost
    FROM cost_line WHERE {condition}
),
discount_lines AS MATERIALIZED (
    SELECT * FROM month_lines
    WHERE CommitmentDiscountId IS NOT NULL
      AND CommitmentDiscountId NOT IN (SELECT contract_id FROM contract
                                       WHERE payment_schedule = 'prepaid' AND cloud_provider IS NULL)
),
discounts AS (
    SELECT CommitmentDiscountId AS commitment_id, currency, any_value(CommitmentDiscountName) AS name,
           any_value(ProviderName) AS provider,
           coalesce(any_value(CommitmentDiscountType), any_value(CommitmentDiscountCategory)) AS type,
           coalesce(sum(EffectiveCost) FILTER (WHERE CommitmentDiscountStatus = 'Used'), 0) AS used,
           coalesce(sum(EffectiveCost) FILTER (WHERE CommitmentDiscountStatus = 'Unused'), 0) AS unused,
           coalesce(sum(ListCost) FILTER (WHERE CommitmentDiscountStatus = 'Used'), 0) AS covered_list,
           coalesce(sum(ContractedCost) FILTER (WHERE CommitmentDiscountStatus = 'Used'), 0) AS covered_contracted
    FROM discount_lines
    GROUP BY CommitmentDiscountId, currency
    HAVING count(*) FILTER (WHERE CommitmentDiscountStatus IN ('Used', 'Unused')) > 0
),
pools AS (
    SELECT DISTINCT CommitmentDiscountId AS commitment_id, ProviderName, BillingAccountId, ServiceName,
           ConsumedUnit, currency
    FROM discount_lines WHERE CommitmentDiscountStatus IN ('Used', 'Unused')
),
eligible_lines AS (
    SELECT * FROM month_lines
    WHERE ChargeCategory = 'Usage' AND CommitmentDiscountStatus IS DISTINCT FROM 'Unused'
      AND coalesce(PricingCategory, 'Standard') IN ('Standard', 'Committed')
),
eligible AS (
    SELECT p.commitment_id, p.currency, coalesce(sum(l.ListCost), 0) AS eligible_list,
           coalesce(sum(l.ContractedCost), 0) AS eligible_contracted
    FROM pools AS p JOIN eligible_lines AS l
      ON l.ProviderName IS NOT DISTINCT FROM p.ProviderName AND l.BillingAccountId IS NOT DISTINCT FROM p.BillingAccountId
     AND l.ServiceName IS NOT DISTINCT FROM p.ServiceName AND l.ConsumedUnit IS NOT DISTINCT FROM p.ConsumedUnit
     AND l.currency IS NOT DISTINCT FROM p.currency
    GROUP BY p.commitment_id, p.currency
),
eligible_total AS (
    SELECT l.currency, coalesce(sum(l.ListCost), 0) AS eligible_list,
           coalesce(sum(l.ContractedCost), 0) AS eligible_contracted
    FROM eligible_lines AS l
    WHERE EXISTS (SELECT 1 FROM pools AS p
                  WHERE l.ProviderName IS NOT DISTINCT FROM p.ProviderName
                    AND l.BillingAccountId IS NOT DISTINCT FROM p.BillingAccountId
                    AND l.ServiceName IS NOT DISTINCT FROM p.ServiceName
                    AND l.ConsumedUnit IS NOT DISTINCT FROM p.ConsumedUnit
                    AND l.currency IS NOT DISTINCT FROM p.currency)
    GROUP BY l.currency
)
)";

// The percentages of a commitment discount row (or the totals, over `d` and `e` of the same names).
constexpr const char* kDiscountMeasures = R"(
       used, unused, used + unused AS commitment_cost,
       CASE WHEN used + unused <> 0 THEN money_div(used * 100, used + unused, 2) END AS utilization_pct,
       covered_contracted, eligible_contracted,
       CASE WHEN eligible_contracted <> 0 THEN money_div(covered_contracted * 100, eligible_contracted, 2) END
           AS coverage_pct,
       covered_list - used - unused AS savings_vs_list,
       covered_contracted - used - unused AS savings_vs_contracted,
       CASE WHEN eligible_contracted <> 0
            THEN money_div((covered_contracted - used - unused) * 100, eligible_contracted, 2) END AS esr_pct,
       CASE WHEN eligible_list <> 0 THEN money_div((covered_list - used - unused) * 100, eligible_list, 2) END
           AS esr_list_pct,
       NULL::DECIMAL(38,18) AS marketplace, NULL::DATE AS counted_from,
       NULL::DECIMAL(38,18) AS straight_line_to_date, currency)";

// Provider commitments: a contract of type cloud_commitment (an EDP, a MACC), drawn by its provider's spend in
// its currency from its start (or the provider's first billed day, when the bill loaded begins later) to the
// month's end, without tax (no commitment is drawn by tax): the provider's own services apart from the marketplace
// purchases it bills for other publishers (vendor rules decide who is who), which count toward it too. The
// straight line over the same days.
constexpr const char* kProviderCommitments = R"(
bounds AS (SELECT {first}::DATE AS first_day, {next}::DATE AS next_first),
vendor_of AS MATERIALIZED {vendor_of},
provider_first AS (
    SELECT v.vendor, date_trunc('month', min(l.ChargePeriodStart))::DATE AS first_billed
    FROM cost_line AS l JOIN vendor_of AS v ON v.name = l.ProviderName GROUP BY v.vendor
),
provider_terms AS (
    SELECT c.contract_id, c.name, c.cloud_provider, c.currency, c.start_date, c.end_date, c.total_value,
           c.end_date + 1 - c.start_date AS term_days,
           greatest(c.start_date, coalesce(f.first_billed, c.start_date)) AS counted_from,
           greatest(least(b.next_first, c.end_date + 1) - greatest(c.start_date, coalesce(f.first_billed, c.start_date)),
                    0) AS elapsed_days,
           b.first_day, b.next_first
    FROM contract AS c CROSS JOIN bounds AS b
    LEFT JOIN provider_first AS f ON f.vendor = (SELECT vendor FROM vendor_of WHERE name = c.cloud_provider)
    WHERE c.contract_type = 'cloud_commitment' AND c.cloud_provider IS NOT NULL AND c.start_date IS NOT NULL
      AND c.end_date IS NOT NULL AND c.total_value IS NOT NULL AND c.start_date < b.next_first
      AND c.end_date >= b.first_day
),
provider_spend AS MATERIALIZED (
    SELECT t.contract_id, l.PublisherName, l.ChargePeriodStart >= t.first_day AS in_month,
           pv.vendor IS NOT NULL AND pv.vendor IS DISTINCT FROM v.vendor AS is_marketplace,
           sum(l.BilledCost) AS billed
    FROM provider_terms AS t
    JOIN cost_line AS l ON l.BillingCurrency = t.currency AND l.ChargePeriodStart >= t.counted_from
                       AND l.ChargePeriodStart < least(t.next_first, t.end_date + 1)
    JOIN vendor_of AS v ON v.name = l.ProviderName
    LEFT JOIN vendor_of AS pv ON pv.name = l.PublisherName
    WHERE v.vendor = (SELECT vendor FROM vendor_of WHERE name = t.cloud_provider) AND l.ChargeCategory <> 'Tax'
    GROUP BY ALL
),
provider_drawn AS (
    SELECT t.*, coalesce(sum(s.billed) FILTER (WHERE NOT s.is_marketplace), 0) AS drawn,
           coalesce(sum(s.billed) FILTER (WHERE s.is_marketplace), 0) AS marketplace,
           money_div(t.total_value * t.elapsed_days, t.term_days, 2) AS straight_line_to_date
    FROM provider_terms AS t LEFT JOIN provider_spend AS s USING (contract_id)
    GROUP BY ALL
)
)";

} // namespace

ReportTable CommitmentsReport(store::Connection& connection, const CommitmentsOptions& options) {
    const ResolvedPeriod period = ResolveBilledPeriod(connection, options.period, "the commitments report");
    const std::string vendor_of = rules::VendorOfSql(options.vendors, R"(
        SELECT DISTINCT ProviderName FROM cost_line UNION ALL SELECT DISTINCT PublisherName FROM cost_line
        UNION ALL SELECT cloud_provider FROM contract)");
    const std::string with =
        "WITH " + fmt::format(kDiscounts, fmt::arg("condition", period.Condition())) + ",\n" +
        fmt::format(kProviderCommitments, fmt::arg("first", store::QuoteLiteral(period.period.ToString() + "-01")),
                    fmt::arg("next", store::QuoteLiteral(period.period.Next().ToString() + "-01")),
                    fmt::arg("vendor_of", vendor_of));
    const std::string rows = with + fmt::format(R"(
SELECT * FROM (
SELECT 'commitment_discount' AS kind, d.commitment_id, d.name, d.provider, d.type, {measures}
FROM (SELECT d.*, coalesce(e.eligible_list, 0) AS eligible_list,
             coalesce(e.eligible_contracted, 0) AS eligible_contracted
      FROM discounts AS d LEFT JOIN eligible AS e USING (commitment_id, currency)) AS d
UNION ALL
SELECT 'provider_commitment', contract_id, name, cloud_provider, 'Provider commitment', drawn,
       total_value - drawn - marketplace, total_value,
       CASE WHEN straight_line_to_date <> 0 THEN money_div((drawn + marketplace) * 100, straight_line_to_date, 2) END,
       NULL, NULL, NULL, NULL, NULL, NULL, NULL, marketplace, counted_from, straight_line_to_date, currency
FROM provider_drawn
UNION ALL
SELECT 'marketplace', s.contract_id, s.PublisherName, t.cloud_provider, 'Marketplace purchase',
       coalesce(sum(s.billed) FILTER (WHERE s.in_month), 0), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       NULL, sum(s.billed), any_value(t.counted_from), NULL, t.currency
FROM provider_spend AS s JOIN provider_terms AS t USING (contract_id)
WHERE s.is_marketplace
GROUP BY s.contract_id, s.PublisherName, t.cloud_provider, t.currency
)
ORDER BY currency NULLS LAST, CASE kind WHEN 'commitment_discount' THEN 0 WHEN 'provider_commitment' THEN 1 ELSE 2 END,
         provider NULLS LAST, commitment_id, name)",
                                                fmt::arg("measures", kDiscountMeasures));
    const std::string totals = with + fmt::format(R"(
SELECT 'total' AS kind, NULL::VARCHAR AS commitment_id, NULL::VARCHAR AS name, NULL::VARCHAR AS provider,
       NULL::VARCHAR AS type, {measures}
FROM (SELECT d.currency, sum(d.used) AS used, sum(d.unused) AS unused, sum(d.covered_list) AS covered_list,
             sum(d.covered_contracted) AS covered_contracted, coalesce(any_value(e.eligible_list), 0) AS eligible_list,
             coalesce(any_value(e.eligible_contracted), 0) AS eligible_contracted
      FROM discounts AS d LEFT JOIN eligible_total AS e USING (currency)
      GROUP BY d.currency)
ORDER BY currency NULLS LAST)",
                                                  fmt::arg("measures", kDiscountMeasures));
    std::vector<ReportColumn> columns = {
        {"kind", ColumnType::kText, 0, ""},
        {"commitment_id", ColumnType::kText, 0, ""},
        {"name", ColumnType::kText, 0, ""},
        {"provider", ColumnType::kText, 0, ""},
        {"type", ColumnType::kText, 0, ""},
        {"used", ColumnType::kMoney, 2, ""},
        {"unused", ColumnType::kMoney, 2, "-"},
        {"commitment_cost", ColumnType::kMoney, 2, "-"},
        {"utilization_pct", ColumnType::kPercentage, 2, "-"},
        {"covered_contracted", ColumnType::kMoney, 2, "-"},
        {"eligible_contracted", ColumnType::kMoney, 2, "-"},
        {"coverage_pct", ColumnType::kPercentage, 2, "-"},
        {"savings_vs_list", ColumnType::kMoney, 2, "-"},
        {"savings_vs_contracted", ColumnType::kMoney, 2, "-"},
        {"esr_pct", ColumnType::kPercentage, 2, "-"},
        {"esr_list_pct", ColumnType::kPercentage, 2, "-"},
        {"marketplace", ColumnType::kMoney, 2, "-"},
        {"counted_from", ColumnType::kDate, 0, ""},
        {"straight_line_to_date", ColumnType::kMoney, 2, "-"},
        {"currency", ColumnType::kText, 0, "(none)"},
    };
    return RunReportQuery(connection, "commitments",
                          fmt::format("commitment discounts (utilization, coverage, effective savings rate) and "
                                      "provider commitments drawn to date, {}",
                                      period.Describe()),
                          std::move(columns), rows, totals);
}

} // namespace crosswalk::report
