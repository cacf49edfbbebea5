// crosswalk user add|list|remove and crosswalk token create|list|revoke: who may read `crosswalk serve`
// (api/access.hpp). The server rereads the file on its next request: a revoked token stops at once.
#include "crosswalk/api/access.hpp"
#include "crosswalk/cli/command.hpp"
#include "crosswalk/common/error.hpp"
#include "crosswalk/common/text.hpp"
#include "crosswalk/workspace/config.hpp"

namespace crosswalk::cli {
namespace {

struct AccessOptions {
    std::string workspace = ".";
    std::string name;
    std::string role = "viewer";
    std::vector<std::string> cost_centers;
    std::string label;
};

// The access file of a workspace that exists (not of a mistyped folder).
api::AccessFile LoadAccess(const std::string& workspace) {
    if (!std::filesystem::exists(std::filesystem::path(workspace) / workspace::kConfigFileName)) {
        Throw(ErrorKind::kNotFound, "{} is not a crosswalk workspace (no {})", workspace, workspace::kConfigFileName);
    }
    return api::AccessFile::Load(workspace);
}

void PrintUsers(const api::AccessFile& access, std::ostream& out) {
    if (access.Users().empty()) {
        out << "no users: authentication is off (crosswalk serve answers anyone, on loopback only)\n";
        return;
    }
    for (const api::User& user : access.Users()) {
        int tokens = 0;
        for (const api::Token& token : access.Tokens()) {
            tokens += token.user == user.name && !token.revoked ? 1 : 0;
        }
        out << fmt::format("{:<24} {:<7} {:<28} {} live token{}, added {}\n", user.name, api::RoleName(user.role),
                           user.cost_centers.empty() ? std::string("all cost centers") : Join(user.cost_centers),
                           tokens, tokens == 1 ? "" : "s", user.created);
    }
}

} // namespace

Command AddUserCommand(CLI::App& app) {
    auto options = std::make_shared<AccessOptions>();
    auto* command = app.add_subcommand("user", "Manage the users of crosswalk serve (see docs/api.md)");
    command->require_subcommand(1);
    auto* add = command->add_subcommand("add", "Add a user: authentication is on once one exists");
    AddWorkspaceOption(*add, options->workspace);
    add->add_option("NAME", options->name, "The user's name (an e-mail address will do)")->required();
    add->add_option("--role", options->role, "viewer (reads), editor (+ refresh), admin (+ users); default viewer")
        ->check(CLI::IsMember({"viewer", "editor", "admin"}));
    add->add_option("--cost-center", options->cost_centers,
                    "Only this cost center's rows (repeat for several); default: all");
    auto* list = command->add_subcommand("list", "List the users");
    AddWorkspaceOption(*list, options->workspace);
    auto* remove = command->add_subcommand("remove", "Remove a user and revoke their tokens");
    AddWorkspaceOption(*remove, options->workspace);
    remove->add_option("NAME", options->name, "The user")->required();
    return Command{command, [options, add, list, remove](const Terminal& terminal) {
                       api::AccessFile access = LoadAccess(options->workspace);
                       if (add->parsed()) {
                           const api::User& user =
                               access.AddUser(options->name, api::ParseRole(options->role), options->cost_centers);
                           access.Save();
                           terminal.out << fmt::format(
                               "user {} added ({}, {}); give them a token: crosswalk token create {} -w {}\n",
                               user.name, api::RoleName(user.role),
                               user.cost_centers.empty() ? std::string("all cost centers") : Join(user.cost_centers),
                               user.name, options->workspace);
                       } else if (remove->parsed()) {
                           access.RemoveUser(options->name);
                           access.Save();
                           terminal.out << fmt::format("user {} removed; their tokens are revoked\n", options->name);
                       } else if (list->parsed()) {
                           PrintUsers(access, terminal.out);
                       }
                       return 0;
                   }};
}

Command AddTokenCommand(CLI::App& app) {
    auto options = std::make_shared<AccessOptions>();
    auto* command = app.add_subcommand("token", "Manage API tokens for crosswalk serve (see docs/api.md)");
    command->require_subcommand(1);
    auto* create = command->add_subcommand("create", "Create a token for a user and print it (once)");
    AddWorkspaceOption(*create, options->workspace);
    create->add_option("USER", options->name, "The user")->required();
    create->add_option("--label", options->label, "What it is for (shown by token list)");
    auto* list = command->add_subcommand("list", "List tokens by id (never the tokens themselves)");
    AddWorkspaceOption(*list, options->workspace);
    auto* revoke = command->add_subcommand("revoke", "Revoke a token by its id, or every token of a user");
    AddWorkspaceOption(*revoke, options->workspace);
    revoke->add_option("ID_OR_USER", options->name, "A token id (token list) or a user name")->required();
    return Command{command, [options, create, list, revoke](const Terminal& terminal) {
                       api::AccessFile access = LoadAccess(options->workspace);
                       if (create->parsed()) {
                           const std::string token = access.CreateToken(options->name, options->label);
                           access.Save();
                           terminal.out << token << '\n';
                           terminal.err << fmt::format("token {} created for {}: it is shown only now; send it as "
                                                       "'Authorization: Bearer <token>' or paste it in the dashboard\n",
                                                       access.Tokens().back().id, options->name);
                       } else if (revoke->parsed()) {
                           const int revoked = access.Revoke(options->name);
                           access.Save();
                           terminal.out << fmt::format("{} token{} revoked\n", revoked, revoked == 1 ? "" : "s");
                       } else if (list->parsed()) {
                           for (const api::Token& token : access.Tokens()) {
                               terminal.out << fmt::format("{}  {:<24} {:<20} created {}{}\n", token.id, token.user,
                                                           token.label.empty() ? "-" : token.label, token.created,
                                                           token.revoked ? ", revoked " + *token.revoked : "");
                           }
                       }
                       return 0;
                   }};
}

} // namespace crosswalk::cli
