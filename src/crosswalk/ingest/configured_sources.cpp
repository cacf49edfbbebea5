#include "crosswalk/ingest/configured_sources.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "crosswalk/common/error.hpp"
#include "crosswalk/ingest/enterprise/enterprise_ingest.hpp"
#include "crosswalk/ingest/run_log.hpp"
#include "crosswalk/store/transaction.hpp"

namespace crosswalk::ingest {
namespace {

// The sources of one load: one kind with one mapping (enterprise) or one provider setting (FOCUS).
struct Load {
    std::string kind;
    std::string mapping;
    std::string provider;
    std::vector<std::string> paths;
};

std::vector<Load> GroupSources(const workspace::Workspace& workspace, std::string_view kind) {
    std::vector<Load> loads;
    for (const workspace::SourceConfig& source : workspace.Config().sources) {
        if (!kind.empty() && source.kind != kind) {
            continue;
        }
        const std::string mapping = source.mapping.empty() ? "" : (workspace.Root() / source.mapping).string();
        auto load = std::find_if(loads.begin(), loads.end(), [&](const Load& candidate) {
            return candidate.kind == source.kind && candidate.provider == source.provider &&
                   (source.kind == "focus" || candidate.mapping == mapping);
        });
        if (load == loads.end()) {
            loads.push_back(Load{source.kind, mapping, source.provider, {}});
            load = loads.end() - 1;
        }
        load->paths.push_back((workspace.Root() / source.path).string());
    }
    return loads;
}

} // namespace

std::vector<IngestSummary> IngestConfiguredSources(store::Transaction& transaction,
                                                   const workspace::Workspace& workspace, std::string_view kind,
                                                   const FocusIngestOptions& focus_options) {
    const std::vector<Load> loads = GroupSources(workspace, kind);
    if (loads.empty()) {
        Throw(ErrorKind::kNotFound, "{} lists no source{}; name the files: crosswalk ingest KIND FILE...",
              (workspace.Root() / workspace::kConfigFileName).string(),
              kind.empty() ? std::string() : fmt::format(" of kind '{}'", kind));
    }
    std::vector<IngestSummary> summaries;
    for (const Load& load : loads) {
        std::vector<std::string> command_line = {"ingest", load.kind};
        command_line.insert(command_line.end(), load.paths.begin(), load.paths.end());
        if (load.kind == "focus") {
            FocusIngestOptions options = focus_options;
            if (!load.provider.empty()) {
                options.provider = load.provider;
            }
            summaries.push_back(IngestFocus(transaction, workspace.Root(), load.paths, options, command_line));
        } else {
            EnterpriseIngestOptions options;
            options.mapping = load.mapping;
            // The sources of one kind together form its snapshot: each keeps the others' files.
            for (const Load& other : loads) {
                if (&other != &load && other.kind == load.kind) {
                    options.same_snapshot.insert(options.same_snapshot.end(), other.paths.begin(), other.paths.end());
                }
            }
            summaries.push_back(
                IngestEnterprise(transaction, workspace.Root(), load.kind, load.paths, options, command_line));
        }
    }
    return summaries;
}

std::vector<IngestSummary> IngestConfiguredSources(workspace::Workspace& workspace, std::string_view kind,
                                                   const FocusIngestOptions& focus_options) {
    std::vector<std::string> whole_command = {"ingest"};
    if (!kind.empty()) {
        whole_command.emplace_back(kind);
    }
    store::Connection connection = workspace.Connect();
    try {
        // One transaction for every kind: a file refused in any of them leaves the whole store as it was.
        store::Transaction transaction(connection);
        std::vector<IngestSummary> summaries = IngestConfiguredSources(transaction, workspace, kind, focus_options);
        transaction.Commit();
        return summaries;
    } catch (const std::exception& error) {
        RecordFailedRun(connection, "ingest", whole_command, error.what());
        throw;
    }
}

} // namespace crosswalk::ingest
