// `crosswalk report reconcile-ledger`: each provider invoice of the bill against the general ledger, with the
// lag between usage and posting found from the data. docs/reconciliation.md.
#include <map>

#include <fmt/format.h>

#include "crosswalk/common/error.hpp"
#include "crosswalk/report/reports.hpp"
#include "crosswalk/store/sql_quote.hpp"

namespace crosswalk::report {
namespace {

// The lags tried when none is given: a ledger posts a cloud invoice in the month of the usage or up to three
// months later (seed 004: usage runs one or two months ahead of the invoice in the ledger).
constexpr int kMaxDetectedLag = 3;

// Every bill invoice and every unmatched ledger line of a bill vendor, under each lag of `lags_sql` (a query
// of one column, lag_months), as CTEs ending in `reconciled`: lag_months, side ('bill' or 'ledger'),
// provider, invoice_id, billing_period, ledger_period, billed, ledgered, variance, status, reason, currency,
// ledger_entries.
//
// A bill invoice is the bill's lines of one provider, InvoiceId (else billing account), billing period and
// currency. Its ledger lines are those naming its InvoiceId, else (for the invoices of a vendor and period
// that no line names, as one group) the lines of the same vendor, currency and ledger period naming no bill
// invoice, and naming no invoice at all when the bill has invoice ids.
std::string ReconcileSql(const rules::VendorRules& vendors, const std::string& lags_sql) {
    const std::string vendor_of =
        rules::VendorOfSql(vendors, "SELECT ProviderName FROM cost_line UNION ALL SELECT vendor FROM ledger_line");
    return fmt::format(R"(
WITH lags AS ({lags}),
vendor_of AS MATERIALIZED {vendor_of},
bill_invoice AS MATERIALIZED (
    SELECT b.*, v.vendor
    FROM (SELECT ProviderName AS provider, InvoiceId AS invoice_id,
                 coalesce(InvoiceId, 'billing account ' || BillingAccountId) AS invoice,
                 date_trunc('month', BillingPeriodStart)::DATE AS billing_period, BillingCurrency AS currency,
                 sum(BilledCost) AS billed,
                 coalesce(sum(BilledCost) FILTER (WHERE ChargeCategory = 'Tax'), 0) AS tax,
                 coalesce(sum(BilledCost) FILTER (WHERE ChargeCategory = 'Credit'), 0) AS credits
          FROM cost_line GROUP BY ALL) AS b
    LEFT JOIN vendor_of AS v ON v.name = b.provider
),
bill_vendor AS (SELECT vendor, any_value(provider ORDER BY provider) AS provider FROM bill_invoice GROUP BY vendor),
ledger AS MATERIALIZED (
    SELECT l.rowid AS line, l.entry_id, l.posting_period, l.amount, l.currency, l.invoice_id, v.vendor
    FROM ledger_line AS l JOIN vendor_of AS v ON v.name = l.vendor
    WHERE v.vendor IN (SELECT vendor FROM bill_vendor)
),
named AS MATERIALIZED (
    SELECT b.invoice, b.provider, b.billing_period, b.currency AS bill_currency, l.*
    FROM bill_invoice AS b JOIN ledger AS l ON l.invoice_id = b.invoice_id AND l.vendor = b.vendor
),
-- The invoices ledger lines name, and the invoices of a vendor and period no line names (one group each).
bill_side AS MATERIALIZED (
    SELECT g.lag_months, b.provider, b.vendor, b.invoice, b.billing_period, b.currency, b.billed, b.tax, b.credits,
           true AS by_invoice_id, true AS has_invoice_id
    FROM bill_invoice AS b CROSS JOIN lags AS g
    WHERE b.invoice IN (SELECT invoice FROM named)
    UNION ALL
    SELECT g.lag_months, any_value(b.provider ORDER BY b.provider), b.vendor,
           string_agg(b.invoice, ', ' ORDER BY b.invoice), b.billing_period, b.currency, sum(b.billed),
           sum(b.tax), sum(b.credits), false, bool_or(b.invoice_id IS NOT NULL)
    FROM bill_invoice AS b CROSS JOIN lags AS g
    WHERE b.invoice NOT IN (SELECT invoice FROM named)
    GROUP BY g.lag_months, b.vendor, b.billing_period, b.currency
),
unnamed AS MATERIALIZED (SELECT * FROM ledger WHERE line NOT IN (SELECT line FROM named)),
-- A group's lines by vendor and period: same vendor, currency and ledger period, and no invoice id of its own
-- unless the bill has none either (a line naming another invoice is not this one).
by_vendor AS MATERIALIZED (
    SELECT s.lag_months, s.invoice, l.line, l.entry_id, l.posting_period, l.amount, l.currency
    FROM bill_side AS s JOIN unnamed AS l
        ON NOT s.by_invoice_id AND l.vendor = s.vendor AND l.currency = s.currency
       AND l.posting_period = (s.billing_period + to_months(s.lag_months))::DATE
       AND (l.invoice_id IS NULL OR NOT s.has_invoice_id)
),
bill_matched AS MATERIALIZED (
    SELECT s.*, (s.billing_period + to_months(s.lag_months))::DATE AS ledger_period,
           coalesce(sum(l.amount) FILTER (WHERE l.currency = s.currency), 0) AS ledgered,
           count(l.line) FILTER (WHERE l.currency = s.currency) AS ledger_lines,
           string_agg(l.entry_id, ' ' ORDER BY l.entry_id) FILTER (WHERE l.currency = s.currency) AS ledger_entries,
           string_agg(DISTINCT l.currency, ', ') FILTER (WHERE l.currency <> s.currency) AS other_currency
    FROM bill_side AS s
    LEFT JOIN (SELECT NULL AS lag_months, invoice, line, entry_id, posting_period, amount, currency FROM named
               UNION ALL
               SELECT lag_months, invoice, line, entry_id, posting_period, amount, currency FROM by_vendor) AS l
        ON l.invoice = s.invoice AND coalesce(l.lag_months, s.lag_months) = s.lag_months
       AND l.posting_period = (s.billing_period + to_months(s.lag_months))::DATE
    GROUP BY ALL
),
-- Where else the lines naming an invoice were posted (a late or split posting).
elsewhere AS (
    SELECT m.lag_months, m.invoice, min(n.posting_period) AS other_period, sum(n.amount) AS other_amount
    FROM bill_matched AS m JOIN named AS n ON n.invoice = m.invoice AND n.currency = m.currency
    WHERE m.by_invoice_id AND n.posting_period <> m.ledger_period
    GROUP BY ALL
),
bill_rows AS (
    SELECT m.*, e.other_period, e.other_amount,
           m.ledgered - m.billed AS variance,
           money_from_units(greatest(m.ledger_lines, 1), minor_units(m.currency)) * 0.5 AS tolerance
    FROM bill_matched AS m LEFT JOIN elsewhere AS e ON e.lag_months = m.lag_months AND e.invoice = m.invoice
),
-- Ledger lines of a bill vendor that match no invoice of the billing period the lag puts them in.
ledger_rows AS (
    SELECT g.lag_months, v.provider, l.vendor, coalesce(l.invoice_id, 'entry ' || l.entry_id) AS invoice,
           (l.posting_period - to_months(g.lag_months))::DATE AS billing_period, l.posting_period AS ledger_period,
           l.currency, sum(l.amount) AS ledgered, string_agg(l.entry_id, ' ' ORDER BY l.entry_id) AS ledger_entries
    FROM unnamed AS l CROSS JOIN lags AS g JOIN bill_vendor AS v ON v.vendor = l.vendor
    WHERE NOT EXISTS (SELECT 1 FROM by_vendor AS b WHERE b.lag_months = g.lag_months AND b.line = l.line)
    GROUP BY ALL
),
reconciled AS (
    SELECT lag_months, 'bill' AS side, provider, invoice AS invoice_id, strftime(billing_period, '%Y-%m') AS billing_period,
           strftime(ledger_period, '%Y-%m') AS ledger_period,
           -- One type in both branches: DuckDB unites DECIMAL(38,18) and (38,6) as (38,6), rounding.
           billed::DECIMAL(38,18) AS billed, ledgered::DECIMAL(38,18) AS ledgered,
           variance::DECIMAL(38,18) AS variance,
           CASE WHEN ledger_lines = 0 AND abs(billed) <= tolerance THEN 'matched'
                WHEN ledger_lines = 0 THEN 'missing_in_ledger'
                WHEN abs(variance) <= tolerance THEN 'matched'
                WHEN variance > 0 THEN 'over' ELSE 'under' END AS status,
           CASE WHEN ledger_lines = 0 AND abs(billed) <= tolerance AND other_period IS NULL
                    THEN 'nothing billed, nothing to post'
                WHEN ledger_lines = 0 AND other_period > ledger_period
                    THEN 'late invoice: posted in ' || strftime(other_period, '%Y-%m')
                WHEN ledger_lines = 0 AND other_period < ledger_period
                    THEN 'posted early, in ' || strftime(other_period, '%Y-%m')
                WHEN ledger_lines = 0 AND other_currency IS NOT NULL THEN 'currency: ledgered in ' || other_currency
                WHEN ledger_lines = 0 THEN 'no ledger line of ' || vendor || ' in ' || strftime(ledger_period, '%Y-%m')
                WHEN abs(variance) <= tolerance THEN nullif(concat_ws('; ',
                    CASE WHEN NOT by_invoice_id THEN 'by vendor and period: no ledger line names the invoice' END,
                    CASE WHEN variance <> 0 THEN 'currency rounding: the invoice is rounded to '
                        || minor_units(currency) || ' decimals' END), '')
                WHEN tax <> 0 AND abs(ledgered - (billed - tax)) <= tolerance
                    THEN 'tax: the ledger leaves out the bill''s tax of ' || regexp_replace(tax::VARCHAR, '(\.\d*?[1-9])0+$|\.0+$', '\1')
                WHEN credits <> 0 AND abs(ledgered - (billed - credits)) <= tolerance
                    THEN 'credits: the ledger leaves out the bill''s credits of ' || regexp_replace(credits::VARCHAR, '(\.\d*?[1-9])0+$|\.0+$', '\1')
                WHEN tax <> 0 AND credits <> 0 AND abs(ledgered - (billed - tax - credits)) <= tolerance
                    THEN 'tax and credits: the ledger leaves out the bill''s tax and credits'
                WHEN other_amount IS NOT NULL AND abs(ledgered + other_amount - billed) <= tolerance
                    THEN 'split: the rest posted in ' || strftime(other_period, '%Y-%m')
                WHEN other_currency IS NOT NULL THEN 'currency: part ledgered in ' || other_currency
                WHEN NOT by_invoice_id THEN 'by vendor and period: check the ledger lines'
                ELSE 'unexplained' END AS reason,
           currency, ledger_entries
    FROM bill_rows
    UNION ALL
    SELECT lag_months, 'ledger', provider, invoice, strftime(billing_period, '%Y-%m'),
           strftime(ledger_period, '%Y-%m'), NULL, ledgered::DECIMAL(38,18), ledgered::DECIMAL(38,18),
           'missing_in_bill',
           CASE WHEN NOT EXISTS (SELECT 1 FROM bill_invoice AS b
                                 WHERE b.vendor = r.vendor AND b.billing_period = r.billing_period)
                THEN 'no bill of ' || vendor || ' for ' || strftime(billing_period, '%Y-%m') || ' is loaded'
                ELSE 'the bill of ' || strftime(billing_period, '%Y-%m') || ' has no such invoice' END,
           currency, ledger_entries
    FROM ledger_rows AS r
))",
                       fmt::arg("lags", lags_sql), fmt::arg("vendor_of", vendor_of));
}

// The lag at which most invoices tie (then the least variance, then the smaller lag). Only invoices whose
// ledger period the ledger covers are counted.
LedgerLag DetectLag(store::Connection& connection, const rules::VendorRules& vendors) {
    const std::string sql =
        ReconcileSql(vendors, fmt::format("SELECT range AS lag_months FROM range(0, {})", kMaxDetectedLag + 1)) +
        R"(
SELECT lag_months::VARCHAR, (count(*) FILTER (WHERE status = 'matched'))::VARCHAR, count(*)::VARCHAR,
       sum(abs(variance))::VARCHAR
FROM reconciled
WHERE side = 'bill' AND ledger_period <= (SELECT strftime(max(posting_period), '%Y-%m') FROM ledger_line)
GROUP BY lag_months
ORDER BY count(*) FILTER (WHERE status = 'matched') DESC, sum(abs(variance)), lag_months)";
    LedgerLag choice;
    std::map<int, int64_t> others; // the other lags, in order
    bool first = true;
    for (const auto& row : connection.Query(sql).TextRows()) {
        const int lag = std::stoi(row[0].value_or("0"));
        const int64_t matched = std::stoll(row[1].value_or("0"));
        if (first) {
            choice.lag = lag;
            choice.matched = matched;
            choice.invoices = std::stoll(row[2].value_or("0"));
            first = false;
        } else {
            others.emplace(lag, matched);
        }
    }
    std::string other_text;
    for (const auto& [lag, matched] : others) {
        other_text += fmt::format("{}{} at lag {}", other_text.empty() ? "" : ", ", matched, lag);
    }
    choice.evidence = fmt::format("{} of {} invoices tie at lag {}{}{}", choice.matched, choice.invoices, choice.lag,
                                  other_text.empty() ? "" : "; ", other_text);
    return choice;
}

} // namespace

LedgerLag DetectLedgerLag(store::Connection& connection, const rules::VendorRules& vendors) {
    return DetectLag(connection, vendors);
}

ReportTable LedgerReconciliationReport(store::Connection& connection, const LedgerReconciliationOptions& options) {
    if (options.lag && (*options.lag < 0 || *options.lag > 24)) {
        Throw(ErrorKind::kInvalidInput, "--lag must be a number of months from 0 to 24, not {}", *options.lag);
    }
    std::string lag_text;
    int lag = 0;
    if (options.lag) {
        lag = *options.lag;
        lag_text = fmt::format("lag {} month{} (given)", lag, lag == 1 ? "" : "s");
    } else {
        const LedgerLag choice = DetectLag(connection, options.vendors);
        lag = choice.lag;
        lag_text = fmt::format("lag {} month{} (detected: {})", lag, lag == 1 ? "" : "s", choice.evidence);
    }
    const std::string reconcile = ReconcileSql(options.vendors, fmt::format("SELECT {} AS lag_months", lag));
    std::string period;
    std::string period_note;
    if (options.period) {
        period = options.period->ToString();
    } else {
        // The latest billing period whose ledger period has lines; else the latest billing period.
        period = connection
                     .Query(reconcile + R"(
SELECT coalesce(max(billing_period) FILTER (WHERE status <> 'missing_in_ledger'), max(billing_period))
FROM reconciled WHERE side = 'bill')")
                     .ScalarString()
                     .value_or("");
        if (period.empty()) {
            Throw(ErrorKind::kNotFound, "no cost lines are loaded: the ledger has no bill to be reconciled with");
        }
        period_note = " (the latest with ledger lines)";
    }
    const std::string rows_sql = reconcile + fmt::format(R"(
SELECT provider, invoice_id, billing_period, ledger_period, billed, ledgered, variance, status, reason, currency,
       ledger_entries
FROM reconciled
WHERE (side = 'bill' AND billing_period = {period}) OR (side = 'ledger' AND billing_period = {period})
ORDER BY provider, side, invoice_id)",
                                                         fmt::arg("period", store::QuoteLiteral(period)));
    const std::string totals_sql = reconcile + fmt::format(R"(
SELECT 'total' AS provider, NULL AS invoice_id, {period} AS billing_period, any_value(ledger_period) AS ledger_period,
       sum(billed) AS billed, sum(ledgered) AS ledgered, sum(variance) AS variance,
       count(*) FILTER (WHERE status = 'matched') || ' of ' || count(*) || ' matched' AS status, NULL AS reason,
       currency, NULL AS ledger_entries
FROM reconciled
WHERE billing_period = {period}
GROUP BY currency ORDER BY currency)",
                                                           fmt::arg("period", store::QuoteLiteral(period)));
    std::vector<ReportColumn> columns = {
        {"provider", ColumnType::kText, 0, ""},       {"invoice_id", ColumnType::kText, 0, ""},
        {"billing_period", ColumnType::kText, 0, ""}, {"ledger_period", ColumnType::kText, 0, ""},
        {"billed", ColumnType::kMoney, 2, "-"},       {"ledgered", ColumnType::kMoney, 2, "-"},
        {"variance", ColumnType::kMoney, 2, "-"},     {"status", ColumnType::kText, 0, ""},
        {"reason", ColumnType::kText, 0, ""},         {"currency", ColumnType::kText, 0, ""},
        {"ledger_entries", ColumnType::kText, 0, ""},
    };
    return RunReportQuery(
        connection, "reconcile-ledger",
        fmt::format("the bill's invoices of billing period {}{} against the ledger, {}", period, period_note, lag_text),
        std::move(columns), rows_sql, totals_sql);
}

} // namespace crosswalk::report
