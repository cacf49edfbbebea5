// The money macros live in every workspace's schema, so `crosswalk sql` users (read-only) have them too.
#include <filesystem>

#include <gtest/gtest.h>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace crosswalk {
namespace {

TEST(MoneyCliTest, MacrosWorkInCrosswalkSql) {
    testing::TempDir directory;
    const std::string workspace = (directory / "ws").string();
    ASSERT_EQ(testing::RunProcess(CROSSWALK_BINARY, {"init", workspace}).exit_code, 0);
    const testing::ProcessResult result = testing::RunProcess(
        CROSSWALK_BINARY,
        {"sql", "-w", workspace, "--format", "csv",
         "SELECT money_mul(123456789012.345678, 98765.4321) AS product, money_div(2, 3, 4) AS ratio, "
         "money_round(2.675, 'USD') AS usd, minor_units('JPY') AS jpy, typeof(money_div(2, 3, 4)) AS type"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "product,ratio,usd,jpy,type\n"
                          "12193263112482853.122237463800000000,0.666700000000000000,2.680000000000000000,0,"
                          "\"DECIMAL(38,18)\"\n");
    const testing::ProcessResult split = testing::RunProcess(
        CROSSWALK_BINARY, {"sql", "-w", workspace, "--format", "csv",
                           "WITH pools AS (SELECT 'p' AS pool_key, t AS target_key, 'USD' AS currency, 100 AS "
                           "pool_amount, 1 AS weight FROM (VALUES ('a'), ('b'), ('c')) v(t)) "
                           "SELECT target_key, part_units FROM money_split(pools)"});
    EXPECT_EQ(split.exit_code, 0) << split.err;
    EXPECT_EQ(split.out, "target_key,part_units\na,3334\nb,3333\nc,3333\n");
}

} // namespace
} // namespace crosswalk
