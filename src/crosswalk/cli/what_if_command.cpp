// crosswalk what-if resize RESOURCE --vcpus N | migrate HOST --to PROVIDER:TYPE --license byol|included: the
// license and cloud cost change of a change (docs/licensing.md).
#include <fstream>
#include <sstream>

#include "crosswalk/cli/command.hpp"
#include "crosswalk/common/error.hpp"
#include "crosswalk/report/reports.hpp"
#include "crosswalk/rules/rule_set.hpp"

namespace crosswalk::cli {
namespace {

struct WhatIfCliOptions {
    std::string workspace = ".";
    std::string change;
    std::string target;
    int vcpus = 0;
    std::string to;
    std::string license;
    std::string hourly_price;
    std::string as_of;
    std::string period;
    std::string format = "auto";
    std::string output;
};

int RunWhatIf(const WhatIfCliOptions& options, const Terminal& terminal) {
    if (options.change == "onboard") {
        if (options.vcpus != 0 || !options.to.empty() || !options.license.empty() || !options.hourly_price.empty() ||
            !options.as_of.empty() || !options.period.empty()) {
            Throw(ErrorKind::kInvalidInput, "what-if onboard takes only the plan: its instances give type, vcpus, "
                                            "license and hourly_price");
        }
        std::ifstream in(options.target, std::ios::binary);
        if (!in) {
            Throw(ErrorKind::kNotFound, "cannot read the plan {}", options.target);
        }
        std::ostringstream text;
        text << in.rdbuf();
        const rules::RuleSet rules = rules::LoadRuleSetOrThrow(options.workspace);
        const report::WhatIfOnboardOptions onboard{rules::ParseOnboardPlan(options.target, text.str()), rules.licensing,
                                                   rules.budgets};
        return EmitWorkspaceReport(
            options.workspace,
            [&](store::Connection& connection) { return report::WhatIfOnboardReport(connection, onboard); },
            options.format, options.output, terminal);
    }
    if (options.change == "migrate-application") {
        if (options.to.empty() || options.license.empty()) {
            Throw(ErrorKind::kInvalidInput, "what-if migrate-application needs --to PROVIDER:INSTANCE_TYPE and "
                                            "--license byol|included");
        }
        if (!options.as_of.empty()) {
            Throw(ErrorKind::kInvalidInput, "what-if migrate-application takes --period YYYY-MM, not --as-of");
        }
        const rules::RuleSet rules = rules::LoadRuleSetOrThrow(options.workspace);
        report::WhatIfMigrateApplicationOptions migrate;
        migrate.application = options.target;
        migrate.to = options.to;
        migrate.license_included = options.license == "included";
        if (!options.hourly_price.empty()) {
            migrate.hourly_price = options.hourly_price;
        }
        if (!options.period.empty()) {
            migrate.period = report::Period::Parse(options.period);
        }
        migrate.licensing = rules.licensing;
        migrate.vcpus = options.vcpus;
        return EmitWorkspaceReport(
            options.workspace,
            [&](store::Connection& connection) { return report::WhatIfMigrateApplicationReport(connection, migrate); },
            options.format, options.output, terminal);
    }
    if (!options.period.empty()) {
        Throw(ErrorKind::kInvalidInput, "--period is for what-if migrate-application");
    }
    if (options.change == "migrate") {
        if (options.to.empty() || options.license.empty()) {
            Throw(ErrorKind::kInvalidInput, "what-if migrate needs --to PROVIDER:INSTANCE_TYPE and --license "
                                            "byol|included");
        }
        report::WhatIfMigrateOptions migrate;
        migrate.host = options.target;
        migrate.to = options.to;
        migrate.license_included = options.license == "included";
        migrate.vcpus = options.vcpus;
        if (!options.hourly_price.empty()) {
            migrate.hourly_price = options.hourly_price;
        }
        if (!options.as_of.empty()) {
            migrate.as_of = options.as_of;
        }
        migrate.rules = rules::LoadRuleSetOrThrow(options.workspace).licensing;
        return EmitWorkspaceReport(
            options.workspace,
            [&](store::Connection& connection) { return report::WhatIfMigrateReport(connection, migrate); },
            options.format, options.output, terminal);
    }
    if (options.vcpus == 0) {
        Throw(ErrorKind::kInvalidInput, "what-if resize needs --vcpus N");
    }
    if (!options.to.empty() || !options.license.empty() || !options.hourly_price.empty()) {
        Throw(ErrorKind::kInvalidInput, "--to, --license and --hourly-price are for what-if migrate");
    }
    report::WhatIfResizeOptions resize;
    resize.resource = options.target;
    resize.vcpus = options.vcpus;
    if (!options.as_of.empty()) {
        resize.as_of = options.as_of;
    }
    resize.rules = rules::LoadRuleSetOrThrow(options.workspace).licensing;
    return EmitWorkspaceReport(
        options.workspace,
        [&](store::Connection& connection) { return report::WhatIfResizeReport(connection, resize); }, options.format,
        options.output, terminal);
}

} // namespace

Command AddWhatIfCommand(CLI::App& app) {
    auto options = std::make_shared<WhatIfCliOptions>();
    auto* command = app.add_subcommand(
        "what-if", "Show what a change would do before making it: resizing a cloud VM, or moving an on-premises "
                   "host's software to a cloud VM, changes license counts, the products' shortfall and exposure, "
                   "and the cloud cost (docs/licensing.md); moving an application's on-premises hosts changes its "
                   "TCO (migrate-application, docs/tco.md); a planned workload's cloud cost, licenses needed vs "
                   "available and its effect on the owner's budget (onboard).");
    AddWorkspaceOption(*command, options->workspace);
    command->add_option("CHANGE", options->change, "resize, migrate, migrate-application or onboard")
        ->required()
        ->check(CLI::IsMember({"resize", "migrate", "migrate-application", "onboard"}));
    command
        ->add_option(
            "TARGET", options->target,
            "resize: the cloud VM (its ResourceId, ResourceName or the end of its id, i-0abc); migrate: the "
            "on-premises asset_tag; migrate-application: the application's CI id; onboard: the plan, PLAN.yaml")
        ->required();
    command
        ->add_option("--vcpus", options->vcpus,
                     "resize: the new size; migrate: the VM's vCPUs (default: the instance type's in the bill)")
        ->check(CLI::Range(1, 100000));
    command->add_option("--to", options->to,
                        "migrate: PROVIDER:INSTANCE_TYPE as the bill names them, e.g. AWS:m6i.xlarge");
    command->add_option("--license", options->license, "migrate: byol or included")
        ->check(CLI::IsMember({"byol", "included"}));
    command->add_option("--hourly-price", options->hourly_price,
                        "migrate: the VM's price per hour (default: the bill's VMs of that type, with or without the "
                        "license)");
    command->add_option("--as-of", options->as_of,
                        "resize, migrate: the date, YYYY-MM-DD; default: the last day of the latest month with cost "
                        "lines");
    command->add_option("--period", options->period,
                        "migrate-application: the month of the TCO, YYYY-MM; default: the latest with cost lines");
    AddReportFormatOptions(*command, options->format, options->output);
    command->footer("Examples: crosswalk what-if resize i-0900676447b697ffb --vcpus 4 -w demo\n"
                    "          crosswalk what-if migrate SRV-00006 --to AWS:m6i.2xlarge --license byol -w demo\n"
                    "          crosswalk what-if migrate-application APP-FINREP --to AWS:m6i.2xlarge --license byol "
                    "-w demo\n"
                    "          crosswalk what-if onboard portal-plan.yaml -w demo");
    return Command{command, [options](const Terminal& terminal) {
                       return RunWhatIf(*options, terminal);
                   }};
}

} // namespace crosswalk::cli
