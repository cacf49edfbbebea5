#include "crosswalk/api/report_cache.hpp"

namespace crosswalk::api {

ReportCache::Table ReportCache::Get(int64_t generation, const std::string& key,
                                    const std::function<report::ReportTable()>& compute) {
    std::promise<Table> promise;
    std::shared_future<Table> future;
    bool owner = false;
    {
        std::lock_guard lock(mutex_);
        if (generation > generation_) {
            entries_.clear();
            order_.clear();
            generation_ = generation;
        }
        if (generation == generation_) {
            const auto found = entries_.find(key);
            if (found != entries_.end()) {
                future = found->second;
            } else {
                owner = true;
                future = promise.get_future().share();
                entries_.emplace(key, future);
                order_.push_back(key);
                while (order_.size() > capacity_) {
                    entries_.erase(order_.front());
                    order_.pop_front();
                }
            }
        }
    }
    if (!future.valid()) { // a request that began on an older snapshot than the cache's: computed, not kept
        return std::make_shared<const report::ReportTable>(compute());
    }
    if (owner) {
        try {
            promise.set_value(std::make_shared<const report::ReportTable>(compute()));
        } catch (...) {
            promise.set_exception(std::current_exception());
            std::lock_guard lock(mutex_);
            if (generation == generation_) {
                entries_.erase(key); // a failure is answered, not remembered: the next request tries again
                order_.remove(key);
            }
        }
    }
    return future.get();
}

} // namespace crosswalk::api
