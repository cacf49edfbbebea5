// The inventory reconciliation on a hand-built store: one case per finding and per match rule (a CI holding the
// short instance id, a CI found by name, a serial number, a host name, an asset's resource), an ownership
// dispute between the chargeback's cost center and the CMDB's, a retired asset billed after its retirement,
// duplicates, stale CIs, and the coverage figures.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "crosswalk/model/migrator.hpp"
#include "crosswalk/report/reports.hpp"
#include "crosswalk/store/connection.hpp"
#include "crosswalk/store/database.hpp"

namespace crosswalk::report {
namespace {

class InventoryReconciliationTest : public ::testing::Test {
protected:
    InventoryReconciliationTest() {
        model::Migrate(connection_);
        connection_.Execute(R"(
INSERT INTO cost_line (source_file_id, source_row, ProviderName, ResourceId, ResourceName, CommitmentDiscountId,
                       ChargePeriodStart, ChargePeriodEnd, BillingCurrency, BilledCost, EffectiveCost) VALUES
    (1, 1, 'AWS', 'arn:aws:ec2:us-east-1:1:instance/i-aaa', 'web-01', NULL, '2026-03-01', '2026-03-02', 'USD', 100, 100),
    (1, 2, 'AWS', 'arn:aws:ec2:us-east-1:1:instance/i-bbb', 'db-01', NULL, '2026-03-01', '2026-03-02', 'USD', 50, 50),
    (1, 3, 'AWS', 'arn:aws:ec2:us-east-1:1:instance/i-ccc', 'tmp-01', NULL, '2026-03-01', '2026-03-02', 'USD', 30, 30),
    (1, 4, 'AWS', 'arn:aws:ec2:us-east-1:1:instance/i-ddd', 'old-01', NULL, '2026-03-05', '2026-03-06', 'USD', 10, 10),
    (1, 5, 'AWS', 'arn:aws:ec2:us-east-1:1:instance/i-ddd', 'old-01', NULL, '2026-03-15', '2026-03-16', 'USD', 10, 10),
    (1, 6, 'AWS', 'arn:aws:ec2:us-east-1:1:instance/i-eee', 'app-05', NULL, '2026-03-01', '2026-03-02', 'USD', 5, 5),
    (1, 7, 'AWS', 'arn:aws:savingsplans::1:savingsplan/sp-1', 'SP', 'arn:aws:savingsplans::1:savingsplan/sp-1',
     '2026-03-01', '2026-03-02', 'USD', 60, 60),
    (1, 8, 'AWS', 'arn:aws:ec2:us-east-1:1:instance/i-new', 'new-01', NULL, '2026-04-01', '2026-04-02', 'USD', 1, 1);
INSERT INTO resource (provider, resource_id, name, first_seen, last_seen) VALUES
    ('AWS', 'arn:aws:ec2:us-east-1:1:instance/i-fff', 'gone-01', '2026-01-01', '2026-02-10'),
    ('AWS', 'arn:aws:ec2:us-east-1:1:instance/i-new', 'new-01', '2026-04-01', '2026-04-02');
INSERT INTO cost_dimension (key_id, ProviderName, ResourceId, cost_center, cost_center_source, owner) VALUES
    (1, 'AWS', 'arn:aws:ec2:us-east-1:1:instance/i-aaa', 'CC-B', 'tag:cost_center', 'Bea'),
    (2, 'AWS', 'arn:aws:ec2:us-east-1:1:instance/i-bbb', 'CC-A', 'cmdb:CI-2', 'Al'),
    (3, 'AWS', 'arn:aws:ec2:us-east-1:1:instance/i-ccc', 'CC-C', 'account:1', 'Cy');
INSERT INTO asset (asset_tag, serial_number, name, category, lifecycle_state, retired_date, ci_id, resource_id,
                   cost_center_id, owner) VALUES
    ('CLD-4', NULL, 'old-01', 'cloud', 'retired', '2026-03-10', 'CI-4', 'arn:aws:ec2:us-east-1:1:instance/i-ddd',
     'CC-D', 'Di'),
    ('SRV-1', 'SN1', 'esx-01', 'hardware', 'in_use', NULL, NULL, NULL, 'CC-I', 'Ops'),
    ('SRV-2', 'SN2', 'esx-02', 'hardware', 'in_use', NULL, NULL, NULL, 'CC-I', 'Ops'),
    ('SRV-3', 'SN3', 'esx-03', 'hardware', 'in_use', NULL, NULL, NULL, 'CC-I', 'Ops'),
    ('SRV-4', 'SN4', 'db-old', 'hardware', 'retired', '2025-12-01', NULL, NULL, 'CC-I', 'Ops'),
    ('SRV-5', 'DUP', 'nas-01', 'hardware', 'in_stock', NULL, NULL, NULL, 'CC-I', 'Ops'),
    ('SRV-6', 'dup', 'nas-02', 'hardware', 'in_stock', NULL, NULL, NULL, 'CC-I', 'Ops');
INSERT INTO ci (ci_id, class, name, owner, cost_center_id, status, asset_tag, cloud_provider, resource_id,
                serial_number, discovery_source) VALUES
    ('CI-1', 'virtual_machine', 'web-01', 'Ann', 'CC-A', 'operational', NULL, 'AWS', 'i-aaa', NULL, NULL),
    ('CI-2', 'virtual_machine', 'DB-01', 'Al', 'CC-A', 'operational', NULL, 'AWS', NULL, NULL, NULL),
    ('CI-4', 'virtual_machine', 'old-01', 'Di', 'CC-D', 'operational', NULL, 'AWS', NULL, NULL, NULL),
    ('CI-5A', 'virtual_machine', 'app-05', 'Eve', 'CC-E', 'operational', NULL, 'AWS',
     'arn:aws:ec2:us-east-1:1:instance/i-eee', NULL, 'AWS Config'),
    ('CI-5B', 'virtual_machine', 'app-05', 'Eve', 'CC-E', 'operational', NULL, 'AWS', 'i-eee', NULL,
     'ServiceNow Discovery'),
    ('CI-6', 'virtual_machine', 'gone-01', 'Fay', 'CC-F', 'operational', NULL, 'AWS',
     'arn:aws:ec2:us-east-1:1:instance/i-fff', NULL, NULL),
    ('CI-6B', 'virtual_machine', 'never-01', 'Fay', 'CC-F', 'operational', NULL, 'AWS',
     'arn:aws:ec2:us-east-1:1:instance/i-never', NULL, NULL),
    ('CI-7', 'server', 'ghost', 'Ops', 'CC-I', 'operational', 'SRV-9', NULL, NULL, NULL, NULL),
    ('CI-8', 'server', 'esx-one', 'Ops', 'CC-I', 'operational', NULL, NULL, NULL, 'sn1', NULL),
    ('CI-9', 'server', 'ESX-02', 'Ops', 'CC-I', 'operational', NULL, NULL, NULL, NULL, NULL),
    ('CI-10', 'virtual_machine', 'new-01', 'Gus', 'CC-G', 'operational', NULL, 'AWS',
     'arn:aws:ec2:us-east-1:1:instance/i-new', NULL, NULL),
    ('CI-11', 'server', 'db-old', 'Ops', 'CC-I', 'retired', 'SRV-4', NULL, NULL, NULL, NULL);
INSERT INTO installation (installation_id, product, host_kind, host_id) VALUES
    ('I-1', 'Oracle Database Enterprise Edition', 'asset', 'SRV-4');
)");
    }

    store::Database database_ = store::Database::OpenInMemory();
    store::Connection connection_{database_};
};

TEST_F(InventoryReconciliationTest, EveryFindingWithItsRuleAndAmount) {
    const ReportTable table = InventoryReconciliationReport(connection_, {std::string("2026-03-31")});
    EXPECT_EQ(table.title, "cloud resources billed in 2026-03, assets and CIs as of 2026-03-31; cloud cost on a CI: "
                           "USD 85.37% (4 of 5 resources); assets in use with a CI: 2 of 3");
    std::string text;
    for (const ReportRow& row : table.rows) {
        const auto cell = [&](const char* name) {
            return row[table.ColumnIndex(name)].value_or("-");
        };
        const std::string id = row[table.ColumnIndex("resource_id")]
                                   ? cell("resource_id").substr(cell("resource_id").rfind('/') + 1)
                                   : cell("asset_tag");
        text += fmt::format("{}|{}|{}|{}|{}|{}|{}\n", cell("finding"), id, cell("ci_id"), cell("cost_center"),
                            cell("amount_at_stake"), cell("match_rule"), cell("detail"));
    }
    EXPECT_EQ(text,
              "ownership_dispute|i-aaa|CI-1|CC-B|100.00|resource id ends with ci.resource_id|the chargeback bills "
              "CC-B (tag:cost_center); the CMDB's CI-1 names CC-A (owner Ann)\n"
              "retired_but_billed|i-ddd|CI-4|CC-D|10.00|asset.resource_id|asset retired on 2026-03-10, billed after "
              "it to 2026-03-16 00:00\n"
              "no_ci|i-ccc|-|CC-C|30.00|-|billed in the month, no CI names it; the chargeback bills CC-C "
              "(account:1)\n"
              "stale_ci|i-fff|CI-6|CC-F|-|ci.resource_id|its resource is not billed in 2026-03; last billed "
              "2026-02-10\n"
              "stale_ci|i-never|CI-6B|CC-F|-|-|no bill line names its resource\n"
              "stale_ci|CLD-4|CI-4|CC-D|-|asset.ci_id|asset CLD-4 is retired\n"
              "stale_ci|SRV-9|CI-7|CC-I|-|-|asset SRV-9 is not in the register\n"
              "retired_with_installations|SRV-4|-|CC-I|-|-|asset retired on 2025-12-01, 1 installation on it: Oracle "
              "Database Enterprise Edition\n"
              "asset_without_ci|SRV-3|-|CC-I|-|-|hardware asset in_use, no CI names it\n"
              "duplicate|i-eee|CI-5B|CC-E|-|resource id ends with ci.resource_id|the resource is also CI-5A's "
              "(discovery: ServiceNow Discovery)\n"
              "duplicate|SRV-6|-|CC-I|-|serial|serial dup is also asset SRV-5\n"
              "matched|i-bbb|CI-2|CC-A|50.00|name|-\n"
              "matched|i-ddd|CI-4|CC-D|20.00|asset.ci_id; asset.resource_id|-\n"
              "matched|i-eee|CI-5A|CC-E|5.00|ci.resource_id|CIs CI-5A, CI-5B\n"
              "matched|SRV-1|CI-8|CC-I|-|serial|-\n"
              "matched|SRV-2|CI-9|CC-I|-|host name|-\n");
    ASSERT_FALSE(table.totals.empty());
    EXPECT_EQ(table.totals.front()[table.ColumnIndex("finding")], "ownership_dispute");
}

} // namespace
} // namespace crosswalk::report
