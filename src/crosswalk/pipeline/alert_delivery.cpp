#include "crosswalk/pipeline/alert_delivery.hpp"

#include <thread>

#include <fmt/format.h>

#include "crosswalk/common/http_client.hpp"
#include "crosswalk/common/log.hpp"
#include "crosswalk/store/prepared_statement.hpp"

namespace crosswalk::pipeline {
namespace {

// A header value carries no control character (a scope id from a CSV could hold a line break).
std::string HeaderValue(const std::string& text) {
    std::string value = text;
    for (char& c : value) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
            c = '_';
        }
    }
    return value;
}

bool Retryable(const HttpResponse& response) {
    return response.status == 0 || response.status == 429 || response.status >= 500;
}

} // namespace

DeliveryReport DeliverAlerts(store::Connection& connection, std::span<const Alert> alerts,
                             const DeliveryOptions& options) {
    DeliveryReport report;
    store::PreparedStatement delivered =
        connection.Prepare("SELECT count(*) FROM alert_delivery WHERE alert_key = ? AND url = ?");
    store::PreparedStatement record =
        connection.Prepare("INSERT INTO alert_delivery (alert_key, url, delivered_at, http_status, attempts) "
                           "VALUES (?, ?, now()::TIMESTAMP, ?, ?)");
    const auto sleep = options.sleep ? options.sleep : [](std::chrono::milliseconds pause) {
        std::this_thread::sleep_for(pause);
    };
    bool unreachable = false; // a webhook still failing after every attempt is not tried for the alerts after
    for (const Alert& alert : alerts) {
        if (delivered.Execute(alert.key, options.url).ScalarInt64().value_or(0) > 0) {
            ++report.already_delivered;
            continue;
        }
        if (unreachable) {
            ++report.failed;
            report.errors.push_back(alert.key + ": not tried, the webhook failed the alert before");
            continue;
        }
        HttpResponse response;
        std::chrono::milliseconds pause = options.pause;
        int attempt = 0;
        while (attempt < options.attempts) {
            ++attempt;
            response = HttpPost(options.url, alert.json,
                                {"Content-Type: application/json", "Idempotency-Key: " + HeaderValue(alert.key)},
                                options.timeout);
            if (response.status >= 200 && response.status < 300) {
                break;
            }
            Log().info("alert {}: attempt {} of {}: {}", alert.key, attempt, options.attempts,
                       response.status == 0 ? response.error : fmt::format("HTTP {}", response.status));
            if (!Retryable(response) || attempt == options.attempts) {
                break;
            }
            sleep(pause);
            pause *= 2;
        }
        if (response.status >= 200 && response.status < 300) {
            (void)record.Execute(alert.key, options.url, static_cast<int64_t>(response.status),
                                 static_cast<int64_t>(attempt));
            ++report.posted;
        } else {
            ++report.failed;
            unreachable = Retryable(response);
            report.errors.push_back(
                fmt::format("{}: {} after {} attempt{}", alert.key,
                            response.status == 0 ? response.error : fmt::format("HTTP {}", response.status), attempt,
                            attempt == 1 ? "" : "s"));
        }
    }
    return report;
}

} // namespace crosswalk::pipeline
