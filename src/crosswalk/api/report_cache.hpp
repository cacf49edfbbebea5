// The reports a server has computed, per snapshot and request: a report over 1M bill lines takes a second or
// more, and a dashboard asks for the same few again and again. An entry is the report's table for one snapshot
// generation and one set of options (filters, sorting and pages apply after, on the cached rows); concurrent
// requests for the same entry wait for one computation. Entries of older generations are dropped as soon as a
// newer one is stored. Thread-safe.
#pragma once

#include <functional>
#include <future>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "crosswalk/report/report_table.hpp"

namespace crosswalk::api {

class ReportCache {
public:
    using Table = std::shared_ptr<const report::ReportTable>;

    explicit ReportCache(size_t capacity = 256) : capacity_(capacity) {}

    // The table for `key` in `generation`, computing it with `compute` if no one has (an exception is passed to
    // every waiter and not kept).
    Table Get(int64_t generation, const std::string& key, const std::function<report::ReportTable()>& compute);

private:
    size_t capacity_;
    std::mutex mutex_;
    int64_t generation_ = 0;
    std::map<std::string, std::shared_future<Table>> entries_;
    std::list<std::string> order_; // oldest first
};

} // namespace crosswalk::api
