// `crosswalk report commitments`, `kpis`, `maturity` and `policy` as a user runs them: the demo's commitments
// against the generator's ground truth, the policy as a CI step (exit codes) on the demo and on a workspace
// loaded by hand from a real FOCUS export.
#include <filesystem>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "support/crosswalk_cli.hpp"
#include "support/generated_workspace.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace crosswalk {
namespace {

namespace fs = std::filesystem;
using testing::Crosswalk;
using testing::ProcessResult;

// Each commitment of expected.json bills the same fee and use every day: in February its used and unused cost
// are 28 days of them, and the utilization their ratio.
TEST(GeneratedCommitmentsCliTest, UtilizationAndUnusedAreTheGroundTruths) {
    const fs::path workspace = testing::LoadedWorkspace();
    const ProcessResult report =
        Crosswalk({"report", "commitments", "-w", workspace.string(), "--period", "2026-02", "--format", "csv"});
    ASSERT_EQ(report.exit_code, 0) << report.err;
    testing::TempDir directory;
    const fs::path csv = directory / "commitments.csv";
    testing::WriteFile(csv, report.out);
    const std::string compared =
        testing::CrosswalkSql(workspace, fmt::format(R"(
WITH truth AS (SELECT unnest(commitments, recursive := true) FROM read_json('{0}')),
ours AS (SELECT * FROM read_csv('{1}', all_varchar = true) WHERE kind = 'commitment_discount')
SELECT count(*) AS commitments,
       count(*) FILTER (WHERE o.used::DECIMAL(38,10) = t.daily_used::DECIMAL(38,10) * 28
                          AND o.unused::DECIMAL(38,10) = t.daily_unused::DECIMAL(38,10) * 28
                          AND o.utilization_pct::DECIMAL(9,2)
                              = round(t.daily_used::DECIMAL(38,10) * 100 / t.daily_fee::DECIMAL(38,10), 2)) AS agree
FROM truth AS t JOIN ours AS o ON o.commitment_id = t.id)",
                                                     (workspace / "expected.json").string(), csv.string()));
    EXPECT_EQ(compared, "commitments,agree\n3,3\n");
}

// The demo's policy (rules/policy.yaml, written by the generator) is broken by what the generator planted: the
// Frankfurt resources, the SendGrid marketplace purchase, Jira Data Center installed. Each violation names its
// owner and the line it breaks; --fail-on-violation exits 1 after printing the report.
TEST(GeneratedPolicyCliTest, PlantedViolationsFailTheStepWithTheirOwners) {
    const fs::path workspace = testing::LoadedWorkspace();
    const ProcessResult report = Crosswalk({"report", "policy", "-w", workspace.string(), "--period", "2026-02",
                                            "--format", "csv", "--fail-on-violation"});
    EXPECT_EQ(report.exit_code, 1);
    EXPECT_NE(report.err.find("violations; failing (--fail-on-violation)"), std::string::npos) << report.err;
    testing::TempDir directory;
    const fs::path csv = directory / "policy.csv";
    testing::WriteFile(csv, report.out);
    EXPECT_EQ(testing::CrosswalkSql(workspace, "SELECT kind, count(*) AS n, count(owner) AS owned, any_value(rule) "
                                               "AS rule FROM read_csv('" +
                                                   csv.string() +
                                                   "') WHERE kind <> 'missing_tag' GROUP BY kind ORDER BY kind"),
              "kind,n,owned,rule\n"
              "denied_product,1,1,policy.yaml:9\n"
              "marketplace_unapproved,1,1,policy.yaml:7\n"
              "region_not_allowed,8,8,policy.yaml:4\n");
}

// A workspace loaded by hand from a real export: the default policy flags its Red Hat marketplace purchase;
// approving the publisher makes it clean, and a clean workspace passes the step.
TEST(PolicyCliTest, ACleanWorkspacePassesTheStep) {
    testing::TempDir directory;
    const fs::path workspace = directory / "acme";
    ASSERT_EQ(Crosswalk({"init", workspace.string()}).exit_code, 0);
    const std::string sample =
        std::string(CROSSWALK_SHARED_DATA_DIR) + "/focus-samples/focus-1.0_finops-sample_aws-microsoft-oracle_1k.csv";
    ASSERT_EQ(Crosswalk({"ingest", "focus", "-w", workspace.string(), sample}).exit_code, 0);
    const ProcessResult flagged =
        Crosswalk({"report", "policy", "-w", workspace.string(), "--format", "csv", "--fail-on-violation"});
    EXPECT_EQ(flagged.exit_code, 1) << flagged.err;
    EXPECT_NE(flagged.out.find("marketplace_unapproved,Red Hat Inc.,AWS"), std::string::npos) << flagged.out;
    testing::WriteFile(workspace / "rules" / "policy.yaml", "approved_publishers: [Red Hat]\n");
    const ProcessResult clean =
        Crosswalk({"report", "policy", "-w", workspace.string(), "--format", "csv", "--fail-on-violation"});
    EXPECT_EQ(clean.exit_code, 0) << clean.err;
    EXPECT_EQ(clean.out, "kind,item,provider,account,owner,cost_center,detail,cost,currency,rule\n");
    // The KPIs say what the data cannot show rather than inventing it.
    const ProcessResult kpis = Crosswalk({"report", "kpis", "-w", workspace.string(), "--format", "csv"});
    ASSERT_EQ(kpis.exit_code, 0) << kpis.err;
    EXPECT_NE(kpis.out.find("ledger_variance_pct,ledger,"), std::string::npos) << kpis.out;
    const fs::path csv = directory / "kpis.csv";
    testing::WriteFile(csv, kpis.out);
    EXPECT_EQ(testing::CrosswalkSql(workspace, "SELECT status FROM read_csv('" + csv.string() +
                                                   "') WHERE kpi IN ('allocation_coverage_pct', "
                                                   "'ledger_variance_pct', 'license_exposure') ORDER BY kpi"),
              "status\nno_data\nno_data\nno_data\n");
    const ProcessResult misplaced = Crosswalk({"report", "kpis", "-w", workspace.string(), "--fail-on-violation"});
    EXPECT_EQ(misplaced.exit_code, 1);
    EXPECT_NE(misplaced.err.find("does not take --fail-on-violation"), std::string::npos) << misplaced.err;
}

} // namespace
} // namespace crosswalk

namespace crosswalk {
namespace {

// A planned workload on the demo: priced from the bill's m6i.xlarge VMs, its SQL Server counted by the shipped
// rule (4 VMs x 4 vCPUs), landing on its cost center's budget; a plan with a typo fails naming its line.
TEST(GeneratedOnboardCliTest, APlannedWorkloadIsPricedCountedAndBudgeted) {
    const fs::path workspace = testing::LoadedWorkspace();
    testing::TempDir directory;
    const fs::path plan = directory / "portal.yaml";
    testing::WriteFile(plan, "workload: Customer portal\nowner: Samir Haddad\ncost_center: CC-2200\nstart: 2026-03\n"
                             "months: 6\ninstances:\n  - type: AWS:m6i.xlarge\n    count: 4\n"
                             "    software: [SQL Server Standard]\n");
    const ProcessResult result =
        Crosswalk({"what-if", "onboard", plan.string(), "-w", workspace.string(), "--format", "csv"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const fs::path csv = directory / "onboard.csv";
    testing::WriteFile(csv, result.out);
    EXPECT_EQ(testing::CrosswalkSql(workspace, "SELECT kind, item, needed, status_after IS NOT NULL AS rated FROM "
                                               "read_csv('" +
                                                   csv.string() + "', all_varchar = true) ORDER BY kind, item"),
              "kind,item,needed,rated\n"
              "budget,CC-2200 month 2026-03,,true\n"
              "budget,CC-2200 year 2026,,true\n"
              "cloud,4 x AWS:m6i.xlarge (BYOL),,false\n"
              "license,SQL Server Standard,16,false\n");
    testing::WriteFile(plan, "workload: x\nowner: y\ncost_center: CC-2200\nstart: 2026-02\ninstances:\n"
                             "  - type: AWS:m6i.xlarge\n    cuont: 4\n");
    const ProcessResult typo = Crosswalk({"what-if", "onboard", plan.string(), "-w", workspace.string()});
    EXPECT_EQ(typo.exit_code, 1);
    EXPECT_NE(typo.err.find(":7:"), std::string::npos) << typo.err;
    EXPECT_NE(typo.err.find("count"), std::string::npos) << typo.err;
}

} // namespace
} // namespace crosswalk
