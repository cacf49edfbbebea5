// DuckDB 1.4.4's typing of DECIMAL arithmetic, pinned: the facts behind the money macros of migration 0003 and
// docs/architecture.md ("Money arithmetic"). If an upgrade changes one, this test says which, and the macros
// and the decision must be looked at again.
#include <gtest/gtest.h>

#include "crosswalk/common/error.hpp"

#include "support/store_fixture.hpp"

namespace crosswalk {
namespace {

class DuckDbDecimalTypingTest : public testing::StoreTest {
protected:
    std::string Scalar(const std::string& sql) {
        return connection_.Query("SELECT CAST((" + sql + ") AS VARCHAR)").ScalarString().value_or("NULL");
    }

    std::string ErrorOf(const std::string& sql) {
        try {
            (void)connection_.Query(sql);
        } catch (const Error& error) {
            return error.what();
        }
        return "no error";
    }
};

const std::string kMoney = "1.5::DECIMAL(38,18)";

TEST_F(DuckDbDecimalTypingTest, ThisIsDuckDb144) {
    EXPECT_EQ(Scalar("version()"), "v1.4.4");
}

// Scales add and the width stays 38: DECIMAL(38,18) x DECIMAL(38,18) leaves 2 integer digits.
TEST_F(DuckDbDecimalTypingTest, ProductOfTwoAmountsIsDecimal38_36AndOverflowsFrom100) {
    EXPECT_EQ(Scalar("typeof(" + kMoney + " * " + kMoney + ")"), "DECIMAL(38,36)");
    EXPECT_EQ(Scalar("99.9::DECIMAL(38,18) * 1::DECIMAL(38,18)"), "99.900000000000000000000000000000000000");
    EXPECT_NE(ErrorOf("SELECT 100::DECIMAL(38,18) * 1::DECIMAL(38,18)").find("Overflow in multiplication of DECIMAL"),
              std::string::npos);
    EXPECT_NE(ErrorOf("SELECT 10::DECIMAL(38,18) * 10::DECIMAL(38,18)").find("Overflow"), std::string::npos);
    EXPECT_NE(ErrorOf("SELECT 123456789012.345678::DECIMAL(38,18) * 98765.4321::DECIMAL(38,18)").find("Overflow"),
              std::string::npos);
    EXPECT_NE(ErrorOf("SELECT 1::DECIMAL(38,20) * 1::DECIMAL(38,20)").find("Needed scale 40"), std::string::npos);
}

TEST_F(DuckDbDecimalTypingTest, OtherProductTypes) {
    EXPECT_EQ(Scalar("typeof(" + kMoney + " * 2.5::DECIMAL(18,6))"), "DECIMAL(38,24)");
    EXPECT_EQ(Scalar("typeof(1::DECIMAL(38,6) * 1::DECIMAL(38,6))"), "DECIMAL(38,12)");
    EXPECT_EQ(Scalar("typeof(1::DECIMAL(38,6) * 1::DECIMAL(18,4))"), "DECIMAL(38,10)");
    // The width is the wider operand's, not the sum: DECIMAL(18,6)^2 overflows from 10^6.
    EXPECT_EQ(Scalar("typeof(1::DECIMAL(18,6) * 1::DECIMAL(18,6))"), "DECIMAL(18,12)");
    EXPECT_NE(ErrorOf("SELECT 1000000::DECIMAL(18,6) * 1::DECIMAL(18,6)").find("Overflow"), std::string::npos);
    // An integer operand counts as scale 0.
    EXPECT_EQ(Scalar("typeof(" + kMoney + " * 3::INTEGER)"), "DECIMAL(38,18)");
    EXPECT_EQ(Scalar("typeof(" + kMoney + " * 3::HUGEINT)"), "DECIMAL(38,18)");
    EXPECT_EQ(Scalar("typeof(" + kMoney + " + 1::DECIMAL(38,6))"), "DECIMAL(38,18)");
    EXPECT_EQ(Scalar("typeof(sum(" + kMoney + "))"), "DECIMAL(38,18)");
}

// Every '/' is DOUBLE, on decimals and on integers alike; '//' on HUGEINT is exact and truncates towards zero.
TEST_F(DuckDbDecimalTypingTest, DivisionIsDouble) {
    EXPECT_EQ(Scalar("typeof(" + kMoney + " / " + kMoney + ")"), "DOUBLE");
    EXPECT_EQ(Scalar("typeof(" + kMoney + " / 3)"), "DOUBLE");
    EXPECT_EQ(Scalar("typeof(" + kMoney + " // " + kMoney + ")"), "DOUBLE");
    EXPECT_EQ(Scalar("typeof(1::HUGEINT / 3::HUGEINT)"), "DOUBLE");
    EXPECT_EQ(Scalar("typeof(1::HUGEINT // 3::HUGEINT)"), "HUGEINT");
    EXPECT_EQ(Scalar("7::HUGEINT // -2::HUGEINT"), "-3");
    EXPECT_EQ(Scalar("-7::HUGEINT % 2::HUGEINT"), "-1");
    EXPECT_EQ(Scalar("typeof(avg(" + kMoney + "))"), "DOUBLE");
    EXPECT_EQ(Scalar("typeof(100 * sum(" + kMoney + ") / sum(" + kMoney + "))"), "DOUBLE");
    EXPECT_EQ(Scalar("typeof(power(10::HUGEINT, 2))"), "DOUBLE");
}

// ROUND and casts between decimals (and to integers) round half away from zero; round_even is DOUBLE.
TEST_F(DuckDbDecimalTypingTest, RoundingIsHalfAwayFromZero) {
    EXPECT_EQ(Scalar("typeof(round(" + kMoney + ", 2))"), "DECIMAL(38,2)");
    EXPECT_EQ(Scalar("round(2.5::DECIMAL(38,18), 0)"), "3");
    EXPECT_EQ(Scalar("round(-2.5::DECIMAL(38,18), 0)"), "-3");
    EXPECT_EQ(Scalar("round(0.125::DECIMAL(38,18), 2)"), "0.13");
    EXPECT_EQ(Scalar("CAST(-0.125::DECIMAL(38,18) AS DECIMAL(38,2))"), "-0.13");
    EXPECT_EQ(Scalar("CAST(2.5::DECIMAL(38,18) AS HUGEINT)"), "3");
    EXPECT_EQ(Scalar("CAST(-2.5::DECIMAL(38,18) AS HUGEINT)"), "-3");
    EXPECT_EQ(Scalar("typeof(round_even(" + kMoney + ", 2))"), "DOUBLE");
}

// A literal in scientific notation is a DOUBLE, so 1e19::DECIMAL is not 10^19.
TEST_F(DuckDbDecimalTypingTest, ScientificLiteralIsDouble) {
    EXPECT_EQ(Scalar("typeof(1e19)"), "DOUBLE");
    EXPECT_EQ(Scalar("1e19::DECIMAL(38,18) = 10000000000000000000::DECIMAL(38,18)"), "false");
}

} // namespace
} // namespace crosswalk
