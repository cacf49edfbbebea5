// crosswalk run: the pipeline on a workspace — load every source crosswalk.yaml lists, then every stage that
// exists — in one transaction, recorded as one run.
#include "crosswalk/cli/command.hpp"
#include "crosswalk/cli/summary_output.hpp"
#include "crosswalk/pipeline/pipeline.hpp"
#include "crosswalk/workspace/workspace.hpp"

namespace crosswalk::cli {
namespace {

struct RunArguments {
    std::string workspace = ".";
    bool force = false;
};

int RunPipeline(const RunArguments& arguments, const Terminal& terminal) {
    workspace::Workspace workspace = workspace::Workspace::Open(arguments.workspace);
    pipeline::RunOptions options;
    options.force = arguments.force;
    options.progress = TerminalProgress(terminal);
    options.arguments = {"run", "-w", arguments.workspace};
    if (arguments.force) {
        options.arguments.emplace_back("--force");
    }
    PrintRunResult(pipeline::Run(workspace, pipeline::DefaultStages(), options), true, terminal.out);
    return 0;
}

} // namespace

Command AddRunCommand(CLI::App& app) {
    auto arguments = std::make_shared<RunArguments>();
    auto* command = app.add_subcommand(
        "run", "Run the pipeline: load every source crosswalk.yaml lists (files already loaded are skipped), then "
               "each stage that exists. One transaction: on any error the store is unchanged.");
    AddWorkspaceOption(*command, arguments->workspace);
    command->add_flag("--force", arguments->force,
                      "Load billing files even if their content was loaded before, each as the newest export");
    return Command{command, [arguments](const Terminal& terminal) {
                       return RunPipeline(*arguments, terminal);
                   }};
}

} // namespace crosswalk::cli
