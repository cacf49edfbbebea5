// The anomaly detector on series built by hand: a three-day spike found with its days, cost and expected cost;
// a lasting rise reported as a level shift and then taken as the new normal; a ramp and noise not flagged; a
// steady weekly growth found as a trend with its rate, and a flat series not.
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "crosswalk/analyze/anomaly.hpp"

namespace crosswalk::analyze::anomaly {
namespace {

// 100 a day, +-3 in a fixed pattern.
std::vector<double> Flat(int days) {
    std::vector<double> values;
    for (int day = 0; day < days; ++day) {
        values.push_back(100 + (day % 3 == 0 ? 3 : day % 3 == 1 ? -3 : 0));
    }
    return values;
}

TEST(AnomalyTest, AThreeDaySpikeIsFoundWithItsCostAboveExpected) {
    std::vector<double> values = Flat(60);
    values[40] = values[41] = values[42] = 600;
    std::vector<double> expected;
    const std::vector<Spike> spikes = DetectSpikes(values, 0, Settings{}, &expected);
    ASSERT_EQ(spikes.size(), 1U);
    EXPECT_EQ(spikes[0].first_day, 40);
    EXPECT_EQ(spikes[0].last_day, 42);
    EXPECT_FALSE(spikes[0].shift);
    EXPECT_DOUBLE_EQ(spikes[0].cost, 1800);
    // The 28 days before: halves with the same median (100): no slope, expected 100 a day, the spike replaced
    // by it, so its second and third days expect 100 too.
    EXPECT_DOUBLE_EQ(spikes[0].expected, 300);
    EXPECT_DOUBLE_EQ(expected[43], 100);
    EXPECT_EQ(expected[5], 0); // not judged in the first 14 days
}

TEST(AnomalyTest, ALastingRiseIsALevelShiftAndThenTheNewNormal) {
    std::vector<double> values = Flat(80);
    for (int day = 40; day < 80; ++day) {
        values[static_cast<size_t>(day)] += 100;
    }
    const std::vector<Spike> spikes = DetectSpikes(values, 0, Settings{});
    ASSERT_EQ(spikes.size(), 1U);
    EXPECT_TRUE(spikes[0].shift);
    EXPECT_EQ(spikes[0].first_day, 40);
    EXPECT_EQ(spikes[0].last_day, 46);
    EXPECT_NEAR(spikes[0].cost - spikes[0].expected, 700, 10);
}

TEST(AnomalyTest, ARampAndNoiseAreNotAnomalies) {
    std::vector<double> ramp;
    for (int day = 0; day < 120; ++day) {
        ramp.push_back(100 * std::pow(1.01, day) + (day % 2 == 0 ? 4 : -4));
    }
    EXPECT_TRUE(DetectSpikes(ramp, 0, Settings{}).empty());
    EXPECT_TRUE(DetectSpikes(Flat(120), 0, Settings{}).empty());
}

TEST(AnomalyTest, NothingIsJudgedBeforeTheFirstLineAndTwoWeeksOfHistory) {
    std::vector<double> values(20, 0.0);
    std::vector<double> later = Flat(30);
    values.insert(values.end(), later.begin(), later.end());
    values[25] = 900; // six days after the first line: too early to judge
    EXPECT_TRUE(DetectSpikes(values, 20, Settings{}).empty());
}

TEST(AnomalyTest, ASteadyWeeklyGrowthIsATrend) {
    std::vector<double> values;
    for (int day = 0; day < 140; ++day) {
        values.push_back(100 * std::pow(1.02, day / 7)); // +2 % each week
    }
    const std::optional<Trend> trend = DetectTrend(values, 0, Settings{});
    ASSERT_TRUE(trend.has_value());
    EXPECT_EQ(trend->weeks, 20);
    EXPECT_NEAR(trend->weekly_growth, 0.02, 1e-9);
    EXPECT_NEAR(trend->r_squared, 1.0, 1e-9);
    EXPECT_NEAR(trend->first_week, 700, 1e-6);
    EXPECT_FALSE(DetectTrend(Flat(140), 0, Settings{}).has_value());
    // Too short to call a trend: seven whole weeks.
    values.resize(49);
    EXPECT_FALSE(DetectTrend(values, 0, Settings{}).has_value());
}

} // namespace
} // namespace crosswalk::analyze::anomaly
