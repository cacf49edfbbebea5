// `crosswalk run` as a user runs it: the pipeline over every source crosswalk.yaml lists, one transaction,
// recorded as one run; and `ingest focus --force`.
#include <filesystem>

#include <gtest/gtest.h>

#include "support/crosswalk_cli.hpp"
#include "support/focus_csv.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace crosswalk {
namespace {

namespace fs = std::filesystem;
using testing::ProcessResult;

using testing::Crosswalk;

class RunCliTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_EQ(Crosswalk({"init", workspace_.string()}).exit_code, 0);
        testing::WriteFile(workspace_ / "bills" / "aws" / "bill.csv",
                           testing::FocusCsv(3).SetAll("BilledCost", "2.50").Text());
        testing::WriteFile(workspace_ / "org.csv", "type,id,name,parent_id,business_unit_id,owner\n"
                                                   "business_unit,BU-1,Retail,,,Ada Lovelace\n");
    }

    void Configure(const std::string& sources) {
        fs::remove(workspace_ / "crosswalk.yaml");
        testing::WriteFile(workspace_ / "crosswalk.yaml",
                           "version: 1\nname: acme\ndatabase: crosswalk.duckdb\nsources:\n" + sources);
    }

    std::string Sql(const std::string& query) { return testing::CrosswalkSql(workspace_, query); }

    testing::TempDir directory_;
    fs::path workspace_ = directory_ / "acme";
};

TEST_F(RunCliTest, RunLoadsEverySourceOnceAndRecordsTheRun) {
    Configure("  - kind: org\n    path: org.csv\n  - kind: focus\n    path: bills/aws\n");
    const ProcessResult first = Crosswalk({"run", "-w", workspace_.string()});
    ASSERT_EQ(first.exit_code, 0) << first.err << first.out;
    EXPECT_NE(first.out.find("loaded: org 1 focus 3 (rows); rejected 0"), std::string::npos) << first.out;
    const ProcessResult second = Crosswalk({"run", "-w", workspace_.string()});
    ASSERT_EQ(second.exit_code, 0) << second.err;
    EXPECT_NE(second.out.find("unchanged, already loaded as source file"), std::string::npos) << second.out;
    EXPECT_EQ(Sql("SELECT sum(BilledCost) FROM cost_line"), "sum(BilledCost)\n7.500000000000000000\n");
    // Two pipeline runs, each with the hash of the inputs it computed on (the same both times).
    EXPECT_EQ(Sql("SELECT count(*), count(DISTINCT inputs_sha256) FROM run WHERE command = 'run' AND status = "
                  "'succeeded'"),
              "count_star(),count(DISTINCT inputs_sha256)\n2,1\n");
}

TEST_F(RunCliTest, ARefusedSourceLeavesTheWholeStoreAsItWas) {
    testing::WriteFile(workspace_ / "assets.csv", "not,an,asset\n\"broken\n");
    Configure("  - kind: focus\n    path: bills/aws\n  - kind: assets\n    path: assets.csv\n");
    const ProcessResult result = Crosswalk({"run", "-w", workspace_.string()});
    EXPECT_EQ(result.exit_code, 1) << result.out;
    EXPECT_NE(result.err.find("assets.csv"), std::string::npos) << result.err;
    EXPECT_EQ(Sql("SELECT count(*) FROM cost_line"), "count_star()\n0\n");
    EXPECT_EQ(Sql("SELECT count(*) FROM source_file"), "count_star()\n0\n");
    EXPECT_EQ(Sql("SELECT command || ' ' || status FROM run"), "((command || ' ') || status)\nrun failed\n");
}

TEST_F(RunCliTest, ForceLoadsABillAgainAsTheNewestExport) {
    const std::string bill = (workspace_ / "bills" / "aws" / "bill.csv").string();
    ASSERT_EQ(Crosswalk({"ingest", "focus", "-w", workspace_.string(), bill}).exit_code, 0);
    const ProcessResult forced = Crosswalk({"ingest", "focus", "--force", "-w", workspace_.string(), bill});
    ASSERT_EQ(forced.exit_code, 0) << forced.err;
    EXPECT_NE(forced.out.find("restatement: replaces 3 rows of source file 1"), std::string::npos) << forced.out;
    EXPECT_EQ(Sql("SELECT count(*) FROM cost_line"), "count_star()\n3\n");
    const ProcessResult wrong = Crosswalk({"ingest", "org", "--force", "-w", workspace_.string(), "org.csv"});
    EXPECT_EQ(wrong.exit_code, 1);
    EXPECT_NE(wrong.err.find("--force is for FOCUS billing files"), std::string::npos) << wrong.err;
}

TEST_F(RunCliTest, RunEnrichesWithTheRulesAndStatusSaysWhenThatIsStale) {
    Configure("  - kind: focus\n    path: bills/aws\n");
    testing::WriteFile(workspace_ / "rules" / "naming.yaml", "patterns:\n  - regex: '^(?<application>[a-z]+)-'\n");
    ASSERT_EQ(Crosswalk({"ingest", "-w", workspace_.string()}).exit_code, 0);
    // Loaded, not enriched yet.
    ProcessResult status = Crosswalk({"status", "-w", workspace_.string()});
    EXPECT_NE(status.out.find("enrichment: not run yet"), std::string::npos) << status.out;
    const ProcessResult run = Crosswalk({"run", "-w", workspace_.string()});
    ASSERT_EQ(run.exit_code, 0) << run.err << run.out;
    EXPECT_NE(run.out.find("enriched: "), std::string::npos) << run.out;
    EXPECT_EQ(Sql("SELECT count(*) = (SELECT count(*) FROM cost_line) FROM cost_line_enriched"),
              "(count_star() = (SELECT count_star() FROM cost_line))\ntrue\n");
    EXPECT_EQ(Sql("SELECT count(*) FROM run WHERE command = 'run' AND rules_sha256 IS NOT NULL"), "count_star()\n1\n");
    status = Crosswalk({"status", "-w", workspace_.string()});
    EXPECT_NE(status.out.find("; up to date"), std::string::npos) << status.out;
    // A changed rule file makes it stale; a broken one fails the run before anything is loaded.
    testing::WriteFile(workspace_ / "rules" / "naming.yaml", "patterns:\n  - regex: '^(?<application>[a-z]+)_'\n");
    status = Crosswalk({"status", "-w", workspace_.string()});
    EXPECT_NE(status.out.find("out of date: the rules changed"), std::string::npos) << status.out;
    testing::WriteFile(workspace_ / "rules" / "naming.yaml", "patterns:\n  - regxe: 'x'\n");
    testing::WriteFile(workspace_ / "bills" / "aws" / "bill-2.csv",
                       testing::FocusCsv(2).SetAll("BilledCost", "1.00").SetAll("BillingAccountId", "999").Text());
    const ProcessResult broken = Crosswalk({"run", "-w", workspace_.string()});
    EXPECT_EQ(broken.exit_code, 1);
    EXPECT_NE(broken.err.find("rules/naming.yaml:2:5"), std::string::npos) << broken.err;
    EXPECT_EQ(Sql("SELECT count(*) FROM source_file"), "count_star()\n1\n");
}

} // namespace
} // namespace crosswalk
