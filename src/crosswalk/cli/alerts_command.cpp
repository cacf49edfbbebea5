// crosswalk alerts: the budget alerts, printed (table, CSV, JSON) and, with --post, posted to the webhook of
// rules/budgets.yaml, each once. docs/budgets.md.
#include <nlohmann/json.hpp>

#include "crosswalk/cli/command.hpp"
#include "crosswalk/common/error.hpp"
#include "crosswalk/pipeline/alert_delivery.hpp"
#include "crosswalk/report/reports.hpp"
#include "crosswalk/rules/rule_set.hpp"
#include "crosswalk/workspace/workspace.hpp"

namespace crosswalk::cli {
namespace {

struct AlertsOptions {
    std::string workspace = ".";
    std::string period;
    std::string format = "auto";
    std::string output;
    bool post = false;
    std::string webhook;
};

// Each alert as the JSON object `--format json` prints for its row.
std::vector<pipeline::Alert> AlertsOf(const report::ReportTable& table) {
    std::vector<pipeline::Alert> alerts;
    for (const report::ReportRow& row : table.rows) {
        nlohmann::ordered_json object;
        for (size_t c = 0; c < table.columns.size(); ++c) {
            object[table.columns[c].name] = row[c] ? nlohmann::ordered_json(*row[c]) : nlohmann::ordered_json();
        }
        alerts.push_back(pipeline::Alert{row[table.ColumnIndex("alert_key")].value_or(""), object.dump()});
    }
    return alerts;
}

int RunAlerts(const AlertsOptions& options, const Terminal& terminal) {
    const rules::RuleSet rules = rules::LoadRuleSetOrThrow(options.workspace);
    const std::string url = options.webhook.empty() ? rules.budgets.webhook.value_or("") : options.webhook;
    if (options.post && url.empty()) {
        Throw(ErrorKind::kInvalidInput, "--post needs a webhook: set alerts: webhook: URL in rules/budgets.yaml, or "
                                        "pass --webhook URL");
    }
    if (!url.empty() && url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) {
        Throw(ErrorKind::kInvalidInput, "the webhook must be an http:// or https:// URL, not '{}'", url);
    }
    report::BudgetOptions budget{std::nullopt, rules.budgets};
    if (!options.period.empty()) {
        budget.period = report::Period::Parse(options.period);
    }
    report::ReportTable table;
    {
        workspace::Workspace workspace =
            workspace::Workspace::Open(options.workspace, workspace::AccessMode::kReadOnly);
        store::Connection connection = workspace.Connect();
        table = report::AlertsReport(connection, budget);
    }
    EmitReport(table, options.format, options.output, terminal);
    if (!options.post) {
        if (!url.empty() && !table.rows.empty()) {
            terminal.err << fmt::format("alerts: {} alert{}; crosswalk alerts --post sends them to {}\n",
                                        table.rows.size(), table.rows.size() == 1 ? "" : "s", url);
        }
        return 0;
    }
    workspace::Workspace workspace = workspace::Workspace::Open(options.workspace, workspace::AccessMode::kReadWrite);
    store::Connection connection = workspace.Connect();
    pipeline::DeliveryOptions delivery;
    delivery.url = url;
    const std::vector<pipeline::Alert> alerts = AlertsOf(table);
    const pipeline::DeliveryReport report = pipeline::DeliverAlerts(connection, alerts, delivery);
    terminal.err << fmt::format("alerts: {} posted to {}, {} delivered before, {} failed\n", report.posted, url,
                                report.already_delivered, report.failed);
    for (const std::string& error : report.errors) {
        terminal.err << "alerts: not delivered: " << error << "\n";
    }
    return report.failed > 0 ? 1 : 0;
}

} // namespace

Command AddAlertsCommand(CLI::App& app) {
    auto options = std::make_shared<AlertsOptions>();
    auto* command = app.add_subcommand(
        "alerts", "Budget alerts: the cost centers, business units and applications projected over or under budget "
                  "by more than the thresholds of rules/budgets.yaml, with the owner to notify. See docs/budgets.md.");
    AddWorkspaceOption(*command, options->workspace);
    command->add_option("--period", options->period, "The month, YYYY-MM; default: the latest month with cost lines");
    AddReportFormatOptions(*command, options->format, options->output);
    command->add_flag("--post", options->post,
                      "Post each alert not delivered before to the webhook (JSON, retried, never twice)");
    command->add_option("--webhook", options->webhook, "The URL to post to instead of rules/budgets.yaml's");
    command->footer("Examples: crosswalk alerts -w demo"
                    "\n          crosswalk alerts -w demo --format json"
                    "\n          crosswalk alerts -w demo --post --webhook https://hooks.example.com/finops");
    return Command{command, [options](const Terminal& terminal) {
                       return RunAlerts(*options, terminal);
                   }};
}

} // namespace crosswalk::cli
