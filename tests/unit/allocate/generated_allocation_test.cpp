// Allocation on the generated demo company (the generated_workspace fixture, after `crosswalk run` with the
// demo's rules/allocation.yaml): each month's chargeback totals equal its billed and amortized totals exactly,
// the shared Kubernetes cost lands on the applications in proportion to drivers/k8s-cpu-hours.csv (against a
// computation over the file here, independent of the SQL), the platforms hold nothing at the end, and no cost
// is left on no cost center; `explain` of every cost center adds up to its statement lines.
#include <fstream>
#include <map>
#include <sstream>

#include <gtest/gtest.h>

#include "crosswalk/common/decimal.hpp"
#include "crosswalk/common/money.hpp"
#include "crosswalk/report/reports.hpp"
#include "crosswalk/store/connection.hpp"
#include "crosswalk/workspace/workspace.hpp"

#include "support/generated_workspace.hpp"

namespace crosswalk::allocate {
namespace {

class GeneratedAllocationTest : public ::testing::Test {
protected:
    std::string Scalar(const std::string& sql) { return connection_.Query(sql).ScalarString().value_or("NULL"); }

    std::vector<std::string> Months() {
        std::vector<std::string> months;
        for (const auto& row : connection_
                                   .Query("SELECT DISTINCT strftime(ChargePeriodStart, '%Y-%m') FROM cost_line "
                                          "ORDER BY 1")
                                   .TextRows()) {
            months.push_back(*row[0]);
        }
        return months;
    }

    // Read-only: other test processes read the same fixture at the same time.
    workspace::Workspace workspace_ =
        workspace::Workspace::Open(crosswalk::testing::LoadedWorkspace(), workspace::AccessMode::kReadOnly);
    store::Connection connection_ = workspace_.Connect();
};

TEST_F(GeneratedAllocationTest, EachMonthsChargebackTotalIsItsBilledAndAmortizedTotalExactly) {
    const std::vector<std::string> months = Months();
    ASSERT_EQ(months.size(), 2U);
    for (const std::string& month : months) {
        for (const report::StatementKind kind :
             {report::StatementKind::kChargeback, report::StatementKind::kShowback}) {
            const report::ReportTable table =
                report::StatementReport(connection_, {kind, report::Period::Parse(month), false});
            ASSERT_EQ(table.totals.size(), 1U) << month;
            const report::ReportRow& total = table.totals[0];
            const std::string where = "WHERE strftime(ChargePeriodStart, '%Y-%m') = '" + month + "'";
            EXPECT_EQ(Decimal::Parse(*total[table.ColumnIndex("total_billed")]),
                      Decimal::Parse(Scalar("SELECT sum(BilledCost)::VARCHAR FROM cost_line " + where)))
                << month;
            EXPECT_EQ(Decimal::Parse(*total[table.ColumnIndex("total_effective")]),
                      Decimal::Parse(Scalar("SELECT sum(EffectiveCost)::VARCHAR FROM cost_line " + where)))
                << month;
            // The rows add up to the totals row.
            Decimal rows_effective(0, 0);
            for (const report::ReportRow& row : table.rows) {
                rows_effective = rows_effective + Decimal::Parse(*row[table.ColumnIndex("total_effective")]);
            }
            EXPECT_EQ(rows_effective, Decimal::Parse(*total[table.ColumnIndex("total_effective")])) << month;
        }
    }
}

TEST_F(GeneratedAllocationTest, KubernetesCostLandsInProportionToTheDriverFile) {
    // CPU-hours per month and application, summed here from the file.
    std::ifstream in(crosswalk::testing::LoadedWorkspace() / "drivers" / "k8s-cpu-hours.csv");
    std::string line;
    std::getline(in, line);
    ASSERT_EQ(line, "date,cluster,namespace,application_ci_id,cpu_hours");
    std::map<std::string, std::map<std::string, Decimal>> hours; // month -> application -> hours
    std::map<std::string, Decimal> month_hours;
    while (std::getline(in, line)) {
        std::vector<std::string> cells;
        std::stringstream fields(line);
        for (std::string cell; std::getline(fields, cell, ',');) {
            cells.push_back(cell);
        }
        ASSERT_EQ(cells.size(), 5U) << line;
        const std::string month = cells[0].substr(0, 7);
        const Decimal quantity = Decimal::Parse(cells[4]);
        auto [it, inserted] = hours[month].emplace(cells[3], quantity);
        if (!inserted) {
            it->second = it->second + quantity;
        }
        auto [total, first] = month_hours.emplace(month, quantity);
        if (!first) {
            total->second = total->second + quantity;
        }
    }
    const std::string step = Scalar("SELECT step::VARCHAR FROM allocation_step WHERE run_id = "
                                    "allocation_latest_run() AND name = 'kubernetes'");
    for (const std::string& month : Months()) {
        const Decimal pool = Decimal::Parse(Scalar("SELECT sum(effective_cost)::VARCHAR FROM allocation_pool WHERE "
                                                   "run_id = allocation_latest_run() AND step = " +
                                                   step + " AND period = '" + month + "'"));
        const int64_t pools = std::stoll(Scalar("SELECT count(*)::VARCHAR FROM allocation_pool WHERE run_id = "
                                                "allocation_latest_run() AND step = " +
                                                step + " AND period = '" + month + "'"));
        ASSERT_GT(pools, 0);
        const auto shares = connection_
                                .Query("SELECT application, sum(effective_cost)::VARCHAR FROM allocation_line WHERE "
                                       "run_id = allocation_latest_run() AND step = " +
                                       step + " AND weight IS NOT NULL AND period = '" + month + "' GROUP BY 1")
                                .TextRows();
        ASSERT_EQ(shares.size(), hours[month].size()) << month;
        for (const auto& row : shares) {
            const Decimal exact =
                money::Divide(money::Multiply(pool, hours[month].at(*row[0]), 18), month_hours.at(month), 12);
            const Decimal off = Decimal::Parse(*row[1]) + -exact;
            // One cent per pool at most (largest remainder), plus each pool's digits below the cent.
            const Decimal limit(pools * 15, 3);
            EXPECT_TRUE(off < limit && -off < limit)
                << month << " " << *row[0] << ": " << *row[1] << " against " << exact.ToString();
        }
    }
}

TEST_F(GeneratedAllocationTest, ExplainOfEveryCostCenterAddsUpToItsStatementLines) {
    const report::Period february = report::Period::Parse("2026-02");
    const report::ReportTable statement =
        report::StatementReport(connection_, {report::StatementKind::kShowback, february, false});
    std::map<std::string, Decimal> by_center;
    for (const report::ReportRow& row : statement.rows) {
        const std::string center = row[statement.ColumnIndex("cost_center")].value_or("");
        const Decimal total = Decimal::Parse(*row[statement.ColumnIndex("total_effective")]);
        auto [it, inserted] = by_center.emplace(center, total);
        if (!inserted) {
            it->second = it->second + total;
        }
    }
    ASSERT_GT(by_center.size(), 5U);
    for (const auto& [center, total] : by_center) {
        const report::ReportTable explained =
            report::ExplainReport(connection_, {"cost_center", center, february, false});
        ASSERT_EQ(explained.totals.size(), 1U) << center;
        EXPECT_EQ(Decimal::Parse(*explained.totals[0][explained.ColumnIndex("effective_cost")]), total) << center;
        Decimal rows(0, 0);
        for (const report::ReportRow& row : explained.rows) {
            rows = rows + Decimal::Parse(*row[explained.ColumnIndex("effective_cost")]);
            if (row[explained.ColumnIndex("step")] == "0") { // direct cost names its bill files and rows
                EXPECT_NE(row[explained.ColumnIndex("source")]->find("billing/"), std::string::npos) << center;
            } else {
                EXPECT_NE(row[explained.ColumnIndex("rule")]->find("allocation.yaml:"), std::string::npos) << center;
            }
        }
        EXPECT_EQ(rows, total) << center;
    }
}

TEST_F(GeneratedAllocationTest, ThePlatformsHoldNothingAndNoCostIsOnNoCostCenter) {
    EXPECT_EQ(Scalar("SELECT count(*)::VARCHAR FROM allocation_result WHERE application IN ('APP-K8S', 'APP-LAKE') "
                     "AND effective_cost <> 0"),
              "0");
    EXPECT_EQ(Scalar("SELECT count(*)::VARCHAR FROM allocation_result WHERE cost_center IS NULL"), "0");
    EXPECT_EQ(Scalar("SELECT count(*)::VARCHAR FROM allocation_pool WHERE run_id = allocation_latest_run() AND "
                     "status <> 'allocated'"),
              "0");
    // Every step of the file ran, in order, with its rule line.
    EXPECT_EQ(Scalar("SELECT string_agg(name || '@' || rule, ' ' ORDER BY step) FROM allocation_step WHERE run_id = "
                     "allocation_latest_run()"),
              "support@allocation.yaml:6 unused-commitments@allocation.yaml:12 untagged@allocation.yaml:19 "
              "monitoring@allocation.yaml:27 kubernetes@allocation.yaml:34 data-lake@allocation.yaml:41 "
              "monitoring-by-cpu@allocation.yaml:48");
}

} // namespace
} // namespace crosswalk::allocate
