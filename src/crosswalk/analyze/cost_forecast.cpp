#include "crosswalk/analyze/cost_forecast.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "crosswalk/analyze/daily_cost.hpp"
#include "crosswalk/analyze/forecast.hpp"
#include "crosswalk/common/error.hpp"
#include "crosswalk/common/text.hpp"
#include "crosswalk/store/prepared_statement.hpp"
#include "crosswalk/store/sql_quote.hpp"

namespace crosswalk::analyze::forecast {
namespace {

namespace chrono = std::chrono;

// The 80 % two-sided interval's multiplier of the back-test's root mean square error: Student's t at 0.90 for
// the months tested (the error's scale is estimated from them), the normal's 1.2816 from 30 on.
double IntervalMultiplier(size_t months) {
    static constexpr double kT90[] = {3.078, 1.886, 1.638, 1.533, 1.476, 1.440, 1.415, 1.397, 1.383, 1.372,
                                      1.363, 1.356, 1.350, 1.345, 1.341, 1.337, 1.333, 1.330, 1.328, 1.325};
    if (months == 0) {
        return 0;
    }
    return months <= std::size(kT90) ? kT90[months - 1] : months < 30 ? 1.31 : 1.2816;
}

const std::map<std::string, std::string, std::less<>>& SeriesExpressions() {
    static const std::map<std::string, std::string, std::less<>> kExpressions = {
        {"provider", "ProviderName"},
        {"account", "concat_ws(' ', ProviderName, coalesce(SubAccountId, BillingAccountId))"},
        {"service", "concat_ws(' / ', ProviderName, ServiceName)"},
        {"application", "application"},
        {"cost_center", "cost_center"},
        {"business_unit", "business_unit"},
    };
    return kExpressions;
}

} // namespace

const std::vector<std::string>& ForecastDimensions() {
    static const std::vector<std::string> kDimensions = {"provider",    "account",     "service",
                                                         "application", "cost_center", "business_unit"};
    return kDimensions;
}

std::vector<rules::RuleWarning> CheckForecastChanges(store::Connection& connection, const rules::BudgetRules& rules) {
    std::vector<rules::RuleWarning> warnings;
    for (const rules::ForecastChange& change : rules.changes) {
        const auto expression = SeriesExpressions().find(change.by);
        if (expression == SeriesExpressions().end()) {
            continue; // the parser allows only the dimensions above
        }
        const int64_t lines =
            connection
                .Prepare(fmt::format("SELECT count(*) FROM (SELECT 1 FROM cost_line_enriched WHERE coalesce(CAST({} "
                                     "AS VARCHAR), '(unassigned)') = ? LIMIT 1)",
                                     expression->second))
                .Execute(change.series)
                .ScalarInt64()
                .value_or(0);
        if (lines == 0) {
            warnings.push_back(rules::RuleWarning{
                change.where, fmt::format("no cost line has {} '{}': this change moves no forecast (the series are "
                                          "what `crosswalk report forecast --by {}` lists)",
                                          change.by, change.series, change.by)});
        }
    }
    return warnings;
}

CostForecast ForecastCost(store::Connection& connection, const CostForecastOptions& options) {
    const auto expression = SeriesExpressions().find(options.by);
    if (expression == SeriesExpressions().end()) {
        Throw(ErrorKind::kInvalidInput, "cannot forecast by '{}'; the dimensions are: {}", options.by,
              Join(ForecastDimensions()));
    }
    if (options.horizon_months < 0 || options.horizon_months > 36) {
        Throw(ErrorKind::kInvalidInput, "the horizon is 0 to 36 months, not {}", options.horizon_months);
    }
    const DailyCost cost = LoadDailyCost(connection, {expression->second}, options.last_day, options.with_total);

    // The window: the history's months, then the horizon's.
    const int32_t first_day = cost.first_day;
    const int32_t last_day = cost.last_day;
    const chrono::year_month last_month = cost.months.back();
    const chrono::year_month end_month = last_month + chrono::months(options.horizon_months);
    std::vector<chrono::year_month> months = cost.months;
    for (chrono::year_month month = last_month + chrono::months(1); month <= end_month; month += chrono::months(1)) {
        months.push_back(month);
    }
    const int history_months = static_cast<int>(cost.months.size());
    const auto start_of = [&](size_t m) {
        return DayNumber(months[m] / 1) - first_day;
    };
    const int history_days = cost.Days();
    const int horizon_days = DayNumber(end_month / chrono::last) - last_day;

    CostForecast forecast;
    forecast.last_day = DayText(last_day);
    // The deltas the known changes made, per currency and month, for the series "(all)".
    std::map<std::string, std::vector<double>> change_delta;
    for (const DailyCostSeries& series : cost.series) {
        const bool total = series.IsTotal();
        CostSeriesForecast out;
        out.series = total ? "(all)" : series.key[0];
        out.currency = series.currency;

        // The model sees the series from its first line on.
        const int offset = std::max(series.first_line, 0);
        std::vector<int> month_starts;
        std::vector<double> carry;
        std::vector<size_t> month_of_start;
        // Each month of the history's first day, and the day after the history's last month (the end of the last
        // month tested, whatever the horizon).
        for (size_t m = 0; static_cast<int>(m) <= history_months; ++m) {
            const int start =
                (static_cast<int>(m) < history_months ? start_of(m)
                                                      : DayNumber((last_month + chrono::months(1)) / 1) - first_day) -
                offset;
            if (start >= 0) {
                month_starts.push_back(start);
                carry.push_back(static_cast<int>(m) < history_months ? series.monthly[m] : 0.0);
                month_of_start.push_back(m);
            }
        }
        ForecastInput input;
        input.values = std::span<const double>(series.daily).subspan(static_cast<size_t>(offset));
        input.month_starts = month_starts;
        input.monthly_carry = carry;
        input.horizon_days = horizon_days;
        const SeriesForecast model = ForecastSeries(input);
        out.mape = model.mape;
        out.mape_naive = model.mape_naive;
        out.mape_daily = model.mape_daily;
        out.mape_daily_naive = model.mape_daily_naive;
        out.bias = model.bias;
        const bool billed_daily =
            std::any_of(series.daily.begin(), series.daily.end(), [](double value) { return value != 0; });
        out.method = billed_daily ? MethodOf(model) : "billed monthly: the last complete month's cost carried";
        // No month tested: no measured error, so no interval.
        const double interval = model.months.empty() ? 0.0 : IntervalMultiplier(model.months.size()) * model.rmse_month;
        const bool non_negative =
            std::all_of(series.daily.begin(), series.daily.end(), [](double value) { return value >= 0; });

        // The last complete month's cost billed per month, carried ahead.
        const size_t last_history = static_cast<size_t>(history_months - 1);
        const bool last_complete = DayNumber(last_month / chrono::last) == last_day;
        const size_t carried_month = last_complete || last_history == 0 ? last_history : last_history - 1;
        const double carried = series.monthly[carried_month];

        std::map<size_t, const BacktestMonth*> backtested;
        for (const BacktestMonth& month : model.months) {
            for (size_t s = 0; s < month_starts.size(); ++s) {
                if (month_starts[s] == month.first_day) {
                    backtested[month_of_start[s]] = &month;
                }
            }
        }
        std::vector<double>& deltas = change_delta[series.currency];
        deltas.resize(months.size(), 0.0);
        for (size_t m = 0; m < months.size(); ++m) {
            MonthForecast month;
            month.period = MonthText(months[m]);
            const int begin = std::max(start_of(m), 0);
            const int end = m + 1 < months.size() ? start_of(m + 1) : history_days + horizon_days;
            const bool ahead = begin >= history_days;
            const bool partial = !ahead && end > history_days;
            if (!ahead) {
                month.actual = series.actual[m];
            }
            double ahead_cost = 0; // what the model adds after the last day
            int months_ahead = 0;
            if (ahead || partial) {
                const int from = std::max(begin, history_days) - history_days;
                const int to = end - history_days;
                for (int day = from; day < to; ++day) {
                    ahead_cost += model.daily[static_cast<size_t>(day)];
                }
                if (ahead || !series.monthly_billed[m]) {
                    ahead_cost += carried;
                }
                months_ahead = static_cast<int>(m) - static_cast<int>(last_history) + (last_complete ? 0 : 1);
                // Known changes, applied to what the model adds.
                double delta = 0;
                for (const rules::ForecastChange& change : options.changes) {
                    if (total || change.by != options.by || change.series != out.series || month.period < change.from ||
                        (!change.until.empty() && month.period > change.until)) {
                        continue;
                    }
                    const double before = ahead_cost + delta;
                    if (change.percent) {
                        delta += before * ToDouble(*change.percent) / 100.0;
                    } else {
                        delta += ToDouble(*change.amount) * (to - from) / (end - begin);
                    }
                    month.change += (month.change.empty() ? "" : ", ") + change.where.Provenance();
                }
                if (!total) {
                    deltas[m] += delta;
                }
                ahead_cost += delta;
                const double spread = interval * std::sqrt(std::max(months_ahead, 1)) *
                                      (partial ? std::sqrt(static_cast<double>(to - from) / (end - begin)) : 1.0);
                const double to_date = partial ? ToDouble(series.actual[m]) : 0.0;
                month.forecast = to_date + ahead_cost;
                if (!model.months.empty()) {
                    month.lower = to_date + ahead_cost - spread;
                    month.upper = to_date + ahead_cost + spread;
                }
                month.partial = partial;
                month.method = out.method;
            } else if (const auto found = backtested.find(m); found != backtested.end()) {
                month.backtest = true;
                month.forecast = found->second->forecast;
                month.naive = found->second->naive;
                month.method = billed_daily ? found->second->method : out.method;
                month.lower = found->second->forecast - interval;
                month.upper = found->second->forecast + interval;
            }
            if (non_negative && month.lower) {
                month.lower = std::max(0.0, *month.lower);
            }
            if (end <= offset && !ahead) {
                continue; // before the series' first line
            }
            out.months.push_back(std::move(month));
        }
        forecast.series.push_back(std::move(out));
    }
    // "(all)" moves by every series' deltas, known only once they are all built.
    for (CostSeriesForecast& series : forecast.series) {
        if (series.series != "(all)") {
            continue;
        }
        const std::vector<double>& deltas = change_delta[series.currency];
        for (size_t m = 0, i = 0; m < months.size() && i < series.months.size(); ++m) {
            MonthForecast& month = series.months[i];
            if (month.period != MonthText(months[m])) {
                continue;
            }
            ++i;
            if (deltas[m] != 0 && month.forecast && (!month.actual || month.partial)) {
                *month.forecast += deltas[m];
                if (month.lower) {
                    *month.lower += deltas[m];
                    *month.upper += deltas[m];
                }
                month.change = "known changes of its series";
            }
        }
    }
    // Largest actual first within a currency; the bill's total last.
    const auto weight = [](const CostSeriesForecast& series) {
        double sum = 0;
        for (const MonthForecast& month : series.months) {
            sum += month.actual ? ToDouble(*month.actual) : 0;
        }
        return sum;
    };
    std::stable_sort(forecast.series.begin(), forecast.series.end(),
                     [&](const CostSeriesForecast& a, const CostSeriesForecast& b) {
                         if (a.currency != b.currency) {
                             return a.currency < b.currency;
                         }
                         if ((a.series == "(all)") != (b.series == "(all)")) {
                             return b.series == "(all)";
                         }
                         const double wa = weight(a);
                         const double wb = weight(b);
                         return wa != wb ? wa > wb : a.series < b.series;
                     });
    return forecast;
}

} // namespace crosswalk::analyze::forecast
