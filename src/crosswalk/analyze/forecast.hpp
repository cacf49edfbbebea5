// Forecasting daily cost (docs/forecasts.md): additive Holt-Winters with a damped trend and a weekly season,
// its parameters chosen on the history before each forecast origin, back-tested month by month from rolling
// origins against the naive seasonal baseline (last week repeated).
//
// Written here rather than taken from a library: Debian ships no C or C++ ETS/Holt-Winters library (R's
// `forecast` and Python's statsmodels are not linkable), and the rolling-origin back-test shares one filter pass
// per parameter set across all origins, which a generic fitting library would redo per origin.
//
// The model runs on doubles: a forecast is an estimate, not an amount that must reconcile. Actual amounts stay
// exact decimals in the reports; a forecast is rounded to the cent once, when shown.
#pragma once

#include <span>
#include <string>
#include <vector>

namespace crosswalk::analyze::forecast {

// Smoothing of level, trend and season, and the trend's damping.
struct Parameters {
    double alpha = 0;
    double beta = 0;
    double gamma = 0;
    double phi = 1;       // 0: no trend (the level and season only)
    bool seasonal = true; // false: no weekly season (simple or trended exponential smoothing)
};

inline constexpr int kSeason = 7;

// The state of the filter after a day: the next day is forecast as level + phi * trend + season[its weekday].
struct State {
    double level = 0;
    double trend = 0;
    double season[kSeason] = {};
    int next_day = 0; // the index of the day the state forecasts next
};

// The state after the first two weeks of `values` (at least 2 * kSeason days), from the line through the two
// weeks' means: trend its slope, season each weekday's mean distance from it, level its value on day 13.
[[nodiscard]] State InitialState(std::span<const double> values);

// One filter step: the state after observing `value` on state.next_day. Returns the one-step error.
double Update(State& state, const Parameters& parameters, double value);

// The sum of the forecasts for days [state.next_day + skip, state.next_day + skip + days).
[[nodiscard]] double ForecastSum(const State& state, const Parameters& parameters, int skip, int days);

// The daily forecasts for the `days` after the state.
[[nodiscard]] std::vector<double> ForecastDays(const State& state, const Parameters& parameters, int days);

// The models and parameter sets tried: with or without the weekly season, with no trend or a damped one (phi
// 0.98, beta 0.02 or 0.1), alpha and gamma on a grid. A grid, so a fit is deterministic and costs the same on
// every series; the choice between models is the same as between parameters (the errors before the origin).
[[nodiscard]] std::span<const Parameters> ParameterGrid();

// The model and its parameters in words: "holt-winters, damped trend, weekly season (alpha 0.2, ...)".
[[nodiscard]] std::string Describe(const Parameters& parameters);

// A month of the back-test: the forecast made at its first day from the history before it.
struct BacktestMonth {
    int first_day = 0; // index into the series
    int days = 0;
    double forecast = 0;
    double naive = 0; // the naive seasonal baseline's forecast: the week before the origin repeated
    double actual = 0;
    std::string method; // the candidate chosen at the origin (MethodOf)
};

// Which candidate made a forecast: the smoothing model, the model averaged with the naive seasonal forecast,
// or the naive seasonal forecast alone.
enum class Combination { kModel, kWithNaive, kNaive, kLocalLevel, kLocalLevelWeekly };

struct SeriesForecast {
    Parameters parameters; // chosen on the whole history, for the forecast ahead
    Combination combination = Combination::kModel;
    std::vector<double> daily;         // the forecast for each day after the history
    std::vector<BacktestMonth> months; // the back-tested months, in order
    double mape = -1;                  // mean over months of |actual - forecast| / |actual|; -1: none to test
    double mape_naive = -1;            // the same for the naive seasonal baseline
    double mape_daily = -1;            // mean over the back-tested days of |actual - forecast| / |actual| (cost billed
                                       // per day only; days without cost left out)
    double mape_daily_naive = -1;      // the same for the naive seasonal baseline
    double bias = 0;                   // (sum of forecasts - sum of actuals) / sum of actuals
    double rmse_month = 0;             // root mean square of the months' errors (the interval's scale)
    bool modeled = false;              // false: too short a history; `daily` repeats the last week's mean
};

// Forecasts `horizon_days` after `values` (one value per day) and back-tests every month that starts at one of
// `month_starts` (indices into values, ascending), after at least `min_training_days` of history and ending
// inside it. `monthly_carry[i]` is the cost billed per month (not per day) in the month starting at
// month_starts[i]: the back-test forecasts it as the month before's value and adds it to both sides.
struct ForecastInput {
    std::span<const double> values;
    std::span<const int> month_starts;
    std::span<const double> monthly_carry; // empty, or one per month start
    int horizon_days = 0;
    int min_training_days = 56; // eight weeks of history before the first month tested
};

[[nodiscard]] SeriesForecast ForecastSeries(const ForecastInput& input);

// The method of a forecast in words, for the reports' `method` column.
[[nodiscard]] std::string MethodOf(const SeriesForecast& forecast);

} // namespace crosswalk::analyze::forecast
