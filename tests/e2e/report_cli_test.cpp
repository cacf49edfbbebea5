// `crosswalk report NAME` through the built binary: the three reports over a small ingested FOCUS file in each
// format, --output, and the plain errors (unknown report with did-you-mean, bad period, no required tags).
// Also the golden files of the reports on the generated demo workspace (tests/golden/report_<name>.<ext>;
// CROSSWALK_UPDATE_GOLDEN=1 rewrites them).
#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "support/crosswalk_cli.hpp"
#include "support/focus_csv.hpp"
#include "support/generated_workspace.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace crosswalk {
namespace {

namespace fs = std::filesystem;
using testing::Crosswalk;
using testing::ProcessResult;

class ReportCliTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_EQ(Crosswalk({"init", workspace_.string()}).exit_code, 0);
        // Three lines in 2024-09 (two tagged with an application), one in 2024-10, in two currencies.
        testing::FocusCsv csv(4);
        csv.Set(0, "BilledCost", "10.125").Set(0, "EffectiveCost", "9.5").Set(0, "ServiceName", "EC2");
        csv.Set(1, "BilledCost", "0.000001").Set(1, "EffectiveCost", "0").Set(1, "ServiceName", "EC2");
        csv.Set(1, "Tags", R"("{""owner"": ""x""}")");
        csv.Set(2, "BilledCost", "5").Set(2, "EffectiveCost", "5").Set(2, "ServiceName", R"("Blob, ""hot""")");
        csv.Set(2, "BillingCurrency", "EUR").Set(2, "PricingCurrency", "EUR");
        csv.Set(3, "BilledCost", "99").Set(3, "ChargePeriodStart", "2024-10-01T00:00:00Z");
        csv.Set(3, "ChargePeriodEnd", "2024-10-02T00:00:00Z");
        testing::WriteFile(directory_ / "bill.csv", csv.Text());
        const ProcessResult ingest =
            Crosswalk({"ingest", "focus", "-w", workspace_.string(), (directory_ / "bill.csv").string()});
        ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
    }

    ProcessResult Report(std::vector<std::string> arguments) {
        arguments.insert(arguments.begin(), {"report", "-w", workspace_.string()});
        return Crosswalk(arguments);
    }

    testing::TempDir directory_;
    fs::path workspace_ = directory_ / "acme";
};

TEST_F(ReportCliTest, TaxonomyCsvKeepsUnmappedCostAndEveryDigit) {
    const ProcessResult result = Report({"taxonomy", "--period", "2024-09", "--format", "csv"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "cost_pool,tower,sub_tower,currency,billed_cost,effective_cost\n"
                          ",,,EUR,5.000000,5.00\n"
                          ",,,USD,10.125001,9.50\n");
}

TEST_F(ReportCliTest, TaxonomyTableNamesTheLatestPeriodAndShowsTotals) {
    const ProcessResult result = Report({"taxonomy", "--format", "table"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "cost by TBM cost pool, tower and sub-tower, period 2024-10 (the latest month with cost "
                          "lines)\n"
                          "\n"
                          "cost_pool   tower       sub_tower   currency  billed_cost  effective_cost\n"
                          "----------  ----------  ----------  --------  -----------  --------------\n"
                          "(unmapped)  (unmapped)  (unmapped)  USD             99.00            1.25\n"
                          "----------  ----------  ----------  --------  -----------  --------------\n"
                          "total                               USD             99.00            1.25\n"
                          "(1 row)\n");
}

TEST_F(ReportCliTest, UnmappedJsonHasTheColumnNamesAsKeysAndDecimalsAsStrings) {
    const ProcessResult result = Report({"unmapped", "--period", "2024-09", "--format", "json"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find(R"({"dimension": "application", "provider": "AWS", "service_name": "EC2", )"
                              R"("currency": "USD", "resources": 2, "cost": "10.125001"})"),
              std::string::npos)
        << result.out;
    EXPECT_NE(result.out.find(R"("service_name": "Blob, \"hot\"", "currency": "EUR", "resources": 1, )"
                              R"("cost": "5.000000"})"),
              std::string::npos)
        << result.out;
    EXPECT_EQ(result.out.front(), '[');
}

TEST_F(ReportCliTest, TagsNeedsRequiredKeysAndThenReportsCompliance) {
    const ProcessResult none = Report({"tags", "--period", "2024-09"});
    EXPECT_EQ(none.exit_code, 1);
    EXPECT_EQ(none.out, "");
    EXPECT_NE(none.err.find("add 'required: [application, owner, ...]' to rules/tags.yaml"), std::string::npos)
        << none.err;

    testing::WriteFile(workspace_ / "rules" / "tags.yaml", "keys:\n  application:\n    aliases: [app]\n"
                                                           "required: [application]\n");
    // Each decimal column has its own number of decimals: the fewest that show all its values exactly. The
    // owner-only line (0.000001) is not compliant, which rounds away in the percentage.
    const ProcessResult result = Report({"tags", "--period", "2024-09", "--format", "csv"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "key,provider,account,currency,resources,resources_compliant,cost,cost_compliant,"
                          "cost_compliant_pct\n"
                          "application,AWS,111122223333,USD,2,1,10.125001,10.125,100.00\n"
                          "application,AWS,111122223333,EUR,1,1,5.000000,5.000,100.00\n");
}

TEST_F(ReportCliTest, OutputWritesTheFileInTheFormatItsExtensionNames) {
    const fs::path file = directory_ / "taxonomy.json";
    const ProcessResult result = Report({"taxonomy", "--period", "2024-09", "--output", file.string()});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "");
    EXPECT_EQ(result.err, "report taxonomy: 2 rows written to " + file.string() + "\n");
    EXPECT_EQ(testing::ReadFile(file),
              "[\n"
              "  {\"cost_pool\": null, \"tower\": null, \"sub_tower\": null, \"currency\": \"EUR\", "
              "\"billed_cost\": \"5.000000\", \"effective_cost\": \"5.00\"},\n"
              "  {\"cost_pool\": null, \"tower\": null, \"sub_tower\": null, \"currency\": \"USD\", "
              "\"billed_cost\": \"10.125001\", \"effective_cost\": \"9.50\"}\n"
              "]\n");
    // --format wins over the extension, with a warning when they name different formats.
    const ProcessResult csv = Report({"taxonomy", "--period", "2024-09", "--format", "csv", "--output", file.string()});
    EXPECT_EQ(csv.exit_code, 0) << csv.err;
    EXPECT_EQ(csv.err, "report taxonomy: warning: writing csv to " + file.string() +
                           ", whose extension names another format\nreport taxonomy: 2 rows written to " +
                           file.string() + "\n");
    EXPECT_EQ(testing::ReadFile(file).rfind("cost_pool,tower,sub_tower,currency,", 0), 0U);
}

TEST_F(ReportCliTest, AnUnknownReportOrABadPeriodIsAPlainError) {
    const ProcessResult unknown = Report({"taxonomi"});
    EXPECT_EQ(unknown.exit_code, 1);
    EXPECT_EQ(unknown.err, "crosswalk: error: unknown report 'taxonomi' (did you mean 'taxonomy'?); the reports "
                           "are: tags, unmapped, taxonomy, chargeback, showback, prepaid, license-position, "
                           "license-findings, renewals, reconcile-ledger, reconcile-inventory, vendor-spend, "
                           "depreciation, depreciation-schedule, tco, tco-services, tco-explain, unit-cost, forecast, "
                           "anomalies, budget, commitments, kpis, maturity, policy, lines\n");
    const ProcessResult period = Report({"taxonomy", "--period", "2024-9"});
    EXPECT_EQ(period.exit_code, 1);
    EXPECT_EQ(period.err, "crosswalk: error: bad period '2024-9': expected a month as YYYY-MM, e.g. 2026-11\n");
    const ProcessResult format = Report({"taxonomy", "--format", "xml"});
    EXPECT_EQ(format.exit_code, 1);
    EXPECT_NE(format.err.find("xml"), std::string::npos) << format.err;
}

// The reports on the generated demo workspace after `crosswalk run`, each format compared with its golden
// file byte for byte. With CROSSWALK_UPDATE_GOLDEN=1 the files are rewritten instead (review them in git diff).
void ExpectGoldenFiles(const std::string& name) {
    testing::TempDir directory;
    const fs::path workspace = directory / "demo";
    testing::CopyFolder(testing::LoadedWorkspace(), workspace);
    const ProcessResult run = Crosswalk({"run", "-w", workspace.string()});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const char* update = std::getenv("CROSSWALK_UPDATE_GOLDEN");
    const bool rewrite = update != nullptr && std::string(update) == "1";
    const fs::path golden_dir = fs::path(CROSSWALK_REPOSITORY_DIR) / "tests" / "golden";
    for (const auto& [format, extension] : {std::pair{"table", "txt"}, {"csv", "csv"}, {"json", "json"}}) {
        const ProcessResult result = Crosswalk({"report", name, "-w", workspace.string(), "--format", format});
        ASSERT_EQ(result.exit_code, 0) << result.err;
        const fs::path golden = golden_dir / ("report_" + name + "." + extension);
        if (rewrite) {
            testing::WriteFile(golden, result.out);
            continue;
        }
        ASSERT_TRUE(fs::exists(golden)) << golden << " is missing: run this test with CROSSWALK_UPDATE_GOLDEN=1 "
                                        << "to write it, then review it";
        EXPECT_EQ(result.out, testing::ReadFile(golden))
            << golden << " differs; if the change is intended, rerun with CROSSWALK_UPDATE_GOLDEN=1 and review";
    }
}

// `crosswalk explain` on the demo: JSON with the report's column names, the totals in the table, and plain errors
// for a value nothing is on and before anything is allocated.
TEST(GeneratedExplainCliTest, ExplainsACostCenterAndRefusesWhatItCannot) {
    const fs::path workspace = testing::LoadedWorkspace();
    const ProcessResult json = Crosswalk(
        {"explain", "cost-center", "CC-2200", "-w", workspace.string(), "--period", "2026-02", "--format", "json"});
    ASSERT_EQ(json.exit_code, 0) << json.err;
    EXPECT_EQ(json.out.rfind("[\n  {\"step\": 0, \"step_name\": \"direct\", \"rule\": \"enrichment: ", 0), 0U)
        << json.out;
    EXPECT_NE(json.out.find("\"source\": \"billing/aws/focus-2026-02.csv rows "), std::string::npos);
    EXPECT_NE(json.out.find("\"rule\": \"allocation.yaml:"), std::string::npos);
    const ProcessResult table = Crosswalk(
        {"explain", "application", "APP-WEB", "-w", workspace.string(), "--period", "2026-02", "--format", "table"});
    ASSERT_EQ(table.exit_code, 0) << table.err;
    EXPECT_EQ(table.out.rfind("how application APP-WEB was built, step by step, period 2026-02\n", 0), 0U);
    EXPECT_NE(table.out.find("\n      total "), std::string::npos) << table.out;
    const ProcessResult unknown = Crosswalk({"explain", "cost-center", "CC-9999", "-w", workspace.string()});
    EXPECT_EQ(unknown.exit_code, 1);
    EXPECT_EQ(unknown.err, "crosswalk: error: no cost is on cost center 'CC-9999' in the latest allocation\n");
    const ProcessResult kind = Crosswalk({"explain", "team", "x", "-w", workspace.string()});
    EXPECT_EQ(kind.exit_code, 1);
    EXPECT_NE(kind.err.find("KIND: team not in {cost-center,application,license}"), std::string::npos) << kind.err;
}

// `crosswalk diff` on a copy of the demo: nothing moved between two runs of the same inputs; after a step is
// removed from rules/allocation.yaml, its shares moved back, and the diff says which step and why.
TEST(GeneratedDiffCliTest, SaysWhatMovedBetweenTwoRunsAndWhy) {
    testing::TempDir directory;
    const fs::path workspace = directory / "demo";
    testing::CopyFolder(testing::LoadedWorkspace(), workspace);
    ASSERT_EQ(Crosswalk({"run", "-w", workspace.string()}).exit_code, 0);
    const ProcessResult same = Crosswalk({"diff", "-w", workspace.string(), "--format", "json"});
    ASSERT_EQ(same.exit_code, 0) << same.err;
    EXPECT_EQ(same.out, "[]\n");
    const fs::path rules = workspace / "rules" / "allocation.yaml";
    std::string text = testing::ReadFile(rules);
    const std::string monitoring = "  - name: monitoring\n    pool: {ProviderName: Datadog}\n    to: application\n"
                                   "    method: proportional\n    until: 2026-03\n";
    ASSERT_NE(text.find(monitoring), std::string::npos);
    text.replace(text.find(monitoring), monitoring.size(), "");
    testing::WriteFile(rules, text);
    ASSERT_EQ(Crosswalk({"run", "-w", workspace.string()}).exit_code, 0);
    const ProcessResult moved = Crosswalk({"diff", "-w", workspace.string(), "--format", "csv"});
    ASSERT_EQ(moved.exit_code, 0) << moved.err;
    EXPECT_EQ(moved.out.rfind("period,cost_center,application,before_effective,after_effective,change_effective,"
                              "change_billed,currency,why\n",
                              0),
              0U)
        << moved.out;
    EXPECT_NE(moved.out.find("monitoring -"), std::string::npos) << moved.out;
    EXPECT_NE(moved.out.find("(step removed)"), std::string::npos) << moved.out;
    const ProcessResult one = Crosswalk({"diff", "1", "-w", workspace.string()});
    EXPECT_EQ(one.exit_code, 1);
    EXPECT_EQ(one.err, "crosswalk: error: diff takes two runs (RUN1 RUN2) or none (the latest two)\n");
}

TEST(GeneratedReportGoldenTest, Tags) {
    ExpectGoldenFiles("tags");
}

TEST(GeneratedReportGoldenTest, Unmapped) {
    ExpectGoldenFiles("unmapped");
}

TEST(GeneratedReportGoldenTest, Taxonomy) {
    ExpectGoldenFiles("taxonomy");
}

TEST(GeneratedReportGoldenTest, Chargeback) {
    ExpectGoldenFiles("chargeback");
}

TEST(GeneratedReportGoldenTest, Showback) {
    ExpectGoldenFiles("showback");
}

TEST(GeneratedReportGoldenTest, Prepaid) {
    ExpectGoldenFiles("prepaid");
}

TEST(GeneratedReportGoldenTest, LicensePosition) {
    ExpectGoldenFiles("license-position");
}

TEST(GeneratedReportGoldenTest, LicenseFindings) {
    ExpectGoldenFiles("license-findings");
}

TEST(GeneratedReportGoldenTest, Renewals) {
    ExpectGoldenFiles("renewals");
}

TEST(GeneratedReportGoldenTest, ReconcileLedger) {
    ExpectGoldenFiles("reconcile-ledger");
}

TEST(GeneratedReportGoldenTest, ReconcileInventory) {
    ExpectGoldenFiles("reconcile-inventory");
}

TEST(GeneratedReportGoldenTest, VendorSpend) {
    ExpectGoldenFiles("vendor-spend");
}

TEST(GeneratedReportGoldenTest, Depreciation) {
    ExpectGoldenFiles("depreciation");
}

TEST(GeneratedReportGoldenTest, DepreciationSchedule) {
    ExpectGoldenFiles("depreciation-schedule");
}

TEST(GeneratedReportGoldenTest, Tco) {
    ExpectGoldenFiles("tco");
}

TEST(GeneratedReportGoldenTest, TcoServices) {
    ExpectGoldenFiles("tco-services");
}

TEST(GeneratedReportGoldenTest, UnitCost) {
    ExpectGoldenFiles("unit-cost");
}

TEST(GeneratedReportGoldenTest, Forecast) {
    ExpectGoldenFiles("forecast");
}

TEST(GeneratedReportGoldenTest, Anomalies) {
    ExpectGoldenFiles("anomalies");
}

TEST(GeneratedReportGoldenTest, Budget) {
    ExpectGoldenFiles("budget");
}

TEST(GeneratedReportGoldenTest, Commitments) {
    ExpectGoldenFiles("commitments");
}

TEST(GeneratedReportGoldenTest, Kpis) {
    ExpectGoldenFiles("kpis");
}

TEST(GeneratedReportGoldenTest, Maturity) {
    ExpectGoldenFiles("maturity");
}

TEST(GeneratedReportGoldenTest, Policy) {
    ExpectGoldenFiles("policy");
}

// TCO ties out: for each month, the applications plus '(unassigned)' are all cost in the model, each source
// summed here on its own: the bill (amortized), depreciation (the ground truth's), the contracts the bill does
// not show (straight line by month, each month its share of the running total) and the ledger's labor (the
// accounts no other source mirrors). The explain of an application adds up to its row. (CSV has no totals row.)
// The statements add the license contracts' month (the contracts holding entitlements: the EA, Oracle, Red Hat,
// Atlassian) to the bill's amortized cost, and explain of a cost center still adds up to its statement row.
TEST(GeneratedTcoCliTest, StatementsCarryTheLicenseContractsMonth) {
    const fs::path workspace = testing::LoadedWorkspace();
    const ProcessResult showback =
        Crosswalk({"report", "showback", "-w", workspace.string(), "--period", "2026-02", "--format", "csv"});
    ASSERT_EQ(showback.exit_code, 0) << showback.err;
    testing::TempDir directory;
    const fs::path csv = directory / "showback.csv";
    testing::WriteFile(csv, showback.out);
    EXPECT_EQ(testing::CrosswalkSql(workspace, fmt::format(R"(
WITH terms AS (SELECT total_value AS v, datediff('month', start_date, end_date + 1) AS n,
                      datediff('month', start_date, DATE '2026-02-01') + 1 AS k
               FROM contract WHERE contract_id IN (SELECT contract_id FROM entitlement)),
licenses AS (SELECT sum(money_div(v * k, n, 2) - money_div(v * (k - 1), n, 2)) AS v FROM terms WHERE k BETWEEN 1 AND n),
bill AS (SELECT sum(EffectiveCost) AS v FROM cost_line WHERE strftime(ChargePeriodStart, '%Y-%m') = '2026-02')
SELECT (SELECT sum(total_effective::DECIMAL(38,10)) FROM read_csv('{}', all_varchar = true))
     = (SELECT v FROM bill) + (SELECT v FROM licenses) AS ties)",
                                                           csv.string())),
              "ties\ntrue\n");
    const ProcessResult explain = Crosswalk(
        {"explain", "cost-center", "CC-5200", "-w", workspace.string(), "--period", "2026-02", "--format", "csv"});
    ASSERT_EQ(explain.exit_code, 0) << explain.err;
    EXPECT_NE(explain.out.find(",license contracts,"), std::string::npos) << explain.out;
    const fs::path explained = directory / "explain.csv";
    testing::WriteFile(explained, explain.out);
    EXPECT_EQ(testing::CrosswalkSql(workspace, fmt::format("SELECT (SELECT sum(effective_cost::DECIMAL(38,10)) FROM "
                                                           "read_csv('{}', all_varchar = true)) = (SELECT "
                                                           "sum(total_effective::DECIMAL(38,10)) FROM read_csv('{}', "
                                                           "all_varchar = true) WHERE cost_center = 'CC-5200') AS same",
                                                           explained.string(), csv.string())),
              "same\ntrue\n");
}

// The migration view: FINREP's server moved to an AWS VM, BYOL: depreciation and support end, the SQL Server
// licenses counted on 8 vCPUs (8 of today's 24, at today's cost per license: 13608.57 x 8 / 24 = 4536.19) and the
// VM's month (the bill's m6i.2xlarge VMs that show no license at all: a BYOL VM is priced as plain Linux); the rows
// before add up to FINREP's TCO. WEB runs on no on-premises host.
TEST(GeneratedTcoCliTest, MigratingAnApplicationsHostsRunsThroughItsTco) {
    const fs::path workspace = testing::LoadedWorkspace();
    const ProcessResult view = Crosswalk({"what-if", "migrate-application", "APP-FINREP", "--to", "AWS:m6i.2xlarge",
                                          "--license", "byol", "-w", workspace.string(), "--format", "csv"});
    ASSERT_EQ(view.exit_code, 0) << view.err;
    EXPECT_NE(view.out.find("\nSRV-00006,100.0,412.00,725.63,13608.57,14746.200000,185.40,4536.19,4721.590000,"
                            "-10024.61,USD,"),
              std::string::npos)
        << view.out;
    const ProcessResult tco =
        Crosswalk({"report", "tco", "-w", workspace.string(), "--application", "APP-FINREP", "--format", "csv"});
    ASSERT_EQ(tco.exit_code, 0) << tco.err;
    testing::TempDir directory;
    testing::WriteFile(directory / "view.csv", view.out);
    testing::WriteFile(directory / "tco.csv", tco.out);
    EXPECT_EQ(testing::CrosswalkSql(workspace, "SELECT (SELECT sum(before::DECIMAL(38,10)) FROM read_csv('" +
                                                   (directory / "view.csv").string() +
                                                   "', all_varchar = true)) = (SELECT total::DECIMAL(38,10) FROM "
                                                   "read_csv('" +
                                                   (directory / "tco.csv").string() +
                                                   "', all_varchar = true)) AS same"),
              "same\ntrue\n");
    const ProcessResult cloud_only = Crosswalk({"what-if", "migrate-application", "APP-WEB", "--to", "AWS:m6i.2xlarge",
                                                "--license", "byol", "-w", workspace.string()});
    EXPECT_EQ(cloud_only.exit_code, 1);
    EXPECT_NE(cloud_only.err.find("APP-WEB runs on no on-premises host"), std::string::npos) << cloud_only.err;
    const ProcessResult unknown_type = Crosswalk({"what-if", "migrate-application", "APP-FINREP", "--to",
                                                  "AWS:m9z.huge", "--license", "byol", "-w", workspace.string()});
    EXPECT_EQ(unknown_type.exit_code, 1);
    EXPECT_EQ(unknown_type.err,
              "crosswalk: error: no AWS bill line shows instance type 'm9z.huge' with its vCPUs; give --vcpus N\n");
}

TEST(GeneratedTcoCliTest, TotalsTieToAllCostEveryMonth) {
    const fs::path workspace = testing::LoadedWorkspace();
    testing::TempDir directory;
    for (const std::string month : {"2026-01", "2026-02"}) {
        const ProcessResult tco =
            Crosswalk({"report", "tco", "-w", workspace.string(), "--period", month, "--format", "csv"});
        ASSERT_EQ(tco.exit_code, 0) << tco.err;
        const fs::path csv = directory / ("tco-" + month + ".csv");
        testing::WriteFile(csv, tco.out);
        const std::string tie =
            testing::CrosswalkSql(workspace, fmt::format(R"(
WITH m AS (SELECT DATE '{0}-01' AS p0),
bill AS (SELECT sum(EffectiveCost) AS v FROM cost_line, m WHERE date_trunc('month', ChargePeriodStart) = m.p0),
dep AS (SELECT sum(d.amount::DECIMAL(38,2)) AS v FROM (SELECT unnest(ledger.depreciation_by_month) AS d
        FROM read_json('{1}')) WHERE d.month = '{0}'),
terms AS (SELECT total_value AS v, datediff('month', start_date, end_date + 1) AS n,
                 datediff('month', start_date, m.p0) + 1 AS k
          FROM contract, m WHERE cloud_provider IS NULL AND contract_id NOT IN
              (SELECT CommitmentDiscountId FROM cost_line WHERE CommitmentDiscountId IS NOT NULL)),
contracts AS (SELECT sum(money_div(v * k, n, 2) - money_div(v * (k - 1), n, 2)) AS v FROM terms WHERE k BETWEEN 1 AND n),
labor AS (SELECT sum(amount) AS v FROM ledger_line, m WHERE posting_period = m.p0 AND account IN ('6100', '6150')),
tco AS (SELECT sum(total::DECIMAL(38,10)) AS v FROM read_csv('{2}', all_varchar = true))
SELECT (SELECT v FROM tco) = (SELECT v FROM bill) + (SELECT v FROM dep) + (SELECT v FROM contracts)
           + (SELECT v FROM labor) AS ties,
       (SELECT v FROM tco) AS tco, (SELECT v FROM bill) AS bill, (SELECT v FROM dep) AS depreciation,
       (SELECT v FROM contracts) AS contracts, (SELECT v FROM labor) AS labor)",
                                                         month, (workspace / "expected.json").string(), csv.string()));
        EXPECT_TRUE(tie.starts_with("ties,tco,bill,depreciation,contracts,labor\ntrue,")) << month << ":\n" << tie;
    }
    const ProcessResult erp =
        Crosswalk({"report", "tco-explain", "-w", workspace.string(), "--application", "APP-ERP", "--format", "csv"});
    ASSERT_EQ(erp.exit_code, 0) << erp.err;
    const ProcessResult row =
        Crosswalk({"report", "tco", "-w", workspace.string(), "--application", "APP-ERP", "--format", "csv"});
    ASSERT_EQ(row.exit_code, 0) << row.err;
    const fs::path explain_csv = directory / "explain.csv";
    const fs::path row_csv = directory / "row.csv";
    testing::WriteFile(explain_csv, erp.out);
    testing::WriteFile(row_csv, row.out);
    EXPECT_EQ(testing::CrosswalkSql(
                  workspace, "SELECT (SELECT sum(amount::DECIMAL(38,10)) FROM read_csv('" + explain_csv.string() +
                                 "', all_varchar = true)) = (SELECT "
                                 "total FROM read_csv('" +
                                 row_csv.string() + "', all_varchar = true) WHERE application = 'APP-ERP') AS same"),
              "same\ntrue\n");
    const ProcessResult unknown = Crosswalk({"report", "tco", "-w", workspace.string(), "--application", "APP-NOPE"});
    EXPECT_EQ(unknown.exit_code, 1);
    EXPECT_NE(unknown.err.find("APP-NOPE"), std::string::npos) << unknown.err;
    const ProcessResult both =
        Crosswalk({"report", "tco", "-w", workspace.string(), "--period", "2026-02", "--year", "2026"});
    EXPECT_EQ(both.exit_code, 1);
    EXPECT_EQ(both.err, "crosswalk: error: TCO takes --period YYYY-MM or --year YYYY, not both\n");
    const ProcessResult outside = Crosswalk({"report", "tco", "-w", workspace.string(), "--period", "2030-01"});
    EXPECT_EQ(outside.exit_code, 1);
    EXPECT_EQ(outside.err, "crosswalk: error: no cost lines are loaded for 2030-01: TCO covers the months the bill "
                           "covers (2026-01 to 2026-02)\n");
}

// Every reharvest candidate of the ground truth (a retired server, an idle installation) is a finding of its
// kind with the installation's owner, and the shortfalls are the position's exposure; --idle-days and
// --product narrow the findings.
TEST(GeneratedLicenseCliTest, FindingsHoldTheGroundTruthsReharvestCandidatesAndShortfalls) {
    const fs::path workspace = testing::LoadedWorkspace();
    const std::string truth = testing::CrosswalkSql(
        workspace, "SELECT unnest(p.reharvest_candidates) AS installation_id FROM (SELECT unnest(licenses.products) "
                   "AS p FROM read_json('" +
                       (workspace / "expected.json").string() + "')) ORDER BY 1");
    const ProcessResult findings =
        Crosswalk({"report", "license-findings", "-w", workspace.string(), "--format", "csv"});
    ASSERT_EQ(findings.exit_code, 0) << findings.err;
    testing::TempDir directory;
    const fs::path csv = directory / "findings.csv";
    testing::WriteFile(csv, findings.out);
    const std::string ours = testing::CrosswalkSql(
        workspace, "SELECT installation_id FROM read_csv('" + csv.string() +
                       "') WHERE kind IN ('retired_host', 'idle') AND owner IS NOT NULL ORDER BY 1");
    EXPECT_EQ(ours, truth);
    const std::string exposure = testing::CrosswalkSql(
        workspace, "SELECT p.product, p.exposure FROM (SELECT unnest(licenses.products) AS p FROM read_json('" +
                       (workspace / "expected.json").string() + "')) WHERE p.exposure <> '0.00' ORDER BY 1");
    const std::string shortfalls =
        testing::CrosswalkSql(workspace, "SELECT product, amount AS exposure FROM read_csv('" + csv.string() +
                                             "', types = {'amount': 'VARCHAR'}) WHERE kind = 'shortfall' ORDER BY 1");
    EXPECT_EQ(shortfalls, exposure);
    const ProcessResult narrow = Crosswalk({"report", "license-findings", "-w", workspace.string(), "--format", "csv",
                                            "--product", "SQL Server Standard", "--idle-days", "5000"});
    ASSERT_EQ(narrow.exit_code, 0) << narrow.err;
    EXPECT_EQ(narrow.out.find("idle"), std::string::npos) << narrow.out;
    EXPECT_EQ(narrow.out.find("SQL Server Enterprise"), std::string::npos) << narrow.out;
    const ProcessResult misplaced =
        Crosswalk({"report", "license-position", "-w", workspace.string(), "--idle-days", "30"});
    EXPECT_EQ(misplaced.exit_code, 1);
    EXPECT_EQ(misplaced.err,
              "crosswalk: error: report license-position does not take --idle-days; it takes --product, --as-of\n");
}

// The demo's ledger: the lag detected is the generator's (expected.json), and every cloud invoice ties to its
// ledger line of the generated amount in the generated posting period.
TEST(GeneratedLedgerCliTest, LagIsTheGeneratedOneAndEveryInvoiceTies) {
    const fs::path workspace = testing::LoadedWorkspace();
    const std::string expected = (workspace / "expected.json").string();
    const std::string lag = testing::CrosswalkSql(
        workspace, "SELECT ledger.cloud_invoice_lag_months AS lag FROM read_json('" + expected + "')");
    testing::TempDir directory;
    std::string ours;
    for (const std::string& period : {std::string("2026-01"), std::string("2026-02")}) {
        const ProcessResult report = Crosswalk(
            {"report", "reconcile-ledger", "-w", workspace.string(), "--period", period, "--format", "table"});
        ASSERT_EQ(report.exit_code, 0) << report.err;
        EXPECT_NE(report.out.find("lag " + lag.substr(lag.find('\n') + 1, 1) + " month"), std::string::npos)
            << report.out;
        const ProcessResult csv =
            Crosswalk({"report", "reconcile-ledger", "-w", workspace.string(), "--period", period, "--format", "csv"});
        ASSERT_EQ(csv.exit_code, 0) << csv.err;
        const fs::path file = directory / (period + ".csv");
        testing::WriteFile(file, csv.out);
        ours += testing::CrosswalkSql(
            workspace, "SELECT invoice_id, billing_period, ledger_period, ledgered, status "
                       "FROM read_csv('" +
                           file.string() +
                           "', all_varchar = true) WHERE billed::DECIMAL(38,10) <> 0 ORDER BY invoice_id");
    }
    const std::string truth =
        testing::CrosswalkSql(workspace, "SELECT i.invoice_id, i.usage_month AS billing_period, i.posting_period AS "
                                         "ledger_period, i.amount AS ledgered, 'matched' AS status FROM (SELECT "
                                         "unnest(ledger.cloud_invoices) AS i FROM read_json('" +
                                             expected + "')) WHERE i.usage_month = '2026-01' ORDER BY 1") +
        testing::CrosswalkSql(workspace, "SELECT i.invoice_id, i.usage_month AS billing_period, i.posting_period AS "
                                         "ledger_period, i.amount AS ledgered, 'matched' AS status FROM (SELECT "
                                         "unnest(ledger.cloud_invoices) AS i FROM read_json('" +
                                             expected + "')) WHERE i.usage_month = '2026-02' ORDER BY 1");
    EXPECT_EQ(ours, truth);
}

// The demo's inventory in January: the stale CIs are the generator's planted ones (expected.json), the retired
// server with software on it is found, nothing is in dispute or duplicated, and every resource billed in the
// month is either matched or without a CI.
TEST(GeneratedInventoryCliTest, FindsThePlantedMismatchesAndNothingElse) {
    const fs::path workspace = testing::LoadedWorkspace();
    const ProcessResult report = Crosswalk(
        {"report", "reconcile-inventory", "-w", workspace.string(), "--as-of", "2026-01-31", "--format", "csv"});
    ASSERT_EQ(report.exit_code, 0) << report.err;
    testing::TempDir directory;
    const fs::path csv = directory / "inventory.csv";
    testing::WriteFile(csv, report.out);
    const std::string read = "read_csv('" + csv.string() + "', all_varchar = true)";
    EXPECT_EQ(testing::CrosswalkSql(workspace, "SELECT ci_id FROM " + read + " WHERE finding = 'stale_ci' ORDER BY 1"),
              testing::CrosswalkSql(workspace, "SELECT unnest(inventory.stale_cis) AS ci_id FROM read_json('" +
                                                   (workspace / "expected.json").string() + "') ORDER BY 1"));
    EXPECT_EQ(testing::CrosswalkSql(workspace, "SELECT finding, asset_tag FROM " + read +
                                                   " WHERE finding NOT IN ('matched', 'no_ci', 'stale_ci') ORDER BY 1"),
              "finding,asset_tag\nretired_with_installations,SRV-00007\n");
    EXPECT_EQ(
        testing::CrosswalkSql(workspace, "SELECT count(*) AS resources FROM " + read +
                                             " WHERE resource_id IS NOT NULL AND finding IN ('matched', 'no_ci')"),
        testing::CrosswalkSql(workspace, "SELECT count(DISTINCT ResourceId) AS resources FROM cost_line WHERE "
                                         "ChargePeriodStart < '2026-02-01' AND ResourceId IS DISTINCT FROM "
                                         "CommitmentDiscountId"));
}

// The demo's depreciation by month is the generator's (expected.json) and the ledger's depreciation postings
// (account 6810) month by month; one asset's schedule, the fiscal year and the errors.
TEST(GeneratedDepreciationCliTest, MonthsTieToTheGroundTruthAndTheLedger) {
    const fs::path workspace = testing::LoadedWorkspace();
    const ProcessResult schedule =
        Crosswalk({"report", "depreciation-schedule", "-w", workspace.string(), "--format", "csv"});
    ASSERT_EQ(schedule.exit_code, 0) << schedule.err;
    testing::TempDir directory;
    const fs::path csv = directory / "schedule.csv";
    testing::WriteFile(csv, schedule.out);
    const std::string ours =
        testing::CrosswalkSql(workspace, "SELECT period AS month, depreciation AS amount FROM read_csv('" +
                                             csv.string() + "', all_varchar = true) WHERE kind = 'booked' ORDER BY 1");
    const std::string truth = testing::CrosswalkSql(
        workspace, "SELECT d.month, d.amount FROM (SELECT unnest(ledger.depreciation_by_month) AS d FROM read_json('" +
                       (workspace / "expected.json").string() + "')) ORDER BY 1");
    EXPECT_EQ(ours, truth);
    const std::string ledger = testing::CrosswalkSql(
        workspace, "SELECT strftime(posting_period, '%Y-%m') AS month, sum(amount)::DECIMAL(38,2)::VARCHAR AS amount "
                   "FROM ledger_line WHERE account = '6810' GROUP BY 1 ORDER BY 1");
    EXPECT_EQ(ledger, truth);

    const ProcessResult one = Crosswalk({"report", "depreciation-schedule", "-w", workspace.string(), "--asset",
                                         "SRV-00001", "--fiscal-year-start", "7", "--format", "csv"});
    ASSERT_EQ(one.exit_code, 0) << one.err;
    EXPECT_NE(one.out.find("\n2024-02,FY2024,booked,1,307.50,307.50,18142.50,USD\n"), std::string::npos) << one.out;
    EXPECT_NE(one.out.find("\n2024-07,FY2025,booked,1,307.50,"), std::string::npos) << one.out;
    EXPECT_NE(one.out.find("\n2029-01,FY2029,forecast,1,307.50,18450.00,0.00,USD\n"), std::string::npos) << one.out;
    const ProcessResult missing =
        Crosswalk({"report", "depreciation", "-w", workspace.string(), "--asset", "VM-00001"});
    EXPECT_EQ(missing.exit_code, 1);
    EXPECT_NE(missing.err.find("asset 'VM-00001' is not depreciable"), std::string::npos) << missing.err;
    const ProcessResult misplaced =
        Crosswalk({"report", "depreciation", "-w", workspace.string(), "--period", "2026-01"});
    EXPECT_EQ(misplaced.exit_code, 1);
    EXPECT_EQ(misplaced.err, "crosswalk: error: report depreciation does not take --period; it takes --asset, --as-of, "
                             "--fiscal-year-start, --convention\n");
}

// The demo's license position equals the generator's ground truth (expected.json: entitled, required and exposure
// per product, read with DuckDB's JSON reader), and `explain license` adds up to the position's required count.
TEST(GeneratedLicenseCliTest, PositionEqualsTheGroundTruthAndExplainAddsUp) {
    const fs::path workspace = testing::LoadedWorkspace();
    const std::string truth = testing::CrosswalkSql(
        workspace, "SELECT p.product, p.entitled, p.required, p.exposure FROM (SELECT unnest(licenses.products) AS p "
                   "FROM read_json('" +
                       (workspace / "expected.json").string() + "')) ORDER BY 1");
    const ProcessResult position =
        Crosswalk({"report", "license-position", "-w", workspace.string(), "--format", "csv"});
    ASSERT_EQ(position.exit_code, 0) << position.err;
    testing::TempDir directory;
    const fs::path csv = directory / "license-position.csv";
    testing::WriteFile(csv, position.out);
    const std::string ours = testing::CrosswalkSql(
        workspace, "SELECT product, entitled::BIGINT AS entitled, required::BIGINT AS required, exposure FROM "
                   "read_csv('" +
                       csv.string() + "', types = {'exposure': 'VARCHAR'}) ORDER BY 1");
    EXPECT_EQ(ours.substr(ours.find('\n')), truth.substr(truth.find('\n')));
    const ProcessResult explain =
        Crosswalk({"explain", "license", "SQL Server Enterprise", "-w", workspace.string(), "--format", "table"});
    ASSERT_EQ(explain.exit_code, 0) << explain.err;
    EXPECT_NE(explain.out.find(" BYOL "), std::string::npos);
    EXPECT_NE(explain.out.find("\ntotal "), std::string::npos) << explain.out;
    EXPECT_NE(explain.out.find("licensing.yaml:"), std::string::npos);
    const ProcessResult wrong =
        Crosswalk({"report", "license-position", "-w", workspace.string(), "--period", "2026-01"});
    EXPECT_EQ(wrong.exit_code, 1);
    EXPECT_EQ(wrong.err,
              "crosswalk: error: report license-position does not take --period; it takes --product, --as-of\n");
}

// what-if resize on the demo: the AWS VM with SQL Server BYOL (2 vCPUs, so the 4-core minimum) and Windows
// license-included, resized to 8 vCPUs: 4 more SQL Server licenses, 4 more short at 7,128.00, and a compute
// line four times the price.
TEST(GeneratedLicenseCliTest, WhatIfResizeCountsTheNewSizeAndScalesTheHourlyCost) {
    const fs::path workspace = testing::LoadedWorkspace();
    const ProcessResult resize = Crosswalk(
        {"what-if", "resize", "i-071d524d2bbb12dd5", "--vcpus", "8", "-w", workspace.string(), "--format", "csv"});
    ASSERT_EQ(resize.exit_code, 0) << resize.err;
    EXPECT_NE(resize.out.find("\nSQL Server Enterprise,BYOL,BYOL,2,8,4,8,4,6,10,28512.00,,,,USD,\n"), std::string::npos)
        << resize.out;
    EXPECT_NE(resize.out.find("\nWindows Server Datacenter,included,included,2,8,,,,0,0,0.00,,,,USD,\n"),
              std::string::npos)
        << resize.out;
    EXPECT_NE(resize.out.find("\"(cloud cost, 2026-02)\",,,2,8,"), std::string::npos) << resize.out;
    // The SQL Server server SRV-00006 (24 cores) moved to an 8-vCPU AWS VM with its own license: 8 licenses
    // instead of 24, and the shortfall of 6 is gone.
    const ProcessResult migrate = Crosswalk({"what-if", "migrate", "SRV-00006", "--to", "AWS:m6i.2xlarge", "--license",
                                             "byol", "-w", workspace.string(), "--format", "csv"});
    ASSERT_EQ(migrate.exit_code, 0) << migrate.err;
    EXPECT_NE(migrate.out.find("\nSQL Server Enterprise,on-premises,BYOL,,8,24,8,-16,6,0,-42768.00,,,,USD,\n"),
              std::string::npos)
        << migrate.out;
    EXPECT_NE(migrate.out.find("AWS VMs of m6i.2xlarge billed without the license in 2026-02"), std::string::npos)
        << migrate.out;
    const ProcessResult unknown =
        Crosswalk({"what-if", "resize", "i-nothing", "--vcpus", "8", "-w", workspace.string()});
    EXPECT_EQ(unknown.exit_code, 1);
    EXPECT_EQ(unknown.err, "crosswalk: error: no bill line names resource 'i-nothing' (as its ResourceId, "
                           "ResourceName or the end of its id)\n");
}

// The demo's Datadog credits (seed 001): paid up front in January, drawn down monthly. Charged back, each month
// spreads that month's usage on the amortized basis (the purchase on the billed basis, in January), all of it
// shared (by the monitoring step, then on with the platforms' shares), and
// `report prepaid` shows the draws to date against the straight line (2 of 12 months in February).
TEST(GeneratedPrepaidCliTest, SaasCreditsAreShownBackByMonthlyUsageAndAgainstTheirStraightLine) {
    const fs::path workspace = testing::LoadedWorkspace();
    for (const std::string month : {"2026-01", "2026-02"}) {
        const std::string lines = testing::CrosswalkSql(
            workspace, "SELECT sum(BilledCost)::DECIMAL(38,2) AS billed, sum(EffectiveCost)::DECIMAL(38,2) AS "
                       "effective FROM cost_line WHERE ProviderName = 'Datadog' AND strftime(ChargePeriodStart, "
                       "'%Y-%m') = '" +
                           month + "'");
        const std::string shares = testing::CrosswalkSql(
            workspace, "SELECT sum(billed_cost)::DECIMAL(38,2) AS billed, sum(effective_cost)::DECIMAL(38,2) AS "
                       "effective FROM allocation_result WHERE ProviderName = 'Datadog' AND period = '" +
                           month + "' AND shared_from IS NOT NULL");
        EXPECT_EQ(shares, lines) << month;
    }
    const ProcessResult prepaid =
        Crosswalk({"report", "prepaid", "-w", workspace.string(), "--period", "2026-02", "--format", "csv"});
    ASSERT_EQ(prepaid.exit_code, 0) << prepaid.err;
    const std::string drawn = testing::CrosswalkSql(
        workspace, "SELECT sum(EffectiveCost)::DECIMAL(38,2) FROM cost_line WHERE CommitmentDiscountId = "
                   "'CTR-DDOG-2026' AND ChargeCategory = 'Usage' AND ChargePeriodStart < '2026-03-01'");
    const std::string drawn_to_date = drawn.substr(drawn.find('\n') + 1, drawn.size() - drawn.find('\n') - 2);
    EXPECT_NE(prepaid.out.find("CTR-DDOG-2026,Datadog Pro (prepaid annual credits),Datadog,2026-01-01,2026-12-31,"
                               "2 of 12 months,120000.00,120000.00,"),
              std::string::npos)
        << prepaid.out;
    EXPECT_NE(prepaid.out.find("," + drawn_to_date + ",20000.00,"), std::string::npos)
        << "drawn to date " << drawn_to_date << ", then the straight line: " << prepaid.out;
}

// The forecast as of a day inside the bill: that month is actual to date plus the rest forecast, and a known
// change in rules/budgets.yaml moves the months it names (and the bill's total by as much).
TEST(GeneratedForecastCliTest, AsOfADayAndAKnownChange) {
    testing::TempDir directory;
    const fs::path workspace = directory / "demo";
    testing::CopyFolder(testing::LoadedWorkspace(), workspace);
    const auto forecast = [&](const std::string& name) {
        const ProcessResult result = Crosswalk({"report", "forecast", "-w", workspace.string(), "--as-of", "2026-02-14",
                                                "--horizon", "2", "--format", "csv"});
        EXPECT_EQ(result.exit_code, 0) << result.err;
        const fs::path csv = directory / name;
        testing::WriteFile(csv, result.out);
        return "read_csv('" + csv.string() + "', all_varchar = true)";
    };
    const std::string before = forecast("before.csv");
    EXPECT_EQ(testing::CrosswalkSql(
                  workspace, "SELECT kind, actual::DECIMAL(38,10) = (SELECT sum(EffectiveCost) FROM cost_line WHERE "
                             "ChargePeriodStart >= DATE '2026-02-01' AND ChargePeriodStart < DATE '2026-02-15') AS "
                             "to_date, forecast::DECIMAL(38,2) > actual::DECIMAL(38,2) AS more FROM " +
                                 before + " WHERE series = '(all)' AND period = '2026-02'"),
              "kind,to_date,more\nto date + forecast,true,true\n");

    testing::WriteFile(workspace / "rules" / "budgets.yaml", "forecast_changes:\n"
                                                             "  - by: provider\n"
                                                             "    series: AWS\n"
                                                             "    from: 2026-03\n"
                                                             "    until: 2026-03\n"
                                                             "    percent: -50\n"
                                                             "    reason: reserved instances bought\n");
    const std::string after = forecast("after.csv");
    // Half of AWS's March goes; the total moves by as much (each rounded to the cent on its own).
    EXPECT_EQ(testing::CrosswalkSql(workspace, fmt::format(R"(
WITH moved AS (
    SELECT a.series, a.period, b.forecast::DECIMAL(18,2) - a.forecast::DECIMAL(18,2) AS moved, a.change,
           b.forecast::DECIMAL(18,2) AS before
    FROM {} AS a JOIN {} AS b USING (series, period)
    WHERE a.forecast IS DISTINCT FROM b.forecast AND a.series IN ('AWS', '(all)'))
SELECT series, period, change,
       abs(moved - (SELECT any_value(before) FROM moved WHERE series = 'AWS') * 0.5) <= 0.01 AS half_of_aws
FROM moved ORDER BY series DESC)",
                                                           after, before)),
              "series,period,change,half_of_aws\n"
              "AWS,2026-03,budgets.yaml:2,true\n"
              "(all),2026-03,known changes of its series,true\n");
}

} // namespace
} // namespace crosswalk
