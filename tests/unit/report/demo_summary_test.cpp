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
    ASSERT_EQ(sections.size(), 8U);
    for (const report::SummarySection& section : sections) {
        EXPECT_TRUE(testing::NoFloatMoney(connection, section.sql)) << section.title;
    }
    // The shares are exact decimals too.
    store::Result untagged = connection.Query(sections[2].sql);
    EXPECT_EQ(untagged.ColumnName(3), "percent_of_untagged");
    EXPECT_EQ(untagged.ColumnType(3), DUCKDB_TYPE_DECIMAL);
    store::Result shares = connection.Query(sections[3].sql);
    EXPECT_EQ(shares.ColumnName(3), "percent_of_spend");
    EXPECT_EQ(shares.ColumnType(3), DUCKDB_TYPE_DECIMAL);
    store::Result placed = connection.Query(sections[4].sql);
    EXPECT_EQ(placed.ColumnName(2), "percent_of_spend");
    EXPECT_EQ(placed.ColumnType(2), DUCKDB_TYPE_DECIMAL);
    std::ostringstream out;
    report::WriteDemoSummary(Workspace(), out);
    EXPECT_NE(out.str().find("percent_of_spend"), std::string::npos);
}

// Entitled quantities show without DECIMAL(18,4)'s trailing zeros, exactly, under headers that say what is
// counted.
TEST_F(DemoSummaryMoneyTest, InventoryShowsQuantitiesWithoutTrailingZeros) {
    store::Connection connection = Workspace().Connect();
    connection.Execute("INSERT INTO entitlement (entitlement_id, product, metric, quantity) VALUES "
                       "('e1', 'Oracle Database', 'per_core', 200), ('e2', 'Oracle Database', 'per_core', 40), "
                       "('e3', 'SQL Server', 'per_core', 16)");
    connection.Execute("INSERT INTO installation (installation_id, product, host_kind, host_id) VALUES "
                       "('i1', 'Oracle Database', 'resource', 'vm-1'), ('i2', 'SQL Server', 'asset', 'a-1')");
    const std::vector<report::SummarySection> sections = report::DemoSummarySections(connection);
    ASSERT_EQ(sections.size(), 8U);
    const report::SummarySection& inventory = sections[6];
    EXPECT_TRUE(testing::NoFloatMoney(connection, inventory.sql));
    store::Result result = connection.Query(inventory.sql);
    std::vector<std::string> names;
    for (uint64_t i = 0; i < result.ColumnCount(); ++i) {
        names.push_back(result.ColumnName(i));
    }
    EXPECT_EQ(names, (std::vector<std::string>{"product", "installations", "installations_on_cloud_vms",
                                               "entitled_quantity", "license_metric"}));
    EXPECT_EQ(result.ColumnType(3), DUCKDB_TYPE_DECIMAL); // exact, not a float
    std::ostringstream out;
    report::WriteDemoSummary(Workspace(), out);
    EXPECT_NE(out.str().find("240  per_core"), std::string::npos) << out.str();
    EXPECT_EQ(out.str().find("240.0000"), std::string::npos) << out.str();
    // A fractional quantity keeps its digits (and only the decimals needed).
    connection.Execute("INSERT INTO entitlement (entitlement_id, product, metric, quantity) VALUES "
                       "('e4', 'SQL Server', 'per_core', 0.5)");
    std::ostringstream fractional;
    report::WriteDemoSummary(Workspace(), fractional);
    EXPECT_NE(fractional.str().find("16.5  per_core"), std::string::npos) << fractional.str();
    EXPECT_NE(fractional.str().find("240.0  per_core"), std::string::npos) << fractional.str();
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
