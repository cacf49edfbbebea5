#include "crosswalk/ingest/enterprise/file_loader.hpp"

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

FileLoad RunLoad(store::Transaction& transaction, const KindSpec& kind, const InputFile& file,
                 const mapping::Mapping* mapping, int64_t source_file_id, int64_t run_id) {
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
    load.warnings.insert(load.warnings.end(), stage.notes.begin(), stage.notes.end());
    for (const RepeatCount& repeat : binding.repeats) {
        if (const int64_t rows = connection.Query(repeat.sql).ScalarInt64().value_or(0); rows > 0) {
            load.warnings.push_back(fmt::format("{} row(s) derive the same {} as an earlier row: numbered -2, -3... in "
                                                "file order",
                                                rows, repeat.field));
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
                  const mapping::Mapping* mapping, int64_t source_file_id, int64_t run_id) {
    try {
        return RunLoad(transaction, kind, file, mapping, source_file_id, run_id);
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
