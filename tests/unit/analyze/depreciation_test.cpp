// Depreciation schedules against hand computations: straight line (even, with salvage and rounding), double
// declining balance with the switch to straight line, declining balance that salvage stops, 150% over a part
// year, the mid-month and next-month conventions, and a retirement that writes off the rest.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "crosswalk/analyze/depreciation.hpp"
#include "crosswalk/common/error.hpp"
#include "crosswalk/common/money.hpp"

namespace crosswalk::analyze {
namespace {

DepreciableAsset Asset(std::string_view cost, std::string_view salvage, int months, MonthIndex in_service) {
    DepreciableAsset asset;
    asset.cost = Decimal::Parse(cost);
    asset.salvage = Decimal::Parse(salvage);
    asset.useful_life_months = months;
    asset.in_service = in_service;
    return asset;
}

// "2026-01 333.33" per month.
std::vector<std::string> Months(const DepreciationSchedule& schedule, int scale = 2) {
    std::vector<std::string> lines;
    for (const DepreciationMonth& month : schedule.months) {
        lines.push_back(fmt::format("{:04}-{:02} {}", month.month / 12, month.month % 12 + 1,
                                    money::FromUnits(month.amount, scale).ToString()));
    }
    return lines;
}

// The amounts of each year of service (12 months each from the first).
std::vector<std::string> Years(const DepreciationSchedule& schedule) {
    std::vector<std::string> years;
    Int128 sum = 0;
    for (size_t i = 0; i < schedule.months.size(); ++i) {
        sum += schedule.months[i].amount;
        if ((i + 1) % 12 == 0 || i + 1 == schedule.months.size()) {
            years.push_back(money::FromUnits(sum, 2).ToString());
            sum = 0;
        }
    }
    return years;
}

TEST(DepreciationTest, StraightLineIsEvenAndEndsAtCost) {
    // The demo's ESX host: 18,450.00 over 60 months from February 2024, 307.50 a month to January 2029.
    const DepreciationSchedule schedule =
        Schedule(Asset("18450.00", "0", 60, ToMonthIndex(2024, 2)), DepreciationConvention::kFullMonth);
    ASSERT_EQ(schedule.months.size(), 60U);
    EXPECT_EQ(Months(schedule).front(), "2024-02 307.50");
    EXPECT_EQ(Months(schedule).back(), "2029-01 307.50");
    EXPECT_EQ(schedule.months.back().accumulated, 1845000);
    EXPECT_EQ(schedule.months.back().book_value, 0);
    EXPECT_EQ(schedule.written_off, 0);
}

TEST(DepreciationTest, StraightLineRoundsTheRunningTotalSoTheMonthsAddUp) {
    // (1000 - 100) / 7 = 128.571428...: each month is its share of the running total, rounded to the cent.
    const DepreciationSchedule schedule =
        Schedule(Asset("1000", "100", 7, ToMonthIndex(2026, 1)), DepreciationConvention::kFullMonth);
    EXPECT_EQ(Months(schedule),
              (std::vector<std::string>{"2026-01 128.57", "2026-02 128.57", "2026-03 128.57", "2026-04 128.58",
                                        "2026-05 128.57", "2026-06 128.57", "2026-07 128.57"}));
    EXPECT_EQ(schedule.months.back().book_value, 10000); // the salvage, 100.00
}

TEST(DepreciationTest, DoubleDecliningSwitchesToStraightLine) {
    // 10,000 over 5 years at 2 / 5 = 40% of book value: 4000, 2400, 1440; in year 4 straight line on the
    // 2160 left over 2 years (1080) beats 40% (864), so 1080 and 1080.
    DepreciableAsset asset = Asset("10000", "0", 60, ToMonthIndex(2026, 1));
    asset.method = DepreciationMethod::kDecliningBalance;
    const DepreciationSchedule schedule = Schedule(asset, DepreciationConvention::kFullMonth);
    EXPECT_EQ(Years(schedule), (std::vector<std::string>{"4000.00", "2400.00", "1440.00", "1080.00", "1080.00"}));
    EXPECT_EQ(Months(schedule)[0], "2026-01 333.33");
    EXPECT_EQ(Months(schedule)[1], "2026-02 333.34");
    EXPECT_EQ(Months(schedule)[2], "2026-03 333.33");
}

TEST(DepreciationTest, DecliningBalanceStopsAtSalvage) {
    // Salvage 1000 is not deducted up front: 4000, 2400, 1440, 864 (straight line on 1160 over 2 years is only
    // 580), and the last year what is left above salvage, 296.
    DepreciableAsset asset = Asset("10000", "1000", 60, ToMonthIndex(2026, 1));
    asset.method = DepreciationMethod::kDecliningBalance;
    const DepreciationSchedule schedule = Schedule(asset, DepreciationConvention::kFullMonth);
    EXPECT_EQ(Years(schedule), (std::vector<std::string>{"4000.00", "2400.00", "1440.00", "864.00", "296.00"}));
    EXPECT_EQ(schedule.months.back().book_value, 100000);
}

TEST(DepreciationTest, OneAndAHalfDecliningOverAPartYear) {
    // 9,000 over 30 months at 1.5 / 2.5 years = 60%: year 1 5400; year 2 60% of 3600 is 2160 < 3600 / 1.5 years
    // = 2400, so 2400; the last half year 1200.
    DepreciableAsset asset = Asset("9000", "0", 30, ToMonthIndex(2026, 1));
    asset.method = DepreciationMethod::kDecliningBalance;
    asset.factor = Decimal::Parse("1.5");
    EXPECT_EQ(Years(Schedule(asset, DepreciationConvention::kFullMonth)),
              (std::vector<std::string>{"5400.00", "2400.00", "1200.00"}));
}

TEST(DepreciationTest, MidMonthAndNextMonthConventions) {
    // 1,200 over 12 months placed in service on 15 January: mid-month gives half a month in January and the
    // other half in January a year later; next month starts in February.
    const DepreciableAsset asset = Asset("1200", "0", 12, ToMonthIndex(2026, 1));
    const std::vector<std::string> mid = Months(Schedule(asset, DepreciationConvention::kMidMonth));
    ASSERT_EQ(mid.size(), 13U);
    EXPECT_EQ(mid.front(), "2026-01 50.00");
    EXPECT_EQ(mid[1], "2026-02 100.00");
    EXPECT_EQ(mid.back(), "2027-01 50.00");
    const std::vector<std::string> next = Months(Schedule(asset, DepreciationConvention::kNextMonth));
    ASSERT_EQ(next.size(), 12U);
    EXPECT_EQ(next.front(), "2026-02 100.00");
    EXPECT_EQ(next.back(), "2027-01 100.00");
}

TEST(DepreciationTest, RetirementEndsTheScheduleAndWritesOffTheRest) {
    DepreciableAsset asset = Asset("1200", "0", 12, ToMonthIndex(2026, 1));
    asset.retired = ToMonthIndex(2026, 6); // the month of retirement still depreciates
    const DepreciationSchedule schedule = Schedule(asset, DepreciationConvention::kFullMonth);
    EXPECT_EQ(schedule.months.size(), 6U);
    EXPECT_EQ(schedule.months.back().accumulated, 60000);
    EXPECT_EQ(schedule.written_off, 60000);
}

TEST(DepreciationTest, ZeroDecimalCurrenciesAndBadInputs) {
    DepreciableAsset yen = Asset("100000", "0", 3, ToMonthIndex(2026, 1));
    yen.scale = 0;
    EXPECT_EQ(Months(Schedule(yen, DepreciationConvention::kFullMonth), 0),
              (std::vector<std::string>{"2026-01 33333", "2026-02 33334", "2026-03 33333"}));
    EXPECT_THROW((void)Schedule(Asset("100", "0", 0, 0), DepreciationConvention::kFullMonth), Error);
    EXPECT_THROW((void)Schedule(Asset("100", "200", 12, 0), DepreciationConvention::kFullMonth), Error);
    DepreciableAsset zero_factor = Asset("100", "0", 12, 0);
    zero_factor.method = DepreciationMethod::kDecliningBalance;
    zero_factor.factor = Decimal(0, 0);
    EXPECT_THROW((void)Schedule(zero_factor, DepreciationConvention::kFullMonth), Error);
}

} // namespace
} // namespace crosswalk::analyze
