// Exact money arithmetic in C++: minor units, products, quotients, rounding and largest-remainder splits,
// with property tests over random pools and weights.
#include <random>

#include <gtest/gtest.h>

#include "crosswalk/common/error.hpp"
#include "crosswalk/common/money.hpp"
#include "crosswalk/ingest/focus/currency_codes.hpp"

namespace crosswalk {
namespace {

Decimal D(std::string_view text) {
    return Decimal::Parse(text);
}

std::string Units(const std::vector<Int128>& parts) {
    std::string text;
    for (const Int128 part : parts) {
        text += (text.empty() ? "" : " ") + Int128ToString(part);
    }
    return text;
}

TEST(MoneyTest, MinorUnitsFollowIso4217) {
    EXPECT_EQ(money::MinorUnits("JPY"), 0);
    EXPECT_EQ(money::MinorUnits("KRW"), 0);
    EXPECT_EQ(money::MinorUnits("USD"), 2);
    EXPECT_EQ(money::MinorUnits("EUR"), 2);
    EXPECT_EQ(money::MinorUnits("BHD"), 3);
    EXPECT_EQ(money::MinorUnits("KWD"), 3);
    EXPECT_EQ(money::MinorUnits("CLF"), 4);
    EXPECT_EQ(money::MinorUnits("XAU"), std::nullopt);
    EXPECT_THROW((void)money::MinorUnits("usd"), Error);
    EXPECT_THROW((void)money::MinorUnits("US"), Error);
    // Every code FOCUS accepts resolves; the table only lists codes ISO 4217 has.
    for (const std::string_view code : ingest::focus::CurrencyCodes()) {
        const std::optional<int> units = money::MinorUnits(code);
        EXPECT_TRUE(!units || (*units >= 0 && *units <= 4)) << code;
    }
    EXPECT_EQ(money::MinorUnitTable().size(), 39U);
}

TEST(MoneyTest, LargeProductIsExact) {
    // 123456789012.345678 x 98765.4321, by hand: 12193263112482853.1222374638 (6 + 4 decimals).
    const Decimal product = money::Multiply(D("123456789012.345678"), D("98765.4321"), 10);
    EXPECT_EQ(product.ToString(), "12193263112482853.1222374638");
    EXPECT_EQ(money::Multiply(D("123456789012.345678"), D("98765.4321"), 18).ToString(),
              "12193263112482853.122237463800000000");
    // Both at the store's scale (the product has 36 decimals before rounding): the same value.
    EXPECT_EQ(money::Multiply(D("123456789012.345678").Rescaled(18), D("98765.4321").Rescaled(18), 18),
              D("12193263112482853.1222374638"));
    EXPECT_EQ(money::Multiply(D("-1.5"), D("2"), 2).ToString(), "-3.00");
    EXPECT_EQ(money::Multiply(D("99999999999999999999.999999999999999999"), D("1"), 18).ToString(),
              "99999999999999999999.999999999999999999");
}

TEST(MoneyTest, ProductRoundsOnceHalfAwayFromZero) {
    EXPECT_EQ(money::Multiply(D("0.000000000000000001"), D("0.5"), 18).ToString(), "0.000000000000000001");
    EXPECT_EQ(money::Multiply(D("0.000000000000000001"), D("0.4999"), 18).ToString(), "0.000000000000000000");
    EXPECT_EQ(money::Multiply(D("-0.000000000000000001"), D("0.5"), 18).ToString(), "-0.000000000000000001");
    EXPECT_EQ(money::Multiply(D("1.005"), D("1"), 2).ToString(), "1.01");
    EXPECT_THROW((void)money::Multiply(D("10000000000000000000"), D("10000000000000000000"), 18), Error);
    EXPECT_THROW((void)money::Multiply(D("1"), D("1"), 39), Error);
}

TEST(MoneyTest, RoundIsHalfAwayFromZero) {
    EXPECT_EQ(money::Round(D("2.675"), 2).ToString(), "2.68");
    EXPECT_EQ(money::Round(D("-2.675"), 2).ToString(), "-2.68");
    EXPECT_EQ(money::Round(D("2.665"), 2).ToString(), "2.67"); // not half-even (2.66)
    EXPECT_EQ(money::Round(D("0.5"), 0).ToString(), "1");
    EXPECT_EQ(money::Round(D("-0.5"), 0).ToString(), "-1");
    EXPECT_EQ(money::Round(D("0.4999999"), 0).ToString(), "0");
    EXPECT_EQ(money::Round(D("1.5"), 3).ToString(), "1.500");
    EXPECT_EQ(money::RoundToCurrency(D("2.5"), "JPY").ToString(), "3");
    EXPECT_EQ(money::RoundToCurrency(D("1.23456"), "KWD").ToString(), "1.235");
    EXPECT_EQ(money::RoundToCurrency(D("20.52022672899"), "USD").ToString(), "20.52");
    EXPECT_THROW((void)money::RoundToCurrency(D("1"), "XAU"), Error);
    EXPECT_EQ(Int128ToString(money::ToUnits(D("12.345"), 2)), "1235");
    EXPECT_EQ(Int128ToString(money::ToUnits(D("-12.345"), 2)), "-1235");
    EXPECT_EQ(money::FromUnits(-5, 2).ToString(), "-0.05");
}

TEST(MoneyTest, QuotientHasTheStatedScaleAndRounding) {
    EXPECT_EQ(money::Divide(D("2"), D("3"), 4).ToString(), "0.6667");
    EXPECT_EQ(money::Divide(D("-1"), D("8"), 2).ToString(), "-0.13");
    EXPECT_EQ(money::Divide(D("1"), D("-8"), 2).ToString(), "-0.13");
    EXPECT_EQ(money::Divide(D("10"), D("4"), 0).ToString(), "3");
    EXPECT_EQ(money::Divide(D("1"), D("3"), 38).ToString(), "0." + std::string(38, '3'));
    EXPECT_EQ(money::Divide(D("123456789012.345678"), D("98765.4321"), 18).ToString(), "1249999.988734374989890820");
    EXPECT_EQ(money::Divide(D("0.000000000000000001"), D("1000000000000000000000000000000"), 18).ToString(),
              "0.000000000000000000");
    EXPECT_THROW((void)money::Divide(D("1"), D("0.000"), 2), Error);
    EXPECT_THROW((void)money::Divide(D("10000000000000000000"), D("0.00000000000000000001"), 18), Error);
}

TEST(MoneyTest, ThreeWaySplitGivesTheExtraCentToTheFirstTarget) {
    const Int128 pool = money::ToUnits(D("100.00"), 2);
    const std::vector<Int128> weights = {1, 1, 1};
    EXPECT_EQ(Units(money::SplitLargestRemainder(pool, weights)), "3334 3333 3333");
    EXPECT_EQ(Units(money::SplitLargestRemainder(-pool, weights)), "-3334 -3333 -3333");
    // The largest remainder wins before target order: 2/7, 2/7, 3/7 of 100 cents = 28.57, 28.57, 42.86.
    const std::vector<Int128> uneven = {2, 2, 3};
    EXPECT_EQ(Units(money::SplitLargestRemainder(100, uneven)), "29 28 43");
}

TEST(MoneyTest, SplitEdgeCases) {
    const std::vector<Int128> one = {5};
    EXPECT_EQ(Units(money::SplitLargestRemainder(12345, one)), "12345");
    const std::vector<Int128> even = {1, 1, 1, 1, 1};
    EXPECT_EQ(Units(money::SplitLargestRemainder(2, even)), "1 1 0 0 0");
    EXPECT_EQ(Units(money::SplitLargestRemainder(-2, even)), "-1 -1 0 0 0");
    EXPECT_EQ(Units(money::SplitLargestRemainder(0, even)), "0 0 0 0 0");
    const std::vector<Int128> with_zero = {0, 1, 0, 1};
    EXPECT_EQ(Units(money::SplitLargestRemainder(3, with_zero)), "0 2 0 1");
    const std::vector<Int128> zeros = {0, 0};
    try {
        (void)money::SplitLargestRemainder(100, zeros);
        FAIL();
    } catch (const Error& error) {
        EXPECT_NE(std::string(error.what()).find("every weight is zero"), std::string::npos) << error.what();
    }
    const std::vector<Int128> negative = {1, -1};
    EXPECT_THROW((void)money::SplitLargestRemainder(100, negative), Error);
    EXPECT_THROW((void)money::SplitLargestRemainder(100, {}), Error);
    // Weights near the 127-bit limit still split exactly (256-bit products).
    const Int128 big = PowerOfTen(37);
    const std::vector<Int128> huge = {big, big, big};
    EXPECT_EQ(Units(money::SplitLargestRemainder(PowerOfTen(30) + 1, huge)),
              Units({PowerOfTen(30) / 3 + 1, PowerOfTen(30) / 3 + 1, PowerOfTen(30) / 3}));
}

// Random pools (credits too), random weights (zeros too), one target, pools smaller than one unit per target:
// the parts add up exactly, each is within one unit of its exact share, and the same input gives the same
// parts.
TEST(MoneyTest, SplitPropertiesHoldForRandomPoolsAndWeights) {
    std::mt19937_64 random(20261202);
    for (int round = 0; round < 2000; ++round) {
        const int targets = 1 + static_cast<int>(random() % 12);
        const int64_t magnitude = round % 4 == 0 ? static_cast<int64_t>(random() % (targets * 2))
                                                 : static_cast<int64_t>(random() % 1000000000000000LL);
        const Int128 pool = random() % 3 == 0 ? -magnitude : magnitude;
        std::vector<Int128> weights;
        for (int i = 0; i < targets; ++i) {
            weights.push_back(random() % 4 == 0 ? 0 : static_cast<Int128>(random() % 1000000000));
        }
        if (std::all_of(weights.begin(), weights.end(), [](Int128 w) { return w == 0; })) {
            weights[random() % weights.size()] = 1;
        }
        const std::vector<Int128> parts = money::SplitLargestRemainder(pool, weights);
        ASSERT_EQ(parts, money::SplitLargestRemainder(pool, weights));
        Int128 total_weight = 0;
        Int128 sum = 0;
        for (size_t i = 0; i < parts.size(); ++i) {
            total_weight += weights[i];
            sum += parts[i];
        }
        ASSERT_EQ(sum, pool) << "round " << round;
        for (size_t i = 0; i < parts.size(); ++i) {
            // |part - pool * w / W| < 1  <=>  |part * W - pool * w| < W (exact in 128 bits at these sizes).
            const Int128 difference = parts[i] * total_weight - pool * weights[i];
            ASSERT_LT(difference < 0 ? -difference : difference, total_weight) << "round " << round << " target " << i;
            if (weights[i] == 0) {
                ASSERT_EQ(parts[i], 0);
            }
        }
    }
}

std::string Shown(const std::vector<Decimal>& values) {
    std::string text;
    for (const Decimal& value : values) {
        text += (text.empty() ? "" : " ") + value.ToString();
    }
    return text;
}

// A statement column shown to the cent: three thirds of 1.00 show as 0.34 0.33 0.33 (the tie to the first),
// negative values floor the other way, values already at the scale are kept, and a column of fractions of a
// cent whose sum rounds to two cents gives them to the two largest remainders.
TEST(MoneyTest, RoundKeepingSumAddsUpToTheRoundedSum) {
    const std::vector<Decimal> thirds = {D("0.333333"), D("0.333333"), D("0.333334")};
    EXPECT_EQ(Shown(money::RoundKeepingSum(thirds, 2)), "0.33 0.33 0.34");
    const std::vector<Decimal> tie = {D("0.335"), D("0.335"), D("0.330")};
    EXPECT_EQ(Shown(money::RoundKeepingSum(tie, 2)), "0.34 0.33 0.33");
    const std::vector<Decimal> credits = {D("-0.335"), D("-0.335"), D("-0.330")};
    EXPECT_EQ(Shown(money::RoundKeepingSum(credits, 2)), "-0.33 -0.34 -0.33");
    const std::vector<Decimal> exact = {D("12"), D("-3.5"), D("0.25")};
    EXPECT_EQ(Shown(money::RoundKeepingSum(exact, 2)), "12.00 -3.50 0.25");
    const std::vector<Decimal> halves = {D("0.005"), D("0.004"), D("0.006")};
    EXPECT_EQ(Shown(money::RoundKeepingSum(halves, 2)), "0.01 0.00 0.01");
    EXPECT_EQ(Shown(money::RoundKeepingSum(halves, 0)), "0 0 0");
    EXPECT_TRUE(money::RoundKeepingSum({}, 2).empty());
}

// Random columns of amounts at up to 9 decimals, credits too: the shown values add up to the sum rounded half
// away from zero, each is less than one unit from its exact value, and the same input gives the same output.
TEST(MoneyTest, RoundKeepingSumPropertiesHoldForRandomColumns) {
    std::mt19937_64 random(20261203);
    for (int round = 0; round < 2000; ++round) {
        const int scale = static_cast<int>(random() % 4);
        std::vector<Decimal> values;
        const size_t count = 1 + random() % 30;
        for (size_t i = 0; i < count; ++i) {
            const int64_t magnitude = static_cast<int64_t>(random() % 100000000000000LL);
            values.emplace_back(random() % 3 == 0 ? -magnitude : magnitude, static_cast<int>(random() % 10));
        }
        const std::vector<Decimal> shown = money::RoundKeepingSum(values, scale);
        ASSERT_EQ(Shown(shown), Shown(money::RoundKeepingSum(values, scale)));
        ASSERT_EQ(shown.size(), values.size());
        Decimal exact_sum(0, 9);
        Decimal shown_sum(0, scale);
        for (size_t i = 0; i < values.size(); ++i) {
            exact_sum = exact_sum + values[i];
            shown_sum = shown_sum + shown[i];
            ASSERT_EQ(shown[i].Scale(), scale);
            const Decimal error = shown[i] + -values[i];
            const Decimal unit(1, scale);
            ASSERT_TRUE(error < unit && -unit < error)
                << "round " << round << ": " << values[i].ToString() << " shown as " << shown[i].ToString();
        }
        ASSERT_EQ(shown_sum.ToString(), money::Round(exact_sum, scale).ToString()) << "round " << round;
    }
}

// Products and quotients against an independent computation: (a * b) * 10^k compared as integers.
TEST(MoneyTest, RandomProductsMatchIntegerArithmetic) {
    std::mt19937_64 random(7);
    for (int round = 0; round < 2000; ++round) {
        const Decimal a(static_cast<Int128>(random() % 2000000000000LL) - 1000000000000LL,
                        static_cast<int>(random() % 7));
        const Decimal b(static_cast<Int128>(random() % 2000000000000LL) - 1000000000000LL,
                        static_cast<int>(random() % 7));
        const Decimal exact(a.Unscaled() * b.Unscaled(), a.Scale() + b.Scale());
        ASSERT_EQ(money::Multiply(a, b, a.Scale() + b.Scale()), exact);
        const Decimal product = money::Multiply(a, b, 2);
        // Half away from zero: |exact - product| <= 0.005, and exactly 0.005 only away from zero.
        const Decimal difference = exact + (-product);
        ASSERT_FALSE(D("0.005") < difference) << a.ToString() << " * " << b.ToString();
        ASSERT_FALSE(difference < D("-0.005")) << a.ToString() << " * " << b.ToString();
        if (b.Unscaled() != 0) {
            const Decimal quotient = money::Divide(a, b, 6);
            // quotient * b is within half a unit of the 6th decimal times |b| of a.
            const Decimal back = money::Multiply(quotient, b, 13);
            const Decimal error = a + (-back);
            const Decimal bound = money::Multiply(D("0.0000005"), b.Unscaled() < 0 ? -b : b, 13);
            ASSERT_FALSE(bound < error) << a.ToString() << " / " << b.ToString();
            ASSERT_FALSE(error < -bound) << a.ToString() << " / " << b.ToString();
        }
    }
}

} // namespace
} // namespace crosswalk
