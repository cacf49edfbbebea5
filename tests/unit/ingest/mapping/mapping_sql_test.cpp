// The SQL a mapping makes, evaluated by DuckDB over a small table of export values.
#include <gtest/gtest.h>

#include "crosswalk/ingest/mapping/mapping_file.hpp"
#include "crosswalk/ingest/mapping/mapping_sql.hpp"

#include "support/store_fixture.hpp"

namespace crosswalk {
namespace {

using ingest::mapping::ColumnMapping;

class MappingSqlTest : public testing::StoreTest {
protected:
    MappingSqlTest() {
        connection_.Execute(
            "CREATE TABLE export (\"Status\" VARCHAR, \"Life\" VARCHAR, \"Alt\" VARCHAR);"
            "INSERT INTO export VALUES ('Deployed (deployed)', '5', 'x'), ('  Ready to Deploy ', '2.5', NULL), "
            "('Broken', '', NULL), (NULL, 'abc', 'from-alt'), (chr(9) || chr(160), NULL, NULL)");
    }

    // The expression's value on each row, NULL as "NULL".
    std::vector<std::string> Values(const ColumnMapping* column, const std::vector<std::string>& sources) {
        store::Result result =
            connection_.Query("SELECT coalesce(" + ingest::mapping::ValueExpression(column, sources) +
                              ", 'NULL') FROM export ORDER BY rowid");
        std::vector<std::string> values;
        while (auto chunk = result.NextChunk()) {
            for (uint64_t row = 0; row < chunk->Size(); ++row) {
                values.emplace_back(chunk->Column(0).String(row));
            }
        }
        return values;
    }
};

TEST_F(MappingSqlTest, WithoutAMappingValuesAreTrimmedAndEmptyIsNull) {
    EXPECT_EQ(Values(nullptr, {"\"Status\""}),
              (std::vector<std::string>{"Deployed (deployed)", "Ready to Deploy", "Broken", "NULL", "NULL"}));
    EXPECT_EQ(Values(nullptr, {}), (std::vector<std::string>(5, "NULL")));
}

TEST_F(MappingSqlTest, ExtractThenMapThenDefault) {
    ColumnMapping column;
    column.extract = "\\((\\w+)\\)";
    column.values = {{"deployed", "in_use"}, {"Ready to Deploy", "in_stock"}};
    column.default_value = "ordered";
    EXPECT_EQ(Values(&column, {"\"Status\""}),
              (std::vector<std::string>{"in_use", "in_stock", "Broken", "ordered", "ordered"}));
    column.otherwise = "retired";
    EXPECT_EQ(Values(&column, {"\"Status\""}),
              (std::vector<std::string>{"in_use", "in_stock", "retired", "ordered", "ordered"}));
}

TEST_F(MappingSqlTest, AValueMappedToNothingIsNull) {
    ColumnMapping column;
    column.values = {{"broken", ""}};
    EXPECT_EQ(Values(&column, {"\"Status\""}),
              (std::vector<std::string>{"Deployed (deployed)", "Ready to Deploy", "NULL", "NULL", "NULL"}));
}

TEST_F(MappingSqlTest, MultiplyScalesWholeNumbersExactlyAndLeavesTheRestToValidation) {
    ColumnMapping column;
    column.multiply = 12;
    EXPECT_EQ(Values(&column, {"\"Life\""}), (std::vector<std::string>{"60", "2.5", "NULL", "abc", "NULL"}));
}

TEST_F(MappingSqlTest, AlternativesTakeTheFirstNonEmptyValue) {
    EXPECT_EQ(Values(nullptr, {"\"Alt\"", "\"Status\""}),
              (std::vector<std::string>{"x", "Ready to Deploy", "Broken", "from-alt", "NULL"}));
}

TEST_F(MappingSqlTest, AConstantIsTheSameOnEveryRow) {
    ColumnMapping column;
    column.constant = "EUR";
    EXPECT_EQ(Values(&column, {"\"Status\""}), (std::vector<std::string>(5, "EUR")));
}

TEST(FindSourceColumnsTest, MatchesIgnoringCaseAndSpacesAndKeepsTheFilesSpelling) {
    const std::vector<std::string> file = {"Asset Tag", "serial", " Purchase Cost "};
    EXPECT_EQ(ingest::mapping::FindSourceColumns(file, std::vector<std::string>{"asset tag"}),
              (std::vector<std::string>{"Asset Tag"}));
    EXPECT_EQ(ingest::mapping::FindSourceColumns(file, std::vector<std::string>{"Cost", "purchase cost", "Serial"}),
              (std::vector<std::string>{" Purchase Cost ", "serial"}));
    EXPECT_TRUE(ingest::mapping::FindSourceColumns(file, std::vector<std::string>{"Name"}).empty());
}

} // namespace
} // namespace crosswalk
