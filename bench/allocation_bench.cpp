// Allocation and the chargeback statement, against hand-written SQL in the same in-memory DuckDB and run:
//   crosswalk_allocation_bench ROWS DISTINCT_RESOURCES [THREADS]
// Builds the bill of bench/enriched_bill.hpp, enriches it, then times:
//   allocate         the allocate stage through five steps: proportional (untagged cost by direct cost), driver
//                    (the platform application by a daily usage file), even (step-down: what the driver step
//                    gave app1, spread again), fixed (the network service to five cost centers), even (Athena
//                    to two cost centers): the first run, which sums every cost line into cost_line_sum, and
//                    the best of two reruns, which reuse the sums (a run after the rules changed, or after a
//                    new month's file: the month's lines only are summed);
//   statement        the chargeback statement of the month (report::StatementReport, read from the ledger);
//   by hand, direct  the best hand-written SQL for the same statement's columns over the enriched cost lines,
//                    direct cost only (what any statement over the rows must at least do, without allocating);
// and checks that the statement's totals equal the cost lines' totals exactly. It prints one line;
// bench/allocation.sh runs the series for the README.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/resource.h>

#include <fmt/format.h>

#include "crosswalk/allocate/allocation.hpp"
#include "crosswalk/enrich/enrichment.hpp"
#include "crosswalk/model/migrator.hpp"
#include "crosswalk/model/taxonomy_data.hpp"
#include "crosswalk/report/reports.hpp"
#include "crosswalk/store/database.hpp"
#include "crosswalk/store/transaction.hpp"

#include "enriched_bill.hpp"

namespace {

using namespace crosswalk;
namespace fs = std::filesystem;

double Seconds(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

constexpr const char* kAllocation = R"(steps:
  - {name: untagged, pool: {application: null}, to: application, method: proportional}
  - name: platform
    pool: {application: app0}
    to: application
    method: driver
    driver: {file: drivers/usage.csv, target: application, quantity: hours}
  - {name: step-down, pool: {application: app1}, to: application, method: even, targets: [app2, app3, app4, app5, app6]}
  - {name: network, pool: {ServiceName: Amazon Virtual Private Cloud}, to: cost_center, method: fixed,
     weights: {CC-0: 20, CC-1: 20, CC-2: 20, CC-3: 20, CC-4: 20}}
  - {name: athena, pool: {ServiceName: Amazon Athena}, to: cost_center, method: even, targets: [CC-0, CC-1]}
)";

// The same columns as the statement, direct cost only, straight from the enriched lines.
constexpr const char* kByHand = R"sql(
SELECT count(*)::VARCHAR || ' ' || sum(total_billed)::VARCHAR FROM (
    SELECT cost_center, application, ProviderName AS provider, ServiceName AS service,
           sum(ConsumedQuantity) AS usage_quantity, sum(BilledCost) AS direct_billed,
           sum(EffectiveCost) AS direct_effective,
           sum(EffectiveCost) FILTER (WHERE cost_pool = 'Software & SaaS') AS license,
           sum(EffectiveCost) FILTER (WHERE ServiceSubcategory = 'Support') AS support,
           sum(BilledCost) AS total_billed, sum(EffectiveCost) AS total_effective, BillingCurrency AS currency
    FROM cost_line_enriched
    WHERE ChargePeriodStart >= TIMESTAMP '2026-01-01' AND ChargePeriodStart < TIMESTAMP '2026-02-01'
    GROUP BY ALL))sql";

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s ROWS DISTINCT_RESOURCES [THREADS]\n", argv[0]);
        return 2;
    }
    const int64_t rows = std::atoll(argv[1]);
    const int64_t resources = std::atoll(argv[2]);
    try {
        const fs::path root = fs::temp_directory_path() / fmt::format("crosswalk-allocation-bench-{}", getpid());
        fs::create_directories(root / "drivers");
        {
            std::ofstream usage(root / "drivers" / "usage.csv");
            usage << "date,application,hours\n";
            for (int day = 1; day <= 31; ++day) {
                for (int app = 1; app < 40; ++app) {
                    usage << fmt::format("2026-01-{:02},app{},{}.{}\n", day, app, (app * 37 + day) % 90, app % 10);
                }
            }
        }
        store::Database database = store::Database::OpenInMemory();
        store::Connection connection(database);
        if (argc > 3) {
            connection.Execute(fmt::format("SET threads = {}", std::atoi(argv[3])));
        }
        (void)model::Migrate(connection);
        (void)model::LoadShippedTaxonomy(connection);
        bench::GenerateEnrichedBill(connection, rows, resources);
        rules::RuleSet rules = bench::BenchRules();
        rules.allocation = rules::ParseAllocationRules("rules/allocation.yaml", kAllocation);
        {
            store::Transaction transaction(connection);
            (void)enrich::Enrich(transaction, rules);
            transaction.Commit();
        }
        allocate::AllocationSummary summary;
        double first_time = 0;
        double rerun_time = 1e9;
        for (int64_t run = 1; run <= 3; ++run) {
            const auto start = std::chrono::steady_clock::now();
            store::Transaction transaction(connection);
            summary = allocate::Allocate(transaction, rules, root, run);
            transaction.Commit();
            if (run == 1) {
                first_time = Seconds(start);
            } else {
                rerun_time = std::min(rerun_time, Seconds(start));
            }
        }
        const int64_t positions = connection.Query("SELECT count(*) FROM allocation_line WHERE run_id = 3 AND step = 0")
                                      .ScalarInt64()
                                      .value_or(0);
        double statement_time = 1e9;
        double hand_time = 1e9;
        report::ReportTable statement;
        std::string by_hand;
        for (int i = 0; i < 2; ++i) {
            auto start = std::chrono::steady_clock::now();
            statement = report::StatementReport(connection,
                                                {report::StatementKind::kChargeback, report::Period::Parse("2026-01")});
            statement_time = std::min(statement_time, Seconds(start));
            start = std::chrono::steady_clock::now();
            by_hand = connection.Query(kByHand).ScalarString().value_or("");
            hand_time = std::min(hand_time, Seconds(start));
        }
        const std::string billed =
            connection.Query("SELECT sum(BilledCost)::VARCHAR FROM cost_line").ScalarString().value_or("");
        const std::string statement_billed = *statement.totals.at(0)[statement.ColumnIndex("total_billed")];
        const bool agree = Decimal::Parse(billed) == Decimal::Parse(statement_billed) &&
                           Decimal::Parse(billed) == Decimal::Parse(by_hand.substr(by_hand.find(' ') + 1));
        rusage usage{};
        getrusage(RUSAGE_SELF, &usage);
        std::printf("rows %lld, resources %lld: %lld positions, %lld pools over %lld steps; allocate first %.3f s, "
                    "rerun %.3f s; statement %.3f s (%zu rows), by hand (direct only) %.3f s, statement/hand %.2fx, "
                    "(rerun + statement)/hand %.2fx; peak RSS %ld MB; totals %s\n",
                    static_cast<long long>(rows), static_cast<long long>(resources), static_cast<long long>(positions),
                    static_cast<long long>(summary.pools), static_cast<long long>(summary.steps), first_time,
                    rerun_time, statement_time, statement.rows.size(), hand_time, statement_time / hand_time,
                    (rerun_time + statement_time) / hand_time, usage.ru_maxrss / 1024, agree ? "agree" : "DIFFER");
        fs::remove_all(root);
        return agree ? 0 : 1;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "error: %s\n", error.what());
        return 1;
    }
}
