// crosswalk what-if resize RESOURCE --vcpus N: the license and cloud cost change of resizing a cloud VM
// (docs/licensing.md).
#include "crosswalk/cli/command.hpp"
#include "crosswalk/common/error.hpp"
#include "crosswalk/report/reports.hpp"
#include "crosswalk/rules/rule_set.hpp"

namespace crosswalk::cli {
namespace {

struct WhatIfCliOptions {
    std::string workspace = ".";
    std::string change;
    std::string target;
    int vcpus = 0;
    std::string as_of;
    std::string format = "auto";
    std::string output;
};

int RunWhatIf(const WhatIfCliOptions& options, const Terminal& terminal) {
    report::WhatIfResizeOptions resize;
    resize.resource = options.target;
    resize.vcpus = options.vcpus;
    if (!options.as_of.empty()) {
        resize.as_of = options.as_of;
    }
    resize.rules = rules::LoadRuleSetOrThrow(options.workspace).licensing;
    return EmitWorkspaceReport(
        options.workspace,
        [&](store::Connection& connection) { return report::WhatIfResizeReport(connection, resize); }, options.format,
        options.output, terminal);
}

} // namespace

Command AddWhatIfCommand(CLI::App& app) {
    auto options = std::make_shared<WhatIfCliOptions>();
    auto* command = app.add_subcommand(
        "what-if", "Show what a change would do before making it: resizing a cloud VM changes its license count, "
                   "the product's shortfall and exposure, and its cloud cost (docs/licensing.md).");
    AddWorkspaceOption(*command, options->workspace);
    command->add_option("CHANGE", options->change, "resize")->required()->check(CLI::IsMember({"resize"}));
    command
        ->add_option("RESOURCE", options->target,
                     "The cloud VM: its ResourceId, ResourceName or the end of its id (i-0abc)")
        ->required();
    command->add_option("--vcpus", options->vcpus, "The new size in vCPUs")->required()->check(CLI::Range(1, 100000));
    command->add_option("--as-of", options->as_of,
                        "The date, YYYY-MM-DD; default: the last day of the latest month with cost lines");
    AddReportFormatOptions(*command, options->format, options->output);
    command->footer("Example: crosswalk what-if resize i-0900676447b697ffb --vcpus 4 -w demo");
    return Command{command, [options](const Terminal& terminal) {
                       return RunWhatIf(*options, terminal);
                   }};
}

} // namespace crosswalk::cli
