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

// The group of files that may be parts of one export: the file's folder and its name with every run of digits
// masked, so that part-00001.csv and part-00002.csv of one folder share it, and a.csv and b.csv do not.
[[nodiscard]] std::string ExportGroupOf(const std::filesystem::path& recorded_path);

// The file's modification time in microseconds since the Unix epoch (UTC); 0 when it cannot be read.
[[nodiscard]] int64_t ModifiedMicros(const std::filesystem::path& path);

// When a file was written, and when its export counts as made (see source_file.exported_at).
struct ExportTimes {
    int64_t modified_micros = 0;
    int64_t exported_micros = 0;
};

// Records the file's export group and times, then the billing keys its loaded rows hold in `billing_key`.
void RecordExport(store::Connection& connection, int64_t source_file_id, const ExportTimes& times,
                  std::string_view export_group);

// What resolving a load's restatements did to each of its files.
struct Restatements {
    std::map<int64_t, std::vector<std::string>> notes; // per file id: what it replaced, or why rows are not kept
    std::map<int64_t, int64_t> superseded_rows;        // per new file id: its rows not kept (a newer export exists)
    std::map<int64_t, int64_t> replaced_rows;          // per new file id: other files' rows it replaced
};

// For every billing key that a file of `new_file_ids` holds, works out the exports that hold it — files of one
// export group written within an hour of each other whose rows of the key mostly differ are parts of one export,
// from this load and earlier ones — keeps the rows of the newest export (latest exported_at, then latest path,
// then latest file id) and deletes every other export's rows of that key. A file left with no key is marked
// replaced. Decided per file and key, never per row.
Restatements ResolveRestatements(store::Connection& connection, std::span<const int64_t> new_file_ids);

// Records the FOCUS version, and the provider, billing account and billing period the file's loaded rows cover
// (a single value, or NULL when several), with `details_json`.
void RecordFileMetadata(store::Connection& connection, int64_t source_file_id, std::string_view focus_version,
                        std::string_view details_json);

// Rebuilds `resource` from all cost lines: one row per provider, ResourceId and billing currency, with the
// latest name, type, region, account, service and tags, the first and last charge period, and the cost to date.
// "Latest" is the row with the latest ChargePeriodStart; among rows tied on it, the one whose content hashes
// greatest, so the result never depends on load or scan order. Tags are the latest row's (NULL included), so a
// tag the newest bill removed is gone; the other attributes are the latest non-NULL value.
void RebuildResources(store::Connection& connection);

} // namespace crosswalk::ingest::focus
