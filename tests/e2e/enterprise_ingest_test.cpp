// `crosswalk ingest KIND` for enterprise sources and `crosswalk status`, as a user runs them.
#include <filesystem>

#include <gtest/gtest.h>

#include "support/crosswalk_cli.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace crosswalk {
namespace {

namespace fs = std::filesystem;
using testing::ProcessResult;

const fs::path kRepository = fs::path(CROSSWALK_REPOSITORY_DIR);
const fs::path kData = kRepository / "tests" / "data" / "enterprise";

using testing::Crosswalk;

class EnterpriseCliTest : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_EQ(Crosswalk({"init", workspace_.string()}).exit_code, 0); }

    ProcessResult Ingest(const std::vector<std::string>& arguments) {
        std::vector<std::string> all = {"ingest"};
        all.insert(all.end(), arguments.begin(), arguments.end());
        all.insert(all.end(), {"-w", workspace_.string()});
        return Crosswalk(all);
    }

    std::string Sql(const std::string& query) { return testing::CrosswalkSql(workspace_, query); }

    // The status table's line for `kind`, without the last-loaded time.
    std::string StatusLine(const std::string& kind) {
        const ProcessResult result = Crosswalk({"status", "-w", workspace_.string()});
        EXPECT_EQ(result.exit_code, 0) << result.err;
        const size_t start = result.out.find("\n" + kind + " ");
        if (start == std::string::npos) {
            return "";
        }
        std::string line = result.out.substr(start + 1, result.out.find('\n', start + 1) - start - 1);
        line = line.substr(0, std::min(line.rfind("  "), line.size()));
        return line.substr(0, line.find_last_not_of(' ') + 1);
    }

    testing::TempDir directory_;
    fs::path workspace_ = directory_ / "acme";
};

TEST_F(EnterpriseCliTest, IngestPrintsCountsRejectsAndWarnings) {
    ASSERT_EQ(Ingest({"org", (kData / "org.csv").string()}).exit_code, 0);
    const ProcessResult result = Ingest({"assets", (kData / "broken" / "assets.csv").string()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("16 rows read, 3 loaded (0 repaired), 13 rejected"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("assets.lifecycle_state.allowed"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("note: 1 row(s) kept whose cost_center_id is not a cost center of the org (first: "
                              "row 14, 'CC-9999')"),
              std::string::npos)
        << result.out;
    EXPECT_EQ(result.err, "");
    EXPECT_EQ(Sql("SELECT row_number, column_name, message FROM rejected_row WHERE row_number = 10"),
              "row_number,column_name,message\n10,currency,currency is required when the row has an amount\n");
}

TEST_F(EnterpriseCliTest, StatusShowsEveryKind) {
    ASSERT_EQ(Ingest({"assets", (kData / "assets.csv").string()}).exit_code, 0);
    ASSERT_EQ(Ingest({"ledger", (kData / "ledger.csv").string()}).exit_code, 0);
    ASSERT_EQ(Ingest({"ledger", (kData / "broken" / "ledger.csv").string(), "--append"}).exit_code, 0);
    const ProcessResult result = Crosswalk({"status", "-w", workspace_.string()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out.substr(0, result.out.find('\n')),
              "kind           files  rows  rejected  period              last loaded (UTC)");
    EXPECT_EQ(StatusLine("focus"), "focus              0     -         -  not loaded");
    EXPECT_EQ(StatusLine("assets"), "assets             1    16         0  2019-05 .. 2024-06");
    EXPECT_EQ(StatusLine("ledger"), "ledger             2    14         7  2024-07 .. 2024-09");
    EXPECT_EQ(std::count(result.out.begin(), result.out.end(), '\n'), 14); // and the enrichment line
}

TEST_F(EnterpriseCliTest, ANewerSnapshotReplacesTheOlderAndTheSameFileIsSkipped) {
    ASSERT_EQ(Ingest({"cis", (kData / "cis.csv").string()}).exit_code, 0);
    const ProcessResult again = Ingest({"cis", (kData / "cis.csv").string()});
    EXPECT_NE(again.out.find("unchanged, already loaded as source file"), std::string::npos) << again.out;
    const ProcessResult newer = Ingest({"cis", (kData / "broken" / "cis.csv").string()});
    EXPECT_NE(newer.out.find("note: replaces the earlier snapshot " + (kData / "cis.csv").string() +
                             " (source file 1, 18 rows)"),
              std::string::npos)
        << newer.out;
    EXPECT_EQ(StatusLine("cis"), "cis                1     2         4  -");
}

TEST_F(EnterpriseCliTest, AMappingTranslatesAnotherToolsExport) {
    const ProcessResult result = Ingest({"assets", (kData / "glpi" / "computers.csv").string(), "--mapping",
                                         (kRepository / "mappings" / "glpi-computers.yaml").string()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("7 rows read, 7 loaded (0 repaired), 0 rejected"), std::string::npos) << result.out;
    EXPECT_EQ(Sql("SELECT currency, sum(acquisition_cost), sum(useful_life_months) FROM asset GROUP BY ALL"),
              "currency,sum(acquisition_cost),sum(useful_life_months)\nEUR,74289.490000,312\n");
}

// A CI whose asset_tag is not in the register is told once (a note with an example, no rule line too), and
// the file is named as given, like FOCUS files.
TEST_F(EnterpriseCliTest, AnUnknownLinkIsToldOnceAndPathsAreAsGiven) {
    ASSERT_EQ(Ingest({"assets", (kData / "assets.csv").string()}).exit_code, 0);
    testing::WriteFile(workspace_ / "cis.csv", "ci_id,class,name,asset_tag\nCI-1,server,a,NO-SUCH-TAG\n");
    const ProcessResult result = Ingest({"cis", (workspace_ / "cis.csv").string()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out.find("cis.asset_tag.known"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("note: 1 row(s) kept whose asset_tag is not an asset of the register"), std::string::npos)
        << result.out;
    EXPECT_EQ(result.out.rfind((workspace_ / "cis.csv").string() + ": 1 rows read", 0), 0U) << result.out;
}

TEST_F(EnterpriseCliTest, ARefusedFileIsAOneLineErrorAndChangesNothing) {
    const ProcessResult result = Ingest({"budgets", (kData / "contracts.csv").string()});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.out, "");
    EXPECT_EQ(result.err, "crosswalk: error: " + (kData / "contracts.csv").string() +
                              ": the required column 'period' is missing for budgets; the file has: contract_id, "
                              "name, vendor, contract_type, start_date, end_date, total_value, currency, "
                              "payment_schedule, consumption_allowance, consumption_unit, auto_renew, notice_days, "
                              "cloud_provider, cost_center_id\n");
    EXPECT_EQ(Sql("SELECT count(*) AS files FROM source_file"), "files\n0\n");
    EXPECT_EQ(Sql("SELECT command, status FROM run"), "command,status\ningest budgets,failed\n");
}

TEST_F(EnterpriseCliTest, ABadMappingNamesItsLine) {
    testing::WriteFile(directory_ / "m.yaml", "kind: cis\ncolumns:\n  ci_id: sys_id\n  clas: sys_class_name\n");
    const ProcessResult result =
        Ingest({"cis", (kData / "cis.csv").string(), "--mapping", (directory_ / "m.yaml").string()});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.err, "crosswalk: error: " + (directory_ / "m.yaml").string() +
                              ":4:9: 'clas' is not a column of cis (docs/sources.md); did you mean 'class'?\n");
}

} // namespace
} // namespace crosswalk
