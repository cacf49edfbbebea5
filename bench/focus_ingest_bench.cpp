// Whole-load benchmark of FOCUS ingestion against DuckDB's own reader, in one run on one machine:
//   crosswalk_focus_ingest_bench ROWS csv|parquet [WORK_DIR]
// 1. generates ROWS rows of FOCUS 1.2 (bench/focus_data_generator.cpp);
// 2. baseline: DuckDB read_csv / read_parquet of the file into a plain table of a fresh database file, with
//    the column types crosswalk stores (DECIMAL(38,18), TIMESTAMP), no checks;
// 3. crosswalk: `ingest focus` of the same file into a fresh workspace, every conformance check on;
// and prints both times, the ratio and the peak resident memory of the process.
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sys/resource.h>

#include <fmt/format.h>

#include "crosswalk/common/log.hpp"
#include "crosswalk/ingest/focus/focus_ingest.hpp"
#include "crosswalk/model/focus_columns.hpp"
#include "crosswalk/store/sql_quote.hpp"

#include "focus_data_generator.hpp"

namespace {

namespace fs = std::filesystem;
using crosswalk::bench::BenchFormat;

double Seconds(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

long PeakRssMegabytes() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

// The baseline's column list: the file's FOCUS columns with the types cost_line uses.
std::string BaselineColumns(crosswalk::store::Connection& connection, const std::string& relation) {
    crosswalk::store::PreparedStatement statement = connection.Prepare("SELECT * FROM " + relation);
    std::string columns;
    for (uint64_t i = 0; i < statement.ColumnCount(); ++i) {
        const std::string name = statement.ColumnName(i);
        const auto* focus = crosswalk::model::FindFocusColumn(name);
        const std::string type = focus != nullptr ? std::string(focus->sql_type) : "VARCHAR";
        columns += fmt::format("{}{}: {}", columns.empty() ? "" : ", ", crosswalk::store::QuoteLiteral(name),
                               crosswalk::store::QuoteLiteral(type));
    }
    return columns;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: crosswalk_focus_ingest_bench ROWS csv|parquet [WORK_DIR]\n";
        return 2;
    }
    crosswalk::SetLogVerbosity(0); // CROSSWALK_LOG_LEVEL=debug shows the time of each step
    const int64_t rows = std::atoll(argv[1]);
    const BenchFormat format = std::string(argv[2]) == "parquet" ? BenchFormat::kParquet : BenchFormat::kCsv;
    const fs::path work = argc > 3 ? fs::path(argv[3]) : fs::temp_directory_path() / "crosswalk-bench";
    fs::remove_all(work);
    fs::create_directories(work);
    const fs::path data = work / (format == BenchFormat::kCsv ? "focus.csv" : "focus.parquet");

    auto start = std::chrono::steady_clock::now();
    {
        const auto database = crosswalk::store::Database::OpenInMemory();
        crosswalk::store::Connection connection(database);
        crosswalk::bench::WriteFocusData(connection, data, rows, format);
    }
    const double generate = Seconds(start);
    const double megabytes = static_cast<double>(fs::file_size(data)) / 1e6;

    double baseline = 0;
    {
        const auto database = crosswalk::store::Database::Open(work / "baseline.duckdb");
        crosswalk::store::Connection connection(database);
        const std::string path = crosswalk::store::QuoteLiteral(data.string());
        std::string relation;
        if (format == BenchFormat::kCsv) {
            const std::string probe = "read_csv(" + path + ", header = true, all_varchar = true)";
            relation =
                fmt::format("read_csv({}, header = true, columns = {{{}}})", path, BaselineColumns(connection, probe));
        } else {
            relation = "read_parquet(" + path + ")";
        }
        start = std::chrono::steady_clock::now();
        connection.Execute("CREATE TABLE plain AS SELECT * FROM " + relation);
        baseline = Seconds(start);
    }

    crosswalk::workspace::InitWorkspace(work / "workspace");
    auto workspace = crosswalk::workspace::Workspace::Open(work / "workspace");
    start = std::chrono::steady_clock::now();
    const auto summary = crosswalk::ingest::IngestFocus(workspace, std::vector<std::string>{data.string()}, {}, {});
    const double ingest = Seconds(start);
    const auto totals = summary.Totals();

    std::cout << fmt::format(
        "rows {} ({:.0f} MB {}), generated in {:.1f} s\n"
        "duckdb {} into a plain table: {:.2f} s ({:.0f} rows/s)\n"
        "crosswalk ingest focus:          {:.2f} s ({:.0f} rows/s, {:.0f} MB/s); loaded {}, repaired {}, rejected {}\n"
        "ratio crosswalk / duckdb: {:.2f}; peak RSS {} MB\n",
        rows, megabytes, argv[2], generate, format == BenchFormat::kCsv ? "read_csv    " : "read_parquet", baseline,
        static_cast<double>(rows) / baseline, ingest, static_cast<double>(rows) / ingest, megabytes / ingest,
        totals.loaded, totals.repaired, totals.rejected, ingest / baseline, PeakRssMegabytes());
    fs::remove_all(work);
    return 0;
}
