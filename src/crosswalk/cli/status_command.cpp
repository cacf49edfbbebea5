// crosswalk status: what the workspace has loaded, per source kind.
#include <algorithm>

#include "crosswalk/cli/command.hpp"
#include "crosswalk/common/text.hpp"
#include "crosswalk/ingest/status.hpp"
#include "crosswalk/pipeline/pipeline.hpp"
#include "crosswalk/workspace/workspace.hpp"

namespace crosswalk::cli {
namespace {

std::vector<std::string> Cells(const ingest::SourceStatus& status) {
    if (status.files == 0) {
        return {status.kind, "0", "-", "-", "not loaded", "-"};
    }
    const std::string period = status.period_start.empty() && status.period_end.empty()
                                   ? std::string("-")
                                   : fmt::format("{} .. {}", status.period_start.empty() ? "?" : status.period_start,
                                                 status.period_end.empty() ? "?" : status.period_end);
    return {status.kind, WithThousands(status.files), WithThousands(status.rows), WithThousands(status.rejected),
            period,      status.last_loaded};
}

// Aligned columns: text left, counts right.
void PrintTable(const std::vector<ingest::SourceStatus>& statuses, std::ostream& out) {
    const std::vector<std::string> header = {"kind", "files", "rows", "rejected", "period", "last loaded (UTC)"};
    const std::vector<bool> right = {false, true, true, true, false, false};
    std::vector<std::vector<std::string>> rows = {header};
    for (const ingest::SourceStatus& status : statuses) {
        rows.push_back(Cells(status));
    }
    std::vector<size_t> widths(header.size(), 0);
    for (const auto& row : rows) {
        for (size_t i = 0; i < row.size(); ++i) {
            widths[i] = std::max(widths[i], row[i].size());
        }
    }
    for (const auto& row : rows) {
        std::string line;
        for (size_t i = 0; i < row.size(); ++i) {
            const std::string cell =
                right[i] ? fmt::format("{:>{}}", row[i], widths[i]) : fmt::format("{:<{}}", row[i], widths[i]);
            line += (i == 0 ? "" : "  ") + cell;
        }
        line.erase(line.find_last_not_of(' ') + 1);
        out << line << '\n';
    }
}

// One line: how fresh the enriched dimensions are, and what to do when they are not.
void PrintEnrichment(const pipeline::EnrichmentStatus& status, std::ostream& out) {
    if (status.last_run.empty()) {
        out << "\nenrichment: not run yet; `crosswalk run` applies the rules (cost_line_enriched)\n";
        return;
    }
    out << fmt::format("\nenrichment: {} keys, by the run of {} UTC (rules {})", WithThousands(status.keys),
                       status.last_run, status.rules_sha256.empty() ? "none" : status.rules_sha256.substr(0, 12));
    if (status.UpToDate()) {
        out << "; up to date\n";
        return;
    }
    std::vector<std::string> why;
    if (status.focus_files_pending > 0) {
        why.push_back(fmt::format("{} billing file(s) not enriched", status.focus_files_pending));
    }
    if (status.sources_loaded_since > 0) {
        why.push_back(fmt::format("{} source file(s) loaded since", status.sources_loaded_since));
    }
    if (!status.rules_valid) {
        why.push_back("the rules have errors (`crosswalk rules check`)");
    } else if (status.rules_changed) {
        why.push_back("the rules changed");
    }
    std::string joined;
    for (const std::string& reason : why) {
        joined += (joined.empty() ? "" : ", ") + reason;
    }
    out << fmt::format("; out of date: {}; `crosswalk run` brings it up to date\n", joined);
}

} // namespace

Command AddStatusCommand(CLI::App& app) {
    auto workspace_dir = std::make_shared<std::string>(".");
    auto* command = app.add_subcommand("status", "Show what the workspace has loaded, per source kind: active files, "
                                                 "rows, rejected rows, the period covered and when it was loaded.");
    AddWorkspaceOption(*command, *workspace_dir);
    command->footer("Example: crosswalk status -w demo");
    return Command{command, [workspace_dir](const Terminal& terminal) {
                       workspace::Workspace workspace =
                           workspace::Workspace::Open(*workspace_dir, workspace::AccessMode::kReadOnly);
                       store::Connection connection = workspace.Connect();
                       PrintTable(ingest::LoadedSources(connection), terminal.out);
                       PrintEnrichment(pipeline::ReadEnrichmentStatus(connection, workspace.Root()), terminal.out);
                       return 0;
                   }};
}

} // namespace crosswalk::cli
