// crosswalk diff [RUN1 RUN2]: what moved where between two allocations, and why (docs/allocation.md).
#include "crosswalk/cli/command.hpp"
#include "crosswalk/common/error.hpp"
#include "crosswalk/report/reports.hpp"

namespace crosswalk::cli {
namespace {

struct DiffCliOptions {
    std::string workspace = ".";
    std::vector<int64_t> runs;
    std::string format = "auto";
    std::string output;
};

int RunDiff(const DiffCliOptions& options, const Terminal& terminal) {
    report::DiffOptions diff;
    if (options.runs.size() == 2) {
        diff.before = options.runs[0];
        diff.after = options.runs[1];
    } else if (!options.runs.empty()) {
        Throw(ErrorKind::kInvalidInput, "diff takes two runs (RUN1 RUN2) or none (the latest two)");
    }
    return EmitWorkspaceReport(
        options.workspace, [&](store::Connection& connection) { return report::DiffReport(connection, diff); },
        options.format, options.output, terminal);
}

} // namespace

Command AddDiffCommand(CLI::App& app) {
    auto options = std::make_shared<DiffCliOptions>();
    auto* command = app.add_subcommand("diff", "Show what moved where between two allocations (two `crosswalk run`s), "
                                               "and why. See docs/allocation.md.");
    AddWorkspaceOption(*command, options->workspace);
    command->add_option("RUNS", options->runs, "RUN1 RUN2: the `run` ids to compare; default: the latest two")
        ->expected(0, 2);
    AddReportFormatOptions(*command, options->format, options->output);
    command->footer(
        "Example: crosswalk diff -w demo        (the run ids: crosswalk sql \"SELECT * FROM allocation_run\")");
    return Command{command, [options](const Terminal& terminal) {
                       return RunDiff(*options, terminal);
                   }};
}

} // namespace crosswalk::cli
