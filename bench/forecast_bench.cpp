// Forecasts and anomaly detection on many daily series, against the aggregate they cannot avoid, in the same
// DuckDB file and run:
//   crosswalk_forecast_bench SERIES DAYS [LINES_PER_SERIES_DAY]
// Writes SERIES x DAYS x LINES cost lines (one account per series, so the series are the accounts; a level per
// series, a weekly pattern, noise; every 100th series with a three-day spike at 3x), then times:
//   aggregate   the daily cost per series and day, read into C++ (plain SQL: what any daily model must read);
//   forecast    report::ForecastReport by account, three months ahead, with every series back-tested;
//   anomalies   report::AnomaliesReport per service and account (spikes, level shifts, trends, drivers);
// and checks that the planted spikes are found. It prints one line; bench/forecast.sh runs the series.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sys/resource.h>
#include <unistd.h>

#include <fmt/format.h>

#include "crosswalk/model/migrator.hpp"
#include "crosswalk/report/reports.hpp"
#include "crosswalk/store/database.hpp"

namespace {

using namespace crosswalk;

double Seconds(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s SERIES DAYS [LINES_PER_SERIES_DAY]\n", argv[0]);
        return 2;
    }
    const int64_t series = std::atoll(argv[1]);
    const int64_t days = std::atoll(argv[2]);
    const int64_t lines = argc > 3 ? std::atoll(argv[3]) : 1;
    try {
        // A database file, as a workspace has: DuckDB keeps what does not fit its buffers on disk.
        const std::filesystem::path file =
            std::filesystem::temp_directory_path() / fmt::format("crosswalk-forecast-bench-{}.duckdb", getpid());
        std::filesystem::remove(file);
        store::Database database = store::Database::Open(file);
        store::Connection connection(database);
        (void)model::Migrate(connection);
        connection.Execute(fmt::format(R"sql(
INSERT INTO source_file (id, kind, path, content_sha256, size_bytes, format)
VALUES (1, 'focus', 'bench.csv', repeat('0', 64), 0, 'csv');
INSERT INTO cost_line (source_file_id, source_row, ProviderName, BillingAccountId, SubAccountId, ResourceId,
                       ServiceName, ChargeCategory, ChargeFrequency, BilledCost, EffectiveCost, BillingCurrency,
                       ChargePeriodStart, ChargePeriodEnd)
SELECT 1, row_number() OVER (), 'AWS', '100000000000', 'sub-' || s, 'res-' || s || '-' || l, 'Amazon EC2',
       'Usage', 'Usage-Based', cost, cost, 'USD', TIMESTAMP '2025-01-01' + INTERVAL (d) DAY,
       TIMESTAMP '2025-01-02' + INTERVAL (d) DAY
FROM (
    SELECT s, d, l,
           CAST((10 + s % 90) * (1 + 0.1 * (d % 7 = 5 OR d % 7 = 6)::INT) * (0.95 + 0.1 * ((s * 31 + d * 17) % 11) / 10.0)
                * CASE WHEN s % 100 = 0 AND d BETWEEN {spike} AND {spike} + 2 THEN 3 ELSE 1 END / {lines}
                AS DECIMAL(18, 6)) AS cost
    FROM range({series}) AS a(s), range({days}) AS b(d), range({lines}) AS c(l));
)sql",
                                       fmt::arg("series", series), fmt::arg("days", days), fmt::arg("lines", lines),
                                       fmt::arg("spike", days - 40)));
        const int64_t rows = connection.Query("SELECT count(*) FROM cost_line").ScalarInt64().value_or(0);

        auto start = std::chrono::steady_clock::now();
        int64_t points = 0;
        store::Result aggregate = connection.Query(
            "SELECT SubAccountId, CAST(ChargePeriodStart AS DATE) AS day, sum(EffectiveCost) FROM cost_line_enriched "
            "GROUP BY ALL ORDER BY ALL");
        while (std::optional<store::DataChunk> chunk = aggregate.NextChunk()) {
            points += static_cast<int64_t>(chunk->Size());
        }
        const double aggregate_time = Seconds(start);

        start = std::chrono::steady_clock::now();
        report::ForecastOptions forecast;
        forecast.by = "account";
        const report::ReportTable forecasts = report::ForecastReport(connection, forecast);
        const double forecast_time = Seconds(start);

        start = std::chrono::steady_clock::now();
        const report::ReportTable anomalies = report::AnomaliesReport(connection, report::AnomalyOptions{});
        const double anomaly_time = Seconds(start);
        int64_t spikes = 0;
        for (const report::ReportRow& row : anomalies.rows) {
            spikes += row[0] == "spike" ? 1 : 0;
        }

        rusage usage{};
        getrusage(RUSAGE_SELF, &usage);
        std::printf("series %lld, days %lld, rows %lld (%lld points): aggregate %.2f s, forecast %.2f s (%zu rows), "
                    "anomalies %.2f s (%lld spikes, %lld planted), peak RSS %ld MB\n",
                    static_cast<long long>(series), static_cast<long long>(days), static_cast<long long>(rows),
                    static_cast<long long>(points), aggregate_time, forecast_time, forecasts.rows.size(), anomaly_time,
                    static_cast<long long>(spikes), static_cast<long long>((series + 99) / 100),
                    usage.ru_maxrss / 1024);
        std::filesystem::remove(file);
        std::filesystem::remove(file.string() + ".wal");
        return 0;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "error: %s\n", error.what());
        return 1;
    }
}
