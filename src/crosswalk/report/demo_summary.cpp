#include "crosswalk/report/demo_summary.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "crosswalk/report/kpis.hpp"
#include "crosswalk/report/query_output.hpp"
#include "crosswalk/report/report_render.hpp"
#include "crosswalk/report/reports.hpp"
#include "crosswalk/rules/rule_set.hpp"
#include "crosswalk/store/sql_quote.hpp"

namespace crosswalk::report {
namespace {

void Section(store::Connection& connection, std::ostream& out, std::string_view title, const std::string& sql) {
    out << '\n' << title << '\n';
    QueryOutputOptions options;
    options.format = OutputFormat::kTable;
    WriteQueryResult(connection, sql, options, out);
}

// One column per billing month. DuckDB's PIVOT finds its columns with a query of its own, which makes it two
// statements; the months are read first here so the table stays one prepared statement.
std::string SpendByProviderAndMonthSql(store::Connection& connection) {
    store::Result months =
        connection.Query("SELECT DISTINCT strftime(BillingPeriodStart, '%Y-%m') AS month FROM cost_line "
                         "WHERE BillingPeriodStart IS NOT NULL ORDER BY month");
    std::string columns;
    while (std::optional<store::DataChunk> chunk = months.NextChunk()) {
        for (uint64_t row = 0; row < chunk->Size(); ++row) {
            const std::string_view month = chunk->Column(0).String(row);
            columns += fmt::format(
                ", round(sum(EffectiveCost) FILTER (WHERE strftime(BillingPeriodStart, '%Y-%m') = {}), 2) AS {}",
                store::QuoteLiteral(month), store::QuoteIdentifier(month));
        }
    }
    return fmt::format("SELECT ProviderName AS provider{}, round(sum(EffectiveCost), 2) AS total "
                       "FROM cost_line GROUP BY ALL ORDER BY provider",
                       columns);
}

// The decimals the entitled quantities need: the fewest that show every product's total exactly (0 when all
// are whole, as license counts usually are). entitlement.quantity is DECIMAL(18,4), so its sums print as
// 240.0000 next to installation counts otherwise; the cast to this scale drops only zeros, never a digit.
int EntitledQuantityScale(store::Connection& connection) {
    store::Result result = connection.Query(
        "SELECT CAST(coalesce(max(length(rtrim(split_part(CAST(q AS VARCHAR), '.', 2), '0'))), 0) AS BIGINT) "
        "FROM (SELECT sum(quantity) AS q FROM entitlement GROUP BY product)");
    std::optional<store::DataChunk> chunk = result.NextChunk();
    return chunk && chunk->Size() == 1 ? static_cast<int>(chunk->Column(0).Int64(0)) : 4;
}

} // namespace

std::vector<SummarySection> DemoSummarySections(store::Connection& connection) {
    std::vector<SummarySection> sections;
    sections.push_back({"Cloud spend by provider and month (amortized: sum of EffectiveCost, USD)",
                        SpendByProviderAndMonthSql(connection)});
    sections.push_back({"Top applications (enriched: tag, CMDB, account default or naming standard, by the "
                        "precedence of rules/enrichment.yaml)",
                        R"sql(
        SELECT application, any_value(c.name) AS name, count(DISTINCT ResourceId) AS resources,
               round(sum(EffectiveCost), 2) AS effective_cost
        FROM cost_line_enriched LEFT JOIN ci AS c ON c.ci_id = application
        WHERE application IS NOT NULL
        GROUP BY application ORDER BY effective_cost DESC LIMIT 10)sql"});
    sections.push_back({"Cost of resources without an application tag, and what the rules attributed it by",
                        R"sql(
        WITH untagged AS (
            SELECT * FROM cost_line_enriched
            WHERE ResourceId IS NOT NULL AND enrichment_source_kind(application_source) IS DISTINCT FROM 'tag'
        )
        SELECT coalesce(enrichment_source_kind(application_source), 'not attributed') AS attributed_by,
               count(DISTINCT ResourceId) AS resources, round(sum(EffectiveCost), 2) AS effective_cost,
               CAST(money_div(100 * sum(EffectiveCost), nullif((SELECT sum(EffectiveCost) FROM untagged), 0), 1)
                    AS DECIMAL(38,1)) AS percent_of_untagged
        FROM untagged
        GROUP BY ALL ORDER BY effective_cost DESC)sql"});
    sections.push_back({"Cost with no application (shared cost for the allocation stage)", R"sql(
        SELECT CASE WHEN ResourceId IS NULL THEN 'no resource: fees, tax, credits, unused commitment'
                    ELSE 'resources no rule attributes' END AS what,
               count(DISTINCT ResourceId) AS resources, round(sum(EffectiveCost), 2) AS effective_cost,
               CAST(money_div(100 * sum(EffectiveCost), nullif((SELECT sum(EffectiveCost) FROM cost_line), 0), 1)
                    AS DECIMAL(38,1)) AS percent_of_spend
        FROM cost_line_enriched WHERE application IS NULL
        GROUP BY ALL ORDER BY what)sql"});
    sections.push_back({"Allocation: where the amortized cost stands after the steps of rules/allocation.yaml",
                        R"sql(
        WITH placed AS (
            SELECT CASE WHEN r.cost_center IS NULL THEN 'unallocated (on no cost center)'
                        WHEN r.shared_from IS NULL THEN 'direct (enrichment)'
                        ELSE 'placed last by step ' || r.shared_from END AS placed,
                   coalesce(s.step, CASE WHEN r.cost_center IS NULL THEN 1000000 ELSE 0 END) AS rank,
                   r.effective_cost
            FROM allocation_result AS r
            LEFT JOIN allocation_step AS s ON s.run_id = allocation_latest_run() AND s.name = r.shared_from)
        SELECT placed, round(sum(effective_cost), 2) AS effective_cost,
               CAST(money_div(100 * sum(effective_cost), nullif((SELECT sum(EffectiveCost) FROM cost_line), 0), 1)
                    AS DECIMAL(38,1)) AS percent_of_spend
        FROM placed GROUP BY placed ORDER BY min(rank), placed)sql"});
    sections.push_back({"Top cost centers after allocation (amortized; `crosswalk report chargeback` has the "
                        "statement)",
                        R"sql(
        SELECT r.cost_center, any_value(cc.name) AS name, any_value(cc.owner) AS owner,
               round(coalesce(sum(r.effective_cost) FILTER (WHERE r.shared_from IS NULL), 0), 2) AS direct,
               round(coalesce(sum(r.effective_cost) FILTER (WHERE r.shared_from IS NOT NULL), 0), 2) AS shared,
               round(sum(r.effective_cost), 2) AS total
        FROM allocation_result AS r LEFT JOIN cost_center AS cc ON cc.cost_center_id = r.cost_center
        WHERE r.cost_center IS NOT NULL
        GROUP BY r.cost_center ORDER BY total DESC LIMIT 10)sql"});
    sections.push_back({"Software inventory: installations found (rows of installation) and the quantity entitled, in "
                        "units of the license metric",
                        fmt::format(R"sql(
        WITH found AS (SELECT product, count(*) AS installations,
                              count(*) FILTER (WHERE host_kind = 'resource') AS installations_on_cloud_vms
                       FROM installation GROUP BY ALL),
             held AS (SELECT product, any_value(metric) AS license_metric,
                             CAST(sum(quantity) AS DECIMAL(38,{})) AS entitled_quantity
                      FROM entitlement GROUP BY ALL)
        SELECT product, installations, installations_on_cloud_vms, entitled_quantity, license_metric
        FROM found FULL JOIN held USING (product) ORDER BY product)sql",
                                    EntitledQuantityScale(connection))});
    sections.push_back({"What is loaded", R"sql(
        SELECT 'cost_line' AS "table", count(*) AS rows FROM cost_line UNION ALL
        SELECT 'resource', count(*) FROM resource UNION ALL
        SELECT 'asset', count(*) FROM asset UNION ALL
        SELECT 'ci', count(*) FROM ci UNION ALL
        SELECT 'installation', count(*) FROM installation UNION ALL
        SELECT 'entitlement', count(*) FROM entitlement UNION ALL
        SELECT 'ledger_line', count(*) FROM ledger_line UNION ALL
        SELECT 'rejected_row', count(*) FROM rejected_row)sql"});
    return sections;
}

namespace {

// A table of some of `table`'s columns, for the rows `keep` accepts, with its totals rows.
ReportTable Columns(const ReportTable& table, std::initializer_list<const char*> names,
                    const std::function<bool(const ReportRow&)>& keep) {
    ReportTable out;
    out.name = table.name;
    std::vector<size_t> kept;
    for (const char* name : names) {
        kept.push_back(table.ColumnIndex(name));
        out.columns.push_back(table.columns[kept.back()]);
    }
    const auto copy = [&](const ReportRow& row, std::vector<ReportRow>& into) {
        ReportRow& copied = into.emplace_back();
        for (const size_t column : kept) {
            copied.push_back(row[column]);
        }
    };
    for (const ReportRow& row : table.rows) {
        if (keep(row)) {
            copy(row, out.rows);
        }
    }
    for (const ReportRow& row : table.totals) {
        copy(row, out.totals);
    }
    return out;
}

// The findings a license manager acts on first: shortfalls and the licenses to reharvest, without the long
// host ids (the installation names the host).
ReportTable ShortfallsAndReharvest(const ReportTable& findings) {
    const size_t kind = findings.ColumnIndex("kind");
    return Columns(findings, {"kind", "product", "installation_id", "owner", "cost_center", "amount", "currency"},
                   [&](const ReportRow& row) {
                       return row[kind] == "shortfall" || row[kind] == "retired_host" ||
                              row[kind] == "terminated_host" || row[kind] == "idle";
                   });
}

// The applications with the largest TCO in the latest month (the report's rows, largest first per currency),
// with unassigned cost and the totals, which are all cost in the model.
void WriteTopApplications(workspace::Workspace& workspace, store::Connection& connection, std::ostream& out) {
    (void)workspace;
    const ReportTable tco = TcoReport(connection, TcoOptions{});
    constexpr size_t kTop = 5;
    const size_t application = tco.ColumnIndex("application");
    const size_t currency = tco.ColumnIndex("currency");
    std::map<std::string, size_t> shown; // per currency
    const ReportTable top =
        Columns(tco,
                {"application", "business_service", "cloud_direct", "cloud_shared", "licenses", "depreciation",
                 "contracts", "labor", "total", "cloud_share_pct", "currency"},
                [&](const ReportRow& row) {
                    return row[application] == "(unassigned)" || shown[row[currency].value_or("")]++ < kTop;
                });
    out << "\nTop applications by TCO, " << tco.title.substr(tco.title.find("period"))
        << " (`crosswalk report tco` has every application; cloud_share_pct: the part of the non-labor cost a cloud "
           "bill charges; the total is all cost in the model)\n";
    WriteReportTable(top, out);
}

// The forecast of each provider's next month with its back-tested accuracy, the anomalies found, and the
// month's budgets.
void WriteForecastAnomaliesBudgets(workspace::Workspace& workspace, store::Connection& connection, std::ostream& out) {
    const rules::RuleSet rules = rules::LoadRuleSetOrThrow(workspace.Root());
    ForecastOptions forecast_options;
    forecast_options.horizon_months = 1;
    forecast_options.changes = rules.budgets.changes;
    const ReportTable forecast = ForecastReport(connection, forecast_options);
    const size_t kind = forecast.ColumnIndex("kind");
    const size_t series = forecast.ColumnIndex("series");
    std::string accuracy;
    for (const ReportRow& row : forecast.rows) {
        if (row[series] == "(all)" && row[kind] == "forecast") {
            const Cell& mape = row[forecast.ColumnIndex("mape_backtest")];
            const Cell& naive = row[forecast.ColumnIndex("mape_naive")];
            if (mape && naive) {
                accuracy = fmt::format(": the whole bill back-tested at {} % MAPE, the naive seasonal baseline at {} %",
                                       *mape, *naive);
            }
        }
    }
    out << "\nForecast of next month per provider (`crosswalk report forecast`, 80 % interval)" << accuracy << "\n";
    WriteReportTable(
        Columns(forecast, {"series", "period", "forecast", "lower", "upper", "mape_backtest", "mape_naive", "currency"},
                [&](const ReportRow& row) { return row[kind] == "forecast"; }),
        out);

    AnomalyOptions anomaly_options;
    anomaly_options.licensing = rules.licensing;
    const ReportTable anomalies = AnomaliesReport(connection, anomaly_options);
    const size_t anomaly_kind = anomalies.ColumnIndex("kind");
    std::string cost;
    for (const ReportRow& total : anomalies.totals) {
        cost += fmt::format("{}{} {} {}", cost.empty() ? "" : ", ", total[anomalies.ColumnIndex("series")].value_or(""),
                            total[anomalies.ColumnIndex("cost_above_expected")].value_or("0"),
                            total[anomalies.ColumnIndex("currency")].value_or(""));
    }
    out << "\nCost anomalies and trends (`crosswalk report anomalies` has level shifts, drivers and license overage; "
           "the anomaly cost by month: "
        << (cost.empty() ? "none" : cost) << ")\n";
    WriteReportTable(
        Columns(anomalies,
                {"kind", "series", "first_day", "last_day", "cost_above_expected", "drivers", "owner", "currency"},
                [&](const ReportRow& row) { return row[anomaly_kind] == "spike" || row[anomaly_kind] == "trend"; }),
        out);

    const ReportTable budget = BudgetReport(connection, BudgetOptions{std::nullopt, rules.budgets});
    const size_t horizon = budget.ColumnIndex("horizon");
    const size_t status = budget.ColumnIndex("status");
    size_t alerts = 0;
    for (const ReportRow& row : budget.rows) {
        alerts += row[status] == "over_budget" || row[status] == "under_budget" ? 1 : 0;
    }
    out << "\nBudgets, " << budget.title.substr(budget.title.find("period")) << " (`crosswalk report budget`; "
        << alerts << " alerts for `crosswalk alerts` to send to their owners)\n";
    WriteReportTable(Columns(budget,
                             {"scope_id", "budget", "actual", "forecast_end_of_period", "variance_pct", "status",
                              "owner", "currency"},
                             [&](const ReportRow& row) { return row[horizon] == "month"; }),
                     out);
}

// Commitments (utilization, ESR), the KPIs against their thresholds, the maturity scorecard and the policy
// violations by kind.
void WriteGovernance(workspace::Workspace& workspace, store::Connection& connection, std::ostream& out) {
    const rules::RuleSet rules = rules::LoadRuleSetOrThrow(workspace.Root());
    const auto all = [](const ReportRow&) {
        return true;
    };
    const ReportTable commitments = CommitmentsReport(connection, CommitmentsOptions{std::nullopt, rules.vendors});
    std::string portfolio;
    for (const ReportRow& total : commitments.totals) {
        portfolio +=
            fmt::format("{}utilization {} %, coverage {} %, effective savings rate {} % ({})",
                        portfolio.empty() ? "" : "; ", total[commitments.ColumnIndex("utilization_pct")].value_or("-"),
                        total[commitments.ColumnIndex("coverage_pct")].value_or("-"),
                        total[commitments.ColumnIndex("esr_pct")].value_or("-"),
                        total[commitments.ColumnIndex("currency")].value_or(""));
    }
    out << "\nCommitments, " << commitments.title.substr(commitments.title.find("period"))
        << " (`crosswalk report commitments`): " << (portfolio.empty() ? "none" : portfolio) << "\n";
    WriteReportTable(Columns(commitments,
                             {"kind", "name", "provider", "used", "unused", "utilization_pct", "coverage_pct",
                              "esr_pct", "marketplace", "currency"},
                             all),
                     out);

    KpiOptions kpi_options{std::nullopt, rules.policy, rules.tags, rules.licensing, rules.vendors};
    if (rules.policy.required_tags.Set()) {
        kpi_options.tags.required = rules.policy.required_tags.values;
    }
    // The KPIs once, for their table and the scorecard rated on them.
    const ResolvedPeriod period = ResolvePeriod(connection, std::nullopt);
    kpi_options.period = period.period;
    const std::vector<Kpi> measured = ComputeKpis(connection, kpi_options);
    const ReportTable kpis = KpisTable(period, measured);
    out << "\nKPIs, " << kpis.title.substr(kpis.title.find("period"))
        << " (`crosswalk report kpis` has each formula, numerator and denominator; thresholds in rules/policy.yaml)\n";
    WriteReportTable(
        Columns(kpis, {"kpi", "value", "direction", "threshold", "status", "threshold_rule", "currency"}, all), out);

    const ReportTable maturity = MaturityTable(connection, period, measured);
    out << "\nMaturity: " << maturity.title.substr(maturity.title.find("FinOps, ITAM"))
        << " (`crosswalk report maturity` has the evidence of each)\n";
    WriteReportTable(Columns(maturity, {"area", "stage", "to_next_stage"}, all), out);

    const ReportTable policy =
        PolicyReport(connection, PolicyOptions{std::nullopt, rules.policy, rules.tags, rules.licensing, rules.vendors});
    // By kind and currency: money of two currencies is never summed (on-premises rows have none).
    std::map<std::pair<std::string, std::string>, std::pair<int64_t, std::optional<Decimal>>> by_kind;
    const size_t kind = policy.ColumnIndex("kind");
    const size_t cost_column = policy.ColumnIndex("cost");
    for (const ReportRow& row : policy.rows) {
        const std::pair<std::string, std::string> key{row[kind].value_or(""),
                                                      row[policy.ColumnIndex("currency")].value_or("")};
        auto& figures = by_kind.try_emplace(key, 0, std::nullopt).first->second;
        ++figures.first;
        if (row[cost_column]) {
            figures.second = figures.second.value_or(Decimal(0, 2)) + Decimal::Parse(*row[cost_column]);
        }
    }
    out << "\nPolicy violations, " << policy.title.substr(policy.title.find("period"))
        << " (`crosswalk report policy` lists each with its owner and rule; --fail-on-violation for CI)\n";
    ReportTable summary;
    summary.name = "policy";
    summary.columns = {{"kind", ColumnType::kText, 0, ""},
                       {"violations", ColumnType::kInteger, 0, ""},
                       {"cost", ColumnType::kDecimal, 2, "-"},
                       {"currency", ColumnType::kText, 0, "-"}};
    for (const auto& [key, figures] : by_kind) {
        summary.rows.push_back({key.first, std::to_string(figures.first),
                                figures.second ? Cell(figures.second->ToString()) : Cell(),
                                key.second.empty() ? Cell() : Cell(key.second)});
    }
    AlignDecimals(summary);
    WriteReportTable(summary, out);
}

} // namespace

void WriteDemoSummary(workspace::Workspace& workspace, std::ostream& out) {
    store::Connection connection = workspace.Connect();
    for (const SummarySection& section : DemoSummarySections(connection)) {
        Section(connection, out, section.title, section.sql);
        if (section.title.starts_with("Software inventory")) {
            // The position counted under the licensing rules, as `crosswalk report license-position` prints it.
            LicenseOptions options;
            options.rules = rules::LoadRuleSetOrThrow(workspace.Root()).licensing;
            out << "\nLicense position (`crosswalk report license-position`; `crosswalk explain license PRODUCT` "
                   "shows each installation counted)\n";
            ReportTable position = LicensePositionReport(connection, options);
            position.title.clear();
            WriteReportTable(position, out);
            out << "\nShortfalls with their exposure, and licenses to reharvest (`crosswalk report license-findings` "
                   "has every finding, with hosts and details)\n";
            WriteReportTable(ShortfallsAndReharvest(LicenseFindingsReport(connection, options)), out);
        }
    }
    // The bill against the ledger: the lag found, and the latest billing period the ledger has booked.
    const rules::VendorRules vendors = rules::LoadRuleSetOrThrow(workspace.Root()).vendors;
    const LedgerLag lag = DetectLedgerLag(connection, vendors);
    if (lag.invoices == 0) {
        return; // no bill, or no ledger line of a bill's vendor
    }
    out << fmt::format("\nThe bill against the general ledger (`crosswalk report reconcile-ledger`): posted {} month{} "
                       "after the usage ({})\n",
                       lag.lag, lag.lag == 1 ? "" : "s", lag.evidence);
    ReportTable ledger = LedgerReconciliationReport(connection, {std::nullopt, lag.lag, vendors});
    ledger.title.clear();
    WriteReportTable(ledger, out);
    // The inventory: the findings' count and money (the report's totals), and the coverage in its title.
    ReportTable inventory = InventoryReconciliationReport(connection, {});
    out << "\nInventory: " << inventory.title.substr(inventory.title.find("cloud cost on a CI"))
        << " (`crosswalk report reconcile-inventory` lists each)\n";
    ReportTable findings;
    findings.name = inventory.name;
    std::vector<size_t> kept;
    for (const char* name : {"finding", "name", "amount_at_stake", "currency"}) {
        kept.push_back(inventory.ColumnIndex(name));
        findings.columns.push_back(inventory.columns[kept.back()]);
    }
    findings.columns[1] = ReportColumn{"found", ColumnType::kInteger, 0, ""};
    for (const ReportRow& total : inventory.totals) {
        ReportRow& row = findings.rows.emplace_back();
        for (const size_t column : kept) {
            row.push_back(total[column]);
        }
        row[1] = row[1]->substr(0, row[1]->find(' '));
    }
    WriteReportTable(findings, out);
    WriteTopApplications(workspace, connection, out);
    WriteForecastAnomaliesBudgets(workspace, connection, out);
    WriteGovernance(workspace, connection, out);
}

} // namespace crosswalk::report
