// TCO on a hand-built store (docs/tco.md): each source reaches the applications by its rule, every split is
// exact, and the applications plus '(unassigned)' add up to all cost in the model for the month.
//
// February 2026, USD. The bill (allocated): APP-A 100 direct; the platform APP-P's 60 spread by step `platform`
// 40 / 20 to APP-A / APP-B (weights 2 and 1); APP-B 10 of 'Software & SaaS'. HOST-1 (Dell) depreciates 120 a
// month and hosts VM1 (APP-A), VM2 (APP-A and APP-B) and VM3 (no application): 40 a VM, VM2's halved. NAS-1 has
// no CI: its 50 is unassigned. CTR-DELL (support, 1440 a year) goes to Dell's hardware: HOST-1's path. CTR-MS
// (2880 a year) pays for SQL Server Standard, installed on HOST-1 only: HOST-1's path. CTR-ATL (22400 a year)
// pays for Jira, installed nowhere: unassigned, 1866.66 in February. CTR-SAAS (1200 a year, no entitlement) is license
// cost on no application: 100.00 a month on its cost center CC-9. Ledger: 6100 CC-1 (owns APP-A, APP-B) 2000;
// CC-0 (owns none; its child CC-1 does) 900; CC-9 (no application) 300; CC-P (owns APP-P) 600, passed on by the
// platform's weights; the bill's invoice, Dell's invoice and the depreciation posting are mirrors, left out.
#include <algorithm>

#include <gtest/gtest.h>

#include "crosswalk/analyze/tco_parts.hpp"
#include "crosswalk/common/decimal.hpp"
#include "crosswalk/common/error.hpp"
#include "crosswalk/model/migrator.hpp"
#include "crosswalk/report/reports.hpp"
#include "crosswalk/store/connection.hpp"
#include "crosswalk/store/database.hpp"

namespace crosswalk::report {
namespace {

void LoadFixture(store::Connection& connection) {
    connection.Execute(R"(
INSERT INTO cost_line (source_file_id, source_row, ProviderName, InvoiceId, ChargePeriodStart, BillingCurrency,
                       BilledCost, EffectiveCost) VALUES
    (1, 1, 'AWS', 'INV-1', '2026-02-03', 'USD', 100, 100),
    (1, 2, 'AWS', 'INV-1', '2026-02-03', 'USD', 60, 60),
    (1, 3, 'AWS', 'INV-1', '2026-02-03', 'USD', 10, 10);
INSERT INTO allocation_run VALUES (1, NULL, 1, 1, 1, 0, 6);
INSERT INTO allocation_step (run_id, step, name, method, to_dimension, rule) VALUES
    (1, 1, 'platform', 'driver', 'application', 'allocation.yaml:2');
INSERT INTO allocation_line (run_id, step, period, currency, application, cost_pool, shared_from, billed_cost,
                             effective_cost, cost_lines, weight) VALUES
    (1, 0, '2026-02', 'USD', 'APP-A', 'Compute', NULL, 100, 100, 1, NULL),
    (1, 0, '2026-02', 'USD', 'APP-P', 'Compute', NULL, 60, 60, 1, NULL),
    (1, 0, '2026-02', 'USD', 'APP-B', 'Software & SaaS', NULL, 10, 10, 1, NULL),
    (1, 1, '2026-02', 'USD', 'APP-P', 'Compute', NULL, -60, -60, -1, NULL),
    (1, 1, '2026-02', 'USD', 'APP-A', 'Compute', 'platform', 40, 40, 0, 2),
    (1, 1, '2026-02', 'USD', 'APP-B', 'Compute', 'platform', 20, 20, 0, 1);
UPDATE allocation_line SET cost_center = CASE application WHEN 'APP-P' THEN 'CC-P' ELSE 'CC-1' END;
INSERT INTO ci (ci_id, class, cost_center_id, asset_tag) VALUES
    ('APP-A', 'application', 'CC-1', NULL), ('APP-B', 'application', 'CC-1', NULL),
    ('APP-P', 'application', 'CC-P', NULL), ('BS-1', 'business_service', NULL, NULL),
    ('CI-HOST', 'server', NULL, 'HOST-1'), ('CI-VM1', 'virtual_machine', NULL, NULL),
    ('CI-VM2', 'virtual_machine', NULL, NULL), ('CI-VM3', 'virtual_machine', NULL, NULL);
INSERT INTO ci_relation (parent_ci_id, child_ci_id, relation_type) VALUES
    ('BS-1', 'APP-A', 'depends_on'), ('BS-1', 'APP-B', 'depends_on'), ('APP-A', 'APP-P', 'depends_on'),
    ('CI-VM1', 'CI-HOST', 'hosted_by'), ('CI-VM2', 'CI-HOST', 'hosted_by'), ('CI-VM3', 'CI-HOST', 'hosted_by'),
    ('APP-A', 'CI-VM1', 'runs_on'), ('APP-A', 'CI-VM2', 'runs_on'), ('APP-B', 'CI-VM2', 'runs_on');
INSERT INTO cost_center (cost_center_id, parent_cost_center_id) VALUES
    ('CC-0', NULL), ('CC-1', 'CC-0'), ('CC-9', NULL), ('CC-P', NULL);
INSERT INTO asset (asset_tag, category, manufacturer, lifecycle_state, acquisition_date, acquisition_cost, currency,
                   depreciation_method, useful_life_months, physical_cores, processors) VALUES
    ('HOST-1', 'hardware', 'Dell Inc.', 'in_use', '2025-01-10', 4320, 'USD', 'straight_line', 36, 8, 1),
    ('NAS-1', 'hardware', 'NetApp', 'in_use', '2025-01-10', 1800, 'USD', 'straight_line', 36, NULL, NULL);
INSERT INTO contract (contract_id, name, vendor, contract_type, start_date, end_date, total_value, currency,
                      payment_schedule) VALUES
    ('CTR-DELL', 'Dell support', 'Dell Technologies', 'support', '2026-01-01', '2026-12-31', 1440, 'USD', 'monthly'),
    ('CTR-MS', 'SQL Server', 'Microsoft', 'license', '2026-01-01', '2026-12-31', 2880, 'USD', 'annual'),
    ('CTR-ATL', 'Jira', 'Atlassian', 'license', '2026-01-01', '2026-12-31', 22400, 'USD', 'annual'),
    ('CTR-SAAS', 'Survey tool', 'Qualtrics', 'saas', '2026-01-01', '2026-12-31', 1200, 'USD', 'annual');
UPDATE contract SET cost_center_id = 'CC-9' WHERE contract_id = 'CTR-SAAS';
INSERT INTO entitlement (entitlement_id, publisher, product, edition, metric, quantity, unit_cost, currency,
                         term_start, term_end, contract_id) VALUES
    ('E-1', 'Microsoft', 'SQL Server Standard', 'Standard', 'per_core', 8, 360, 'USD', '2026-01-01', '2026-12-31', 'CTR-MS'),
    ('E-2', 'Atlassian', 'Jira Software', 'Data Center', 'per_user', 400, 56, 'USD', '2026-01-01', '2026-12-31', 'CTR-ATL');
INSERT INTO installation (installation_id, publisher, product, edition, host_kind, host_id, physical_cores) VALUES
    ('INS-1', 'Microsoft', 'SQL Server Standard', 'Standard', 'asset', 'HOST-1', 8);
INSERT INTO ledger_line (entry_id, posting_period, account, cost_center_id, vendor, amount, currency, invoice_id) VALUES
    ('JE-1', '2026-02-01', '6100', 'CC-1', NULL, 2000, 'USD', NULL),
    ('JE-2', '2026-02-01', '6100', 'CC-0', NULL, 900, 'USD', NULL),
    ('JE-3', '2026-02-01', '6100', 'CC-9', NULL, 300, 'USD', NULL),
    ('JE-4', '2026-02-01', '6100', 'CC-P', NULL, 600, 'USD', NULL),
    ('JE-5', '2026-02-01', '6410', 'CC-1', 'Amazon Web Services', 170, 'USD', 'INV-1'),
    ('JE-6', '2026-02-01', '6430', 'CC-1', 'Dell', 120, 'USD', 'CTR-DELL-2026-02'),
    ('JE-7', '2026-02-01', '6810', 'CC-1', NULL, 170, 'USD', NULL);
INSERT INTO ledger_account_taxonomy (account, account_name, cost_pool, cost_sub_pool, cost_pool_source) VALUES
    ('6100', NULL, 'Staffing', 'Internal Labor', 'default'),
    ('6410', NULL, 'Cloud Services', 'Cloud Service Provider', 'default'),
    ('6430', NULL, 'Hardware', 'Maintenance & Support', 'default'),
    ('6810', NULL, 'Hardware', 'Depreciation & Amortization', 'default');
)");
}

// The allocation rules the fixture's run applied: the platform step spreads APP-P.
analyze::tco::TcoInputs Inputs() {
    analyze::tco::TcoInputs inputs;
    rules::AllocationStep step;
    step.name = "platform";
    step.to = "application";
    step.method = rules::AllocationMethod::kDriver;
    step.pool.push_back(rules::PoolCondition{"application", {std::string("APP-P")}, {}});
    inputs.allocation.steps.push_back(step);
    return inputs;
}

TcoOptions Options() {
    TcoOptions options;
    options.period = Period::Parse("2026-02");
    return options;
}

std::string Rows(const ReportTable& table, const std::vector<std::string>& columns) {
    std::string text;
    for (const auto* rows : {&table.rows, &table.totals}) {
        for (const ReportRow& row : *rows) {
            for (size_t i = 0; i < columns.size(); ++i) {
                text += row[table.ColumnIndex(columns[i])].value_or("-") + (i + 1 == columns.size() ? "\n" : "|");
            }
        }
    }
    return text;
}

class TcoReportTest : public ::testing::Test {
protected:
    void SetUp() override {
        model::Migrate(connection_);
        LoadFixture(connection_);
        (void)analyze::tco::WriteParts(connection_, Inputs(), 1); // the cost stage of run 1
    }

    store::Database database_ = store::Database::OpenInMemory();
    store::Connection connection_{database_};
};

TEST_F(TcoReportTest, EachSourceByItsRuleAndTheTotalIsAllCost) {
    const ReportTable table = TcoReport(connection_, Options());
    EXPECT_EQ(table.title, "TCO per application, period 2026-02; no earlier months billed to compare with");
    EXPECT_EQ(Rows(table, {"application", "business_service", "cloud_direct", "cloud_shared", "licenses",
                           "depreciation", "contracts", "labor", "total", "cloud_share_pct"}),
              "APP-A|BS-1|100.00|40.00|120.00|60.00|60.00|1850.00|2230.00|36.8\n"
              "APP-B|BS-1|0.00|20.00|50.00|20.00|20.00|1650.00|1760.00|27.3\n"
              "(unassigned)|-|0.00|0.00|2046.66|90.00|40.00|300.00|2476.66|0.0\n"
              // all cost: bill 170 + depreciation 170 + contracts 120 + 240 + 1866.66 + 100 + labor 3800
              "total|3 rows|100.00|60.00|2216.66|170.00|120.00|3800.00|6466.66|6.4\n");
}

TEST_F(TcoReportTest, ServicesRollUpAndExplainAddsUpToTheApplication) {
    const ReportTable services = TcoServicesReport(connection_, Options());
    EXPECT_EQ(Rows(services, {"business_service", "applications", "total"}),
              "BS-1|2|3990.00\n-|1|2476.66\ntotal|3|6466.66\n");

    TcoOptions options = Options();
    options.application = "APP-B";
    const ReportTable explain = TcoExplainReport(connection_, options);
    ASSERT_EQ(explain.totals.size(), 1U);
    EXPECT_EQ(explain.totals.front()[explain.ColumnIndex("amount")], "1760.00");
    std::string details;
    for (const ReportRow& row : explain.rows) {
        details += row[explain.ColumnIndex("column_name")].value_or("") + ": " +
                   row[explain.ColumnIndex("detail")].value_or("") + " = " +
                   row[explain.ColumnIndex("amount")].value_or("") + "\n";
    }
    EXPECT_NE(details.find("depreciation: depreciation of HOST-1, 1 of 3 VMs on HOST-1 (CI-VM2), 1 of 2 applications "
                           "= 20.00\n"),
              std::string::npos)
        << details;
    EXPECT_NE(details.find("labor: ledger 6100, CC-P (1 lines): evenly over 1 of its applications; on APP-P, passed "
                           "on by step platform (weight 1.000) = 200.00\n"),
              std::string::npos)
        << details;

    options.application = "APP-NONE";
    EXPECT_THROW((void)TcoReport(connection_, options), Error);
}

TEST_F(TcoReportTest, UnitCostDividesTheScopesTcoByItsMetric) {
    connection_.Execute(R"(
INSERT INTO business_metric (period, grain, metric_name, scope_kind, scope_id, value, unit) VALUES
    ('2026-02-01', 'day', 'orders', 'business_service', 'BS-1', 10, 'orders'),
    ('2026-02-02', 'day', 'orders', 'business_service', 'BS-1', 20, 'orders'),
    ('2026-02-01', 'month', 'active_users', 'organization', NULL, 100, 'users'),
    ('2026-02-01', 'month', 'stores', 'business_unit', 'BU-GONE', 5, 'stores');
UPDATE ci SET business_unit_id = 'BU-1' WHERE ci_id = 'APP-B';
)");
    const ReportTable table = UnitCostReport(connection_, Options());
    EXPECT_EQ(Rows(table, {"metric", "scope_kind", "scope_id", "quantity", "tco", "cloud", "tco_per_unit",
                           "cloud_per_unit", "status"}),
              // BS-1: 3990.00 over 30 orders; the organization: all cost, 6466.66, over 100 users
              "active_users|organization|-|100|6466.66|170.00|64.6666|1.7000|ok\n"
              "orders|business_service|BS-1|30|3990.00|170.00|133.0000|5.6667|ok\n"
              "stores|business_unit|BU-GONE|5|-|-|-|-|no_cost\n"
              "-|business_unit|BU-1|-|1760.00|30.00|-|-|no_metric\n");
}

TEST_F(TcoReportTest, TheStatementCarriesTheLicenseContractsOnTheirCostCenters) {
    StatementOptions options{StatementKind::kShowback, Period::Parse("2026-02")};
    const ReportTable statement = StatementReport(connection_, options);
    EXPECT_EQ(Rows(statement, {"cost_center", "application", "license", "total_billed", "total_effective"}),
              // CC-1 owns APP-A (SQL Server on two VMs: 80 + 40) and APP-B (half a VM: 40, and its 10 in the bill)
              "CC-1|APP-A|120.00|140.00|260.00\n"
              "CC-1|APP-B|50.00|30.00|70.00\n"
              "CC-9|-|100.00|0.00|100.00\n"        // the SaaS contract on its cost center
              "-|-|1946.66|0.00|1946.66\n"         // Jira and the VM no application runs on
              "total|-|2216.66|170.00|2376.66\n"); // the bill's 170 and the contracts' 2206.66 of the month
    options.with_license_contracts = false;
    EXPECT_EQ(Rows(StatementReport(connection_, options), {"cost_center", "application", "total_effective"}),
              "CC-1|APP-A|140.00\nCC-1|APP-B|30.00\ntotal|-|170.00\n"); // the bill alone
}

TEST_F(TcoReportTest, AContractsMonthsAddUpToItsValue) {
    // 22400 over 12 months, each month its share of the running total rounded: 1866.67, 1866.66, 1866.67, ...
    // so that the year adds up to 22400.00 exactly.
    connection_.Execute("INSERT INTO cost_line (source_file_id, source_row, ProviderName, ChargePeriodStart, "
                        "BillingCurrency, BilledCost, EffectiveCost) SELECT 2, m, 'AWS', make_date(2026, m, 5), "
                        "'USD', 0, 0 FROM range(1, 13) AS r(m) WHERE m <> 2");
    TcoOptions options = Options();
    options.application = "(unassigned)";
    options.period.reset();
    options.year = 2026;
    try { // billed after the run: the run computes its TCO
        (void)TcoExplainReport(connection_, options);
        FAIL() << "a month the run did not cover was reported";
    } catch (const Error& error) {
        EXPECT_EQ(error.Kind(), ErrorKind::kConflict);
        EXPECT_STREQ(error.what(),
                     "the bill of 2026-01 was loaded after the latest run: `crosswalk run` computes its TCO");
    }
    (void)analyze::tco::WriteParts(connection_, Inputs(), 1);
    const ReportTable year = TcoExplainReport(connection_, options);
    EXPECT_EQ(year.title, "how the TCO of (unassigned) is built, year 2026 (2026-01 to 2026-12, the billed months)");
    std::vector<std::string> jira;
    Decimal sum = Decimal::Parse("0");
    for (const ReportRow& row : year.rows) {
        if (row[year.ColumnIndex("ref")] == "CTR-ATL") {
            const std::string amount = row[year.ColumnIndex("amount")].value_or("");
            jira.push_back(row[year.ColumnIndex("detail")].value_or("").substr(0, 10) + "=" + amount);
            sum = sum + Decimal::Parse(amount);
        }
    }
    std::sort(jira.begin(), jira.end());
    ASSERT_EQ(jira.size(), 12U);
    EXPECT_EQ(jira[0], "month 1 of=1866.67");
    EXPECT_EQ(jira[4], "month 2 of=1866.66"); // after months 1, 10, 11 and 12 in text order
    EXPECT_EQ(jira[5], "month 3 of=1866.67");
    EXPECT_EQ(sum.ToString(), "22400.00");
}

} // namespace
} // namespace crosswalk::report
