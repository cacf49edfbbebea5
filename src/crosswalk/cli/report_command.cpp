// crosswalk report NAME: one of the library's reports (docs/reports.md), rendered as a table, CSV, JSON or XLSX.
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "crosswalk/cli/command.hpp"
#include "crosswalk/common/error.hpp"
#include "crosswalk/common/text.hpp"
#include "crosswalk/report/report_render.hpp"
#include "crosswalk/report/report_request.hpp"
#include "crosswalk/report/reports.hpp"
#include "crosswalk/workspace/workspace.hpp"

namespace crosswalk::cli {
namespace {

struct ReportOptions {
    std::string workspace = ".";
    std::string name;
    std::string period;
    std::string product;
    std::string as_of;
    std::optional<int> idle_days;
    std::optional<int> lag;
    std::optional<int> year;
    std::string asset;
    std::string application;
    std::optional<int> fiscal_year_start;
    std::string convention;
    std::string by;
    std::optional<int> horizon;
    std::string cost_center;
    std::string provider;
    std::string service;
    bool fail_on_violation = false;
    std::string format = "auto";
    std::string output;
};

// The format an output file's extension names (.csv, .json, .xlsx), if any.
std::optional<report::ReportFormat> ExtensionFormat(const std::string& output) {
    const std::string extension = ToLower(std::filesystem::path(output).extension().string());
    if (extension == ".csv") {
        return report::ReportFormat::kCsv;
    }
    if (extension == ".json") {
        return report::ReportFormat::kJson;
    }
    if (extension == ".xlsx") {
        return report::ReportFormat::kXlsx;
    }
    return std::nullopt;
}

// --format, or else from the output file's extension, else a table (any other file), or else table on a
// terminal and CSV otherwise (as `crosswalk sql`).
report::ReportFormat ChooseFormat(const std::string& format, const std::string& output, const Terminal& terminal) {
    if (format != "auto") {
        return report::ParseReportFormat(format);
    }
    if (!output.empty()) {
        return ExtensionFormat(output).value_or(report::ReportFormat::kTable);
    }
    return terminal.out_is_terminal ? report::ReportFormat::kTable : report::ReportFormat::kCsv;
}

int RunReport(const ReportOptions& options, const Terminal& terminal) {
    const report::ReportInfo& info = report::FindReport(options.name); // before opening anything
    report::ReportRequest request;
    request.workspace_root = options.workspace;
    // Each report takes only the options that mean something to it; the library parses them, as for the API.
    const auto number = [](const std::optional<int>& value) {
        return value ? std::to_string(*value) : std::string();
    };
    const std::vector<std::pair<std::string_view, std::string>> given = {
        {"--period", options.period},
        {"--product", options.product},
        {"--as-of", options.as_of},
        {"--idle-days", number(options.idle_days)},
        {"--lag", number(options.lag)},
        {"--year", number(options.year)},
        {"--application", options.application},
        {"--asset", options.asset},
        {"--fiscal-year-start", number(options.fiscal_year_start)},
        {"--convention", options.convention},
        {"--by", options.by},
        {"--horizon", number(options.horizon)},
        {"--cost-center", options.cost_center},
        {"--provider", options.provider},
        {"--service", options.service},
        {"--fail-on-violation", options.fail_on_violation ? "true" : ""}};
    for (const auto& [option, value] : given) {
        if (!value.empty()) {
            report::SetReportOption(info, request, option, value);
        }
    }
    const bool workbook = ChooseFormat(options.format, options.output, terminal) == report::ReportFormat::kXlsx;
    workspace::Workspace workspace = workspace::Workspace::Open(options.workspace, workspace::AccessMode::kReadOnly);
    store::Connection connection = workspace.Connect();
    std::vector<report::ReportTable> sheets{info.run(connection, request)};
    if (workbook) {
        for (const std::string& name : info.workbook_with) {
            sheets.push_back(report::FindReport(name).run(connection, request));
        }
    }
    const int status = EmitReports(sheets, options.format, options.output, terminal);
    // In a CI pipeline (like Cloud Custodian): violations fail the step, after the report is out.
    if (options.fail_on_violation && !sheets.front().rows.empty()) {
        terminal.err << fmt::format("report {}: {} violation{}; failing (--fail-on-violation)\n", info.name,
                                    sheets.front().rows.size(), sheets.front().rows.size() == 1 ? "" : "s");
        return 1;
    }
    return status;
}

} // namespace

int EmitReports(std::span<const report::ReportTable> sheets, const std::string& format_option,
                const std::string& output, const Terminal& terminal) {
    const report::ReportFormat format = ChooseFormat(format_option, output, terminal);
    const report::ReportTable& table = sheets.front();
    if (output.empty() && format == report::ReportFormat::kXlsx && terminal.out_is_terminal) {
        Throw(ErrorKind::kInvalidInput, "an XLSX workbook is binary: write it to a file with --output {}.xlsx",
              table.name);
    }
    if (const std::optional<report::ReportFormat> named = ExtensionFormat(output);
        format_option != "auto" && named && *named != format) {
        terminal.err << fmt::format("report {}: warning: writing {} to {}, whose extension names another format\n",
                                    table.name, format_option, output);
    }
    // Rendered whole first, so a failing report never leaves half a file.
    std::ostringstream text;
    if (format == report::ReportFormat::kXlsx) {
        report::WriteReportWorkbook(sheets, text);
    } else {
        report::WriteReport(table, format, text);
    }
    if (output.empty()) {
        terminal.out << text.str();
        return 0;
    }
    errno = 0;
    std::ofstream file(output, std::ios::binary | std::ios::trunc);
    file << text.str();
    file.close();
    if (!file) {
        Throw(ErrorKind::kIo, "cannot write the report to {}{}", output,
              errno != 0 ? fmt::format(": {}", std::strerror(errno)) : "");
    }
    std::string also;
    for (size_t i = 1; format == report::ReportFormat::kXlsx && i < sheets.size(); ++i) {
        also += fmt::format(", with sheet {} ({} row{})", sheets[i].name, sheets[i].rows.size(),
                            sheets[i].rows.size() == 1 ? "" : "s");
    }
    terminal.err << fmt::format("report {}: {} row{} written to {}{}\n", table.name, table.rows.size(),
                                table.rows.size() == 1 ? "" : "s", output, also);
    return 0;
}

int EmitReport(const report::ReportTable& table, const std::string& format, const std::string& output,
               const Terminal& terminal) {
    return EmitReports(std::span<const report::ReportTable>(&table, 1), format, output, terminal);
}

int EmitWorkspaceReport(const std::string& workspace_dir,
                        const std::function<report::ReportTable(store::Connection&)>& build, const std::string& format,
                        const std::string& output, const Terminal& terminal) {
    workspace::Workspace workspace = workspace::Workspace::Open(workspace_dir, workspace::AccessMode::kReadOnly);
    store::Connection connection = workspace.Connect();
    return EmitReport(build(connection), format, output, terminal);
}

void AddReportFormatOptions(CLI::App& command, std::string& format, std::string& output) {
    command
        .add_option("--format", format,
                    "table, csv, json or xlsx; default: from the --output extension, else table on a terminal and "
                    "csv otherwise")
        ->check(CLI::IsMember({"auto", "table", "csv", "json", "xlsx"}));
    command.add_option("--output", output, "Write the report to FILE instead of standard output");
}

Command AddReportCommand(CLI::App& app) {
    auto options = std::make_shared<ReportOptions>();
    std::vector<std::string> names;
    std::string list;
    for (const report::ReportInfo& info : report::Reports()) {
        names.push_back(info.name);
        list += fmt::format("\n  {:<16} {}", info.name, info.description);
    }
    auto* command = app.add_subcommand("report", "Print a report (" + Join(names) +
                                                     ") over the workspace's database. See docs/reports.md.");
    AddWorkspaceOption(*command, options->workspace);
    command->add_option("NAME", options->name, "The report: " + Join(names))->required();
    command->add_option("--period", options->period,
                        "The month, YYYY-MM (cost lines whose ChargePeriodStart is in it, UTC); default: the latest "
                        "month with cost lines");
    command->add_option("--product", options->product,
                        "license-position, license-findings, renewals: one product, e.g. 'SQL Server Enterprise'");
    command->add_option("--as-of", options->as_of,
                        "license-position, license-findings, renewals, reconcile-inventory, depreciation, "
                        "depreciation-schedule: the date, YYYY-MM-DD; default: the last day of the latest month with "
                        "cost lines");
    command->add_option("--idle-days", options->idle_days,
                        "license-findings: an installation not used for more days is idle (default 90)");
    command->add_option("--lag", options->lag,
                        "reconcile-ledger: months from the billing period to the ledger period; default: detected");
    command
        ->add_option("--year", options->year,
                     "vendor-spend, tco, tco-services, tco-explain, unit-cost: a calendar year "
                     "instead of --period (TCO: its billed months)")
        ->check(CLI::Range(1900, 9999));
    command->add_option("--application", options->application,
                        "tco, tco-explain, lines: one application, by CI id (APP-ERP), or '(unassigned)'");
    command->add_option("--asset", options->asset, "depreciation, depreciation-schedule: one asset, by asset_tag");
    command
        ->add_option("--fiscal-year-start", options->fiscal_year_start,
                     "depreciation, depreciation-schedule: the month the fiscal year starts in, 1-12 (default 1)")
        ->check(CLI::Range(1, 12));
    command
        ->add_option("--convention", options->convention,
                     "depreciation, depreciation-schedule: how the month placed in service counts: full-month "
                     "(default), mid-month (half), next-month (not at all)")
        ->check(CLI::IsMember({"full-month", "mid-month", "next-month"}));
    command->add_option("--by", options->by,
                        "forecast, anomalies: the series, by provider (default), account, service, application, "
                        "cost_center or business_unit");
    command->add_option("--horizon", options->horizon, "forecast: months ahead (default 3)")->check(CLI::Range(0, 36));
    command->add_option("--cost-center", options->cost_center, "lines: one cost center ('(none)': lines with none)");
    command->add_option("--provider", options->provider, "lines: one provider, as the bill names it (ProviderName)");
    command->add_option("--service", options->service, "lines: one service (ServiceName)");
    command->add_flag("--fail-on-violation", options->fail_on_violation,
                      "policy: exit 1 when there is a violation (for a CI pipeline)");
    AddReportFormatOptions(*command, options->format, options->output);
    command->footer("Reports:" + list +
                    "\nThe XLSX workbook of chargeback or showback has both, a sheet each."
                    "\nExamples: crosswalk report taxonomy -w demo --period 2026-11"
                    "\n          crosswalk report reconcile-ledger -w demo --period 2026-05"
                    "\n          crosswalk report tco -w demo --year 2026"
                    "\n          crosswalk report forecast -w demo --by application --horizon 6"
                    "\n          crosswalk report tco-explain -w demo --application APP-ERP --period 2026-02"
                    "\n          crosswalk report depreciation -w demo --as-of 2026-06-30 --fiscal-year-start 7"
                    "\n          crosswalk report chargeback -w demo --output chargeback-2026-11.xlsx"
                    "\n          crosswalk report license-findings -w demo --idle-days 60"
                    "\n          crosswalk report policy -w demo --fail-on-violation"
                    "\n          crosswalk report lines -w demo --cost-center CC-2200 --application APP-WEB");
    return Command{command, [options](const Terminal& terminal) {
                       return RunReport(*options, terminal);
                   }};
}

} // namespace crosswalk::cli
