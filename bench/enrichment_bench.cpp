// Enrichment against the hand-written join of the same dimension table, in one in-memory DuckDB and one run:
//   crosswalk_enrichment_bench ROWS DISTINCT_RESOURCES [THREADS]
// Builds the bill of bench/enriched_bill.hpp (ROWS cost lines over DISTINCT_RESOURCES resources), then times:
//   enrich (first)   crosswalk's enrich stage on a store that has never been enriched: the distinct keys are
//                    extracted from every row, then the rules run once per key;
//   enrich (again)   the stage after the rules changed and no file is new: only per-key work;
//   query, view      sum(BilledCost) by application, cost center and tower through cost_line_enriched;
//   query, by hand   the same sums through a hand-written join of cost_line with the same dimensions
//                    materialized as one table (what a SQL user would write against a dimension table).
// It checks that both queries agree to the last digit and prints one line. bench/enrichment.sh runs the series
// for the README.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <sys/resource.h>

#include <fmt/format.h>

#include "crosswalk/enrich/enrichment.hpp"
#include "crosswalk/model/migrator.hpp"
#include "crosswalk/model/taxonomy_data.hpp"
#include "crosswalk/rules/rule_set.hpp"
#include "crosswalk/store/connection.hpp"
#include "crosswalk/store/database.hpp"
#include "crosswalk/store/transaction.hpp"

#include "enriched_bill.hpp"

namespace {

using namespace crosswalk;

double Seconds(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

constexpr const char* kByView = R"sql(
SELECT count(*)::VARCHAR || ' ' || sum(s)::VARCHAR || ' ' || bit_xor(hash(application, cost_center, tower, s))::VARCHAR
FROM (SELECT application, cost_center, tower, sum(BilledCost) AS s FROM cost_line_enriched GROUP BY ALL))sql";

constexpr const char* kByHand = R"sql(
SELECT count(*)::VARCHAR || ' ' || sum(s)::VARCHAR || ' ' || bit_xor(hash(application, cost_center, tower, s))::VARCHAR
FROM (SELECT d.application, d.cost_center, d.tower, sum(c.BilledCost) AS s
      FROM cost_line c LEFT JOIN dimension_by_hand d
        ON d.ProviderName IS NOT DISTINCT FROM c.ProviderName AND d.BillingAccountId IS NOT DISTINCT FROM c.BillingAccountId
       AND d.SubAccountId IS NOT DISTINCT FROM c.SubAccountId AND d.ResourceId IS NOT DISTINCT FROM c.ResourceId
       AND d.ResourceName IS NOT DISTINCT FROM c.ResourceName AND d.Tags IS NOT DISTINCT FROM c.Tags::VARCHAR
       AND d.ServiceCategory IS NOT DISTINCT FROM c.ServiceCategory
       AND d.ServiceSubcategory IS NOT DISTINCT FROM c.ServiceSubcategory
       AND d.ServiceName IS NOT DISTINCT FROM c.ServiceName AND d.SkuId IS NOT DISTINCT FROM c.SkuId
       AND d.ResourceType IS NOT DISTINCT FROM c.ResourceType
      GROUP BY ALL))sql";

double Enrich(store::Connection& connection, const rules::RuleSet& rules, enrich::EnrichmentSummary& summary) {
    const auto start = std::chrono::steady_clock::now();
    store::Transaction transaction(connection);
    summary = enrich::Enrich(transaction, rules);
    transaction.Commit();
    return Seconds(start);
}

double Query(store::Connection& connection, const char* sql, std::string& result) {
    const auto start = std::chrono::steady_clock::now();
    result = connection.Query(sql).ScalarString().value_or("");
    return Seconds(start);
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s ROWS DISTINCT_RESOURCES [THREADS]\n", argv[0]);
        return 2;
    }
    const int64_t rows = std::atoll(argv[1]);
    const int64_t resources = std::atoll(argv[2]);
    try {
        store::Database database = store::Database::OpenInMemory();
        store::Connection connection(database);
        if (argc > 3) {
            connection.Execute(fmt::format("SET threads = {}", std::atoi(argv[3])));
        }
        (void)model::Migrate(connection);
        (void)model::LoadShippedTaxonomy(connection);
        bench::GenerateEnrichedBill(connection, rows, resources);

        rules::RuleSet rules = bench::BenchRules();
        enrich::EnrichmentSummary summary;
        const double first = Enrich(connection, rules, summary);
        rules.sha256 = std::string(64, 'b'); // a changed rule: the stage runs again, with no new file
        enrich::EnrichmentSummary again_summary;
        const double again = Enrich(connection, rules, again_summary);

        connection.Execute("CREATE TABLE dimension_by_hand AS SELECT * FROM cost_dimension");
        std::string by_view;
        std::string by_hand;
        // Each query twice, the better time kept: the first run of a query also warms DuckDB's caches.
        double view = Query(connection, kByView, by_view);
        double hand = Query(connection, kByHand, by_hand);
        view = std::min(view, Query(connection, kByView, by_view));
        hand = std::min(hand, Query(connection, kByHand, by_hand));

        rusage usage{};
        getrusage(RUSAGE_SELF, &usage);
        std::printf("rows %lld, keys %lld: enrich first %.3f s, enrich again %.3f s (keys added %lld); query via "
                    "view %.3f s, by hand %.3f s, view/hand %.2fx; (enrich again + view)/hand %.2fx; peak RSS %ld MB; "
                    "results %s\n",
                    static_cast<long long>(rows), static_cast<long long>(summary.keys), first, again,
                    static_cast<long long>(again_summary.keys_added), view, hand, view / hand, (again + view) / hand,
                    usage.ru_maxrss / 1024,
                    by_view == by_hand ? "agree" : ("DIFFER: " + by_view + " vs " + by_hand).c_str());
        return by_view == by_hand ? 0 : 1;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "error: %s\n", error.what());
        return 1;
    }
}
