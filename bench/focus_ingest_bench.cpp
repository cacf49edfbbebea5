// Whole-load benchmark of FOCUS ingestion against DuckDB's own reader on the same file:
//   crosswalk_focus_ingest_bench ROWS csv|parquet [WORK_DIR]   all three steps in one process (a quick look)
//   crosswalk_focus_ingest_bench generate ROWS csv|parquet FILE
//   crosswalk_focus_ingest_bench duckdb FILE WORK_DIR           the baseline alone
//   crosswalk_focus_ingest_bench crosswalk FILE WORK_DIR        the ingest alone
// The steps:
// 1. generate ROWS rows of FOCUS 1.2 (bench/focus_data_generator.cpp): text in CSV, typed columns in Parquet;
// 2. baseline: DuckDB's read_csv / read_parquet of the file into a plain table of a fresh database file, no
//    checks. CSV columns get the types crosswalk stores (DECIMAL(38,18), TIMESTAMP); Parquet keeps the file's
//    own types (CREATE TABLE AS SELECT * FROM read_parquet);
// 3. crosswalk: `ingest focus` of the same file into a fresh workspace, every conformance check on.
// Each step prints its time and the process's peak resident memory. bench/run.sh runs the steps as separate
// processes, several times, and reports the best.
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

BenchFormat FormatOf(const fs::path& file) {
    return file.extension() == ".parquet" ? BenchFormat::kParquet : BenchFormat::kCsv;
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

double Generate(const fs::path& data, int64_t rows, BenchFormat format) {
    const auto start = std::chrono::steady_clock::now();
    const auto database = crosswalk::store::Database::OpenInMemory();
    crosswalk::store::Connection connection(database);
    crosswalk::bench::WriteFocusData(connection, data, rows, format);
    return Seconds(start);
}

// DuckDB alone: the file into a plain table of a new database file in `work`.
double Baseline(const fs::path& data, const fs::path& work) {
    const fs::path database_path = work / "baseline.duckdb";
    fs::remove(database_path);
    const auto database = crosswalk::store::Database::Open(database_path);
    crosswalk::store::Connection connection(database);
    const std::string path = crosswalk::store::QuoteLiteral(data.string());
    std::string relation;
    if (FormatOf(data) == BenchFormat::kCsv) {
        const std::string probe = "read_csv(" + path + ", header = true, all_varchar = true)";
        relation =
            fmt::format("read_csv({}, header = true, columns = {{{}}})", path, BaselineColumns(connection, probe));
    } else {
        relation = "read_parquet(" + path + ")";
    }
    const auto start = std::chrono::steady_clock::now();
    connection.Execute("CREATE TABLE plain AS SELECT * FROM " + relation);
    return Seconds(start);
}

// crosswalk: `ingest focus` of the file into a new workspace in `work`.
double Ingest(const fs::path& data, const fs::path& work, crosswalk::ingest::RowCounts& totals) {
    const fs::path root = work / "workspace";
    fs::remove_all(root);
    crosswalk::workspace::InitWorkspace(root);
    auto workspace = crosswalk::workspace::Workspace::Open(root);
    const auto start = std::chrono::steady_clock::now();
    const auto summary = crosswalk::ingest::IngestFocus(workspace, std::vector<std::string>{data.string()}, {}, {});
    const double seconds = Seconds(start);
    totals = summary.Totals();
    return seconds;
}

int Usage() {
    std::cerr << "usage: crosswalk_focus_ingest_bench ROWS csv|parquet [WORK_DIR]\n"
                 "       crosswalk_focus_ingest_bench generate ROWS csv|parquet FILE\n"
                 "       crosswalk_focus_ingest_bench duckdb|crosswalk FILE WORK_DIR\n";
    return 2;
}

BenchFormat ParseFormat(const std::string& name) {
    return name == "parquet" ? BenchFormat::kParquet : BenchFormat::kCsv;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        return Usage();
    }
    crosswalk::SetLogVerbosity(0); // CROSSWALK_LOG_LEVEL=debug shows the time of each step
    const std::string command = argv[1];
    if (command == "generate") {
        if (argc != 5) {
            return Usage();
        }
        const fs::path data = argv[4];
        const double seconds = Generate(data, std::atoll(argv[2]), ParseFormat(argv[3]));
        std::cout << fmt::format("generated {} ({:.0f} MB) in {:.1f} s\n", data.string(),
                                 static_cast<double>(fs::file_size(data)) / 1e6, seconds);
        return 0;
    }
    if (command == "duckdb" || command == "crosswalk") {
        if (argc != 4) {
            return Usage();
        }
        const fs::path data = argv[2];
        const fs::path work = argv[3];
        fs::create_directories(work);
        if (command == "duckdb") {
            const double seconds = Baseline(data, work);
            std::cout << fmt::format("duckdb {:.2f} s, peak RSS {} MB\n", seconds, PeakRssMegabytes());
        } else {
            crosswalk::ingest::RowCounts totals;
            const double seconds = Ingest(data, work, totals);
            std::cout << fmt::format("crosswalk {:.2f} s, peak RSS {} MB; loaded {}, repaired {}, rejected {}\n",
                                     seconds, PeakRssMegabytes(), totals.loaded, totals.repaired, totals.rejected);
        }
        return 0;
    }

    const int64_t rows = std::atoll(argv[1]);
    const BenchFormat format = ParseFormat(argv[2]);
    const fs::path work = argc > 3 ? fs::path(argv[3]) : fs::temp_directory_path() / "crosswalk-bench";
    fs::remove_all(work);
    fs::create_directories(work);
    const fs::path data = work / (format == BenchFormat::kCsv ? "focus.csv" : "focus.parquet");
    const double generate = Generate(data, rows, format);
    const double megabytes = static_cast<double>(fs::file_size(data)) / 1e6;
    const double baseline = Baseline(data, work);
    crosswalk::ingest::RowCounts totals;
    const double ingest = Ingest(data, work, totals);
    std::cout << fmt::format(
        "rows {} ({:.0f} MB {}), generated in {:.1f} s\n"
        "duckdb {} into a plain table: {:.2f} s ({:.0f} rows/s)\n"
        "crosswalk ingest focus:          {:.2f} s ({:.0f} rows/s, {:.0f} MB/s); loaded {}, repaired {}, rejected {}\n"
        "ratio crosswalk / duckdb: {:.2f}; peak RSS of the whole process {} MB\n",
        rows, megabytes, argv[2], generate, format == BenchFormat::kCsv ? "read_csv    " : "read_parquet", baseline,
        static_cast<double>(rows) / baseline, ingest, static_cast<double>(rows) / ingest, megabytes / ingest,
        totals.loaded, totals.repaired, totals.rejected, ingest / baseline, PeakRssMegabytes());
    fs::remove_all(work);
    return 0;
}
