// The money macros of migration 0003 (money_mul, money_div, money_round, minor_units, money_split): their
// result types, their values on hand-computed cases, and agreement with the C++ twin (common/money.hpp) on
// random inputs, including the split's conservation, determinism and one-unit bound.
#include <random>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "crosswalk/common/error.hpp"
#include "crosswalk/common/money.hpp"
#include "crosswalk/model/migrator.hpp"

#include "support/store_fixture.hpp"

namespace crosswalk {
namespace {

class MoneySqlTest : public testing::StoreTest {
protected:
    MoneySqlTest() { model::Migrate(connection_); }

    std::string Scalar(const std::string& sql) {
        return connection_.Query("SELECT CAST((" + sql + ") AS VARCHAR)").ScalarString().value_or("NULL");
    }

    // The error message of a query that must fail.
    std::string ErrorOf(const std::string& sql) {
        try {
            (void)connection_.Query(sql);
        } catch (const Error& error) {
            return error.what();
        }
        ADD_FAILURE() << "no error from " << sql;
        return "";
    }
};

TEST_F(MoneySqlTest, MacrosHaveFixedResultTypes) {
    EXPECT_EQ(Scalar("typeof(money_mul(1.5::DECIMAL(38,18), 2.5::DECIMAL(38,18)))"), "DECIMAL(38,18)");
    EXPECT_EQ(Scalar("typeof(money_mul(1.5::DECIMAL(38,6), 2::DECIMAL(18,4)))"), "DECIMAL(38,18)");
    EXPECT_EQ(Scalar("typeof(money_mul(1.5, 3))"), "DECIMAL(38,18)");
    EXPECT_EQ(Scalar("typeof(money_div(1::DECIMAL(38,18), 3::DECIMAL(38,18), 4))"), "DECIMAL(38,18)");
    EXPECT_EQ(Scalar("typeof(money_div(1, 3, 2))"), "DECIMAL(38,18)");
    EXPECT_EQ(Scalar("typeof(money_round(1.005::DECIMAL(38,18), 'USD'))"), "DECIMAL(38,18)");
    EXPECT_EQ(Scalar("typeof(minor_units('USD'))"), "INTEGER");
    EXPECT_EQ(Scalar("typeof(money_units(1.5, 2))"), "HUGEINT");
    EXPECT_EQ(Scalar("typeof(money_from_units(150, 2))"), "DECIMAL(38,18)");
    // The powers of ten are exact HUGEINTs up to 10^38 (a DOUBLE would not be).
    EXPECT_EQ(Scalar("SELECT count(*) FILTER (WHERE money_pow10(n)::VARCHAR = '1' || repeat('0', n::INTEGER)) || ' ' "
                     "|| any_value(typeof(money_pow10(n))) FROM range(39) t(n)"),
              "39 HUGEINT");
    connection_.Execute("CREATE TABLE one AS SELECT 'p' AS pool_key, 't' AS target_key, 'USD' AS currency, "
                        "1.00 AS pool_amount, 1 AS weight");
    EXPECT_EQ(Scalar("SELECT typeof(part) || ' ' || typeof(part_units) || ' ' || typeof(unit_scale) FROM "
                     "money_split(one)"),
              "DECIMAL(38,18) HUGEINT INTEGER");
}

TEST_F(MoneySqlTest, LargeProductIsExactWhereTheBareOperatorOverflows) {
    const std::string a = "123456789012.345678::DECIMAL(38,18)";
    const std::string b = "98765.4321::DECIMAL(38,18)";
    EXPECT_NE(ErrorOf("SELECT " + a + " * " + b).find("Overflow in multiplication"), std::string::npos);
    const std::string product = Scalar(fmt::format("money_mul({}, {})", a, b));
    EXPECT_EQ(product, "12193263112482853.122237463800000000"); // by hand: 12193263112482853.1222374638
    EXPECT_EQ(product,
              money::Multiply(Decimal::Parse("123456789012.345678"), Decimal::Parse("98765.4321"), 18).ToString());
    EXPECT_EQ(Scalar("money_mul(-1.5, 2)"), "-3.000000000000000000");
    EXPECT_EQ(Scalar("money_mul(99999999999.999999999999999999, 99999999.9)"),
              "9999999989999999999.999999999900000000");
    EXPECT_EQ(Scalar("money_mul(0.000000000000000001, 0.5)"), "0.000000000000000001"); // half away from zero
    EXPECT_EQ(Scalar("money_mul(-0.000000000000000001, 0.5)"), "-0.000000000000000001");
    EXPECT_EQ(Scalar("money_mul(0.000000000000000001, 0.4999)"), "0.000000000000000000");
    // Beyond the range of DECIMAL(38,18): an error, never a wrong number.
    EXPECT_NE(ErrorOf("SELECT money_mul(10000000000, 10000000000)").find("DECIMAL(38,18)"), std::string::npos);
    EXPECT_NE(ErrorOf("SELECT money_mul(1.5::DOUBLE, 2)").find("DOUBLE is not money"), std::string::npos);
}

TEST_F(MoneySqlTest, DivisionNeverYieldsDouble) {
    EXPECT_EQ(Scalar("money_div(2, 3, 4)"), "0.666700000000000000");
    EXPECT_EQ(Scalar("money_div(-1, 8, 2)"), "-0.130000000000000000");
    EXPECT_EQ(Scalar("money_div(1, -8, 2)"), "-0.130000000000000000");
    EXPECT_EQ(Scalar("money_div(10, 4, 0)"), "3.000000000000000000");
    EXPECT_EQ(Scalar("money_div(1, 3, 18)"), "0.333333333333333333");
    EXPECT_EQ(Scalar("money_div(123456789012.345678, 98765.4321, 18)"), "1249999.988734374989890820");
    EXPECT_EQ(Scalar("money_div(99999999999999999999, 9999999999999, 18)"), "10000000.000000999999900000");
    EXPECT_NE(ErrorOf("SELECT money_div(1, 0, 2)").find("division by zero"), std::string::npos);
    EXPECT_NE(ErrorOf("SELECT money_div(1, 3, 19)").find("outside 0..18"), std::string::npos);
}

TEST_F(MoneySqlTest, RoundingFollowsTheCurrencyHalfAwayFromZero) {
    EXPECT_EQ(Scalar("minor_units('JPY') || minor_units('USD') || minor_units('KWD') || minor_units('CLF')"), "0234");
    EXPECT_EQ(Scalar("minor_units('XAU')"), "NULL");
    EXPECT_EQ(Scalar("money_round(2.675, 'USD')"), "2.680000000000000000");
    EXPECT_EQ(Scalar("money_round(2.665, 'USD')"), "2.670000000000000000"); // half-even would give 2.66
    EXPECT_EQ(Scalar("money_round(-2.675, 'USD')"), "-2.680000000000000000");
    EXPECT_EQ(Scalar("money_round(2.5, 'JPY')"), "3.000000000000000000");
    EXPECT_EQ(Scalar("money_round(1.23456, 'KWD')"), "1.235000000000000000");
    EXPECT_EQ(Scalar("money_round(NULL, 'USD')"), "NULL");
    EXPECT_NE(ErrorOf("SELECT money_round(1, 'XAU')").find("XAU has no minor unit"), std::string::npos);
    // DuckDB's own ROUND and DECIMAL casts round the same way, so a plain cast never disagrees.
    EXPECT_EQ(Scalar("round(2.665::DECIMAL(38,18), 2)"), "2.67");
    EXPECT_EQ(Scalar("CAST(-2.665::DECIMAL(38,18) AS DECIMAL(38,2))"), "-2.67");
}

// A macro's argument binds inside the macro's subquery: a caller's alias must not be captured by the lookup's.
TEST_F(MoneySqlTest, CallersAliasesDoNotReachIntoTheLookup) {
    for (const char* alias : {"m", "currency_minor_unit", "x"}) {
        EXPECT_EQ(Scalar(fmt::format("SELECT string_agg(minor_units({0}.currency) || ':' || "
                                     "money_round(1.23456, {0}.currency)::DECIMAL(38,4), ' ' ORDER BY {0}.currency) "
                                     "FROM (VALUES ('BHD'), ('JPY'), ('USD')) AS {0}(currency)",
                                     alias)),
                  "3:1.2350 0:1.0000 2:1.2300")
            << alias;
    }
}

TEST_F(MoneySqlTest, MinorUnitTableIsTheShippedCsv) {
    std::string expected;
    for (const money::MinorUnitEntry& entry : money::MinorUnitTable()) {
        expected += fmt::format("{}:{} ", entry.currency,
                                entry.minor_units ? std::to_string(*entry.minor_units) : std::string("NA"));
    }
    EXPECT_EQ(Scalar("SELECT string_agg(currency || ':' || coalesce(minor_units::VARCHAR, 'NA'), ' ' "
                     "ORDER BY currency) || ' ' FROM currency_minor_unit"),
              expected);
}

TEST_F(MoneySqlTest, ThreeWaySplitOfOneHundred) {
    connection_.Execute("CREATE TABLE pools AS SELECT 'shared' AS pool_key, t AS target_key, 'USD' AS currency, "
                        "100.00::DECIMAL(38,18) AS pool_amount, 1 AS weight FROM (VALUES ('a'), ('b'), ('c')) v(t)");
    EXPECT_EQ(Scalar("SELECT string_agg(target_key || '=' || part::DECIMAL(38,2), ' ' ORDER BY target_key) "
                     "FROM money_split(pools)"),
              "a=33.34 b=33.33 c=33.33");
    EXPECT_EQ(Scalar("SELECT sum(part) FROM money_split(pools)"), "100.000000000000000000");
    // With the pool's own scale instead of the currency's minor units.
    EXPECT_EQ(Scalar("SELECT string_agg(part_units::VARCHAR, ' ' ORDER BY target_key) FROM "
                     "money_split(pools, scale := 3)"),
              "33334 33333 33333");
}

TEST_F(MoneySqlTest, SplitErrorsAreClear) {
    const std::string zero = "WITH r AS (SELECT 'p1' AS pool_key, t AS target_key, 'USD' AS currency, 5 AS "
                             "pool_amount, 0 AS weight FROM (VALUES ('a'), ('b')) v(t)) SELECT * FROM money_split(r)";
    EXPECT_NE(ErrorOf(zero).find("money_split: pool p1: every weight is zero"), std::string::npos);
    const std::string negative = "WITH r AS (SELECT 1 AS pool_key, 'a' AS target_key, 'USD' AS currency, 5 AS "
                                 "pool_amount, -1 AS weight) SELECT * FROM money_split(r)";
    EXPECT_NE(ErrorOf(negative).find("negative weight"), std::string::npos);
    const std::string twice = "WITH r AS (SELECT 1 AS pool_key, 'a' AS target_key, 'USD' AS currency, 5 AS "
                              "pool_amount, 1 AS weight FROM range(2)) SELECT * FROM money_split(r)";
    EXPECT_NE(ErrorOf(twice).find("the target appears more than once"), std::string::npos);
    const std::string differs = "WITH r AS (SELECT 1 AS pool_key, 'a' || i AS target_key, 'USD' AS currency, i AS "
                                "pool_amount, 1 AS weight FROM range(2) t(i)) SELECT * FROM money_split(r)";
    EXPECT_NE(ErrorOf(differs).find("differs between its rows"), std::string::npos);
    const std::string null_weight = "WITH r AS (SELECT 1 AS pool_key, 'a' || i AS target_key, 'USD' AS currency, 5 "
                                    "AS pool_amount, CASE WHEN i = 0 THEN 1 END AS weight FROM range(2) t(i)) "
                                    "SELECT * FROM money_split(r)";
    EXPECT_NE(ErrorOf(null_weight).find("money_split: pool 1, target a1: no weight"), std::string::npos);
}

// Out-of-range arguments and results are refused by the macro, in words, before any HUGEINT step overflows
// (DuckDB's own "Overflow in multiplication of INT128" would be the message otherwise).
TEST_F(MoneySqlTest, RangeErrorsNameTheMacroAndTheLimit) {
    const std::string product = ErrorOf("SELECT money_mul(123456789012.123456::DECIMAL(38,18), "
                                        "98765432109.987654::DECIMAL(38,18))");
    EXPECT_NE(product.find("money_mul: the product 1.2e+22 is beyond the range of DECIMAL(38,18) (below 10^20"),
              std::string::npos)
        << product;
    EXPECT_EQ(product.find("INT128"), std::string::npos) << product;
    // At the edge the exact units decide: 10^20 is out, just below it is in.
    EXPECT_NE(ErrorOf("SELECT money_mul(10000000000, 10000000000)").find("money_mul: the product 1.0e+20"),
              std::string::npos);
    EXPECT_EQ(Scalar("money_mul(9999999999.99, 10000000000.01)"), "99999999999999999999.999900000000000000");
    EXPECT_EQ(Scalar("money_mul(-123456789012.123456, 98765.4321)"), "-12193263112460905.270385337600000000");
    EXPECT_NE(ErrorOf("SELECT money_mul(100000000000000000000::HUGEINT, 1)")
                  .find("money_mul: 100000000000000000000 is not an amount of DECIMAL(38,18)"),
              std::string::npos);
    EXPECT_NE(ErrorOf("SELECT money_div(1, 10000000000000, 2)").find("money_div: the divisor"), std::string::npos);
    const std::string quotient = ErrorOf("SELECT money_div(10000000000000000000, 0.5, 2)");
    EXPECT_NE(quotient.find("money_div: the quotient 2.0e+19 is beyond the supported range (below 10^19"),
              std::string::npos)
        << quotient;
    EXPECT_EQ(Scalar("money_div(9999999999999999999, 1, 18)"), "9999999999999999999.000000000000000000");
    EXPECT_NE(ErrorOf("SELECT money_round(123456789012345678901234, 'USD')")
                  .find("money_round: 123456789012345678901234 is not an amount of DECIMAL(38,18)"),
              std::string::npos);
    EXPECT_NE(ErrorOf("SELECT money_round(1.5, 'XXX')").find("money_round: XXX has no minor unit in ISO 4217"),
              std::string::npos);
    const std::string split = ErrorOf(
        "WITH r AS (SELECT 'p' AS pool_key, 't' || i AS target_key, 'USD' AS currency, 99999999999999999999.99 AS "
        "pool_amount, 99999999999999.0 AS weight FROM range(2) t(i)) SELECT * FROM money_split(r, scale := 18)");
    EXPECT_NE(split.find("money_split: pool p, target t"), std::string::npos) << split;
    EXPECT_NE(split.find("exceed HUGEINT"), std::string::npos) << split;
}

// A currency code must look like one; a well-formed code outside the table has ISO's default of 2.
TEST_F(MoneySqlTest, MinorUnitsRefuseWhatIsNoCurrencyCode) {
    for (const char* code : {"usd", "US", "USDX", "12A", ""}) {
        const std::string message = ErrorOf(fmt::format("SELECT minor_units('{}')", code));
        EXPECT_NE(message.find(fmt::format("minor_units: '{}' is not an ISO 4217 currency code", code)),
                  std::string::npos)
            << message;
    }
    EXPECT_NE(ErrorOf("SELECT money_round(1, 'usd')").find("'usd' is not an ISO 4217 currency code"),
              std::string::npos);
    EXPECT_EQ(Scalar("minor_units('ZZZ')"), "2"); // documented: the table lists every code without 2
    EXPECT_EQ(Scalar("minor_units('EUR')"), "2");
    EXPECT_THROW((void)money::MinorUnits("usd"), Error); // the C++ twin agrees
    EXPECT_EQ(money::MinorUnits("ZZZ"), 2);
}

// Weights are exact too, and the error says how to make them so.
TEST_F(MoneySqlTest, SplitRefusesDoubleWeightsWithAHint) {
    const std::string sql = "WITH r AS (SELECT 'p' AS pool_key, 't' || i AS target_key, 'USD' AS currency, 100.00 AS "
                            "pool_amount, (i + 1)::{} AS weight FROM range(3) t(i)) "
                            "SELECT string_agg(part::VARCHAR, ' ' ORDER BY target_key) FROM money_split(r)";
    const std::string message = ErrorOf(fmt::format(fmt::runtime(sql), "DOUBLE"));
    EXPECT_NE(message.find("money_split: weights must be exact (DECIMAL or INTEGER), not DOUBLE; cast them, e.g. "
                           "weight::DECIMAL(38,6)"),
              std::string::npos)
        << message;
    EXPECT_NE(ErrorOf(fmt::format(fmt::runtime(sql), "FLOAT")).find("weights must be exact"), std::string::npos);
    EXPECT_EQ(connection_.Query(fmt::format(fmt::runtime(sql), "DECIMAL(38,6)")).ScalarString().value_or(""),
              "16.670000000000000000 33.330000000000000000 50.000000000000000000");
    // A DOUBLE pool is still "not money".
    EXPECT_NE(ErrorOf("WITH r AS (SELECT 1 AS pool_key, 'a' AS target_key, 'USD' AS currency, 5::DOUBLE AS "
                      "pool_amount, 1 AS weight) SELECT * FROM money_split(r)")
                  .find("a DOUBLE is not money"),
              std::string::npos);
}

// Random inputs through SQL and C++: the same numbers.
TEST_F(MoneySqlTest, MacrosAgreeWithCppOnRandomInputs) {
    std::mt19937_64 random(42);
    const auto random_decimal = [&](int max_integer_digits) {
        const int scale = static_cast<int>(random() % 19);
        const int digits = std::max(1, static_cast<int>(random() % (max_integer_digits + scale + 1)));
        Int128 unscaled = 0;
        for (int i = 0; i < digits; ++i) {
            unscaled = unscaled * 10 + static_cast<Int128>(random() % 10);
        }
        return Decimal(random() % 2 == 0 ? unscaled : -unscaled, scale);
    };
    std::string values;
    std::vector<std::string> expected;
    for (int i = 0; i < 300; ++i) {
        const Decimal a = random_decimal(10);
        const Decimal b = random_decimal(9);
        const int s = static_cast<int>(random() % 19);
        const Decimal a18 = a.Rescaled(18);
        const Decimal b18 = b.Rescaled(18);
        std::string line = money::Multiply(a18, b18, 18).ToString();
        // money_div's range: quotients below 10^19 (the divisors here are below 10^9).
        const bool divide = b.Unscaled() != 0 && money::Divide(a18, b18, 0) < Decimal(PowerOfTen(19), 0) &&
                            Decimal(-PowerOfTen(19), 0) < money::Divide(a18, b18, 0);
        line += " " + (divide ? money::Divide(a18, b18, s).Rescaled(18).ToString() : std::string("-"));
        line += " " + money::RoundToCurrency(a18, i % 3 == 0   ? "JPY"
                                                  : i % 3 == 1 ? "USD"
                                                               : "BHD")
                          .Rescaled(18)
                          .ToString();
        expected.push_back(line);
        values += fmt::format("{}({}, {}::DECIMAL(38,18), {}::DECIMAL(38,18), {}, '{}', {})",
                              values.empty() ? "" : ", ", i, a.ToString(), b.ToString(), s,
                              i % 3 == 0   ? "JPY"
                              : i % 3 == 1 ? "USD"
                                           : "BHD",
                              divide);
    }
    store::Result result = connection_.Query(
        "SELECT money_mul(a, b)::VARCHAR || ' ' || CASE WHEN NOT divide THEN '-' ELSE money_div(a, b, s)::VARCHAR "
        "END || ' ' || money_round(a, c)::VARCHAR FROM (VALUES " +
        values + ") v(i, a, b, s, c, divide) ORDER BY i");
    size_t row_index = 0;
    while (std::optional<store::DataChunk> chunk = result.NextChunk()) {
        for (uint64_t row = 0; row < chunk->Size(); ++row, ++row_index) {
            ASSERT_EQ(std::string(chunk->Column(0).String(row)), expected.at(row_index)) << "row " << row_index;
        }
    }
    EXPECT_EQ(row_index, expected.size());
}

// Random pools (credits, zero weights, one target, pools smaller than one unit per target) through SQL's
// money_split and C++'s SplitLargestRemainder: the same parts; conservation and the one-unit bound hold.
TEST_F(MoneySqlTest, SplitAgreesWithCppAndKeepsItsPromises) {
    std::mt19937_64 random(1202);
    const std::vector<std::string> currencies = {"USD", "JPY", "KWD", "EUR"};
    std::string values;
    std::vector<std::vector<Int128>> expected_parts;
    std::vector<std::vector<Int128>> pool_weights;
    std::vector<Int128> pool_units;
    for (int pool = 0; pool < 200; ++pool) {
        const std::string currency = currencies[random() % currencies.size()];
        const int minor = *money::MinorUnits(currency);
        const int targets = 1 + static_cast<int>(random() % 9);
        const int64_t magnitude = pool % 5 == 0 ? static_cast<int64_t>(random() % (targets + 1))
                                                : static_cast<int64_t>(random() % 100000000000LL);
        const Int128 units = pool % 3 == 0 ? -magnitude : magnitude;
        // The pool amount carries extra digits, which the split rounds away first.
        const Decimal amount = Decimal(units * 10 + (pool % 7 == 0 ? 4 : 0), minor + 1);
        const Int128 rounded = money::ToUnits(amount, minor);
        std::vector<Int128> weights;
        for (int t = 0; t < targets; ++t) {
            const Int128 w = random() % 4 == 0 ? 0 : static_cast<Int128>(random() % 100000000); // 6 decimals
            weights.push_back(w);
        }
        if (std::all_of(weights.begin(), weights.end(), [](Int128 w) { return w == 0; })) {
            weights[0] = 1;
        }
        for (int t = 0; t < targets; ++t) {
            values += fmt::format("{}('pool{:03}', 'target{:02}', '{}', {}, {})", values.empty() ? "" : ", ", pool, t,
                                  currency, amount.ToString(), Decimal(weights[t], 6).ToString());
        }
        expected_parts.push_back(money::SplitLargestRemainder(rounded, weights));
        pool_weights.push_back(weights);
        pool_units.push_back(rounded);
    }
    connection_.Execute("CREATE TABLE pools AS SELECT * FROM (VALUES " + values +
                        ") v(pool_key, target_key, currency, pool_amount, weight)");
    const std::string query = "SELECT pool_key, part_units::VARCHAR, part::VARCHAR, unit_scale FROM "
                              "money_split(pools)";
    const auto read = [&] {
        std::vector<std::string> rows;
        store::Result result = connection_.Query(query);
        while (std::optional<store::DataChunk> chunk = result.NextChunk()) {
            for (uint64_t row = 0; row < chunk->Size(); ++row) {
                rows.push_back(fmt::format("{} {} {} {}", chunk->Column(0).String(row), chunk->Column(1).String(row),
                                           chunk->Column(2).String(row), chunk->Column(3).Int64(row)));
            }
        }
        return rows;
    };
    const std::vector<std::string> rows = read();
    EXPECT_EQ(rows, read()); // deterministic
    std::vector<std::string> expected_rows;
    for (size_t pool = 0; pool < expected_parts.size(); ++pool) {
        Int128 sum = 0;
        Int128 total_weight = 0;
        for (size_t t = 0; t < expected_parts[pool].size(); ++t) {
            sum += expected_parts[pool][t];
            total_weight += pool_weights[pool][t];
        }
        ASSERT_EQ(sum, pool_units[pool]);
        for (size_t t = 0; t < expected_parts[pool].size(); ++t) {
            const Int128 difference = expected_parts[pool][t] * total_weight - pool_units[pool] * pool_weights[pool][t];
            ASSERT_LT(difference < 0 ? -difference : difference, total_weight);
            expected_rows.push_back(fmt::format("pool{:03} {}", pool, Int128ToString(expected_parts[pool][t])));
        }
    }
    ASSERT_EQ(rows.size(), expected_rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
        // "poolNNN units part scale": units agree with C++, and part is units at the unit scale.
        const std::string& row = rows[i];
        ASSERT_EQ(row.substr(0, row.find(' ', row.find(' ') + 1)), expected_rows[i]);
        const size_t part_at = row.find(' ', row.find(' ') + 1) + 1;
        const size_t scale_at = row.rfind(' ') + 1;
        const Decimal part = Decimal::Parse(row.substr(part_at, scale_at - 1 - part_at));
        const Int128 units = static_cast<Int128>(std::stoll(row.substr(row.find(' ') + 1)));
        ASSERT_EQ(part, money::FromUnits(units, std::stoi(row.substr(scale_at)))) << row;
    }
    // Conservation in SQL too, per pool.
    EXPECT_EQ(Scalar("SELECT count(*) FROM (SELECT pool_key, sum(part_units) AS total, any_value(pool_amount) AS "
                     "amount, any_value(unit_scale) AS s FROM money_split(pools) GROUP BY ALL) "
                     "WHERE total <> money_units(amount, s)"),
              "0");
}

} // namespace
} // namespace crosswalk
