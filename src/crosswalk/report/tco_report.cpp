// `crosswalk report tco`, `tco-services` and `tco-explain`: the all-in cost of each application and business
// service from the parts of tco_parts.cpp, beside the same span of months before. docs/tco.md.
#include <algorithm>

#include <fmt/format.h>

#include "crosswalk/analyze/license_counting.hpp"
#include "crosswalk/analyze/tco_parts.hpp"
#include "crosswalk/common/error.hpp"
#include "crosswalk/common/text.hpp"
#include "crosswalk/report/allocation_ledger.hpp"
#include "crosswalk/report/reports.hpp"
#include "crosswalk/store/sql_quote.hpp"

namespace crosswalk::report {
namespace {

using store::QuoteLiteral;

std::string MonthList(const std::vector<Period>& months) {
    std::string list;
    for (const Period& month : months) {
        list += (list.empty() ? "" : ", ") + QuoteLiteral(month.ToString());
    }
    return list.empty() ? "NULL" : list;
}

} // namespace

namespace {

bool Billed(store::Connection& connection, const Period& month) {
    return analyze::tco::IsBilled(connection, analyze::ToMonthIndex(month.year, month.month));
}

} // namespace

std::string detail::TcoPartsSql(store::Connection& connection, const std::vector<Period>& months) {
    if (connection.Query("SELECT count(*) FROM (SELECT 1 FROM tco_part LIMIT 1)").ScalarInt64().value_or(0) == 0) {
        detail::RequireAllocation(connection);
        Throw(ErrorKind::kNotFound,
              "TCO is computed by `crosswalk run` (its cost stage), and the latest run made none: "
              "run `crosswalk run` again");
    }
    for (const Period& month : months) {
        const auto covered = connection
                                 .Query(fmt::format("SELECT count(*) FROM (SELECT 1 FROM tco_part WHERE period = {} "
                                                    "LIMIT 1)",
                                                    QuoteLiteral(month.ToString())))
                                 .ScalarInt64()
                                 .value_or(0);
        if (covered == 0 && Billed(connection, month)) {
            Throw(ErrorKind::kConflict,
                  "the bill of {} was loaded after the latest run: `crosswalk run` computes its TCO", month.ToString());
        }
    }
    return fmt::format("SELECT period, application, business_service, col, source, ref, detail, cloud, host, currency, "
                       "amount FROM tco_part WHERE period IN ({})",
                       MonthList(months));
}

TcoWindow ResolveTcoWindow(store::Connection& connection, const TcoOptions& options) {
    if (options.period && options.year) {
        Throw(ErrorKind::kInvalidInput, "TCO takes --period YYYY-MM or --year YYYY, not both");
    }
    TcoWindow window;
    if (options.year) {
        for (const analyze::MonthIndex month : analyze::tco::BilledMonthsOf(connection, *options.year)) {
            window.months.push_back(Period{month / 12, month % 12 + 1});
        }
        if (window.months.empty()) {
            Throw(ErrorKind::kNotFound, "no cost lines are loaded for {}: TCO covers the months the bill covers",
                  *options.year);
        }
        std::vector<Period> before;
        for (const Period& month : window.months) {
            before.push_back(Period{month.year - 1, month.month});
        }
        if (std::all_of(before.begin(), before.end(), [&](const Period& month) { return Billed(connection, month); })) {
            window.previous = before;
        }
        window.scope = fmt::format("year {} ({} to {}, the billed months)", *options.year,
                                   window.months.front().ToString(), window.months.back().ToString());
    } else {
        const ResolvedPeriod resolved = ResolveBilledPeriod(connection, options.period, "TCO");
        window.months = {resolved.period};
        const Period before = resolved.period.month == 1 ? Period{resolved.period.year - 1, 12}
                                                         : Period{resolved.period.year, resolved.period.month - 1};
        if (Billed(connection, before)) {
            window.previous = {before};
        }
        window.scope = resolved.Describe();
    }
    window.trend = window.previous.empty()
                       ? "no earlier months billed to compare with"
                       : fmt::format("previous: {}{}", window.previous.front().ToString(),
                                     window.previous.size() > 1 ? " to " + window.previous.back().ToString() : "");
    const std::string stale = detail::StaleAllocationNote(connection);
    if (!stale.empty()) {
        window.trend += " (note: " + stale + ")";
    }
    return window;
}

std::string TcoPartsOf(store::Connection& connection, const TcoOptions& options, const TcoWindow& window) {
    std::vector<Period> months = window.previous;
    months.insert(months.end(), window.months.begin(), window.months.end());
    const std::string parts = detail::TcoPartsSql(connection, months);
    if (options.application) {
        const auto known = connection
                               .Query(fmt::format("SELECT count(*) FROM ({}) WHERE application = {}", parts,
                                                  QuoteLiteral(*options.application)))
                               .ScalarInt64()
                               .value_or(0);
        if (known == 0) {
            const bool in_cmdb = connection
                                     .Query(fmt::format("SELECT count(*) FROM ci WHERE class = 'application' AND "
                                                        "ci_id = {}",
                                                        QuoteLiteral(*options.application)))
                                     .ScalarInt64()
                                     .value_or(0) > 0;
            if (in_cmdb) {
                Throw(ErrorKind::kNotFound,
                      "no cost of {} is on {}: a platform's cost goes on to the applications its allocation steps "
                      "spread it to (`crosswalk report tco` lists them)",
                      window.scope, *options.application);
            }
            analyze::licensing::RequireProduct(connection, *options.application,
                                               fmt::format("SELECT DISTINCT application AS product FROM ({})", parts),
                                               "no cost is on the application", "the applications with cost");
        }
    }
    return parts;
}

namespace {

// The sums per `key` (application or business service) and currency, for the window and the span before.
std::string SumsSql(const std::string& parts, const TcoWindow& window, const std::string& key,
                    const std::string& filter) {
    return fmt::format(R"(
parts AS ({parts}),
current_ AS (
    SELECT {key} AS key, any_value(business_service) AS business_service, count(DISTINCT application) AS applications,
           currency,
           coalesce(sum(amount) FILTER (WHERE col = 'cloud_direct'), 0) AS cloud_direct,
           coalesce(sum(amount) FILTER (WHERE col = 'cloud_shared'), 0) AS cloud_shared,
           coalesce(sum(amount) FILTER (WHERE col = 'licenses'), 0) AS licenses,
           coalesce(sum(amount) FILTER (WHERE col = 'depreciation'), 0) AS depreciation,
           coalesce(sum(amount) FILTER (WHERE col = 'contracts'), 0) AS contracts,
           coalesce(sum(amount) FILTER (WHERE col = 'labor'), 0) AS labor,
           sum(amount) AS total,
           coalesce(sum(amount) FILTER (WHERE cloud), 0) AS cloud
    FROM parts WHERE period IN ({months}) {filter} GROUP BY {key}, currency
),
previous_ AS (
    SELECT {key} AS key, currency, sum(amount) AS total FROM parts WHERE period IN ({previous}) {filter}
    GROUP BY {key}, currency
))",
                       fmt::arg("parts", parts), fmt::arg("key", key), fmt::arg("months", MonthList(window.months)),
                       fmt::arg("previous", MonthList(window.previous)), fmt::arg("filter", filter));
}

// cloud_share_pct: of the cost that is not labor, the part a cloud bill charges.
constexpr std::string_view kMeasures = R"(
       c.cloud_direct, c.cloud_shared, c.licenses, c.depreciation, c.contracts, c.labor, c.total,
       money_div(100 * c.cloud, nullif(c.total - c.labor, 0), 1) AS cloud_share_pct, c.currency,
       p.total AS previous_total, money_div(100 * (c.total - p.total), nullif(abs(p.total), 0), 1) AS change_pct)";

constexpr std::string_view kTotals = R"(
       sum(c.cloud_direct) AS cloud_direct, sum(c.cloud_shared) AS cloud_shared, sum(c.licenses) AS licenses,
       sum(c.depreciation) AS depreciation, sum(c.contracts) AS contracts, sum(c.labor) AS labor,
       sum(c.total) AS total,
       money_div(100 * sum(c.cloud), nullif(sum(c.total) - sum(c.labor), 0), 1) AS cloud_share_pct, c.currency,
       sum(p.total) AS previous_total,
       money_div(100 * (sum(c.total) - sum(p.total)), nullif(abs(sum(p.total)), 0), 1) AS change_pct)";

std::vector<ReportColumn> MeasureColumns() {
    return {
        {"cloud_direct", ColumnType::kMoney, 2, ""},
        {"cloud_shared", ColumnType::kMoney, 2, ""},
        {"licenses", ColumnType::kMoney, 2, ""},
        {"depreciation", ColumnType::kMoney, 2, ""},
        {"contracts", ColumnType::kMoney, 2, ""},
        {"labor", ColumnType::kMoney, 2, ""},
        {"total", ColumnType::kMoney, 2, ""},
        {"cloud_share_pct", ColumnType::kPercentage, 1, "-"},
        {"currency", ColumnType::kText, 0, ""},
        {"previous_total", ColumnType::kMoney, 2, "-"},
        {"change_pct", ColumnType::kPercentage, 1, "-"},
    };
}

} // namespace

ReportTable TcoReport(store::Connection& connection, const TcoOptions& options) {
    const TcoWindow window = ResolveTcoWindow(connection, options);
    const std::string parts = TcoPartsOf(connection, options, window);
    const std::string filter =
        options.application ? "AND application = " + QuoteLiteral(*options.application) : std::string();
    const std::string sums = SumsSql(parts, window, "application", filter);
    const std::string rows_sql = fmt::format(R"(WITH {sums}
SELECT c.key AS application, c.business_service, {measures}
FROM current_ AS c LEFT JOIN previous_ AS p ON p.key = c.key AND p.currency = c.currency
ORDER BY c.currency, c.key = '(unassigned)', c.total DESC, c.key)",
                                             fmt::arg("sums", sums), fmt::arg("measures", kMeasures));
    const std::string totals_sql = fmt::format(R"(WITH {sums}
SELECT 'total' AS application, count(*) || ' rows' AS business_service, {totals}
FROM current_ AS c LEFT JOIN previous_ AS p ON p.key = c.key AND p.currency = c.currency
GROUP BY c.currency ORDER BY c.currency)",
                                               fmt::arg("sums", sums), fmt::arg("totals", kTotals));
    std::vector<ReportColumn> columns = {{"application", ColumnType::kText, 0, ""},
                                         {"business_service", ColumnType::kText, 0, "(none)"}};
    for (ReportColumn& column : MeasureColumns()) {
        columns.push_back(std::move(column));
    }
    return RunReportQuery(connection, "tco",
                          fmt::format("TCO per application, {}; {}{}", window.scope, window.trend,
                                      options.application ? "; application " + *options.application : ""),
                          std::move(columns), rows_sql, totals_sql);
}

ReportTable TcoServicesReport(store::Connection& connection, const TcoOptions& options) {
    const TcoWindow window = ResolveTcoWindow(connection, options);
    const std::string parts = TcoPartsOf(connection, options, window);
    const std::string sums = SumsSql(parts, window, "business_service", "");
    const std::string rows_sql = fmt::format(R"(WITH {sums}
SELECT c.key AS business_service, c.applications, {measures}
FROM current_ AS c LEFT JOIN previous_ AS p ON p.key IS NOT DISTINCT FROM c.key AND p.currency = c.currency
ORDER BY c.currency, c.key IS NULL, c.total DESC, c.key)",
                                             fmt::arg("sums", sums), fmt::arg("measures", kMeasures));
    const std::string totals_sql = fmt::format(R"(WITH {sums}
SELECT 'total' AS business_service, sum(c.applications) AS applications, {totals}
FROM current_ AS c LEFT JOIN previous_ AS p ON p.key IS NOT DISTINCT FROM c.key AND p.currency = c.currency
GROUP BY c.currency ORDER BY c.currency)",
                                               fmt::arg("sums", sums), fmt::arg("totals", kTotals));
    std::vector<ReportColumn> columns = {{"business_service", ColumnType::kText, 0, "(no business service)"},
                                         {"applications", ColumnType::kInteger, 0, ""}};
    for (ReportColumn& column : MeasureColumns()) {
        columns.push_back(std::move(column));
    }
    return RunReportQuery(connection, "tco-services",
                          fmt::format("TCO per business service (its applications through ci_relation depends_on), "
                                      "{}; {}",
                                      window.scope, window.trend),
                          std::move(columns), rows_sql, totals_sql);
}

ReportTable TcoExplainReport(store::Connection& connection, const TcoOptions& options) {
    if (!options.application) {
        Throw(ErrorKind::kInvalidInput, "tco-explain takes --application A (or '(unassigned)')");
    }
    TcoWindow window = ResolveTcoWindow(connection, options);
    window.previous.clear();
    const std::string parts = TcoPartsOf(connection, options, window);
    const std::string rows_sql =
        fmt::format("SELECT col AS column_name, source, ref, detail, sum(amount) AS amount, currency FROM ({}) "
                    "WHERE application = {} GROUP BY ALL ORDER BY currency, column_name, amount DESC, ref",
                    parts, QuoteLiteral(*options.application));
    const std::string totals_sql =
        fmt::format("SELECT 'total' AS column_name, NULL AS source, NULL AS ref, count(*) || ' parts' AS detail, "
                    "sum(amount) AS amount, currency FROM ({}) WHERE application = {} GROUP BY currency ORDER BY "
                    "currency",
                    parts, QuoteLiteral(*options.application));
    std::vector<ReportColumn> columns = {
        {"column_name", ColumnType::kText, 0, ""}, {"source", ColumnType::kText, 0, ""},
        {"ref", ColumnType::kText, 0, ""},         {"detail", ColumnType::kText, 0, ""},
        {"amount", ColumnType::kMoney, 2, ""},     {"currency", ColumnType::kText, 0, ""},
    };
    return RunReportQuery(connection, "tco-explain",
                          fmt::format("how the TCO of {} is built, {}", *options.application, window.scope),
                          std::move(columns), rows_sql, totals_sql);
}

} // namespace crosswalk::report
