#include <gtest/gtest.h>

#include "crosswalk/ingest/mapping/mapping_file.hpp"

namespace crosswalk {
namespace {

using ingest::mapping::ColumnMapping;
using ingest::mapping::Mapping;
using ingest::mapping::ParseMapping;

// The message of the error parsing `text` throws ("" when it parses).
std::string ErrorOf(const std::string& text) {
    try {
        (void)ParseMapping("m.yaml", text);
    } catch (const Error& error) {
        EXPECT_EQ(error.Kind(), ErrorKind::kInvalidInput);
        return error.what();
    }
    return "";
}

TEST(MappingFileTest, ReadsEveryFormOfAColumn) {
    const Mapping mapping = ParseMapping("m.yaml", R"(kind: assets
description: test export
format:
  delimiter: ";"
  decimal_separator: ","
  thousands_separator: "."
  date_format: "%d/%m/%Y"
columns:
  asset_tag: Inventory number
  name: [Asset Name, Name]
  currency: {value: EUR}
  lifecycle_state:
    from: Status
    extract: '\((\w+)\)'
    values: {deployed: in_use, "Ready to Deploy": in_stock, lost: ~}
    otherwise: retired
    default: in_use
  useful_life_months: {from: Life, multiply: 12}
  acquisition_date: {from: Bought, date_format: ["%Y%m%d", "%d.%m.%Y"]}
)");
    EXPECT_EQ(mapping.kind, "assets");
    EXPECT_EQ(mapping.description, "test export");
    EXPECT_EQ(mapping.format.delimiter, ";");
    EXPECT_EQ(mapping.format.decimal_separator, ",");
    EXPECT_EQ(mapping.format.thousands_separator, ".");
    EXPECT_EQ(mapping.format.date_formats, (std::vector<std::string>{"%d/%m/%Y"}));
    ASSERT_EQ(mapping.columns.size(), 6U);
    EXPECT_EQ(mapping.columns[0].target, "asset_tag");
    EXPECT_EQ(mapping.columns[0].from, (std::vector<std::string>{"Inventory number"}));
    EXPECT_EQ(mapping.columns[1].from, (std::vector<std::string>{"Asset Name", "Name"}));
    EXPECT_EQ(mapping.columns[2].constant, "EUR");
    const ColumnMapping& state = mapping.columns[3];
    EXPECT_EQ(state.extract, "\\((\\w+)\\)");
    EXPECT_EQ(state.values, (std::vector<std::pair<std::string, std::string>>{
                                {"deployed", "in_use"}, {"Ready to Deploy", "in_stock"}, {"lost", ""}}));
    EXPECT_EQ(state.otherwise, "retired");
    EXPECT_EQ(state.default_value, "in_use");
    EXPECT_EQ(state.where.ToString(), "m.yaml:13:5");
    EXPECT_EQ(mapping.columns[4].multiply, 12);
    EXPECT_EQ(mapping.columns[5].date_formats, (std::vector<std::string>{"%Y%m%d", "%d.%m.%Y"}));
    EXPECT_EQ(ingest::mapping::FindColumn(mapping, "name"), &mapping.columns[1]);
    EXPECT_EQ(ingest::mapping::FindColumn(mapping, "owner"), nullptr);
}

TEST(MappingFileTest, MistakesNameFileLineAndColumn) {
    EXPECT_EQ(ErrorOf("columns: {a: b}\n"), "m.yaml:1:1: mapping file needs 'kind'");
    EXPECT_EQ(ErrorOf("kind: assets\n"), "m.yaml:1:1: 'columns' must map schema columns to the export's columns");
    EXPECT_EQ(ErrorOf("kind: assets\ncolums: {a: b}\n"),
              "m.yaml:2:1: unknown key 'colums' in mapping file (did you mean 'columns'?)");
    EXPECT_EQ(ErrorOf("kind: assets\ncolumns:\n  name: A\n  name: B\n"), "m.yaml:4:3: duplicate key 'name' in columns");
    EXPECT_EQ(ErrorOf("kind: assets\ncolumns:\n  name: {form: A}\n"),
              "m.yaml:3:10: unknown key 'form' in column 'name' (did you mean 'from'?)");
    EXPECT_EQ(ErrorOf("kind: assets\ncolumns:\n  name: {value: X, from: A}\n"),
              "m.yaml:3:9: column 'name' has a constant 'value'; it cannot also take 'from', 'default', 'values', "
              "'otherwise', 'extract' or 'multiply'");
    EXPECT_EQ(ErrorOf("kind: assets\ncolumns:\n  name: {extract: '\\w+'}\n"),
              "m.yaml:3:9: column 'name' needs 'from', 'value' or 'default'");
    EXPECT_EQ(ErrorOf("kind: assets\ncolumns:\n  name: {from: A, extract: '\\w+'}\n"),
              "m.yaml:3:28: 'extract' must be a regular expression with a group, e.g. '\\((\\w+)\\)$'");
    EXPECT_EQ(ErrorOf("kind: assets\ncolumns:\n  name: {from: A, multiply: 0}\n"),
              "m.yaml:3:29: 'multiply' must be a whole number above 0");
    EXPECT_EQ(ErrorOf("kind: assets\ncolumns:\n  name: {from: A, otherwise: x}\n"),
              "m.yaml:3:30: 'otherwise' needs 'values' in column 'name'");
    EXPECT_EQ(ErrorOf("kind: assets\ncolumns:\n  name: {from: A, values: {a: x, a: y}}\n"),
              "m.yaml:3:34: duplicate key 'a' in 'values' of column 'name'");
    EXPECT_EQ(ErrorOf("kind: assets\ncolumns:\n  name: []\n"),
              "m.yaml:3:9: the source of column 'name' must not be empty");
    EXPECT_EQ(ErrorOf("kind: assets\nformat: {delimiter: ';;'}\ncolumns: {a: b}\n"),
              "m.yaml:2:21: 'delimiter' must be one character");
    EXPECT_EQ(ErrorOf("kind: assets\nformat: {decimal_separator: ',', thousands_separator: ','}\ncolumns: {a: b}\n"),
              "m.yaml:2:9: the decimal and thousands separators must differ");
    EXPECT_NE(ErrorOf("kind: [assets\n").find("m.yaml:2:1: YAML syntax"), std::string::npos);
}

TEST(MappingFileTest, AMissingFileIsNotFound) {
    try {
        (void)ingest::mapping::LoadMapping("/nonexistent/mapping.yaml");
        FAIL();
    } catch (const Error& error) {
        EXPECT_EQ(error.Kind(), ErrorKind::kNotFound);
        EXPECT_STREQ(error.what(), "mapping file /nonexistent/mapping.yaml not found");
    }
}

} // namespace
} // namespace crosswalk
