// crosswalk status: what is loaded per kind (src/crosswalk/ingest/status.hpp).
#include <gtest/gtest.h>

#include "crosswalk/ingest/status.hpp"

#include "unit/ingest/enterprise/enterprise_test_support.hpp"

namespace crosswalk {
namespace {

using testing::EnterpriseTest;

class StatusTest : public EnterpriseTest {
protected:
    // "kind files rows rejected start..end" for each kind, "-" for what is not known.
    std::vector<std::string> Lines() {
        store::Connection connection = Workspace().Connect();
        std::vector<std::string> lines;
        for (const ingest::SourceStatus& status : ingest::LoadedSources(connection)) {
            lines.push_back(fmt::format("{} {} {} {} {}..{}{}", status.kind, status.files, status.rows, status.rejected,
                                        status.period_start.empty() ? "-" : status.period_start,
                                        status.period_end.empty() ? "-" : status.period_end,
                                        status.last_loaded.empty() ? "" : " loaded"));
        }
        return lines;
    }
};

TEST_F(StatusTest, AnEmptyWorkspaceHasNothingLoaded) {
    EXPECT_EQ(Lines(), (std::vector<std::string>{"focus 0 0 0 -..-", "assets 0 0 0 -..-", "entitlements 0 0 0 -..-",
                                                 "installations 0 0 0 -..-", "cis 0 0 0 -..-",
                                                 "ci-relations 0 0 0 -..-", "contracts 0 0 0 -..-", "ledger 0 0 0 -..-",
                                                 "budgets 0 0 0 -..-", "org 0 0 0 -..-", "metrics 0 0 0 -..-"}));
}

TEST_F(StatusTest, CountsActiveFilesRowsRejectsAndPeriodsPerKind) {
    IngestData("org", "org.csv");
    IngestData("assets", "broken/assets.csv");
    IngestData("assets", "assets.csv"); // replaces the broken snapshot: its rows and rejects no longer count
    IngestData("ledger", "ledger.csv");
    IngestData("ledger", "broken/ledger.csv", true); // restates the months it holds
    IngestData("contracts", "contracts.csv");
    IngestData("metrics", "metrics.csv");
    // A FOCUS export as the billing loader records it: a source file with its billing period, and cost lines.
    Workspace().Connect().Execute(
        "INSERT INTO source_file (id, kind, path, content_sha256, size_bytes, format, rows_read, rows_loaded, "
        "rows_rejected, billing_period_start, billing_period_end) VALUES (100, 'focus', 'aws.csv', repeat('a', 64), "
        "10, 'csv', 3, 2, 1, '2024-09-01', '2024-10-01'); "
        "INSERT INTO cost_line (source_file_id, source_row) VALUES (100, 1), (100, 2)");
    EXPECT_EQ(Lines(), (std::vector<std::string>{
                           "focus 1 2 1 2024-09..2024-09 loaded",
                           "assets 1 16 0 2019-05..2024-06 loaded",
                           "entitlements 0 0 0 -..-",
                           "installations 0 0 0 -..-",
                           "cis 0 0 0 -..-",
                           "ci-relations 0 0 0 -..-",
                           "contracts 1 8 0 2021-04..2027-03 loaded",
                           "ledger 2 14 7 2024-07..2024-09 loaded",
                           "budgets 0 0 0 -..-",
                           "org 1 10 0 -..- loaded",
                           "metrics 1 14 0 2024-07..2024-09 loaded",
                       }));
}

} // namespace
} // namespace crosswalk
