#include "crosswalk/ingest/enterprise/file_loader.hpp"

#include <optional>

#include <fmt/format.h>

#include "crosswalk/common/error.hpp"
#include "crosswalk/common/text.hpp"
#include "crosswalk/ingest/enterprise/column_binding.hpp"
#include "crosswalk/ingest/enterprise/raw_stage.hpp"
#include "crosswalk/ingest/enterprise/validation_sql.hpp"

namespace crosswalk::ingest::enterprise {
namespace {

CsvDialect DialectOf(const mapping::Mapping* mapping) {
    if (mapping == nullptr) {
        return {};
    }
    return CsvDialect{mapping->format.delimiter, mapping->format.quote, mapping->format.encoding};
}

std::vector<RuleCount> RuleCounts(store::Connection& connection, const std::string& sql) {
    std::vector<RuleCount> rules;
    store::Result result = connection.Query(sql);
    while (auto chunk = result.NextChunk()) {
        for (uint64_t row = 0; row < chunk->Size(); ++row) {
            rules.push_back(RuleCount{std::string(chunk->Column(0).String(row)),
                                      std::string(chunk->Column(1).String(row)), "reject", chunk->Column(2).Int64(row),
                                      chunk->Column(3).Int64(row)});
        }
    }
    return rules;
}

// Deletes the active rows of `kind` (other than this file's) for the months the typed rows contain; returns the
// warning saying what was restated, or "" when nothing was.
std::string RestatePeriods(store::Connection& connection, const KindSpec& kind, int64_t source_file_id) {
    const std::string table = fmt::format("main.{}", kind.targets.front().table);
    const std::string months =
        fmt::format("SELECT DISTINCT CAST(date_trunc('month', v_{}) AS DATE) FROM temp.crosswalk_typed "
                    "WHERE v_{} IS NOT NULL",
                    kind.restated_period, kind.restated_period);
    const std::string earlier = fmt::format(
        "source_file_id IN (SELECT id FROM main.source_file WHERE kind = '{}' AND status = 'active' AND id <> {}) "
        "AND CAST(date_trunc('month', {}) AS DATE) IN ({})",
        kind.kind, source_file_id, kind.restated_period, months);
    store::Result result = connection.Query(
        fmt::format("SELECT count(*), string_agg(DISTINCT strftime({}, '%Y-%m'), ', ' ORDER BY strftime({}, "
                    "'%Y-%m')), string_agg(DISTINCT CAST(source_file_id AS VARCHAR), ', ' ORDER BY "
                    "CAST(source_file_id AS VARCHAR)) FROM {} WHERE {}",
                    kind.restated_period, kind.restated_period, table, earlier));
    const std::optional<store::DataChunk> chunk = result.NextChunk();
    const int64_t rows = chunk->Column(0).Int64(0);
    if (rows == 0) {
        return "";
    }
    const std::string restated(chunk->Column(1).String(0));
    const std::string files(chunk->Column(2).String(0));
    connection.Execute(fmt::format("DELETE FROM {} WHERE {}", table, earlier));
    connection.Execute(fmt::format("UPDATE main.source_file SET status = 'replaced', replaced_by_file_id = {} "
                                   "WHERE id IN ({}) AND id NOT IN (SELECT DISTINCT source_file_id FROM {})",
                                   source_file_id, files, table));
    return fmt::format("restates {}: replaces {} row(s) loaded earlier for {} (source file(s) {})", restated, rows,
                       restated.find(',') == std::string::npos ? "that month" : "those months", files);
}

FileLoad RunLoad(store::Transaction& transaction, const KindSpec& kind, const InputFile& file,
                 const mapping::Mapping* mapping, int64_t source_file_id, int64_t run_id, bool restate) {
    store::Connection& connection = transaction.GetConnection();
    const RawStage stage = StageRawFile(transaction, file, DialectOf(mapping));
    FileLoad load;
    if (stage.columns.empty()) {
        connection.Execute("DROP TABLE IF EXISTS temp.crosswalk_raw");
        return load; // JSON without records: an empty snapshot
    }
    const Binding binding = BindColumns(kind, stage.columns, mapping, file.path.string());
    const LoadSql sql = BuildLoadSql(kind, binding, source_file_id, run_id);
    connection.Execute(sql.create_typed);
    for (const std::string& derivation : sql.derivations) {
        connection.Execute(derivation);
    }
    std::string restated;
    if (restate && !kind.restated_period.empty()) {
        restated = RestatePeriods(connection, kind, source_file_id);
    }
    connection.Execute(sql.create_errors);
    if (!sql.duplicates_in_file.empty()) {
        connection.Execute(sql.duplicates_in_file);
    }
    for (const std::string& duplicates : sql.duplicates_loaded) {
        connection.Execute(duplicates);
    }
    connection.Execute(sql.insert_rejects);
    int64_t inserted = 0;
    for (const std::string& insert : sql.insert_targets) {
        inserted += static_cast<int64_t>(connection.Query(insert).RowsChanged());
    }
    load.counts.read = connection.Query("SELECT count(*) FROM temp.crosswalk_typed").ScalarInt64().value_or(0);
    load.counts.rejected =
        connection.Query("SELECT count(DISTINCT source_row) FROM temp.crosswalk_errors").ScalarInt64().value_or(0);
    // Counted from the rows stored, so that RecordCounts' check (read = loaded + rejected) can fail.
    load.counts.loaded = inserted;
    CROSSWALK_ASSERT(load.counts.read == stage.rows, "every row staged is typed");
    load.rules = RuleCounts(connection, sql.rule_counts);
    if (!restated.empty()) {
        load.warnings.push_back(restated);
    }
    load.warnings.insert(load.warnings.end(), stage.notes.begin(), stage.notes.end());
    for (const RepeatCount& repeat : binding.repeats) {
        store::Result result = connection.Query(repeat.sql);
        const std::optional<store::DataChunk> chunk = result.NextChunk();
        const int64_t rows = chunk && chunk->Size() > 0 ? chunk->Column(0).Int64(0) : 0;
        if (rows == 0) {
            continue;
        }
        if (repeat.numbered) {
            load.warnings.push_back(fmt::format("{} row(s) derive the same {} as an earlier row: numbered -2, -3... in "
                                                "file order",
                                                rows, repeat.field));
        } else {
            load.warnings.push_back(fmt::format(
                "{} row(s) repeat {} {}(s) derived from an earlier row (an item written once per seat or assignment, "
                "say): each {} is loaded once, from its first row; the repeats are counted as rejected duplicates",
                rows, chunk->Column(1).Int64(0), repeat.field, repeat.field));
        }
    }
    for (const UnmappedValues& unmapped : binding.unmapped) {
        std::string listed;
        int64_t values = 0;
        store::Result result = connection.Query(unmapped.sql);
        while (auto chunk = result.NextChunk()) {
            for (uint64_t row = 0; row < chunk->Size(); ++row) {
                if (++values <= 10) {
                    listed += fmt::format("{}'{}' ({})", listed.empty() ? "" : ", ", chunk->Column(0).String(row),
                                          chunk->Column(1).Int64(row));
                }
            }
        }
        if (values > 0) {
            load.warnings.push_back(fmt::format(
                "{} value(s) of {} the mapping does not list, {} {}: {}{}", values, unmapped.source_column,
                unmapped.field,
                unmapped.otherwise.empty() ? std::string("left empty") : fmt::format("set to '{}'", unmapped.otherwise),
                listed, values > 10 ? ", ..." : ""));
        }
    }
    if (!binding.unused.empty()) {
        load.warnings.push_back(fmt::format("columns not read: {}", Join(binding.unused)));
    }
    if (!binding.missing.empty()) {
        load.warnings.push_back(
            fmt::format("columns the mapping names but the file lacks (left empty): {}", Join(binding.missing)));
    }
    connection.Execute(sql.drop_work_tables);
    connection.Execute("DROP TABLE IF EXISTS temp.crosswalk_raw");
    return load;
}

} // namespace

FileLoad LoadFile(store::Transaction& transaction, const KindSpec& kind, const InputFile& file,
                  const mapping::Mapping* mapping, int64_t source_file_id, int64_t run_id, bool restate) {
    try {
        return RunLoad(transaction, kind, file, mapping, source_file_id, run_id, restate);
    } catch (const Error& error) {
        if (error.Kind() != ErrorKind::kStore) {
            throw;
        }
        // A statement DuckDB refused (a mapping's bad regular expression, say): name the file, keep it short.
        const std::string message = error.Message();
        Throw(ErrorKind::kStore, "{}: {}", file.path.string(), FirstLine(message));
    }
}

} // namespace crosswalk::ingest::enterprise
