// The KPIs, the maturity scorecard and the policy report on a hand-built store of one month (March 2026, the bill
// from February), each figure computed by hand in the comments.
//
// The month's lines (USD; EffectiveCost, BilledCost the same unless said):
//   res-a  AWS us-east-1, tagged application, EC2 hours covered by the savings plan SP: 600 (list 1000,
//          contracted 900)
//   res-b  AWS us-east-1, untagged, EC2 hours on demand: 300 (list and contracted 300)
//   SP     the plan's unused part: 100 effective, 0 billed
//   res-c  Microsoft westeurope, tagged, storage, first billed in March: 100
//   a marketplace purchase Microsoft bills for Acme Software, no resource: 50
// Effective cost of the month: 1150.
#include <map>
#include <string>

#include <gtest/gtest.h>

#include "crosswalk/model/migrator.hpp"
#include "crosswalk/report/kpis.hpp"
#include "crosswalk/report/reports.hpp"

#include "support/store_fixture.hpp"

namespace crosswalk::report {
namespace {

class KpisReportTest : public testing::StoreTest {
protected:
    KpisReportTest() {
        model::Migrate(connection_);
        connection_.Execute(R"(
INSERT INTO cost_line (source_file_id, source_row, ProviderName, PublisherName, BillingAccountId, SubAccountId,
                       RegionId, ResourceId, Tags, ChargeCategory, ServiceName, ConsumedUnit, PricingCategory,
                       CommitmentDiscountId, CommitmentDiscountStatus, BillingCurrency, BilledCost, EffectiveCost,
                       ListCost, ContractedCost, ChargePeriodStart, ChargePeriodEnd)
VALUES (1, 1, 'AWS', 'AWS', 'BA', '111', 'us-east-1', 'res-a', '{"application": "APP-A"}', 'Usage', 'EC2', 'Hours',
        'Standard', NULL, NULL, 'USD', 10, 10, 10, 10, '2026-02-10', '2026-02-11'),
       (1, 2, 'AWS', 'AWS', 'BA', '111', 'us-east-1', 'res-a', '{"application": "APP-A"}', 'Usage', 'EC2', 'Hours',
        'Committed', 'SP', 'Used', 'USD', 600, 600, 1000, 900, '2026-03-10', '2026-03-11'),
       (1, 3, 'AWS', 'AWS', 'BA', '111', 'us-east-1', 'res-b', '{}', 'Usage', 'EC2', 'Hours', 'Standard', NULL,
        NULL, 'USD', 300, 300, 300, 300, '2026-03-10', '2026-03-11'),
       (1, 4, 'AWS', 'AWS', 'BA', '111', NULL, 'SP', '{}', 'Usage', 'Savings Plans', NULL, 'Committed', 'SP',
        'Unused', 'USD', 0, 100, 0, 0, '2026-03-10', '2026-03-11'),
       (1, 5, 'Microsoft', 'Microsoft', 'EA', 'sub-1', 'westeurope', 'res-c', '{"application": "APP-C"}', 'Usage',
        'Storage', 'GB', 'Standard', NULL, NULL, 'USD', 100, 100, 100, 100, '2026-03-12', '2026-03-13'),
       (1, 6, 'Microsoft', 'Acme Software', 'EA', 'sub-1', NULL, NULL, '{}', 'Purchase', 'Acme Backup', NULL,
        'Standard', NULL, NULL, 'USD', 50, 50, 50, 50, '2026-03-01', '2026-04-01');
INSERT INTO asset (asset_tag, name, category, lifecycle_state, owner, cost_center_id)
VALUES ('SRV-1', 'srv-1', 'hardware', 'in_use', 'Ops', 'CC-1');
INSERT INTO installation (installation_id, publisher, product, host_kind, host_id)
VALUES ('INS-1', 'RARLAB', 'WinRAR', 'asset', 'SRV-1');
)");
    }

    KpiOptions Options(const std::string& policy = "") {
        KpiOptions options;
        options.period = Period::Parse("2026-03");
        options.policy = rules::ParsePolicyRules("rules/policy.yaml", policy);
        options.tags.required = {"application"};
        return options;
    }

    std::map<std::string, Kpi> Kpis(const std::string& policy = "") {
        std::map<std::string, Kpi> kpis;
        for (Kpi& kpi : ComputeKpis(connection_, Options(policy))) {
            kpis.emplace(kpi.name, std::move(kpi));
        }
        return kpis;
    }

    static std::string Text(const std::optional<Decimal>& value) { return value ? value->ToString() : "NULL"; }

    std::string Stage(const std::string& area) {
        const ReportTable table = MaturityReport(connection_, Options());
        for (const ReportRow& row : table.rows) {
            if (row[0] == area) {
                return *row[table.ColumnIndex("stage")];
            }
        }
        return "";
    }
};

TEST_F(KpisReportTest, EachFormulaByHand) {
    auto kpis = Kpis();
    // Tags (BilledCost of the resources, each line of one): 600 + 100 of 600 + 300 + 0 + 100; 2 of 4 resources.
    EXPECT_EQ(Text(kpis["tag_compliance_cost_pct"].value), "70.00");
    EXPECT_EQ(Text(kpis["tag_compliance_count_pct"].value), "50.00");
    EXPECT_EQ(kpis["tag_compliance_cost_pct"].status, "missed"); // below the default 80
    // Idle: the unused commitment, 100 of 1150.
    EXPECT_EQ(Text(kpis["idle_cost_pct"].value), "8.70");
    EXPECT_EQ(Text(kpis["idle_cost_pct"].numerator), "100.00");
    // The plan: 600 used of 700; 900 covered of 1200 eligible (res-a and res-b, EC2 hours); (900 - 700) / 1200.
    EXPECT_EQ(Text(kpis["commitment_utilization_pct"].value), "85.71");
    EXPECT_EQ(Text(kpis["commitment_coverage_pct"].value), "75.00");
    EXPECT_EQ(Text(kpis["effective_savings_rate_pct"].value), "16.67");
    // What the data does not show: no allocation, no ledger, too short a history to back-test.
    EXPECT_EQ(kpis["allocation_coverage_pct"].status, "no_data");
    EXPECT_EQ(kpis["ledger_variance_pct"].status, "no_data");
    EXPECT_EQ(kpis["forecast_variance_pct"].status, "no_data");
    EXPECT_EQ(Text(kpis["anomaly_cost"].value), "0.00");
    EXPECT_EQ(kpis["anomaly_cost"].status, "met");
    // No CI names a resource: none of the cloud cost is covered.
    EXPECT_EQ(Text(kpis["cmdb_coverage_pct"].value), "0.00");
}

// An allocation of the month (1150: 900 on cost centers, 250 on none; a pool of 200 of which 50 found no weights),
// a CI for res-a (600 of the 1000 on resources).
TEST_F(KpisReportTest, AllocationAndCmdbByHand) {
    connection_.Execute(R"(
INSERT INTO allocation_run VALUES (1, NULL, 1, 1, 2, 1, 3);
INSERT INTO allocation_line (run_id, step, period, currency, cost_center, billed_cost, effective_cost, cost_lines)
VALUES (1, 0, '2026-03', 'USD', 'CC-1', 700, 700, 3), (1, 1, '2026-03', 'USD', 'CC-2', 200, 200, 1),
       (1, 0, '2026-03', 'USD', NULL, 250, 250, 2);
INSERT INTO allocation_pool VALUES (1, 1, '2026-03', 'USD', 'AWS', NULL, NULL, NULL, NULL, NULL, 150, 150, 1, 2,
                                    'allocated'),
                                   (1, 2, '2026-03', 'USD', 'AWS', NULL, NULL, NULL, NULL, NULL, 50, 50, 1, 0,
                                    'no_weights');
INSERT INTO ci (ci_id, class, name, cloud_provider, resource_id) VALUES ('CI-A', 'cloud_resource', 'a', 'AWS', 'res-a');
)");
    auto kpis = Kpis();
    EXPECT_EQ(Text(kpis["allocation_coverage_pct"].value), "78.26"); // 900 / 1150
    EXPECT_EQ(kpis["allocation_coverage_pct"].status, "missed");
    EXPECT_EQ(Text(kpis["unallocated_shared_pct"].value), "25.00"); // 50 / 200
    // The resources' cost: res-a, res-b and res-c (the unused commitment is no resource a CI could name).
    EXPECT_EQ(*kpis["cmdb_coverage_pct"].numerator, Decimal::Parse("600"));
    EXPECT_EQ(*kpis["cmdb_coverage_pct"].denominator, Decimal::Parse("1000"));
    EXPECT_EQ(Text(kpis["cmdb_coverage_pct"].value), "60.00");
}

TEST_F(KpisReportTest, TheUsersThresholdDecidesAndIsCited) {
    auto defaults = Kpis();
    EXPECT_EQ(defaults["idle_cost_pct"].status, "missed"); // 8.70 > 3 (seed 000)
    EXPECT_EQ(defaults["idle_cost_pct"].threshold_rule, "default: seed 000 (idle cost <= 3 % of monthly spend)");
    auto set = Kpis("thresholds:\n  idle_cost_pct: 10\n");
    EXPECT_EQ(set["idle_cost_pct"].status, "met");
    EXPECT_EQ(set["idle_cost_pct"].threshold_rule, "policy.yaml:2");
}

TEST_F(KpisReportTest, TheInventoryStageMovesWithItsEvidence) {
    EXPECT_EQ(Stage("inventory"), "crawl") << "an asset register beside the bill, nothing reconciled";
    // A CI for res-a and res-b: 900 of the resources' cost, but the tags stay at 70 %: walk.
    connection_.Execute("INSERT INTO ci (ci_id, class, name, cloud_provider, resource_id) VALUES "
                        "('CI-A', 'cloud_resource', 'a', 'AWS', 'res-a'), ('CI-B', 'cloud_resource', 'b', 'AWS', "
                        "'res-b'), ('CI-C', 'cloud_resource', 'c', 'Microsoft', 'res-c'), ('CI-P', "
                        "'cloud_resource', 'p', 'AWS', 'SP')");
    EXPECT_EQ(Stage("inventory"), "walk");
    // Every resource tagged too: run.
    connection_.Execute("UPDATE cost_line SET Tags = '{\"application\": \"APP-A\"}'");
    EXPECT_EQ(Stage("inventory"), "run");
    EXPECT_EQ(Stage("finops_commitments"), "walk"); // 75 %: past the walk target (70), short of run (80)
}

TEST_F(KpisReportTest, PolicyFindsEachPlantedViolationWithItsRule) {
    PolicyOptions options;
    options.period = Period::Parse("2026-03");
    options.policy = rules::ParsePolicyRules("rules/policy.yaml", "allowed_regions: [us-east-1]\n"
                                                                  "allowed_providers: [AWS]\n"
                                                                  "approved_publishers: [Other Corp]\n"
                                                                  "denied_products: [winrar]\n"
                                                                  "required_tags: [application, owner]\n"
                                                                  "require_budget: true\n");
    const ReportTable table = PolicyReport(connection_, options);
    std::map<std::string, std::vector<std::string>> found; // kind -> "item rule"
    for (const ReportRow& row : table.rows) {
        found[*row[0]].push_back(row[1].value_or("") + " " + row[table.ColumnIndex("rule")].value_or(""));
    }
    EXPECT_EQ(found["region_not_allowed"], (std::vector<std::string>{"res-c policy.yaml:1"}));
    EXPECT_EQ(found["provider_not_allowed"], (std::vector<std::string>{"sub-1 policy.yaml:2"}));
    EXPECT_EQ(found["marketplace_unapproved"], (std::vector<std::string>{"Acme Software policy.yaml:3"}));
    EXPECT_EQ(found["denied_product"], (std::vector<std::string>{"INS-1 policy.yaml:4"}));
    // res-b has no application, every cloud resource no owner tag, the asset no application CI (its owner is
    // in the register); the unused commitment is not a resource to tag.
    EXPECT_EQ(found["missing_tag"].size(), 4U);
    // res-b and res-c are first billed in March (the bill starts in February), on no budgeted cost center
    // (checked with no budget loaded because the file asks for it).
    EXPECT_EQ(found["no_budget"], (std::vector<std::string>{"res-b policy.yaml:6", "res-c policy.yaml:6"}));
    for (const ReportRow& row : table.rows) {
        if (row[0] == "denied_product" || (row[0] == "missing_tag" && row[1] == "SRV-1")) {
            EXPECT_EQ(row[table.ColumnIndex("owner")].value_or(""), "Ops") << *row[0];
        }
        if (row[0] == "region_not_allowed") {
            EXPECT_EQ(row[table.ColumnIndex("cost")].value_or(""), "100.00");
        }
    }
    ASSERT_EQ(table.totals.size(), 2U) << "USD, and the on-premises rows, which have no currency";
    EXPECT_EQ(table.totals[0][1].value_or(""), "8 violations");
}

} // namespace
} // namespace crosswalk::report
