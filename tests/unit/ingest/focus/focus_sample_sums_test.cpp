// The real FOCUS sample (the only file of shared/data/focus-samples that loads: the spec examples lack
// mandatory columns and are refused, see focus_ingest_test.cpp) keeps every amount exact: per-column and
// per-provider sums equal the ones computed from the file's bytes with Python's decimal module, and money
// arithmetic over it (money_mul, money_round, money_split) is exact and has no DOUBLE.
#include <gtest/gtest.h>

#include "crosswalk/ingest/focus/focus_ingest.hpp"

#include "support/money_types.hpp"
#include "support/workspace_fixture.hpp"

namespace crosswalk {
namespace {

const std::string kSample =
    std::string(CROSSWALK_SHARED_DATA_DIR) + "/focus-samples/focus-1.0_finops-sample_aws-microsoft-oracle_1k.csv";

class FocusSampleSumsTest : public testing::WorkspaceTest {
protected:
    FocusSampleSumsTest() { ingest::IngestFocus(Workspace(), std::vector<std::string>{kSample}, {}, {"test"}); }
};

// Expected values: sum(Decimal(v)) over the CSV's non-NULL cells (csv.DictReader; 'NULL' is the file's null).
TEST_F(FocusSampleSumsTest, EveryDecimalColumnSumsExactly) {
    EXPECT_EQ(Scalar("SELECT count(*) FROM cost_line"), "1000");
    const std::vector<std::pair<std::string, std::string>> sums = {
        {"BilledCost", "1000 20.520226728990000000"},         {"EffectiveCost", "1000 14.976514185860000000"},
        {"ListCost", "1000 20.390905751190000000"},           {"ContractedCost", "993 14.976260393260000000"},
        {"ListUnitPrice", "999 389.313914232300000000"},      {"ContractedUnitPrice", "993 97.997290000000000000"},
        {"PricingQuantity", "1000 13438.629310816820000000"}, {"ConsumedQuantity", "999 13438.712904456820057000"},
    };
    for (const auto& [column, expected] : sums) {
        EXPECT_EQ(Scalar("SELECT count(" + column + ") || ' ' || sum(" + column + ") FROM cost_line"), expected)
            << column;
    }
    EXPECT_EQ(Scalar("SELECT count(*) || ' ' || sum(BilledCost) FROM cost_line WHERE BilledCost < 0"),
              "13 -2.775671300100000000");
}

TEST_F(FocusSampleSumsTest, PerProviderSumsAreExact) {
    EXPECT_EQ(Scalar("SELECT string_agg(ProviderName || ':' || n || ':' || billed || ':' || effective, ' ' ORDER BY "
                     "ProviderName) FROM (SELECT ProviderName, count(*) AS n, sum(BilledCost) AS billed, "
                     "sum(EffectiveCost) AS effective FROM cost_line GROUP BY ALL)"),
              "AWS:942:18.006638618400000000:13.000000000000000000 "
              "Microsoft:51:1.976514185860000000:1.976514185860000000 "
              "Oracle:7:0.537073924730000000:0.000000000000000000");
    // Rounded to cents half away from zero, per provider (Python: quantize(ROUND_HALF_UP)).
    EXPECT_EQ(Scalar("SELECT string_agg(CAST(cents AS VARCHAR), ' ' ORDER BY ProviderName) FROM (SELECT "
                     "ProviderName, money_round(sum(EffectiveCost), any_value(BillingCurrency))::DECIMAL(38,2) AS "
                     "cents FROM cost_line GROUP BY ALL)"),
              "13.00 1.98 0.00");
}

// List price x quantity on real rows: up to 12 x 11 decimals, which the bare '*' cannot type (DECIMAL(38,36)
// would overflow at 100) and money_mul rounds once at the 18th decimal. Python: sum over rows of
// (price * quantity).quantize(1e-18, ROUND_HALF_UP).
TEST_F(FocusSampleSumsTest, PriceTimesQuantityIsExactToTheStoreScale) {
    const std::string sql = "SELECT count(*) AS rows_priced, sum(money_mul(ListUnitPrice, PricingQuantity)) AS "
                            "list_cost_from_price FROM cost_line WHERE ListUnitPrice IS NOT NULL";
    EXPECT_EQ(Scalar("SELECT rows_priced || ' ' || list_cost_from_price FROM (" + sql + ")"),
              "999 23.004351956668488000");
    store::Connection connection = Workspace().Connect();
    EXPECT_TRUE(testing::NoFloatMoney(connection, sql));
    // The provider's own ListCost differs from price x quantity on 490 rows (the provider rounds).
    EXPECT_EQ(Scalar("SELECT count(*) FROM cost_line WHERE ListUnitPrice IS NOT NULL AND "
                     "ListCost <> money_mul(ListUnitPrice, PricingQuantity)"),
              "490");
}

// The sample's total EffectiveCost, in cents, split over its providers by their BilledCost: the parts add up
// to the rounded total exactly (by hand: weights in millionths 18006639, 1976514, 537074; floors 1314, 144,
// 39; the one cent left goes to the largest remainder, AWS).
TEST_F(FocusSampleSumsTest, SplittingTheSampleConservesEveryCent) {
    EXPECT_EQ(Scalar("WITH pools AS (SELECT 'sample' AS pool_key, ProviderName AS target_key, 'USD' AS currency, "
                     "(SELECT sum(EffectiveCost) FROM cost_line) AS pool_amount, sum(BilledCost) AS weight "
                     "FROM cost_line GROUP BY ALL) SELECT string_agg(target_key || '=' || part_units, ' ' "
                     "ORDER BY target_key) || ' sum=' || sum(part_units) FROM money_split(pools)"),
              "AWS=1315 Microsoft=144 Oracle=39 sum=1498");
}

} // namespace
} // namespace crosswalk
