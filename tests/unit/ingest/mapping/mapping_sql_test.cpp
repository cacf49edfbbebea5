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
    std::vector<std::string> Values(const ColumnMapping* column, const std::vector<std::string>& sources,
                                    const std::string& derived = "") {
        store::Result result = connection_.Query(
            "SELECT coalesce(" +
            ingest::mapping::ValueExpression(column, sources, ingest::mapping::MultiValue::kAsIs, derived) +
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

TEST_F(MappingSqlTest, MultiValueCellsGiveTheirFirstLineOrAllJoined) {
    connection_.Execute("CREATE TABLE cells AS SELECT * FROM (VALUES ('a' || chr(10) || ' b ' || chr(13) || chr(10) || "
                        "chr(10) || 'c'), (chr(10) || 'x'), ('solo'), (NULL)) AS t(\"Users\")");
    const auto values = [&](ingest::mapping::MultiValue multi_value) {
        store::Result result = connection_.Query(
            "SELECT coalesce(" + ingest::mapping::SourceText(std::vector<std::string>{"\"Users\""}, multi_value) +
            ", 'NULL') FROM cells ORDER BY rowid");
        std::vector<std::string> texts;
        while (auto chunk = result.NextChunk()) {
            for (uint64_t row = 0; row < chunk->Size(); ++row) {
                texts.emplace_back(chunk->Column(0).String(row));
            }
        }
        return texts;
    };
    EXPECT_EQ(values(ingest::mapping::MultiValue::kFirst), (std::vector<std::string>{"a", "x", "solo", "NULL"}));
    EXPECT_EQ(values(ingest::mapping::MultiValue::kJoin), (std::vector<std::string>{"a; b; c", "x", "solo", "NULL"}));
    EXPECT_EQ(values(ingest::mapping::MultiValue::kAsIs)[1], "x");
}

TEST_F(MappingSqlTest, ADerivedKeyFillsRowsWithoutAValueAndRepeatsAreNumbered) {
    ingest::mapping::DeriveRule plain;
    plain.from = {"alt"};
    plain.hash = false;
    plain.prefix = "A-";
    ingest::mapping::DeriveRule hashed;
    hashed.from = {"life"};
    hashed.prefix = "H-";
    const std::vector<ingest::mapping::DeriveRule> rules = {plain, hashed};
    const auto text = [](const char* column) {
        return ingest::mapping::SourceText(std::vector<std::string>{column}, ingest::mapping::MultiValue::kAsIs);
    };
    const std::vector<std::vector<std::string>> inputs = {{text("\"Alt\"")}, {text("\"Life\"")}};
    const std::string derived = ingest::mapping::DerivedKeyExpression(rules, inputs);
    ColumnMapping column;
    column.from = {"Status"};
    column.derive = rules;
    // The first rule that gives a key wins; a row with a value keeps it; nothing to derive from: no key.
    EXPECT_EQ(Values(&column, {"\"Status\""}, derived),
              (std::vector<std::string>{"Deployed (deployed)", "Ready to Deploy", "Broken", "A-from-alt", "NULL"}));
    connection_.Execute("UPDATE export SET \"Status\" = NULL, \"Alt\" = NULL");
    const std::vector<std::string> keys = Values(&column, {"\"Status\""}, derived);
    EXPECT_EQ(keys[0].substr(0, 2), "H-");
    EXPECT_EQ(keys[0].size(), 18U); // prefix + 16 hex digits
    EXPECT_NE(keys[0], keys[1]);
    EXPECT_EQ(keys[2], "NULL");
    EXPECT_EQ(Values(&column, {"\"Status\""}, derived), keys); // the same every time
    connection_.Execute("UPDATE export SET \"Life\" = 'same'");
    const std::vector<std::string> alike = Values(&column, {"\"Status\""}, derived);
    EXPECT_EQ(alike, std::vector<std::string>(5, alike[0]));
    column.number_repeats = true;
    EXPECT_EQ(Values(&column, {"\"Status\""}, derived),
              (std::vector<std::string>{alike[0], alike[0] + "-2", alike[0] + "-3", alike[0] + "-4", alike[0] + "-5"}));
}

TEST(FindSourceColumnsTest, MatchesIgnoringCaseAndSpacesAndKeepsTheFilesSpelling) {
    const std::vector<std::string> file = {"Asset Tag", "serial", " Purchase Cost "};
    EXPECT_EQ(ingest::mapping::FindSourceColumns(file, std::vector<std::string>{"asset tag"}),
              (std::vector<std::string>{"Asset Tag"}));
    EXPECT_EQ(ingest::mapping::FindSourceColumns(file, std::vector<std::string>{"Cost", "purchase cost", "Serial"}),
              (std::vector<std::string>{" Purchase Cost ", "serial"}));
    EXPECT_TRUE(ingest::mapping::FindSourceColumns(file, std::vector<std::string>{"Name"}).empty());
}

TEST(FindSourceColumnsTest, GroupPrefixesAreMatchedByAStarAndTypographyIsFolded) {
    const std::vector<std::string> file = {"Informations financières et administratives - Valeur",
                                           "Numéro d\u2019inventaire", "Date\u00a0de  livraison"};
    EXPECT_EQ(ingest::mapping::FindSourceColumns(file, std::vector<std::string>{"Valeur", "* - valeur"}),
              (std::vector<std::string>{file[0]}));
    EXPECT_EQ(ingest::mapping::FindSourceColumns(file, std::vector<std::string>{"Numéro d'inventaire"}),
              (std::vector<std::string>{file[1]}));
    EXPECT_EQ(ingest::mapping::FindSourceColumns(file, std::vector<std::string>{"date de livraison"}),
              (std::vector<std::string>{file[2]}));
    EXPECT_TRUE(ingest::mapping::FindSourceColumns(file, std::vector<std::string>{"* - Nom"}).empty());
}

} // namespace
} // namespace crosswalk
