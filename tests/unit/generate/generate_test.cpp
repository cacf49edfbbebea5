// The demo enterprise generator: same seed same bytes, files that pass the
// FOCUS checks, and an expected.json whose ground truth is what the store holds
// once everything is loaded. Suites named Generated* compare with, or read, the
// generated_workspace fixture that ctest makes once
// (tests/support/generated_workspace.hpp).
#include <array>
#include <cmath>
#include <map>
#include <set>
#include <zlib.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "crosswalk/common/decimal.hpp"
#include "crosswalk/common/error.hpp"
#include "crosswalk/generate/generate.hpp"
#include "crosswalk/ingest/configured_sources.hpp"
#include "crosswalk/ingest/focus/focus_ingest.hpp"
#include "crosswalk/store/connection.hpp"
#include "crosswalk/store/database.hpp"
#include "crosswalk/store/sql_quote.hpp"
#include "crosswalk/workspace/workspace.hpp"

#include "support/generated_workspace.hpp"
#include "support/temp_dir.hpp"

namespace crosswalk::generate {
namespace {

namespace fs = std::filesystem;
using crosswalk::testing::CopyFolder;
using crosswalk::testing::GeneratedFiles;
using crosswalk::testing::LoadedWorkspace;
using crosswalk::testing::ReadFile;
using crosswalk::testing::TempDir;
using crosswalk::testing::WriteFile;

// Two months keep the tests quick; every kind of row (daily usage, monthly
// fees, the anomaly aside) is there. The generated_workspace fixture is made
// with these options.
GenerateOptions TwoMonths(uint64_t seed = 42) {
    GenerateOptions options;
    options.seed = seed;
    options.months = 2;
    return options;
}

// The data files below `root`, relative to it: what GenerateResult::files lists (not the workspace's own
// crosswalk.yaml, rules/, database, .gitignore and the generator's marker).
std::set<std::string> DataFilesBelow(const fs::path& root) {
    std::set<std::string> files;
    for (const fs::directory_entry& entry : fs::recursive_directory_iterator(root)) {
        const std::string relative = fs::relative(entry.path(), root).generic_string();
        // rules/README.md, rules/vendors.yaml and rules/budgets.yaml are the workspace templates `init` writes, not
        // the generator's (the shipped vendor rules cover the demo's vendors; its budgets use the default thresholds).
        if (entry.is_regular_file() && (relative.find('/') != std::string::npos || relative == "expected.json") &&
            relative != "rules/README.md" && relative != "rules/vendors.yaml" && relative != "rules/budgets.yaml") {
            files.insert(relative);
        }
    }
    return files;
}

// Against the fixture, which `crosswalk generate` wrote with the same options
// in another process.
TEST(GeneratedFilesTest, SameSeedWritesTheSameBytes) {
    TempDir first;
    const GenerateResult a = GenerateWorkspace(first / "demo", TwoMonths());
    const fs::path fixture = GeneratedFiles();
    const std::set<std::string> listed(a.files.begin(), a.files.end());
    ASSERT_EQ(listed, DataFilesBelow(fixture));
    EXPECT_EQ(ReadFile(first / "demo" / "crosswalk.yaml"), ReadFile(fixture / "crosswalk.yaml"));
    for (const std::string& path : listed) {
        EXPECT_TRUE(ReadFile(first / "demo" / path) == ReadFile(fixture / path))
            << path << " differs between two runs with the same seed";
    }
    // Every format the issue asks for is among them, with a file per provider and
    // month.
    const std::set<std::string> files(a.files.begin(), a.files.end());
    EXPECT_TRUE(files.contains("billing/aws/focus-2026-01.csv"));
    EXPECT_TRUE(files.contains("billing/azure/focus-2026-02.parquet"));
    EXPECT_TRUE(files.contains("billing/gcp/focus-2026-01.csv.gz"));
    EXPECT_TRUE(files.contains("expected.json"));
    EXPECT_EQ(a.billing_files, 8);
}

std::string Gunzip(const std::filesystem::path& path) {
    gzFile file = gzopen(path.c_str(), "rb");
    std::string text;
    std::array<char, 65536> buffer{};
    int read = 0;
    while ((read = gzread(file, buffer.data(), buffer.size())) > 0) {
        text.append(buffer.data(), static_cast<size_t>(read));
    }
    gzclose(file);
    return text;
}

TEST(GeneratedFilesTest, AMonthWrittenInPartsIsTheSameAsInOne) {
    const fs::path whole = GeneratedFiles();
    TempDir parts;
    GenerateOptions options = TwoMonths();
    options.max_rows_per_sort = 500; // a few days per part
    GenerateWorkspace(parts.Path(), options);
    EXPECT_TRUE(ReadFile(whole / "expected.json") == ReadFile(parts / "expected.json"));
    EXPECT_TRUE(ReadFile(whole / "billing/aws/focus-2026-01.csv") == ReadFile(parts / "billing/aws/focus-2026-01.csv"));
    EXPECT_TRUE(Gunzip(whole / "billing/gcp/focus-2026-02.csv.gz") ==
                Gunzip(parts / "billing/gcp/focus-2026-02.csv.gz"));
    // Parquet parts are copied into one file in order: the same rows, in the same
    // order.
    store::Database database = store::Database::OpenInMemory();
    store::Connection connection(database);
    const std::string a = store::QuoteLiteral((whole / "billing/azure/focus-2026-01.parquet").string());
    const std::string b = store::QuoteLiteral((parts / "billing/azure/focus-2026-01.parquet").string());
    EXPECT_EQ(connection
                  .Query(fmt::format("SELECT count(*) FROM (SELECT *, row_number() "
                                     "OVER () AS n FROM read_parquet({}) "
                                     "EXCEPT ALL SELECT *, row_number() OVER () AS n "
                                     "FROM read_parquet({}))",
                                     a, b))
                  .ScalarInt64(),
              0);
    EXPECT_EQ(connection.Query(fmt::format("SELECT count(*) FROM read_parquet({})", a)).ScalarInt64(),
              connection.Query(fmt::format("SELECT count(*) FROM read_parquet({})", b)).ScalarInt64());
    EXPECT_FALSE(std::filesystem::exists(parts / ".generate-scratch"));
}

TEST(GeneratedFilesTest, AnotherSeedWritesAnotherCompanyEstate) {
    TempDir second;
    GenerateWorkspace(second.Path(), TwoMonths(2));
    EXPECT_NE(ReadFile(GeneratedFiles() / "billing/aws/focus-2026-01.csv"),
              ReadFile(second / "billing/aws/focus-2026-01.csv"));
}

int64_t BillingRowsOf(const fs::path& root) {
    return nlohmann::json::parse(ReadFile(root / "expected.json"))["billing"]["total"]["rows"].get<int64_t>();
}

TEST(GeneratedFilesTest, ScaleGrowsTheBillingRowsLinearly) {
    TempDir three;
    GenerateOptions options = TwoMonths();
    const int64_t small = BillingRowsOf(GeneratedFiles());
    options.scale = 3;
    const GenerateResult large = GenerateWorkspace(three.Path(), options);
    EXPECT_EQ(large.billing_rows, BillingRowsOf(three.Path()));
    EXPECT_GT(small, 5'000);
    EXPECT_GT(large.billing_rows, 2.5 * static_cast<double>(small));
    EXPECT_LT(large.billing_rows, 3.5 * static_cast<double>(small));
}

TEST(GenerateTest, RefusesAFolderHoldingSomeoneElsesFiles) {
    TempDir directory;
    WriteFile(directory / "notes.txt", "mine");
    try {
        GenerateWorkspace(directory.Path(), TwoMonths());
        FAIL() << "a non-empty folder not made by generate was overwritten";
    } catch (const Error& error) {
        EXPECT_EQ(error.Kind(), ErrorKind::kConflict);
    }
    EXPECT_EQ(ReadFile(directory / "notes.txt"), "mine");
    EXPECT_FALSE(std::filesystem::exists(directory / "billing"));
}

TEST(GeneratedFilesTest, RegeneratingAGeneratedFolderStartsItClean) {
    TempDir directory;
    CopyFolder(LoadedWorkspace(), directory.Path()); // every source loaded
    GenerateWorkspace(directory.Path(), TwoMonths());
    workspace::Workspace workspace = workspace::Workspace::Open(directory.Path());
    store::Connection connection = workspace.Connect();
    EXPECT_EQ(connection.Query("SELECT count(*) FROM source_file").ScalarInt64(), 0);
}

// The fixture's generated and fully loaded workspace, checked against its
// expected.json. Each test process copies it, so that two at once do not share
// (and lock) one database.
class GeneratedWorkspaceTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        directory_ = new TempDir();
        CopyFolder(LoadedWorkspace(), directory_->Path());
        expected_ = new nlohmann::json(nlohmann::json::parse(ReadFile(directory_->Path() / "expected.json")));
    }

    static void TearDownTestSuite() {
        delete expected_;
        delete directory_;
    }

    static store::Connection Connect() {
        static workspace::Workspace* workspace = nullptr;
        if (workspace == nullptr) {
            workspace = new workspace::Workspace(workspace::Workspace::Open(directory_->Path()));
        }
        return workspace->Connect();
    }

    static Decimal Amount(const nlohmann::json& text) { return Decimal::Parse(text.get<std::string>()); }

    static TempDir* directory_;
    static nlohmann::json* expected_;
};

TempDir* GeneratedWorkspaceTest::directory_ = nullptr;
nlohmann::json* GeneratedWorkspaceTest::expected_ = nullptr;

TEST_F(GeneratedWorkspaceTest, EveryBillingFilePassesTheFocusChecks) {
    store::Connection connection = Connect();
    const ingest::FocusValidation validation =
        ingest::ValidateFocus(connection, std::vector<std::string>{"billing"}, directory_->Path(), 3);
    ASSERT_EQ(validation.files.size(), 8U);
    for (const auto& file : validation.files) {
        EXPECT_TRUE(file.refused.empty()) << file.path << ": " << file.refused;
        for (const auto& rule : file.rules) {
            ADD_FAILURE() << file.path << ": " << rule.rule_id << " on " << rule.column;
        }
    }
    EXPECT_TRUE(validation.Conformant());
}

TEST_F(GeneratedWorkspaceTest, NothingIsRejected) {
    store::Connection connection = Connect();
    EXPECT_EQ(connection.Query("SELECT count(*) FROM rejected_row").ScalarInt64(), 0);
    EXPECT_EQ(connection.Query("SELECT count(DISTINCT kind) FROM source_file").ScalarInt64(), 11);
    EXPECT_EQ(connection.Query("SELECT sum(rows_rejected)::BIGINT FROM source_file").ScalarInt64(), 0);
}

TEST_F(GeneratedWorkspaceTest, BillingTotalsPerProviderAndMonthAreWhatTheStoreHolds) {
    store::Connection connection = Connect();
    const nlohmann::json& months = (*expected_)["billing"]["by_provider_and_month"];
    ASSERT_EQ(months.size(), 8U);
    Decimal total_billed;
    for (const nlohmann::json& month : months) {
        const std::string where = fmt::format("WHERE ProviderName = {} AND strftime(BillingPeriodStart, "
                                              "'%Y-%m') = {}",
                                              store::QuoteLiteral(month["provider"].get<std::string>()),
                                              store::QuoteLiteral(month["month"].get<std::string>()));
        const std::string label = month["provider"].get<std::string>() + " " + month["month"].get<std::string>();
        EXPECT_EQ(connection.Query("SELECT count(*) FROM cost_line " + where).ScalarInt64(),
                  month["rows"].get<int64_t>())
            << label;
        EXPECT_EQ(connection.Query("SELECT sum(BilledCost) FROM cost_line " + where).ScalarDecimal(),
                  Amount(month["billed_cost"]))
            << label;
        EXPECT_EQ(connection.Query("SELECT sum(EffectiveCost) FROM cost_line " + where).ScalarDecimal(),
                  Amount(month["effective_cost"]))
            << label;
        EXPECT_EQ(connection.Query("SELECT sum(ListCost) FROM cost_line " + where).ScalarDecimal(),
                  Amount(month["list_cost"]))
            << label;
        total_billed = total_billed + Amount(month["billed_cost"]);
    }
    EXPECT_EQ(total_billed, Amount((*expected_)["billing"]["total"]["billed_cost"]));
    EXPECT_EQ(connection.Query("SELECT count(*) FROM cost_line").ScalarInt64(),
              (*expected_)["billing"]["total"]["rows"].get<int64_t>());
}

TEST_F(GeneratedWorkspaceTest, TheBillHasEveryKindOfChargeTheIssueNames) {
    store::Connection connection = Connect();
    const auto count = [&](const std::string& where) {
        return connection.Query("SELECT count(*) FROM cost_line WHERE " + where).ScalarInt64().value_or(0);
    };
    EXPECT_GT(count("ChargeCategory = 'Tax'"), 0);
    EXPECT_GT(count("ChargeCategory = 'Credit'"), 0);
    EXPECT_GT(count("ChargeClass = 'Correction'"), 0) << "a refund";
    EXPECT_GT(count("CommitmentDiscountStatus = 'Unused'"), 0);
    EXPECT_GT(count("CommitmentDiscountStatus = 'Used' AND EffectiveCost > 0 AND "
                    "BilledCost = 0"),
              0)
        << "amortized commitment usage";
    EXPECT_GT(count("PublisherName <> ProviderName AND ChargeCategory = 'Purchase'"), 0) << "marketplace";
    EXPECT_GT(count("ServiceSubcategory = 'Support'"), 0);
    EXPECT_GT(count("ChargePeriodEnd - ChargePeriodStart = INTERVAL 1 DAY AND "
                    "ChargeCategory = 'Usage'"),
              0);
    // About 15% of resources carry none of the application tag's spellings.
    const double untagged = connection
                                .Query("SELECT count(*) FILTER (WHERE coalesce(tags->>'app', "
                                       "tags->>'App', tags->>'application', "
                                       "tags->>'Application-Name') IS NULL) / count(*) FROM resource "
                                       "WHERE resource_id NOT LIKE '%savings%' "
                                       "AND resource_id NOT LIKE '%reservation%' AND resource_id NOT "
                                       "LIKE '%commitment%'")
                                .NextChunk()
                                ->Column(0)
                                .Double(0);
    EXPECT_GT(untagged, 0.08);
    EXPECT_LT(untagged, 0.25);
}

TEST_F(GeneratedWorkspaceTest, UntaggedResourcesOfTheGroundTruthAreBilledAndUntagged) {
    store::Connection connection = Connect();
    const nlohmann::json& untagged = (*expected_)["tags"]["untagged_resources"];
    ASSERT_FALSE(untagged.empty());
    for (const nlohmann::json& resource : untagged) {
        const std::string id = resource["resource_id"].get<std::string>();
        EXPECT_EQ(connection
                      .Query("SELECT count(*) FROM resource WHERE resource_id = " + store::QuoteLiteral(id) +
                             " AND coalesce(tags->>'app', tags->>'App', "
                             "tags->>'application', "
                             "tags->>'Application-Name') IS NULL")
                      .ScalarInt64(),
                  1)
            << id;
        EXPECT_FALSE(resource["application"].get<std::string>().empty());
    }
}

TEST_F(GeneratedWorkspaceTest, LicensePositionsAddUpAndMatchTheLoadedInventory) {
    store::Connection connection = Connect();
    bool shortfall = false;
    bool surplus = false;
    std::set<std::string> metrics;
    for (const nlohmann::json& product : (*expected_)["licenses"]["products"]) {
        const std::string name = product["product"].get<std::string>();
        const int64_t entitled = product["entitled"].get<int64_t>();
        EXPECT_EQ(connection
                      .Query("SELECT sum(quantity)::BIGINT FROM entitlement WHERE "
                             "product = " +
                             store::QuoteLiteral(name))
                      .ScalarInt64(),
                  entitled)
            << name;
        double required_sum = 0; // RHEL VMs need half a subscription each; the product rounds up
        for (const nlohmann::json& counted : product["counted_installations"]) {
            required_sum += counted["required"].get<double>();
            EXPECT_EQ(connection
                          .Query("SELECT count(*) FROM installation WHERE installation_id = " +
                                 store::QuoteLiteral(counted["installation_id"].get<std::string>()) +
                                 " AND product = " + store::QuoteLiteral(name))
                          .ScalarInt64(),
                      1)
                << counted["installation_id"];
        }
        const auto required = static_cast<int64_t>(std::ceil(required_sum));
        EXPECT_EQ(required, product["required"].get<int64_t>()) << name;
        EXPECT_EQ(product["position"].get<int64_t>(), entitled - required) << name;
        shortfall = shortfall || product["status"] == "shortfall";
        surplus = surplus || product["status"] == "surplus";
        metrics.insert(product["metric"].get<std::string>());
        for (const nlohmann::json& host : product["license_included_hosts"]) {
            EXPECT_EQ(connection
                          .Query("SELECT count(*) FROM resource WHERE resource_id = " +
                                 store::QuoteLiteral(host.get<std::string>()))
                          .ScalarInt64(),
                      1)
                << host;
        }
    }
    EXPECT_TRUE(shortfall);
    EXPECT_TRUE(surplus);
    EXPECT_EQ(metrics, (std::set<std::string>{"per_core", "per_processor", "per_user", "subscription"}));
}

TEST_F(GeneratedWorkspaceTest, CloudInvoicesArePostedToTheLedgerAMonthLater) {
    store::Connection connection = Connect();
    const nlohmann::json& ledger = (*expected_)["ledger"];
    EXPECT_EQ(ledger["cloud_invoice_lag_months"], 1);
    for (const nlohmann::json& invoice : ledger["cloud_invoices"]) {
        const std::string id = invoice["invoice_id"].get<std::string>();
        EXPECT_EQ(connection
                      .Query("SELECT sum(amount) FROM ledger_line WHERE invoice_id = " + store::QuoteLiteral(id) +
                             " AND strftime(posting_period, '%Y-%m') = " +
                             store::QuoteLiteral(invoice["posting_period"].get<std::string>()))
                      .ScalarDecimal(),
                  Amount(invoice["amount"]))
            << id;
        // The invoice is the bill's rows under that invoice id, rounded to cents.
        EXPECT_EQ(connection
                      .Query("SELECT round(sum(BilledCost), 2) FROM cost_line "
                             "WHERE InvoiceId = " +
                             store::QuoteLiteral(id))
                      .ScalarDecimal(),
                  Amount(invoice["amount"]))
            << id;
    }
}

TEST_F(GeneratedWorkspaceTest, EverySourceRowWrittenIsLoaded) {
    const nlohmann::json& written = (*expected_)["source_rows"];
    store::Connection connection = Connect();
    store::Result loaded = connection.Query("SELECT kind, sum(rows_loaded)::BIGINT FROM source_file WHERE kind <> "
                                            "'focus' AND status = 'active' GROUP BY kind ORDER BY kind");
    int checked = 0;
    while (auto chunk = loaded.NextChunk()) {
        for (uint64_t row = 0; row < chunk->Size(); ++row) {
            const std::string kind(chunk->Column(0).String(row));
            const std::string path = "sources/" + kind + (kind == "cis" ? ".json" : ".csv");
            ASSERT_TRUE(written.contains(path)) << path;
            EXPECT_EQ(chunk->Column(1).Int64(row), written[path].get<int64_t>()) << path;
            ++checked;
        }
    }
    EXPECT_EQ(checked, 10);
}

} // namespace
} // namespace crosswalk::generate
