// `crosswalk alerts`: the budget alerts printed, then posted to a real HTTP server on loopback. A 503 is retried,
// a 400 is not (the alert fails and the command says so), a second run posts only what was not delivered, and
// every alert reaches the receiver with a 2xx exactly once, with its key as the Idempotency-Key.
#include <filesystem>
#include <map>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/crosswalk_cli.hpp"
#include "support/generated_workspace.hpp"
#include "support/http_server.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace crosswalk {
namespace {

namespace fs = std::filesystem;
using testing::Crosswalk;
using testing::ProcessResult;

TEST(GeneratedAlertsCliTest, PostedOnceEachRetriedOnAServerError) {
    testing::TempDir directory;
    const fs::path workspace = directory / "demo";
    testing::CopyFolder(testing::LoadedWorkspace(), workspace);
    const ProcessResult listed = Crosswalk({"alerts", "-w", workspace.string(), "--format", "json"});
    ASSERT_EQ(listed.exit_code, 0) << listed.err;
    const nlohmann::json alerts = nlohmann::json::parse(listed.out);
    ASSERT_GE(alerts.size(), 2U) << listed.out;
    for (const nlohmann::json& alert : alerts) {
        EXPECT_TRUE(alert["status"] == "over_budget" || alert["status"] == "under_budget") << alert.dump();
        EXPECT_FALSE(alert["owner"].is_null()) << alert.dump();
    }

    // The first alert: 503, then 400 (not retried: it fails); the rest 200.
    testing::RecordingHttpServer server({503, 400});
    const std::string url = server.Url("/hooks/finops");
    const ProcessResult first = Crosswalk({"alerts", "-w", workspace.string(), "--post", "--webhook", url});
    EXPECT_EQ(first.exit_code, 1) << first.err;
    EXPECT_NE(first.err.find(std::to_string(alerts.size() - 1) + " posted"), std::string::npos) << first.err;
    EXPECT_NE(first.err.find("HTTP 400 after 2 attempts"), std::string::npos) << first.err;

    // The second run posts the one that failed, and nothing else.
    const ProcessResult second = Crosswalk({"alerts", "-w", workspace.string(), "--post", "--webhook", url});
    EXPECT_EQ(second.exit_code, 0) << second.err;
    EXPECT_NE(second.err.find("1 posted to " + url + ", " + std::to_string(alerts.size() - 1) + " delivered before"),
              std::string::npos)
        << second.err;

    const std::vector<testing::HttpRequest> requests = server.Requests();
    ASSERT_EQ(requests.size(), alerts.size() + 2);
    std::map<std::string, int> delivered;
    for (const testing::HttpRequest& request : requests) {
        EXPECT_EQ(request.method, "POST");
        EXPECT_EQ(request.path, "/hooks/finops");
        EXPECT_EQ(request.headers.at("content-type"), "application/json");
        const nlohmann::json body = nlohmann::json::parse(request.body);
        EXPECT_EQ(request.headers.at("idempotency-key"), body["alert_key"].get<std::string>());
        if (request.answered == 200) {
            ++delivered[body["alert_key"].get<std::string>()];
        }
    }
    ASSERT_EQ(delivered.size(), alerts.size());
    for (const nlohmann::json& alert : alerts) {
        EXPECT_EQ(delivered[alert["alert_key"].get<std::string>()], 1) << alert["alert_key"];
    }
}

// The budget report's parts, each from its own table: the month's cloud is the allocation's, labor the ledger's
// Staffing lines, licenses the statement's license rows; actual their sum; the year adds January; a complete
// month projects its actual; variance and status follow the budget and the default thresholds (5 %, 15 %).
TEST(GeneratedAlertsCliTest, TheBudgetReportTiesToItsSources) {
    const fs::path workspace = testing::LoadedWorkspace();
    const ProcessResult budget =
        Crosswalk({"report", "budget", "-w", workspace.string(), "--period", "2026-02", "--format", "csv"});
    ASSERT_EQ(budget.exit_code, 0) << budget.err;
    testing::TempDir directory;
    const fs::path csv = directory / "budget.csv";
    testing::WriteFile(csv, budget.out);
    const std::string rows = "(SELECT * REPLACE (budget::DECIMAL(38,10) AS budget, actual::DECIMAL(38,10) AS actual, "
                             "cloud::DECIMAL(38,10) AS cloud, licenses::DECIMAL(38,10) AS licenses, "
                             "labor::DECIMAL(38,10) AS labor, forecast_end_of_period::DECIMAL(38,10) AS "
                             "forecast_end_of_period, variance::DECIMAL(38,10) AS variance) FROM read_csv('" +
                             csv.string() + "', all_varchar = true))";
    EXPECT_EQ(
        testing::CrosswalkSql(workspace, "SELECT count(*) > 0 AS some, bool_and(actual = cloud + licenses + labor) AS "
                                         "summed, bool_and(forecast_end_of_period = actual) AS complete, "
                                         "bool_and(variance = actual - budget) AS variance FROM " +
                                             rows + " AS r WHERE scope_kind = 'cost_center' AND budget IS NOT NULL"),
        "some,summed,complete,variance\ntrue,true,true,true\n");
    EXPECT_EQ(
        testing::CrosswalkSql(
            workspace,
            R"(
WITH cloud AS (SELECT cost_center, sum(effective_cost) AS v FROM allocation_result WHERE period = '2026-02' GROUP BY 1),
labor AS (SELECT cost_center_id AS cost_center, sum(amount) AS v FROM ledger_line_enriched
          WHERE cost_pool = 'Staffing' AND posting_period = DATE '2026-02-01' GROUP BY 1),
planned AS (SELECT scope_id AS cost_center, sum(amount) AS v FROM budget
            WHERE scope_kind = 'cost_center' AND period = DATE '2026-02-01' GROUP BY 1)
SELECT bool_and(r.cloud = coalesce(c.v, 0) AND r.labor = coalesce(l.v, 0) AND r.budget IS NOT DISTINCT FROM p.v)
           AS tied
FROM )" + rows +
                R"( AS r LEFT JOIN cloud AS c ON c.cost_center = r.scope_id LEFT JOIN labor AS l ON l.cost_center = r.scope_id
LEFT JOIN planned AS p ON p.cost_center = r.scope_id
WHERE r.scope_kind = 'cost_center' AND r.horizon = 'month')"),
        "tied\ntrue\n");
    // The year to February is January's month plus February's.
    const ProcessResult january =
        Crosswalk({"report", "budget", "-w", workspace.string(), "--period", "2026-01", "--format", "csv"});
    ASSERT_EQ(january.exit_code, 0) << january.err;
    const fs::path january_csv = directory / "january.csv";
    testing::WriteFile(january_csv, january.out);
    const std::string january_rows = "(SELECT scope_id, actual::DECIMAL(38,10) AS actual, budget::DECIMAL(38,10) AS "
                                     "budget FROM read_csv('" +
                                     january_csv.string() + "', all_varchar = true) WHERE horizon = 'month')";
    EXPECT_EQ(testing::CrosswalkSql(
                  workspace, "SELECT count(*) > 0 AS some, bool_and(y.actual = m.actual + j.actual AND "
                             "y.budget = m.budget + j.budget) AS year_adds_up FROM " +
                                 rows + " AS y JOIN " + rows +
                                 " AS m ON m.scope_id = y.scope_id AND m.horizon = 'month' JOIN " + january_rows +
                                 " AS j ON j.scope_id = y.scope_id WHERE y.horizon = 'year' AND "
                                 "y.budget IS NOT NULL"),
              "some,year_adds_up\ntrue,true\n");
    EXPECT_EQ(
        testing::CrosswalkSql(workspace, "SELECT bool_and(status = CASE WHEN variance_pct::DECIMAL(9,1) > 5 THEN "
                                         "'over_budget' WHEN variance_pct::DECIMAL(9,1) < -15 THEN 'under_budget' "
                                         "ELSE 'on_track' END) AS statuses FROM " +
                                             rows + " AS r WHERE budget IS NOT NULL"),
        "statuses\ntrue\n");
}

TEST(GeneratedAlertsCliTest, PostNeedsAWebhook) {
    const ProcessResult result = Crosswalk({"alerts", "-w", testing::LoadedWorkspace().string(), "--post"});
    EXPECT_NE(result.exit_code, 0);
    EXPECT_NE(result.err.find("rules/budgets.yaml"), std::string::npos) << result.err;
}

} // namespace
} // namespace crosswalk
