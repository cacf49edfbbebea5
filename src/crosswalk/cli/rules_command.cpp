// crosswalk rules check | compile: validate a workspace's rules without running them (like `custodian
// validate`), and print the SQL each rule kind compiles to (like `dbt compile`). See docs/rules.md.
#include <ctime>
#include <filesystem>

#include "crosswalk/allocate/allocation.hpp"
#include "crosswalk/analyze/cost_forecast.hpp"
#include "crosswalk/analyze/license_counting.hpp"
#include "crosswalk/cli/command.hpp"
#include "crosswalk/report/reports.hpp"
#include "crosswalk/rules/evaluate.hpp"
#include "crosswalk/rules/rule_set.hpp"
#include "crosswalk/rules/sql_dialect.hpp"
#include "crosswalk/workspace/config.hpp"
#include "crosswalk/workspace/workspace.hpp"

namespace crosswalk::cli {
namespace {

int RunCheck(const std::string& workspace_dir, const Terminal& terminal) {
    const std::filesystem::path root(workspace_dir);
    const workspace::WorkspaceConfig config = workspace::LoadConfig(root / workspace::kConfigFileName);
    const rules::LoadResult loaded = rules::LoadRuleSet(root);
    for (const Error& error : loaded.errors) {
        terminal.err << error.what() << '\n';
    }
    if (!loaded.errors.empty()) {
        terminal.err << fmt::format("rules: {} error{}\n", loaded.errors.size(), loaded.errors.size() == 1 ? "" : "s");
        return 1;
    }
    const rules::RuleSet& set = loaded.rules;
    size_t warnings = 0;
    if (std::filesystem::exists(workspace::ResolveDatabasePath(root, config))) {
        workspace::Workspace workspace = workspace::Workspace::Open(root, workspace::AccessMode::kReadOnly);
        store::Connection connection = workspace.Connect();
        for (const rules::RuleWarning& warning : rules::CheckRules(connection, set)) {
            terminal.err << warning.ToString() << '\n';
            ++warnings;
        }
        for (const rules::RuleWarning& warning : report::CheckLicensingRules(connection, set.licensing)) {
            terminal.err << warning.ToString() << '\n';
            ++warnings;
        }
        for (const rules::RuleWarning& warning : report::CheckPolicyRules(connection, set.policy, set.tags)) {
            terminal.err << warning.ToString() << '\n';
            ++warnings;
        }
        for (const rules::RuleWarning& warning : analyze::forecast::CheckForecastChanges(connection, set.budgets)) {
            terminal.err << warning.ToString() << '\n';
            ++warnings;
        }
        // Targets and driver files against the loaded data, as the allocate stage would find them.
        const std::vector<Error> errors = allocate::CheckAllocationInputs(connection, set, root);
        for (const Error& error : errors) {
            terminal.err << error.what() << '\n';
        }
        if (!errors.empty()) {
            terminal.err << fmt::format("rules: {} error{}\n", errors.size(), errors.size() == 1 ? "" : "s");
            return 1;
        }
    }
    const auto counted = [](size_t count, std::string_view what) {
        return fmt::format("{} {}{}", count, what, count == 1 ? "" : "s");
    };
    const size_t overrides = set.taxonomy.cloud.size() + set.taxonomy.ledger.size() + set.taxonomy.assets.size();
    std::vector<std::string> orders;
    for (const rules::DimensionSource source : set.precedence.order) {
        orders.emplace_back(rules::SourceName(source));
    }
    terminal.out << fmt::format(
        "rules: {}, {}, {}, {}, precedence {}{}, {}, {} ({} from rules/licensing.yaml), {}; sha256 {}\n",
        counted(set.tags.keys.size(), "tag key"), counted(set.naming.patterns.size(), "naming pattern"),
        counted(set.accounts.accounts.size(), "account default"), counted(overrides, "taxonomy override"),
        fmt::join(orders, " > "),
        set.precedence.per_dimension.empty() ? ""
                                             : fmt::format(" ({} per dimension)", set.precedence.per_dimension.size()),
        counted(set.allocation.steps.size(), "allocation step"),
        counted(rules::EffectiveLicensingRules(set.licensing).size(), "licensing product"),
        set.licensing.products.size(), counted(warnings, "warning"), set.sha256.empty() ? "-" : set.sha256);
    return 0;
}

// YYYY-MM-DD, UTC.
std::string Today() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[11];
    std::strftime(text, sizeof text, "%Y-%m-%d", &utc);
    return text;
}

int RunCompile(const std::string& workspace_dir, const Terminal& terminal) {
    const std::filesystem::path root(workspace_dir);
    (void)workspace::LoadConfig(root / workspace::kConfigFileName); // a workspace, not any folder
    const rules::RuleSet set = rules::LoadRuleSetOrThrow(root);
    const rules::DuckDbDialect dialect;
    terminal.out << "-- crosswalk rules compile: the queries `tag_set` and `name_dimension` are built from, then the\n"
                 << "-- account defaults and taxonomy overrides the enrich stage runs over enrichment_key.\n"
                 << "-- rules sha256: " << (set.sha256.empty() ? "-" : set.sha256) << "\n\n"
                 << dialect.TagNormalization(set.tags, rules::TagSource{}) << ";\n\n"
                 << dialect.NamingExtraction(set.naming, rules::NameSource{}) << ";\n\n"
                 << dialect.AccountDefaults(set.accounts, "enrichment_key") << ";\n\n"
                 << dialect.TaxonomyOverrides(set.taxonomy, "enrichment_key") << ";\n\n"
                 << "-- The license count per installation that report license-position, license-findings and\n"
                 << "-- what-if build on (the shipped licensing rules with rules/licensing.yaml over them), as of\n"
                 << "-- today here; the reports take the date from --as-of:\n"
                 << "WITH " << report::licensing::CountedSql(rules::EffectiveLicensingRules(set.licensing), Today())
                 << "\nSELECT * FROM counted ORDER BY installation_id;\n";
    return 0;
}

} // namespace

Command AddRulesCommand(CLI::App& app) {
    auto workspace_dir = std::make_shared<std::string>(".");
    auto* command = app.add_subcommand("rules", "Validate the workspace's rules (check) or print the SQL they "
                                                "compile to (compile).");
    command->require_subcommand(1);
    auto* check = command->add_subcommand(
        "check",
        "Validate the rule files (tags, naming, accounts, taxonomy, enrichment) without running them: exit 1 with one "
        "file:line:column error per broken file. When the database exists, also warn about rules that "
        "can never match the loaded data.");
    AddWorkspaceOption(*check, *workspace_dir);
    auto* compile =
        command->add_subcommand("compile", "Print the SQL each rule kind compiles to (the license count as of today).");
    AddWorkspaceOption(*compile, *workspace_dir);
    command->footer("Examples: crosswalk rules check -w demo; crosswalk rules compile -w demo");
    return Command{command, [workspace_dir, check](const Terminal& terminal) {
                       return check->parsed() ? RunCheck(*workspace_dir, terminal)
                                              : RunCompile(*workspace_dir, terminal);
                   }};
}

} // namespace crosswalk::cli
