#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "crosswalk/common/text.hpp"

namespace crosswalk {
namespace {

TEST(TextTest, JoinPutsTheSeparatorBetweenItemsOnly) {
    EXPECT_EQ(Join(std::vector<std::string>{}), "");
    EXPECT_EQ(Join(std::vector<std::string>{"a"}), "a");
    EXPECT_EQ(Join(std::vector<std::string>{"a", "b", "c"}), "a, b, c");
    EXPECT_EQ(Join(std::vector<std::string_view>{"x", "y"}, " OR "), "x OR y");
    // An empty item still gets its separators, unlike `list += (list.empty() ? "" : ", ") + x`.
    EXPECT_EQ(Join(std::vector<std::string>{"", "b"}, ","), ",b");
}

TEST(TextTest, JoinFormatsNumbersAndTakesAProjection) {
    EXPECT_EQ(Join(std::vector<int64_t>{1, -2, 30}), "1, -2, 30");
    EXPECT_EQ(Join(std::vector<std::string>{"a", "b"}, ", ", [](const std::string& s) { return "'" + s + "'"; }),
              "'a', 'b'");
    EXPECT_EQ(Join(std::vector<int>{}, ", ", [](int i) { return std::to_string(i); }), "");
}

TEST(TextTest, CaseFoldingIsAsciiOnly) {
    EXPECT_EQ(ToLower("Application-Name 42"), "application-name 42");
    EXPECT_EQ(ToUpper("prd-pay-db-01"), "PRD-PAY-DB-01");
    EXPECT_EQ(ToLower("ÄB"), "Äb"); // the UTF-8 bytes of Ä are left alone
    EXPECT_EQ(ToLower(""), "");
}

TEST(TextTest, FirstLineStopsAtTheFirstLineBreak) {
    EXPECT_EQ(FirstLine("Parser Error: syntax error\nLINE 1: SELEC\n       ^"), "Parser Error: syntax error");
    EXPECT_EQ(FirstLine("one line"), "one line");
    EXPECT_EQ(FirstLine("\nsecond"), "");
    EXPECT_EQ(FirstLine(""), "");
}

} // namespace
} // namespace crosswalk
