#include "crosswalk/ingest/focus/progress.hpp"

#include <chrono>
#include <cstdio>

#include <fmt/format.h>

namespace crosswalk::ingest::focus {

ProgressReporter::ProgressReporter(store::Connection& connection, std::string label, uint64_t size_bytes, bool enabled)
    : connection_(connection), label_(std::move(label)), size_bytes_(size_bytes) {
    if (!enabled) {
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
    std::fputs("\r\033[K", stderr); // clear the progress line
    std::fflush(stderr);
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
        const double megabytes = static_cast<double>(size_bytes_) / 1e6;
        const double rate = megabytes * fraction / elapsed;
        const double left = elapsed / fraction - elapsed;
        std::fputs(fmt::format("\r\033[K{}: {:.0f}% of {:.0f} MB, {:.0f} MB/s, about {:.0f} s left", label_,
                               progress.percentage, megabytes, rate, left)
                       .c_str(),
                   stderr);
        std::fflush(stderr);
    }
}

} // namespace crosswalk::ingest::focus
