// What a list endpoint does to a report's rows: scope, filters, search, exact sorting, keyset pages, totals.
#include <gtest/gtest.h>

#include "crosswalk/api/http_error.hpp"
#include "crosswalk/api/table_query.hpp"

namespace crosswalk::api {
namespace {

using report::ColumnType;

report::ReportTable Statement() {
    report::ReportTable table;
    table.name = "chargeback";
    table.columns = {{"cost_center", ColumnType::kText, 0, ""}, {"provider", ColumnType::kText, 0, ""},
                     {"lines", ColumnType::kInteger, 0, ""},    {"share_pct", ColumnType::kPercentage, 1, ""},
                     {"total", ColumnType::kMoney, 2, ""},      {"currency", ColumnType::kText, 0, ""}};
    table.rows = {{"CC-1", "AWS", "3", "10.0", "9.50", "USD"},    {"CC-2", "Azure", "1", "20.0", "100.25", "USD"},
                  {"CC-1", "Azure", "2", "30.0", "10.00", "USD"}, {std::nullopt, "AWS", "5", "40.0", "-1.75", "USD"},
                  {"CC-2", "AWS", "4", "0.0", "7.00", "EUR"},     {"CC-3", "GCP", "1", "0.0", std::nullopt, "USD"}};
    table.totals = {{std::nullopt, std::nullopt, "4", std::nullopt, "7.00", "EUR"},
                    {std::nullopt, std::nullopt, "12", std::nullopt, "118.00", "USD"}};
    return table;
}

std::vector<std::string> Column(const TablePage& page, size_t column) {
    std::vector<std::string> values;
    for (const auto& row : page.table.rows) {
        values.push_back(row[column].value_or("NULL"));
    }
    return values;
}

TEST(TableQueryTest, WithoutAQueryEveryRowInTheReportsOrderWithItsTotals) {
    const TablePage page = QueryTable(Statement(), TableQuery{}, std::nullopt);
    EXPECT_EQ(page.matched, 6U);
    EXPECT_EQ(page.table.rows, Statement().rows);
    EXPECT_EQ(page.table.totals, Statement().totals);
    EXPECT_FALSE(page.next_cursor);
}

TEST(TableQueryTest, SortsNumbersByValueWithNullsLastEitherWay) {
    TableQuery query;
    query.sort.emplace("-total");
    EXPECT_EQ(Column(QueryTable(Statement(), query, std::nullopt), 4),
              (std::vector<std::string>{"100.25", "10.00", "9.50", "7.00", "-1.75", "NULL"}));
    query.sort.emplace("total");
    EXPECT_EQ(Column(QueryTable(Statement(), query, std::nullopt), 4),
              (std::vector<std::string>{"-1.75", "7.00", "9.50", "10.00", "100.25", "NULL"}));
    query.sort.emplace("cost_center"); // text; ties keep the report's order
    EXPECT_EQ(Column(QueryTable(Statement(), query, std::nullopt), 4),
              (std::vector<std::string>{"9.50", "10.00", "100.25", "7.00", "NULL", "-1.75"}));
}

TEST(TableQueryTest, KeysetPagesCoverEveryRowOnceAndSurviveARowGoingAway) {
    TableQuery query;
    query.sort.emplace("-total");
    query.limit = 4;
    const TablePage first = QueryTable(Statement(), query, std::nullopt);
    ASSERT_TRUE(first.next_cursor);
    EXPECT_EQ(Column(first, 4), (std::vector<std::string>{"100.25", "10.00", "9.50", "7.00"}));
    query.cursor = first.next_cursor;
    const TablePage second = QueryTable(Statement(), query, std::nullopt);
    EXPECT_EQ(Column(second, 4), (std::vector<std::string>{"-1.75", "NULL"}));
    EXPECT_FALSE(second.next_cursor);
    EXPECT_EQ(second.table.totals, Statement().totals); // the report's, over all pages
    // The cursor is the last row's key, not an offset: a row before it going away moves nothing after it.
    report::ReportTable changed = Statement();
    changed.rows.erase(changed.rows.begin() + 1); // the 100.25 row
    EXPECT_EQ(Column(QueryTable(changed, query, std::nullopt), 4), (std::vector<std::string>{"-1.75", "NULL"}));
    // A cursor of another sort, or none of ours, is refused.
    query.sort.emplace("total");
    EXPECT_THROW((void)QueryTable(Statement(), query, std::nullopt), HttpError);
    query.cursor = "not-hex";
    EXPECT_THROW((void)QueryTable(Statement(), query, std::nullopt), HttpError);
}

TEST(TableQueryTest, FiltersAndSearchNarrowAndTotalsAreTheMatchingRowsSums) {
    TableQuery query;
    query.filters = {{"provider", {"AWS", "GCP"}}};
    TablePage page = QueryTable(Statement(), query, std::nullopt);
    EXPECT_EQ(page.matched, 4U);
    ASSERT_EQ(page.table.totals.size(), 2U); // EUR and USD apart, never summed together
    EXPECT_EQ(page.table.totals[0], (report::ReportRow{std::nullopt, std::nullopt, "4", std::nullopt, "7.00", "EUR"}));
    EXPECT_EQ(page.table.totals[1], (report::ReportRow{std::nullopt, std::nullopt, "9", std::nullopt, "7.75", "USD"}));
    query.filters = {{"cost_center", {""}}}; // "" is NULL
    EXPECT_EQ(QueryTable(Statement(), query, std::nullopt).matched, 1U);
    query.filters.clear();
    query.search = "azu";
    EXPECT_EQ(QueryTable(Statement(), query, std::nullopt).matched, 2U);
    query.filters = {{"colour", {"blue"}}};
    try {
        (void)QueryTable(Statement(), query, std::nullopt);
        FAIL();
    } catch (const HttpError& error) {
        EXPECT_EQ(error.Status(), 400);
        EXPECT_NE(std::string(error.what()).find("its columns are: cost_center, provider"), std::string::npos);
    }
}

// A column the report totals as a count of rows (the bill lines' source_row) is counted, not summed; one it does
// not total stays NULL; a filter on a number matches by value.
TEST(TableQueryTest, RecomputedTotalsAddUpTheWayTheReportsOwnDo) {
    report::ReportTable lines;
    lines.name = "lines";
    lines.columns = {{"source_row", ColumnType::kInteger, 0, ""},
                     {"quantity", ColumnType::kInteger, 0, ""},
                     {"cost", ColumnType::kMoney, 2, ""},
                     {"currency", ColumnType::kText, 0, ""}};
    lines.rows = {{"10", "1", "1.00", "USD"}, {"20", "1", "2.50", "USD"}, {"30", "1", "0.0000", "USD"}};
    lines.totals = {{"3", std::nullopt, "3.50", "USD"}};
    TableQuery query;
    query.filters = {{"cost", {"0"}}};
    TablePage page = QueryTable(lines, query, std::nullopt);
    ASSERT_EQ(page.matched, 1U); // 0 is 0.0000
    query.filters = {{"cost", {"1", "2.5"}}};
    page = QueryTable(lines, query, std::nullopt);
    ASSERT_EQ(page.matched, 2U);
    EXPECT_EQ(page.table.totals, (std::vector<report::ReportRow>{{"2", std::nullopt, "3.50", "USD"}}));
}

TEST(TableQueryTest, ABudgetOrASeriesByCostCenterIsScopedToo) {
    report::ReportTable budget;
    budget.name = "budget";
    budget.columns = {{"scope_kind", ColumnType::kText, 0, ""}, {"scope_id", ColumnType::kText, 0, ""}};
    budget.rows = {{"cost_center", "CC-1"}, {"cost_center", "CC-2"}, {"application", "CC-2"}};
    const Principal scoped{"ana", Role::kViewer, {"CC-2"}, "id"};
    EXPECT_EQ(QueryTable(budget, TableQuery{}, scoped).table.rows,
              (std::vector<report::ReportRow>{{"cost_center", "CC-2"}}));
    report::ReportTable forecast;
    forecast.name = "forecast";
    forecast.columns = {{"series", ColumnType::kText, 0, ""}};
    forecast.rows = {{"CC-1"}, {"CC-2"}};
    TableQuery by_cost_center;
    by_cost_center.scope_column = "series";
    EXPECT_EQ(QueryTable(forecast, by_cost_center, scoped).table.rows, (std::vector<report::ReportRow>{{"CC-2"}}));
    EXPECT_THROW((void)QueryTable(forecast, TableQuery{}, scoped), HttpError);
}

TEST(TableQueryTest, AScopedPrincipalSeesOnlyItsCostCentersAndNoTableWithoutThem) {
    const Principal scoped{"ana", Role::kViewer, {"CC-2"}, "id"};
    const TablePage page = QueryTable(Statement(), TableQuery{}, scoped);
    EXPECT_EQ(Column(page, 0), (std::vector<std::string>{"CC-2", "CC-2"}));
    ASSERT_EQ(page.table.totals.size(), 2U);
    EXPECT_EQ(page.table.totals[1][4], "100.25"); // the report's total would tell other cost centers' spend
    TableQuery other;
    other.filters = {{"cost_center", {"CC-1"}}};
    EXPECT_EQ(QueryTable(Statement(), other, scoped).matched, 0U);
    report::ReportTable taxonomy = Statement();
    taxonomy.columns[0].name = "tower";
    try {
        (void)QueryTable(taxonomy, TableQuery{}, scoped);
        FAIL();
    } catch (const HttpError& error) {
        EXPECT_EQ(error.Status(), 403);
    }
    EXPECT_EQ(QueryTable(taxonomy, TableQuery{}, Principal{"root", Role::kAdmin, {}, "id"}).matched, 6U);
}

} // namespace
} // namespace crosswalk::api
