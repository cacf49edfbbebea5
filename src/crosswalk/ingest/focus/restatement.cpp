#include "crosswalk/ingest/focus/restatement.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <ctime>
#include <sys/stat.h>
#include <tuple>

#include <fmt/format.h>

#include "crosswalk/common/error.hpp"
#include "crosswalk/common/text.hpp"
#include "crosswalk/store/sql_quote.hpp"

namespace crosswalk::ingest::focus {
namespace {

// Parts of one export are written together: files more than this apart are separate exports.
constexpr int64_t kPartsWindowMicros = int64_t{3600} * 1'000'000;
// Two files of one export group whose rows of a key coincide more than this (the share of the smaller file's
// distinct charges found in the other) are two versions of one bill, not parts that add up.
constexpr double kSameBillOverlap = 0.5;
// Above this many rows in a pair of files, their overlap is measured on a 1/16 sample of their charges.
constexpr int64_t kOverlapSampleAboveRows = 1'000'000;

// A list of ids as a DuckDB list literal, for list_contains (a long IN list is planned as a join).
std::string IdList(std::span<const int64_t> ids) {
    return "[" + Join(ids, ", ", [](int64_t id) { return std::to_string(id); }) + "]::BIGINT[]";
}

// Matches two relations' billing keys; SubAccountId may be NULL.
std::string SameKey(std::string_view a, std::string_view b) {
    return fmt::format("{0}.ProviderName = {1}.ProviderName AND {0}.BillingAccountId = {1}.BillingAccountId "
                       "AND {0}.SubAccountId IS NOT DISTINCT FROM {1}.SubAccountId "
                       "AND {0}.BillingPeriodStart = {1}.BillingPeriodStart",
                       a, b);
}

// How a billing key reads in a note: "AWS 111122223333 / sub 444455556666, period 2024-09".
std::string KeyText(std::string_view alias) {
    return fmt::format("{0}.ProviderName || ' ' || {0}.BillingAccountId || coalesce(' / ' || {0}.SubAccountId, '') "
                       "|| ', period ' || strftime({0}.BillingPeriodStart, '%Y-%m')",
                       alias);
}

std::string TimeText(int64_t micros) {
    const std::time_t seconds = static_cast<std::time_t>(micros / 1'000'000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
                       utc.tm_hour, utc.tm_min, utc.tm_sec);
}

// One active holder of a billing key a new file holds.
struct Holder {
    int64_t key = 0; // restatement_key.key_id
    std::string key_text;
    int64_t file = 0;
    std::string path;
    std::string group;
    int64_t modified = 0;
    int64_t exported = 0;
    std::string unit; // the export of an earlier load's holder; "" for a new file
    bool is_new = false;
    int64_t rows = 0;
};

// Union-find over the holders of one key.
class Exports {
public:
    explicit Exports(size_t size) : parent_(size) {
        for (size_t i = 0; i < size; ++i) {
            parent_[i] = i;
        }
    }

    size_t Find(size_t i) { return parent_[i] == i ? i : parent_[i] = Find(parent_[i]); }

    void Unite(size_t a, size_t b) { parent_[Find(a)] = Find(b); }

private:
    std::vector<size_t> parent_;
};

std::vector<Holder> ReadHolders(store::Connection& connection, const std::string& new_ids) {
    connection.Execute(fmt::format(
        "CREATE OR REPLACE TEMP TABLE restatement_key AS SELECT row_number() OVER (ORDER BY ProviderName, "
        "BillingAccountId, SubAccountId NULLS FIRST, BillingPeriodStart) AS key_id, * FROM (SELECT DISTINCT "
        "ProviderName, BillingAccountId, SubAccountId, BillingPeriodStart FROM billing_key WHERE list_contains({}, "
        "source_file_id))",
        new_ids));
    store::Result result = connection.Query(
        fmt::format("SELECT k.key_id, {0}, b.source_file_id, f.path, coalesce(f.export_group, ''), "
                    "epoch_us(coalesce(f.modified_at, f.loaded_at)), epoch_us(coalesce(f.exported_at, f.loaded_at)), "
                    "coalesce(any_value(b.export_unit), ''), list_contains({1}, b.source_file_id), sum(b.rows)::BIGINT "
                    "FROM billing_key b JOIN restatement_key k ON {2} JOIN source_file f ON f.id = b.source_file_id "
                    "WHERE b.status = 'active' GROUP BY ALL ORDER BY k.key_id, b.source_file_id",
                    KeyText("k"), new_ids, SameKey("b", "k")));
    std::vector<Holder> holders;
    while (auto chunk = result.NextChunk()) {
        for (uint64_t row = 0; row < chunk->Size(); ++row) {
            Holder holder;
            holder.key = chunk->Column(0).Int64(row);
            holder.key_text = std::string(chunk->Column(1).String(row));
            holder.file = chunk->Column(2).Int64(row);
            holder.path = std::string(chunk->Column(3).String(row));
            holder.group = std::string(chunk->Column(4).String(row));
            holder.modified = chunk->Column(5).Int64(row);
            holder.exported = chunk->Column(6).Int64(row);
            holder.unit = std::string(chunk->Column(7).String(row));
            holder.is_new = chunk->Column(8).Bool(row);
            holder.rows = chunk->Column(9).Int64(row);
            holders.push_back(std::move(holder));
        }
    }
    return holders;
}

struct Pair {
    int64_t key;
    size_t a; // indexes into the holders
    size_t b;
};

// For each candidate pair (files of one group written within the window), whether their rows of the key are
// mostly different charges (parts of one export) rather than the same charges again (two versions of a bill).
// One query over the pairs' rows: each file's distinct charges (period, resource, SKU, category, description),
// without amounts, which a restatement changes.
std::vector<bool> ArePartsOfOneExport(store::Connection& connection, const std::vector<Holder>& holders,
                                      const std::vector<Pair>& pairs) {
    std::vector<bool> parts(pairs.size(), true);
    if (pairs.empty()) {
        return parts;
    }
    int64_t rows = 0;
    std::string values;
    for (size_t i = 0; i < pairs.size(); ++i) {
        const Holder& a = holders[pairs[i].a];
        const Holder& b = holders[pairs[i].b];
        rows += a.rows + b.rows;
        values += fmt::format("{}({}, {}, {}, {})", i == 0 ? "" : ", ", i, a.key, a.file, b.file);
    }
    const std::string sample = rows > kOverlapSampleAboveRows ? "WHERE h % 16 = 0" : "";
    store::Result result = connection.Query(fmt::format(R"sql(
WITH pair(pair_id, key_id, a, b) AS (VALUES {0}),
member AS (SELECT key_id, a AS f FROM pair UNION SELECT key_id, b FROM pair),
charge AS (
    SELECT DISTINCT * FROM (
        SELECT m.key_id, c.source_file_id AS f,
               hash(c.ChargePeriodStart, c.ChargePeriodEnd, c.ChargeCategory, c.ChargeClass, c.ChargeDescription,
                    c.ResourceId, c.SkuId, c.SkuPriceId, c.CommitmentDiscountId, c.ServiceName) AS h
        FROM cost_line c JOIN restatement_key k ON {1} JOIN member m ON m.key_id = k.key_id AND m.f = c.source_file_id)
    {2}
),
size AS (SELECT key_id, f, count(*) AS n FROM charge GROUP BY ALL),
common AS (
    SELECT p.pair_id, count(*) AS n FROM pair p JOIN charge x ON x.key_id = p.key_id AND x.f = p.a
    JOIN charge y ON y.key_id = p.key_id AND y.f = p.b AND y.h = x.h GROUP BY ALL
)
SELECT p.pair_id, coalesce(c.n, 0), least(coalesce(sa.n, 0), coalesce(sb.n, 0))
FROM pair p LEFT JOIN common c USING (pair_id)
LEFT JOIN size sa ON sa.key_id = p.key_id AND sa.f = p.a LEFT JOIN size sb ON sb.key_id = p.key_id AND sb.f = p.b
)sql",
                                                        values, SameKey("c", "k"), sample));
    while (auto chunk = result.NextChunk()) {
        for (uint64_t row = 0; row < chunk->Size(); ++row) {
            const auto pair = static_cast<size_t>(chunk->Column(0).Int64(row));
            const auto common = static_cast<double>(chunk->Column(1).Int64(row));
            const auto smaller = static_cast<double>(chunk->Column(2).Int64(row));
            parts[pair] = smaller == 0 || common <= kSameBillOverlap * smaller;
        }
    }
    return parts;
}

// Ranks exports: the newest is the greatest.
struct Recency {
    int64_t exported = 0;
    std::string path;
    int64_t file = 0;

    bool operator<(const Recency& other) const {
        return std::tie(exported, path, file) < std::tie(other.exported, other.path, other.file);
    }
};

void AddNote(Restatements& out, int64_t file, std::string note) {
    auto& notes = out.notes[file];
    if (std::find(notes.begin(), notes.end(), note) == notes.end()) {
        notes.push_back(std::move(note));
    }
}

} // namespace

std::string ExportGroupOf(const std::filesystem::path& recorded_path) {
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
    return (recorded_path.parent_path() / masked).generic_string();
}

int64_t ModifiedMicros(const std::filesystem::path& path) {
    struct stat info {};

    if (::stat(path.c_str(), &info) != 0) {
        return 0;
    }
    return static_cast<int64_t>(info.st_mtim.tv_sec) * 1'000'000 + info.st_mtim.tv_nsec / 1'000;
}

void RecordExport(store::Connection& connection, int64_t source_file_id, const ExportTimes& times,
                  std::string_view export_group) {
    connection
        .Prepare("UPDATE source_file SET modified_at = make_timestamp($2), exported_at = make_timestamp($3), "
                 "export_group = $4 WHERE id = $1")
        .Execute(source_file_id, times.modified_micros, times.exported_micros, export_group);
    connection
        .Prepare("INSERT INTO billing_key (source_file_id, ProviderName, BillingAccountId, SubAccountId, "
                 "BillingPeriodStart, BillingCurrency, rows, billed_cost) "
                 "SELECT source_file_id, ProviderName, BillingAccountId, SubAccountId, BillingPeriodStart, "
                 "BillingCurrency, count(*), sum(BilledCost) FROM cost_line WHERE source_file_id = $1 GROUP BY ALL")
        .Execute(source_file_id);
}

Restatements ResolveRestatements(store::Connection& connection, std::span<const int64_t> new_file_ids) {
    Restatements out;
    if (new_file_ids.empty()) {
        return out;
    }
    const std::string new_ids = IdList(new_file_ids);
    const std::vector<Holder> holders = ReadHolders(connection, new_ids);

    // Holders by key, in order.
    std::vector<std::pair<size_t, size_t>> keys; // [begin, end) into holders
    for (size_t i = 0; i < holders.size(); ++i) {
        if (keys.empty() || holders[keys.back().first].key != holders[i].key) {
            keys.emplace_back(i, i);
        }
        keys.back().second = i + 1;
    }
    // Candidate parts: of one export group, written within the window, at least one of them new (earlier
    // holders of a key were resolved when they were loaded).
    std::vector<Pair> pairs;
    for (const auto& [begin, end] : keys) {
        for (size_t a = begin; a < end; ++a) {
            for (size_t b = a + 1; b < end; ++b) {
                const Holder& x = holders[a];
                const Holder& y = holders[b];
                if ((x.is_new || y.is_new) && x.group == y.group && !x.group.empty() &&
                    std::llabs(x.modified - y.modified) <= kPartsWindowMicros) {
                    pairs.push_back(Pair{x.key, a, b});
                }
            }
        }
    }
    const std::vector<bool> parts = ArePartsOfOneExport(connection, holders, pairs);

    Exports exports(holders.size());
    for (const auto& [begin, end] : keys) { // an earlier load's parts of one export stay one export
        for (size_t a = begin; a < end; ++a) {
            for (size_t b = a + 1; b < end; ++b) {
                if (!holders[a].unit.empty() && holders[a].unit == holders[b].unit) {
                    exports.Unite(a, b);
                }
            }
        }
    }
    for (size_t i = 0; i < pairs.size(); ++i) {
        if (parts[i]) {
            exports.Unite(pairs[i].a, pairs[i].b);
        }
    }

    std::string losers; // VALUES (file, key_id, winner)
    std::string units;  // VALUES (file, key_id, unit) for the new holders
    for (const auto& [begin, end] : keys) {
        std::map<size_t, Recency> recency; // per export (its root)
        std::map<size_t, std::string> label;
        for (size_t i = begin; i < end; ++i) {
            const Holder& h = holders[i];
            Recency& r = recency[exports.Find(i)];
            r = std::max(r, Recency{h.exported, h.path, h.file});
            std::string& unit = label[exports.Find(i)];
            if (!h.unit.empty()) {
                unit = h.unit;
            } else if (unit.empty()) {
                unit = fmt::format("file:{}", h.file); // the export's first new file names it
            }
        }
        const auto winner = std::max_element(recency.begin(), recency.end(), [](const auto& a, const auto& b) {
                                return a.second < b.second;
                            })->first;
        int64_t winner_file = 0; // the winning export's first file holding the key
        for (size_t i = begin; i < end; ++i) {
            if (exports.Find(i) == winner && (winner_file == 0 || holders[i].file < winner_file)) {
                winner_file = holders[i].file;
            }
        }
        const Holder* winner_holder = nullptr;
        for (size_t i = begin; i < end; ++i) {
            if (holders[i].file == winner_file) {
                winner_holder = &holders[i];
            }
        }
        for (size_t i = begin; i < end; ++i) {
            const Holder& h = holders[i];
            const size_t root = exports.Find(i);
            if (h.is_new) {
                units += fmt::format("{}({}, {}, {})", units.empty() ? "" : ", ", h.file, h.key,
                                     store::QuoteLiteral(label[root]));
            }
            if (root == winner) {
                // A part of the winning export shares the key with another part: say so once per file.
                for (size_t j = begin; j < end; ++j) {
                    if (j != i && exports.Find(j) == winner && h.is_new) {
                        AddNote(out, h.file,
                                fmt::format("read as a part of one export with {} (same folder, names equal up to "
                                            "their digits, written within an hour, different charges): their rows "
                                            "for {} add up",
                                            holders[j].path, h.key_text));
                        break;
                    }
                }
                continue;
            }
            losers += fmt::format("{}({}, {}, {})", losers.empty() ? "" : ", ", h.file, h.key, winner_file);
            const Holder& w = *winner_holder;
            out.replaced_rows[w.file] += h.rows;
            if (h.is_new) {
                out.superseded_rows[h.file] += h.rows;
            }
            if (!h.is_new) { // an earlier load's rows, restated by a newer export of this load
                AddNote(out, w.file,
                        fmt::format("restatement: replaces {} rows of source file {} ({}) for {}", h.rows, h.file,
                                    h.path, h.key_text));
            } else if (w.is_new) { // two exports of one bill in this load
                AddNote(out, h.file,
                        fmt::format("{} and {} both hold {} and are not parts of one export: the newer export, {} "
                                    "(counted as of {} UTC, against {}), is kept and the {} rows of {} are not",
                                    h.path, w.path, h.key_text, w.path, TimeText(w.exported), TimeText(h.exported),
                                    h.rows, h.path));
                AddNote(out, w.file,
                        fmt::format("restatement: replaces {} rows of {} (this load, an older export) for {}", h.rows,
                                    h.path, h.key_text));
            } else { // this load's file is older than the export already held
                AddNote(out, h.file,
                        fmt::format("older than source file {} ({}, counted as of {} UTC) for {}: its {} rows of it "
                                    "are not kept; load this file with --force to make it the current bill",
                                    w.file, w.path, TimeText(w.exported), h.key_text, h.rows));
            }
        }
    }

    if (!units.empty()) {
        connection.Execute(fmt::format(
            "UPDATE billing_key SET export_unit = u.unit FROM (VALUES {}) u(f, key_id, unit), restatement_key k "
            "WHERE billing_key.source_file_id = u.f AND k.key_id = u.key_id AND {}",
            units, SameKey("billing_key", "k")));
    }
    if (!losers.empty()) {
        connection.Execute(
            fmt::format("CREATE OR REPLACE TEMP TABLE restatement_loser AS SELECT l.f AS source_file_id, l.winner, k.* "
                        "FROM (VALUES {}) l(f, key_id, winner) JOIN restatement_key k USING (key_id)",
                        losers));
        connection.Execute("DELETE FROM cost_line USING restatement_loser l WHERE cost_line.source_file_id = "
                           "l.source_file_id AND " +
                           SameKey("cost_line", "l"));
        connection.Execute("UPDATE billing_key SET status = 'replaced', replaced_by_file_id = l.winner FROM "
                           "restatement_loser l WHERE billing_key.source_file_id = l.source_file_id AND " +
                           SameKey("billing_key", "l"));
        connection.Execute(
            "UPDATE source_file SET status = 'replaced', replaced_by_file_id = r.winner "
            "FROM (SELECT source_file_id, min(winner) AS winner FROM restatement_loser GROUP BY 1) r "
            "WHERE source_file.id = r.source_file_id AND source_file.status = 'active' AND NOT EXISTS "
            "(SELECT 1 FROM billing_key k WHERE k.source_file_id = source_file.id AND k.status = 'active')");
        connection.Execute("DROP TABLE restatement_loser");
    }
    connection.Execute("DROP TABLE restatement_key");
    return out;
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
    // them, which Tags wants). The ordering value is the charge start in its high 64 bits and a hash of the row's
    // content in its low ones, computed once per row, so rows tied in time fall to one row whatever the load or
    // scan order (a struct key per attribute did the same at four times the cost).
    connection.Execute("DELETE FROM resource");
    connection.Execute(R"sql(
INSERT INTO resource (provider, resource_id, name, type, region_id, region_name, billing_account_id, sub_account_id,
                      sub_account_name, service_category, service_name, first_seen, last_seen, tags,
                      billed_cost_to_date, effective_cost_to_date, currency)
SELECT ProviderName, ResourceId,
       arg_max(ResourceName, latest),
       arg_max(ResourceType, latest),
       arg_max(RegionId, latest),
       arg_max(RegionName, latest),
       arg_max(BillingAccountId, latest),
       arg_max(SubAccountId, latest),
       arg_max(SubAccountName, latest),
       arg_max(ServiceCategory, latest),
       arg_max(ServiceName, latest),
       min(ChargePeriodStart), max(ChargePeriodEnd),
       arg_max_null(Tags, latest),
       sum(BilledCost), sum(EffectiveCost), BillingCurrency
FROM (SELECT *, (epoch_us(ChargePeriodStart)::HUGEINT << 64) + hash(ChargePeriodEnd, ChargeDescription, ResourceName,
             ResourceType, RegionId, SubAccountId, ServiceName, SkuPriceId, Tags::VARCHAR, BilledCost) AS latest
      FROM cost_line WHERE ResourceId IS NOT NULL)
GROUP BY ProviderName, ResourceId, BillingCurrency
)sql");
}

} // namespace crosswalk::ingest::focus
