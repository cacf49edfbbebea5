// `crosswalk report kpis`: the measures of success of the seeds (seed 000: "idle resource costs will not exceed
// 3% of total monthly cloud spend") and of DOMAIN.md §6, each from the report that shows its parts, against the
// threshold rules/policy.yaml sets or its default. docs/governance.md.
#include <fmt/format.h>

#include "crosswalk/common/error.hpp"
#include "crosswalk/report/kpis.hpp"
#include "crosswalk/report/reports.hpp"
#include "crosswalk/store/sql_quote.hpp"

namespace crosswalk::report {
namespace {

// What each KPI means and the default the seeds or the FinOps Foundation give (DOMAIN.md §6).
struct KpiDefinition {
    std::string_view name;
    std::string_view area;
    bool at_most; // the threshold is a ceiling (else a floor)
    std::string_view default_threshold;
    std::string_view default_source;
    std::string_view unit; // "%", "count" or "money"
    std::string_view formula;
};

constexpr KpiDefinition kDefinitions[] = {
    {"allocation_coverage_pct", "allocation", false, "90", "default: FinOps Run maturity (> 90 %)", "%",
     "effective cost with a cost center after allocation / effective cost x 100 (report chargeback)"},
    {"unallocated_shared_pct", "allocation", true, "10", "default", "%",
     "shared cost a step found no weights for / shared cost taken into pools x 100 (allocation_pool)"},
    {"tag_compliance_cost_pct", "tagging", false, "80", "default", "%",
     "cost of resources carrying each required tag / their cost x 100, over every required key (report tags)"},
    {"tag_compliance_count_pct", "tagging", false, "80", "default", "%",
     "resources carrying each required tag / resources x 100, over every required key (report tags)"},
    {"idle_cost_pct", "optimization", true, "3", "default: seed 000 (idle cost <= 3 % of monthly spend)", "%",
     "(unused commitment + retired but billed) over effective cost x 100 (report commitments, reconcile-inventory)"},
    {"commitment_utilization_pct", "commitments", false, "80", "default", "%",
     "used commitment / (used + unused) x 100 (report commitments)"},
    {"commitment_coverage_pct", "commitments", false, "70", "default: FinOps Walk maturity (~70 %)", "%",
     "covered eligible usage / eligible usage x 100, at contracted prices (report commitments)"},
    {"effective_savings_rate_pct", "commitments", false, "0", "default", "%",
     "(contracted cost of covered usage - commitment cost) over contracted cost of eligible usage x 100 (FinOps ESR; "
     "report commitments)"},
    {"anomaly_cost", "anomalies", true, "150", "default: seed 000 (anomaly cost <= $150 a month)", "money",
     "the month's cost above expected of the cost spikes (report anomalies)"},
    {"forecast_variance_pct", "forecasting", true, "12", "default: FinOps Run maturity (within 12 %)", "%",
     "mean absolute percentage error of the whole bill's monthly forecast, back-tested (report forecast)"},
    {"license_shortfall_products", "licensing", true, "0", "default", "count",
     "products whose required licenses exceed the entitled (report license-position)"},
    {"license_exposure", "licensing", true, "0", "default", "money",
     "shortfall x the latest entitlement's unit cost, summed (report license-position)"},
    {"cmdb_coverage_pct", "cmdb", false, "90", "default", "%",
     "cloud cost of resources a CI names / cloud cost with a ResourceId x 100 (report reconcile-inventory)"},
    {"ledger_variance_pct", "ledger", true, "1", "default", "%",
     "sum of |ledgered - billed| per invoice over billed x 100 (report reconcile-ledger)"},
};

// Exact a / b x 100, rounded half away from zero to 2 decimals; nullopt when b is 0.
std::optional<Decimal> Percent(const Decimal& a, const Decimal& b) {
    const int scale = std::max(a.Scale(), b.Scale());
    const Int128 numerator = a.Rescaled(scale).Unscaled() * 10000;
    const Int128 denominator = b.Rescaled(scale).Unscaled();
    if (denominator == 0) {
        return std::nullopt;
    }
    const bool negative = (numerator < 0) != (denominator < 0);
    const Int128 n = numerator < 0 ? -numerator : numerator;
    const Int128 d = denominator < 0 ? -denominator : denominator;
    Int128 quotient = n / d;
    if ((n % d) * 2 >= d) {
        ++quotient;
    }
    return Decimal(negative ? -quotient : quotient, 2);
}

Decimal Zero() {
    return Decimal(0, 2);
}

Decimal Value(const ReportTable& table, const ReportRow& row, std::string_view column) {
    const Cell& cell = row[table.ColumnIndex(column)];
    return cell ? Decimal::Parse(*cell) : Zero();
}

// The rows (and totals) of a table whose currency is `currency`.
std::vector<const ReportRow*> InCurrency(const ReportTable& table, const std::vector<ReportRow>& rows,
                                         const std::string& currency) {
    std::vector<const ReportRow*> out;
    const size_t column = table.ColumnIndex("currency");
    for (const ReportRow& row : rows) {
        if (row[column] && *row[column] == currency) {
            out.push_back(&row);
        }
    }
    return out;
}

Decimal Sum(const ReportTable& table, const std::vector<const ReportRow*>& rows, std::string_view column) {
    Decimal sum = Zero();
    for (const ReportRow* row : rows) {
        sum = sum + Value(table, *row, column);
    }
    return sum;
}

} // namespace

std::vector<Kpi> ComputeKpis(store::Connection& connection, const KpiOptions& options) {
    const ResolvedPeriod period = ResolveBilledPeriod(connection, options.period, "the KPI report");
    const std::string month = period.period.ToString();
    const std::string first = month + "-01";
    const std::string last_day =
        connection
            .Query("SELECT (" + store::QuoteLiteral(period.period.Next().ToString() + "-01") + "::DATE - 1)::VARCHAR")
            .ScalarString()
            .value_or(first);
    std::vector<Kpi> kpis;
    const auto add = [&](std::string_view name, const std::string& currency, std::optional<Decimal> value,
                         std::optional<Decimal> numerator, std::optional<Decimal> denominator, std::string evidence) {
        const KpiDefinition* definition = nullptr;
        for (const KpiDefinition& candidate : kDefinitions) {
            definition = candidate.name == name ? &candidate : definition;
        }
        if (definition == nullptr) {
            Throw(ErrorKind::kInternal, "no KPI called {}", name);
        }
        Kpi kpi;
        kpi.name = std::string(name);
        kpi.area = std::string(definition->area);
        kpi.period = month;
        kpi.currency = currency;
        kpi.at_most = definition->at_most;
        kpi.unit = std::string(definition->unit);
        kpi.formula = std::string(definition->formula);
        kpi.value = value;
        kpi.numerator = numerator;
        kpi.denominator = denominator;
        kpi.evidence = std::move(evidence);
        const auto set = options.policy.thresholds.find(kpi.name);
        if (set != options.policy.thresholds.end()) {
            kpi.threshold = set->second.value;
            kpi.threshold_rule = set->second.where.Provenance();
        } else {
            kpi.threshold = Decimal::Parse(definition->default_threshold);
            kpi.threshold_rule = std::string(definition->default_source);
        }
        if (!value) {
            kpi.status = "no_data";
        } else {
            const bool met = definition->at_most ? !(*kpi.threshold < *value) : !(*value < *kpi.threshold);
            kpi.status = met ? "met" : "missed";
        }
        kpis.push_back(std::move(kpi));
    };

    // The month's currencies and effective cost: the denominators of the cost shares.
    std::vector<std::pair<std::string, Decimal>> currencies;
    for (const auto& row : connection
                               .Query("SELECT BillingCurrency, sum(EffectiveCost)::VARCHAR FROM cost_line WHERE " +
                                      period.Condition() + " AND BillingCurrency IS NOT NULL GROUP BY 1 ORDER BY 1")
                               .TextRows()) {
        currencies.emplace_back(*row[0], Decimal::Parse(row[1].value_or("0")));
    }

    // Allocation: the latest allocation's month; the pools' cost a step could not spread.
    const bool allocated =
        connection.Query("SELECT count(*) FROM allocation_line WHERE run_id = allocation_latest_run()")
            .ScalarInt64()
            .value_or(0) > 0;
    for (const auto& [currency, spend] : currencies) {
        if (!allocated) {
            add("allocation_coverage_pct", currency, std::nullopt, std::nullopt, std::nullopt,
                "no allocation yet: crosswalk run");
            add("unallocated_shared_pct", currency, std::nullopt, std::nullopt, std::nullopt,
                "no allocation yet: crosswalk run");
            continue;
        }
        const auto row = connection
                             .Query(fmt::format(R"(
SELECT coalesce(sum(effective_cost) FILTER (WHERE cost_center IS NOT NULL), 0)::VARCHAR,
       coalesce(sum(effective_cost), 0)::VARCHAR,
       (SELECT coalesce(sum(effective_cost) FILTER (WHERE status <> 'allocated'), 0)::VARCHAR
        FROM allocation_pool WHERE run_id = allocation_latest_run() AND period = {0} AND currency = {1}),
       (SELECT coalesce(sum(effective_cost), 0)::VARCHAR
        FROM allocation_pool WHERE run_id = allocation_latest_run() AND period = {0} AND currency = {1})
FROM allocation_result WHERE period = {0} AND currency = {1})",
                                                store::QuoteLiteral(month), store::QuoteLiteral(currency)))
                             .TextRows();
        const Decimal with_center = Decimal::Parse(row[0][0].value_or("0"));
        const Decimal total = Decimal::Parse(row[0][1].value_or("0"));
        const Decimal unspread = Decimal::Parse(row[0][2].value_or("0"));
        const Decimal pooled = Decimal::Parse(row[0][3].value_or("0"));
        add("allocation_coverage_pct", currency, Percent(with_center, total), with_center, total,
            "allocation_result, the latest run");
        add("unallocated_shared_pct", currency, pooled == Zero() ? std::optional<Decimal>() : Percent(unspread, pooled),
            unspread, pooled, pooled == Zero() ? "no shared cost pooled" : "allocation_pool, the latest run");
    }

    // Tagging.
    if (!options.tags.required.empty()) {
        const ReportTable tags = TagComplianceReport(connection, TagComplianceOptions{period.period, options.tags});
        for (const auto& [currency, spend] : currencies) {
            const auto rows = InCurrency(tags, tags.rows, currency);
            const Decimal cost = Sum(tags, rows, "cost");
            const Decimal compliant = Sum(tags, rows, "cost_compliant");
            const Decimal resources = Sum(tags, rows, "resources");
            const Decimal resources_compliant = Sum(tags, rows, "resources_compliant");
            const std::string keys = fmt::format("required: {}", fmt::join(options.tags.required, ", "));
            add("tag_compliance_cost_pct", currency, Percent(compliant, cost), compliant, cost, keys);
            add("tag_compliance_count_pct", currency, Percent(resources_compliant, resources), resources_compliant,
                resources, keys);
        }
    } else {
        for (const auto& [currency, spend] : currencies) {
            add("tag_compliance_cost_pct", currency, std::nullopt, std::nullopt, std::nullopt,
                "no required tags: rules/tags.yaml required");
            add("tag_compliance_count_pct", currency, std::nullopt, std::nullopt, std::nullopt,
                "no required tags: rules/tags.yaml required");
        }
    }

    // Commitments and idle cost.
    const ReportTable commitments = CommitmentsReport(connection, CommitmentsOptions{period.period, options.vendors});
    const ReportTable inventory = InventoryReconciliationReport(connection, InventoryOptions{last_day});
    for (const auto& [currency, spend] : currencies) {
        const auto totals = InCurrency(commitments, commitments.totals, currency);
        const Decimal unused = Sum(commitments, totals, "unused");
        std::vector<const ReportRow*> retired;
        for (const ReportRow* row : InCurrency(inventory, inventory.rows, currency)) {
            if ((*row)[inventory.ColumnIndex("finding")] == std::optional<std::string>("retired_but_billed")) {
                retired.push_back(row);
            }
        }
        const Decimal retired_cost = Sum(inventory, retired, "amount_at_stake");
        add("idle_cost_pct", currency, Percent(unused + retired_cost, spend), unused + retired_cost, spend,
            fmt::format("unused commitment {}, retired but billed {} ({} resources)", unused.ToString(),
                        retired_cost.ToString(), retired.size()));
        if (totals.empty()) {
            for (const char* name :
                 {"commitment_utilization_pct", "commitment_coverage_pct", "effective_savings_rate_pct"}) {
                add(name, currency, std::nullopt, std::nullopt, std::nullopt, "no commitment discount in the bill");
            }
            continue;
        }
        const ReportRow& total = *totals.front();
        const auto pct = [&](std::string_view column) {
            const Cell& cell = total[commitments.ColumnIndex(column)];
            return cell ? std::optional<Decimal>(Decimal::Parse(*cell)) : std::nullopt;
        };
        add("commitment_utilization_pct", currency, pct("utilization_pct"), Value(commitments, total, "used"),
            Value(commitments, total, "commitment_cost"), "report commitments, totals");
        add("commitment_coverage_pct", currency, pct("coverage_pct"), Value(commitments, total, "covered_contracted"),
            Value(commitments, total, "eligible_contracted"), "report commitments, totals");
        add("effective_savings_rate_pct", currency, pct("esr_pct"), Value(commitments, total, "savings_vs_contracted"),
            Value(commitments, total, "eligible_contracted"), "report commitments, totals");
    }

    // Anomalies: the month's anomaly cost per currency (the totals rows hold one month each).
    AnomalyOptions anomaly_options;
    anomaly_options.licensing = options.licensing;
    const ReportTable anomalies = AnomaliesReport(connection, anomaly_options);
    for (const auto& [currency, spend] : currencies) {
        Decimal cost = Zero();
        for (const ReportRow* row : InCurrency(anomalies, anomalies.totals, currency)) {
            if ((*row)[anomalies.ColumnIndex("series")] == std::optional<std::string>(month)) {
                cost = cost + Value(anomalies, *row, "cost_above_expected");
            }
        }
        add("anomaly_cost", currency, cost, std::nullopt, std::nullopt, "report anomalies, totals of " + month);
    }

    // Forecasting: the whole bill's back-tested monthly MAPE.
    ForecastOptions forecast_options;
    forecast_options.by = "provider";
    forecast_options.horizon_months = 1;
    // As of the period's end (or the bill's, when the month is partial), so no later month informs its accuracy.
    forecast_options.last_day = static_cast<int32_t>(connection
                                                         .Query("SELECT least(" + store::QuoteLiteral(last_day) +
                                                                "::DATE, max(ChargePeriodStart)::DATE) - DATE "
                                                                "'1970-01-01' FROM cost_line")
                                                         .ScalarInt64()
                                                         .value_or(0));
    const ReportTable forecast = ForecastReport(connection, forecast_options);
    for (const auto& [currency, spend] : currencies) {
        std::optional<Decimal> mape;
        for (const ReportRow* row : InCurrency(forecast, forecast.rows, currency)) {
            const Cell& series = (*row)[forecast.ColumnIndex("series")];
            const Cell& value = (*row)[forecast.ColumnIndex("mape_backtest")];
            if (series == std::optional<std::string>("(all)") && value) {
                mape = Decimal::Parse(*value);
            }
        }
        add("forecast_variance_pct", currency, mape, std::nullopt, std::nullopt,
            mape ? "report forecast, series (all), back-tested" : "fewer than 8 weeks of history before a whole month");
    }

    // Licensing, as of the month's end.
    const ReportTable position =
        LicensePositionReport(connection, LicenseOptions{std::nullopt, last_day, options.licensing});
    std::map<std::string, std::pair<int64_t, Decimal>> shortfalls; // currency -> products, exposure
    for (const ReportRow& row : position.rows) {
        const std::string currency = row[position.ColumnIndex("currency")].value_or("");
        auto& [count, exposure] = shortfalls.try_emplace(currency, 0, Zero()).first->second;
        if (Zero() < Value(position, row, "shortfall")) {
            ++count;
            exposure = exposure + Value(position, row, "exposure");
        }
    }
    for (const auto& [currency, spend] : currencies) {
        if (!shortfalls.contains(currency)) {
            add("license_shortfall_products", currency, std::nullopt, std::nullopt, std::nullopt,
                "no entitlement or installation in this currency");
            add("license_exposure", currency, std::nullopt, std::nullopt, std::nullopt,
                "no entitlement or installation in this currency");
        }
    }
    for (const auto& [currency, counts] : shortfalls) {
        if (currency.empty()) {
            continue;
        }
        add("license_shortfall_products", currency, Decimal(counts.first, 0), std::nullopt, std::nullopt,
            fmt::format("{} products in the position", position.rows.size()));
        add("license_exposure", currency, counts.second, std::nullopt, std::nullopt, "report license-position");
    }

    // CMDB coverage: the cloud cost of resources a CI names, as reconcile-inventory counts it.
    for (const auto& [currency, spend] : currencies) {
        const auto row = connection.Query(detail::InventoryCoverageSql(last_day, currency)).TextRows();
        if (row.empty() || !row[0][0]) {
            add("cmdb_coverage_pct", currency, std::nullopt, std::nullopt, std::nullopt, "no resource billed");
            continue;
        }
        const Decimal with_ci = Decimal::Parse(*row[0][0]);
        const Decimal cloud = Decimal::Parse(*row[0][1]);
        add("cmdb_coverage_pct", currency, Percent(with_ci, cloud), with_ci, cloud,
            fmt::format("{} of {} resources have a CI", row[0][2].value_or("0"), row[0][3].value_or("0")));
    }

    // The ledger tie-out of the month's invoices.
    std::optional<ReportTable> ledger;
    const bool ledger_loaded = connection.Query("SELECT count(*) FROM ledger_line").ScalarInt64().value_or(0) > 0;
    try {
        ledger = LedgerReconciliationReport(connection,
                                            LedgerReconciliationOptions{period.period, std::nullopt, options.vendors});
    } catch (const Error& error) {
        if (error.Kind() != ErrorKind::kNotFound) {
            throw;
        }
    }
    for (const auto& [currency, spend] : currencies) {
        if (!ledger || !ledger_loaded) {
            add("ledger_variance_pct", currency, std::nullopt, std::nullopt, std::nullopt, "no ledger loaded");
            continue;
        }
        Decimal absolute = Zero();
        Decimal billed = Zero();
        int64_t off = 0;
        const auto rows = InCurrency(*ledger, ledger->rows, currency);
        for (const ReportRow* row : rows) {
            const Decimal variance = Value(*ledger, *row, "variance");
            absolute = absolute + (variance < Zero() ? -variance : variance);
            billed = billed + Value(*ledger, *row, "billed");
            off += (*row)[ledger->ColumnIndex("status")] != std::optional<std::string>("matched") ? 1 : 0;
        }
        add("ledger_variance_pct", currency, Percent(absolute, billed), absolute, billed,
            fmt::format("{} of {} invoices not matched", off, rows.size()));
    }

    // In the order of the definitions, each currency together.
    std::vector<Kpi> ordered;
    for (const auto& [currency, spend] : currencies) {
        for (const KpiDefinition& definition : kDefinitions) {
            for (const Kpi& kpi : kpis) {
                if (kpi.name == definition.name && kpi.currency == currency) {
                    ordered.push_back(kpi);
                }
            }
        }
    }
    return ordered;
}

ReportTable KpisReport(store::Connection& connection, const KpiOptions& options) {
    const ResolvedPeriod period = ResolveBilledPeriod(connection, options.period, "the KPI report");
    KpiOptions resolved = options;
    resolved.period = period.period;
    return KpisTable(period, ComputeKpis(connection, resolved));
}

ReportTable KpisTable(const ResolvedPeriod& period, const std::vector<Kpi>& kpis) {
    ReportTable table;
    table.name = "kpis";
    table.title =
        fmt::format("KPIs against their thresholds (rules/policy.yaml, else the defaults), {}", period.Describe());
    table.columns = {
        {"kpi", ColumnType::kText, 0, ""},
        {"area", ColumnType::kText, 0, ""},
        {"period", ColumnType::kText, 0, ""},
        {"value", ColumnType::kDecimal, 2, "-"},
        {"threshold", ColumnType::kDecimal, 2, ""},
        {"direction", ColumnType::kText, 0, ""},
        {"status", ColumnType::kText, 0, ""},
        {"numerator", ColumnType::kDecimal, 2, "-"},
        {"denominator", ColumnType::kDecimal, 2, "-"},
        {"formula", ColumnType::kText, 0, ""},
        {"evidence", ColumnType::kText, 0, ""},
        {"threshold_rule", ColumnType::kText, 0, ""},
        {"currency", ColumnType::kText, 0, ""},
    };
    for (const Kpi& kpi : kpis) {
        const auto cell = [](const std::optional<Decimal>& value) {
            return value ? Cell(value->ToString()) : Cell();
        };
        table.rows.push_back({kpi.name, kpi.area, kpi.period, cell(kpi.value), cell(kpi.threshold),
                              kpi.at_most ? "at most" : "at least", kpi.status, cell(kpi.numerator),
                              cell(kpi.denominator), kpi.formula, kpi.evidence, kpi.threshold_rule, kpi.currency});
    }
    AlignDecimals(table);
    return table;
}

} // namespace crosswalk::report
