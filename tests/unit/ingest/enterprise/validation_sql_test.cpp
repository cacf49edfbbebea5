// How each field type reads text, evaluated by DuckDB: what is accepted, how it is stored, what is refused (NULL).
#include <array>

#include <gtest/gtest.h>

#include "crosswalk/ingest/enterprise/validation_sql.hpp"
#include "crosswalk/store/sql_quote.hpp"

#include "support/store_fixture.hpp"

namespace crosswalk {
namespace {

using ingest::enterprise::BoundField;
using ingest::enterprise::FieldSpec;
using ingest::enterprise::FieldType;

class TypedValueTest : public testing::StoreTest {
protected:
    // The typed value of each input as text ("NULL" when refused).
    std::vector<std::string> Read(const FieldSpec& field, const std::vector<std::string>& inputs,
                                  const BoundField& options = {}) {
        BoundField bound = options;
        bound.field = &field;
        std::string values;
        for (const std::string& input : inputs) {
            values += (values.empty() ? "" : ", ") + store::QuoteLiteral(input);
        }
        store::Result result = connection_.Query("SELECT coalesce(CAST(" + ingest::enterprise::TypedValueSql(bound) +
                                                 " AS VARCHAR), 'NULL') FROM (SELECT "
                                                 "unnest([" +
                                                 values + "]) AS r_" + std::string(field.name) +
                                                 ", generate_subscripts([" + values + "], 1) AS i) ORDER BY i");
        std::vector<std::string> read;
        while (auto chunk = result.NextChunk()) {
            for (uint64_t row = 0; row < chunk->Size(); ++row) {
                read.emplace_back(chunk->Column(0).String(row));
            }
        }
        return read;
    }
};

TEST_F(TypedValueTest, MoneyIsExactAndNeverRounded) {
    const FieldSpec money{.name = "amount", .type = FieldType::kDecimal};
    EXPECT_EQ(
        Read(money, {"1234.56", "-0.01", "+7", ".5", "5.", "1.5000000", "99999999999999999999999999999999.999999"}),
        (std::vector<std::string>{"1234.560000", "-0.010000", "7.000000", "0.500000", "5.000000", "1.500000",
                                  "99999999999999999999999999999999.999999"}));
    EXPECT_EQ(Read(money, {"1.2345678", "1,234.56", "1e3", "12 EUR", "$5", "--1", "999999999999999999999999999999999"}),
              (std::vector<std::string>(7, "NULL")));
}

TEST_F(TypedValueTest, NumberSeparatorsComeFromTheMapping) {
    const FieldSpec money{.name = "amount", .type = FieldType::kDecimal};
    BoundField european;
    european.decimal_separator = ",";
    european.thousands_separator = ".";
    EXPECT_EQ(Read(money, {"1.234,56", "0,5", "12"}, european),
              (std::vector<std::string>{"1234.560000", "0.500000", "12.000000"}));
}

TEST_F(TypedValueTest, IntegersAreWholeNumbers) {
    const FieldSpec cores{.name = "cores", .type = FieldType::kInteger};
    EXPECT_EQ(Read(cores, {"16", "-1", "+4", "10.0", "10.7", "1e2", "1234567890"}),
              (std::vector<std::string>{"16", "-1", "4", "NULL", "NULL", "NULL", "NULL"}));
}

TEST_F(TypedValueTest, DatesAreIsoUnlessTheMappingSaysOtherwise) {
    const FieldSpec date{.name = "day", .type = FieldType::kDate};
    EXPECT_EQ(Read(date, {"2024-02-29", "2024-02-30", "2024-9-1", "2024-09-01 10:00:00", "2024-09-01T10:00:00Z",
                          "09/01/2024"}),
              (std::vector<std::string>{"2024-02-29", "NULL", "2024-09-01", "2024-09-01", "2024-09-01", "NULL"}));
    BoundField us;
    us.date_formats = {"%m/%d/%Y", "%Y-%m-%d"};
    EXPECT_EQ(Read(date, {"09/01/2024", "2024-09-01", "31/12/2024"}, us),
              (std::vector<std::string>{"2024-09-01", "2024-09-01", "NULL"}));
}

TEST_F(TypedValueTest, MonthsAreWrittenAsYearMonthOrAsADate) {
    const FieldSpec month{.name = "period", .type = FieldType::kMonth};
    EXPECT_EQ(Read(month, {"2024-09", "2024-9", "2024-09-01", "2024-09-15", "2024-13", "Sep 2024"}),
              (std::vector<std::string>{"2024-09-01", "2024-09-01", "2024-09-01", "2024-09-15", "NULL", "NULL"}));
}

TEST_F(TypedValueTest, BooleansAcceptTheUsualSpellings) {
    const FieldSpec flag{.name = "flag", .type = FieldType::kBoolean};
    EXPECT_EQ(Read(flag, {"true", "Yes", "Y", "1", "T", "FALSE", "no", "n", "0", "f", "maybe", "2"}),
              (std::vector<std::string>{"true", "true", "true", "true", "true", "false", "false", "false", "false",
                                        "false", "NULL", "NULL"}));
}

TEST_F(TypedValueTest, EnumsIgnoreCaseSpacesAndHyphens) {
    static constexpr std::array<std::string_view, 3> kAllowed = {"in_use", "in_stock", "retired"};
    const FieldSpec state{.name = "state", .type = FieldType::kEnum, .allowed = kAllowed};
    EXPECT_EQ(Read(state, {"in_use", "In Use", "IN-STOCK", "in  use", "Retired", "broken", "inuse"}),
              (std::vector<std::string>{"in_use", "in_use", "in_stock", "in_use", "retired", "NULL", "NULL"}));
}

TEST_F(TypedValueTest, CurrenciesAreIso4217Codes) {
    const FieldSpec currency{.name = "currency", .type = FieldType::kCurrency};
    EXPECT_EQ(Read(currency, {"USD", "eur", "Jpy", "XYZ", "US", "dollars"}),
              (std::vector<std::string>{"USD", "EUR", "JPY", "NULL", "NULL", "NULL"}));
}

} // namespace
} // namespace crosswalk
