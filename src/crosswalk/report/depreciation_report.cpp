// `crosswalk report depreciation` and `depreciation-schedule`: each asset's book value as of a date with the
// fiscal year's depreciation booked and forecast, and the schedule by month. The schedules are computed by
// analyze::Schedule; SQL joins them to the asset register and totals them. docs/reconciliation.md.
#include <map>

#include <fmt/format.h>

#include "crosswalk/analyze/asset_schedules.hpp"
#include "crosswalk/analyze/depreciation.hpp"
#include "crosswalk/analyze/license_counting.hpp"
#include "crosswalk/common/error.hpp"
#include "crosswalk/common/money.hpp"
#include "crosswalk/report/reports.hpp"
#include "crosswalk/store/sql_quote.hpp"

namespace crosswalk::report {
namespace {

using analyze::AssetSchedule;
using analyze::AssetSchedules;
using analyze::DepreciationConvention;
using analyze::LoadAssetSchedules;
using analyze::MonthIndex;
using analyze::MonthOf;
using analyze::MonthText;
using store::QuoteLiteral;

// The first month of the fiscal year that starts in month `start` (1..12) and holds `month`.
MonthIndex FiscalYearStart(MonthIndex month, int start) {
    return month - ((month % 12 + 1 - start + 12) % 12);
}

// The fiscal year a month is in, named by the calendar year it ends in (FY2027: July 2026 to June 2027).
std::string FiscalYear(MonthIndex month, int start) {
    return fmt::format("FY{}", (FiscalYearStart(month, start) + 11) / 12);
}

std::string_view ConventionName(DepreciationConvention convention) {
    switch (convention) {
    case DepreciationConvention::kFullMonth:
        return "full month";
    case DepreciationConvention::kMidMonth:
        return "mid-month";
    case DepreciationConvention::kNextMonth:
        return "next month";
    }
    return "";
}

std::string Amount(Int128 units, int scale) {
    return fmt::format("{}::DECIMAL(38,6)", QuoteLiteral(money::FromUnits(units, scale).ToString()));
}

struct Window {
    std::string as_of;
    MonthIndex as_of_month = 0;
    MonthIndex booked_through = 0; // the last month ended on or before the date
    MonthIndex fiscal_start = 0;
    MonthIndex fiscal_end = 0;
};

Window ResolveWindow(store::Connection& connection, const DepreciationOptions& options) {
    if (options.fiscal_year_start < 1 || options.fiscal_year_start > 12) {
        Throw(ErrorKind::kInvalidInput, "--fiscal-year-start must be a month from 1 to 12, not {}",
              options.fiscal_year_start);
    }
    Window window;
    window.as_of = licensing::ResolveAsOf(connection, options.as_of);
    window.as_of_month = MonthOf(window.as_of);
    const bool month_end = connection
                               .Query(fmt::format("SELECT (({0}::DATE + 1)::DATE = date_trunc('month', {0}::DATE + 1)"
                                                  "::DATE)::VARCHAR",
                                                  QuoteLiteral(window.as_of)))
                               .ScalarString()
                               .value_or("false") == "true";
    window.booked_through = month_end ? window.as_of_month : window.as_of_month - 1;
    window.fiscal_start = FiscalYearStart(window.as_of_month, options.fiscal_year_start);
    window.fiscal_end = window.fiscal_start + 11;
    return window;
}

std::string Describe(const Window& window, const DepreciationOptions& options, const AssetSchedules& loaded) {
    return fmt::format("as of {}, booked through {}, fiscal year {} ({} to {}), {} convention{}", window.as_of,
                       MonthText(window.booked_through), FiscalYear(window.as_of_month, options.fiscal_year_start),
                       MonthText(window.fiscal_start), MonthText(window.fiscal_end), ConventionName(options.convention),
                       loaded.skipped == 0
                           ? ""
                           : fmt::format("; {} asset{} with a depreciation method but no cost, useful life, date or "
                                         "currency not depreciated",
                                         loaded.skipped, loaded.skipped == 1 ? "" : "s"));
}

} // namespace

ReportTable DepreciationReport(store::Connection& connection, const DepreciationOptions& options) {
    const Window window = ResolveWindow(connection, options);
    const AssetSchedules loaded = LoadAssetSchedules(connection, options.asset, options.convention);
    std::string values;
    for (const AssetSchedule& asset : loaded.assets) {
        if (asset.in_service > window.as_of_month) {
            continue; // not in service yet at the date: not on the books (as in the schedule)
        }
        Int128 accumulated = 0;
        Int128 this_month = 0;
        Int128 year_to_date = 0;
        Int128 rest_of_year = 0;
        Int128 next_12 = 0;
        for (const analyze::DepreciationMonth& month : asset.schedule.months) {
            if (month.month <= window.booked_through) {
                accumulated = month.accumulated;
            }
            if (month.month == window.as_of_month) {
                this_month = month.amount;
            }
            if (month.month >= window.fiscal_start && month.month <= window.booked_through) {
                year_to_date += month.amount;
            }
            if (month.month > window.booked_through && month.month <= window.fiscal_end) {
                rest_of_year += month.amount;
            }
            if (month.month > window.booked_through && month.month <= window.booked_through + 12) {
                next_12 += month.amount;
            }
        }
        const bool gone = asset.schedule.retired && *asset.schedule.retired <= window.booked_through;
        const Int128 book_value = gone ? 0 : asset.schedule.cost - accumulated;
        const std::string end_of_life =
            asset.schedule.months.empty() ? "NULL" : QuoteLiteral(MonthText(asset.schedule.months.back().month));
        values += fmt::format(
            "{}({}, {}, {}, {}, {}, {}, {}, {}, {}, {})", values.empty() ? "" : ",\n    ",
            QuoteLiteral(asset.asset_tag), end_of_life, Amount(accumulated, asset.scale),
            Amount(book_value, asset.scale), Amount(this_month, asset.scale), Amount(year_to_date, asset.scale),
            Amount(rest_of_year, asset.scale), Amount(next_12, asset.scale),
            gone ? Amount(asset.schedule.written_off, asset.scale) : "NULL", QuoteLiteral(asset.currency));
    }
    const std::string computed =
        values.empty() ? "SELECT NULL::VARCHAR AS asset_tag, NULL::VARCHAR AS end_of_life, "
                         "NULL::DECIMAL(38,6) AS accumulated, NULL::DECIMAL(38,6) AS book_value, NULL::DECIMAL(38,6) "
                         "AS this_month, NULL::DECIMAL(38,6) AS fiscal_ytd, NULL::DECIMAL(38,6) AS "
                         "rest_of_fiscal_year, NULL::DECIMAL(38,6) AS next_12_months, NULL::DECIMAL(38,6) AS "
                         "written_off, NULL::VARCHAR AS currency WHERE false"
                       : "SELECT * FROM (VALUES\n    " + values +
                             ") AS v(asset_tag, end_of_life, accumulated, book_value, this_month, fiscal_ytd, "
                             "rest_of_fiscal_year, next_12_months, written_off, currency)";
    const std::string rows_sql = fmt::format(R"(
WITH computed AS ({computed})
SELECT a.asset_tag, a.name, a.cost_center_id AS cost_center, a.depreciation_method AS method,
       coalesce(a.in_service_date, a.acquisition_date) AS in_service, a.useful_life_months, c.end_of_life,
       a.acquisition_cost AS cost, coalesce(a.salvage_value, 0) AS salvage, c.accumulated, c.book_value,
       c.this_month, c.fiscal_ytd, c.rest_of_fiscal_year, c.fiscal_ytd + c.rest_of_fiscal_year AS fiscal_year_total,
       c.next_12_months, c.written_off, c.currency
FROM computed AS c JOIN asset AS a ON a.asset_tag = c.asset_tag
ORDER BY a.asset_tag)",
                                             fmt::arg("computed", computed));
    const std::string totals_sql = fmt::format(R"(
WITH computed AS ({computed})
SELECT 'total' AS asset_tag, count(*) || ' assets' AS name, NULL AS cost_center, NULL AS method,
       NULL::DATE AS in_service, NULL::INTEGER AS useful_life_months, NULL AS end_of_life, sum(a.acquisition_cost) AS cost,
       sum(coalesce(a.salvage_value, 0)) AS salvage, sum(c.accumulated) AS accumulated, sum(c.book_value) AS book_value,
       sum(c.this_month) AS this_month, sum(c.fiscal_ytd) AS fiscal_ytd, sum(c.rest_of_fiscal_year) AS rest_of_fiscal_year,
       sum(c.fiscal_ytd + c.rest_of_fiscal_year) AS fiscal_year_total, sum(c.next_12_months) AS next_12_months,
       sum(c.written_off) AS written_off, c.currency
FROM computed AS c JOIN asset AS a ON a.asset_tag = c.asset_tag
GROUP BY c.currency ORDER BY c.currency)",
                                               fmt::arg("computed", computed));
    std::vector<ReportColumn> columns = {
        {"asset_tag", ColumnType::kText, 0, ""},          {"name", ColumnType::kText, 0, ""},
        {"cost_center", ColumnType::kText, 0, "(none)"},  {"method", ColumnType::kText, 0, ""},
        {"in_service", ColumnType::kDate, 0, ""},         {"useful_life_months", ColumnType::kInteger, 0, ""},
        {"end_of_life", ColumnType::kText, 0, "-"},       {"cost", ColumnType::kMoney, 2, ""},
        {"salvage", ColumnType::kMoney, 2, ""},           {"accumulated", ColumnType::kMoney, 2, ""},
        {"book_value", ColumnType::kMoney, 2, ""},        {"this_month", ColumnType::kMoney, 2, ""},
        {"fiscal_ytd", ColumnType::kMoney, 2, ""},        {"rest_of_fiscal_year", ColumnType::kMoney, 2, ""},
        {"fiscal_year_total", ColumnType::kMoney, 2, ""}, {"next_12_months", ColumnType::kMoney, 2, ""},
        {"written_off", ColumnType::kMoney, 2, "-"},      {"currency", ColumnType::kText, 0, ""},
    };
    return RunReportQuery(connection, "depreciation",
                          "book value and depreciation per asset, " + Describe(window, options, loaded),
                          std::move(columns), rows_sql, totals_sql);
}

ReportTable DepreciationScheduleReport(store::Connection& connection, const DepreciationOptions& options) {
    const Window window = ResolveWindow(connection, options);
    const AssetSchedules loaded = LoadAssetSchedules(connection, options.asset, options.convention);
    // From the fiscal year of the date (one asset: its first month) to the last month anything depreciates.
    MonthIndex first = window.fiscal_start;
    MonthIndex last = window.fiscal_end;
    for (const AssetSchedule& asset : loaded.assets) {
        if (!asset.schedule.months.empty()) {
            last = std::max(last, asset.schedule.months.back().month);
            if (options.asset) {
                first = asset.schedule.months.front().month;
            }
        }
    }

    struct Sums {
        int64_t assets = 0;
        Int128 depreciation = 0;
        Int128 accumulated = 0;
        Int128 book_value = 0;
        int scale = 2;
    };

    std::map<std::pair<std::string, MonthIndex>, Sums> sums; // (currency, month)
    for (const AssetSchedule& asset : loaded.assets) {
        const auto& months = asset.schedule.months;
        if (months.empty()) {
            continue;
        }
        size_t next = 0;
        for (MonthIndex month = std::max(first, months.front().month); month <= last; ++month) {
            while (next < months.size() && months[next].month < month) {
                ++next;
            }
            const bool in_schedule = next < months.size() && months[next].month == month;
            if (asset.schedule.retired && month > *asset.schedule.retired) {
                break; // retired: off the books
            }
            Sums& sum = sums[{asset.currency, month}];
            sum.scale = asset.scale;
            const analyze::DepreciationMonth& state = in_schedule ? months[next] : months[next == 0 ? 0 : next - 1];
            if (in_schedule) {
                ++sum.assets;
                sum.depreciation += state.amount;
            }
            sum.accumulated += state.accumulated;
            sum.book_value += state.book_value;
        }
    }
    std::string values;
    for (const auto& [key, sum] : sums) {
        const auto& [currency, month] = key;
        values +=
            fmt::format("{}({}, {}, {}, {}, {}, {}, {}, {})", values.empty() ? "" : ",\n    ",
                        QuoteLiteral(MonthText(month)), QuoteLiteral(FiscalYear(month, options.fiscal_year_start)),
                        QuoteLiteral(month <= window.booked_through ? "booked" : "forecast"), sum.assets,
                        Amount(sum.depreciation, sum.scale), Amount(sum.accumulated, sum.scale),
                        Amount(sum.book_value, sum.scale), QuoteLiteral(currency));
    }
    const std::string computed =
        values.empty()
            ? "SELECT NULL::VARCHAR AS period, NULL::VARCHAR AS fiscal_year, NULL::VARCHAR AS kind, "
              "NULL::BIGINT AS assets, NULL::DECIMAL(38,6) AS depreciation, NULL::DECIMAL(38,6) AS "
              "accumulated, NULL::DECIMAL(38,6) AS book_value, NULL::VARCHAR AS currency WHERE false"
            : "SELECT * FROM (VALUES\n    " + values +
                  ") AS v(period, fiscal_year, kind, assets, depreciation, accumulated, book_value, currency)";
    const std::string rows_sql = "SELECT * FROM (" + computed + ") ORDER BY currency, period";
    const std::string totals_sql = "SELECT 'total' AS period, NULL AS fiscal_year, NULL AS kind, NULL::BIGINT AS "
                                   "assets, sum(depreciation) AS depreciation, NULL::DECIMAL(38,6) AS accumulated, "
                                   "NULL::DECIMAL(38,6) AS book_value, currency FROM (" +
                                   computed + ") GROUP BY currency ORDER BY currency";
    std::vector<ReportColumn> columns = {
        {"period", ColumnType::kText, 0, ""},        {"fiscal_year", ColumnType::kText, 0, ""},
        {"kind", ColumnType::kText, 0, ""},          {"assets", ColumnType::kInteger, 0, ""},
        {"depreciation", ColumnType::kMoney, 2, ""}, {"accumulated", ColumnType::kMoney, 2, "-"},
        {"book_value", ColumnType::kMoney, 2, "-"},  {"currency", ColumnType::kText, 0, ""},
    };
    const std::string scope = options.asset ? "asset " + *options.asset : "all assets";
    return RunReportQuery(connection, "depreciation-schedule",
                          fmt::format("depreciation by month, {}, {}", scope, Describe(window, options, loaded)),
                          std::move(columns), rows_sql, totals_sql);
}

} // namespace crosswalk::report
