// crosswalk init DIR: creates a workspace (or completes one), idempotently.
#include "crosswalk/cli/command.hpp"
#include "crosswalk/workspace/workspace.hpp"

namespace crosswalk::cli {

Command AddInitCommand(CLI::App& app) {
    auto* command = app.add_subcommand("init", "Create a workspace: crosswalk.yaml, rules/ with examples, and the "
                                               "database. Safe to run again: nothing existing is overwritten.");
    auto directory = std::make_shared<std::string>();
    command->add_option("DIR", *directory, "Workspace folder to create (default: the current folder)");
    AddWorkspaceOption(*command, *directory);
    return Command{command, [directory](const Terminal& terminal) {
                       const std::string root = directory->empty() ? "." : *directory;
                       const workspace::InitResult result = workspace::InitWorkspace(root);
                       if (result.already_initialized && result.created.empty()) {
                           terminal.out << fmt::format("workspace {} is already initialized (schema version {})\n",
                                                       result.root.string(), result.schema_version);
                           return 0;
                       }
                       terminal.out << fmt::format("{} workspace {}\n",
                                                   result.already_initialized ? "completed" : "created",
                                                   result.root.string());
                       for (const std::string& path : result.created) {
                           terminal.out << "  + " << path << '\n';
                       }
                       terminal.out << fmt::format("database {} (schema version {})\n", result.database.string(),
                                                   result.schema_version);
                       terminal.out << fmt::format("next: crosswalk sql -w {} \"SHOW TABLES\"\n", root);
                       return 0;
                   }};
}

} // namespace crosswalk::cli
