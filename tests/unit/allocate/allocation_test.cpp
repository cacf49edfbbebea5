// The allocate stage on a real workspace database: each method splits exactly (largest remainder in cents,
// ties to the smaller target, sub-cent digits to the largest share), a driver file weighs per month and a month
// without rows is left and reported, bad driver rows and unknown targets are refused naming the file and line,
// a later step spreads an earlier one's result, effective dates leave other months as they were, and for random
// pools, targets and weights every method conserves the pool, is deterministic and moves no target more than
// one cent from its exact share.
#include <map>
#include <random>

#include <gtest/gtest.h>

#include "crosswalk/allocate/allocation.hpp"
#include "crosswalk/common/decimal.hpp"
#include "crosswalk/common/error.hpp"
#include "crosswalk/enrich/enrichment.hpp"
#include "crosswalk/report/reports.hpp"
#include "crosswalk/store/prepared_statement.hpp"
#include "crosswalk/workspace/workspace.hpp"

#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace crosswalk::allocate {
namespace {

using crosswalk::testing::TempDir;

constexpr std::string_view kTags = "keys:\n  application:\n    aliases: [app]\n";

class AllocationTest : public ::testing::Test {
protected:
    void SetUp() override {
        (void)workspace::InitWorkspace(directory_.Path());
        workspace_ = std::make_unique<workspace::Workspace>(workspace::Workspace::Open(directory_.Path()));
        connection_ = std::make_unique<store::Connection>(workspace_->Connect());
        rules_.tags = rules::ParseTagRules("rules/tags.yaml", kTags);
        connection_->Execute(R"sql(
            INSERT INTO ci (ci_id, class, name, owner, cost_center_id) VALUES
                ('APP-A', 'application', 'A', 'a@x', 'CC-A'), ('APP-B', 'application', 'B', 'b@x', 'CC-B'),
                ('APP-C', 'application', 'C', 'c@x', 'CC-C'), ('APP-K8S', 'application', 'K8s', 'k@x', 'CC-P');
            INSERT INTO cost_center (cost_center_id, business_unit_id, owner) VALUES
                ('CC-A', 'BU-1', 'Ann'), ('CC-B', 'BU-1', 'Bob'), ('CC-C', 'BU-2', 'Cy'), ('CC-P', 'BU-2', 'Pat');
            INSERT INTO source_file (id, kind, path, content_sha256, size_bytes, format)
            VALUES (1, 'focus', 'bill.csv', repeat('a', 64), 1, 'csv');
        )sql");
    }

    // One cost line of `application` ("" for untagged) in `month` (YYYY-MM).
    void Line(const std::string& application, const std::string& month, const std::string& billed,
              const std::string& effective, const std::string& provider = "AWS") {
        connection_
            ->Prepare("INSERT INTO cost_line (source_file_id, source_row, ProviderName, BillingCurrency, "
                      "ChargePeriodStart, ChargeCategory, ServiceCategory, ServiceName, Tags, BilledCost, "
                      "EffectiveCost) VALUES ($7, $1, $2, 'USD', ($3 || '-01')::TIMESTAMP, 'Usage', 'Compute', "
                      "'Amazon Elastic Compute Cloud', CASE WHEN $4 = '' THEN NULL ELSE json_object('app', $4) "
                      "END, $5::DECIMAL(38,18), $6::DECIMAL(38,18))")
            .Execute(++rows_, provider, month, application, billed, effective, file_);
    }

    void Rules(const std::string& text) {
        rules_.allocation = rules::ParseAllocationRules("rules/allocation.yaml", text);
    }

    AllocationSummary Run() {
        rules_.sha256 = fmt::format("{:064}", ++runs_);
        store::Transaction transaction(*connection_);
        (void)enrich::Enrich(transaction, rules_);
        AllocationSummary summary = Allocate(transaction, rules_, directory_.Path(), runs_);
        transaction.Commit();
        return summary;
    }

    // What `step` of the latest run gave (its shares, which have a weight) each value of `dimension`, on the amortized
    // (or billed) basis.
    std::map<std::string, Decimal> Shares(int step, const std::string& dimension = "application", bool billed = false) {
        std::map<std::string, Decimal> shares;
        for (const auto& row :
             connection_
                 ->Query(fmt::format("SELECT coalesce({0}, '(none)'), CAST(sum({1}) AS VARCHAR) "
                                     "FROM allocation_line WHERE run_id = {2} AND step = {3} AND "
                                     "weight IS NOT NULL GROUP BY 1",
                                     dimension, billed ? "billed_cost" : "effective_cost", runs_, step))
                 .TextRows()) {
            shares.emplace(*row[0], Decimal::Parse(*row[1]));
        }
        return shares;
    }

    // Where the amortized cost is after the latest run, per application ("(none)" for none).
    std::map<std::string, Decimal> Final(const std::string& month = "") {
        std::map<std::string, Decimal> out;
        for (const auto& row :
             connection_
                 ->Query(fmt::format("SELECT coalesce(application, '(none)'), CAST(sum(effective_cost) AS VARCHAR) "
                                     "FROM allocation_result {} GROUP BY 1",
                                     month.empty() ? "" : "WHERE period = '" + month + "'"))
                 .TextRows()) {
            out.emplace(*row[0], Decimal::Parse(*row[1]));
        }
        return out;
    }

    std::string Write(const std::string& name, const std::string& text) {
        crosswalk::testing::WriteFile(directory_.Path() / name, text);
        return name;
    }

    std::string ErrorOfRun() {
        try {
            (void)Run();
        } catch (const Error& error) {
            return error.what();
        }
        ADD_FAILURE() << "the run did not fail";
        return "";
    }

    TempDir directory_;
    std::unique_ptr<workspace::Workspace> workspace_;
    std::unique_ptr<store::Connection> connection_;
    rules::RuleSet rules_;
    int64_t rows_ = 0;
    int64_t runs_ = 0;
    int64_t file_ = 1; // the FOCUS file new lines belong to (enrichment reads the keys of files it has not seen)
};

Decimal D(std::string_view text) {
    return Decimal::Parse(text);
}

TEST_F(AllocationTest, EvenSplitsInCentsWithTiesToTheSmallerTarget) {
    Line("APP-K8S", "2026-01", "100", "100");
    Rules("steps:\n  - {name: even, pool: {application: APP-K8S}, to: application, method: even, targets: [APP-C, "
          "APP-B, APP-A]}\n");
    const AllocationSummary summary = Run();
    EXPECT_EQ(summary.pools, 1);
    EXPECT_EQ(Shares(1),
              (std::map<std::string, Decimal>{{"APP-A", D("33.34")}, {"APP-B", D("33.33")}, {"APP-C", D("33.33")}}));
    // A share carries its target's cost center, business unit and owner.
    EXPECT_EQ(Shares(1, "cost_center").at("CC-A"), D("33.34"));
    EXPECT_EQ(Shares(1, "business_unit").at("BU-1"), D("66.67"));
    EXPECT_EQ(Final(),
              (std::map<std::string, Decimal>{{"APP-A", D("33.34")}, {"APP-B", D("33.33")}, {"APP-C", D("33.33")}}));
}

TEST_F(AllocationTest, DigitsBelowTheCentGoToTheLargestShareSoThePoolAddsUpExactly) {
    Line("APP-K8S", "2026-01", "10.004", "7.0000001");
    Rules("steps:\n  - {name: f, pool: {application: APP-K8S}, to: application, method: fixed, weights: {APP-A: 50, "
          "APP-B: 30, APP-C: 20}}\n");
    (void)Run();
    EXPECT_EQ(Shares(1, "application", true),
              (std::map<std::string, Decimal>{{"APP-A", D("5.004")}, {"APP-B", D("3.00")}, {"APP-C", D("2.00")}}));
    EXPECT_EQ(Shares(1),
              (std::map<std::string, Decimal>{{"APP-A", D("3.5000001")}, {"APP-B", D("2.10")}, {"APP-C", D("1.40")}}));
}

TEST_F(AllocationTest, ADriverFileWeighsPerMonthAndAMonthWithoutRowsIsLeftAndReported) {
    Line("APP-K8S", "2026-01", "90", "90");
    Line("APP-K8S", "2026-02", "50", "50");
    Write("drivers/cpu.csv", "day,app,cpu\n2026-01-01,APP-A,10\n2026-01-02,APP-A,10\n2026-01-01,APP-B,40\n"
                             "2026-01-03,APP-C,0\n");
    Rules("steps:\n  - name: k8s\n    pool: {application: APP-K8S}\n    to: application\n    method: driver\n    "
          "driver: {file: drivers/cpu.csv, date: day, target: app, quantity: cpu}\n");
    const AllocationSummary summary = Run();
    EXPECT_EQ(Shares(1), (std::map<std::string, Decimal>{{"APP-A", D("30")}, {"APP-B", D("60")}}));
    EXPECT_EQ(summary.pools_left, 1);
    ASSERT_EQ(summary.warnings.size(), 1U);
    EXPECT_EQ(summary.warnings[0], "step 'k8s' (allocation.yaml:2) left 1 pool where it was in 2026-02: "
                                   "drivers/cpu.csv has no rows with a quantity > 0 for those months");
    EXPECT_EQ(Final("2026-02"), (std::map<std::string, Decimal>{{"APP-K8S", D("50")}}));
    EXPECT_EQ(connection_->Query("SELECT status FROM allocation_pool WHERE period = '2026-02'").ScalarString(),
              "no_weights");
    EXPECT_EQ(connection_->Query("SELECT length(driver_sha256) FROM allocation_step").ScalarInt64(), 64);
}

TEST_F(AllocationTest, BadDriverRowsAndUnknownTargetsAreRefusedNamingTheFileAndLine) {
    Line("APP-K8S", "2026-01", "90", "90");
    const std::string rules = "steps:\n  - name: k8s\n    pool: {application: APP-K8S}\n    to: application\n    "
                              "method: driver\n    driver: {file: drivers/cpu.csv, target: app, quantity: cpu}\n";
    Rules(rules);
    EXPECT_EQ(ErrorOfRun(), "rules/allocation.yaml:6:13: step 'k8s': the driver file drivers/cpu.csv does not exist");
    Write("drivers/cpu.csv", "date,app,cpu\n2026-01-01,APP-A,10\n2026-01-02,APP-A,ten\n");
    EXPECT_EQ(ErrorOfRun(), "drivers/cpu.csv:3:cpu: 'ten' is not a quantity (a number >= 0, e.g. 12.5)");
    Write("drivers/cpu.csv", "date,app,cpu\n2026-01-01,APP-A,10\n2026-1-2,APP-A,1\n");
    EXPECT_EQ(ErrorOfRun(), "drivers/cpu.csv:3:date: '2026-1-2' is not a day (YYYY-MM-DD) or a month (YYYY-MM)");
    Write("drivers/cpu.csv", "date,app,cpu\n2026-01-01,APP-A,10\n2026-01,APP-ZZZ,1\n");
    EXPECT_EQ(ErrorOfRun(), "drivers/cpu.csv:3:app: unknown application 'APP-ZZZ' (step 'k8s', allocation.yaml:2: "
                            "the CMDB, the org file and the enriched cost know no such application)");
    Write("drivers/cpu.csv", "date,app,cpu\n2026-01-01,APP-A,10\n2026-01-02,APP-A,10,extra\n");
    EXPECT_EQ(ErrorOfRun(), "drivers/cpu.csv:3: cannot be read as CSV: the row has 4 fields, the header has 3");
    Write("drivers/cpu.csv", "");
    EXPECT_EQ(ErrorOfRun(), "drivers/cpu.csv:1: the driver file is empty: it needs a header row");
    Write("drivers/cpu.csv", "date,application,cpu\n2026-01-01,APP-A,10\n");
    EXPECT_EQ(ErrorOfRun(), "drivers/cpu.csv:1:app: the driver file has no column 'app' (step 'k8s', "
                            "allocation.yaml:2); its columns are date, application, cpu");
    Rules("steps:\n  - {name: f, to: cost_center, method: fixed, weights: {CC-A: 50, CC-Q: 50}}\n");
    EXPECT_EQ(ErrorOfRun(), "rules/allocation.yaml:2:67: step 'f': unknown cost_center 'CC-Q' (did you mean "
                            "'CC-A'?) (the CMDB, the org file and the enriched cost know no such cost_center)");
    // A failed run wrote nothing.
    EXPECT_EQ(connection_->Query("SELECT count(*) FROM allocation_line").ScalarInt64(), 0);
}

TEST_F(AllocationTest, ADriverFileFromExcelReadsTheSame) {
    Line("APP-K8S", "2026-01", "90", "90");
    Write("drivers/cpu.csv",
          "\xef\xbb\xbf\"date\",\"app\",\"cpu\"\r\n2026-01-01,\"APP-A\", 10 \r\n2026-01-01,APP-B,20\r\n\r\n");
    Rules("steps:\n  - name: k8s\n    pool: {application: APP-K8S}\n    to: application\n    method: driver\n    "
          "driver: {file: drivers/cpu.csv, target: app, quantity: cpu}\n");
    (void)Run();
    EXPECT_EQ(Shares(1), (std::map<std::string, Decimal>{{"APP-A", D("30")}, {"APP-B", D("60")}}));
}

TEST_F(AllocationTest, AProportionalStepDoesNotWeighThePoolsOwnCost) {
    Line("APP-A", "2026-01", "100", "100", "Datadog"); // the fee sits on APP-A
    Line("APP-A", "2026-01", "10", "10");
    Line("APP-B", "2026-01", "30", "30");
    Rules("steps:\n  - {name: fee, pool: {ProviderName: Datadog}, to: application, method: proportional}\n");
    (void)Run();
    EXPECT_EQ(Shares(1), (std::map<std::string, Decimal>{{"APP-A", D("25")}, {"APP-B", D("75")}}));
}

TEST_F(AllocationTest, AStepWhosePoolSelectsNothingIsReported) {
    Line("APP-A", "2026-01", "10", "10");
    Rules("steps:\n  - {name: typo, pool: {ProviderName: DataDog}, to: application, method: proportional}\n");
    const AllocationSummary summary = Run();
    ASSERT_EQ(summary.warnings.size(), 1U);
    EXPECT_EQ(summary.warnings[0], "step 'typo' (allocation.yaml:2) selected no cost in any month: check its pool");
}

TEST_F(AllocationTest, ALaterStepSpreadsAnEarlierOnesResult) {
    Line("", "2026-01", "12", "12");
    Line("APP-K8S", "2026-01", "30", "30");
    Line("APP-A", "2026-01", "10", "10");
    Line("", "2026-01", "8", "8", "Datadog");
    Rules(R"(steps:
  - {name: untagged, pool: {application: null, ProviderName: AWS}, to: application, method: fixed, weights: {APP-K8S: 100}}
  - {name: platform, pool: {application: APP-K8S}, to: application, method: fixed, weights: {APP-A: 25, APP-B: 75}}
  - {name: monitoring, pool: {ProviderName: Datadog}, to: application, method: proportional, proportional_to: platform}
)");
    (void)Run();
    EXPECT_EQ(Shares(1), (std::map<std::string, Decimal>{{"APP-K8S", D("12")}}));
    EXPECT_EQ(Shares(2), (std::map<std::string, Decimal>{{"APP-A", D("10.50")}, {"APP-B", D("31.50")}}));
    EXPECT_EQ(Shares(3), (std::map<std::string, Decimal>{{"APP-A", D("2")}, {"APP-B", D("6")}}));
    // Nothing is left on the platform; A keeps its direct 10.
    EXPECT_EQ(Final(), (std::map<std::string, Decimal>{{"APP-A", D("22.50")}, {"APP-B", D("37.50")}}));
}

TEST_F(AllocationTest, ProportionalWeighsByDirectCostAndLeavesOutTargetsThePoolSelects) {
    Line("", "2026-01", "10", "10");
    Line("APP-A", "2026-01", "30", "30");
    Line("APP-B", "2026-01", "10", "10");
    Line("APP-C", "2026-01", "-5", "-5"); // a credit: no weight
    Rules("steps:\n  - {name: untagged, pool: {application: null}, to: application, method: proportional}\n");
    (void)Run();
    EXPECT_EQ(Shares(1), (std::map<std::string, Decimal>{{"APP-A", D("7.50")}, {"APP-B", D("2.50")}}));
}

TEST_F(AllocationTest, EffectiveDatesLeaveTheOtherMonthsAsTheyWere) {
    Line("APP-K8S", "2026-01", "10", "10");
    Line("APP-K8S", "2026-02", "10", "10");
    Line("APP-K8S", "2026-03", "10", "10");
    Rules(R"(steps:
  - {name: old, pool: {application: APP-K8S}, to: application, method: even, targets: [APP-A], until: 2026-01}
  - {name: new, pool: {application: APP-K8S}, to: application, method: even, targets: [APP-B], from: 2026-03}
)");
    (void)Run();
    EXPECT_EQ(Final("2026-01"), (std::map<std::string, Decimal>{{"APP-A", D("10")}}));
    EXPECT_EQ(Final("2026-02"), (std::map<std::string, Decimal>{{"APP-K8S", D("10")}}));
    EXPECT_EQ(Final("2026-03"), (std::map<std::string, Decimal>{{"APP-B", D("10")}}));
}

TEST_F(AllocationTest, CurrenciesAreSplitApartAndTheLedgerEqualsTheCostLines) {
    Line("APP-K8S", "2026-01", "10.01", "10.01");
    connection_->Execute("UPDATE cost_line SET BillingCurrency = 'JPY', BilledCost = 1001, EffectiveCost = 1001");
    Line("APP-K8S", "2026-01", "10.01", "10.01");
    Rules("steps:\n  - {name: even, pool: {application: APP-K8S}, to: application, method: even, targets: [APP-A, "
          "APP-B]}\n");
    const AllocationSummary summary = Run();
    EXPECT_EQ(summary.pools, 2);
    const auto rows = connection_
                          ->Query("SELECT currency, application, CAST(effective_cost AS DECIMAL(18,2))::VARCHAR FROM "
                                  "allocation_line WHERE step = 1 AND shared_from IS NOT NULL ORDER BY 1, 2")
                          .TextRows();
    ASSERT_EQ(rows.size(), 4U);
    EXPECT_EQ(*rows[0][2], "501.00"); // JPY has no minor unit: whole yen
    EXPECT_EQ(*rows[1][2], "500.00");
    EXPECT_EQ(*rows[2][2], "5.01");
    EXPECT_EQ(*rows[3][2], "5.00");
    ASSERT_EQ(summary.currencies.size(), 2U);
    EXPECT_EQ(summary.currencies[0].currency, "JPY");
    EXPECT_EQ(D(summary.currencies[1].effective_shared), D("10.01"));
}

// `diff` of two runs: what moved per cost center and application, and why (a driver file changed, a rule
// changed, direct cost changed); nothing when nothing changed.
TEST_F(AllocationTest, DiffSaysWhatMovedAndWhy) {
    Line("APP-K8S", "2026-01", "90", "90");
    Write("drivers/cpu.csv", "date,app,cpu\n2026-01-01,APP-A,10\n2026-01-01,APP-B,40\n");
    const std::string driver = "steps:\n  - name: k8s\n    pool: {application: APP-K8S}\n    to: application\n    "
                               "method: driver\n    driver: {file: drivers/cpu.csv, target: app, quantity: cpu}\n";
    Rules(driver);
    (void)Run();
    (void)Run();
    const auto diff = [&] {
        std::vector<std::string> lines;
        const report::ReportTable table = report::DiffReport(*connection_, {});
        for (const report::ReportRow& row : table.rows) {
            lines.push_back(fmt::format("{} {} {} -> {} ({}): {}", row[1].value_or("-"), row[2].value_or("-"), *row[3],
                                        *row[4], *row[5], *row[8]));
        }
        return lines;
    };
    EXPECT_TRUE(diff().empty()); // the same inputs: nothing moved
    Write("drivers/cpu.csv", "date,app,cpu\n2026-01-01,APP-A,40\n2026-01-01,APP-B,10\n");
    (void)Run();
    EXPECT_EQ(diff(), (std::vector<std::string>{
                          "CC-A APP-A 18.00 -> 72.00 (54.00): k8s +54.00 (driver file drivers/cpu.csv changed)",
                          "CC-B APP-B 72.00 -> 18.00 (-54.00): k8s -54.00 (driver file drivers/cpu.csv changed)"}));
    Rules("steps:\n  - {name: k8s, pool: {application: APP-K8S}, to: application, method: even, targets: [APP-A, "
          "APP-B]}\n");
    connection_->Execute("INSERT INTO source_file (id, kind, path, content_sha256, size_bytes, format) VALUES (2, "
                         "'focus', 'bill-2.csv', repeat('b', 64), 1, 'csv')");
    file_ = 2;
    Line("APP-C", "2026-01", "5", "5");
    (void)Run();
    EXPECT_EQ(diff(), (std::vector<std::string>{
                          "CC-A APP-A 72.00 -> 45.00 (-27.00): k8s -27.00 (rule changed, allocation.yaml:2)",
                          "CC-B APP-B 18.00 -> 45.00 (27.00): k8s +27.00 (rule changed, allocation.yaml:2)",
                          "CC-C APP-C 0.00 -> 5.00 (5.00): direct cost +5.00 (the rules changed: tags, names, "
                          "accounts or precedence put cost elsewhere)"}));
    // Only the weights change, on the same line with the same method: still the rule, not the pool.
    Rules("steps:\n  - {name: k8s, pool: {application: APP-K8S}, to: application, method: fixed, weights: {APP-A: "
          "50, APP-B: 50}}\n");
    (void)Run();
    Rules("steps:\n  - {name: k8s, pool: {application: APP-K8S}, to: application, method: fixed, weights: {APP-A: "
          "60, APP-B: 40}}\n");
    (void)Run();
    EXPECT_EQ(diff(), (std::vector<std::string>{
                          "CC-A APP-A 45.00 -> 54.00 (9.00): k8s +9.00 (rule changed, allocation.yaml:2)",
                          "CC-B APP-B 45.00 -> 36.00 (-9.00): k8s -9.00 (rule changed, allocation.yaml:2)"}));
    try {
        (void)report::DiffReport(*connection_, {1, 99});
        ADD_FAILURE() << "accepted a run without an allocation";
    } catch (const Error& error) {
        EXPECT_STREQ(error.what(), "run 99 made no allocation; the runs that did: 1, 2, 3, 4, 5, 6");
    }
}

// Direct cost is summed once per file (cost_line_sum): a run sums the files it has not seen, reuses the others,
// and sums a file again when a restatement took lines of it; each time the result is what summing every line
// gives, and new rules reach the reused sums (the dimensions are joined on at each run).
TEST_F(AllocationTest, DirectCostIsSummedOncePerFileAndAgainAfterARestatement) {
    Rules("steps: []\n");
    Line("APP-A", "2026-01", "10", "10");
    Line("APP-B", "2026-01", "20", "20");
    AllocationSummary first = Run();
    EXPECT_EQ(first.files_summed, 1);
    EXPECT_EQ(first.files_unchanged, 0);
    connection_->Execute("INSERT INTO source_file (id, kind, path, content_sha256, size_bytes, format) VALUES (2, "
                         "'focus', 'bill-2.csv', repeat('b', 64), 1, 'csv')");
    file_ = 2;
    Line("APP-C", "2026-01", "5", "5");
    AllocationSummary second = Run();
    EXPECT_EQ(second.files_summed, 1);
    EXPECT_EQ(second.files_unchanged, 1);
    EXPECT_EQ(Final(),
              (std::map<std::string, Decimal>{
                  {"APP-A", Decimal::Parse("10")}, {"APP-B", Decimal::Parse("20")}, {"APP-C", Decimal(5, 0)}}));
    // A restatement took APP-B's line out of file 1: file 1 is summed again, file 2 reused.
    connection_->Execute("DELETE FROM cost_line WHERE source_file_id = 1 AND Tags::VARCHAR LIKE '%APP-B%'");
    AllocationSummary third = Run();
    EXPECT_EQ(third.files_summed, 1);
    EXPECT_EQ(third.files_unchanged, 1);
    EXPECT_EQ(Final(), (std::map<std::string, Decimal>{{"APP-A", Decimal(10, 0)}, {"APP-C", Decimal(5, 0)}}));
    // A rule change moves reused sums too: a step spreading APP-C over A.
    Rules("steps:\n  - {name: c, pool: {application: APP-C}, to: application, method: even, targets: [APP-A]}\n");
    AllocationSummary fourth = Run();
    EXPECT_EQ(fourth.files_summed, 0);
    EXPECT_EQ(Final(), (std::map<std::string, Decimal>{{"APP-A", Decimal(15, 0)}}));
    EXPECT_EQ(connection_->Query("SELECT sum(cost_lines) FROM cost_line_sum").ScalarInt64(), 2);
}

// For random pools (cent amounts, credits, amounts smaller than a cent per target), targets (one, several,
// zero weights) and each method: the shares add up to the pool exactly, the same inputs give the same shares,
// and no target is a cent or more from its exact share pool * weight / total.
TEST_F(AllocationTest, RandomPoolsAreConservedDeterministicAndWithinACentOfTheExactShare) {
    std::mt19937_64 random(20261202);
    const std::vector<std::string> applications = {"APP-A", "APP-B", "APP-C"};
    for (int trial = 0; trial < 24; ++trial) {
        connection_->Execute("DELETE FROM cost_line");
        const int lines = 1 + static_cast<int>(random() % 4);
        for (int i = 0; i < lines; ++i) {
            const int64_t cents = static_cast<int64_t>(random() % 200001) - 20000 + (trial % 4 == 0 ? -180000 : 0);
            const std::string amount = Decimal(trial % 3 == 0 ? cents % 3 : cents, 2).ToString();
            Line("APP-K8S", "2026-01", amount, amount);
        }
        const size_t targets = 1 + random() % applications.size();
        std::vector<int64_t> weights;
        std::string rules;
        const int method = trial % 3;
        if (method == 0) {
            rules = "method: even, targets: [";
            for (size_t t = 0; t < targets; ++t) {
                rules += (t ? ", " : "") + applications[t];
                weights.push_back(1);
            }
            rules += "]";
        } else if (method == 1) {
            int64_t left = 100;
            rules = "method: fixed, weights: {";
            for (size_t t = 0; t < targets; ++t) {
                const int64_t weight = t + 1 == targets ? left : static_cast<int64_t>(random() % (left + 1));
                left -= weight;
                weights.push_back(weight);
                rules += fmt::format("{}{}: {}", t ? ", " : "", applications[t], weight);
            }
            rules += "}";
        } else {
            std::string csv = "date,app,q\n";
            for (size_t t = 0; t < targets; ++t) {
                const int64_t weight = static_cast<int64_t>(random() % 4) * static_cast<int64_t>(random() % 1000);
                weights.push_back(weight);
                csv += fmt::format("2026-01-0{},{},{}\n", t + 1, applications[t], Decimal(weight, 3).ToString());
            }
            if (std::all_of(weights.begin(), weights.end(), [](int64_t w) { return w == 0; })) {
                weights[0] = 7;
                csv += fmt::format("2026-01-09,{},0.007\n", applications[0]);
            }
            Write("drivers/q.csv", csv);
            rules = "method: driver, driver: {file: drivers/q.csv, target: app, quantity: q}";
        }
        Rules("steps:\n  - {name: s, pool: {application: APP-K8S}, to: application, " + rules + "}\n");
        (void)Run();
        const std::map<std::string, Decimal> first = Shares(1);
        (void)Run();
        EXPECT_EQ(Shares(1), first) << "trial " << trial << ": not deterministic";
        const Decimal pool = Decimal::Parse(
            *connection_->Query("SELECT CAST(sum(EffectiveCost) AS VARCHAR) FROM cost_line").ScalarString());
        Int128 total_weight = 0;
        for (const int64_t weight : weights) {
            total_weight += weight;
        }
        Decimal sum(0, 2);
        const Int128 pool_cents = pool.Rescaled(2).Unscaled();
        for (size_t t = 0; t < weights.size(); ++t) {
            const auto found = first.find(applications[t]);
            const Int128 part_cents = found == first.end() ? 0 : found->second.Rescaled(2).Unscaled();
            if (found != first.end()) {
                sum = sum + found->second;
            }
            if (weights[t] == 0) {
                EXPECT_EQ(part_cents, 0) << "trial " << trial << ": a zero weight got cost";
            }
            const Int128 off = part_cents * total_weight - pool_cents * weights[t];
            EXPECT_LT(off < 0 ? -off : off, total_weight) << "trial " << trial << ", " << applications[t];
        }
        EXPECT_EQ(sum, pool) << "trial " << trial << ": the shares do not add up to the pool";
    }
}

} // namespace
} // namespace crosswalk::allocate
