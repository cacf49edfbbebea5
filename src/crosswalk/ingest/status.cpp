#include "crosswalk/ingest/status.hpp"

#include <fmt/format.h>

#include "crosswalk/ingest/enterprise/source_schema.hpp"
#include "crosswalk/store/sql_quote.hpp"
#include "crosswalk/workspace/config.hpp"

namespace crosswalk::ingest {
namespace {

std::string ActiveFiles(std::string_view kind) {
    return fmt::format("SELECT id FROM main.source_file WHERE kind = {} AND status = 'active'",
                       store::QuoteLiteral(kind));
}

std::string Text(const store::DataChunk& chunk, uint64_t column) {
    return chunk.Column(column).IsValid(0) ? std::string(chunk.Column(column).String(0)) : std::string();
}

void ReadFiles(store::Connection& connection, SourceStatus& status) {
    store::Result result = connection.Query(
        fmt::format("SELECT count(*), coalesce(sum(rows_rejected), 0), strftime(max(loaded_at), '%Y-%m-%d %H:%M:%S') "
                    "FROM main.source_file WHERE id IN ({})",
                    ActiveFiles(status.kind)));
    const std::optional<store::DataChunk> chunk = result.NextChunk();
    status.files = chunk->Column(0).Int64(0);
    status.rejected = chunk->Column(1).Int64(0);
    status.last_loaded = Text(*chunk, 2);
}

void ReadPeriod(store::Connection& connection, std::string_view sql, SourceStatus& status) {
    store::Result result = connection.Query(sql);
    const std::optional<store::DataChunk> chunk = result.NextChunk();
    status.period_start = Text(*chunk, 0);
    status.period_end = Text(*chunk, 1);
}

int64_t Count(store::Connection& connection, std::string_view table, std::string_view kind) {
    return connection
        .Query(fmt::format("SELECT count(*) FROM main.{} WHERE source_file_id IN ({})", table, ActiveFiles(kind)))
        .ScalarInt64()
        .value_or(0);
}

} // namespace

std::vector<SourceStatus> LoadedSources(store::Connection& connection) {
    std::vector<SourceStatus> statuses;
    for (const std::string& kind : workspace::SourceKinds()) {
        SourceStatus status;
        status.kind = kind;
        ReadFiles(connection, status);
        if (status.files == 0) {
            statuses.push_back(std::move(status));
            continue;
        }
        if (kind == "focus") {
            status.rows = Count(connection, "cost_line", kind);
            ReadPeriod(connection,
                       // billing_period_end is exclusive: the last month is the one before it.
                       fmt::format("SELECT strftime(min(billing_period_start), '%Y-%m'), "
                                   "strftime(max(billing_period_end) - INTERVAL 1 DAY, '%Y-%m') FROM main.source_file "
                                   "WHERE id IN ({})",
                                   ActiveFiles(kind)),
                       status);
        } else if (const enterprise::KindSpec* spec = enterprise::FindKind(kind)) {
            for (const enterprise::TargetTable& target : spec->targets) {
                status.rows += Count(connection, target.table, kind);
            }
            if (!spec->period_start.empty()) {
                ReadPeriod(connection,
                           fmt::format("SELECT strftime({}, '%Y-%m'), strftime({}, '%Y-%m') FROM main.{} "
                                       "WHERE source_file_id IN ({})",
                                       spec->period_start, spec->period_end, spec->targets.front().table,
                                       ActiveFiles(kind)),
                           status);
            }
        }
        statuses.push_back(std::move(status));
    }
    return statuses;
}

} // namespace crosswalk::ingest
