// crosswalk explain cost-center X | application A: how a month's total after allocation was built (docs/allocation.md).
#include "crosswalk/cli/command.hpp"
#include "crosswalk/report/reports.hpp"

namespace crosswalk::cli {
namespace {

struct ExplainCliOptions {
    std::string workspace = ".";
    std::string kind;
    std::string value;
    std::string period;
    std::string format = "auto";
    std::string output;
};

int RunExplain(const ExplainCliOptions& options, const Terminal& terminal) {
    report::ExplainOptions explain;
    explain.dimension = options.kind == "cost-center" ? "cost_center" : "application";
    explain.value = options.value;
    if (!options.period.empty()) {
        explain.period = report::Period::Parse(options.period);
    }
    return EmitWorkspaceReport(
        options.workspace, [&](store::Connection& connection) { return report::ExplainReport(connection, explain); },
        options.format, options.output, terminal);
}

} // namespace

Command AddExplainCommand(CLI::App& app) {
    auto options = std::make_shared<ExplainCliOptions>();
    auto* command = app.add_subcommand(
        "explain", "Show how a cost center's or application's total after allocation was built, step by step, down "
                   "to the bill files and rows. See docs/allocation.md.");
    AddWorkspaceOption(*command, options->workspace);
    command->add_option("KIND", options->kind, "cost-center or application")
        ->required()
        ->check(CLI::IsMember({"cost-center", "application"}));
    command->add_option("VALUE", options->value, "The cost center or application, e.g. CC-2200, APP-WEB")->required();
    command->add_option("--period", options->period, "The month, YYYY-MM; default: the latest month with cost lines");
    AddReportFormatOptions(*command, options->format, options->output);
    command->footer("Example: crosswalk explain cost-center CC-2200 -w demo --period 2026-02");
    return Command{command, [options](const Terminal& terminal) {
                       return RunExplain(*options, terminal);
                   }};
}

} // namespace crosswalk::cli
