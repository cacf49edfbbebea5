#include "crosswalk/ingest/focus/progress.hpp"

#include <chrono>

namespace crosswalk::ingest::focus {

ProgressReporter::ProgressReporter(store::Connection& connection, std::string label, uint64_t size_bytes,
                                   const ProgressCallback& callback)
    : connection_(connection), label_(std::move(label)), size_bytes_(size_bytes), callback_(callback) {
    if (!callback_) {
        return;
    }
    // DuckDB tracks query progress only with its progress bar on; its own printing stays off.
    connection_.Execute("SET enable_progress_bar = true; SET enable_progress_bar_print = false");
    thread_ = std::thread([this] { Run(); });
}

ProgressReporter::~ProgressReporter() {
    if (!thread_.joinable()) {
        return;
    }
    done_ = true;
    thread_.join();
    Progress last;
    last.label = label_;
    last.percent = 100;
    last.done = true;
    callback_(last);
}

void ProgressReporter::Run() {
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    while (!done_) {
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
        if (done_) {
            break;
        }
        const duckdb_query_progress_type progress = duckdb_query_progress(connection_.Handle());
        const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
        if (progress.percentage <= 0 || elapsed < 1.0) {
            continue;
        }
        const double fraction = progress.percentage / 100.0;
        Progress report;
        report.label = label_;
        report.percent = progress.percentage;
        report.megabytes = static_cast<double>(size_bytes_) / 1e6;
        report.megabytes_per_s = report.megabytes * fraction / elapsed;
        report.seconds_left = elapsed / fraction - elapsed;
        callback_(report);
    }
}

} // namespace crosswalk::ingest::focus
