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
              "'otherwise', 'extract', 'multiply' or 'derive'");
    EXPECT_EQ(ErrorOf("kind: assets\ncolumns:\n  name: {extract: '\\w+'}\n"),
              "m.yaml:3:9: column 'name' needs 'from', 'value', 'default' or 'derive'");
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

TEST(MappingFileTest, ReadsTheExportShapeKeys) {
    const Mapping mapping = ParseMapping("m.yaml", R"(kind: cis
format:
  encoding: latin-1
  currency_symbol: ["$", "US$"]
  multi_value: first
columns:
  ci_id:
    from: sys_id
    derive:
      - {from: [serial_number], prefix: "SN-", hash: false}
      - {from: [class, name], prefix: "snc-"}
    repeats: number
  asset_tag: {from: Tag, derive: [class, name]}
  class: Class
  name: Name
  serial_number: Serial
  owner: {from: [Owner], multi_value: join}
)");
    EXPECT_EQ(mapping.format.encoding, "latin-1");
    EXPECT_EQ(mapping.format.currency_symbols, (std::vector<std::string>{"$", "US$"}));
    EXPECT_EQ(mapping.format.multi_value, ingest::mapping::MultiValue::kFirst);
    const ColumnMapping& id = mapping.columns[0];
    ASSERT_EQ(id.derive.size(), 2U);
    EXPECT_EQ(id.derive[0].from, (std::vector<std::string>{"serial_number"}));
    EXPECT_FALSE(id.derive[0].hash);
    EXPECT_EQ(id.derive[0].prefix, "SN-");
    EXPECT_EQ(id.derive[1].from, (std::vector<std::string>{"class", "name"}));
    EXPECT_TRUE(id.derive[1].hash);
    EXPECT_TRUE(id.number_repeats);
    const ColumnMapping& tag = mapping.columns[1];
    ASSERT_EQ(tag.derive.size(), 1U);
    EXPECT_EQ(tag.derive[0].from, (std::vector<std::string>{"class", "name"}));
    EXPECT_TRUE(tag.derive[0].hash);
    EXPECT_EQ(tag.derive[0].prefix, "");
    EXPECT_FALSE(tag.number_repeats);
    EXPECT_EQ(mapping.columns[5].multi_value, ingest::mapping::MultiValue::kJoin);
    EXPECT_FALSE(mapping.columns[2].multi_value.has_value());
    // `otherwise: ~` means empty, as in `values`.
    EXPECT_EQ(ParseMapping("m.yaml", "kind: assets\ncolumns:\n  name: {from: A, values: {a: b}, otherwise: ~}\n")
                  .columns[0]
                  .otherwise,
              "");
}

TEST(MappingFileTest, ExportShapeMistakesNameFileLineAndColumn) {
    EXPECT_EQ(ErrorOf("kind: cis\nformat: {encodng: latin-1}\ncolumns: {a: b}\n"),
              "m.yaml:2:10: unknown key 'encodng' in format (did you mean 'encoding'?)");
    EXPECT_NE(ErrorOf("kind: cis\nformat: {encoding: cp1252}\ncolumns: {a: b}\n").find("m.yaml:2:"), std::string::npos);
    EXPECT_NE(ErrorOf("kind: cis\nformat: {multi_value: all}\ncolumns: {a: b}\n").find("m.yaml:2:"), std::string::npos);
    EXPECT_EQ(ErrorOf("kind: cis\ncolumns:\n  ci_id: {from: a, derive: {from: [nme]}}\n  name: N\n"),
              "m.yaml:3:28: 'derive' of column 'ci_id' names 'nme', which the mapping does not map; "
              "did you mean 'name'?");
    EXPECT_EQ(ErrorOf("kind: cis\ncolumns:\n  ci_id: {from: a, derive: {from: [ci_id]}}\n"),
              "m.yaml:3:28: column 'ci_id' cannot be derived from itself");
    EXPECT_EQ(ErrorOf("kind: cis\ncolumns:\n  ci_id: {from: a, derive: {from: [b], hsh: true}}\n  b: B\n"),
              "m.yaml:3:40: unknown key 'hsh' in 'derive' of column 'ci_id' (did you mean 'hash'?)");
    EXPECT_EQ(ErrorOf("kind: cis\ncolumns:\n  ci_id: {from: a, repeats: number}\n"),
              "m.yaml:3:29: 'repeats' needs 'derive' in column 'ci_id'");
    EXPECT_EQ(ErrorOf("kind: cis\ncolumns:\n  ci_id: {from: a, derive: {prefix: x}}\n"),
              "m.yaml:3:28: 'derive' of column 'ci_id' needs 'from': the schema columns the key is made of");
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
