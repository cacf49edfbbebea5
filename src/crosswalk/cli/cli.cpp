#include "crosswalk/cli/cli.hpp"

#include <cerrno>
#include <cstring>
#include <exception>
#include <sstream>
#include <vector>

#include "crosswalk/cli/command.hpp"
#include "crosswalk/common/error.hpp"
#include "crosswalk/common/log.hpp"
#include "crosswalk/common/version.hpp"

namespace crosswalk::cli {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitUserError = 1;
constexpr int kExitInternalError = 2;

// The first line of a message; DuckDB's parser errors add a caret context that stays readable below it.
void PrintError(std::ostream& err, std::string_view message) {
    err << "crosswalk: error: " << message << '\n';
}

} // namespace

void AddWorkspaceOption(CLI::App& command, std::string& workspace) {
    command.add_option("-w,--workspace", workspace, "Workspace folder (default: the current folder)")->type_name("DIR");
}

int Main(int argc, const char* const* argv, const Terminal& terminal) {
    CLI::App app{"crosswalk: one ledger for cloud bills, IT assets, software licenses, the CMDB and the general "
                 "ledger",
                 "crosswalk"};
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string(kVersion));
    int verbosity = 0;
    app.add_flag("-v,--verbose", verbosity, "More diagnostics on stderr (-vv for debug)");
    app.footer("Run `crosswalk COMMAND --help` for a command's options.");

    std::vector<Command> commands;
    commands.push_back(AddInitCommand(app));
    commands.push_back(AddSqlCommand(app));
    commands.push_back(AddIngestCommand(app));
    commands.push_back(AddRunCommand(app));
    commands.push_back(AddValidateCommand(app));
    commands.push_back(AddStatusCommand(app));
    commands.push_back(AddGenerateCommand(app));
    commands.push_back(AddDemoCommand(app));
    commands.push_back(AddRulesCommand(app));
    commands.push_back(AddReportCommand(app));
    commands.push_back(AddExplainCommand(app));
    commands.push_back(AddDiffCommand(app));
    commands.push_back(AddExportCommand(app));
    commands.push_back(AddWhatIfCommand(app));
    commands.push_back(AddAlertsCommand(app));
    commands.push_back(AddServeCommand(app));
    commands.push_back(AddUserCommand(app));
    commands.push_back(AddTokenCommand(app));
    for (const Command& command : commands) {
        command.app->fallthrough(); // -v works after the command name too
    }

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        // CLI11's own exit codes (100+) would break the 0/1/2 contract: --help and --version are 0, the rest 1.
        std::ostringstream out;
        std::ostringstream err;
        const int code = app.exit(error, out, err);
        terminal.out << out.str();
        terminal.err << err.str();
        return code == 0 ? kExitOk : kExitUserError;
    }
    SetLogVerbosity(verbosity);

    try {
        for (const Command& command : commands) {
            if (command.app->parsed()) {
                const int code = command.run(terminal);
                // A full disk or a closed pipe shows only when the buffered output is flushed: a report that did
                // not reach its reader is an error, not a success.
                terminal.out.flush();
                if (!terminal.out) {
                    PrintError(terminal.err, fmt::format("cannot write to standard output: {}", std::strerror(errno)));
                    return kExitUserError;
                }
                return code;
            }
        }
        PrintError(terminal.err, "no command given; see `crosswalk --help`");
        return kExitUserError;
    } catch (const Error& error) {
        PrintError(terminal.err, error.what());
        return error.Kind() == ErrorKind::kInternal ? kExitInternalError : kExitUserError;
    } catch (const std::exception& error) {
        PrintError(terminal.err, fmt::format("internal error: {}", error.what()));
        return kExitInternalError;
    }
}

} // namespace crosswalk::cli
