#include "crosswalk/pipeline/pipeline.hpp"

#include <chrono>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "crosswalk/analyze/tco_parts.hpp"
#include "crosswalk/common/error.hpp"
#include "crosswalk/common/log.hpp"
#include "crosswalk/ingest/configured_sources.hpp"
#include "crosswalk/ingest/file_hash.hpp"
#include "crosswalk/ingest/run_log.hpp"

namespace crosswalk::pipeline {
namespace {

constexpr std::string_view kCommand = "run";

StageResult IngestStage(store::Transaction& transaction, const RunContext& context) {
    ingest::FocusIngestOptions focus_options;
    focus_options.progress = context.options.progress;
    focus_options.force = context.options.force;
    StageResult result;
    result.stage = "ingest";
    result.ingest = ingest::IngestConfiguredSources(transaction, context.workspace, "", focus_options);
    return result;
}

// Runs `work` between a start and a done report to the progress callback (when there is one): the enrich and
// allocate stages have no measurable size, so they report only that they run.
template <typename Work>
StageResult WithProgress(const RunContext& context, const char* label, Work work) {
    if (context.options.progress) {
        context.options.progress(Progress{label});
    }
    StageResult result = work();
    if (context.options.progress) {
        Progress done{label};
        done.percent = 100;
        done.done = true;
        context.options.progress(done);
    }
    return result;
}

StageResult EnrichStage(store::Transaction& transaction, const RunContext& context) {
    return WithProgress(context, "enriching cost lines", [&] {
        StageResult result;
        result.stage = "enrich";
        result.enrichment = enrich::Enrich(transaction, context.rules);
        return result;
    });
}

StageResult AllocateStage(store::Transaction& transaction, const RunContext& context) {
    return WithProgress(context, "allocating shared cost", [&] {
        StageResult result;
        result.stage = "allocate";
        result.allocation = allocate::Allocate(transaction, context.rules, context.workspace.Root(), context.run_id);
        result.notes = result.allocation->warnings;
        return result;
    });
}

// After the allocation: all cost in the model placed on applications, month by month (TCO, docs/tco.md).
StageResult CostStage(store::Transaction& transaction, const RunContext& context) {
    return WithProgress(context, "placing all cost on applications", [&] {
        StageResult result;
        result.stage = "cost";
        store::Connection& connection = transaction.GetConnection();
        const auto start = std::chrono::steady_clock::now();
        const int64_t parts = analyze::tco::WriteParts(
            connection,
            analyze::tco::TcoInputs{context.rules.licensing, context.rules.vendors, context.rules.allocation},
            context.run_id);
        const int64_t months =
            connection.Query("SELECT count(DISTINCT period) FROM tco_part").ScalarInt64().value_or(0);
        Log().debug("cost: {} months in {:.3f} s", months,
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        if (parts > 0) {
            result.notes.push_back(fmt::format("all cost in the model placed on applications, {} month{} in {} parts "
                                               "(`crosswalk report tco`)",
                                               months, months == 1 ? "" : "s", parts));
        }
        return result;
    });
}

// The inputs a run computed on: every active source file's content hash, in id order.
std::string InputsSha256(store::Connection& connection) {
    const std::string joined =
        connection
            .Query("SELECT coalesce(string_agg(kind || ' ' || content_sha256, chr(10) ORDER BY id), '') FROM "
                   "source_file WHERE status = 'active'")
            .ScalarString()
            .value_or("");
    return ingest::Sha256OfText(joined);
}

nlohmann::json StagesJson(const RunResult& result) {
    nlohmann::json stages = nlohmann::json::array();
    for (const StageResult& stage : result.stages) {
        nlohmann::json entry = {{"stage", stage.stage}, {"notes", stage.notes}};
        if (!stage.ingest.empty()) {
            nlohmann::json runs = nlohmann::json::array();
            for (const ingest::IngestSummary& summary : stage.ingest) {
                runs.push_back({{"kind", summary.kind}, {"run_id", summary.run_id}});
            }
            entry["ingest_runs"] = runs;
        }
        if (stage.enrichment) {
            const enrich::EnrichmentSummary& e = *stage.enrichment;
            entry["enrichment"] = {
                {"unchanged", e.unchanged},   {"keys", e.keys},
                {"keys_added", e.keys_added}, {"keys_removed", e.keys_removed},
                {"new_files", e.new_files},   {"tag_sets", e.tag_sets},
                {"names", e.names},           {"application_keys_by_source", e.application_keys_by_source}};
        }
        if (stage.allocation) {
            const allocate::AllocationSummary& a = *stage.allocation;
            entry["allocation"] = {{"periods", a.periods},
                                   {"steps", a.steps},
                                   {"pools", a.pools},
                                   {"pools_left", a.pools_left},
                                   {"lines", a.lines},
                                   {"files_summed", a.files_summed},
                                   {"files_unchanged", a.files_unchanged}};
        }
        stages.push_back(entry);
    }
    return stages;
}

} // namespace

std::vector<Stage> DefaultStages() {
    return {Stage{"ingest", IngestStage}, Stage{"enrich", EnrichStage}, Stage{"allocate", AllocateStage},
            Stage{"cost", CostStage}};
}

EnrichmentStatus ReadEnrichmentStatus(store::Connection& connection, const std::filesystem::path& workspace_root) {
    EnrichmentStatus status;
    status.keys = connection.Query("SELECT count(*) FROM enrichment_key").ScalarInt64().value_or(0);
    store::Result last =
        connection.Query("SELECT strftime(finished_at, '%Y-%m-%d %H:%M:%S'), coalesce(rules_sha256, '') FROM run WHERE "
                         "command = 'run' AND status = 'succeeded' ORDER BY finished_at DESC, id DESC LIMIT 1");
    if (auto chunk = last.NextChunk(); chunk && chunk->Size() == 1) {
        status.last_run = std::string(chunk->Column(0).String(0));
        status.rules_sha256 = std::string(chunk->Column(1).String(0));
    }
    status.focus_files_pending =
        connection
            .Query("SELECT count(*) FROM source_file WHERE kind = 'focus' AND status = 'active' AND id NOT IN (SELECT "
                   "source_file_id FROM enriched_source_file)")
            .ScalarInt64()
            .value_or(0);
    if (!status.last_run.empty()) {
        status.sources_loaded_since =
            connection
                .Query("SELECT count(*) FROM source_file WHERE kind <> 'focus' AND status = 'active' AND loaded_at > "
                       "(SELECT max(finished_at) FROM run WHERE command = 'run' AND status = 'succeeded')")
                .ScalarInt64()
                .value_or(0);
    }
    const rules::LoadResult rules = rules::LoadRuleSet(workspace_root);
    status.rules_valid = rules.errors.empty();
    status.rules_changed = !status.rules_valid || rules.rules.sha256 != status.rules_sha256;
    return status;
}

RunResult Run(workspace::Workspace& workspace, const std::vector<Stage>& stages, const RunOptions& options) {
    store::Connection connection = workspace.Connect();
    RunResult result;
    try {
        store::Transaction transaction(connection);
        const int64_t run_id = ingest::StartRun(connection, kCommand, options.arguments);
        const rules::RuleSet rules = rules::LoadRuleSetOrThrow(workspace.Root());
        const RunContext context{workspace, options, rules, run_id};
        for (const Stage& stage : stages) {
            result.stages.push_back(stage.run(transaction, context));
        }
        ingest::FinishRun(connection, run_id, InputsSha256(connection),
                          nlohmann::json{{"stages", StagesJson(result)}}.dump(), rules.sha256);
        transaction.Commit();
    } catch (const Error& error) {
        ingest::RecordFailedRun(connection, kCommand, options.arguments, error.what());
        throw;
    }
    return result;
}

} // namespace crosswalk::pipeline
