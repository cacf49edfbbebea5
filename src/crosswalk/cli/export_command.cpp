// crosswalk export focus: the latest allocation as a FOCUS file (CSV or Parquet) for BI tools, with the x_
// allocation columns (docs/allocation.md, "The FOCUS export").
#include <filesystem>

#include "crosswalk/cli/command.hpp"
#include "crosswalk/common/error.hpp"
#include "crosswalk/common/text.hpp"
#include "crosswalk/report/focus_export.hpp"
#include "crosswalk/workspace/workspace.hpp"

namespace crosswalk::cli {
namespace {

struct ExportCliOptions {
    std::string workspace = ".";
    std::string what;
    std::string period;
    std::string format = "auto";
    std::string output;
};

report::ExportFormat ChooseExportFormat(const ExportCliOptions& options) {
    if (std::filesystem::is_directory(options.output)) {
        Throw(ErrorKind::kInvalidInput, "{} is a folder: name a file in it, e.g. {}", options.output,
              (std::filesystem::path(options.output) / "allocated.parquet").string());
    }
    if (options.format != "auto") {
        return report::ParseExportFormat(options.format);
    }
    if (options.output == "-") {
        return report::ExportFormat::kCsv;
    }
    const std::string extension = ToLower(std::filesystem::path(options.output).extension().string());
    if (extension == ".parquet") {
        return report::ExportFormat::kParquet;
    }
    if (extension == ".csv") {
        return report::ExportFormat::kCsv;
    }
    Throw(ErrorKind::kInvalidInput,
          "cannot tell the format of {} from its extension: name it .csv or .parquet, "
          "or give --format csv|parquet",
          options.output);
}

int RunExport(const ExportCliOptions& options, const Terminal& terminal) {
    report::FocusExportOptions focus;
    focus.format = ChooseExportFormat(options);
    focus.output = options.output;
    if (!options.period.empty()) {
        focus.period = report::Period::Parse(options.period);
    }
    workspace::Workspace workspace = workspace::Workspace::Open(options.workspace, workspace::AccessMode::kReadOnly);
    store::Connection connection = workspace.Connect();
    const report::FocusExportResult result = report::ExportAllocatedFocus(connection, focus);
    const std::string months = result.first_period == result.last_period
                                   ? result.first_period
                                   : result.first_period + " to " + result.last_period;
    terminal.err << fmt::format("export focus: {} row{} ({}) written to {}\n", result.rows, result.rows == 1 ? "" : "s",
                                months, options.output == "-" ? "standard output" : options.output);
    if (!result.stale_note.empty()) {
        terminal.err << fmt::format("export focus: warning: {}\n", result.stale_note);
    }
    for (const report::ExportTotal& total : result.totals) {
        terminal.err << fmt::format("  {}: BilledCost {}, EffectiveCost {}\n",
                                    total.currency.empty() ? "(no currency)" : total.currency, total.billed_cost,
                                    total.effective_cost);
    }
    return 0;
}

} // namespace

Command AddExportCommand(CLI::App& app) {
    auto options = std::make_shared<ExportCliOptions>();
    auto* command = app.add_subcommand("export", "Export the latest allocation as FOCUS (CSV or Parquet) with "
                                                 "x_AllocatedTo, x_AllocationRule and x_AllocationStep, for BI "
                                                 "tools. See docs/allocation.md.");
    AddWorkspaceOption(*command, options->workspace);
    command->add_option("WHAT", options->what, "focus: the allocated cost as FOCUS rows")
        ->required()
        ->check(CLI::IsMember({"focus"}));
    command->add_option("--period", options->period, "Only this month, YYYY-MM; default: every month allocated");
    command->add_option("--output", options->output, "The file to write (.csv or .parquet), or - for standard output")
        ->required()
        ->option_text("FILE");
    command->add_option("--format", options->format, "csv or parquet; default: from the --output extension")
        ->check(CLI::IsMember({"auto", "csv", "parquet"}));
    command->footer(
        "Example: crosswalk export focus -w demo --output allocated.parquet\n"
        "The rows add up to the cost lines the latest `crosswalk run` allocated, per currency, exactly; the "
        "totals are printed, with a warning when billing files were loaded since.");
    return Command{command, [options](const Terminal& terminal) {
                       return RunExport(*options, terminal);
                   }};
}

} // namespace crosswalk::cli
