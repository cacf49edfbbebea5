// The `run` table: every command that reads inputs or changes the store is recorded with its arguments, the
// hashes of what it read, its outcome and a summary, so that a number can be traced to the run that made it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "crosswalk/store/connection.hpp"

namespace crosswalk::ingest {

// Starts a run inside the caller's transaction and returns its id. `arguments` are the command's arguments.
int64_t StartRun(store::Connection& connection, std::string_view command, const std::vector<std::string>& arguments);

// Marks the run succeeded, with the SHA-256 over its inputs' hashes, over the rules it applied (empty: none)
// and a JSON summary.
void FinishRun(store::Connection& connection, int64_t run_id, std::string_view inputs_sha256,
               std::string_view details_json, std::string_view rules_sha256 = {});

// Records a run that failed, after the caller's transaction was rolled back (so in its own transaction).
// Never throws: failing to record a failure must not hide the failure.
void RecordFailedRun(store::Connection& connection, std::string_view command, const std::vector<std::string>& arguments,
                     std::string_view error_message) noexcept;

} // namespace crosswalk::ingest
