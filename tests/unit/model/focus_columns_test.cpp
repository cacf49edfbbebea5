#include <algorithm>
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "crosswalk/model/focus_columns.hpp"
#include "crosswalk/model/migrator.hpp"

#include "support/store_fixture.hpp"

namespace crosswalk {
namespace {

using model::FocusVersion;

int CountPresentIn(FocusVersion version) {
    const auto columns = model::FocusColumns();
    return static_cast<int>(std::count_if(columns.begin(), columns.end(), [&](const model::FocusColumn& column) {
        return model::PresenceIn(column, version) != model::Presence::kAbsent;
    }));
}

TEST(FocusColumnsTest, EachVersionHasItsSpecifiedColumnCount) {
    EXPECT_EQ(CountPresentIn(FocusVersion::k1_0), 43);
    EXPECT_EQ(CountPresentIn(FocusVersion::k1_1), 50);
    EXPECT_EQ(CountPresentIn(FocusVersion::k1_2), 57);
}

TEST(FocusColumnsTest, FormerNamesLeadToTheCurrentColumn) {
    ASSERT_NE(model::FindFocusColumn("UsageQuantity"), nullptr);
    EXPECT_EQ(model::FindFocusColumn("UsageQuantity")->name, "ConsumedQuantity");
    EXPECT_EQ(model::FindFocusColumn("ChargeType")->name, "ChargeCategory");
    EXPECT_EQ(model::FindFocusColumn("BilledCost")->name, "BilledCost");
    EXPECT_EQ(model::FindFocusColumn("x_Custom"), nullptr);
    EXPECT_EQ(model::FindFocusColumn("billedcost"), nullptr); // FOCUS ids are exact-case
}

TEST(FocusColumnsTest, EnumeratedColumnsListTheirValues) {
    const auto categories = model::AllowedValues("ChargeCategory");
    EXPECT_NE(std::find(categories.begin(), categories.end(), "Usage"), categories.end());
    const auto frequencies = model::AllowedValues("ChargeFrequency");
    EXPECT_NE(std::find(frequencies.begin(), frequencies.end(), "Usage-Based"), frequencies.end());
    EXPECT_EQ(std::find(frequencies.begin(), frequencies.end(), "Usage-based"), frequencies.end());
    EXPECT_TRUE(model::AllowedValues("BilledCost").empty());
}

using FocusSchemaTest = testing::StoreTest;

// The catalog (which drives ingestion) and migration 0001 (which made the table) must agree column by column.
TEST_F(FocusSchemaTest, CatalogMatchesTheCostLineTable) {
    model::Migrate(connection_);
    std::map<std::string, std::string> table_columns;
    store::Result result =
        connection_.Query("SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'cost_line'");
    while (auto chunk = result.NextChunk()) {
        for (uint64_t row = 0; row < chunk->Size(); ++row) {
            table_columns.emplace(chunk->Column(0).String(row), chunk->Column(1).String(row));
        }
    }
    for (const model::FocusColumn& column : model::FocusColumns()) {
        const auto found = table_columns.find(std::string(column.name));
        ASSERT_NE(found, table_columns.end()) << column.name << " is missing from cost_line";
        EXPECT_EQ(found->second, column.sql_type) << column.name;
        table_columns.erase(found);
    }
    // What is left are crosswalk's own columns.
    std::set<std::string> own;
    for (const auto& [name, type] : table_columns) {
        own.insert(name);
    }
    EXPECT_EQ(own, (std::set<std::string>{"repairs", "source_file_id", "source_row", "x_columns"}));
}

} // namespace
} // namespace crosswalk
