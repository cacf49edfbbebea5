// One realistic fixture per enterprise kind (tests/data/enterprise/*.csv): every row loads, counts and money
// sums are exact, values land in the right columns, and links between sources are checked as warnings.
#include <gtest/gtest.h>

#include "unit/ingest/enterprise/enterprise_test_support.hpp"

namespace crosswalk {
namespace {

using testing::EnterpriseData;
using testing::EnterpriseTest;
using Lines = std::vector<std::string>;

TEST_F(EnterpriseTest, AssetsLoadEveryRowWithExactMoney) {
    const ingest::IngestSummary summary = IngestData("assets", "assets.csv");
    ASSERT_EQ(summary.files.size(), 1U);
    const ingest::FileOutcome& file = summary.files[0];
    EXPECT_FALSE(file.skipped_unchanged);
    EXPECT_EQ(file.counts.read, 16);
    EXPECT_EQ(file.counts.loaded, 16);
    EXPECT_EQ(file.counts.rejected, 0);
    EXPECT_EQ(Rows("SELECT currency, sum(acquisition_cost), count(*) FROM asset GROUP BY ALL ORDER BY 1"),
              (Lines{"EUR|17150.750000|2", "USD|149387.490000|10", "NULL|NULL|4"}));
    EXPECT_EQ(Rows("SELECT asset_tag, serial_number, name, category, asset_type, model, manufacturer, lifecycle_state, "
                   "acquisition_date, in_service_date, acquisition_cost, currency, depreciation_method, "
                   "declining_balance_factor, useful_life_months, salvage_value, cost_center_id, ci_id, "
                   "physical_cores, processors, processor_model, source_row FROM asset WHERE asset_tag = 'SRV-0003'"),
              (Lines{"SRV-0003|7XK9QH3|dc1-ora-01|hardware|server|PowerEdge R750|Dell|in_use|2022-06-20|2022-07-01|"
                     "24990.500000|USD|declining_balance|2.0000|60|1000.000000|CC-4000|CI-SRV-0003|24|2|"
                     "Intel Xeon Gold 6342|3"}));
    EXPECT_EQ(Rows("SELECT asset_tag, category, cloud_provider, resource_id, host_asset_tag FROM asset "
                   "WHERE category <> 'hardware' ORDER BY asset_tag"),
              (Lines{"CLD-0001|cloud|AWS|arn:aws:ec2:eu-central-1:123456789012:instance/i-0abc123def4567890|NULL",
                     "CLD-0002|cloud|Microsoft|/subscriptions/5f1c2d3e-4a5b-6c7d-8e9f-0a1b2c3d4e5f/resourceGroups/"
                     "rg-commerce/providers/Microsoft.Compute/virtualMachines/vm-search-01|NULL",
                     "VM-0001|virtual|NULL|NULL|SRV-0001", "VM-0002|virtual|NULL|NULL|SRV-0002"}));
    EXPECT_EQ(Rows("SELECT kind, status, format, rows_read, rows_loaded, rows_rejected, path FROM source_file"),
              (Lines{"assets|active|csv|16|16|0|" + EnterpriseData("assets.csv").string()}));
    // The register names CIs and cost centers, but neither the CMDB nor the org is loaded yet.
    EXPECT_EQ(file.warnings,
              (Lines{"ci_id not checked: no CIs are loaded", "cost_center_id not checked: no org is loaded"}));
    EXPECT_EQ(Scalar("SELECT count(*) FROM rejected_row"), "0");
}

TEST_F(EnterpriseTest, AssetsResolveAgainstALoadedOrgAndCmdb) {
    IngestData("org", "org.csv");
    IngestData("cis", "cis.csv");
    const ingest::IngestSummary summary = IngestData("assets", "assets.csv");
    EXPECT_TRUE(summary.files[0].rules.empty());
    EXPECT_TRUE(summary.files[0].warnings.empty());
}

TEST_F(EnterpriseTest, EntitlementsKeepMetricsQuantitiesAndRights) {
    const ingest::IngestSummary summary = IngestData("entitlements", "entitlements.csv");
    EXPECT_EQ(summary.Totals().loaded, 12);
    EXPECT_EQ(summary.Totals().rejected, 0);
    EXPECT_EQ(Rows("SELECT currency, sum(total_cost), sum(quantity) FROM entitlement GROUP BY ALL ORDER BY 1"),
              (Lines{"EUR|8800.000000|50.0000", "USD|966353.600000|1396.0000"}));
    EXPECT_EQ(Rows("SELECT metric, count(*) FROM entitlement GROUP BY ALL ORDER BY 1"),
              (Lines{"per_core|4", "per_instance|2", "per_processor|2", "per_user|3", "subscription|1"}));
    EXPECT_EQ(
        Rows("SELECT entitlement_id, maintenance, maintenance_end, license_mobility, hybrid_benefit, byol_allowed, "
             "term_end FROM entitlement WHERE entitlement_id IN ('ENT-003', 'ENT-005') ORDER BY 1"),
        (Lines{"ENT-003|true|2025-12-31|false|true|false|NULL",
               "ENT-005|true|2024-12-31|false|false|false|2024-12-31"}));
}

TEST_F(EnterpriseTest, EntitlementsWarnAboutContractsTheContractsDoNotHold) {
    IngestData("contracts", "contracts.csv");
    const ingest::IngestSummary summary = IngestData("entitlements", "entitlements.csv");
    // Every contract_id of the fixture is a loaded contract.
    EXPECT_TRUE(summary.files[0].rules.empty());
    EXPECT_EQ(summary.files[0].warnings, (Lines{"cost_center_id not checked: no org is loaded"}));
}

TEST_F(EnterpriseTest, InstallationsFindTheirHostsAndWarnAboutUnknownOnes) {
    IngestData("assets", "assets.csv");
    const ingest::IngestSummary summary = IngestData("installations", "installations.csv");
    const ingest::FileOutcome& file = summary.files[0];
    EXPECT_EQ(file.counts.loaded, 14);
    // LAB-0007 is in no register and no bill: kept, and reported.
    EXPECT_EQ(RuleLines(file), (Lines{"installations.host_id.known host_id warn 1 14"}));
    EXPECT_EQ(file.warnings,
              (Lines{"1 row(s) kept whose host_id is not a host of the asset register or of billing (first: row 14, "
                     "'LAB-0007')"}));
    // Hosts given without a kind: an asset tag of the register, or a resource the register knows.
    EXPECT_EQ(Rows("SELECT installation_id, host_kind FROM installation WHERE installation_id IN "
                   "('INS-1007', 'INS-1008', 'INS-1009', 'INS-1014') ORDER BY 1"),
              (Lines{"INS-1007|asset", "INS-1008|resource", "INS-1009|resource", "INS-1014|asset"}));
    EXPECT_EQ(Scalar("SELECT sum(physical_cores) FROM installation"), "196");
    EXPECT_EQ(Scalar("SELECT sum(vcpus) FROM installation"), "16");
}

TEST_F(EnterpriseTest, InstallationsWithoutAnyRegisterAreNotChecked) {
    const ingest::IngestSummary summary = IngestData("installations", "installations.csv");
    EXPECT_TRUE(summary.files[0].rules.empty());
    EXPECT_EQ(summary.files[0].warnings, (Lines{"host_id not checked: no assets and no billing are loaded"}));
    // A provider id reads as a cloud resource; anything else as an asset tag.
    EXPECT_EQ(Scalar("SELECT host_kind FROM installation WHERE installation_id = 'INS-1009'"), "resource");
    EXPECT_EQ(Scalar("SELECT host_kind FROM installation WHERE installation_id = 'INS-1007'"), "asset");
}

TEST_F(EnterpriseTest, CisAndRelationsBuildTheServiceMap) {
    const ingest::IngestSummary cis = IngestData("cis", "cis.csv");
    EXPECT_EQ(cis.Totals().loaded, 18);
    const ingest::IngestSummary relations = IngestData("ci-relations", "ci-relations.csv");
    EXPECT_EQ(relations.Totals().loaded, 15);
    // APP-SEARCH runs on a server the CMDB extract does not hold.
    EXPECT_EQ(RuleLines(relations.files[0]), (Lines{"ci-relations.child_ci_id.known child_ci_id warn 1 15"}));
    EXPECT_EQ(Rows("SELECT class, count(*) FROM ci GROUP BY ALL ORDER BY 1"),
              (Lines{"application|4", "business_service|2", "cloud_resource|2", "cluster|1", "database|2", "server|4",
                     "storage|1", "virtual_machine|2"}));
    EXPECT_EQ(Rows("SELECT relation_type, count(*) FROM ci_relation GROUP BY ALL ORDER BY 1"),
              (Lines{"depends_on|5", "hosted_by|2", "member_of|2", "runs_on|6"}));
    // The chain from a business service down to hardware: Store Checkout -> POS -> VM -> host.
    EXPECT_EQ(Rows("SELECT r3.child_ci_id FROM ci_relation r1 JOIN ci_relation r2 ON r2.parent_ci_id = r1.child_ci_id "
                   "JOIN ci_relation r3 ON r3.parent_ci_id = r2.child_ci_id WHERE r1.parent_ci_id = 'BS-STORES' "
                   "AND r3.relation_type = 'hosted_by'"),
              (Lines{"CI-SRV-0001"}));
}

TEST_F(EnterpriseTest, ContractsKeepValuesSchedulesAndAllowances) {
    const ingest::IngestSummary summary = IngestData("contracts", "contracts.csv");
    EXPECT_EQ(summary.Totals().loaded, 8);
    EXPECT_EQ(Rows("SELECT currency, sum(total_value) FROM contract GROUP BY ALL ORDER BY 1"),
              (Lines{"EUR|12600.000000", "USD|6287050.500000"}));
    EXPECT_EQ(Rows("SELECT contract_id, contract_type, payment_schedule, consumption_allowance, consumption_unit, "
                   "auto_renew, notice_days, cloud_provider FROM contract WHERE consumption_allowance IS NOT NULL "
                   "ORDER BY 1"),
              (Lines{"CTR-AWS-EDP-2024|cloud_commitment|monthly|3000000.000000|USD|false|60|AWS",
                     "CTR-AZ-MACC-2024|cloud_commitment|prepaid|1800000.000000|USD|false|90|Microsoft",
                     "CTR-DDOG-2024|saas|prepaid|1200000.000000|credits|true|45|NULL"}));
}

TEST_F(EnterpriseTest, LedgerSumsExactlyAndDerivesThePeriodFromThePostingDate) {
    IngestData("org", "org.csv");
    const ingest::IngestSummary summary = IngestData("ledger", "ledger.csv");
    EXPECT_EQ(summary.Totals().read, 17);
    EXPECT_EQ(summary.Totals().loaded, 17);
    EXPECT_TRUE(summary.files[0].rules.empty());
    EXPECT_EQ(
        Rows("SELECT posting_period, currency, sum(amount), count(*) FROM ledger_line GROUP BY ALL ORDER BY 1, 2"),
        (Lines{"2024-07-01|EUR|4380.500000|1", "2024-07-01|USD|133505.820000|5", "2024-08-01|USD|93468.610000|5",
               "2024-09-01|EUR|1920.000000|1", "2024-09-01|USD|96444.110000|5"}));
    EXPECT_EQ(Scalar("SELECT sum(amount) FROM ledger_line WHERE currency = 'USD'"), "323418.540000");
    EXPECT_EQ(Rows("SELECT entry_id, posting_period, posting_date FROM ledger_line WHERE entry_id = 'JE-2409-0006'"),
              (Lines{"JE-2409-0006|2024-09-01|2024-09-25"}));
    EXPECT_EQ(Scalar("SELECT amount FROM ledger_line WHERE entry_id = 'JE-2408-0005'"), "-1250.000000");
}

TEST_F(EnterpriseTest, BudgetsCoverEveryScopeKind) {
    IngestData("org", "org.csv");
    IngestData("cis", "cis.csv");
    const ingest::IngestSummary summary = IngestData("budgets", "budgets.csv");
    EXPECT_EQ(summary.Totals().loaded, 19);
    EXPECT_TRUE(summary.files[0].rules.empty());
    EXPECT_EQ(Rows("SELECT scope_kind, currency, sum(amount) FROM budget GROUP BY ALL ORDER BY 1, 2"),
              (Lines{"application|USD|146000.000000", "business_unit|USD|395000.000000", "cost_center|EUR|3800.000000",
                     "cost_center|USD|508500.000000", "tower|USD|185500.000000"}));
    EXPECT_EQ(Rows("SELECT DISTINCT period FROM budget ORDER BY 1"), (Lines{"2024-07-01", "2024-08-01", "2024-09-01"}));
}

TEST_F(EnterpriseTest, OrgSplitsIntoCostCentersAndBusinessUnits) {
    const ingest::IngestSummary summary = IngestData("org", "org.csv");
    EXPECT_EQ(summary.Totals().loaded, 10);
    EXPECT_TRUE(summary.files[0].rules.empty());
    EXPECT_EQ(Rows("SELECT business_unit_id, name, parent_business_unit_id, owner, source_row FROM business_unit "
                   "ORDER BY 1"),
              (Lines{"BU-CORP|Corporate|NULL|Dana Whitfield|1", "BU-ONLINE|Online Commerce|BU-CORP|Priya Natarajan|3",
                     "BU-RETAIL|Retail Stores|BU-CORP|Marco Ruiz|2"}));
    EXPECT_EQ(Rows("SELECT cost_center_id, parent_cost_center_id, business_unit_id, source_row FROM cost_center "
                   "ORDER BY 1"),
              (Lines{"CC-1000|NULL|BU-CORP|4", "CC-1100|CC-1000|BU-CORP|5", "CC-1200|CC-1000|BU-CORP|6",
                     "CC-2000|NULL|BU-ONLINE|7", "CC-2100|CC-2000|BU-ONLINE|8", "CC-3000|NULL|BU-RETAIL|9",
                     "CC-4000|NULL|BU-CORP|10"}));
}

TEST_F(EnterpriseTest, MetricsDefaultToMonthlyOrganizationValues) {
    const ingest::IngestSummary summary = IngestData("metrics", "metrics.csv");
    EXPECT_EQ(summary.Totals().loaded, 14);
    EXPECT_EQ(Scalar("SELECT sum(value) FROM business_metric"), "227551094.600000");
    EXPECT_EQ(
        Rows("SELECT period, grain, scope_kind, scope_id, value FROM business_metric WHERE metric_name = 'revenue' "
             "ORDER BY 1"),
        (Lines{"2024-07-01|month|organization|NULL|48211930.550000",
               "2024-08-01|month|organization|NULL|47098320.100000",
               "2024-09-01|month|organization|NULL|50122874.950000"}));
    EXPECT_EQ(Rows("SELECT period, grain FROM business_metric WHERE grain = 'day' ORDER BY 1"),
              (Lines{"2024-09-14|day", "2024-09-15|day"}));
}

} // namespace
} // namespace crosswalk
