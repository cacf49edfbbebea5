// `crosswalk what-if onboard PLAN.yaml`: a planned workload before it is deployed (seed 001: "ITAM reviews the
// licensing needs for new workloads being onboarded, ensuring that all necessary licenses are in place before
// the deployment"): its monthly cloud cost from the bill's prices, the licenses its software needs against those
// available, counted by the same rules as the position, and what it does to its cost center's budget and
// forecast. docs/licensing.md.
#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "crosswalk/analyze/license_counting.hpp"
#include "crosswalk/common/error.hpp"
#include "crosswalk/common/text.hpp"
#include "crosswalk/report/instance_price.hpp"
#include "crosswalk/report/reports.hpp"
#include "crosswalk/store/sql_quote.hpp"

namespace crosswalk::report {
namespace {

using store::QuoteLiteral;

struct PricedGroup {
    InstanceType instance;
    int vcpus = 0;
    std::string currency;
    std::string monthly; // all the group's instances, a month, rounded to the minor unit
    std::string basis;
};

std::string MonthOf(const std::string& as_of) {
    return fmt::format("month AS (SELECT date_trunc('month', {0}::DATE) AS month_start, date_trunc('month', "
                       "{0}::DATE) + INTERVAL 1 MONTH AS month_end)",
                       QuoteLiteral(as_of));
}

} // namespace

ReportTable WhatIfOnboardReport(store::Connection& connection, const WhatIfOnboardOptions& options) {
    const rules::OnboardPlan& plan = options.plan;
    const std::string as_of = licensing::ResolveAsOf(connection, std::nullopt);
    const std::vector<rules::LicensingRule> rules = rules::EffectiveLicensingRules(options.licensing);

    // A plan is for months not billed yet: the projection it adds to starts after the bill.
    const std::string latest =
        connection.Query("SELECT strftime(max(ChargePeriodStart), '%Y-%m') FROM cost_line").ScalarString().value_or("");
    if (latest.empty()) {
        Throw(ErrorKind::kNotFound, "no bill is loaded: a plan is priced from the bill's VMs (crosswalk ingest focus)");
    }
    if (plan.start <= latest) {
        Throw(ErrorKind::kInvalidInput,
              "{}: start {} is not after the bill's latest month, {}: a plan is for months "
              "not billed yet",
              plan.file, plan.start, latest);
    }
    // The products as the licensing rules, entitlements and installations spell them (a plan may write them in
    // another case).
    std::vector<std::string> known;
    for (const rules::LicensingRule& rule : rules) {
        known.push_back(rule.product);
    }
    for (const auto& row : connection
                               .Query("SELECT DISTINCT product FROM entitlement WHERE product IS NOT NULL UNION "
                                      "SELECT DISTINCT product FROM installation WHERE product IS NOT NULL")
                               .TextRows()) {
        known.push_back(*row[0]);
    }
    const auto spelled = [&](const std::string& product) {
        for (const std::string& name : known) {
            if (ToLower(name) == ToLower(product)) {
                return name;
            }
        }
        return product;
    };

    // The cloud cost of each group of instances, at the bill's price of its type in the latest month.
    std::vector<PricedGroup> groups;
    std::vector<std::string> planned_hosts;  // installation rows of the planned software
    std::vector<licensing::SimulatedVm> vms; // the planned VMs, for the license-included signals
    std::vector<std::string> products;
    for (size_t g = 0; g < plan.instances.size(); ++g) {
        rules::PlannedInstances planned = plan.instances[g];
        for (std::string& product : planned.software) {
            product = spelled(product);
        }
        PricedGroup group;
        group.instance =
            ParseInstanceType(connection, planned.type, fmt::format("{}:{}: 'type'", plan.file, planned.where.line));
        group.vcpus = planned.vcpus != 0 ? planned.vcpus : InstanceVcpus(connection, group.instance);
        if (group.vcpus == 0) {
            Throw(ErrorKind::kNotFound, "{}:{}: no {} bill line shows instance type '{}' with its vCPUs; give vcpus: N",
                  plan.file, planned.where.line, group.instance.provider, group.instance.type);
        }
        const std::string price = InstancePriceSql(
            group.instance, LicenseMatchSql(rules, planned.software, group.instance.provider, planned.license_included),
            planned.license_included && AnyLicenseSignal(rules, planned.software, group.instance.provider),
            planned.hourly_price, "hourly_price");
        const auto rows = connection
                              .Query(fmt::format("WITH {}, {} SELECT currency, money_round(hourly * {} * {}, "
                                                 "currency)::VARCHAR, basis FROM price",
                                                 MonthOf(as_of), price, planned.hours_per_month, planned.count))
                              .TextRows();
        if (rows.empty() || !rows[0][0]) {
            Throw(ErrorKind::kNotFound, "{}:{}: no {} VM of {} is billed {} the license in {}: give hourly_price",
                  plan.file, planned.where.line, group.instance.provider, group.instance.type,
                  planned.license_included ? "with" : "without", as_of.substr(0, 7));
        }
        group.currency = *rows[0][0];
        group.monthly = *rows[0][1];
        group.basis =
            rows[0][2].value_or("") +
            (planned.hours_per_month != 730 ? fmt::format(" (here {} hours)", planned.hours_per_month) : std::string());
        for (int i = 1; i <= planned.count; ++i) {
            const std::string vm = fmt::format("plan:{}:{}-{}", plan.workload, g + 1, i);
            vms.push_back(licensing::SimulatedVm{vm, group.instance.provider, planned.license_included});
            for (const std::string& product : planned.software) {
                planned_hosts.push_back(fmt::format(
                    "({}, NULL, {}, NULL, NULL, 'resource', {}, {}, NULL, {}, 2, NULL, NULL, 'plan', NULL, NULL)",
                    QuoteLiteral(vm + ":" + product), QuoteLiteral(product), QuoteLiteral(vm),
                    QuoteLiteral(group.instance.provider), group.vcpus));
                if (std::find(products.begin(), products.end(), product) == products.end()) {
                    products.push_back(product);
                }
            }
        }
        groups.push_back(std::move(group));
    }

    ReportTable table;
    table.name = "what-if-onboard";
    table.title = fmt::format("what onboarding '{}' ({} for {}, from {} for {} months) needs and costs, priced and "
                              "counted as of {}",
                              plan.workload, plan.owner, plan.cost_center, plan.start, plan.months, as_of);
    table.columns = {
        {"kind", ColumnType::kText, 0, ""},
        {"item", ColumnType::kText, 0, ""},
        {"quantity", ColumnType::kInteger, 0, ""},
        {"vcpus", ColumnType::kInteger, 0, ""},
        {"needed", ColumnType::kDecimal, 0, "-"},
        {"available", ColumnType::kDecimal, 0, "-"},
        {"shortfall_before", ColumnType::kDecimal, 0, ""},
        {"shortfall_after", ColumnType::kDecimal, 0, ""},
        {"before", ColumnType::kMoney, 2, "-"},
        {"after", ColumnType::kMoney, 2, "-"},
        {"change", ColumnType::kMoney, 2, "-"},
        {"budget", ColumnType::kMoney, 2, "-"},
        {"status_after", ColumnType::kText, 0, ""},
        {"currency", ColumnType::kText, 0, ""},
        {"basis", ColumnType::kText, 0, ""},
    };
    std::map<std::string, Decimal> monthly_by_currency;
    for (size_t g = 0; g < groups.size(); ++g) {
        const PricedGroup& group = groups[g];
        const rules::PlannedInstances& planned = plan.instances[g];
        table.rows.push_back({std::string("cloud"),
                              fmt::format("{} x {}:{} ({})", planned.count, group.instance.provider,
                                          group.instance.type, planned.license_included ? "license included" : "BYOL"),
                              std::to_string(planned.count), std::to_string(group.vcpus), Cell(), Cell(), Cell(),
                              Cell(), Cell(), group.monthly, group.monthly, Cell(), Cell(), group.currency,
                              group.basis + ", a month"});
        auto [entry, fresh] = monthly_by_currency.try_emplace(group.currency, Decimal(0, 2));
        entry->second = entry->second + Decimal::Parse(group.monthly);
    }

    // Licenses: the position today and with the planned software on the planned VMs.
    if (!products.empty()) {
        std::string wanted;
        for (const std::string& product : products) {
            wanted += (wanted.empty() ? "" : ", ") + QuoteLiteral(product);
        }
        const std::string planned_source = fmt::format(
            "(SELECT * FROM installation UNION ALL SELECT * FROM (VALUES {}) AS p(installation_id, publisher, product, "
            "edition, version, host_kind, host_id, cloud_provider, physical_cores, vcpus, threads_per_core, users, "
            "last_used_date, discovery_source, source_file_id, source_row))",
            fmt::join(planned_hosts, ", "));
        const std::string sql = fmt::format(
            R"(
WITH before AS (
    WITH {before}
    SELECT product, entitled, shortfall, surplus, unit_cost, currency FROM product_positions
),
after AS (
    WITH {after}
    SELECT p.product, p.shortfall, p.unit_cost, p.currency,
           (SELECT sum(c.licenses) FROM counted AS c WHERE c.product = p.product AND starts_with(c.host_id, 'plan:'))
               AS needed,
           (SELECT bool_and(c.license_included) FROM counted AS c
            WHERE c.product = p.product AND starts_with(c.host_id, 'plan:')) AS included,
           (SELECT any_value(c.formula) FROM counted AS c
            WHERE c.product = p.product AND starts_with(c.host_id, 'plan:')) AS formula
    FROM product_positions AS p
)
SELECT a.product, a.needed::VARCHAR, coalesce(b.surplus, 0)::VARCHAR, coalesce(b.shortfall, 0)::VARCHAR,
       a.shortfall::VARCHAR,
       ((coalesce(a.shortfall, 0) - coalesce(b.shortfall, 0)) * coalesce(a.unit_cost, b.unit_cost))::VARCHAR,
       coalesce(a.currency, b.currency),
       CASE WHEN a.included THEN 'license included in the VM''s price'
            WHEN a.needed IS NULL THEN 'no licensing rule counts it on a cloud VM'
            ELSE coalesce(a.formula, '') END
FROM after AS a LEFT JOIN before AS b USING (product)
WHERE a.product IN ({wanted})
ORDER BY a.product)",
            fmt::arg("before", licensing::PositionSql(rules, as_of)),
            fmt::arg("after", licensing::PositionSql(rules, as_of, planned_source, vms)), fmt::arg("wanted", wanted));
        for (const auto& row : connection.Query(sql).TextRows()) {
            table.rows.push_back({std::string("license"), row[0], Cell(), Cell(), row[1], row[2], row[3], row[4],
                                  Cell(), Cell(), row[5], Cell(), Cell(), row[6], row[7]});
        }
    }

    // The cost center's budget and forecast for the start month and its year, with the workload added.
    const Period start = Period::Parse(plan.start);
    const int months_in_year = std::min(plan.months, 13 - start.month);
    std::optional<ReportTable> budget;
    try {
        budget = BudgetReport(connection, BudgetOptions{start, options.budgets});
    } catch (const Error& error) {
        if (error.Kind() != ErrorKind::kNotFound) {
            throw;
        }
    }
    bool budgeted_month = false;
    for (size_t r = 0; budget && r < budget->rows.size(); ++r) {
        const ReportRow& row = budget->rows[r];
        if (row[budget->ColumnIndex("scope_kind")] != std::optional<std::string>("cost_center") ||
            row[budget->ColumnIndex("scope_id")] != std::optional<std::string>(plan.cost_center)) {
            continue;
        }
        const std::string horizon = row[budget->ColumnIndex("horizon")].value_or("");
        const std::string currency = row[budget->ColumnIndex("currency")].value_or("");
        const auto monthly = monthly_by_currency.find(currency);
        const Cell& forecast = row[budget->ColumnIndex("forecast_end_of_period")];
        const Cell& amount = row[budget->ColumnIndex("budget")];
        if (monthly == monthly_by_currency.end() || !forecast) {
            continue;
        }
        budgeted_month = budgeted_month || horizon == "month";
        const int months = horizon == "month" ? 1 : months_in_year;
        const auto figures =
            connection
                // Exact DECIMALs throughout: the thresholds compared as after x 100 against budget x (100 +- pct).
                .Query(fmt::format(
                    "WITH f AS (SELECT {0}::DECIMAL(38,18) * {1} AS added, {2}::DECIMAL(38,18) + {0}::DECIMAL(38,18) * "
                    "{1} AS after, {3}::DECIMAL(38,18) AS budget) SELECT added::VARCHAR, after::VARCHAR, CASE WHEN "
                    "budget IS NULL THEN 'no_budget' WHEN after * 100 > budget * (100 + {4}) THEN 'over_budget' WHEN "
                    "after * 100 < budget * (100 - {5}) THEN 'under_budget' ELSE 'on_track' END FROM f",
                    monthly->second.ToString(), months, *forecast, amount ? *amount : std::string("NULL"),
                    options.budgets.overspend_pct.ToString(), options.budgets.underspend_pct.ToString()))
                .TextRows();
        table.rows.push_back(
            {std::string("budget"),
             fmt::format("{} {} {}", plan.cost_center, horizon, row[budget->ColumnIndex("period")].value_or("")),
             Cell(), Cell(), Cell(), Cell(), Cell(), Cell(), forecast, figures[0][1], figures[0][0], amount,
             figures[0][2], currency,
             fmt::format("the projection of report budget, plus {} month{} of the workload", months,
                         months == 1 ? "" : "s")});
    }
    if (!budgeted_month) {
        table.rows.push_back(
            {std::string("budget"), fmt::format("{} month {}", plan.cost_center, plan.start), Cell(), Cell(), Cell(),
             Cell(), Cell(), Cell(), Cell(), Cell(), Cell(), Cell(), std::string("no_budget"), Cell(),
             fmt::format("no budget line of {} for {} (crosswalk ingest budgets)", plan.cost_center, plan.start)});
    }
    for (const auto& [currency, monthly] : monthly_by_currency) {
        const std::string total =
            connection.Query(fmt::format("SELECT ({}::DECIMAL(38,18) * {})::VARCHAR", monthly.ToString(), plan.months))
                .ScalarString()
                .value_or("");
        table.totals.push_back({std::string("total"), fmt::format("{} months of the workload's cloud", plan.months),
                                Cell(), Cell(), Cell(), Cell(), Cell(), Cell(), Cell(), total, total, Cell(), Cell(),
                                currency, Cell()});
    }
    AlignDecimals(table);
    return table;
}

} // namespace crosswalk::report
