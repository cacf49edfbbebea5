#include "crosswalk/ingest/run_log.hpp"

#include <nlohmann/json.hpp>

#include "crosswalk/common/log.hpp"
#include "crosswalk/common/version.hpp"

namespace crosswalk::ingest {
namespace {

std::string ArgumentsJson(const std::vector<std::string>& arguments) {
    return nlohmann::json(arguments).dump();
}

} // namespace

int64_t StartRun(store::Connection& connection, std::string_view command, const std::vector<std::string>& arguments) {
    return connection
        .Prepare("INSERT INTO run (command, arguments, crosswalk_version) VALUES ($1, $2::JSON, $3) RETURNING id")
        .Execute(command, std::string_view(ArgumentsJson(arguments)), std::string_view(kVersion))
        .ScalarInt64()
        .value_or(0);
}

void FinishRun(store::Connection& connection, int64_t run_id, std::string_view inputs_sha256,
               std::string_view details_json, std::string_view rules_sha256) {
    connection
        .Prepare("UPDATE run SET status = 'succeeded', finished_at = (current_timestamp AT TIME ZONE 'UTC'), "
                 "inputs_sha256 = $2, details = $3::JSON, rules_sha256 = nullif($4, '') WHERE id = $1")
        .Execute(run_id, inputs_sha256, details_json, rules_sha256);
}

void RecordFailedRun(store::Connection& connection, std::string_view command, const std::vector<std::string>& arguments,
                     std::string_view error_message) noexcept {
    try {
        const std::string details = nlohmann::json{{"error", std::string(error_message)}}.dump();
        connection
            .Prepare("INSERT INTO run (command, arguments, crosswalk_version, status, finished_at, details) "
                     "VALUES ($1, $2::JSON, $3, 'failed', (current_timestamp AT TIME ZONE 'UTC'), $4::JSON)")
            .Execute(command, std::string_view(ArgumentsJson(arguments)), std::string_view(kVersion),
                     std::string_view(details));
    } catch (const std::exception& error) {
        Log().warn("could not record the failed run: {}", error.what());
    }
}

} // namespace crosswalk::ingest
