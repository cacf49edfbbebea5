// The broken variants (tests/data/enterprise/broken/): each bad row is rejected into rejected_row with its file,
// row, column, rule id, message and raw values; the good rows of the same file still load.
#include <gtest/gtest.h>

#include "unit/ingest/enterprise/enterprise_test_support.hpp"

namespace crosswalk {
namespace {

using testing::EnterpriseTest;
using Lines = std::vector<std::string>;

// "row|column|rule_id" for every rejection of the last load, in row order.
constexpr const char* kRejections =
    "SELECT row_number, column_name, rule_id FROM rejected_row ORDER BY row_number, rule_id";

TEST_F(EnterpriseTest, BrokenAssetsAreRejectedRowByRowWithTheirReasons) {
    const ingest::IngestSummary summary = IngestData("assets", "broken/assets.csv");
    const ingest::FileOutcome& file = summary.files[0];
    EXPECT_EQ(file.counts.read, 16);
    EXPECT_EQ(file.counts.loaded, 3);
    EXPECT_EQ(file.counts.rejected, 13);
    EXPECT_EQ(Rows(kRejections), (Lines{
                                     "2|asset_tag|assets.asset_tag.required",
                                     "3|acquisition_date|assets.acquisition_date.type",
                                     "4|lifecycle_state|assets.lifecycle_state.allowed",
                                     "5|acquisition_cost|assets.acquisition_cost.range",
                                     "6|salvage_value|assets.salvage_value.max",
                                     "7|asset_tag|assets.asset_tag.unique",
                                     "8|acquisition_cost|assets.acquisition_cost.type",
                                     "9|resource_id|assets.resource_id.cloud",
                                     "10|currency|assets.currency.required_with_amount",
                                     "11|useful_life_months|assets.useful_life_months.range",
                                     "12|acquisition_cost|assets.acquisition_cost.type",
                                     "12|acquisition_date|assets.acquisition_date.type",
                                     "13|host_asset_tag|assets.host_asset_tag.self",
                                     "15|acquisition_cost|assets.acquisition_cost.type",
                                 }));
    EXPECT_EQ(Rows("SELECT asset_tag, lifecycle_state, acquisition_cost, currency FROM asset ORDER BY source_row"),
              (Lines{"SRV-1001|in_use|12000.500000|USD", "SRV-1014|in_use|0.000000|USD",
                     "SRV-1016|retired|2500.000000|EUR"}));
    EXPECT_EQ(RuleLines(file)[0], "assets.acquisition_cost.type acquisition_cost reject 3 8");
    // The host SRV-9999 is not in the register: the row is kept and the gap reported.
    EXPECT_NE(std::find(RuleLines(file).begin(), RuleLines(file).end(),
                        "assets.host_asset_tag.known host_asset_tag warn 1 14"),
              RuleLines(file).end());
}

TEST_F(EnterpriseTest, ARejectionCarriesItsMessageAndTheRawRow) {
    IngestData("assets", "broken/assets.csv");
    EXPECT_EQ(Rows("SELECT r.source_kind, f.kind, r.run_id = f.run_id, r.message, r.raw FROM rejected_row r "
                   "JOIN source_file f ON f.id = r.source_file_id WHERE r.row_number = 4"),
              (Lines{"assets|assets|true|lifecycle_state 'broken' is not one of ordered, procured, deployed, in_use, "
                     "in_stock, retired, disposed|{\"asset_tag\":\"SRV-1004\",\"name\":\"bad-state\",\"category\":"
                     "\"hardware\",\"lifecycle_state\":\"broken\",\"acquisition_date\":\"2023-01-01\","
                     "\"acquisition_cost\":\"1000.00\",\"currency\":\"USD\",\"salvage_value\":null,"
                     "\"useful_life_months\":\"60\",\"cloud_provider\":null,\"resource_id\":null,"
                     "\"host_asset_tag\":null,\"cost_center_id\":null}"}));
    EXPECT_EQ(Rows("SELECT row_number, message FROM rejected_row WHERE row_number IN (3, 6, 7, 8) ORDER BY 1"),
              (Lines{"3|acquisition_date '2023-02-30' is not a date (YYYY-MM-DD)",
                     "6|salvage_value 600.00 is more than acquisition_cost 500.00",
                     "7|asset_tag 'SRV-1001' appears more than once in the file (first at row 1)",
                     "8|acquisition_cost '10.1234567' is not a number with at most 6 decimals"}));
}

TEST_F(EnterpriseTest, BrokenEntitlements) {
    const ingest::IngestSummary summary = IngestData("entitlements", "broken/entitlements.csv");
    EXPECT_EQ(summary.Totals().loaded, 1);
    EXPECT_EQ(summary.Totals().rejected, 7);
    EXPECT_EQ(Rows(kRejections), (Lines{
                                     "2|product|entitlements.product.required",
                                     "3|metric|entitlements.metric.allowed",
                                     "4|quantity|entitlements.quantity.range",
                                     "5|quantity|entitlements.quantity.type",
                                     "6|term_end|entitlements.term_end.order",
                                     "7|currency|entitlements.currency.required_with_amount",
                                     "8|maintenance|entitlements.maintenance.type",
                                 }));
    // "Per Core" means per_core; "yes" means true.
    EXPECT_EQ(Rows("SELECT entitlement_id, metric, quantity, maintenance FROM entitlement"),
              (Lines{"E-1|per_core|16.0000|true"}));
    EXPECT_EQ(summary.files[0].warnings, (Lines{"contract_id not checked: no contracts are loaded"}));
}

TEST_F(EnterpriseTest, BrokenInstallations) {
    const ingest::IngestSummary summary = IngestData("installations", "broken/installations.csv");
    EXPECT_EQ(summary.Totals().loaded, 1);
    EXPECT_EQ(Rows(kRejections), (Lines{
                                     "2|host_kind|installations.host_kind.allowed",
                                     "3|host_id|installations.host_id.required",
                                     "4|vcpus|installations.vcpus.type",
                                     "5|threads_per_core|installations.threads_per_core.range",
                                     "6|product|installations.product.required",
                                     "7|installation_id|installations.installation_id.unique",
                                 }));
}

TEST_F(EnterpriseTest, BrokenCis) {
    const ingest::IngestSummary summary = IngestData("cis", "broken/cis.csv");
    EXPECT_EQ(summary.Totals().loaded, 2);
    EXPECT_EQ(Rows(kRejections), (Lines{
                                     "2|class|cis.class.allowed",
                                     "3|ci_id|cis.ci_id.required",
                                     "4|class|cis.class.required",
                                     "5|ci_id|cis.ci_id.unique",
                                 }));
    EXPECT_EQ(Rows("SELECT ci_id, class FROM ci ORDER BY 1"), (Lines{"CI-1|server", "CI-6|business_service"}));
}

TEST_F(EnterpriseTest, BrokenRelations) {
    const ingest::IngestSummary summary = IngestData("ci-relations", "broken/ci-relations.csv");
    EXPECT_EQ(summary.Totals().loaded, 2);
    EXPECT_EQ(Rows(kRejections), (Lines{
                                     "2|child_ci_id|ci-relations.child_ci_id.self",
                                     "3|relation_type|ci-relations.relation_type.allowed",
                                     "4|child_ci_id|ci-relations.child_ci_id.required",
                                     "5|parent_ci_id|ci-relations.parent_ci_id.unique",
                                 }));
    EXPECT_EQ(Rows("SELECT parent_ci_id, child_ci_id, relation_type FROM ci_relation ORDER BY 1"),
              (Lines{"APP-A|SRV-B|runs_on", "VM-C|SRV-D|hosted_by"}));
}

TEST_F(EnterpriseTest, BrokenContracts) {
    const ingest::IngestSummary summary = IngestData("contracts", "broken/contracts.csv");
    EXPECT_EQ(summary.Totals().loaded, 1);
    EXPECT_EQ(Rows(kRejections), (Lines{
                                     "2|contract_type|contracts.contract_type.allowed",
                                     "3|end_date|contracts.end_date.order",
                                     "4|payment_schedule|contracts.payment_schedule.allowed",
                                     "5|consumption_allowance|contracts.consumption_allowance.required_with_unit",
                                     "6|notice_days|contracts.notice_days.range",
                                     "7|currency|contracts.currency.type",
                                 }));
    EXPECT_EQ(Rows("SELECT contract_type, payment_schedule FROM contract"), (Lines{"saas|annual"}));
}

TEST_F(EnterpriseTest, BrokenLedger) {
    const ingest::IngestSummary summary = IngestData("ledger", "broken/ledger.csv");
    EXPECT_EQ(summary.Totals().loaded, 3);
    EXPECT_EQ(Rows(kRejections), (Lines{
                                     "2|posting_period|ledger.posting_period.first_day",
                                     "3|posting_period|ledger.posting_period.required",
                                     "4|account|ledger.account.required",
                                     "5|amount|ledger.amount.required",
                                     "6|currency|ledger.currency.type",
                                     "7|entry_id|ledger.entry_id.unique",
                                     "8|amount|ledger.amount.type",
                                 }));
    // Lines without an entry id have no natural key: both identical lines are kept.
    EXPECT_EQ(Scalar("SELECT sum(amount) FROM ledger_line"), "114.500000");
}

TEST_F(EnterpriseTest, BrokenBudgets) {
    IngestData("org", "org.csv");
    const ingest::IngestSummary summary = IngestData("budgets", "broken/budgets.csv");
    EXPECT_EQ(summary.Totals().loaded, 3);
    EXPECT_EQ(Rows(kRejections), (Lines{
                                     "2|period|budgets.period.first_day",
                                     "3|scope_kind|budgets.scope_kind.allowed",
                                     "4|scope_id|budgets.scope_id.required",
                                     "5|period|budgets.period.unique",
                                 }));
    EXPECT_EQ(RuleLines(summary.files[0]).back(), "budgets.scope_id.known scope_id warn 1 7");
}

TEST_F(EnterpriseTest, BrokenOrg) {
    const ingest::IngestSummary summary = IngestData("org", "broken/org.csv");
    EXPECT_EQ(summary.Totals().loaded, 3);
    EXPECT_EQ(Rows(kRejections), (Lines{
                                     "2|type|org.type.allowed",
                                     "3|id|org.id.required",
                                     "4|parent_id|org.parent_id.self",
                                     "5|business_unit_id|org.business_unit_id.cost_center_only",
                                     "7|id|org.id.unique",
                                 }));
    EXPECT_EQ(Rows("SELECT cost_center_id, parent_cost_center_id FROM cost_center ORDER BY 1"),
              (Lines{"BU-X|NULL", "CC-Y|CC-MISSING"}));
    EXPECT_EQ(Rows("SELECT business_unit_id FROM business_unit"), (Lines{"BU-X"}));
    EXPECT_EQ(
        RuleLines(summary.files[0]),
        (Lines{"org.business_unit_id.cost_center_only business_unit_id reject 1 5", "org.id.required id reject 1 3",
               "org.id.unique id reject 1 7", "org.parent_id.self parent_id reject 1 4",
               "org.type.allowed type reject 1 2", "org.parent_id.known parent_id warn 1 6"}));
}

TEST_F(EnterpriseTest, BrokenMetrics) {
    const ingest::IngestSummary summary = IngestData("metrics", "broken/metrics.csv");
    EXPECT_EQ(summary.Totals().loaded, 1);
    EXPECT_EQ(Rows(kRejections), (Lines{
                                     "2|period|metrics.period.first_day",
                                     "3|grain|metrics.grain.allowed",
                                     "4|metric_name|metrics.metric_name.required",
                                     "5|scope_id|metrics.scope_id.required",
                                     "6|scope_id|metrics.scope_id.organization",
                                     "7|period|metrics.period.unique",
                                     "8|value|metrics.value.type",
                                 }));
}

TEST_F(EnterpriseTest, AFileOfTheWrongKindIsRefusedAsAWhole) {
    try {
        IngestData("assets", "ledger.csv");
        FAIL() << "loading a ledger as assets succeeded";
    } catch (const Error& error) {
        EXPECT_EQ(error.Kind(), ErrorKind::kInvalidInput);
        EXPECT_NE(std::string(error.what()).find("the required column 'asset_tag' is missing for assets"),
                  std::string::npos)
            << error.what();
    }
    EXPECT_EQ(Scalar("SELECT count(*) FROM source_file"), "0");
    EXPECT_EQ(Scalar("SELECT count(*) FROM rejected_row"), "0");
    EXPECT_EQ(Rows("SELECT command, status FROM run"), (Lines{"ingest assets|failed"}));
}

TEST_F(EnterpriseTest, ABrokenCsvStructureRefusesTheFileAndLeavesTheStoreUnchanged) {
    testing::WriteFile(directory_ / "in" / "a-good.csv", "ci_id,class\nCI-1,server\n");
    testing::WriteFile(directory_ / "in" / "b-broken.csv", "ci_id,class,name\nCI-2,server,x\nCI-3,server,y,extra\n");
    try {
        Ingest("cis", {(directory_ / "in").string()});
        FAIL() << "a broken CSV loaded";
    } catch (const Error& error) {
        EXPECT_EQ(error.Kind(), ErrorKind::kInvalidInput);
        EXPECT_NE(std::string(error.what()).find("b-broken.csv:3: the CSV structure is broken"), std::string::npos)
            << error.what();
    }
    // One transaction for the load: the good file's rows went too.
    EXPECT_EQ(Scalar("SELECT count(*) FROM ci"), "0");
    EXPECT_EQ(Scalar("SELECT count(*) FROM source_file"), "0");
}

TEST_F(EnterpriseTest, AnEmptyFileIsRefused) {
    testing::WriteFile(directory_ / "empty.csv", "");
    EXPECT_THROW(Ingest("cis", {(directory_ / "empty.csv").string()}), Error);
}

TEST_F(EnterpriseTest, AHeaderOnlyFileIsAnEmptySnapshot) {
    IngestData("cis", "cis.csv");
    testing::WriteFile(directory_ / "none.csv", "ci_id,class,name\n");
    const ingest::IngestSummary summary = Ingest("cis", {(directory_ / "none.csv").string()});
    EXPECT_EQ(summary.Totals().read, 0);
    EXPECT_EQ(Scalar("SELECT count(*) FROM ci"), "0");
    EXPECT_EQ(summary.files[0].warnings.back(), "the file has no data rows");
}

} // namespace
} // namespace crosswalk
