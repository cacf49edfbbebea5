// The mappings shipped in mappings/ load an export of their tool (tests/data/enterprise/<tool>/) into exactly
// the rows the same inventory gives in crosswalk's own schema.
#include <gtest/gtest.h>

#include "crosswalk/ingest/enterprise/column_binding.hpp"
#include "crosswalk/ingest/enterprise/source_schema.hpp"
#include "crosswalk/ingest/mapping/mapping_file.hpp"

#include "unit/ingest/enterprise/enterprise_test_support.hpp"

namespace crosswalk {
namespace {

using testing::EnterpriseData;
using testing::EnterpriseTest;
using testing::ShippedMapping;
using Lines = std::vector<std::string>;

TEST(ShippedMappingsTest, EveryMappingNamesOnlyColumnsOfItsKind) {
    for (const std::string name :
         {"snipeit-assets.yaml", "snipeit-licenses.yaml", "glpi-computers.yaml", "servicenow-cmdb-ci.yaml"}) {
        const ingest::mapping::Mapping mapping = ingest::mapping::LoadMapping(ShippedMapping(name));
        const ingest::enterprise::KindSpec* kind = ingest::enterprise::FindKind(mapping.kind);
        ASSERT_NE(kind, nullptr) << name;
        EXPECT_NO_THROW(ingest::enterprise::CheckMapping(mapping, *kind)) << name;
    }
}

TEST_F(EnterpriseTest, SnipeItCustomAssetReport) {
    const ingest::IngestSummary summary = Ingest("assets", {EnterpriseData("snipeit/custom-asset-report.csv").string()},
                                                 ShippedMapping("snipeit-assets.yaml").string());
    EXPECT_EQ(summary.Totals().read, 7);
    EXPECT_EQ(summary.Totals().loaded, 7);
    EXPECT_EQ(Rows("SELECT asset_tag, name, serial_number, category, asset_type, model, manufacturer, lifecycle_state, "
                   "acquisition_date, acquisition_cost, currency, owner, location FROM asset ORDER BY source_row"),
              (Lines{
                  "LPT-0101|aiko-lt|JX7T2K3|hardware|Laptops|Latitude 7440|Dell|in_use|2023-09-12|1849.990000|USD|"
                  "Aiko Tanaka|Berlin HQ",
                  "LPT-0102|priya-mbp|C02FK1ABQ05D|hardware|Laptops|MacBook Pro 14|Apple|in_use|2024-02-05|"
                  "2399.000000|USD|Priya Natarajan|Berlin HQ",
                  "LPT-0103|NULL|PF4ABC12|hardware|Laptops|ThinkPad T14 Gen 4|Lenovo|in_stock|2024-03-01|1299.000000|"
                  "USD|NULL|Berlin HQ / IT storage",
                  "LPT-0104|NULL|NULL|hardware|Laptops|ThinkPad T14 Gen 4|Lenovo|procured|2024-06-28|1299.000000|USD|"
                  "NULL|NULL",
                  "LPT-0090|tom-lt-old|5CG9214XYZ|hardware|Laptops|EliteBook 840 G6|HP|retired|2019-05-10|"
                  "1450.000000|USD|NULL|NULL",
                  "DSP-0007|conf-room-tv|4011234|hardware|Displays|Bravia XR-65|Sony|in_use|2022-11-20|1899.000000|"
                  "USD|Berlin HQ / Room 3.14|Berlin HQ / Room 3.14",
                  "NET-0002|dc1-core-sw-02|FOC2345X0AC|hardware|Networking|Catalyst 9300-48P|Cisco|retired|2021-09-01|"
                  "7350.750000|USD|NULL|DC1 Frankfurt / R12 U41",
              }));
    EXPECT_EQ(Scalar("SELECT sum(acquisition_cost) FROM asset"), "17546.740000");
    EXPECT_EQ(summary.files[0].warnings,
              (Lines{"columns not read: Company, Model No., EOL, Order Number, Supplier, Type, Warranty, "
                     "Warranty Expires, Notes"}));
    EXPECT_EQ(Scalar("SELECT details->>'$.mapping' FROM source_file"), ShippedMapping("snipeit-assets.yaml").string());
}

TEST_F(EnterpriseTest, SnipeItImporterColumnsLoadWithTheSameMapping) {
    testing::WriteFile(directory_ / "import.csv",
                       "Item Name,Asset Tag,Category,Model name,Manufacturer,Serial Number,"
                       "Purchase Date,Purchase Cost,Status\n"
                       "Backhoe,ICC-2065556,Heavy,Nial,Berge Inc,S-1,07/13/2012,$79.66,Pending\n");
    Ingest("assets", {(directory_ / "import.csv").string()}, ShippedMapping("snipeit-assets.yaml").string());
    EXPECT_EQ(Rows("SELECT asset_tag, name, model, serial_number, acquisition_date, acquisition_cost, lifecycle_state "
                   "FROM asset"),
              (Lines{"ICC-2065556|Backhoe|Nial|S-1|2012-07-13|79.660000|procured"}));
}

TEST_F(EnterpriseTest, SnipeItLicenseExport) {
    const ingest::IngestSummary summary = Ingest("entitlements", {EnterpriseData("snipeit/licenses.csv").string()},
                                                 ShippedMapping("snipeit-licenses.yaml").string());
    EXPECT_EQ(summary.Totals().loaded, 5);
    EXPECT_EQ(
        Rows("SELECT entitlement_id, publisher, product, sku, metric, quantity, total_cost, currency, "
             "purchase_date, term_start, term_end, maintenance FROM entitlement ORDER BY source_row"),
        (Lines{
            "14|Adobe|Acrobat Pro|65297934-ABCD-EFGH|per_user|120.0000|28785.600000|USD|2024-01-15|2024-01-15|"
            "2025-01-14|true",
            "11|Microsoft|Visio Plan 2|NULL|per_user|40.0000|7200.000000|USD|2024-01-01|2024-01-01|2024-12-31|true",
            "9|Atlassian|Jira Software Cloud Premium|NULL|per_user|250.0000|49500.000000|USD|2024-02-20|"
            "2024-02-20|2025-02-28|true",
            "4|VMware|vSphere Enterprise Plus|XXXXX-XXXXX-XXXXX-XXXXX-VS8EP|per_user|8.0000|38256.000000|USD|"
            "2021-03-20|2021-03-20|NULL|false",
            "21|TechSmith|Snagit 2024|SN24-XXXX|per_user|5.0000|NULL|USD|2024-05-05|2024-05-05|NULL|false",
        }));
    EXPECT_EQ(Scalar("SELECT sum(total_cost) FROM entitlement"), "123741.600000");
    EXPECT_EQ(Scalar("SELECT sum(quantity) FROM entitlement"), "423.0000");
}

TEST_F(EnterpriseTest, GlpiComputerExport) {
    const ingest::IngestSummary summary = Ingest("assets", {EnterpriseData("glpi/computers.csv").string()},
                                                 ShippedMapping("glpi-computers.yaml").string());
    EXPECT_EQ(summary.Totals().loaded, 7);
    EXPECT_EQ(Rows("SELECT asset_tag, name, category, asset_type, lifecycle_state, acquisition_date, in_service_date, "
                   "retired_date, acquisition_cost, currency, depreciation_method, declining_balance_factor, "
                   "useful_life_months, owner FROM asset ORDER BY source_row"),
              (Lines{
                  "SRV-0001|dc1-esx-01|hardware|Server|in_use|2021-03-15|2021-04-01|NULL|18450.000000|EUR|"
                  "straight_line|NULL|60|lhoffmann",
                  "SRV-0002|dc1-esx-02|hardware|Server|in_use|2021-03-15|2021-04-01|NULL|18450.000000|EUR|"
                  "straight_line|NULL|60|lhoffmann",
                  "SRV-0003|dc1-ora-01|hardware|Server|in_use|2022-06-20|2022-07-01|NULL|24990.500000|EUR|"
                  "declining_balance|2.0000|60|lhoffmann",
                  "SRV-0005|dc2-backup-01|hardware|Server|retired|2019-11-04|2019-11-18|2024-05-31|9800.000000|EUR|"
                  "straight_line|NULL|48|lhoffmann",
                  "VM-0001|dc1-app-01|virtual|Virtual Machine|in_use|NULL|NULL|NULL|NULL|EUR|NULL|NULL|NULL|atanaka",
                  "LPT-0101|aiko-lt|hardware|Laptop|in_use|2023-09-12|2023-09-18|NULL|1849.990000|EUR|straight_line|"
                  "NULL|36|atanaka",
                  // No inventory number: the computer is known by its serial number.
                  "SN-PF4ABC99|kiosk-berlin-02|hardware|Desktop|in_stock|2024-06-10|NULL|NULL|749.000000|EUR|"
                  "straight_line|NULL|48|NULL",
              }));
    EXPECT_EQ(Scalar("SELECT sum(acquisition_cost) FROM asset"), "74289.490000");
    EXPECT_EQ(Scalar("SELECT processor_model FROM asset WHERE asset_tag = 'SRV-0003'"),
              "Intel(R) Xeon(R) Gold 6342 CPU @ 2.80GHz");
}

TEST_F(EnterpriseTest, ServiceNowCmdbCiExport) {
    const ingest::IngestSummary summary = Ingest("cis", {EnterpriseData("servicenow/cmdb_ci.csv").string()},
                                                 ShippedMapping("servicenow-cmdb-ci.yaml").string());
    EXPECT_EQ(summary.Totals().loaded, 11);
    EXPECT_EQ(Rows("SELECT ci_id, class, name, owner, cost_center_id, environment, status, asset_tag, resource_id "
                   "FROM ci ORDER BY source_row"),
              (Lines{
                  "3f1a8c2b1b4e0910a1b2c3d4e5f60718|business_service|Online Shop|Priya Natarajan|CC-2000|Production|"
                  "Operational|NULL|NULL",
                  "4a2b9d3c1b4e0910a1b2c3d4e5f60719|application|Checkout API|Aiko Tanaka|CC-2100|Production|"
                  "Operational|NULL|NULL",
                  "5b3cae4d1b4e0910a1b2c3d4e5f6071a|database|POS DB (SQL Server)|Marco Ruiz|CC-3000|Production|"
                  "Operational|NULL|NULL",
                  "6c4dbf5e1b4e0910a1b2c3d4e5f6071b|server|dc1-esx-01|Lena Hoffmann|CC-1100|Production|Operational|"
                  "SRV-0001|NULL",
                  "7d5ec06f1b4e0910a1b2c3d4e5f6071c|server|dc1-ora-01|Lena Hoffmann|CC-4000|Production|Operational|"
                  "SRV-0003|NULL",
                  "8e6fd1701b4e0910a1b2c3d4e5f6071d|virtual_machine|dc1-app-01|Aiko Tanaka|CC-3000|Production|"
                  "Operational|VM-0001|NULL",
                  "9f70e2811b4e0910a1b2c3d4e5f6071e|virtual_machine|prod-checkout-api|Aiko Tanaka|CC-2100|Production|"
                  "Operational|NULL|i-0abc123def4567890",
                  "a081f3921b4e0910a1b2c3d4e5f6071f|cluster|DC1 vSphere cluster|Lena Hoffmann|CC-1100|Production|"
                  "Operational|NULL|NULL",
                  "b19204a31b4e0910a1b2c3d4e5f60720|container_platform|k8s-commerce-prod|Priya Natarajan|CC-2000|"
                  "Production|Operational|NULL|NULL",
                  "c2a315b41b4e0910a1b2c3d4e5f60721|load_balancer|dc1-lb-01|Sam Okafor|CC-1000|Production|"
                  "Non-Operational|NULL|NULL",
                  "d3b426c51b4e0910a1b2c3d4e5f60722|other|old-print-server|Tom Becker|CC-1200|NULL|Retired|NULL|NULL",
              }));
}

TEST_F(EnterpriseTest, ServiceNowLabelsLoadWithTheSameMapping) {
    testing::WriteFile(directory_ / "cmdb_ci_labels.csv",
                       "Sys ID,Name,Class,Owned by,Cost center,Operational status\n"
                       "0a1b,web-01,Linux Server,Sam Okafor,CC-1000,Operational\n"
                       "0a1c,Shop,Business Service,Priya Natarajan,CC-2000,Operational\n");
    Ingest("cis", {(directory_ / "cmdb_ci_labels.csv").string()}, ShippedMapping("servicenow-cmdb-ci.yaml").string());
    EXPECT_EQ(Rows("SELECT ci_id, class, name, owner FROM ci ORDER BY 1"),
              (Lines{"0a1b|server|web-01|Sam Okafor", "0a1c|business_service|Shop|Priya Natarajan"}));
}

TEST_F(EnterpriseTest, AMappingForAnotherKindIsRefused) {
    try {
        Ingest("cis", {EnterpriseData("snipeit/licenses.csv").string()},
               ShippedMapping("snipeit-licenses.yaml").string());
        FAIL();
    } catch (const Error& error) {
        EXPECT_NE(std::string(error.what()).find("this mapping is for kind 'entitlements', not 'cis'"),
                  std::string::npos)
            << error.what();
    }
}

TEST_F(EnterpriseTest, AMappingTargetOutsideTheSchemaIsRefusedWithItsLine) {
    testing::WriteFile(directory_ / "bad.yaml", "kind: assets\ncolumns:\n  asset_tag: Tag\n  aquisition_cost: Cost\n");
    try {
        IngestData("assets", "assets.csv");
        Ingest("assets", {EnterpriseData("assets.csv").string()}, (directory_ / "bad.yaml").string());
        FAIL();
    } catch (const Error& error) {
        EXPECT_EQ(std::string(error.what()),
                  (directory_ / "bad.yaml").string() +
                      ":4:20: 'aquisition_cost' is not a column of assets (docs/sources.md); "
                      "did you mean 'acquisition_cost'?");
    }
}

} // namespace
} // namespace crosswalk
