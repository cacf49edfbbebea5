// `crosswalk export focus` on the demo: the allocated cost as FOCUS CSV and Parquet, read back with DuckDB
// (`crosswalk sql`): the rows add up to the loaded cost lines exactly on both bases, each share names its step,
// rule and target, grouping by x_AllocatedTo gives what the chargeback statement shows for the step, and a
// failed export leaves no file.
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "support/crosswalk_cli.hpp"
#include "support/focus_csv.hpp"
#include "support/generated_workspace.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace crosswalk {
namespace {

namespace fs = std::filesystem;
using testing::Crosswalk;
using testing::CrosswalkSql;
using testing::ProcessResult;

// read_csv with the amounts as exact decimals (its sniffer would make them DOUBLE).
std::string ReadCsv(const fs::path& file) {
    return "read_csv('" + file.string() +
           "', types = {'BilledCost': 'DECIMAL(38,18)', 'EffectiveCost': 'DECIMAL(38,18)', "
           "'ConsumedQuantity': 'DECIMAL(38,18)'})";
}

TEST(GeneratedExportCliTest, FocusExportAddsUpToTheCostLinesAndNamesEachShareRule) {
    const fs::path workspace = testing::LoadedWorkspace();
    testing::TempDir directory;
    const fs::path csv = directory / "allocated.csv";
    const ProcessResult written = Crosswalk({"export", "focus", "-w", workspace.string(), "--output", csv.string()});
    ASSERT_EQ(written.exit_code, 0) << written.err;
    EXPECT_EQ(written.err.rfind("export focus: ", 0), 0U) << written.err;
    EXPECT_NE(written.err.find("  USD: BilledCost "), std::string::npos) << written.err;

    const std::string loaded = CrosswalkSql(
        workspace, "SELECT BillingCurrency, sum(BilledCost), sum(EffectiveCost) FROM cost_line GROUP BY 1 ORDER BY 1");
    EXPECT_EQ(CrosswalkSql(workspace, "SELECT BillingCurrency, sum(BilledCost), sum(EffectiveCost) FROM " +
                                          ReadCsv(csv) + " GROUP BY 1 ORDER BY 1"),
              loaded);
    // FOCUS date-times (UTC, with a Z); direct cost moved by no rule; every share with its step's rule.
    EXPECT_EQ(CrosswalkSql(workspace, "SELECT min(BillingPeriodStart) AS first, count(*) FILTER (WHERE "
                                      "x_AllocationStep = 'direct' AND x_AllocationRule IS NOT NULL) AS direct, "
                                      "count(*) FILTER (WHERE x_AllocationStep <> 'direct' AND (x_AllocationRule IS "
                                      "NULL OR x_AllocatedTo IS NULL)) AS shares FROM " +
                                          ReadCsv(csv)),
              "first,direct,shares\n2026-01-01 00:00:00+00,0,0\n");

    // The kubernetes step's shares, by target, equal the statement's 'shared: kubernetes' lines in 2026-02.
    const std::string by_target =
        CrosswalkSql(workspace, "SELECT x_AllocatedTo, x_AllocationRule, x_AllocationMethod, sum(EffectiveCost) FROM " +
                                    ReadCsv(csv) +
                                    " WHERE x_AllocationStep = 'kubernetes' AND BillingPeriodStart = '2026-02-01' "
                                    "GROUP BY ALL ORDER BY 1");
    EXPECT_NE(by_target.find(",allocation.yaml:34,driver,"), std::string::npos) << by_target;
    const std::string statement = CrosswalkSql(
        workspace, "SELECT application, 'allocation.yaml:34', 'driver', sum(effective_cost) FROM allocation_result "
                   "WHERE shared_from = 'kubernetes' AND period = '2026-02' GROUP BY ALL ORDER BY 1");
    EXPECT_EQ(by_target.substr(by_target.find('\n')), statement.substr(statement.find('\n')));

    const fs::path parquet = directory / "allocated-2026-02.parquet";
    ASSERT_EQ(
        Crosswalk({"export", "focus", "-w", workspace.string(), "--period", "2026-02", "--output", parquet.string()})
            .exit_code,
        0);
    const std::string month = "ChargePeriodStart >= '2026-02-01' AND ChargePeriodStart < '2026-03-01'";
    EXPECT_EQ(CrosswalkSql(workspace, "SELECT typeof(any_value(BilledCost)) AS type, sum(BilledCost) AS billed, "
                                      "sum(EffectiveCost) AS effective FROM read_parquet('" +
                                          parquet.string() + "')"),
              CrosswalkSql(workspace, "SELECT 'DECIMAL(38,18)' AS type, sum(BilledCost) AS billed, sum(EffectiveCost) "
                                      "AS effective FROM cost_line WHERE " +
                                          month));
}

TEST(GeneratedExportCliTest, AFailedExportSaysWhyAndLeavesNoFile) {
    const fs::path workspace = testing::LoadedWorkspace();
    testing::TempDir directory;
    const fs::path csv = directory / "allocated.csv";
    const ProcessResult empty =
        Crosswalk({"export", "focus", "-w", workspace.string(), "--period", "2020-01", "--output", csv.string()});
    EXPECT_EQ(empty.exit_code, 1);
    EXPECT_EQ(empty.err, "crosswalk: error: the latest allocation has no cost in 2020-01\n");
    const ProcessResult extension =
        Crosswalk({"export", "focus", "-w", workspace.string(), "--output", (directory / "a.txt").string()});
    EXPECT_EQ(extension.exit_code, 1);
    EXPECT_NE(extension.err.find("name it .csv or .parquet"), std::string::npos) << extension.err;
    const ProcessResult folder = Crosswalk(
        {"export", "focus", "-w", workspace.string(), "--output", (directory / "missing" / "a.csv").string()});
    EXPECT_EQ(folder.exit_code, 1);
    EXPECT_NE(folder.err.find("does not exist"), std::string::npos) << folder.err;
    EXPECT_TRUE(fs::is_empty(directory.Path())) << "a failed export left a file";
}

// Where the export goes: through a symbolic link to the file it points to, keeping that file's permissions;
// to standard output with --output -.
TEST(GeneratedExportCliTest, ThroughALinkTheFileKeepsItsPermissionsAndMinusIsStandardOutput) {
    const fs::path workspace = testing::LoadedWorkspace();
    testing::TempDir directory;
    const fs::path target = directory / "allocated.csv";
    testing::WriteFile(target, "old\n");
    fs::permissions(target, fs::perms::owner_read | fs::perms::owner_write);
    fs::create_symlink(target, directory / "link.csv");
    const ProcessResult linked =
        Crosswalk({"export", "focus", "-w", workspace.string(), "--output", (directory / "link.csv").string()});
    ASSERT_EQ(linked.exit_code, 0) << linked.err;
    EXPECT_TRUE(fs::is_symlink(directory / "link.csv"));
    EXPECT_EQ(fs::status(target).permissions() & fs::perms::all, fs::perms::owner_read | fs::perms::owner_write);
    EXPECT_EQ(testing::ReadFile(target).rfind("BillingPeriodStart,BillingPeriodEnd,", 0), 0U);
    const ProcessResult piped =
        Crosswalk({"export", "focus", "-w", workspace.string(), "--period", "2026-02", "--output", "-"});
    ASSERT_EQ(piped.exit_code, 0) << piped.err;
    EXPECT_EQ(piped.out.rfind("BillingPeriodStart,", 0), 0U);
    EXPECT_NE(piped.err.find("written to standard output"), std::string::npos) << piped.err;
}

// A billing file loaded after the latest allocation (by `crosswalk ingest`) is not in it: the export and the
// statements say so, and `crosswalk run` brings them up to date.
TEST(GeneratedExportCliTest, AnAllocationOlderThanTheLoadedBillsIsNamed) {
    testing::TempDir directory;
    const fs::path workspace = directory / "demo";
    testing::CopyFolder(testing::LoadedWorkspace(), workspace);
    testing::FocusCsv csv(1);
    csv.Set(0, "BilledCost", "7").Set(0, "EffectiveCost", "7").Set(0, "ChargePeriodStart", "2026-02-03T00:00:00Z");
    csv.Set(0, "ChargePeriodEnd", "2026-02-04T00:00:00Z");
    testing::WriteFile(directory / "late.csv", csv.Text());
    ASSERT_EQ(Crosswalk({"ingest", "focus", "-w", workspace.string(), (directory / "late.csv").string()}).exit_code, 0);
    const std::string note = "1 billing file loaded after the latest allocation (run ";
    const ProcessResult exported =
        Crosswalk({"export", "focus", "-w", workspace.string(), "--output", (directory / "a.parquet").string()});
    ASSERT_EQ(exported.exit_code, 0) << exported.err;
    EXPECT_NE(exported.err.find("export focus: warning: " + note), std::string::npos) << exported.err;
    const ProcessResult statement =
        Crosswalk({"report", "chargeback", "-w", workspace.string(), "--period", "2026-02", "--format", "table"});
    EXPECT_NE(statement.out.substr(0, statement.out.find('\n')).find("(note: " + note), std::string::npos)
        << statement.out.substr(0, 300);
    ASSERT_EQ(Crosswalk({"run", "-w", workspace.string()}).exit_code, 0);
    const ProcessResult current =
        Crosswalk({"export", "focus", "-w", workspace.string(), "--output", (directory / "a.parquet").string()});
    EXPECT_EQ(current.err.find("warning"), std::string::npos) << current.err;
}

} // namespace
} // namespace crosswalk
