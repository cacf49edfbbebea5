#include "crosswalk/ingest/focus/focus_ingest.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <map>
#include <optional>

#include <nlohmann/json.hpp>

#include "crosswalk/common/error.hpp"
#include "crosswalk/common/log.hpp"
#include "crosswalk/common/text.hpp"
#include "crosswalk/ingest/file_hash.hpp"
#include "crosswalk/ingest/focus/focus_layout.hpp"
#include "crosswalk/ingest/focus/focus_stage_sql.hpp"
#include "crosswalk/ingest/focus/progress.hpp"
#include "crosswalk/ingest/focus/restatement.hpp"
#include "crosswalk/ingest/run_log.hpp"
#include "crosswalk/store/database.hpp"
#include "crosswalk/store/transaction.hpp"

namespace crosswalk::ingest {
namespace {

using focus::FocusLayout;

constexpr std::array<FileFormat, 3> kFocusFormats = {FileFormat::kCsv, FileFormat::kCsvGzip, FileFormat::kParquet};

// Reads the file into the stage table. A file DuckDB cannot parse (broken quoting, a row with too many fields,
// invalid UTF-8, truncated gzip) is refused as a whole, naming the file and DuckDB's line.
void Stage(store::Connection& connection, const FocusLayout& layout) {
    try {
        connection.Execute(focus::StageSql(layout));
    } catch (const Error& error) {
        if (error.Kind() == ErrorKind::kInternal) {
            throw;
        }
        Throw(ErrorKind::kInvalidInput, "{}: cannot be read: {}", layout.path, FirstLine(error.Message()));
    }
}

RowCounts CountRows(store::Connection& connection) {
    store::Result result = connection.Query(focus::RowCountsSql());
    auto chunk = result.NextChunk();
    CROSSWALK_ASSERT(chunk && chunk->Size() == 1, "row counts return one row");
    RowCounts counts;
    counts.read = chunk->Column(0).Int64(0);
    counts.rejected = chunk->Column(1).Int64(0);
    counts.repaired = chunk->Column(2).Int64(0);
    counts.loaded = counts.read - counts.rejected;
    return counts;
}

// The rules that fired, with up to `examples` example rows each (in `example_lists` when given).
int64_t StageRowBase(store::Connection& connection) {
    return connection.Query(focus::StageRowBaseSql()).ScalarInt64().value_or(0);
}

// Rule counts as the staging and loading queries give them: rule, column, action, rows, first row.
std::vector<RuleCount> ReadRuleCounts(store::Result& result) {
    std::vector<RuleCount> rules;
    while (auto chunk = result.NextChunk()) {
        for (uint64_t row = 0; row < chunk->Size(); ++row) {
            rules.push_back(RuleCount{
                std::string(chunk->Column(0).String(row)), std::string(chunk->Column(1).String(row)),
                std::string(chunk->Column(2).String(row)), chunk->Column(3).Int64(row), chunk->Column(4).Int64(row)});
        }
    }
    return rules;
}

std::vector<RuleCount> CountRules(store::Connection& connection, int examples,
                                  std::vector<std::vector<std::string>>* example_lists) {
    const int64_t row_base = StageRowBase(connection);
    store::Result result = connection.Query(focus::RuleCountsSql(std::max(examples, 1), row_base));
    std::vector<RuleCount> rules = ReadRuleCounts(result);
    if (example_lists != nullptr) {
        // Lists are read as one JSON text each: the chunk reader handles scalar types.
        store::Result lists = connection.Query("SELECT to_json(examples)::VARCHAR FROM (" +
                                               focus::RuleCountsSql(std::max(examples, 1), row_base) + ")");
        while (auto chunk = lists.NextChunk()) {
            for (uint64_t row = 0; row < chunk->Size(); ++row) {
                example_lists->push_back(
                    nlohmann::json::parse(chunk->Column(0).String(row)).get<std::vector<std::string>>());
            }
        }
    }
    return rules;
}

std::vector<std::string> LayoutWarnings(const FocusLayout& layout) {
    std::vector<std::string> warnings;
    if (!layout.unknown_columns.empty()) {
        warnings.push_back(fmt::format("columns that are neither FOCUS nor x_-prefixed (kept in x_columns): {}",
                                       Join(layout.unknown_columns)));
    }
    std::string floats;
    for (const focus::MappedColumn& column : layout.mapped) {
        if (column.focus->type == model::FocusType::kDecimal && column.source.type == "DOUBLE") {
            floats += (floats.empty() ? "" : ", ") + column.source.name;
        }
    }
    if (!floats.empty()) {
        warnings.push_back(fmt::format(
            "amounts stored as binary floats, each read as its shortest decimal text (0.1 as 0.1): {}", floats));
    }
    if (!layout.default_provider.empty()) {
        warnings.push_back(fmt::format("no ProviderName column: every row takes '{}', the provider this source is "
                                       "configured with",
                                       layout.default_provider));
    }
    for (const std::string& renamed : layout.renamed_columns) {
        warnings.push_back(fmt::format("column renamed to its FOCUS 1.2 name: {}", renamed));
    }
    return warnings;
}

// Logs how long each step of a load takes, at debug level (-vv).
class StepTimer {
public:
    explicit StepTimer(std::string path) : path_(std::move(path)) {}

    void Step(std::string_view name) {
        const auto now = std::chrono::steady_clock::now();
        Log().debug("{}: {} took {:.3f} s", path_, name, std::chrono::duration<double>(now - last_).count());
        last_ = now;
    }

private:
    std::string path_;
    std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

// A new file of the load (not skipped as unchanged): its layout and where its outcome is in the summary.
struct NewFile {
    const InputFile* file = nullptr;
    FocusLayout layout;
    FileOutcome* outcome = nullptr;
    focus::ExportTimes times; // when it was written, and when its export counts as made
    std::string export_group; // the files it may be a part of one export with
};

// Reads the header and registers the file, so that it has its source file id before any row is read.
NewFile DescribeAndRegister(store::Connection& connection, int64_t run_id, const InputFile& file,
                            const std::filesystem::path& workspace_root, const std::string& content_sha256,
                            focus::DateOrder date_order, const std::string& provider, FileOutcome& outcome) {
    StepTimer timer(file.path.string());
    NewFile described;
    described.file = &file;
    described.layout = focus::DescribeFocusFile(connection, file, date_order);
    if (!provider.empty() && described.layout.SourceOf("ProviderName") == nullptr) {
        described.layout.default_provider = provider;
        std::erase_if(described.layout.missing_mandatory,
                      [](const model::FocusColumn* column) { return column->name == "ProviderName"; });
    }
    described.outcome = &outcome;
    focus::RequireFocusDataset(described.layout);
    timer.Step("reading the header");
    const InputFile recorded = RecordedInputFile(file, workspace_root);
    outcome.source_file_id = RegisterFile(connection, run_id, "focus", recorded, content_sha256);
    described.times.modified_micros = focus::ModifiedMicros(file.path);
    described.times.exported_micros = described.times.modified_micros;
    described.export_group = focus::ExportGroupOf(recorded.path);
    return described;
}

int64_t ModifiedOf(const InputFile& file) {
    return focus::ModifiedMicros(file.path);
}

bool IsReplaced(store::Connection& connection, int64_t source_file_id) {
    return connection.Prepare("SELECT status = 'replaced' FROM source_file WHERE id = $1")
               .Execute(source_file_id)
               .ScalarInt64()
               .value_or(0) != 0;
}

// --force: the load's files count as the newest exports of what they hold. Their times move forward together, so
// that the newest of them is now and their order among themselves (a bill and its restatement) stays.
void ForceNewest(std::vector<NewFile>& files) {
    int64_t newest = 0;
    for (const NewFile& file : files) {
        newest = std::max(newest, file.times.modified_micros);
    }
    const int64_t now =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    const int64_t shift = std::max<int64_t>(0, now - newest);
    for (NewFile& file : files) {
        file.times.exported_micros = file.times.modified_micros + shift;
    }
}

// The new files in groups that one statement can read, each in the order of the load: files of the same shape
// (the same SQL apart from the path) go together. Groups come in the order of their first file.
std::vector<std::vector<const NewFile*>> GroupByShape(const std::vector<NewFile>& files) {
    std::vector<std::vector<const NewFile*>> groups;
    for (const NewFile& file : files) {
        const auto group = std::find_if(groups.begin(), groups.end(), [&](const std::vector<const NewFile*>& g) {
            return focus::CanLoadTogether(file.layout) && focus::CanLoadTogether(g.front()->layout) &&
                   focus::SameShape(g.front()->layout, file.layout);
        });
        if (group == groups.end()) {
            groups.push_back({&file});
        } else {
            group->push_back(&file);
        }
    }
    return groups;
}

// After a group's statement failed (the transaction is then unusable), reads each of its files alone in a
// scratch database, to refuse the load naming the first file DuckDB cannot read, as a single-file load does.
[[noreturn]] void RefuseUnreadableFile(std::span<const NewFile* const> group, const std::string& label,
                                       const Error& group_error) {
    store::Database scratch = store::Database::OpenInMemory();
    store::Connection connection(scratch);
    for (const NewFile* file : group) {
        try {
            // Every column of every row, as the load reads them.
            (void)connection.Query(fmt::format("SELECT sum(length(CAST(to_json(src) AS VARCHAR))) FROM {} AS src",
                                               file->layout.relation_sql));
        } catch (const Error& error) {
            if (error.Kind() == ErrorKind::kInternal) {
                throw;
            }
            Throw(ErrorKind::kInvalidInput, "{}: cannot be read: {}", file->layout.path, FirstLine(error.Message()));
        }
    }
    Throw(ErrorKind::kInvalidInput, "{}: cannot be read: {}", label, FirstLine(group_error.Message()));
}

// Reads a group's files into cost_line in one statement, in one pass: every row typed and checked, with its
// file's id. Returns the rows inserted. A file DuckDB cannot parse (broken quoting, too many fields, invalid
// UTF-8, truncated gzip) refuses the load, naming it and DuckDB's line.
uint64_t InsertRows(store::Connection& connection, std::span<const NewFile* const> group,
                    const ProgressCallback& progress_callback) {
    const FocusLayout& layout = group.front()->layout;
    std::vector<std::string> paths;
    std::vector<int64_t> ids;
    uint64_t size_bytes = 0;
    for (const NewFile* file : group) {
        paths.push_back(file->layout.path);
        ids.push_back(file->outcome->source_file_id);
        size_bytes += file->file->size_bytes;
    }
    const std::string label =
        group.size() == 1 ? layout.path : fmt::format("{} and {} more of its layout", layout.path, group.size() - 1);
    focus::ProgressReporter progress(connection, label, size_bytes, progress_callback);
    try {
        if (group.size() == 1) {
            const std::string sql = focus::LoadCostLinesSql(layout);
            Log().trace("{}: loading with\n{}", label, sql);
            return connection.Prepare(sql).Execute(ids.front()).RowsChanged();
        }
        const std::string sql = focus::LoadCostLinesSql(layout, paths, ids);
        Log().trace("{}: loading with\n{}", label, sql);
        return connection.Query(sql).RowsChanged();
    } catch (const Error& error) {
        if (error.Kind() == ErrorKind::kInternal) {
            throw;
        }
        if (group.size() > 1) {
            RefuseUnreadableFile(group, label, error);
        }
        Throw(ErrorKind::kInvalidInput, "{}: cannot be read: {}", layout.path, FirstLine(error.Message()));
    }
}

// After InsertRows: sets the file's row numbers, reads its counts and rules, and moves its rejected rows to
// rejected_row.
void CountAndMoveRejected(store::Connection& connection, int64_t run_id, const NewFile& file) {
    FileOutcome& outcome = *file.outcome;
    const int64_t id = outcome.source_file_id;
    connection.Prepare(focus::NumberLoadedRowsSql()).Execute(id);
    {
        store::Result result = connection.Prepare(focus::LoadedRowCountsSql()).Execute(id);
        auto chunk = result.NextChunk();
        CROSSWALK_ASSERT(chunk && chunk->Size() == 1, "row counts return one row");
        outcome.counts.read = chunk->Column(0).Int64(0);
        outcome.counts.rejected = chunk->Column(1).Int64(0);
        outcome.counts.repaired = chunk->Column(2).Int64(0);
    }
    {
        store::Result result = connection.Prepare(focus::LoadedRuleCountsSql()).Execute(id);
        outcome.rules = ReadRuleCounts(result);
    }
    if (outcome.counts.rejected > 0) {
        connection.Prepare(focus::MoveRejectedRowsSql(file.layout)).Execute(id, run_id);
        (void)connection.Prepare(focus::DeleteRejectedRowsSql()).Execute(id);
    }
    // Counted from the rows stored, so that RecordCounts' check (read = loaded + rejected) can fail.
    outcome.counts.loaded = connection.Prepare("SELECT count(*) FROM cost_line WHERE source_file_id = $1")
                                .Execute(id)
                                .ScalarInt64()
                                .value_or(0);
    RecordCounts(connection, id, outcome.counts);
    outcome.warnings = LayoutWarnings(file.layout);
}

// Loads new files inside the caller's transaction: each group of one shape in one pass straight into cost_line,
// then per file the row numbers, counts, rejected rows and the billing keys it holds; then, for every billing key
// a new file holds, only the newest export's rows are kept, whatever the order of the files.
void LoadFiles(store::Connection& connection, int64_t run_id, const std::vector<NewFile>& files,
               const ProgressCallback& progress, const std::string& provider) {
    std::vector<int64_t> new_file_ids;
    for (const std::vector<const NewFile*>& group : GroupByShape(files)) {
        StepTimer timer(group.size() == 1 ? group.front()->layout.path
                                          : fmt::format("{} files like {}", group.size(), group.front()->layout.path));
        const uint64_t inserted = InsertRows(connection, group, progress);
        timer.Step("loading and checking");
        int64_t read = 0;
        for (const NewFile* file : group) {
            CountAndMoveRejected(connection, run_id, *file);
            focus::RecordExport(connection, file->outcome->source_file_id, file->times, file->export_group);
            new_file_ids.push_back(file->outcome->source_file_id);
            read += file->outcome->counts.read;
        }
        CROSSWALK_ASSERT(static_cast<int64_t>(inserted) == read, "every row read is counted");
        timer.Step("numbering, counting and moving rejected rows");
    }
    StepTimer timer("restatements");
    focus::Restatements restatements = focus::ResolveRestatements(connection, new_file_ids);
    timer.Step("keeping the newest export of each billing key");
    for (const NewFile& file : files) {
        FileOutcome& outcome = *file.outcome;
        const int64_t id = outcome.source_file_id;
        std::vector<std::string>& notes = restatements.notes[id];
        outcome.warnings.insert(outcome.warnings.end(), notes.begin(), notes.end());
        outcome.superseded_rows = restatements.superseded_rows[id];
        if (!provider.empty() && file.layout.default_provider.empty()) {
            const int64_t others =
                connection.Prepare("SELECT count(*) FROM cost_line WHERE source_file_id = $1 AND ProviderName <> $2")
                    .Execute(id, std::string_view(provider))
                    .ScalarInt64()
                    .value_or(0);
            if (others > 0) {
                outcome.warnings.push_back(
                    fmt::format("{} rows name another provider than '{}', the provider this source is configured with",
                                others, provider));
            }
        }
        if (restatements.replaced_rows[id] > 0 && outcome.counts.rejected > 0) {
            outcome.warnings.push_back(fmt::format(
                "this file replaces {} rows of earlier bills, but {} of its own rows were rejected (see rejected_row): "
                "until they are fixed and the file is loaded again with --force, its periods are short of what the "
                "provider billed by those rows",
                restatements.replaced_rows[id], outcome.counts.rejected));
        }
        focus::RecordFileMetadata(connection, id, model::FocusVersionName(file.layout.version),
                                  nlohmann::json{{"warnings", outcome.warnings}}.dump());
    }
}

std::string InputsHash(const std::vector<std::string>& hashes) {
    std::string joined;
    for (const std::string& hash : hashes) {
        joined += hash + "\n";
    }
    return Sha256OfText(joined);
}

} // namespace

IngestSummary IngestFocus(store::Transaction& transaction, const std::filesystem::path& workspace_root,
                          std::span<const std::string> patterns, const FocusIngestOptions& options,
                          const std::vector<std::string>& command_line) {
    store::Connection& connection = transaction.GetConnection();
    std::vector<SkippedInput> skipped;
    const std::vector<InputFile> files =
        ExpandInputs(patterns, std::filesystem::current_path(), kFocusFormats, &skipped);
    IngestSummary summary;
    summary.skipped = std::move(skipped);
    summary.kind = "focus";
    summary.run_id = StartRun(connection, "ingest focus", command_line);
    std::vector<std::string> hashes;
    // Outcomes are filled in place: reserved, so that the new files can point at theirs.
    summary.files.reserve(files.size());
    std::vector<NewFile> pending; // new files, loaded together once all are registered
    for (const InputFile& file : files) {
        const auto hash_start = std::chrono::steady_clock::now();
        const std::string content_sha256 = Sha256OfFile(file.path);
        Log().debug("{}: hashing took {:.3f} s", file.path.string(),
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - hash_start).count());
        hashes.push_back(content_sha256);
        FileOutcome& outcome = summary.files.emplace_back();
        outcome.path = file.path.string();
        // A content loaded once is never loaded again, even if a restatement replaced it since: that would bring
        // back a stale bill. --force loads it again as the newest export. The same content twice in one load is
        // one export, as old as its oldest copy, whichever path comes first.
        if (const auto twin =
                FindLoadedFile(connection, "focus", content_sha256, LoadedFiles::kOfRun, summary.run_id)) {
            outcome.skipped_unchanged = true;
            outcome.source_file_id = *twin;
            for (NewFile& earlier : pending) {
                if (earlier.outcome->source_file_id == *twin) {
                    earlier.times.modified_micros = std::min(earlier.times.modified_micros, ModifiedOf(file));
                    earlier.times.exported_micros = earlier.times.modified_micros;
                }
            }
            continue;
        }
        if (!options.force) {
            if (const auto loaded = FindLoadedFile(connection, "focus", content_sha256, LoadedFiles::kEver)) {
                outcome.skipped_unchanged = true;
                outcome.source_file_id = *loaded;
                outcome.replaced_since = IsReplaced(connection, *loaded);
                continue;
            }
        }
        pending.push_back(DescribeAndRegister(connection, summary.run_id, file, workspace_root, content_sha256,
                                              options.date_order, options.provider, outcome));
    }
    if (options.force) {
        ForceNewest(pending);
    }
    LoadFiles(connection, summary.run_id, pending, options.progress, options.provider);
    if (!pending.empty()) {
        const auto start = std::chrono::steady_clock::now();
        focus::RebuildResources(connection);
        Log().debug("rebuilding resources took {:.3f} s",
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    nlohmann::json details = {{"files", summary.files.size()}};
    const RowCounts totals = summary.Totals();
    details["rows"] = {
        {"read", totals.read}, {"loaded", totals.loaded}, {"repaired", totals.repaired}, {"rejected", totals.rejected}};
    details["force"] = options.force;
    FinishRun(connection, summary.run_id, InputsHash(hashes), details.dump());
    return summary;
}

IngestSummary IngestFocus(workspace::Workspace& workspace, std::span<const std::string> patterns,
                          const FocusIngestOptions& options, const std::vector<std::string>& command_line) {
    store::Connection connection = workspace.Connect();
    IngestSummary summary;
    try {
        store::Transaction transaction(connection);
        summary = IngestFocus(transaction, workspace.Root(), patterns, options, command_line);
        const auto commit_start = std::chrono::steady_clock::now();
        transaction.Commit();
        Log().debug("commit took {:.3f} s",
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - commit_start).count());
    } catch (const Error& error) {
        RecordFailedRun(connection, "ingest focus", command_line, error.what());
        throw;
    }
    for (const FileOutcome& file : summary.files) {
        Log().info("{}: {} rows loaded, {} rejected", file.path, file.counts.loaded, file.counts.rejected);
    }
    return summary;
}

bool FocusValidation::Conformant() const {
    return std::all_of(files.begin(), files.end(),
                       [](const File& file) { return file.refused.empty() && file.rules.empty(); });
}

FocusValidation ValidateFocus(store::Connection& connection, std::span<const std::string> patterns,
                              const std::filesystem::path& base, int examples_per_rule, focus::DateOrder date_order) {
    FocusValidation validation;
    for (const InputFile& file : ExpandInputs(patterns, base, kFocusFormats, &validation.skipped)) {
        FocusValidation::File checked;
        checked.path = file.path.string();
        try {
            const FocusLayout layout = focus::DescribeFocusFile(connection, file, date_order);
            checked.focus_version = std::string(model::FocusVersionName(layout.version));
            checked.warnings = LayoutWarnings(layout);
            focus::RequireFocusDataset(layout);
            Stage(connection, layout);
            checked.counts = CountRows(connection);
            checked.rules = CountRules(connection, examples_per_rule, &checked.examples);
            // A custom column without the x_ prefix is a dataset-level violation (the rows still load).
            for (const std::string& name : layout.unknown_columns) {
                checked.rules.push_back(RuleCount{"ColumnHandling-A-010-M", name, "kept_in_x_columns", 0, 0});
                checked.examples.push_back({"custom columns must be prefixed with x_"});
            }
            connection.Execute(fmt::format("DROP TABLE {}", focus::kStageTable));
        } catch (const Error& error) {
            if (error.Kind() == ErrorKind::kInternal) {
                throw;
            }
            // The message starts with the file's path, which the report already shows.
            std::string message = error.what();
            const std::string prefix = checked.path + ": ";
            checked.refused = message.rfind(prefix, 0) == 0 ? message.substr(prefix.size()) : message;
        }
        validation.files.push_back(std::move(checked));
    }
    return validation;
}

} // namespace crosswalk::ingest
