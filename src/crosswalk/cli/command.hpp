// What every command file of cli/ provides: a registration function that adds a CLI11 subcommand and returns
// the action to run when it was chosen. Actions run after parsing, so that errors map to exit codes in one
// place (cli.cpp).
#pragma once

#include <functional>
#include <span>
#include <string>

#include <CLI/CLI.hpp>

#include "crosswalk/cli/cli.hpp"
#include "crosswalk/report/report_table.hpp"
#include "crosswalk/store/connection.hpp"

namespace crosswalk::cli {

struct Command {
    CLI::App* app = nullptr;
    std::function<int(const Terminal&)> run;
};

// Adds `-w,--workspace DIR` (default: the current folder) to `command` and stores it in `workspace`.
void AddWorkspaceOption(CLI::App& command, std::string& workspace);

Command AddInitCommand(CLI::App& app);
Command AddSqlCommand(CLI::App& app);
Command AddIngestCommand(CLI::App& app);
Command AddValidateCommand(CLI::App& app);
Command AddStatusCommand(CLI::App& app);
Command AddGenerateCommand(CLI::App& app);
Command AddDemoCommand(CLI::App& app);
Command AddRunCommand(CLI::App& app);
Command AddRulesCommand(CLI::App& app);
Command AddReportCommand(CLI::App& app);
Command AddExplainCommand(CLI::App& app);
Command AddDiffCommand(CLI::App& app);
Command AddExportCommand(CLI::App& app);
Command AddWhatIfCommand(CLI::App& app);
Command AddAlertsCommand(CLI::App& app);
Command AddServeCommand(CLI::App& app);
Command AddUserCommand(CLI::App& app);
Command AddTokenCommand(CLI::App& app);

// Renders `table` as `format` ("auto": from the output file's extension, else a table on a terminal and CSV
// otherwise) to `output` (empty: standard output, but never an XLSX workbook to a terminal); a file is written
// whole or not at all. Returns 0.
int EmitReport(const report::ReportTable& table, const std::string& format, const std::string& output,
               const Terminal& terminal);

// As EmitReport, the first of `sheets`; an XLSX workbook has them all, a sheet each, in order.
int EmitReports(std::span<const report::ReportTable> sheets, const std::string& format, const std::string& output,
                const Terminal& terminal);

// Opens `workspace` read-only, builds a report on it with `build` and emits it as EmitReport does.
int EmitWorkspaceReport(const std::string& workspace,
                        const std::function<report::ReportTable(store::Connection&)>& build, const std::string& format,
                        const std::string& output, const Terminal& terminal);

// Adds --format and --output as `crosswalk report` has them.
void AddReportFormatOptions(CLI::App& command, std::string& format, std::string& output);

} // namespace crosswalk::cli
