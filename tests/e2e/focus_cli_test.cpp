// `crosswalk ingest focus` and `crosswalk validate focus` as a user runs them.
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

const std::string kSample =
    std::string(CROSSWALK_SHARED_DATA_DIR) + "/focus-samples/focus-1.0_finops-sample_aws-microsoft-oracle_1k.csv";

using testing::Crosswalk;

class FocusCliTest : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_EQ(Crosswalk({"init", workspace_.string()}).exit_code, 0); }

    std::string Sql(const std::string& query) { return testing::CrosswalkSql(workspace_, query); }

    testing::TempDir directory_;
    fs::path workspace_ = directory_ / "acme";
};

TEST_F(FocusCliTest, IngestPrintsWhatItDidAndTheTotalsAreExact) {
    const ProcessResult result = Crosswalk({"ingest", "focus", "-w", workspace_.string(), kSample});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("1,000 rows read, 1,000 loaded (1,000 repaired), 0 rejected"), std::string::npos)
        << result.out;
    EXPECT_NE(result.out.find("ChargeFrequency-C-003-M"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("note: columns that are neither FOCUS nor x_-prefixed"), std::string::npos);
    EXPECT_EQ(result.err, ""); // quiet in a pipe: no progress lines
    EXPECT_EQ(Sql("SELECT sum(BilledCost) AS billed, sum(EffectiveCost) AS effective FROM cost_line"),
              "billed,effective\n20.520226728990000000,14.976514185860000000\n");
    EXPECT_EQ(Sql("SELECT ProviderName, count(*) FROM cost_line GROUP BY 1 ORDER BY 1"),
              "ProviderName,count_star()\nAWS,942\nMicrosoft,51\nOracle,7\n");
}

TEST_F(FocusCliTest, IngestingTheSameFileAgainSkipsIt) {
    ASSERT_EQ(Crosswalk({"ingest", "focus", "-w", workspace_.string(), kSample}).exit_code, 0);
    const ProcessResult again = Crosswalk({"ingest", "focus", "-w", workspace_.string(), kSample});
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(again.out.find("unchanged, already loaded as source file"), std::string::npos) << again.out;
    EXPECT_EQ(Sql("SELECT count(*) FROM cost_line"), "count_star()\n1000\n");
}

TEST_F(FocusCliTest, RefusedFileIsAOneLineErrorAndChangesNothing) {
    testing::WriteFile(directory_ / "not-focus.csv", "name,age\nada,36\n");
    const ProcessResult result =
        Crosswalk({"ingest", "focus", "-w", workspace_.string(), (directory_ / "not-focus.csv").string()});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("not a FOCUS dataset"), std::string::npos) << result.err;
    EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
    EXPECT_EQ(Sql("SELECT count(*) FROM source_file"), "count_star()\n0\n");
    EXPECT_EQ(Sql("SELECT status FROM run"), "status\nfailed\n");
}

TEST_F(FocusCliTest, MissingInputIsAUserError) {
    const ProcessResult result =
        Crosswalk({"ingest", "focus", "-w", workspace_.string(), (directory_ / "nope" / "*.csv").string()});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("no .csv, .csv.gz, .parquet files found"), std::string::npos) << result.err;
}

TEST_F(FocusCliTest, ValidateExitsNonZeroListingRulesWithExamples) {
    const ProcessResult result = Crosswalk({"validate", "focus", kSample});
    EXPECT_EQ(result.exit_code, 1) << result.err;
    EXPECT_NE(result.out.find("FOCUS 1.0, 1000 rows: NOT conformant"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("row 926: Usage-based"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("not conformant\n"), std::string::npos);
}

TEST_F(FocusCliTest, ValidatePassesAConformantFile) {
    testing::WriteFile(directory_ / "good.csv", testing::FocusCsv(3).Text());
    const ProcessResult result = Crosswalk({"validate", "focus", (directory_ / "good.csv").string()});
    EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
    EXPECT_NE(result.out.find("FOCUS 1.2, 3 rows: conformant"), std::string::npos) << result.out;
}

TEST_F(FocusCliTest, ValidateNamesMissingMandatoryColumns) {
    const std::string example = std::string(CROSSWALK_SHARED_DATA_DIR) +
                                "/focus-samples/spec-examples/commitment_discount_purchase_scenario_1.csv";
    const ProcessResult result = Crosswalk({"validate", "focus", example});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.out.find("REFUSED"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("ProviderName (CostAndUsage-D-038-M)"), std::string::npos) << result.out;
}

TEST_F(FocusCliTest, DateOrderOptionReadsNonIsoDatesAndSkippedFilesAreListed) {
    testing::FocusCsv csv(2);
    csv.SetAll("BillingPeriodStart", "9/1/2024").SetAll("BillingPeriodEnd", "10/1/2024");
    csv.SetAll("ChargePeriodStart", "9/1/2024 0:00").SetAll("ChargePeriodEnd", "9/2/2024 0:00");
    testing::WriteFile(directory_ / "bills" / "2024-09.csv", csv.Text());
    testing::WriteFile(directory_ / "bills" / "notes.txt", "not a bill\n");
    const std::string folder = (directory_ / "bills").string();
    const ProcessResult ambiguous = Crosswalk({"validate", "focus", folder});
    EXPECT_EQ(ambiguous.exit_code, 1);
    EXPECT_NE(
        ambiguous.out.find("REFUSED: column BillingPeriodEnd: dates such as '10/1/2024' read as month/day or "
                           "as day/month (no day above 12 in the file): use --date-order mdy or --date-order dmy"),
        std::string::npos)
        << ambiguous.out;
    const ProcessResult validated = Crosswalk({"validate", "focus", "--date-order", "mdy", folder});
    EXPECT_NE(validated.out.find("2 rows: NOT conformant (2 would load, 2 repaired, 0 rejected)"), std::string::npos)
        << validated.out;
    EXPECT_NE(validated.out.find("read_as_mdy"), std::string::npos) << validated.out;
    EXPECT_NE(validated.out.find("notes.txt: skipped: not a .csv, .csv.gz, .parquet file"), std::string::npos)
        << validated.out;
    const ProcessResult refused = Crosswalk({"ingest", "focus", "-w", workspace_.string(), folder});
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_NE(refused.err.find("use --date-order mdy or --date-order dmy"), std::string::npos) << refused.err;
    const ProcessResult loaded =
        Crosswalk({"ingest", "focus", "-w", workspace_.string(), "--date-order", "mdy", folder});
    ASSERT_EQ(loaded.exit_code, 0) << loaded.err;
    EXPECT_NE(loaded.out.find("2 rows read, 2 loaded (2 repaired), 0 rejected"), std::string::npos) << loaded.out;
    EXPECT_NE(loaded.out.find("notes.txt: skipped: not a .csv, .csv.gz, .parquet file"), std::string::npos)
        << loaded.out;
    EXPECT_EQ(Sql("SELECT ChargePeriodStart FROM cost_line LIMIT 1"), "ChargePeriodStart\n2024-09-01 00:00:00\n");
    EXPECT_EQ(Crosswalk({"validate", "focus", "--date-order", "yyyy", folder}).exit_code, 1);
}

} // namespace
} // namespace crosswalk
