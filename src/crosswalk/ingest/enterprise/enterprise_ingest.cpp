#include "crosswalk/ingest/enterprise/enterprise_ingest.hpp"

#include <array>
#include <chrono>
#include <optional>

#include <nlohmann/json.hpp>

#include "crosswalk/common/error.hpp"
#include "crosswalk/common/log.hpp"
#include "crosswalk/common/text.hpp"
#include "crosswalk/ingest/enterprise/column_binding.hpp"
#include "crosswalk/ingest/enterprise/file_loader.hpp"
#include "crosswalk/ingest/enterprise/reference_checks.hpp"
#include "crosswalk/ingest/enterprise/snapshot.hpp"
#include "crosswalk/ingest/enterprise/source_schema.hpp"
#include "crosswalk/ingest/file_hash.hpp"
#include "crosswalk/ingest/run_log.hpp"
#include "crosswalk/ingest/source_file_registry.hpp"
#include "crosswalk/store/transaction.hpp"

namespace crosswalk::ingest {
namespace {

namespace fs = std::filesystem;
using enterprise::KindSpec;

// CSV and JSON only: Parquet and XLSX carry typed numbers that may already have passed through a float.
constexpr std::array kAcceptedFormats = {FileFormat::kCsv, FileFormat::kCsvGzip, FileFormat::kJson,
                                         FileFormat::kNdjson};

const KindSpec& KindOrThrow(std::string_view kind) {
    const KindSpec* spec = enterprise::FindKind(kind);
    if (spec == nullptr) {
        Throw(ErrorKind::kInvalidInput, "'{}' is not an enterprise source kind; expected one of {}", kind,
              Join(enterprise::EnterpriseKinds(), ", ", [](const KindSpec& known) { return known.kind; }));
    }
    return *spec;
}

struct PlannedFile {
    InputFile file;
    InputFile recorded;
    std::string sha256;
};

nlohmann::json RulesJson(const std::vector<RuleCount>& rules) {
    nlohmann::json json = nlohmann::json::array();
    for (const RuleCount& rule : rules) {
        json.push_back({{"rule_id", rule.rule_id},
                        {"column", rule.column},
                        {"action", rule.action},
                        {"rows", rule.rows},
                        {"first_row", rule.first_row}});
    }
    return json;
}

// The file's notes (rules that fired, warnings, the mapping used) kept with it in source_file.details.
void RecordFileDetails(store::Connection& connection, const FileOutcome& outcome, const mapping::Mapping* mapping) {
    nlohmann::json details = {{"rules", RulesJson(outcome.rules)}, {"warnings", outcome.warnings}};
    if (mapping != nullptr) {
        details["mapping"] = mapping->file;
    }
    connection.Prepare("UPDATE source_file SET details = $2::JSON WHERE id = $1")
        .Execute(outcome.source_file_id, std::string_view(details.dump()));
}

nlohmann::json DetailsJson(const IngestSummary& summary, const std::vector<enterprise::ReplacedFile>& replaced,
                           bool append) {
    nlohmann::json files = nlohmann::json::array();
    for (const FileOutcome& file : summary.files) {
        files.push_back({{"path", file.path},
                         {"source_file_id", file.source_file_id},
                         {"skipped_unchanged", file.skipped_unchanged},
                         {"rows_read", file.counts.read},
                         {"rows_loaded", file.counts.loaded},
                         {"rows_rejected", file.counts.rejected},
                         {"rules", RulesJson(file.rules)},
                         {"warnings", file.warnings}});
    }
    nlohmann::json replaced_files = nlohmann::json::array();
    for (const enterprise::ReplacedFile& file : replaced) {
        replaced_files.push_back({{"source_file_id", file.id}, {"path", file.path}, {"rows", file.rows}});
    }
    return {{"kind", summary.kind}, {"append", append}, {"files", files}, {"replaced_files", replaced_files}};
}

// Loads one registered file and fills its outcome.
void LoadNewFile(store::Transaction& transaction, const KindSpec& kind, const PlannedFile& planned,
                 const mapping::Mapping* mapping, int64_t run_id, bool append, FileOutcome& outcome) {
    const auto started = std::chrono::steady_clock::now();
    enterprise::FileLoad load =
        enterprise::LoadFile(transaction, kind, planned.file, mapping, outcome.source_file_id, run_id, append);
    RecordCounts(transaction.GetConnection(), outcome.source_file_id, load.counts);
    outcome.counts = load.counts;
    outcome.rules = std::move(load.rules);
    outcome.warnings.insert(outcome.warnings.end(), load.warnings.begin(), load.warnings.end());
    if (load.counts.read == 0) {
        outcome.warnings.push_back("the file has no data rows");
    }
    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    Log().info("{}: loaded {} of {} rows as {} in {:.2f} s; {} rejected", outcome.path, load.counts.loaded,
               load.counts.read, kind.kind, seconds, load.counts.rejected);
}

IngestSummary Load(store::Transaction& transaction, const KindSpec& kind, const std::vector<PlannedFile>& plan,
                   const std::vector<std::string>& same_snapshot_sha256, const mapping::Mapping* mapping,
                   const EnterpriseIngestOptions& options, const std::vector<std::string>& command_line) {
    store::Connection& connection = transaction.GetConnection();
    IngestSummary summary;
    summary.kind = std::string(kind.kind);
    summary.run_id = StartRun(connection, fmt::format("ingest {}", kind.kind), command_line);

    // Files of this load already loaded stay: they are part of the new snapshot. Identical files within the
    // load count once.
    std::vector<int64_t> keep;
    for (const PlannedFile& planned : plan) {
        if (const auto loaded = FindLoadedFile(connection, kind.kind, planned.sha256)) {
            keep.push_back(*loaded);
        }
    }
    // So do the files of the other sources of this kind in the same configured run, loaded already.
    for (const std::string& sha256 : same_snapshot_sha256) {
        if (const auto loaded = FindLoadedFile(connection, kind.kind, sha256)) {
            keep.push_back(*loaded);
        }
    }
    std::vector<enterprise::ReplacedFile> replaced;
    std::string inputs;
    bool replaced_older = false;
    for (const PlannedFile& planned : plan) {
        inputs += planned.sha256 + "\n";
        FileOutcome outcome;
        outcome.path = planned.file.path.string(); // as given, like FOCUS; source_file.path is the recorded one
        if (const auto loaded = FindLoadedFile(connection, kind.kind, planned.sha256)) {
            outcome.skipped_unchanged = true;
            outcome.source_file_id = *loaded;
            Log().info("{}: unchanged, already loaded as source file {}", outcome.path, *loaded);
            summary.files.push_back(std::move(outcome));
            continue;
        }
        outcome.source_file_id = RegisterFile(connection, summary.run_id, kind.kind, planned.recorded, planned.sha256);
        keep.push_back(outcome.source_file_id);
        if (!options.append && !replaced_older) {
            replaced_older = true;
            replaced = enterprise::ReplaceOlderSnapshot(connection, kind, keep, outcome.source_file_id);
            for (const enterprise::ReplacedFile& old : replaced) {
                outcome.warnings.push_back(fmt::format("replaces the earlier snapshot {} (source file {}, {} rows)",
                                                       old.path, old.id, old.rows));
            }
        }
        LoadNewFile(transaction, kind, planned, mapping, summary.run_id, options.append, outcome);
        summary.files.push_back(std::move(outcome));
    }
    // Links are checked once everything of the load is in: a VM's host may come in a later file.
    for (FileOutcome& outcome : summary.files) {
        if (!outcome.skipped_unchanged) {
            enterprise::CheckReferences(connection, kind, outcome);
            RecordFileDetails(connection, outcome, mapping);
        }
    }
    FinishRun(connection, summary.run_id, Sha256OfText(inputs), DetailsJson(summary, replaced, options.append).dump());
    return summary;
}

} // namespace

IngestSummary IngestEnterprise(store::Transaction& transaction, const std::filesystem::path& workspace_root,
                               std::string_view kind, std::span<const std::string> patterns,
                               const EnterpriseIngestOptions& options, const std::vector<std::string>& command_line) {
    const KindSpec& spec = KindOrThrow(kind);
    std::optional<mapping::Mapping> mapping;
    if (!options.mapping.empty()) {
        mapping = mapping::LoadMapping(options.mapping);
        enterprise::CheckMapping(*mapping, spec);
    }
    // Paths on the command line mean what they mean in the user's shell: relative to the current folder.
    const std::vector<InputFile> files = ExpandInputs(patterns, fs::current_path(), kAcceptedFormats);
    std::vector<PlannedFile> plan;
    for (const InputFile& file : files) {
        plan.push_back(PlannedFile{file, RecordedInputFile(file, workspace_root), Sha256OfFile(file.path)});
    }
    std::vector<std::string> same_snapshot_sha256;
    if (!options.same_snapshot.empty()) {
        for (const InputFile& file : ExpandInputs(options.same_snapshot, fs::current_path(), kAcceptedFormats)) {
            same_snapshot_sha256.push_back(Sha256OfFile(file.path));
        }
    }
    return Load(transaction, spec, plan, same_snapshot_sha256, mapping ? &*mapping : nullptr, options, command_line);
}

IngestSummary IngestEnterprise(workspace::Workspace& workspace, std::string_view kind,
                               std::span<const std::string> patterns, const EnterpriseIngestOptions& options,
                               const std::vector<std::string>& command_line) {
    (void)KindOrThrow(kind); // before the store is opened: no run is recorded for a mistyped kind
    store::Connection connection = workspace.Connect();
    try {
        store::Transaction transaction(connection);
        IngestSummary summary = IngestEnterprise(transaction, workspace.Root(), kind, patterns, options, command_line);
        transaction.Commit();
        return summary;
    } catch (const std::exception& error) {
        // The transaction has rolled back: the store is as before. Record the failure on its own.
        RecordFailedRun(connection, fmt::format("ingest {}", kind), command_line, error.what());
        throw;
    }
}

} // namespace crosswalk::ingest
