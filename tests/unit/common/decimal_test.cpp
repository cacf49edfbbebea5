#include <gtest/gtest.h>

#include "crosswalk/common/decimal.hpp"
#include "crosswalk/common/error.hpp"

namespace crosswalk {
namespace {

TEST(DecimalTest, ParsesPlainNotationExactly) {
    const Decimal value = Decimal::Parse("-123.4500");
    EXPECT_EQ(value.Unscaled(), -1234500);
    EXPECT_EQ(value.Scale(), 4);
    EXPECT_EQ(value.ToString(), "-123.4500");
    EXPECT_EQ(Decimal::Parse(".5").ToString(), "0.5");
    EXPECT_EQ(Decimal::Parse("+7").ToString(), "7");
    EXPECT_EQ(Decimal::Parse("0.0000004").ToString(), "0.0000004");
}

TEST(DecimalTest, ExponentShiftsTheScaleWithoutRounding) {
    EXPECT_EQ(Decimal::Parse("1.5E+2").ToString(), "150");
    EXPECT_EQ(Decimal::Parse("1.2345678901234567E-05").ToString(), "0.000012345678901234567");
    EXPECT_EQ(Decimal::Parse("4e-3").ToString(), "0.004");
}

TEST(DecimalTest, RejectsWhatIsNotADecimal) {
    for (const char* text : {"", "-", ".", "1.2.3", "1,5", " 1", "1 ", "abc", "1e", "1e+", "NaN", "inf", "0x10"}) {
        EXPECT_FALSE(Decimal::TryParse(text).has_value()) << text;
    }
    EXPECT_THROW((void)Decimal::Parse("12a"), Error);
}

TEST(DecimalTest, HoldsThirtyEightDigitsAndNoMore) {
    const std::string max38(38, '9');
    EXPECT_EQ(Decimal::Parse(max38).ToString(), max38);
    EXPECT_EQ(Decimal::Parse("-" + max38).ToString(), "-" + max38);
    EXPECT_FALSE(Decimal::TryParse(std::string(39, '9')).has_value());
    EXPECT_EQ(Decimal::Parse("0." + std::string(37, '0') + "1").Scale(), 38);
    EXPECT_FALSE(Decimal::TryParse("0." + std::string(38, '0') + "1").has_value());
    EXPECT_EQ(Decimal::Parse("1." + std::string(45, '0')).ToString(), "1." + std::string(37, '0'));
}

TEST(DecimalTest, RescalesExactlyOrFails) {
    EXPECT_EQ(Decimal::Parse("1.5").Rescaled(4).ToString(), "1.5000");
    EXPECT_EQ(Decimal::Parse("1.5000").Rescaled(1).ToString(), "1.5");
    EXPECT_THROW((void)Decimal::Parse("1.55").Rescaled(1), Error);
    EXPECT_THROW((void)Decimal::Parse(std::string(30, '9')).Rescaled(18), Error);
}

TEST(DecimalTest, AddsAndComparesByValue) {
    EXPECT_EQ((Decimal::Parse("0.1") + Decimal::Parse("0.2")).ToString(), "0.3");
    EXPECT_EQ(Decimal::Parse("1.50"), Decimal::Parse("1.5"));
    EXPECT_LT(Decimal::Parse("-0.01"), Decimal::Parse("0"));
    EXPECT_LT(Decimal::Parse("2"), Decimal::Parse("10.5"));
    EXPECT_THROW((void)(Decimal::Parse(std::string(38, '9')) + Decimal::Parse("1")), Error);
}

TEST(DecimalTest, PrintsTheMostNegativeValue) {
    EXPECT_EQ(Int128ToString(-PowerOfTen(38) + 1), "-" + std::string(38, '9'));
}

} // namespace
} // namespace crosswalk
