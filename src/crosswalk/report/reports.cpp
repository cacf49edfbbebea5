#include "crosswalk/report/reports.hpp"

#include <array>

#include "crosswalk/common/error.hpp"
#include "crosswalk/common/text.hpp"
#include "crosswalk/report/kpis.hpp"
#include "crosswalk/rules/rule_set.hpp"
#include "crosswalk/workspace/strict_yaml.hpp"

namespace crosswalk::report {
namespace {

DepreciationOptions DepreciationOptionsOf(const ReportRequest& request) {
    DepreciationOptions options;
    options.asset = request.asset;
    options.as_of = request.as_of;
    options.fiscal_year_start = request.fiscal_year_start.value_or(options.fiscal_year_start);
    options.convention = request.convention.value_or(options.convention);
    return options;
}

TcoOptions TcoOptionsOf(const ReportRequest& request) {
    return TcoOptions{request.application, request.period, request.year};
}

ForecastOptions ForecastOptionsOf(store::Connection& connection, const ReportRequest& request) {
    ForecastOptions options;
    options.by = request.by.value_or(options.by);
    options.horizon_months = request.horizon.value_or(options.horizon_months);
    if (request.as_of) {
        options.last_day = detail::DayNumberOf(connection, *request.as_of, "--as-of");
    }
    options.changes = rules::LoadRuleSetOrThrow(request.workspace_root).budgets.changes;
    return options;
}

KpiOptions KpiOptionsOf(const ReportRequest& request) {
    const rules::RuleSet rules = rules::LoadRuleSetOrThrow(request.workspace_root);
    KpiOptions options{request.period, rules.policy, rules.tags, rules.licensing, rules.vendors};
    if (rules.policy.required_tags.Set()) {
        options.tags.required = rules.policy.required_tags.values;
    }
    return options;
}

} // namespace

std::span<const ReportInfo> Reports() {
    static const std::array<ReportInfo, 26> kReports = {
        ReportInfo{"tags",
                   "tag compliance per required key (rules/policy.yaml required_tags, else rules/tags.yaml required:), "
                   "provider and account",
                   [](store::Connection& connection, const ReportRequest& request) {
                       rules::RuleSet rules = rules::LoadRuleSetOrThrow(request.workspace_root);
                       // The policy's required tags, when it lists some, as the KPIs and the policy report check.
                       if (rules.policy.required_tags.Set()) {
                           rules.tags.required = rules.policy.required_tags.values;
                       }
                       return TagComplianceReport(connection, TagComplianceOptions{request.period, rules.tags});
                   },
                   {}},
        ReportInfo{"unmapped",
                   "cost with no tower, application or cost center, per provider and service",
                   [](store::Connection& connection, const ReportRequest& request) {
                       return UnmappedReport(connection, PeriodOptions{request.period});
                   },
                   {}},
        ReportInfo{"taxonomy",
                   "cost per TBM cost pool, tower and sub-tower, with totals",
                   [](store::Connection& connection, const ReportRequest& request) {
                       return TaxonomyReport(connection, PeriodOptions{request.period});
                   },
                   {}},
        ReportInfo{"chargeback",
                   "the month's statement per cost center, application, provider and service, after allocation",
                   [](store::Connection& connection, const ReportRequest& request) {
                       return StatementReport(connection, StatementOptions{StatementKind::kChargeback, request.period});
                   },
                   {"showback"}},
        ReportInfo{"showback",
                   "the month's statement per cost center and application, after allocation",
                   [](store::Connection& connection, const ReportRequest& request) {
                       return StatementReport(connection, StatementOptions{StatementKind::kShowback, request.period});
                   },
                   {"chargeback"}},
        ReportInfo{"prepaid",
                   "prepaid commitments (SaaS credits) drawn down against their straight line",
                   [](store::Connection& connection, const ReportRequest& request) {
                       return PrepaidReport(connection, PeriodOptions{request.period});
                   },
                   {}},
        ReportInfo{"license-position",
                   "entitled vs consumed per product: on-premises, cloud BYOL, license-included; shortfall, exposure",
                   [](store::Connection& connection, const ReportRequest& request) {
                       const rules::RuleSet rules = rules::LoadRuleSetOrThrow(request.workspace_root);
                       return LicensePositionReport(connection,
                                                    LicenseOptions{request.product, request.as_of, rules.licensing});
                   },
                   {},
                   {"--product", "--as-of"}},
        ReportInfo{"license-findings",
                   "shortfalls, BYOL without rights, licenses to reharvest, surplus at renewal, SaaS drawdown, "
                   "with owners",
                   [](store::Connection& connection, const ReportRequest& request) {
                       const rules::RuleSet rules = rules::LoadRuleSetOrThrow(request.workspace_root);
                       LicenseOptions options{request.product, request.as_of, rules.licensing};
                       options.idle_days = request.idle_days.value_or(options.idle_days);
                       return LicenseFindingsReport(connection, options);
                   },
                   {},
                   {"--product", "--as-of", "--idle-days"}},
        ReportInfo{"renewals",
                   "contracts and entitlements that end, renew or fall due in the next 12 months, with cost",
                   [](store::Connection& connection, const ReportRequest& request) {
                       return RenewalsReport(connection, LicenseOptions{request.product, request.as_of, {}});
                   },
                   {},
                   {"--product", "--as-of"}},
        ReportInfo{"reconcile-ledger",
                   "each invoice of the bill against the general ledger, with the posting lag found from the data",
                   [](store::Connection& connection, const ReportRequest& request) {
                       const rules::RuleSet rules = rules::LoadRuleSetOrThrow(request.workspace_root);
                       return LedgerReconciliationReport(
                           connection, LedgerReconciliationOptions{request.period, request.lag, rules.vendors});
                   },
                   {},
                   {"--period", "--lag"}},
        ReportInfo{"reconcile-inventory",
                   "cloud resources, assets and CIs matched: unowned spend, stale CIs, retired but billed, disputes",
                   [](store::Connection& connection, const ReportRequest& request) {
                       return InventoryReconciliationReport(connection, InventoryOptions{request.as_of});
                   },
                   {},
                   {"--as-of"}},
        ReportInfo{
            "vendor-spend",
            "spend per vendor across the bill (marketplace by publisher), licenses, contracts and the ledger",
            [](store::Connection& connection, const ReportRequest& request) {
                const rules::RuleSet rules = rules::LoadRuleSetOrThrow(request.workspace_root);
                return VendorSpendReport(connection, VendorSpendOptions{request.period, request.year, rules.vendors});
            },
            {},
            {"--period", "--year"}},
        ReportInfo{"depreciation",
                   "each asset's book value as of a date, the fiscal year's depreciation booked and forecast",
                   [](store::Connection& connection, const ReportRequest& request) {
                       return DepreciationReport(connection, DepreciationOptionsOf(request));
                   },
                   {"depreciation-schedule"},
                   {"--asset", "--as-of", "--fiscal-year-start", "--convention"}},
        ReportInfo{"depreciation-schedule",
                   "depreciation by month to the end of every asset's life, booked and forecast",
                   [](store::Connection& connection, const ReportRequest& request) {
                       return DepreciationScheduleReport(connection, DepreciationOptionsOf(request));
                   },
                   {"depreciation"},
                   {"--asset", "--as-of", "--fiscal-year-start", "--convention"}},
        ReportInfo{"tco",
                   "the all-in cost of each application: cloud, licenses, depreciation, contracts, labor",
                   [](store::Connection& connection, const ReportRequest& request) {
                       return TcoReport(connection, TcoOptionsOf(request));
                   },
                   {"tco-services"},
                   {"--period", "--year", "--application"}},
        ReportInfo{"tco-services",
                   "TCO rolled up per business service",
                   [](store::Connection& connection, const ReportRequest& request) {
                       return TcoServicesReport(connection, TcoOptionsOf(request));
                   },
                   {"tco"},
                   {"--period", "--year"}},
        ReportInfo{"tco-explain",
                   "the parts of one application's TCO, each with the rule that placed it",
                   [](store::Connection& connection, const ReportRequest& request) {
                       return TcoExplainReport(connection, TcoOptionsOf(request));
                   },
                   {},
                   {"--period", "--year", "--application"}},
        ReportInfo{"unit-cost",
                   "TCO and cloud cost per unit of each business metric (orders, active users), with the trend",
                   [](store::Connection& connection, const ReportRequest& request) {
                       return UnitCostReport(connection, TcoOptionsOf(request));
                   },
                   {},
                   {"--period", "--year"}},
        ReportInfo{"forecast",
                   "cost per provider, application or cost center by month ahead, with its back-tested accuracy",
                   [](store::Connection& connection, const ReportRequest& request) {
                       return ForecastReport(connection, ForecastOptionsOf(connection, request));
                   },
                   {},
                   {"--by", "--horizon", "--as-of"}},
        ReportInfo{"anomalies",
                   "cost spikes per service and account with what drove them and their owner; trends; license and "
                   "SaaS overage",
                   [](store::Connection& connection, const ReportRequest& request) {
                       AnomalyOptions options;
                       options.by = request.by.value_or(options.by);
                       if (request.as_of) {
                           options.last_day = detail::DayNumberOf(connection, *request.as_of, "--as-of");
                       }
                       options.licensing = rules::LoadRuleSetOrThrow(request.workspace_root).licensing;
                       return AnomaliesReport(connection, options);
                   },
                   {},
                   {"--by", "--as-of"}},
        ReportInfo{"budget",
                   "budget vs actual vs the projection to the end of the month and the year, per cost center, "
                   "business unit, application",
                   [](store::Connection& connection, const ReportRequest& request) {
                       return BudgetReport(
                           connection,
                           BudgetOptions{request.period, rules::LoadRuleSetOrThrow(request.workspace_root).budgets});
                   },
                   {}},
        ReportInfo{"commitments",
                   "commitment discounts' utilization, coverage and effective savings rate; provider commitments "
                   "drawn to date, marketplace apart",
                   [](store::Connection& connection, const ReportRequest& request) {
                       return CommitmentsReport(
                           connection, CommitmentsOptions{request.period,
                                                          rules::LoadRuleSetOrThrow(request.workspace_root).vendors});
                   },
                   {}},
        ReportInfo{"kpis",
                   "the KPIs (allocation, tagging, idle cost, commitments, anomalies, forecast, licenses, CMDB, "
                   "ledger) against their thresholds",
                   [](store::Connection& connection, const ReportRequest& request) {
                       return KpisReport(connection, KpiOptionsOf(request));
                   },
                   {}},
        ReportInfo{"maturity",
                   "the crawl / walk / run scorecard of FinOps, ITAM and the CMDB, from evidence in the data",
                   [](store::Connection& connection, const ReportRequest& request) {
                       return MaturityReport(connection, KpiOptionsOf(request));
                   },
                   {}},
        ReportInfo{"policy",
                   "policy violations (rules/policy.yaml): tags, regions, providers, marketplace, denied products, "
                   "BYOL, budgets",
                   [](store::Connection& connection, const ReportRequest& request) {
                       const rules::RuleSet rules = rules::LoadRuleSetOrThrow(request.workspace_root);
                       return PolicyReport(connection, PolicyOptions{request.period, rules.policy, rules.tags,
                                                                     rules.licensing, rules.vendors});
                   },
                   {},
                   {"--period", "--fail-on-violation"}},
        ReportInfo{"lines",
                   "the bill lines under a figure, each with its file and row (filter by cost center, application, "
                   "provider, service)",
                   [](store::Connection& connection, const ReportRequest& request) {
                       return CostLinesReport(connection,
                                              CostLinesOptions{request.period, request.cost_center, request.application,
                                                               request.provider, request.service});
                   },
                   {},
                   {"--period", "--cost-center", "--application", "--provider", "--service"}},
    };
    return kReports;
}

const ReportInfo& FindReport(std::string_view name) {
    std::vector<std::string> names;
    for (const ReportInfo& info : Reports()) {
        if (info.name == name) {
            return info;
        }
        names.push_back(info.name);
    }
    const std::string nearest = workspace::NearestWord(name, names);
    Throw(ErrorKind::kInvalidInput, "unknown report '{}'{}; the reports are: {}", name,
          nearest.empty() ? "" : fmt::format(" (did you mean '{}'?)", nearest), Join(names));
}

} // namespace crosswalk::report
