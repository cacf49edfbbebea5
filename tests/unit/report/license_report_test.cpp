// The license position on a hand-built store, one case per counting rule of the shipped defaults, each
// checked against a hand computation (DOMAIN.md section 3's worked checks), and license-included detection
// from the bill: AWS usage operations, Azure's image type, Google Cloud's license fee.
#include <map>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "crosswalk/common/error.hpp"
#include "crosswalk/model/migrator.hpp"
#include "crosswalk/report/reports.hpp"
#include "crosswalk/rules/licensing_rules.hpp"
#include "crosswalk/store/connection.hpp"
#include "crosswalk/store/database.hpp"

namespace crosswalk::report {
namespace {

class LicenseReportTest : public ::testing::Test {
protected:
    LicenseReportTest() {
        model::Migrate(connection_);
        connection_.Execute(R"(
INSERT INTO asset (asset_tag, category, lifecycle_state, physical_cores, processors, processor_model) VALUES
    ('SRV-X86', 'hardware', 'in_use', 32, 2, 'Intel Xeon Gold 6338'),
    ('SRV-P9', 'hardware', 'in_use', 16, 2, 'POWER9'),
    ('SRV-SMALL', 'hardware', 'in_use', 4, 1, NULL),
    ('VM-1', 'virtual', 'in_use', NULL, NULL, NULL),
    ('VM-2', 'virtual', 'in_use', NULL, NULL, NULL),
    ('VM-3', 'virtual', 'in_use', NULL, NULL, NULL);
INSERT INTO asset (asset_tag, category, lifecycle_state, host_asset_tag) VALUES ('VM-4', 'virtual', 'in_use', 'SRV-SMALL');
INSERT INTO installation (installation_id, product, host_kind, host_id, physical_cores, vcpus, threads_per_core,
                          users, source_file_id, source_row) VALUES
    ('I-01', 'SQL Server Enterprise', 'resource', 'aws-2vcpu-byol', NULL, 2, 2, NULL, 1, 1),
    ('I-02', 'SQL Server Enterprise', 'resource', 'aws-4vcpu-included', NULL, 4, 2, NULL, 1, 2),
    ('I-03', 'Oracle Database Enterprise Edition', 'resource', 'aws-8vcpu-ht', NULL, 8, 2, NULL, 1, 3),
    ('I-04', 'Oracle Database Enterprise Edition', 'asset', 'SRV-X86', 32, NULL, NULL, NULL, 1, 4),
    ('I-05', 'Oracle Database Enterprise Edition', 'asset', 'SRV-P9', 16, NULL, NULL, NULL, 1, 5),
    ('I-06', 'Windows Server Datacenter', 'asset', 'SRV-SMALL', 4, NULL, NULL, NULL, 1, 6),
    ('I-07', 'Windows Server Datacenter', 'resource', 'azure-4vcpu-ahb', NULL, 4, 2, NULL, 1, 7),
    ('I-08', 'Windows Server Datacenter', 'resource', 'azure-4vcpu-payg', NULL, 4, 2, NULL, 1, 8),
    ('I-09', 'Red Hat Enterprise Linux Server', 'asset', 'VM-1', NULL, 2, NULL, NULL, 1, 9),
    ('I-10', 'Red Hat Enterprise Linux Server', 'asset', 'VM-2', NULL, 2, NULL, NULL, 1, 10),
    ('I-11', 'Red Hat Enterprise Linux Server', 'asset', 'VM-3', NULL, 2, NULL, NULL, 1, 11),
    ('I-12', 'Red Hat Enterprise Linux Server', 'resource', 'gcp-rhel-fee', NULL, 2, 2, NULL, 1, 12),
    ('I-13', 'Jira Software Data Center', 'asset', 'VM-1', NULL, 4, NULL, 250, 1, 13),
    ('I-14', 'Windows Server Datacenter', 'asset', 'VM-4', NULL, 4, NULL, NULL, 1, 14),
    ('I-15', 'Windows Server Datacenter', 'asset', 'SRV-SMALL', 4, NULL, NULL, NULL, 1, 15),
    ('I-16', 'Visual Studio Enterprise', 'asset', 'VM-1', NULL, 4, NULL, NULL, 1, 16),
    ('I-17', 'SQL Server Enterprise', 'resource', 'aws-not-billed-yet', NULL, 8, 2, NULL, 1, 17);
INSERT INTO entitlement (entitlement_id, publisher, product, edition, metric, quantity, unit_cost, currency,
                         purchase_date, term_end, license_mobility, hybrid_benefit,
                         byol_allowed) VALUES
    ('E-1', 'Microsoft', 'SQL Server Enterprise', 'Enterprise', 'per_core', 2, 7000, 'USD', '2025-01-01', NULL, true, true, true),
    ('E-2', 'Oracle', 'Oracle Database Enterprise Edition', 'Enterprise Edition', 'per_processor', 30, 47500, 'USD',
     '2024-01-01', NULL, true, true, true),
    ('E-3', 'Microsoft', 'Windows Server Datacenter', 'Datacenter', 'per_core', 16, 384, 'USD', '2025-01-01',
     '2026-08-15', true, true, true),
    ('E-4', 'Microsoft', 'Windows Server Datacenter', 'Datacenter', 'per_core', 16, 384, 'USD', '2024-01-01',
     '2026-05-31', true, true, true),
    ('E-5', 'Red Hat', 'Red Hat Enterprise Linux Server', 'Server', 'subscription', 2, 1299, 'USD', '2025-01-01',
     NULL, true, true, true),
    ('E-6', 'Microsoft', 'SQL Server Enterprise', 'Enterprise', 'per_core', 1, 9000, 'EUR', '2026-07-01', NULL, true, true, true);
INSERT INTO cost_line (source_file_id, source_row, ProviderName, ResourceId, ServiceName, ChargeDescription,
                       ListUnitPrice, x_columns, BillingCurrency, BilledCost, EffectiveCost, ChargePeriodStart)
VALUES
    (2, 1, 'AWS', 'aws-2vcpu-byol', 'Amazon EC2', NULL, 0.1, '{"x_Operation": "RunInstances:0002"}', 'USD', 10, 10,
     '2026-06-01'),
    (2, 2, 'AWS', 'aws-4vcpu-included', 'Amazon EC2', NULL, 1.5, '{"x_Operation": "RunInstances:0102"}', 'USD', 900,
     900, '2026-06-01'),
    (2, 3, 'AWS', 'aws-8vcpu-ht', 'Amazon EC2', NULL, 0.4, '{"x_Operation": "RunInstances"}', 'USD', 50, 50,
     '2026-06-01'),
    (2, 4, 'Microsoft', 'azure-4vcpu-ahb', 'Virtual Machines', NULL, 0.2,
     '{"x_SkuDetails": "{\"ImageType\":\"Windows Server BYOL\",\"VCPUs\":4}"}', 'USD', 20, 20, '2026-06-01'),
    (2, 5, 'Microsoft', 'azure-4vcpu-payg', 'Virtual Machines', NULL, 0.3,
     '{"x_SkuDetails": "{\"ImageType\":\"Windows Server 2022 Datacenter\",\"VCPUs\":4}"}', 'USD', 30, 30,
     '2026-06-01'),
    (2, 6, 'Google Cloud', 'gcp-rhel-fee', 'Compute Engine',
     'Licensing Fee for Red Hat Enterprise Linux 9 (CPU cost)', 0.06, NULL, 'USD', 4, 4, '2026-06-01'),
    (2, 7, 'Google Cloud', 'gcp-rhel-fee', 'Compute Engine', 'N2 Instance Core running in Americas', 0.03, NULL,
     'USD', 40, 40, '2026-06-01');
)");
    }

    // product -> column -> value
    std::map<std::string, std::map<std::string, std::string>> Position(const std::string& as_of = "2026-06-30") {
        const ReportTable table = LicensePositionReport(connection_, LicenseOptions{std::nullopt, as_of, {}});
        std::map<std::string, std::map<std::string, std::string>> rows;
        for (const ReportRow& row : table.rows) {
            for (size_t c = 0; c < table.columns.size(); ++c) {
                rows[*row[1]][table.columns[c].name] = row[c].value_or("NULL");
            }
        }
        return rows;
    }

    // installation -> licenses counted, or "included"
    std::map<std::string, std::string> Counted(const std::string& product) {
        const ReportTable table =
            LicenseExplainReport(connection_, LicenseOptions{product, std::string("2026-06-30"), {}});
        std::map<std::string, std::string> counted;
        for (const ReportRow& row : table.rows) {
            counted[*row[0]] = *row[3] == "included" ? "included" : row[7].value_or("NULL");
        }
        counted["total"] = table.totals.at(0)[7].value_or("NULL");
        return counted;
    }

    // "kind product host amount" per finding, in the report's order.
    std::vector<std::string> Findings(int idle_days = 90) {
        LicenseOptions options{std::nullopt, std::string("2026-06-30"), {}};
        options.idle_days = idle_days;
        const ReportTable table = LicenseFindingsReport(connection_, options);
        std::vector<std::string> findings;
        for (const ReportRow& row : table.rows) {
            findings.push_back(
                fmt::format("{} {} {} {}", *row[0], *row[1], row[2].value_or("-"), row[6].value_or("-")));
        }
        return findings;
    }

    std::string Detail(const std::string& kind, const std::string& product) {
        LicenseOptions options{product, std::string("2026-06-30"), {}};
        for (const ReportRow& row : LicenseFindingsReport(connection_, options).rows) {
            if (*row[0] == kind) {
                return *row[5];
            }
        }
        return "(none)";
    }

    store::Database database_ = store::Database::OpenInMemory();
    store::Connection connection_{database_};
};

// SQL Server on a 2-vCPU VM counts 4 core licenses (4 per VM); RunInstances:0102 is Windows with SQL Enterprise,
// license-included, not counted, its month's cost shown.
TEST_F(LicenseReportTest, SqlServerCountsFourPerVmAndLicenseIncludedIsNotCounted) {
    EXPECT_EQ(Counted("SQL Server Enterprise"),
              (std::map<std::string, std::string>{
                  {"I-01", "4"}, {"I-02", "included"}, {"I-17", "NULL"}, {"total", "4"}})); // I-17: not billed yet
    auto position = Position().at("SQL Server Enterprise");
    EXPECT_EQ(position["consumed_cloud_byol"], "4");
    EXPECT_EQ(position["license_included_instances"], "1");
    EXPECT_EQ(position["license_included_cost"], "900.00");
    EXPECT_EQ(position["shortfall"], "2");
    EXPECT_EQ(position["exposure"], "14000.00");
}

// Oracle EE: 8 vCPUs with hyper-threading are 4 processor licenses; 32 Xeon cores x 0.5 are 16; 16 POWER9 cores
// x 1.0 are 16.
TEST_F(LicenseReportTest, OracleCountsVcpusPerThreadInTheCloudAndCoresTimesTheCoreFactorOnPremises) {
    EXPECT_EQ(Counted("Oracle Database Enterprise Edition"),
              (std::map<std::string, std::string>{{"I-03", "4"}, {"I-04", "16"}, {"I-05", "16"}, {"total", "36"}}));
    auto position = Position().at("Oracle Database Enterprise Edition");
    EXPECT_EQ(position["consumed_onprem"], "32.0"); // one scale per column: RHEL's 1.5 is in it
    EXPECT_EQ(position["required"], "36");
    EXPECT_EQ(position["shortfall"], "6");
    EXPECT_EQ(position["exposure"], "285000.00");
}

// Windows Server on a 1-socket 4-core host counts 16 (8 per processor, 16 per server); Azure Hybrid Benefit on
// a 4-vCPU VM counts 8; a pay-as-you-go Azure image is license-included. An entitlement whose term ended before
// the date is not entitled; one ending within 90 days is expiring.
TEST_F(LicenseReportTest, WindowsServerHostAndVmMinimumsAndTheTermOfEntitlements) {
    // I-14 is a VM on the Datacenter host SRV-SMALL (covered by it); I-15 a second installation on that host
    // (the host is counted once).
    EXPECT_EQ(Counted("Windows Server Datacenter"),
              (std::map<std::string, std::string>{
                  {"I-06", "16"}, {"I-07", "8"}, {"I-08", "included"}, {"I-14", "0"}, {"I-15", "0"}, {"total", "24"}}));
    auto position = Position().at("Windows Server Datacenter");
    EXPECT_EQ(position["entitled"], "16");
    EXPECT_EQ(position["expiring_90d"], "16");
    EXPECT_EQ(position["shortfall"], "8");
    EXPECT_EQ(position["exposure"], "3072.00"); // the latest purchase's unit cost
    EXPECT_EQ(Position("2026-05-01").at("Windows Server Datacenter")["entitled"], "32");
}

// RHEL: one subscription per two VMs, the total rounded up: three VMs on premises and one in Google Cloud with a
// priced license fee (license-included) count ceil(3 / 2) = 2.
TEST_F(LicenseReportTest, RedHatCountsOneSubscriptionPerTwoVms) {
    EXPECT_EQ(Counted("Red Hat Enterprise Linux Server"),
              (std::map<std::string, std::string>{
                  {"I-09", "0.5"}, {"I-10", "0.5"}, {"I-11", "0.5"}, {"I-12", "included"}, {"total", "2.0"}}));
    auto position = Position().at("Red Hat Enterprise Linux Server");
    EXPECT_EQ(position["consumed_onprem"], "1.5");
    EXPECT_EQ(position["required"], "2");
    EXPECT_EQ(position["license_included_cost"], "4.00"); // the fee line only, not the compute line
    EXPECT_EQ(position["surplus"], "0");
}

// Per user: the installation's users; a product installed but never bought is all shortfall, with no price.
TEST_F(LicenseReportTest, PerUserCountsUsersAndAProductNeverBoughtIsAllShortfall) {
    auto position = Position().at("Jira Software Data Center");
    EXPECT_EQ(position["required"], "250");
    EXPECT_EQ(position["entitled"], "0");
    EXPECT_EQ(position["shortfall"], "250");
    EXPECT_EQ(position["publisher"], "Atlassian"); // from the rule: no entitlement names it
    EXPECT_EQ(position["exposure"], "0.00");
}

// A product no rule counts shows no required count (not a clean position); an entitlement bought after the date
// is not entitled yet, and the price of the shortfall is the latest purchase's, in its own currency.
TEST_F(LicenseReportTest, NoRuleIsNotCompliantAndThePriceIsTheLatestPurchasesInItsCurrency) {
    auto position = Position();
    EXPECT_EQ(position.at("Visual Studio Enterprise")["required"], "NULL");
    EXPECT_EQ(position.at("Visual Studio Enterprise")["shortfall"], "NULL");
    EXPECT_EQ(position.at("SQL Server Enterprise")["entitled"], "2");
    EXPECT_EQ(position.at("SQL Server Enterprise")["currency"], "USD");
    auto july = Position("2026-07-31").at("SQL Server Enterprise");
    EXPECT_EQ(july["entitled"], "3");
    EXPECT_EQ(july["currency"], "EUR");
    EXPECT_EQ(july["exposure"], "9000.00"); // 1 short at EUR 9000
}

// `rules check` on the workspace's licensing rules: a signal with a typo in its column, a provider the bill does
// not name and a product nobody has are warnings, at their lines.
TEST_F(LicenseReportTest, SignalsThatMatchNoBillLineAreWarnings) {
    const rules::LicensingRules own = rules::ParseLicensingRules("rules/licensing.yaml", R"(products:
  - product: SQL Server Enterprise
    cloud: {units: vcpus, min_per_vm: 4}
    license_included:
      - {provider: AWS, x_Operaton: ["RunInstances:0102"]}
      - {provider: Azure, ServiceName: Virtual Machines}
      - {provider: AWS, x_Operation: ["RunInstances:0102"]}
  - product: Tableau Server
    physical: {units: users}
)");
    std::vector<std::string> warnings;
    for (const rules::RuleWarning& warning : CheckLicensingRules(connection_, own)) {
        warnings.push_back(warning.ToString());
    }
    EXPECT_EQ(warnings,
              (std::vector<std::string>{
                  "rules/licensing.yaml:5:9: warning: this license_included signal matches no bill line of AWS: every "
                  "AWS VM of 'SQL Server Enterprise' counts as BYOL; check the column names and values",
                  "rules/licensing.yaml:6:9: warning: no bill line has ProviderName 'Azure'; the providers in the bill "
                  "are: AWS, Google Cloud, Microsoft",
                  "rules/licensing.yaml:8:5: warning: product 'Tableau Server' is neither installed nor entitled in "
                  "the loaded data (names compare exactly)"}));
}

// BYOL counts only against entitlements carrying the right it needs. SQL Server on AWS needs License
// Mobility: none of its entitlements has it, so all 4 licenses are short and the VM is a finding priced at 7000.
// Windows Server on Azure needs Azure Hybrid Benefit: 24 entitled cover the 24 required, but only 3 carry the
// benefit for the 8 the VM brings, so 5 are short.
TEST_F(LicenseReportTest, ByolCountsOnlyAgainstEntitlementsWithTheRight) {
    connection_.Execute(R"(
UPDATE entitlement SET license_mobility = false WHERE product = 'SQL Server Enterprise';
UPDATE entitlement SET hybrid_benefit = false WHERE entitlement_id = 'E-3';
INSERT INTO entitlement (entitlement_id, product, metric, quantity, unit_cost, currency, purchase_date,
                         hybrid_benefit) VALUES
    ('E-7', 'Windows Server Datacenter', 'per_core', 3, 384, 'USD', '2025-02-01', true),
    ('E-8', 'Windows Server Datacenter', 'per_core', 5, 384, 'USD', '2025-02-01', false);
)");
    auto sql = Position().at("SQL Server Enterprise");
    EXPECT_EQ(sql["entitled"], "2");
    EXPECT_EQ(sql["required"], "4");
    EXPECT_EQ(sql["shortfall"], "4");
    EXPECT_EQ(sql["exposure"], "28000.00");
    auto windows = Position().at("Windows Server Datacenter");
    EXPECT_EQ(windows["entitled"], "24");
    EXPECT_EQ(windows["required"], "24");
    EXPECT_EQ(windows["shortfall"], "5");
    const std::vector<std::string> findings = Findings();
    const auto has = [&](const std::string& finding) {
        return std::find(findings.begin(), findings.end(), finding) != findings.end();
    };
    EXPECT_TRUE(has("byol_without_rights SQL Server Enterprise aws-2vcpu-byol 28000.00"))
        << fmt::format("{}", fmt::join(findings, "\n"));
    EXPECT_TRUE(has("byol_without_rights Windows Server Datacenter azure-4vcpu-ahb -"));
    EXPECT_TRUE(has("shortfall Windows Server Datacenter - 1920.00"));
    EXPECT_EQ(Detail("byol_without_rights", "Windows Server Datacenter"),
              "BYOL on Microsoft needs an entitlement with hybrid_benefit: those with it hold 3 for 8 brought (8 "
              "licenses)");
    EXPECT_EQ(Detail("shortfall", "SQL Server Enterprise"),
              "required 4, entitled 2: 4 short, of which 4 brought to a cloud without an entitlement carrying "
              "license_mobility");
}

// Licenses to reharvest, priced at the unit cost: an installation on a retired server (8 cores x 0.5 = 4 Oracle
// processors), one on a VM whose bill stops before its provider's does (license-included ones are not: the
// license ended with the VM), one not used for more than --idle-days; surplus whose entitlement renews within a
// year; a SaaS credit drawn ahead of its straight line (900 of 1200 after 6 months, 600 on the line: at that
// rate 1800, an overage of 600). BYOL short of entitlements that all carry the right is a plain shortfall.
TEST_F(LicenseReportTest, FindingsNameWhatToReharvestReduceAndWatch) {
    connection_.Execute(R"(
INSERT INTO asset (asset_tag, category, lifecycle_state, retired_date, physical_cores, processors, owner,
                   cost_center_id) VALUES ('SRV-OLD', 'hardware', 'retired', '2026-03-31', 8, 1, 'Ops', 'CC-9');
INSERT INTO installation (installation_id, product, host_kind, host_id, physical_cores, last_used_date) VALUES
    ('I-20', 'Oracle Database Enterprise Edition', 'asset', 'SRV-OLD', 8, '2026-03-30');
UPDATE installation SET last_used_date = '2026-02-01' WHERE installation_id = 'I-04';
UPDATE entitlement SET quantity = 5, maintenance_end = '2027-03-01' WHERE entitlement_id = 'E-5';
INSERT INTO cost_line (source_file_id, source_row, ProviderName, ResourceId, ServiceName, x_columns, BillingCurrency,
                       BilledCost, EffectiveCost, ChargePeriodStart, ChargePeriodEnd) VALUES
    (2, 8, 'AWS', 'aws-8vcpu-ht', 'Amazon EC2', '{"x_Operation": "RunInstances"}', 'USD', 5, 5, '2026-06-29',
     '2026-06-30');
INSERT INTO contract (contract_id, name, vendor, contract_type, start_date, end_date, total_value, currency,
                      payment_schedule, cost_center_id) VALUES
    ('C-SAAS', 'Observability credits', 'Datadog', 'saas', '2026-01-01', '2026-12-31', 1200, 'USD', 'prepaid', 'CC-9');
INSERT INTO cost_center (cost_center_id, name, owner) VALUES ('CC-9', 'Operations', 'Ada');
INSERT INTO cost_line (source_file_id, source_row, ProviderName, ServiceName, ChargeCategory, CommitmentDiscountId,
                       BillingCurrency, BilledCost, EffectiveCost, ChargePeriodStart, ChargePeriodEnd) VALUES
    (3, 1, 'Datadog', 'Infrastructure', 'Usage', 'C-SAAS', 'USD', 0, 900, '2026-03-01', '2026-04-01');
)");
    EXPECT_EQ(Findings(), (std::vector<std::string>{
                              "shortfall Oracle Database Enterprise Edition - 475000.00",
                              "shortfall SQL Server Enterprise - 14000.00",
                              "shortfall Windows Server Datacenter - 3072.00",
                              "shortfall Jira Software Data Center - -", // never bought: no price
                              "idle Oracle Database Enterprise Edition SRV-X86 760000.00",
                              "retired_host Oracle Database Enterprise Edition SRV-OLD 190000.00",
                              "terminated_host SQL Server Enterprise aws-2vcpu-byol 28000.00",
                              "surplus_at_renewal Red Hat Enterprise Linux Server - 3897.00",
                              "saas_overage Observability credits - 600.00",
                          }));
    EXPECT_EQ(Detail("retired_host", "Oracle Database Enterprise Edition"),
              "installed on a retired server (retired 2026-03-31): it counts until removed (4 licenses)");
    EXPECT_EQ(Detail("terminated_host", "SQL Server Enterprise"),
              "last billed 2026-06-01, the AWS bill runs to 2026-06-30: the VM is gone, its license can be "
              "reharvested (4 licenses)");
    EXPECT_EQ(Detail("idle", "Oracle Database Enterprise Edition"),
              "not used since 2026-02-01 (149 days; the limit is 90) (16 licenses)");
    EXPECT_EQ(Detail("surplus_at_renewal", "Red Hat Enterprise Linux Server"),
              "3 more than required; E-5 renews on 2027-03-01: reduce it then");
    EXPECT_EQ(Findings(200).size(), 8U); // not idle for 200 days
}

// Resizing the 2-vCPU SQL Server VM to 8: 4 licenses (the per-VM minimum) become 8, the shortfall grows from 2
// to 6 (28,000.00 more at 7,000), and its hourly line scales by 8/2 while its storage stays: 13 become 43.
TEST_F(LicenseReportTest, WhatIfResizeShowsTheLicenseAndCloudCostChange) {
    connection_.Execute(R"(
UPDATE cost_line SET PricingUnit = 'Hours' WHERE ResourceId = 'aws-2vcpu-byol';
INSERT INTO cost_line (source_file_id, source_row, ProviderName, ResourceId, ResourceName, ServiceName, PricingUnit,
                       BillingCurrency, BilledCost, EffectiveCost, ChargePeriodStart) VALUES
    (2, 9, 'AWS', 'aws-2vcpu-byol', 'sql-01', 'Amazon EC2', 'GB-Mo', 'USD', 3, 3, '2026-06-01');
)");
    WhatIfResizeOptions options{"sql-01", 8, std::string("2026-06-30"), {}};
    const ReportTable table = WhatIfResizeReport(connection_, options);
    ASSERT_EQ(table.rows.size(), 2U);
    const auto cell = [&](size_t row, const char* column) {
        return table.rows[row][table.ColumnIndex(column)].value_or("NULL");
    };
    EXPECT_EQ(cell(0, "item"), "SQL Server Enterprise");
    EXPECT_EQ(cell(0, "license_after"), "BYOL");
    EXPECT_EQ(cell(0, "licenses_before"), "4");
    EXPECT_EQ(cell(0, "licenses_after"), "8");
    EXPECT_EQ(cell(0, "shortfall_before"), "2");
    EXPECT_EQ(cell(0, "shortfall_after"), "6");
    EXPECT_EQ(cell(0, "exposure_change"), "28000.00");
    EXPECT_EQ(cell(1, "item"), "(cloud cost, 2026-06)");
    EXPECT_EQ(cell(1, "cloud_cost_before"), "13.00");
    EXPECT_EQ(cell(1, "cloud_cost_after"), "43.00");
    EXPECT_EQ(cell(1, "cloud_cost_change"), "30.00");
    options.resource = "nothing-like-it";
    EXPECT_THROW((void)WhatIfResizeReport(connection_, options), Error);
}

// Moving the 32-core Xeon server's Oracle to an 8-vCPU AWS VM with its own license: 16 processor licenses
// become 4 (8 vCPUs / 2 threads), the shortfall of 6 goes (285,000.00 less exposure), and the VM costs what the
// bill's VMs of that type cost by the hour: 4.00 for 10 hours, x 730 = 292.00 a month.
TEST_F(LicenseReportTest, WhatIfMigrateCountsTheHostsSoftwareOnTheCloudVmAndPricesItFromTheBill) {
    connection_.Execute(R"(
INSERT INTO cost_line (source_file_id, source_row, ProviderName, ResourceId, ServiceName, PricingUnit,
                       ConsumedQuantity, SkuPriceDetails, x_columns, BillingCurrency, BilledCost, EffectiveCost,
                       ChargePeriodStart) VALUES
    (2, 10, 'AWS', 'aws-m6i', 'Amazon EC2', 'Hours', 10, '{"CoreCount": 8}',
     '{"x_Operation": "RunInstances", "x_UsageType": "EUC1-BoxUsage:m6i.2xlarge"}', 'USD', 4, 4, '2026-06-01');
)");
    WhatIfMigrateOptions options;
    options.host = "SRV-X86";
    options.to = "AWS:m6i.2xlarge";
    options.as_of = "2026-06-30";
    const ReportTable table = WhatIfMigrateReport(connection_, options);
    ASSERT_EQ(table.rows.size(), 2U);
    const auto cell = [&](size_t row, const char* column) {
        return table.rows[row][table.ColumnIndex(column)].value_or("NULL");
    };
    EXPECT_EQ(cell(0, "item"), "Oracle Database Enterprise Edition");
    EXPECT_EQ(cell(0, "license_before"), "on-premises");
    EXPECT_EQ(cell(0, "license_after"), "BYOL");
    EXPECT_EQ(cell(0, "licenses_before"), "16");
    EXPECT_EQ(cell(0, "licenses_after"), "4");
    EXPECT_EQ(cell(0, "shortfall_before"), "6");
    EXPECT_EQ(cell(0, "shortfall_after"), "0");
    EXPECT_EQ(cell(0, "exposure_change"), "-285000.00");
    EXPECT_EQ(cell(1, "vcpus_after"), "8");
    EXPECT_EQ(cell(1, "cloud_cost_after"), "292.00");
    // Oracle has no license-included signal on AWS: it stays BYOL, and the VM is priced as one without a license.
    options.license_included = true;
    const ReportTable included = WhatIfMigrateReport(connection_, options);
    EXPECT_EQ(included.rows[0][included.ColumnIndex("license_after")], "BYOL");
    EXPECT_EQ(included.rows[1][included.ColumnIndex("cloud_cost_after")], "292.00");
    EXPECT_NE(included.rows[1][included.ColumnIndex("basis")]->find("without the license"), std::string::npos);
    options.to = "Azure:D8s";
    EXPECT_THROW((void)WhatIfMigrateReport(connection_, options), Error);
}

TEST_F(LicenseReportTest, ABadDateOrAnUnknownProductIsAPlainError) {
    try {
        (void)LicensePositionReport(connection_, LicenseOptions{std::nullopt, std::string("2026-13-01"), {}});
        FAIL() << "accepted";
    } catch (const Error& error) {
        EXPECT_STREQ(error.what(), "bad date '2026-13-01' for --as-of: expected YYYY-MM-DD, e.g. 2026-06-30");
    }
    try {
        (void)LicenseExplainReport(connection_, LicenseOptions{std::string("Tableau"), std::nullopt, {}});
        FAIL() << "accepted";
    } catch (const Error& error) {
        EXPECT_EQ(error.Kind(), ErrorKind::kNotFound);
        EXPECT_NE(std::string(error.what()).find("no installation of 'Tableau'; the installed products are: Jira"),
                  std::string::npos)
            << error.what();
    }
}

} // namespace
} // namespace crosswalk::report
