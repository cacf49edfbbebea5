// What happens after a billing file's rows are in cost_line. Providers restate bills, so for every billing key
// (ProviderName, BillingAccountId, SubAccountId, BillingPeriodStart) the store keeps the rows of the newest
// export that holds it, and only those: the result depends on which exports exist, never on the order in which
// files are named or loaded. The file's metadata (version, provider, account, period) is recorded, and the
// derived `resource` table is rebuilt.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "crosswalk/store/connection.hpp"

namespace crosswalk::ingest::focus {

// The export a file of one load belongs to: its folder and its name with every run of digits masked, so that
// part-00001.csv and part-00002.csv of one folder are parts of one export, and a.csv and b.csv are two exports.
[[nodiscard]] std::string ExportUnitOf(int64_t run_id, const std::filesystem::path& recorded_path);

// The file's modification time in microseconds since the Unix epoch (UTC); 0 when it cannot be read.
[[nodiscard]] int64_t ModifiedMicros(const std::filesystem::path& path);

// Records when the file's export was made (`exported_micros`, microseconds since the epoch, UTC) and which
// export it is part of, then records the billing keys its loaded rows hold in `billing_key`.
void RecordExport(store::Connection& connection, int64_t source_file_id, int64_t exported_micros,
                  std::string_view export_unit);

// For every billing key that a file of `new_file_ids` holds, keeps the rows of the newest export holding it
// (latest exported_at, then the export whose latest path sorts last, then the later load) and deletes every
// other export's rows of that key, earlier loads' and this load's alike. A file left with no key is marked
// replaced. Returns notes per file id: what each file replaced, what was not kept and why, naming both files.
std::map<int64_t, std::vector<std::string>> ResolveRestatements(store::Connection& connection,
                                                                std::span<const int64_t> new_file_ids);

// Records the FOCUS version, and the provider, billing account and billing period the file's loaded rows cover
// (a single value, or NULL when several), with `details_json`.
void RecordFileMetadata(store::Connection& connection, int64_t source_file_id, std::string_view focus_version,
                        std::string_view details_json);

// Rebuilds `resource` from all cost lines: one row per provider, ResourceId and billing currency, with the
// latest name, type, region, account, service and tags, the first and last charge period, and the cost to date.
// "Latest" is the row with the latest ChargePeriodStart, then the latest ChargePeriodEnd; rows tied on both give
// the greatest value, so the result never depends on load order. Tags are the latest row's (NULL included), so a
// tag the newest bill removed is gone; the other attributes are the latest non-NULL value.
void RebuildResources(store::Connection& connection);

} // namespace crosswalk::ingest::focus
