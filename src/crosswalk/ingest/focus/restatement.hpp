// What happens after a billing file's rows are in cost_line: providers restate bills, so the newest file for a
// provider + billing account + billing period replaces the rows older loads held for that key; the file's
// metadata (version, provider, account, period) is recorded; and the derived `resource` table is rebuilt.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "crosswalk/store/connection.hpp"

namespace crosswalk::ingest::focus {

// Deletes the cost lines of earlier loads that share a (ProviderName, BillingAccountId, BillingPeriodStart) key
// with the file `source_file_id`. Files of the current load (`load_file_ids`, e.g. the parts of one partitioned
// export) never replace each other. A file left with no rows is marked replaced by this one. Returns one note
// per file affected.
std::vector<std::string> ReplaceRestatedPeriods(store::Connection& connection, int64_t source_file_id,
                                                std::span<const int64_t> load_file_ids);

// Records the FOCUS version, and the provider, billing account and billing period the file's loaded rows cover
// (a single value, or NULL when several), with `details_json`.
void RecordFileMetadata(store::Connection& connection, int64_t source_file_id, std::string_view focus_version,
                        std::string_view details_json);

// Rebuilds `resource` from all cost lines: one row per provider, ResourceId and billing currency, with the
// latest name, type, region, account, service and tags, the first and last charge period, and the cost to date.
void RebuildResources(store::Connection& connection);

} // namespace crosswalk::ingest::focus
