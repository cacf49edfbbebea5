// Posting alerts to a webhook (docs/budgets.md): each alert once. An alert the store records as delivered to the
// URL is skipped; one that fails is retried (a network error or a 5xx or 429 answer) with a growing pause, and
// recorded only once the receiver answers 2xx. Each POST carries the header Idempotency-Key: the alert's key,
// so a receiver can drop a repeat should crosswalk stop between the answer and the record. When a webhook still
// fails after every attempt (no answer, a 5xx or a 429), the alerts after it are not tried: it is down, and the
// next run tries them. A 4xx other than 429 fails that alert only.
#pragma once

#include <chrono>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "crosswalk/store/connection.hpp"

namespace crosswalk::pipeline {

struct Alert {
    std::string key;  // what makes it one alert: scope, horizon, period, status, currency
    std::string json; // the body posted
};

struct DeliveryOptions {
    std::string url;
    int attempts = 3;                                     // per alert, the first included
    std::chrono::milliseconds pause{500};                 // before the second attempt; doubled for each next one
    std::chrono::milliseconds timeout{10000};             // per attempt
    std::function<void(std::chrono::milliseconds)> sleep; // empty: std::this_thread::sleep_for (tests pass their own)
};

struct DeliveryReport {
    int posted = 0;
    int already_delivered = 0;
    int failed = 0;
    std::vector<std::string> errors; // one per failed alert: its key, the last status or error
};

// Delivers `alerts` in order. `connection` must be writable (the delivery log, table alert_delivery).
[[nodiscard]] DeliveryReport DeliverAlerts(store::Connection& connection, std::span<const Alert> alerts,
                                           const DeliveryOptions& options);

} // namespace crosswalk::pipeline
