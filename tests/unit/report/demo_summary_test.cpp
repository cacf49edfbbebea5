// The demo summary's queries keep money exact: no money-like column is DOUBLE or FLOAT, over the real FOCUS
// sample; and the NoFloatMoney check itself catches what it should.
#include <sstream>

#include <gtest/gtest.h>

#include "crosswalk/ingest/focus/focus_ingest.hpp"
#include "crosswalk/report/demo_summary.hpp"

#include "support/money_types.hpp"
#include "support/workspace_fixture.hpp"

namespace crosswalk {
namespace {

const std::string kSample =
    std::string(CROSSWALK_SHARED_DATA_DIR) + "/focus-samples/focus-1.0_finops-sample_aws-microsoft-oracle_1k.csv";

class DemoSummaryMoneyTest : public testing::WorkspaceTest {};

TEST_F(DemoSummaryMoneyTest, NoSummaryQueryYieldsMoneyAsDouble) {
    ingest::IngestFocus(Workspace(), std::vector<std::string>{kSample}, {}, {"test"});
    store::Connection connection = Workspace().Connect();
    const std::vector<report::SummarySection> sections = report::DemoSummarySections(connection);
    ASSERT_EQ(sections.size(), 5U);
    for (const report::SummarySection& section : sections) {
        EXPECT_TRUE(testing::NoFloatMoney(connection, section.sql)) << section.title;
    }
    // The share of spend is an exact decimal too.
    store::Result shares = connection.Query(sections[2].sql);
    EXPECT_EQ(shares.ColumnName(3), "percent_of_spend");
    EXPECT_EQ(shares.ColumnType(3), DUCKDB_TYPE_DECIMAL);
    std::ostringstream out;
    report::WriteDemoSummary(Workspace(), out);
    EXPECT_NE(out.str().find("percent_of_spend"), std::string::npos);
}

TEST_F(DemoSummaryMoneyTest, NoFloatMoneyNamesTheFloatColumns) {
    store::Connection connection = Workspace().Connect();
    const ::testing::AssertionResult result = testing::NoFloatMoney(
        connection, "SELECT avg(BilledCost) AS avg_cost, 1.5::DECIMAL(38,18) AS price, 0.5::DOUBLE AS ratio, "
                    "sum(EffectiveCost) / 2 AS EffectiveCost FROM cost_line");
    EXPECT_FALSE(result);
    EXPECT_NE(std::string(result.message()).find("avg_cost DOUBLE, EffectiveCost DOUBLE"), std::string::npos)
        << result.message();
    EXPECT_TRUE(testing::NoFloatMoney(connection, "SELECT money_div(1, 3, 4) AS unit_cost, 0.5::DOUBLE AS ratio"));
    EXPECT_TRUE(testing::LooksLikeMoney("x_BilledCostUSD"));
    EXPECT_FALSE(testing::LooksLikeMoney("resources"));
}

} // namespace
} // namespace crosswalk
