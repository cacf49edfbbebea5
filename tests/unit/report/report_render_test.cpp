// The report renderers on hand-made tables (exact decimal strings, RFC 4180 quoting, JSON keys and types,
// totals in tables only), ReportTable's exact decimal scales from SQL, and the report period.
#include <sstream>

#include <gtest/gtest.h>

#include "crosswalk/common/error.hpp"
#include "crosswalk/report/report_period.hpp"
#include "crosswalk/report/report_render.hpp"
#include "crosswalk/report/report_table.hpp"
#include "crosswalk/store/connection.hpp"
#include "crosswalk/store/database.hpp"

namespace crosswalk::report {
namespace {

ReportTable SampleTable() {
    ReportTable table;
    table.name = "sample";
    table.title = "a sample, period 2026-11";
    table.columns = {{"name", ColumnType::kText, 0, "(none)"},
                     {"count", ColumnType::kInteger, 0, ""},
                     {"cost", ColumnType::kDecimal, 6, ""},
                     {"share_pct", ColumnType::kPercentage, 2, "-"},
                     {"day", ColumnType::kDate, 0, ""}};
    table.rows = {{"plain", "3", "1234.560000", "87.50", "2026-11-01"},
                  {"with, comma and \"quote\"", "-12", "-0.000001", std::nullopt, std::nullopt},
                  {std::nullopt, "0", "0.000000", "100.00", "2026-11-30"}};
    table.totals = {{"total", std::nullopt, "1234.559999", std::nullopt, std::nullopt}};
    return table;
}

std::string Render(const ReportTable& table, ReportFormat format) {
    std::ostringstream out;
    WriteReport(table, format, out);
    return out.str();
}

TEST(ReportRenderTest, CsvQuotesFieldsAsRfc4180AndLeavesNullEmptyAndTotalsOut) {
    EXPECT_EQ(Render(SampleTable(), ReportFormat::kCsv), "name,count,cost,share_pct,day\n"
                                                         "plain,3,1234.560000,87.50,2026-11-01\n"
                                                         "\"with, comma and \"\"quote\"\"\",-12,-0.000001,,\n"
                                                         ",0,0.000000,100.00,2026-11-30\n");
}

TEST(ReportRenderTest, CsvQuotesLineBreaks) {
    ReportTable table;
    table.columns = {{"note", ColumnType::kText, 0, ""}};
    table.rows = {{"two\nlines"}, {"cr\rhere"}};
    EXPECT_EQ(Render(table, ReportFormat::kCsv), "note\n\"two\nlines\"\n\"cr\rhere\"\n");
}

TEST(ReportRenderTest, JsonKeysAreColumnNamesDecimalsAreStringsIntegersNumbersNullIsNull) {
    EXPECT_EQ(Render(SampleTable(), ReportFormat::kJson),
              "[\n"
              "  {\"name\": \"plain\", \"count\": 3, \"cost\": \"1234.560000\", \"share_pct\": \"87.50\", "
              "\"day\": \"2026-11-01\"},\n"
              "  {\"name\": \"with, comma and \\\"quote\\\"\", \"count\": -12, \"cost\": \"-0.000001\", "
              "\"share_pct\": null, \"day\": null},\n"
              "  {\"name\": null, \"count\": 0, \"cost\": \"0.000000\", \"share_pct\": \"100.00\", "
              "\"day\": \"2026-11-30\"}\n"
              "]\n");
}

TEST(ReportRenderTest, JsonOfNoRowsIsAnEmptyArray) {
    ReportTable table;
    table.columns = {{"a", ColumnType::kText, 0, ""}};
    EXPECT_EQ(Render(table, ReportFormat::kJson), "[]\n");
}

TEST(ReportRenderTest, JsonStringEscapesQuotesBackslashesAndControlCharacters) {
    EXPECT_EQ(JsonString("a\"b\\c\nd\te\x01"), "\"a\\\"b\\\\c\\nd\\te\\u0001\"");
    EXPECT_EQ(JsonString("Zürich"), "\"Zürich\""); // UTF-8 passes through
}

TEST(ReportRenderTest, TableAlignsNumbersRightShowsNullLabelsAndATotalsRow) {
    EXPECT_EQ(Render(SampleTable(), ReportFormat::kTable),
              "a sample, period 2026-11\n"
              "\n"
              "name                     count         cost  share_pct  day\n"
              "-----------------------  -----  -----------  ---------  ----------\n"
              "plain                        3  1234.560000      87.50  2026-11-01\n"
              "with, comma and \"quote\"    -12    -0.000001          -\n"
              "(none)                       0     0.000000     100.00  2026-11-30\n"
              "-----------------------  -----  -----------  ---------  ----------\n"
              "total                           1234.559999\n"
              "(3 rows)\n");
}

TEST(ReportRenderTest, FormatNamesParseAndAnUnknownOneIsRefused) {
    EXPECT_EQ(ParseReportFormat("table"), ReportFormat::kTable);
    EXPECT_EQ(ParseReportFormat("csv"), ReportFormat::kCsv);
    EXPECT_EQ(ParseReportFormat("json"), ReportFormat::kJson);
    EXPECT_EQ(ParseReportFormat("xlsx"), ReportFormat::kXlsx);
    try {
        (void)ParseReportFormat("xml");
        FAIL() << "xml accepted";
    } catch (const Error& error) {
        EXPECT_EQ(error.Kind(), ErrorKind::kInvalidInput);
        EXPECT_STREQ(error.what(), "unknown report format 'xml': use table, csv, json or xlsx");
    }
}

class ReportQueryTest : public ::testing::Test {
protected:
    store::Database database_ = store::Database::OpenInMemory();
    store::Connection connection_{database_};
};

// Each decimal column shows every value exactly, all with the same decimals: the column's scale, or more
// where a value needs them; totals share the rows' scale. Nothing is rounded.
TEST_F(ReportQueryTest, DecimalColumnsAreExactWithOneScalePerColumn) {
    const std::vector<ReportColumn> columns = {{"label", ColumnType::kText, 0, ""},
                                               {"amount", ColumnType::kDecimal, 2, ""},
                                               {"other", ColumnType::kDecimal, 2, ""},
                                               {"n", ColumnType::kInteger, 0, ""},
                                               {"day", ColumnType::kDate, 0, ""}};
    const ReportTable table = RunReportQuery(
        connection_, "t", "title", columns,
        "SELECT * FROM (VALUES ('a', 1.5::DECIMAL(38,18), 3::DECIMAL(38,18), 7::HUGEINT, DATE '2026-02-28'), "
        "('b', 0.000000000000000001::DECIMAL(38,18), 4.25::DECIMAL(18,4), -1::TINYINT, NULL)) "
        "AS v(label, amount, other, n, day) ORDER BY label",
        "SELECT 'total' AS label, 123456789012345678.5::DECIMAL(38,18) AS amount, 7.25 AS other, "
        "NULL::BIGINT AS n, NULL::DATE AS day");
    ASSERT_EQ(table.rows.size(), 2U);
    EXPECT_EQ(table.rows[0], (ReportRow{"a", "1.500000000000000000", "3.00", "7", "2026-02-28"}));
    EXPECT_EQ(table.rows[1], (ReportRow{"b", "0.000000000000000001", "4.25", "-1", std::nullopt}));
    ASSERT_EQ(table.totals.size(), 1U);
    EXPECT_EQ(table.totals[0],
              (ReportRow{"total", "123456789012345678.500000000000000000", "7.25", std::nullopt, std::nullopt}));
    EXPECT_EQ(table.ColumnIndex("other"), 2U);
}

TEST_F(ReportQueryTest, AQueryWithOtherColumnsThanDeclaredIsAnInternalError) {
    try {
        (void)RunReportQuery(connection_, "t", "", {{"a", ColumnType::kText, 0, ""}}, "SELECT 'x' AS b");
        FAIL() << "accepted";
    } catch (const Error& error) {
        EXPECT_EQ(error.Kind(), ErrorKind::kInternal);
        EXPECT_STREQ(error.what(), "report t: its query returns the columns (b), not (a)");
    }
}

// Money is a decimal in the currency of its row: CSV and JSON show it as any decimal, and a table with money
// but no currency column is a programming error, caught when the report runs.
TEST_F(ReportQueryTest, MoneyRendersAsADecimalAndNeedsACurrencyColumn) {
    const ReportTable table = RunReportQuery(
        connection_, "t", "title", {{"cost", ColumnType::kMoney, 2, ""}, {"currency", ColumnType::kText, 0, ""}},
        "SELECT 1.005::DECIMAL(38,9) AS cost, 'USD' AS currency");
    EXPECT_EQ(Render(table, ReportFormat::kCsv), "cost,currency\n1.005,USD\n");
    EXPECT_EQ(Render(table, ReportFormat::kJson), "[\n  {\"cost\": \"1.005\", \"currency\": \"USD\"}\n]\n");
    try {
        (void)RunReportQuery(connection_, "t", "", {{"cost", ColumnType::kMoney, 2, ""}}, "SELECT 1.5 AS cost");
        FAIL() << "accepted";
    } catch (const Error& error) {
        EXPECT_EQ(error.Kind(), ErrorKind::kInternal);
        EXPECT_STREQ(error.what(), "report t has money columns but no currency column");
    }
}

// Money never passes through a binary float: a DOUBLE where a report declares a decimal is refused, not
// converted.
TEST_F(ReportQueryTest, ADoubleInADecimalColumnIsRefused) {
    try {
        (void)RunReportQuery(connection_, "t", "", {{"cost", ColumnType::kDecimal, 2, ""}},
                             "SELECT 0.1::DOUBLE AS cost");
        FAIL() << "accepted";
    } catch (const Error& error) {
        EXPECT_EQ(error.Kind(), ErrorKind::kInternal) << error.what();
    }
}

TEST(ReportPeriodTest, ParsesYearAndMonthAndRefusesAnythingElse) {
    EXPECT_EQ(Period::Parse("2026-11"), (Period{2026, 11}));
    EXPECT_EQ(Period::Parse("2026-12").Next(), (Period{2027, 1}));
    EXPECT_EQ((Period{2026, 3}).ToString(), "2026-03");
    for (const char* bad : {"2026-13", "2026-00", "2026-1", "26-11", "2026/11", "2026-11-01", "", "abcd-ef"}) {
        try {
            (void)Period::Parse(bad);
            ADD_FAILURE() << bad << " accepted";
        } catch (const Error& error) {
            EXPECT_EQ(error.Kind(), ErrorKind::kInvalidInput);
            EXPECT_EQ(std::string(error.what()),
                      fmt::format("bad period '{}': expected a month as YYYY-MM, e.g. 2026-11", bad));
        }
    }
}

TEST(ReportPeriodTest, DescribesWhetherTheMonthWasChosenAndSelectsTheMonthHalfOpen) {
    EXPECT_EQ((ResolvedPeriod{{2026, 11}, true}).Describe(), "period 2026-11 (the latest month with cost lines)");
    EXPECT_EQ((ResolvedPeriod{{2026, 11}, false}).Describe(), "period 2026-11");
    EXPECT_EQ((ResolvedPeriod{{2026, 12}, false}).Condition("t"),
              "(t >= TIMESTAMP '2026-12-01 00:00:00' AND t < TIMESTAMP '2027-01-01 00:00:00')");
}

} // namespace
} // namespace crosswalk::report
