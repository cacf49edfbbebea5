#include "crosswalk/ingest/focus/restatement.hpp"

#include <cctype>
#include <sys/stat.h>

#include <fmt/format.h>

#include "crosswalk/common/error.hpp"

namespace crosswalk::ingest::focus {
namespace {

// A list of ids as a DuckDB list literal, for list_contains (a long IN list is planned as a join).
std::string IdList(std::span<const int64_t> ids) {
    std::string list;
    for (const int64_t id : ids) {
        list += fmt::format("{}{}", list.empty() ? "" : ", ", id);
    }
    return "[" + list + "]::BIGINT[]";
}

// Matches two relations' billing keys; SubAccountId may be NULL.
std::string SameKey(std::string_view a, std::string_view b) {
    return fmt::format("{0}.ProviderName = {1}.ProviderName AND {0}.BillingAccountId = {1}.BillingAccountId "
                       "AND {0}.SubAccountId IS NOT DISTINCT FROM {1}.SubAccountId "
                       "AND {0}.BillingPeriodStart = {1}.BillingPeriodStart",
                       a, b);
}

constexpr std::string_view kKeyColumns = "ProviderName, BillingAccountId, SubAccountId, BillingPeriodStart";

// How a billing key reads in a note: "AWS 111122223333 / sub 444455556666, period 2024-09".
std::string KeyText(std::string_view alias) {
    return fmt::format("{0}.ProviderName || ' ' || {0}.BillingAccountId || coalesce(' / ' || {0}.SubAccountId, '') "
                       "|| ', period ' || strftime({0}.BillingPeriodStart, '%Y-%m')",
                       alias);
}

// Every active holder of a billing key that a new file holds, with its export's rank: rank 1 is the newest
// export of the key. An export's recency is its latest exported_at, then its latest path, then its first id.
std::string CandidatesSql(std::span<const int64_t> new_file_ids) {
    return fmt::format(R"sql(
CREATE OR REPLACE TEMP TABLE restatement_candidate AS
WITH touched AS (
    SELECT DISTINCT {0} FROM billing_key WHERE list_contains({1}, source_file_id)
), held AS (
    SELECT k.source_file_id, k.ProviderName, k.BillingAccountId, k.SubAccountId, k.BillingPeriodStart,
           sum(k.rows) AS rows
    FROM billing_key k SEMI JOIN touched t ON {2}
    WHERE k.status = 'active'
    GROUP BY ALL
), unit AS (
    SELECT export_unit, max(exported_at) AS unit_exported_at, max(path) AS unit_last_path, min(id) AS unit_first_id
    FROM source_file WHERE kind = 'focus' GROUP BY export_unit
)
SELECT h.*, f.export_unit, f.path, f.exported_at,
       dense_rank() OVER (PARTITION BY h.ProviderName, h.BillingAccountId, h.SubAccountId, h.BillingPeriodStart
                          ORDER BY u.unit_exported_at DESC, u.unit_last_path DESC, u.unit_first_id DESC) AS unit_rank
FROM held h JOIN source_file f ON f.id = h.source_file_id JOIN unit u USING (export_unit)
)sql",
                       kKeyColumns, IdList(new_file_ids), SameKey("k", "t"));
}

// The holders that lose their key, each with the file of the newest export that replaces it (its lowest id).
constexpr std::string_view kLosersSql = R"sql(
CREATE OR REPLACE TEMP TABLE restatement_loser AS
SELECT l.*, w.winner_id, w.winner_path, w.winner_exported_at
FROM restatement_candidate l
JOIN (SELECT ProviderName, BillingAccountId, SubAccountId, BillingPeriodStart, arg_min(source_file_id, source_file_id)
             AS winner_id, arg_min(path, source_file_id) AS winner_path,
             arg_min(exported_at, source_file_id) AS winner_exported_at
      FROM restatement_candidate WHERE unit_rank = 1 GROUP BY ALL) w
  ON l.ProviderName = w.ProviderName AND l.BillingAccountId = w.BillingAccountId
 AND l.SubAccountId IS NOT DISTINCT FROM w.SubAccountId AND l.BillingPeriodStart = w.BillingPeriodStart
WHERE l.unit_rank > 1
)sql";

// Pairs of files of one export that hold the same key: their rows add up, which is right for the parts of a
// partitioned export and wrong for two versions of one bill named alike (bill-v1.csv, bill-v2.csv).
constexpr std::string_view kSharedPartsSql = R"sql(
SELECT a.source_file_id, b.path, count(*), min({key_text})
FROM restatement_candidate a JOIN restatement_candidate b
  ON a.export_unit = b.export_unit AND a.source_file_id <> b.source_file_id AND {same_key}
WHERE list_contains({new_ids}, a.source_file_id)
GROUP BY ALL ORDER BY 1, 2
)sql";

void AddNote(std::map<int64_t, std::vector<std::string>>& notes, int64_t file, std::string note) {
    notes[file].push_back(std::move(note));
}

} // namespace

std::string ExportUnitOf(int64_t run_id, const std::filesystem::path& recorded_path) {
    std::string masked;
    bool in_digits = false;
    for (const char c : recorded_path.filename().string()) {
        const bool digit = std::isdigit(static_cast<unsigned char>(c)) != 0;
        if (!digit) {
            masked += c;
        } else if (!in_digits) {
            masked += '#';
        }
        in_digits = digit;
    }
    return fmt::format("run {}: {}", run_id, (recorded_path.parent_path() / masked).generic_string());
}

int64_t ModifiedMicros(const std::filesystem::path& path) {
    struct stat info {};

    if (::stat(path.c_str(), &info) != 0) {
        return 0;
    }
    return static_cast<int64_t>(info.st_mtim.tv_sec) * 1'000'000 + info.st_mtim.tv_nsec / 1'000;
}

void RecordExport(store::Connection& connection, int64_t source_file_id, int64_t exported_micros,
                  std::string_view export_unit) {
    connection.Prepare("UPDATE source_file SET exported_at = make_timestamp($2), export_unit = $3 WHERE id = $1")
        .Execute(source_file_id, exported_micros, export_unit);
    connection
        .Prepare("INSERT INTO billing_key (source_file_id, ProviderName, BillingAccountId, SubAccountId, "
                 "BillingPeriodStart, BillingCurrency, rows, billed_cost) "
                 "SELECT source_file_id, ProviderName, BillingAccountId, SubAccountId, BillingPeriodStart, "
                 "BillingCurrency, count(*), sum(BilledCost) FROM cost_line WHERE source_file_id = $1 GROUP BY ALL")
        .Execute(source_file_id);
}

std::map<int64_t, std::vector<std::string>> ResolveRestatements(store::Connection& connection,
                                                                std::span<const int64_t> new_file_ids) {
    std::map<int64_t, std::vector<std::string>> notes;
    if (new_file_ids.empty()) {
        return notes;
    }
    connection.Execute(CandidatesSql(new_file_ids));
    connection.Execute(kLosersSql);
    const std::string new_ids = IdList(new_file_ids);

    // Notes first, while the rows are still there to count.
    {
        store::Result result = connection.Query(fmt::format(
            "SELECT source_file_id, path, winner_id, winner_path, list_contains({0}, source_file_id) AS is_new, "
            "list_contains({0}, winner_id) AS winner_is_new, sum(rows)::BIGINT, count(*), min({1}), "
            "strftime(any_value(exported_at), '%Y-%m-%d %H:%M:%S'), "
            "strftime(any_value(winner_exported_at), '%Y-%m-%d %H:%M:%S') "
            "FROM restatement_loser l GROUP BY ALL ORDER BY 1, 3",
            new_ids, KeyText("l")));
        while (auto chunk = result.NextChunk()) {
            for (uint64_t row = 0; row < chunk->Size(); ++row) {
                const int64_t loser = chunk->Column(0).Int64(row);
                const std::string loser_path(chunk->Column(1).String(row));
                const int64_t winner = chunk->Column(2).Int64(row);
                const std::string winner_path(chunk->Column(3).String(row));
                const bool loser_is_new = chunk->Column(4).Bool(row);
                const bool winner_is_new = chunk->Column(5).Bool(row);
                const int64_t rows = chunk->Column(6).Int64(row);
                const int64_t keys = chunk->Column(7).Int64(row);
                const std::string key(chunk->Column(8).String(row));
                const std::string keys_text = keys == 1 ? key : fmt::format("{} billing keys, such as {}", keys, key);
                if (!loser_is_new) { // an earlier load's rows, restated by a newer export of this load
                    AddNote(notes, winner,
                            fmt::format("restatement: replaces {} rows of source file {} ({}) for {}", rows, loser,
                                        loser_path, keys_text));
                } else if (winner_is_new) { // two exports of one bill in this load
                    const std::string note = fmt::format(
                        "{} and {} both hold {} and are not parts of one export: the newer export, {} (modified "
                        "{} UTC, against {}), is kept and the {} rows of {} are not",
                        loser_path, winner_path, keys_text, winner_path, chunk->Column(10).String(row),
                        chunk->Column(9).String(row), rows, loser_path);
                    AddNote(notes, loser, note);
                    AddNote(notes, winner, note);
                } else { // this load's file is older than the export already held
                    AddNote(notes, loser,
                            fmt::format("older than source file {} ({}, modified {} UTC) for {}: its {} rows for "
                                        "them are not kept; load it with --force to make it the current bill",
                                        winner, winner_path, chunk->Column(10).String(row), keys_text, rows));
                }
            }
        }
    }
    {
        store::Result result =
            connection.Query(fmt::format(fmt::runtime(kSharedPartsSql), fmt::arg("key_text", KeyText("a")),
                                         fmt::arg("same_key", SameKey("a", "b")), fmt::arg("new_ids", new_ids)));
        while (auto chunk = result.NextChunk()) {
            for (uint64_t row = 0; row < chunk->Size(); ++row) {
                AddNote(notes, chunk->Column(0).Int64(row),
                        fmt::format("read as a part of one export with {} (same folder, names equal up to their "
                                    "digits): their rows for {} add up; if one restates the other, load it on its "
                                    "own",
                                    chunk->Column(1).String(row), chunk->Column(3).String(row)));
            }
        }
    }

    connection.Execute("DELETE FROM cost_line USING restatement_loser l WHERE cost_line.source_file_id = "
                       "l.source_file_id AND " +
                       SameKey("cost_line", "l"));
    connection.Execute("UPDATE billing_key SET status = 'replaced', replaced_by_file_id = l.winner_id FROM "
                       "restatement_loser l WHERE billing_key.source_file_id = l.source_file_id AND " +
                       SameKey("billing_key", "l"));
    connection.Execute(
        "UPDATE source_file SET status = 'replaced', replaced_by_file_id = r.winner_id "
        "FROM (SELECT source_file_id, min(winner_id) AS winner_id FROM restatement_loser GROUP BY 1) r "
        "WHERE source_file.id = r.source_file_id AND source_file.status = 'active' "
        "AND NOT EXISTS (SELECT 1 FROM billing_key k WHERE k.source_file_id = source_file.id AND k.status = 'active')");
    connection.Execute("DROP TABLE restatement_loser");
    connection.Execute("DROP TABLE restatement_candidate");
    return notes;
}

void RecordFileMetadata(store::Connection& connection, int64_t source_file_id, std::string_view focus_version,
                        std::string_view details_json) {
    // Metadata of what the file holds, from billing_key: the file's rows may since have been replaced.
    connection
        .Prepare(
            "UPDATE source_file SET focus_version = $2, details = $3::JSON, "
            "provider = m.provider, billing_account_id = m.account, "
            "billing_period_start = m.period_start, billing_period_end = m.period_end "
            "FROM (SELECT CASE WHEN count(DISTINCT ProviderName) = 1 THEN any_value(ProviderName) END AS provider, "
            "CASE WHEN count(DISTINCT BillingAccountId) = 1 THEN any_value(BillingAccountId) END AS account, "
            "min(BillingPeriodStart) AS period_start, max(BillingPeriodEnd) AS period_end "
            "FROM cost_line WHERE source_file_id = $1) m WHERE source_file.id = $1")
        .Execute(source_file_id, focus_version, details_json);
}

void RebuildResources(store::Connection& connection) {
    // Each attribute is the latest non-null value: arg_max skips rows whose value is NULL (arg_max_null keeps
    // them, which Tags wants). The ordering value is a struct, so ties in time fall to the greater value.
    connection.Execute("DELETE FROM resource");
    connection.Execute(R"sql(
INSERT INTO resource (provider, resource_id, name, type, region_id, region_name, billing_account_id, sub_account_id,
                      sub_account_name, service_category, service_name, first_seen, last_seen, tags,
                      billed_cost_to_date, effective_cost_to_date, currency)
SELECT ProviderName, ResourceId,
       arg_max(ResourceName, (ChargePeriodStart, ChargePeriodEnd, ResourceName)),
       arg_max(ResourceType, (ChargePeriodStart, ChargePeriodEnd, ResourceType)),
       arg_max(RegionId, (ChargePeriodStart, ChargePeriodEnd, RegionId)),
       arg_max(RegionName, (ChargePeriodStart, ChargePeriodEnd, RegionName)),
       arg_max(BillingAccountId, (ChargePeriodStart, ChargePeriodEnd, BillingAccountId)),
       arg_max(SubAccountId, (ChargePeriodStart, ChargePeriodEnd, SubAccountId)),
       arg_max(SubAccountName, (ChargePeriodStart, ChargePeriodEnd, SubAccountName)),
       arg_max(ServiceCategory, (ChargePeriodStart, ChargePeriodEnd, ServiceCategory)),
       arg_max(ServiceName, (ChargePeriodStart, ChargePeriodEnd, ServiceName)),
       min(ChargePeriodStart), max(ChargePeriodEnd),
       arg_max_null(Tags, (ChargePeriodStart, ChargePeriodEnd, Tags::VARCHAR)),
       sum(BilledCost), sum(EffectiveCost), BillingCurrency
FROM cost_line
WHERE ResourceId IS NOT NULL
GROUP BY ProviderName, ResourceId, BillingCurrency
)sql");
}

} // namespace crosswalk::ingest::focus
