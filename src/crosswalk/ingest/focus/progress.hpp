// Progress of a long load: while DuckDB reads a file, a thread polls the query's progress and reports
// percentage, MB/s and an estimate of the time left to a callback (the CLI draws it on one terminal line).
// Without a callback nothing is polled.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <thread>

#include "crosswalk/common/progress.hpp"
#include "crosswalk/store/connection.hpp"

namespace crosswalk::ingest::focus {

// Scope object: reports while it lives. Not copyable.
class ProgressReporter {
public:
    ProgressReporter(store::Connection& connection, std::string label, uint64_t size_bytes,
                     const ProgressCallback& callback);
    ProgressReporter(const ProgressReporter&) = delete;
    ProgressReporter& operator=(const ProgressReporter&) = delete;
    ~ProgressReporter();

private:
    void Run();

    store::Connection& connection_;
    std::string label_;
    uint64_t size_bytes_;
    const ProgressCallback& callback_;
    std::atomic<bool> done_{false};
    std::thread thread_;
};

} // namespace crosswalk::ingest::focus
