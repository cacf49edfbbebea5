#include "crosswalk/ingest/enterprise/snapshot.hpp"

#include <fmt/format.h>

#include "crosswalk/common/text.hpp"
#include "crosswalk/store/sql_quote.hpp"

namespace crosswalk::ingest::enterprise {

std::vector<ReplacedFile> ReplaceOlderSnapshot(store::Connection& connection, const KindSpec& kind,
                                               std::span<const int64_t> keep, int64_t replacing_file_id) {
    const std::string kept = Join(keep);
    const std::string older =
        fmt::format("SELECT id FROM main.source_file WHERE kind = {} AND status = 'active' AND id NOT IN ({})",
                    store::QuoteLiteral(kind.kind), kept.empty() ? std::string("NULL") : kept);

    std::vector<ReplacedFile> replaced;
    store::Result files =
        connection.Query(fmt::format("SELECT id, path FROM main.source_file WHERE id IN ({}) ORDER BY id", older));
    while (auto chunk = files.NextChunk()) {
        for (uint64_t row = 0; row < chunk->Size(); ++row) {
            replaced.push_back(ReplacedFile{chunk->Column(0).Int64(row), std::string(chunk->Column(1).String(row)), 0});
        }
    }
    if (replaced.empty()) {
        return replaced;
    }
    const std::string ids = Join(replaced, ", ", [](const ReplacedFile& file) { return std::to_string(file.id); });
    for (const TargetTable& target : kind.targets) {
        // Per file, so the summary can say how many rows each replaced file held.
        store::Result counts = connection.Query(
            fmt::format("SELECT source_file_id, count(*) FROM main.{} WHERE source_file_id IN ({}) GROUP BY ALL",
                        target.table, ids));
        while (auto chunk = counts.NextChunk()) {
            for (uint64_t row = 0; row < chunk->Size(); ++row) {
                for (ReplacedFile& file : replaced) {
                    if (file.id == chunk->Column(0).Int64(row)) {
                        file.rows += chunk->Column(1).Int64(row);
                    }
                }
            }
        }
        connection.Execute(fmt::format("DELETE FROM main.{} WHERE source_file_id IN ({})", target.table, ids));
    }
    connection.Execute(
        fmt::format("UPDATE main.source_file SET status = 'replaced', replaced_by_file_id = {} WHERE id IN ({})",
                    replacing_file_id, ids));
    return replaced;
}

} // namespace crosswalk::ingest::enterprise
