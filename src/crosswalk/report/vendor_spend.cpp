// `crosswalk report vendor-spend`: what the organization spends with each vendor across the bill (marketplace
// purchases by their publisher), licenses, contracts and the ledger, vendor names made one by the vendor rules.
// docs/reconciliation.md.
#include <fmt/format.h>

#include "crosswalk/common/error.hpp"
#include "crosswalk/report/reports.hpp"
#include "crosswalk/store/sql_quote.hpp"

namespace crosswalk::report {

ReportTable VendorSpendReport(store::Connection& connection, const VendorSpendOptions& options) {
    if (options.period && options.year) {
        Throw(ErrorKind::kInvalidInput, "vendor-spend takes --period YYYY-MM or --year YYYY, not both");
    }
    std::string start;
    std::string end;
    std::string scope;
    if (options.period) {
        start = options.period->ToString() + "-01";
        end = options.period->Next().ToString() + "-01";
        scope = "period " + options.period->ToString();
    } else {
        int year = options.year.value_or(0);
        if (!options.year) {
            const std::optional<int64_t> latest =
                connection.Query("SELECT year(max(ChargePeriodStart)) FROM cost_line").ScalarInt64();
            if (!latest) {
                Throw(ErrorKind::kNotFound, "no cost lines are loaded, so there is no latest year to report on");
            }
            year = static_cast<int>(*latest);
        }
        if (year < 1900 || year > 9999) {
            Throw(ErrorKind::kInvalidInput, "--year must be a year such as 2026, not {}", year);
        }
        start = fmt::format("{}-01-01", year);
        end = fmt::format("{}-01-01", year + 1);
        // A year the bill has not finished is reported to date: contracts and the ledger for the months the bill
        // covers, so that every column spans the same months.
        const std::string last = connection
                                     .Query(fmt::format("SELECT strftime(max(ChargePeriodStart), '%Y-%m') FROM "
                                                        "cost_line WHERE year(ChargePeriodStart) = {}",
                                                        year))
                                     .ScalarString()
                                     .value_or("");
        std::string to_date;
        if (!last.empty() && last != fmt::format("{}-12", year)) {
            end = Period::Parse(last).Next().ToString() + "-01";
            to_date = fmt::format(" to {} (the bill's latest month)", last);
        }
        scope = fmt::format("year {}{}{}", year, to_date,
                            options.year || !to_date.empty() ? "" : " (the latest with cost lines)");
    }
    const std::string vendor_of = rules::VendorOfSql(options.vendors, R"(
        SELECT DISTINCT ProviderName FROM cost_line UNION ALL SELECT DISTINCT PublisherName FROM cost_line
        UNION ALL SELECT vendor FROM ledger_line UNION ALL SELECT vendor FROM contract
        UNION ALL SELECT publisher FROM entitlement)");
    // Every part as DECIMAL(38,18): DuckDB unites DECIMAL(38,18) and (38,6) as (38,6), rounding.
    const std::string sql = fmt::format(R"(
WITH window_ AS (SELECT {start}::DATE AS period_start, {end}::DATE AS period_end),
vendor_of AS MATERIALIZED {vendor_of},
billed AS MATERIALIZED (
    SELECT c.ProviderName, c.PublisherName, c.BillingCurrency AS currency, sum(c.BilledCost) AS billed
    FROM cost_line AS c, window_ AS w
    WHERE c.ChargePeriodStart >= w.period_start AND c.ChargePeriodStart < w.period_end
    GROUP BY ALL
),
-- A contract whose spend the bill shows (a cloud commitment, or a prepaid contract the bill's lines draw as
-- their CommitmentDiscountId) is the bill's; an entitlement bought under a contract is the contract's.
billed_contract AS (SELECT DISTINCT CommitmentDiscountId AS contract_id FROM cost_line WHERE CommitmentDiscountId IS NOT NULL),
contract_share AS MATERIALIZED (
    SELECT v.vendor, c.currency, c.total_value, c.end_date + 1 - c.start_date AS term_days,
           least(c.end_date + 1, w.period_end) - greatest(c.start_date, w.period_start) AS overlap_days
    FROM contract AS c JOIN vendor_of AS v ON v.name = c.vendor, window_ AS w
    WHERE c.cloud_provider IS NULL AND c.contract_id NOT IN (SELECT contract_id FROM billed_contract)
      AND c.start_date IS NOT NULL AND c.end_date IS NOT NULL AND c.total_value IS NOT NULL
),
part AS (
    SELECT coalesce(pv.vendor, v.vendor) AS vendor, b.currency,
           CASE WHEN pv.vendor IS NULL OR pv.vendor = v.vendor THEN 'cloud' ELSE 'marketplace' END AS part,
           b.billed::DECIMAL(38,18) AS amount
    FROM billed AS b LEFT JOIN vendor_of AS v ON v.name = b.ProviderName
    LEFT JOIN vendor_of AS pv ON pv.name = b.PublisherName
    UNION ALL
    SELECT v.vendor, e.currency, 'licenses', coalesce(e.total_cost, e.quantity * e.unit_cost)::DECIMAL(38,18)
    FROM entitlement AS e JOIN vendor_of AS v ON v.name = e.publisher, window_ AS w
    WHERE e.purchase_date >= w.period_start AND e.purchase_date < w.period_end
      AND (e.contract_id IS NULL OR e.contract_id NOT IN (SELECT contract_id FROM contract))
    UNION ALL
    -- The contract's value spread evenly over its days, the period's days of it, rounded to the cent.
    SELECT vendor, currency, 'contracts', money_div(total_value * overlap_days, term_days, 2)::DECIMAL(38,18)
    FROM contract_share WHERE overlap_days > 0 AND term_days > 0
    UNION ALL
    SELECT v.vendor, l.currency, 'ledger', l.amount::DECIMAL(38,18)
    FROM ledger_line AS l JOIN vendor_of AS v ON v.name = l.vendor, window_ AS w
    WHERE l.posting_period >= w.period_start AND l.posting_period < w.period_end
),
spend AS (
    SELECT vendor, currency,
           sum(amount) FILTER (WHERE part = 'cloud') AS cloud,
           sum(amount) FILTER (WHERE part = 'marketplace') AS marketplace,
           sum(amount) FILTER (WHERE part = 'licenses') AS licenses,
           sum(amount) FILTER (WHERE part = 'contracts') AS contracts,
           sum(amount) FILTER (WHERE part = 'ledger') AS ledger,
           coalesce(sum(amount) FILTER (WHERE part <> 'ledger'), 0) AS commercial,
           string_agg(DISTINCT part, ', ' ORDER BY part) FILTER (WHERE part <> 'ledger') AS parts
    FROM part WHERE vendor IS NOT NULL AND currency IS NOT NULL
    GROUP BY vendor, currency
),
rows_ AS (
    SELECT s.vendor, s.cloud, s.marketplace, s.licenses, s.contracts, s.ledger,
           CASE WHEN s.parts IS NULL THEN s.ledger ELSE s.commercial END AS spend,
           coalesce(s.parts, 'ledger') AS basis,
           (SELECT string_agg(DISTINCT n.name, '; ' ORDER BY n.name) FROM vendor_of AS n WHERE n.vendor = s.vendor)
               AS names,
           s.currency
    FROM spend AS s
))",
                                        fmt::arg("start", store::QuoteLiteral(start)),
                                        fmt::arg("end", store::QuoteLiteral(end)), fmt::arg("vendor_of", vendor_of));
    const std::string rows_sql = sql + "\nSELECT * FROM rows_ ORDER BY currency, spend DESC NULLS LAST, vendor";
    const std::string totals_sql = sql + R"(
SELECT 'total' AS vendor, sum(cloud) AS cloud, sum(marketplace) AS marketplace, sum(licenses) AS licenses,
       sum(contracts) AS contracts, sum(ledger) AS ledger, sum(spend) AS spend, count(*) || ' vendors' AS basis,
       NULL AS names, currency
FROM rows_ GROUP BY currency ORDER BY currency)";
    std::vector<ReportColumn> columns = {
        {"vendor", ColumnType::kText, 0, ""},        {"cloud", ColumnType::kMoney, 2, "-"},
        {"marketplace", ColumnType::kMoney, 2, "-"}, {"licenses", ColumnType::kMoney, 2, "-"},
        {"contracts", ColumnType::kMoney, 2, "-"},   {"ledger", ColumnType::kMoney, 2, "-"},
        {"spend", ColumnType::kMoney, 2, "-"},       {"basis", ColumnType::kText, 0, ""},
        {"names", ColumnType::kText, 0, ""},         {"currency", ColumnType::kText, 0, ""},
    };
    return RunReportQuery(connection, "vendor-spend", "spend per vendor, " + scope, std::move(columns), rows_sql,
                          totals_sql);
}

} // namespace crosswalk::report
