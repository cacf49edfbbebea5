// crosswalk demo DIR: the main job on an embedded default. Generates the demo company, loads every source,
// and prints a summary and where to look, the dashboard's address and the command that serves it among them.
#include <fmt/format.h>

#include "crosswalk/cli/command.hpp"
#include "crosswalk/cli/generate_options.hpp"
#include "crosswalk/cli/summary_output.hpp"
#include "crosswalk/pipeline/pipeline.hpp"
#include "crosswalk/report/demo_summary.hpp"
#include "crosswalk/workspace/workspace.hpp"

namespace crosswalk::cli {
namespace {

int RunDemo(const std::string& directory, const generate::GenerateOptions& options, const Terminal& terminal) {
    const generate::GenerateResult generated = generate::GenerateWorkspace(directory, options);
    PrintGenerateResult(generated, terminal.out);

    workspace::Workspace workspace = workspace::Workspace::Open(directory);
    pipeline::RunOptions run_options;
    run_options.progress = TerminalProgress(terminal);
    run_options.arguments = {"demo", directory};
    PrintRunResult(pipeline::Run(workspace, pipeline::DefaultStages(), run_options), false, terminal.out);

    report::WriteDemoSummary(workspace, terminal.out);

    const std::string database = workspace.DatabasePath().string();
    terminal.out << fmt::format(R"(
Where to look:
  workspace      {0}   (crosswalk.yaml, billing/, sources/, drivers/)
  database       {1}
  ground truth   {0}/expected.json   (what the generator knows: totals, untagged owners, license position)
  query it       crosswalk sql -w {0} "SELECT ServiceName, sum(EffectiveCost) FROM cost_line GROUP BY 1 ORDER BY 2 DESC"
  what's loaded  crosswalk status -w {0}
  statements     crosswalk report chargeback -w {0}   (showback, prepaid, taxonomy, tags, unmapped; --format csv|json)
  for finance    crosswalk report chargeback -w {0} --output chargeback.xlsx   (a workbook: chargeback and showback)
  for BI tools   crosswalk export focus -w {0} --output allocated.parquet   (the allocated cost as FOCUS)
  explain        crosswalk explain cost-center CC-2200 -w {0}   (how a total was built, step by step)
  licenses       crosswalk report license-position -w {0}   (explain license 'SQL Server Enterprise': each installation)
  findings       crosswalk report license-findings -w {0}   (shortfalls, reharvest, surplus at renewal; renewals: the calendar)
  ledger         crosswalk report reconcile-ledger -w {0}   (each invoice against the ledger, the lag found; --period YYYY-MM)
  inventory      crosswalk report reconcile-inventory -w {0}   (unowned spend, stale CIs; depreciation: book values)
  TCO            crosswalk report tco -w {0} --year 2026   (tco-services, unit-cost; tco-explain --application APP-ERP)
  forecast       crosswalk report forecast -w {0} --by application   (back-tested MAPE beside the naive baseline's)
  anomalies      crosswalk report anomalies -w {0}   (spikes with their drivers and owner; level shifts, trends)
  budgets        crosswalk report budget -w {0}   (crosswalk alerts --post --webhook URL: each owner's alert, once)
  commitments    crosswalk report commitments -w {0}   (utilization, coverage, ESR; the EDP and MACC drawn to date)
  KPIs           crosswalk report kpis -w {0}   (against rules/policy.yaml thresholds; maturity: crawl/walk/run)
  policy         crosswalk report policy -w {0} --fail-on-violation   (tags, regions, marketplace, denied software)
  dashboard      http://127.0.0.1:8080/   once served: crosswalk serve -w {0}   (or scripts/demo.sh --serve; the API: /api/v1)
  access         crosswalk user add ana --role viewer --cost-center CC-2200 -w {0}; crosswalk token create ana -w {0}
)",
                                directory, database);
    return 0;
}

} // namespace

Command AddDemoCommand(CLI::App& app) {
    auto* command = app.add_subcommand(
        "demo", "The product so far on a generated company: generate it into DIR (see `generate`), load every "
                "source, enrich and allocate (`crosswalk run`), and print a summary: spend, tags, taxonomy, the top "
                "cost centers, the license position, TCO, the forecast, anomalies, budgets, commitments, KPIs, "
                "maturity and policy. Running it again "
                "regenerates DIR.");
    auto directory = std::make_shared<std::string>("demo");
    auto options = std::make_shared<generate::GenerateOptions>();
    command->add_option("DIR", *directory, "Folder for the demo workspace")->capture_default_str();
    AddGenerateOptions(*command, *options);
    return Command{command, [directory, options](const Terminal& terminal) {
                       return RunDemo(*directory, *options, terminal);
                   }};
}

} // namespace crosswalk::cli
