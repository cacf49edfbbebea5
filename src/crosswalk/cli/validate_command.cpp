// crosswalk validate focus FILE...: the ingest checks without loading; exit 1 when a file is not conformant.
#include "crosswalk/cli/command.hpp"
#include "crosswalk/ingest/focus/focus_ingest.hpp"
#include "crosswalk/store/database.hpp"

namespace crosswalk::cli {
namespace {

struct ValidateArguments {
    std::string kind;
    std::vector<std::string> inputs;
    int examples = 3;
    std::string date_order; // "", mdy, dmy or ymd
};

void PrintFile(const ingest::FocusValidation::File& file, std::ostream& out) {
    if (!file.refused.empty()) {
        out << fmt::format("{}: REFUSED: {}\n", file.path, file.refused);
        return;
    }
    const bool conformant = file.rules.empty();
    out << fmt::format("{}: FOCUS {}, {} rows: {} ({} would load, {} repaired, {} rejected)\n", file.path,
                       file.focus_version, file.counts.read, conformant ? "conformant" : "NOT conformant",
                       file.counts.loaded, file.counts.repaired, file.counts.rejected);
    for (size_t i = 0; i < file.rules.size(); ++i) {
        const ingest::RuleCount& rule = file.rules[i];
        out << fmt::format("  {:<30} {:<24} {:>8} rows  {}\n", rule.rule_id, rule.column, rule.rows, rule.action);
        if (i < file.examples.size()) {
            for (const std::string& example : file.examples[i]) {
                out << "      " << example << '\n';
            }
        }
    }
    for (const std::string& warning : file.warnings) {
        out << "  note: " << warning << '\n';
    }
}

int RunValidate(const ValidateArguments& arguments, const Terminal& terminal) {
    // Checks run in a private in-memory database: validation never needs or touches a workspace.
    const store::Database database = store::Database::OpenInMemory();
    store::Connection connection(database);
    const ingest::focus::DateOrder date_order = arguments.date_order.empty()
                                                    ? ingest::focus::DateOrder::kDetect
                                                    : ingest::focus::ParseDateOrder(arguments.date_order).value();
    const ingest::FocusValidation validation = ingest::ValidateFocus(
        connection, arguments.inputs, std::filesystem::current_path(), arguments.examples, date_order);
    for (const auto& file : validation.files) {
        PrintFile(file, terminal.out);
    }
    for (const ingest::SkippedInput& skipped : validation.skipped) {
        terminal.out << fmt::format("{}: skipped: {}\n", skipped.path.string(), skipped.reason);
    }
    const bool conformant = validation.Conformant();
    terminal.out << (conformant ? "all files conformant\n" : "not conformant\n");
    return conformant ? 0 : 1;
}

} // namespace

Command AddValidateCommand(CLI::App& app) {
    auto arguments = std::make_shared<ValidateArguments>();
    auto* command = app.add_subcommand("validate", "Check files against the FOCUS conformance rules without loading "
                                                   "them. Exit 1 when a file is not conformant.");
    command->add_option("KIND", arguments->kind, "What the files are (focus)")
        ->required()
        ->check(CLI::IsMember({"focus"}));
    command->add_option("FILES", arguments->inputs, "Files, folders or globs")->required();
    command->add_option("--examples", arguments->examples, "Example rows shown per violated rule")
        ->check(CLI::Range(0, 100));
    command
        ->add_option("--date-order", arguments->date_order,
                     "Day/month order of date-times that are not ISO 8601 (9/24/2024, 24.09.2024); by default "
                     "found in each file")
        ->check(CLI::IsMember({"mdy", "dmy", "ymd"}));
    std::string ignored_workspace;
    AddWorkspaceOption(*command, ignored_workspace);
    return Command{command, [arguments](const Terminal& terminal) {
                       return RunValidate(*arguments, terminal);
                   }};
}

} // namespace crosswalk::cli
