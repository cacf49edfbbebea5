#include <gtest/gtest.h>

#include "crosswalk/common/error.hpp"
#include "crosswalk/ingest/enterprise/json_records.hpp"

namespace crosswalk {
namespace {

using ingest::enterprise::JsonRecords;
using ingest::enterprise::ParseJsonRecords;
using Row = std::vector<std::optional<std::string>>;

std::string ErrorOf(std::string_view text) {
    try {
        (void)ParseJsonRecords("f.json", text);
    } catch (const Error& error) {
        EXPECT_EQ(error.Kind(), ErrorKind::kInvalidInput);
        return error.what();
    }
    return "";
}

TEST(JsonRecordsTest, KeepsEveryNumberExactlyAsWritten) {
    const JsonRecords records = ParseJsonRecords(
        "f.json", R"([{"a": 12345678901234567.891234, "b": 0.10, "c": 1e-3, "d": -7, "e": 18446744073709551615,
                      "f": 123456789012345678901234567890}])");
    EXPECT_EQ(records.columns, (std::vector<std::string>{"a", "b", "c", "d", "e", "f"}));
    ASSERT_EQ(records.rows.size(), 1U);
    EXPECT_EQ(records.rows[0], (Row{"12345678901234567.891234", "0.10", "1e-3", "-7", "18446744073709551615",
                                    "123456789012345678901234567890"}));
}

TEST(JsonRecordsTest, ReadsTextBooleansNullsAndNestedValues) {
    const JsonRecords records = ParseJsonRecords(
        "f.json", "\xEF\xBB\xBF"
                  R"([{"tag": "A-1", "ok": true, "gone": null, "tags": {"env": "prod", "n": [1, 2.50, "x"]}},
                  {"ok": false, "more": [], "tag": "A-\"2\""}])");
    EXPECT_EQ(records.columns, (std::vector<std::string>{"tag", "ok", "gone", "tags", "more"}));
    ASSERT_EQ(records.rows.size(), 2U);
    EXPECT_EQ(records.rows[0], (Row{"A-1", "true", std::nullopt, R"({"env":"prod","n":[1,2.50,"x"]})", std::nullopt}));
    EXPECT_EQ(records.rows[1], (Row{"A-\"2\"", "false", std::nullopt, std::nullopt, "[]"}));
}

TEST(JsonRecordsTest, ReadsOneObjectPerLine) {
    const JsonRecords records = ParseJsonRecords("f.ndjson", "{\"a\": 1}\r\n\n  \n{\"b\": \"x\", \"a\": 2.0}\n");
    EXPECT_EQ(records.columns, (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(records.rows, (std::vector<Row>{{"1", std::nullopt}, {"2.0", "x"}}));
}

TEST(JsonRecordsTest, AnEmptyArrayHasNoRecords) {
    const JsonRecords records = ParseJsonRecords("f.json", " [ ] ");
    EXPECT_TRUE(records.columns.empty());
    EXPECT_TRUE(records.rows.empty());
}

TEST(JsonRecordsTest, AnythingButRecordsIsRefused) {
    EXPECT_EQ(ErrorOf(""), "f.json: the file is empty");
    EXPECT_EQ(ErrorOf("42"), "f.json: not JSON records: expected an array of objects, or one object per line (NDJSON)");
    EXPECT_EQ(ErrorOf("[1, 2]"), "f.json: not a JSON array of objects: expected an object, found 1");
    EXPECT_EQ(ErrorOf("[[{\"a\": 1}]]"), "f.json: not a JSON array of objects: expected an object, found a list");
    EXPECT_EQ(ErrorOf(R"([{"Name": 1, "name": 2}])"),
              "f.json: not a JSON array of objects: keys 'Name' and 'name' differ only by case; column names ignore "
              "case");
    EXPECT_NE(ErrorOf("[{\"a\": 1}").find("f.json: not a JSON array of objects: parse error"), std::string::npos);
    EXPECT_NE(ErrorOf("{\"a\": 1}\n{\"a\": \n").find("f.json:2: not one JSON object per line (NDJSON)"),
              std::string::npos);
}

} // namespace
} // namespace crosswalk
