// The forecasting model against hand computations: the initial state from two weeks, one filter step, the damped
// forecast sum, the naive seasonal back-test of a trending series (490 / 3962 off), the monthly carry, and a
// history too short to fit.
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "crosswalk/analyze/forecast.hpp"

namespace crosswalk::analyze::forecast {
namespace {

constexpr double kWeekday[kSeason] = {5, -3, 2, 0, -4, 6, -6}; // sums to 0

// 100 + day + a weekly pattern.
std::vector<double> TrendingSeries(int days) {
    std::vector<double> values;
    for (int day = 0; day < days; ++day) {
        values.push_back(100 + day + kWeekday[day % kSeason]);
    }
    return values;
}

TEST(ForecastTest, InitialStateSeparatesTheTrendFromTheSeason) {
    const std::vector<double> values = TrendingSeries(14);
    const State state = InitialState(values);
    // Week means 103 and 110: slope 1 a day; the line at day 13 is 113.
    EXPECT_DOUBLE_EQ(state.trend, 1.0);
    EXPECT_DOUBLE_EQ(state.level, 113.0);
    for (int day = 0; day < kSeason; ++day) {
        EXPECT_DOUBLE_EQ(state.season[day], kWeekday[day]) << day;
    }
    EXPECT_EQ(state.next_day, 14);
}

TEST(ForecastTest, OneFilterStepByHand) {
    State state;
    state.level = 100;
    state.trend = 2;
    state.season[3] = 10;
    state.next_day = 10; // weekday 3
    const Parameters parameters{0.5, 0.25, 0.2, 0.9};
    // Forecast 100 + 0.9 * 2 + 10 = 111.8; observed 121.8: error 10.
    EXPECT_DOUBLE_EQ(Update(state, parameters, 121.8), 10.0);
    // level = 0.5 * (121.8 - 10) + 0.5 * (100 + 1.8) = 106.8
    EXPECT_DOUBLE_EQ(state.level, 106.8);
    // trend = 0.25 * (106.8 - 100) + 0.75 * 1.8 = 3.05
    EXPECT_NEAR(state.trend, 3.05, 1e-12);
    // season = 0.2 * (121.8 - 106.8) + 0.8 * 10 = 11
    EXPECT_NEAR(state.season[3], 11.0, 1e-12);
    EXPECT_EQ(state.next_day, 11);
}

TEST(ForecastTest, ForecastSumDampsTheTrend) {
    State state;
    state.level = 50;
    state.trend = 10;
    state.season[0] = 1;
    state.season[1] = -1;
    state.next_day = 7; // weekday 0
    const Parameters parameters{0.1, 0.1, 0.1, 0.5};
    // Day 1: 50 + 0.5 * 10 + 1 = 56; day 2: 50 + 0.75 * 10 - 1 = 56.5.
    EXPECT_DOUBLE_EQ(ForecastSum(state, parameters, 0, 2), 112.5);
    // Skipping the first day: day 2 only.
    EXPECT_DOUBLE_EQ(ForecastSum(state, parameters, 1, 1), 56.5);
    const std::vector<double> days = ForecastDays(state, parameters, 2);
    ASSERT_EQ(days.size(), 2U);
    EXPECT_DOUBLE_EQ(days[0], 56.0);
    EXPECT_DOUBLE_EQ(days[1], 56.5);
}

TEST(ForecastTest, BacktestOfATrendingSeriesBeatsTheNaiveBaseline) {
    // Two "months" of 28 days; only the second has 28 days of history before it.
    const std::vector<double> values = TrendingSeries(56);
    const std::vector<int> with_end = {0, 28, 56};
    ForecastInput input;
    input.values = values;
    input.month_starts = with_end;
    input.horizon_days = 7;
    input.min_training_days = 28;
    const SeriesForecast forecast = ForecastSeries(input);
    ASSERT_TRUE(forecast.modeled);
    ASSERT_EQ(forecast.months.size(), 1U);
    const BacktestMonth& month = forecast.months[0];
    EXPECT_EQ(month.first_day, 28);
    EXPECT_EQ(month.days, 28);
    // Actual: 28 * 100 + (28 + ... + 55) + 4 * 0 = 2800 + 1162 = 3962.
    EXPECT_DOUBLE_EQ(month.actual, 3962.0);
    // The naive forecast repeats days 21..27: each week k of the month falls 7 * (k + 1) a day short,
    // 7 * (7 + 14 + 21 + 28) = 490 in all.
    EXPECT_DOUBLE_EQ(month.naive, 3962.0 - 490.0);
    EXPECT_DOUBLE_EQ(forecast.mape_naive, 490.0 / 3962.0);
    // The model follows the trend, damped (phi 0.98: 28 days ahead carry 20.4 days of it): 2.9 % under where
    // the baseline is 12.4 % under.
    EXPECT_LT(forecast.mape, 0.03);
    EXPECT_LT(forecast.bias, 0);
    EXPECT_NEAR(forecast.bias, -forecast.mape, 1e-12);
    // Day by day, the naive forecast of day 28 + k is k's week's shortfall, 7 * (k / 7 + 1), below the actual.
    double ape = 0;
    for (int k = 0; k < 28; ++k) {
        ape += 7.0 * (k / 7 + 1) / (100 + 28 + k + kWeekday[(28 + k) % kSeason]);
    }
    EXPECT_NEAR(forecast.mape_daily_naive, ape / 28, 1e-12);
    EXPECT_LT(forecast.mape_daily, forecast.mape_daily_naive);
    ASSERT_EQ(forecast.daily.size(), 7U);
    EXPECT_NEAR(forecast.daily[0], 100 + 56 + kWeekday[0], 1.5);
}

TEST(ForecastTest, AfterABreakTheForecastFollowsTheNewLevel) {
    // 100 a day for ten weeks, then 160: whichever candidate the checks choose, a month ahead is near 160 a day,
    // not the history's mean.
    std::vector<double> values(70, 100.0);
    values.insert(values.end(), 21, 160.0);
    for (size_t day = 0; day < values.size(); ++day) {
        values[day] += kWeekday[day % kSeason] / 5;
    }
    ForecastInput input;
    input.values = values;
    input.horizon_days = 28;
    const SeriesForecast forecast = ForecastSeries(input);
    double sum = 0;
    for (double day : forecast.daily) {
        sum += day;
    }
    EXPECT_NEAR(sum / 28, 160.0, 5.0) << MethodOf(forecast);
}

TEST(ForecastTest, CostBilledPerMonthIsCarriedFromTheMonthBefore) {
    const std::vector<double> values(84, 10.0);
    const std::vector<int> month_starts = {0, 28, 56, 84};
    const std::vector<double> carry = {500, 700, 900};
    ForecastInput input;
    input.values = values;
    input.month_starts = month_starts;
    input.monthly_carry = carry;
    input.min_training_days = 28;
    const SeriesForecast forecast = ForecastSeries(input);
    ASSERT_EQ(forecast.months.size(), 2U);
    EXPECT_DOUBLE_EQ(forecast.months[0].actual, 280.0 + 700.0);
    EXPECT_DOUBLE_EQ(forecast.months[0].forecast, 280.0 + 500.0);
    EXPECT_DOUBLE_EQ(forecast.months[1].forecast, 280.0 + 700.0);
    EXPECT_DOUBLE_EQ(forecast.months[1].actual, 280.0 + 900.0);
    // |980 - 780| / 980 and |1180 - 980| / 1180, averaged.
    EXPECT_NEAR(forecast.mape, (200.0 / 980.0 + 200.0 / 1180.0) / 2, 1e-12);
}

TEST(ForecastTest, TooShortAHistoryForecastsTheLastWeeksMean) {
    const std::vector<double> values = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    ForecastInput input;
    input.values = values;
    input.horizon_days = 3;
    const SeriesForecast forecast = ForecastSeries(input);
    EXPECT_FALSE(forecast.modeled);
    EXPECT_EQ(forecast.mape, -1);
    ASSERT_EQ(forecast.daily.size(), 3U);
    EXPECT_DOUBLE_EQ(forecast.daily[0], 7.0); // mean of 4..10
}

} // namespace
} // namespace crosswalk::analyze::forecast
