// Progress of a long load on a terminal: while DuckDB reads a file, a thread polls the query's progress and
// prints percentage, MB/s and an estimate of the time left on one self-overwriting stderr line. Silent when
// disabled (pipes, CI): nothing is polled or printed.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <thread>

#include "crosswalk/store/connection.hpp"

namespace crosswalk::ingest::focus {

// Scope object: reports while it lives. Not copyable.
class ProgressReporter {
public:
    ProgressReporter(store::Connection& connection, std::string label, uint64_t size_bytes, bool enabled);
    ProgressReporter(const ProgressReporter&) = delete;
    ProgressReporter& operator=(const ProgressReporter&) = delete;
    ~ProgressReporter();

private:
    void Run();

    store::Connection& connection_;
    std::string label_;
    uint64_t size_bytes_;
    std::atomic<bool> done_{false};
    std::thread thread_;
};

} // namespace crosswalk::ingest::focus
