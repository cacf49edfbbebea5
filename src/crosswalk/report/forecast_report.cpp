// `crosswalk report forecast`: each series' cost per month, back-tested months and months ahead, with the
// back-test's accuracy beside the naive seasonal baseline's (analyze/cost_forecast.hpp). docs/forecasts.md.
#include <cmath>

#include <fmt/format.h>

#include "crosswalk/analyze/cost_forecast.hpp"
#include "crosswalk/common/error.hpp"
#include "crosswalk/report/reports.hpp"
#include "crosswalk/store/prepared_statement.hpp"

namespace crosswalk::report {
namespace detail {

std::string EstimateText(double value) {
    const double cents = std::round(value * 100.0);
    return fmt::format("{:.2f}", cents == 0 ? 0.0 : cents / 100.0);
}

std::string RatioPercentText(double ratio) {
    return fmt::format("{:.1f}", std::round(ratio * 1000.0) / 10.0 + 0.0);
}

int32_t DayNumberOf(store::Connection& connection, const std::string& date, std::string_view option) {
    try {
        std::optional<int64_t> days = connection.Prepare("SELECT CAST(CAST(? AS DATE) - DATE '1970-01-01' AS BIGINT)")
                                          .Execute(date)
                                          .ScalarInt64();
        if (days && date.size() == 10) {
            return static_cast<int32_t>(*days);
        }
    } catch (const Error&) {
    }
    Throw(ErrorKind::kInvalidInput, "{} must be a date, YYYY-MM-DD, not '{}'", option, date);
}

} // namespace detail

using detail::EstimateText;
using detail::RatioPercentText;

ReportTable ForecastReport(store::Connection& connection, const ForecastOptions& options) {
    analyze::forecast::CostForecastOptions analysis;
    analysis.by = options.by;
    analysis.horizon_months = options.horizon_months;
    analysis.last_day = options.last_day;
    analysis.changes = options.changes;
    const analyze::forecast::CostForecast forecast = analyze::forecast::ForecastCost(connection, analysis);

    ReportTable table;
    table.name = "forecast";
    table.columns = {
        {"series", ColumnType::kText, 0, ""},
        {"period", ColumnType::kText, 0, ""},
        {"forecast", ColumnType::kMoney, 2, "-"},
        {"lower", ColumnType::kMoney, 2, "-"},
        {"upper", ColumnType::kMoney, 2, "-"},
        {"actual", ColumnType::kMoney, 2, "-"},
        {"naive", ColumnType::kMoney, 2, "-"},
        {"mape_backtest", ColumnType::kPercentage, 1, "-"},
        {"mape_naive", ColumnType::kPercentage, 1, "-"},
        {"bias_backtest", ColumnType::kPercentage, 1, "-"},
        {"mape_daily", ColumnType::kPercentage, 1, "-"},
        {"mape_daily_naive", ColumnType::kPercentage, 1, "-"},
        {"kind", ColumnType::kText, 0, ""},
        {"method", ColumnType::kText, 0, ""},
        {"change", ColumnType::kText, 0, ""},
        {"currency", ColumnType::kText, 0, ""},
    };
    for (const analyze::forecast::CostSeriesForecast& series : forecast.series) {
        const Cell mape = series.mape < 0 ? Cell{} : Cell{RatioPercentText(series.mape)};
        const Cell naive = series.mape_naive < 0 ? Cell{} : Cell{RatioPercentText(series.mape_naive)};
        const Cell bias = series.mape < 0 ? Cell{} : Cell{RatioPercentText(series.bias)};
        const Cell daily = series.mape_daily < 0 ? Cell{} : Cell{RatioPercentText(series.mape_daily)};
        const Cell daily_naive = series.mape_daily_naive < 0 ? Cell{} : Cell{RatioPercentText(series.mape_daily_naive)};
        for (const analyze::forecast::MonthForecast& month : series.months) {
            const char* kind = month.partial    ? "to date + forecast"
                               : month.backtest ? "back-test"
                               : month.actual   ? "history"
                                                : "forecast";
            ReportRow row = {series.series, month.period};
            if (month.forecast) {
                row.push_back(EstimateText(*month.forecast));
                row.push_back(month.lower ? Cell{EstimateText(*month.lower)} : Cell{});
                row.push_back(month.upper ? Cell{EstimateText(*month.upper)} : Cell{});
            } else {
                row.insert(row.end(), 3, Cell{});
            }
            row.push_back(month.actual ? Cell{month.actual->ToString()} : Cell{});
            row.push_back(month.naive ? Cell{EstimateText(*month.naive)} : Cell{});
            row.insert(row.end(), {mape, naive, bias, daily, daily_naive, Cell{kind},
                                   month.method.empty() ? Cell{} : Cell{month.method},
                                   month.change.empty() ? Cell{} : Cell{month.change}, Cell{series.currency}});
            table.rows.push_back(std::move(row));
        }
    }
    AlignDecimals(table);
    table.title = fmt::format("cost per {} and month, forecast {} month(s) after {} with the back-test's MAPE "
                              "(monthly, rolling origin) beside the naive seasonal baseline's; 80 % interval",
                              options.by, options.horizon_months, forecast.last_day);
    return table;
}

} // namespace crosswalk::report
