// `crosswalk generate`, `crosswalk demo` and `crosswalk ingest` of a
// workspace's configured sources, as a newcomer runs them. Suites named
// Generated* start from the generated_workspace fixture that ctest makes once
// with `crosswalk generate --months 2` and `crosswalk ingest`
// (tests/support/generated_workspace.hpp).
#include <algorithm>
#include <filesystem>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/crosswalk_cli.hpp"
#include "support/generated_workspace.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace crosswalk {
namespace {

namespace fs = std::filesystem;
using testing::ProcessResult;

using testing::Crosswalk;

std::string Sql(const fs::path& workspace, const std::string& query) {
    return testing::CrosswalkSql(workspace, query);
}

int64_t ExpectedBillingRows(const fs::path& workspace) {
    const auto expected = nlohmann::json::parse(testing::ReadFile(workspace / "expected.json"));
    return expected["billing"]["total"]["rows"].get<int64_t>();
}

// The whole demo, as README's main job runs it: six months of billing (slow: CI
// runs it with --slow).
TEST(DemoSlowTest, TheDemoRunsEndToEndAtScaleOne) {
    testing::TempDir directory;
    const fs::path demo = directory / "demo";
    const ProcessResult result = Crosswalk({"demo", demo.string()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    for (const char* part :
         {"generated Northwind Outfitters", "rejected 0", "Cloud spend by provider and month", "Top applications",
          "Top applications by TCO", "Forecast of next month per provider", "back-tested at",
          "Cost anomalies and trends", "AWS / 222233334444 / AWS Lambda", "Budgets, period", "over_budget",
          "Cost of resources without an application tag", "Cost with no application", "Software inventory",
          "Where to look:", "expected.json", "dashboard"}) {
        EXPECT_NE(result.out.find(part), std::string::npos) << part << " missing from\n" << result.out;
    }
    for (const char* provider : {"AWS", "Microsoft", "Google Cloud", "Datadog"}) {
        EXPECT_NE(result.out.find(std::string("\n") + provider), std::string::npos) << provider;
    }
    // Everything the generator wrote is in the store, and the summary's totals
    // are the store's.
    EXPECT_EQ(Sql(demo, "SELECT count(*) AS n FROM cost_line"),
              "n\n" + std::to_string(ExpectedBillingRows(demo)) + "\n");
    EXPECT_EQ(Sql(demo, "SELECT count(*) AS n FROM rejected_row"), "n\n0\n");
    EXPECT_EQ(Sql(demo, "SELECT count(DISTINCT kind) AS n FROM source_file"), "n\n11\n");

    // The forecast's back-test over six months: March to June tested (eight weeks of history before each), the
    // accuracy figures recomputed from the rows (forecasts are rounded to the cent, so to 0.1 point), every
    // history month's actual the bill's to the digit.
    const ProcessResult forecast = Crosswalk({"report", "forecast", "-w", demo.string(), "--format", "csv"});
    ASSERT_EQ(forecast.exit_code, 0) << forecast.err;
    const fs::path csv = directory / "forecast.csv";
    testing::WriteFile(csv, forecast.out);
    const std::string from_csv = "read_csv('" + csv.string() + "', all_varchar = true)";
    EXPECT_EQ(Sql(demo, "SELECT string_agg(period, ' ' ORDER BY period) AS tested FROM " + from_csv +
                            " WHERE series = '(all)' AND kind = 'back-test'"),
              "tested\n2026-03 2026-04 2026-05 2026-06\n");
    EXPECT_EQ(
        Sql(demo, "SELECT count(*) AS n FROM " + from_csv +
                      " AS f FULL JOIN (SELECT strftime(ChargePeriodStart, '%Y-%m') AS period, sum(EffectiveCost) "
                      "AS actual FROM cost_line GROUP BY 1) AS b ON f.period = b.period AND f.series = '(all)' "
                      "WHERE f.series = '(all)' AND f.kind <> 'forecast' AND f.actual::DECIMAL(38,10) IS "
                      "DISTINCT FROM b.actual"),
        "n\n0\n");
    EXPECT_EQ(Sql(demo, "SELECT bool_and(abs(recomputed - mape_backtest::DECIMAL(9,1)) <= 0.1 AND abs(naive_recomputed "
                        "- mape_naive::DECIMAL(9,1)) <= 0.1) AS accurate FROM (SELECT series, any_value(mape_backtest) "
                        "AS mape_backtest, any_value(mape_naive) AS mape_naive, 100 * avg(abs(actual::DOUBLE - "
                        "forecast::DOUBLE) / abs(actual::DOUBLE)) AS recomputed, 100 * avg(abs(actual::DOUBLE - "
                        "naive::DOUBLE) / abs(actual::DOUBLE)) AS naive_recomputed FROM " +
                            from_csv + " WHERE kind = 'back-test' AND actual::DOUBLE <> 0 GROUP BY series)"),
              "accurate\ntrue\n");
    EXPECT_EQ(Sql(demo, "SELECT count(*) AS n FROM " + from_csv + " WHERE kind = 'forecast' AND series = '(all)'"),
              "n\n3\n");
    // On the whole bill the model beats the naive seasonal baseline, month by month and day by day
    // (docs/forecasts.md has the figures).
    EXPECT_EQ(Sql(demo, "SELECT mape_backtest::DOUBLE < mape_naive::DOUBLE AS monthly, mape_daily::DOUBLE < "
                        "mape_daily_naive::DOUBLE AS daily FROM " +
                            from_csv + " WHERE series = '(all)' LIMIT 1"),
              "monthly,daily\ntrue,true\n");

    // The injected anomaly is the one spike of the six months, with its days (+-1), account, service and the
    // resource behind it; the slow drift is a trend, never a spike.
    const auto truth = nlohmann::json::parse(testing::ReadFile(demo / "expected.json"))["anomalies"];
    const ProcessResult anomalies = Crosswalk({"report", "anomalies", "-w", demo.string(), "--format", "csv"});
    ASSERT_EQ(anomalies.exit_code, 0) << anomalies.err;
    const fs::path anomalies_csv = directory / "anomalies.csv";
    testing::WriteFile(anomalies_csv, anomalies.out);
    const std::string from_anomalies = "read_csv('" + anomalies_csv.string() + "', all_varchar = true)";
    const std::string spike = truth["anomaly"]["provider"].get<std::string>() + " / " +
                              truth["anomaly"]["sub_account_id"].get<std::string>() + " / " +
                              truth["anomaly"]["service_name"].get<std::string>();
    EXPECT_EQ(Sql(demo, "SELECT series, abs(first_day::DATE - DATE '" +
                            truth["anomaly"]["first_day"].get<std::string>() +
                            "') <= 1 AS first_ok, abs(last_day::DATE - DATE '" +
                            truth["anomaly"]["last_day"].get<std::string>() +
                            "') <= 1 AS last_ok, drivers LIKE 'resource %' AS resource_named, owner IS NOT NULL AS "
                            "owned FROM " +
                            from_anomalies + " WHERE kind = 'spike'"),
              "series,first_ok,last_ok,resource_named,owned\n" + spike + ",true,true,true,true\n");
    const std::string drift = truth["drift"]["provider"].get<std::string>() + " / " +
                              truth["drift"]["sub_account_id"].get<std::string>() + " / " +
                              truth["drift"]["service_name"].get<std::string>();
    EXPECT_EQ(Sql(demo, "SELECT string_agg(kind, ' ' ORDER BY kind) AS kinds FROM " + from_anomalies +
                            " WHERE series = '" + drift + "'"),
              "kinds\ntrend\n");
}

TEST(GeneratedWorkspaceCliTest, RunningTheDemoAgainStartsOver) {
    testing::TempDir directory;
    const fs::path demo = directory / "demo";
    testing::CopyFolder(testing::LoadedWorkspace(),
                        demo); // a demo folder with everything loaded
    const ProcessResult again = Crosswalk({"demo", demo.string(), "--months", "1", "--seed", "7"});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(Sql(demo, "SELECT count(*) AS n FROM cost_line"),
              "n\n" + std::to_string(ExpectedBillingRows(demo)) + "\n");
}

TEST(DemoCliTest, GenerateRefusesAFolderItDidNotMake) {
    testing::TempDir directory;
    testing::WriteFile(directory / "mine" / "budget.xlsx", "not ours to overwrite");
    const ProcessResult result = Crosswalk({"generate", (directory / "mine").string()});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("mine"), std::string::npos) << result.err;
    EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
    EXPECT_EQ(testing::ReadFile(directory / "mine" / "budget.xlsx"), "not ours to overwrite");
}

TEST(GeneratedWorkspaceCliTest, GeneratedBillingIsConformantFocus) {
    const ProcessResult result = Crosswalk({"validate", "focus", (testing::GeneratedFiles() / "billing").string()});
    EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
}

TEST(GeneratedWorkspaceCliTest, IngestWithoutArgumentsLoadsEveryConfiguredSourceOnce) {
    testing::TempDir directory;
    const fs::path demo = directory / "demo";
    testing::CopyFolder(testing::GeneratedFiles(), demo);
    const ProcessResult first = Crosswalk({"ingest", "-w", demo.string()});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    const std::string rows = "n\n" + std::to_string(ExpectedBillingRows(demo)) + "\n";
    EXPECT_EQ(Sql(demo, "SELECT count(*) AS n FROM cost_line"), rows);
    const ProcessResult second = Crosswalk({"ingest", "-w", demo.string()});
    ASSERT_EQ(second.exit_code, 0) << second.err;
    EXPECT_EQ(Sql(demo, "SELECT count(*) AS n FROM cost_line"), rows);
    // One kind alone loads that kind's configured sources.
    const ProcessResult org = Crosswalk({"ingest", "org", "-w", demo.string()});
    EXPECT_EQ(org.exit_code, 0) << org.err;
}

} // namespace
} // namespace crosswalk
