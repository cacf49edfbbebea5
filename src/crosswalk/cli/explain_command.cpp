// crosswalk explain cost-center X | application A: how a month's total after allocation was built
// (docs/allocation.md); crosswalk explain license PRODUCT: the evidence behind a license count (docs/licensing.md).
#include "crosswalk/cli/command.hpp"
#include "crosswalk/common/error.hpp"
#include "crosswalk/report/reports.hpp"
#include "crosswalk/rules/rule_set.hpp"

namespace crosswalk::cli {
namespace {

struct ExplainCliOptions {
    std::string workspace = ".";
    std::string kind;
    std::string value;
    std::string period;
    std::string as_of;
    std::string format = "auto";
    std::string output;
};

int RunExplain(const ExplainCliOptions& options, const Terminal& terminal) {
    if (options.kind == "license") {
        if (!options.period.empty()) {
            Throw(ErrorKind::kInvalidInput, "explain license takes --as-of DATE, not --period");
        }
        report::LicenseOptions license;
        license.product = options.value;
        if (!options.as_of.empty()) {
            license.as_of = options.as_of;
        }
        license.rules = rules::LoadRuleSetOrThrow(options.workspace).licensing;
        return EmitWorkspaceReport(
            options.workspace,
            [&](store::Connection& connection) { return report::LicenseExplainReport(connection, license); },
            options.format, options.output, terminal);
    }
    if (!options.as_of.empty()) {
        Throw(ErrorKind::kInvalidInput, "--as-of is for explain license; a cost center or application takes --period");
    }
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
                   "to the bill files and rows (docs/allocation.md), or how a product's license count was made, "
                   "installation by installation (docs/licensing.md).");
    AddWorkspaceOption(*command, options->workspace);
    command->add_option("KIND", options->kind, "cost-center, application or license")
        ->required()
        ->check(CLI::IsMember({"cost-center", "application", "license"}));
    command
        ->add_option("VALUE", options->value,
                     "The cost center, application or product, e.g. CC-2200, APP-WEB, 'SQL Server Enterprise'")
        ->required();
    command->add_option("--period", options->period, "The month, YYYY-MM; default: the latest month with cost lines");
    command->add_option("--as-of", options->as_of,
                        "license: the date, YYYY-MM-DD; default: the last day of the latest month with cost lines");
    AddReportFormatOptions(*command, options->format, options->output);
    command->footer("Examples: crosswalk explain cost-center CC-2200 -w demo --period 2026-02\n"
                    "          crosswalk explain license 'SQL Server Enterprise' -w demo");
    return Command{command, [options](const Terminal& terminal) {
                       return RunExplain(*options, terminal);
                   }};
}

} // namespace crosswalk::cli
