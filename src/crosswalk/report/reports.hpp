// The reports of `crosswalk report NAME` (docs/reports.md): one library function each, reading the store (never
// writing it) and returning a ReportTable that every front end renders. Money is never summed across
// currencies: each report has a `currency` column and groups by it.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "crosswalk/analyze/depreciation.hpp"
#include "crosswalk/analyze/license_counting.hpp"
#include "crosswalk/report/report_period.hpp"
#include "crosswalk/report/report_table.hpp"
#include "crosswalk/rules/evaluate.hpp"
#include "crosswalk/rules/onboard_plan.hpp"
#include "crosswalk/rules/rule_set.hpp"
#include "crosswalk/store/connection.hpp"

namespace crosswalk::report {

// The license counting the license reports share is an analysis (analyze/license_counting.hpp).
namespace licensing = analyze::licensing;

struct TagComplianceOptions {
    std::optional<Period> period; // default: the latest month with cost lines
    rules::TagRules rules;        // the workspace's tag rules; rules.required is the tag policy checked
};

// Tag compliance per required key, provider, account and currency: columns key, provider, account, currency,
// resources, resources_compliant, cost, cost_compliant, cost_compliant_pct; worst first. Reads cost_line and
// tag_set (the tag rules' result, one row per distinct tag set and canonical key); before a pipeline run has
// made tag_set, evaluates the same compiled rules on the fly. Throws kInvalidInput when rules.required is empty.
[[nodiscard]] ReportTable TagComplianceReport(store::Connection& connection, const TagComplianceOptions& options);

struct PeriodOptions {
    std::optional<Period> period; // default: the latest month with cost lines
};

// Cost no tower, application or cost center was found for, per dimension, provider, service and currency:
// columns dimension, provider, service_name, currency, resources, cost; largest first. Reads cost_line_enriched.
[[nodiscard]] ReportTable UnmappedReport(store::Connection& connection, const PeriodOptions& options);

// Cost per TBM cost pool, tower and sub-tower and currency: columns cost_pool, tower, sub_tower, currency,
// billed_cost, effective_cost, with cost nothing mapped as rows of its own (NULL) and one totals row per
// currency, equal to the period's billed cost exactly. Reads cost_line_enriched.
[[nodiscard]] ReportTable TaxonomyReport(store::Connection& connection, const PeriodOptions& options);

enum class StatementKind { kChargeback, kShowback };

struct StatementOptions {
    StatementKind kind = StatementKind::kChargeback;
    std::optional<Period> period; // default: the latest month with cost lines
    // The month of license contracts and entitlements (docs/tco.md: the latest run's TCO parts) added on the
    // applications that use them, as rows of provider the vendor and service 'license: CONTRACT-ID': in `license`
    // and the totals.
    bool with_license_contracts = true;
};

// The month's statement from the latest allocation (allocation_result): columns cost_center, business_owner,
// application, provider, service, usage_quantity, direct_billed, direct_effective, shared_allocated, license,
// support, total_billed, total_effective, currency, and one totals row per currency, which equals the month's
// billed and amortized cost exactly. Chargeback has a row per cost center, application, provider and service (a
// share's service is 'shared: <step>'); showback rolls provider and service up (usage_quantity NULL: the
// services' units differ). shared_allocated, license and
// support are amortized (EffectiveCost); license is cost in the TBM pool 'Software & SaaS', support cost in
// ServiceSubcategory 'Support'. Cost on no cost center is a row of its own (cost_center NULL). Throws
// kNotFound before the first allocation.
[[nodiscard]] ReportTable StatementReport(store::Connection& connection, const StatementOptions& options);

// Each prepaid commitment (a contract with payment_schedule 'prepaid' whose term overlaps the month, not a cloud
// spend commitment: cloud_provider NULL) against its
// straight line at the month's end: columns contract_id, name, vendor, start_date, end_date, term_elapsed
// ("6 of 12 months"), prepaid (the contract's value), paid_to_date (its Purchase lines' BilledCost), drawn (the
// month's Usage lines' EffectiveCost naming it as CommitmentDiscountId), drawn_to_date, straight_line_to_date
// (the value spread evenly over the term: by month for a term of whole calendar months, else by day),
// vs_straight_line (drawn_to_date - straight_line_to_date: positive draws faster than the line), drawn_pct,
// remaining, projected_at_term_end (drawn_to_date at its rate to date over the whole term), projected_unused
// (negative: an overage), currency; one totals row per currency. Reads contract and cost_line.
[[nodiscard]] ReportTable PrepaidReport(store::Connection& connection, const PeriodOptions& options);

struct LicenseOptions {
    std::optional<std::string> product; // one product; default: all
    std::optional<std::string> as_of;   // YYYY-MM-DD; default: the last day of the latest month with cost lines
    rules::LicensingRules rules;        // the workspace's rules/licensing.yaml (the shipped defaults apply under it)
    int idle_days = 90;                 // license-findings: an installation not used for longer is idle
};

// The license position per product (docs/licensing.md): columns publisher, product, edition, metric, entitled
// (entitlements in term at the date), consumed_onprem, consumed_cloud_byol (licenses the rules count on
// on-premises hosts and on cloud VMs whose bill shows no license-included signal), required (their sum; rounded
// up for a rule with round: total), license_included_instances, license_included_cost (the as-of month's
// EffectiveCost of the bill lines that show the license), shortfall, surplus, exposure (shortfall x the latest
// entitlement's unit cost), currency (the entitlements'), expiring_90d (entitled quantity whose term or
// maintenance ends within 90 days). Reads installation, asset, entitlement and cost_line.
[[nodiscard]] ReportTable LicensePositionReport(store::Connection& connection, const LicenseOptions& options);

// Warnings for the workspace's licensing rules against the loaded data (`crosswalk rules check`): a product
// neither installed nor entitled, a license-included signal that matches no bill line (a typo in a column or a
// value, or a provider the bill does not name), which would count every VM of it as BYOL.
[[nodiscard]] std::vector<rules::RuleWarning> CheckLicensingRules(store::Connection& connection,
                                                                  const rules::LicensingRules& workspace);

// The evidence behind a product's count: one row per installation with its host, whether the license is
// included (and the rule line of the bill signal that shows it), the inputs (cores, processors, vCPUs, users),
// the rule applied (licensing.yaml:LINE and its formula), the licenses counted and the installation's source
// row; a totals row equal to the position's `required`. Throws kNotFound for a product nothing installs.
[[nodiscard]] ReportTable LicenseExplainReport(store::Connection& connection, const LicenseOptions& options);

// What a license manager acts on, one row per finding (docs/licensing.md): columns kind, product, host, owner,
// cost_center, detail, amount, currency, installation_id. Kinds, in this order: shortfall (amount: the
// exposure); byol_without_rights (a cloud VM's BYOL license whose product has too few entitlements with the
// right: amount its licenses at the unit cost when none has it); retired_host, terminated_host (the VM's last
// bill line ends before its provider's bill does), idle (last used more than idle_days before the date): the
// licenses to reharvest at the unit cost; surplus_at_renewal (surplus of a product an entitlement of which ends
// its term or maintenance within 12 months); saas_overage, saas_underuse (a prepaid contract drawn more than 5%
// off its straight line: amount the projected overage or unused credit). Owner and cost center: the host's in
// the asset register, else the enrichment's of its bill lines; the latest entitlement's cost center for a
// product, the contract's for SaaS.
[[nodiscard]] ReportTable LicenseFindingsReport(store::Connection& connection, const LicenseOptions& options);

// What ends, renews or falls due within 12 months of the date (docs/licensing.md): columns date, kind
// (contract_ends, auto_renews, anniversary, term_ends, maintenance_ends), vendor, contract_id, item, quantity,
// cost, currency, notice_by, days_left, cost_center, owner; by date. Contracts: their end (cost: the value of a
// year of the contract) and, for annual payments, each anniversary (a true-up for license and maintenance
// contracts); entitlements: their term end (cost: what the quantity costs at its unit cost) and maintenance end.
[[nodiscard]] ReportTable RenewalsReport(store::Connection& connection, const LicenseOptions& options);

struct WhatIfResizeOptions {
    std::string resource;             // a ResourceId, its ResourceName or the end of its id (i-0abc)
    int vcpus = 0;                    // the new size
    std::optional<std::string> as_of; // YYYY-MM-DD; default: the last day of the latest month with cost lines
    rules::LicensingRules rules;
};

// What resizing a cloud VM to `vcpus` changes (docs/licensing.md): one row per product installed on it (item,
// license_before and license_after (included or BYOL), vcpus_before, vcpus_after, licenses_before, licenses_after,
// licenses_change, shortfall_before, shortfall_after, exposure_change at the unit cost, currency), counted by the
// licensing rules on the installations as they would be, and a row for the VM's cloud cost in the as-of month
// (cloud_cost_before, cloud_cost_after, cloud_cost_change, basis): its hourly lines scaled by the vCPUs, the rest
// unchanged. Throws kNotFound when no bill line names the resource, kInvalidInput when the name matches several.
[[nodiscard]] ReportTable WhatIfResizeReport(store::Connection& connection, const WhatIfResizeOptions& options);

struct WhatIfMigrateOptions {
    std::string host;                        // an on-premises asset_tag whose installations move
    std::string to;                          // PROVIDER:INSTANCE_TYPE, e.g. AWS:m6i.xlarge
    bool license_included = false;           // --license included | byol
    int vcpus = 0;                           // 0: the instance type's CoreCount in the bill
    std::optional<std::string> hourly_price; // else the bill's VMs of that type, with or without the license
    std::optional<std::string> as_of;
    rules::LicensingRules rules;
};

// What moving an on-premises host's software to a cloud VM changes (docs/licensing.md): the same columns as
// WhatIfResizeReport, license_before on-premises, license_after included or BYOL (a product whose rule has no
// license-included signal for the provider stays BYOL), and a cloud row with the VM's monthly cost: 730 hours
// at the hourly cost of the bill's VMs of that type in the as-of month, billed with the license (included) or
// without (byol), or at --hourly-price. VMs on a migrated physical host are not moved. Throws kNotFound for a
// host with no installation or an instance type the bill does not show (without --vcpus).
[[nodiscard]] ReportTable WhatIfMigrateReport(store::Connection& connection, const WhatIfMigrateOptions& options);

struct WhatIfOnboardOptions {
    rules::OnboardPlan plan;
    rules::LicensingRules licensing;
    rules::BudgetRules budgets; // the thresholds of the budget status
};

// What onboarding a planned workload needs and costs (docs/licensing.md), priced and counted as of the last day
// of the latest month with cost lines: columns kind, item, quantity, vcpus, needed, available, shortfall_before,
// shortfall_after, before, after, change, budget, status_after, currency, basis. Kinds: cloud (per group of
// instances: after and change its month, at the hourly price of the bill's VMs of the type billed with or without
// the license, or the plan's hourly_price), license (per product the plan installs: needed, the licenses the
// rules count on the planned VMs (none where the VM's price includes the license); available, today's surplus;
// the shortfall before and after; change, the exposure it adds at the unit cost), budget (the cost center's month
// and year at the plan's start: before, report budget's projection; after, with the workload's months in it;
// status_after by the budget thresholds). Totals: the cloud cost of the plan's months per currency. Throws
// kNotFound for an instance type the bill does not price (give hourly_price) or show vCPUs for.
[[nodiscard]] ReportTable WhatIfOnboardReport(store::Connection& connection, const WhatIfOnboardOptions& options);

struct ExplainOptions {
    std::string dimension;              // "cost_center" or "application"
    std::string value;                  // CC-2200, APP-WEB
    std::optional<Period> period;       // default: the latest month with cost lines
    bool with_license_contracts = true; // as StatementOptions: rows for the license contracts' month
};

// How one cost center's or application's total of a month after the latest allocation was built, one row per
// step and movement (direct cost; cost a step took from here into its pool, negative; a share a step gave
// here), application, provider and service: columns step, step_name, rule (the step's allocation.yaml line;
// for direct cost the enrichment sources of the dimension), movement, application, provider, service,
// billed_cost, effective_cost, cost_lines, source (for direct cost the bill files with their first and last row
// and line count; for a share the method, driver file and weight), currency; one totals row per currency,
// which equals the statement's total for it. Throws kNotFound before the first allocation or when nothing is
// on the value.
[[nodiscard]] ReportTable ExplainReport(store::Connection& connection, const ExplainOptions& options);

struct CostLinesOptions {
    std::optional<Period> period;           // default: the latest month with cost lines
    std::optional<std::string> cost_center; // each: only lines with this value; "(none)": lines with none
    std::optional<std::string> application;
    std::optional<std::string> provider;
    std::optional<std::string> service;
};

// The most rows CostLinesReport lists (its totals count every line).
inline constexpr int kCostLinesLimit = 100000;

// The bill lines of the month under a figure, one row each, by file and row: columns source_file, source_row,
// charge_date, provider, account, service, resource_id, charge_category, cost_center, application, tower,
// cost_center_source (which enrichment source named the cost center), billed_cost, effective_cost, currency;
// totals per currency: the count and the sums of every matching line. Reads cost_line_enriched.
[[nodiscard]] ReportTable CostLinesReport(store::Connection& connection, const CostLinesOptions& options);

struct DiffOptions {
    std::optional<int64_t> before; // `run` ids of two allocations; default: the latest two
    std::optional<int64_t> after;
};

// What moved between two allocations, per month, cost center, application and currency: columns period,
// cost_center, application, before_effective, after_effective, change_effective, change_billed, currency, why.
// `why` lists each origin that changed with its amortized change and reason: direct cost (the loaded files
// changed, else the rules changed), or a step (added, removed, its rule changed, its driver file changed, or
// only what reached its pool). Only rows where something changed; largest change first within a month.
// Throws kNotFound for fewer than two allocations or a run that made none.
[[nodiscard]] ReportTable DiffReport(store::Connection& connection, const DiffOptions& options);

struct InventoryOptions {
    std::optional<std::string> as_of; // YYYY-MM-DD; default: the last day of the latest month with cost lines
};

// The cloud resources billed in the date's month, the asset register and the CMDB matched into one inventory
// (docs/reconciliation.md): columns finding, provider, resource_id, asset_tag, ci_id, name, owner, cost_center,
// amount_at_stake (the resource's EffectiveCost in the month), currency, match_rule (how the CI was found: its
// resource_id, the end of the ResourceId, a name; the asset's ci_id, the CI's asset_tag, a serial number, a
// host name), detail. Findings, in this order: ownership_dispute (the cost center a chargeback bills, from the
// enrichment, is not the CI's), retired_but_billed, no_ci (billed, no CI names it: unowned spend), stale_ci (its
// resource is not billed, its asset retired or missing), retired_with_installations, asset_without_ci (on
// premises, in use), duplicate (a resource or asset several CIs name, two assets with one serial), matched.
// The title gives the coverage: the share of the month's cloud cost (with a ResourceId) whose resource has a
// CI, per currency, and the on-premises assets in use with a CI. Totals: per finding and currency.
[[nodiscard]] ReportTable InventoryReconciliationReport(store::Connection& connection, const InventoryOptions& options);

struct LedgerReconciliationOptions {
    std::optional<Period> period; // the billing period; default: the latest whose ledger period has lines
    std::optional<int> lag;       // months from the billing period to the ledger period; default: detected
    rules::VendorRules vendors;   // the workspace's rules/vendors.yaml (the shipped defaults apply under it)
};

// Each invoice of the bill against the general ledger (docs/reconciliation.md): columns provider, invoice_id,
// billing_period, ledger_period, billed (the BilledCost of its lines: one provider, InvoiceId, else billing
// account, billing period and currency), ledgered (the ledger lines naming the InvoiceId in the ledger period;
// for invoices no line names, the lines of the same vendor, period and currency naming no invoice of the
// bill), variance (ledgered - billed), status (matched: within half a minor unit per ledger line; over;
// under; missing_in_ledger; missing_in_bill: a line of a bill vendor that no invoice of the period explains),
// reason (currency rounding, tax or credits the ledger leaves out, a late, early or split posting, another
// currency), currency, ledger_entries (the entry ids); a totals row per currency. Vendors are compared by the
// vendor rules ("Amazon Web Services, Inc." is AWS). The lag, when not given, is the one from 0 to 3 months
// at which most invoices of every period tie, and the title says how many.
[[nodiscard]] ReportTable LedgerReconciliationReport(store::Connection& connection,
                                                     const LedgerReconciliationOptions& options);

struct LedgerLag {
    int lag = 0;          // months
    int64_t matched = 0;  // invoices that tie at it
    int64_t invoices = 0; // invoices whose ledger period the ledger covers
    std::string evidence; // "19 of 19 invoices tie at lag 1; 0 at lag 0, 0 at lag 2, 0 at lag 3"
};

// The lag between a bill and its ledger posting, as LedgerReconciliationReport detects it.
[[nodiscard]] LedgerLag DetectLedgerLag(store::Connection& connection, const rules::VendorRules& vendors);

struct VendorSpendOptions {
    std::optional<Period> period; // one month; else
    std::optional<int> year;      // a calendar year (to the bill's latest month when it has not reached December);
                                  // default: the year of the latest cost line
    rules::VendorRules vendors;   // the workspace's rules/vendors.yaml (the shipped defaults apply under it)
};

// What is spent with each vendor in the period (docs/reconciliation.md), vendor names made one by the vendor
// rules: columns vendor, cloud (BilledCost of the bill lines whose provider is the vendor, its own services),
// marketplace (BilledCost of lines another provider sells for it: by PublisherName), licenses (entitlements
// bought in the period under no loaded contract), contracts (the period's days of each contract's value, spread
// evenly over its term; not cloud commitments nor contracts the bill draws as CommitmentDiscountId, whose spend
// the bill shows), ledger (its ledger lines posted in the period), spend (cloud + marketplace + licenses +
// contracts; the ledger when those are all empty), basis (which of them), names (every spelling of the vendor
// seen), currency; a totals row per currency.
[[nodiscard]] ReportTable VendorSpendReport(store::Connection& connection, const VendorSpendOptions& options);

struct DepreciationOptions {
    std::optional<std::string> asset; // one asset_tag; default: every depreciable asset
    std::optional<std::string> as_of; // YYYY-MM-DD; default: the last day of the latest month with cost lines
    int fiscal_year_start = 1;        // the month the fiscal year starts in, 1..12
    analyze::DepreciationConvention convention = analyze::DepreciationConvention::kFullMonth;
};

// Each depreciable asset (a depreciation method other than none, cost, useful life, in-service date (else
// acquisition date) and currency) in service by the date's month (docs/reconciliation.md): columns asset_tag, name,
// cost_center, method, in_service, useful_life_months, end_of_life (the last month it depreciates), cost, salvage,
// accumulated and book_value (depreciation booked through the last month that ended on or before the date),
// this_month (the date's month), fiscal_ytd (booked in the fiscal year), rest_of_fiscal_year (the forecast to
// its end), fiscal_year_total, next_12_months (after the booked months), written_off (the book value left when a
// retired or disposed asset left the books before the end of its life), currency; a totals row per currency.
// Schedules by analyze::Schedule, amounts in the currency's minor units. Throws kNotFound for an --asset that is
// not depreciable.
[[nodiscard]] ReportTable DepreciationReport(store::Connection& connection, const DepreciationOptions& options);

// The depreciation by month and currency, from the first month of the date's fiscal year (one asset: its first
// month) to the last month anything depreciates: columns period, fiscal_year (named by the year it ends in),
// kind (booked or forecast), assets (depreciating in the month), depreciation, accumulated and book_value (of the
// assets on the books: in service and not retired), currency; a totals row per currency.
[[nodiscard]] ReportTable DepreciationScheduleReport(store::Connection& connection, const DepreciationOptions& options);

struct TcoOptions {
    std::optional<std::string> application; // one application (or '(unassigned)'); default: all
    std::optional<Period> period;           // one month; else
    std::optional<int> year;                // the billed months of a calendar year; default: the latest month
};

// The months a TCO report covers and the same span before, for the trend.
struct TcoWindow {
    std::vector<Period> months;
    std::vector<Period> previous; // empty when the bill does not cover every one of them
    std::string scope;            // "period 2026-02", "year 2026 (2026-01 to 2026-06, the billed months)"
    std::string trend;            // "previous: 2026-01"
};

[[nodiscard]] TcoWindow ResolveTcoWindow(store::Connection& connection, const TcoOptions& options);

// The latest run's TCO parts (tco_part) of the window and the span before, as a query; kNotFound before the first
// run and for an --application nothing is on, kConflict for a billed month the run did not cover.
[[nodiscard]] std::string TcoPartsOf(store::Connection& connection, const TcoOptions& options, const TcoWindow& window);

// The all-in cost of each application (docs/tco.md): columns application, business_service, cloud_direct,
// cloud_shared, licenses, depreciation, contracts, labor, total, cloud_share_pct (of the cost that is not
// labor, the share a cloud bill charges), currency, previous_total (the same span of months before, when the
// bill covers it), change_pct; '(unassigned)' holds what no rule places on an application, and the totals row
// per currency is all cost in the model for the months, exactly. Throws kNotFound before the first allocation.
[[nodiscard]] ReportTable TcoReport(store::Connection& connection, const TcoOptions& options);

// TcoReport rolled up per business service (an application's, through ci_relation depends_on): columns
// business_service, applications, then TcoReport's measures.
[[nodiscard]] ReportTable TcoServicesReport(store::Connection& connection, const TcoOptions& options);

// The parts of one application's TCO (options.application required): columns column_name, source (bill,
// asset, contract, entitlement, ledger), ref, detail (the rule that placed it), amount,
// currency; a totals row per currency equal to the application's total in TcoReport.
[[nodiscard]] ReportTable TcoExplainReport(store::Connection& connection, const TcoOptions& options);

// TCO and cloud cost per unit of each business metric (business_metric: orders, active users) per month of the
// window (docs/tco.md): columns metric, scope_kind (application, business_service, business_unit (its
// applications in the CMDB), cost_center, organization (all cost)), scope_id, period, quantity (the month's
// sum), unit, tco, cloud (the part a cloud bill charges), tco_per_unit, cloud_per_unit, previous_tco_per_unit
// (the month before), change_pct, status (ok; no_cost: the metric's scope has no cost; no_quantity; no_metric:
// a business service or unit with cost that no metric measures), currency.
[[nodiscard]] ReportTable UnitCostReport(store::Connection& connection, const TcoOptions& options);

struct WhatIfMigrateApplicationOptions {
    std::string application;
    std::string to;                          // PROVIDER:INSTANCE_TYPE
    bool license_included = false;           // --license included | byol
    std::optional<std::string> hourly_price; // else the bill's VMs of that type
    int vcpus = 0;                           // 0: the instance type's CoreCount in the bill
    std::optional<Period> period;            // the month; default: the latest with cost lines
    rules::LicensingRules licensing;         // the workspace's, for the what-if of each host
};

// The migration view (docs/tco.md): an application's TCO in the month beside its TCO with each on-premises host
// its cost reaches it through (an asset whose depreciation, support or licenses it bears) moved to one cloud VM
// of `to` by WhatIfMigrateReport: one row per host (item, share_pct: the application's part of the host's
// on-premises cost, depreciation, contracts and licenses it bears today, before, cloud_after (the VM's month at
// that share), licenses_after (BYOL: today's cost per license times the licenses the rules count on the VM;
// included: none where the provider includes the license), after, change, currency, basis) and a row for the
// rest of its TCO, unchanged; totals: the TCO before and after. A host with no installation has no estimate
// and stays. Throws kNotFound when no on-premises host carries its cost.
[[nodiscard]] ReportTable WhatIfMigrateApplicationReport(store::Connection& connection,
                                                         const WhatIfMigrateApplicationOptions& options);

// What a front end passes to any report of the catalog.
struct ForecastOptions {
    std::string by = "provider";                // analyze::forecast::ForecastDimensions()
    int horizon_months = 3;                     // whole months after the last month with cost
    std::optional<int32_t> last_day;            // days since 1970-01-01: forecast as if the bill ended then
    std::vector<rules::ForecastChange> changes; // rules/budgets.yaml forecast_changes
};

// Cost per series of a dimension and month (docs/forecasts.md): history, back-tested months (forecast from the
// month's first day with what came before) and months ahead; columns series, period, forecast, lower, upper (the
// 80 % interval), actual (exact; to date for the partial month), mape_backtest, mape_naive (the naive seasonal
// baseline's: the week before each origin repeated), bias_backtest, kind (history, back-test, to date + forecast,
// forecast), method, change (the known changes applied: budgets.yaml:LINE), currency. Forecasts are estimates,
// rounded to the cent. Throws kNotFound when the bill is empty.
[[nodiscard]] ReportTable ForecastReport(store::Connection& connection, const ForecastOptions& options);

struct AnomalyOptions {
    std::string by = "service";      // service (each service in each account), application or cost_center
    std::optional<int32_t> last_day; // days since 1970-01-01: as if the bill ended then
    rules::LicensingRules licensing; // for the license overage rows
};

// Cost anomalies (docs/anomalies.md), one row each: columns kind (spike: days above the series' expected cost
// and band; trend: a steady weekly growth, not an anomaly; license_overage: a product in shortfall;
// saas_overage: a prepaid contract drawn ahead of its straight line), series, first_day, last_day, days, cost,
// expected, cost_above_expected, drivers (per dimension not in the series: the value whose cost rose most above
// its level before, with its share of the rise), application, owner, cost_center (of the resource that rose
// most), status (open: still on the last day; ended; new level; rising; a license overage new, growing or steady
// against the month before), currency; spikes by cost above expected. Totals: the anomaly cost per month and
// currency (the spikes' cost above expected). Estimates are rounded to the cent.
[[nodiscard]] ReportTable AnomaliesReport(store::Connection& connection, const AnomalyOptions& options);

struct BudgetOptions {
    std::optional<Period> period; // default: the latest month with cost lines
    rules::BudgetRules rules;     // thresholds and the forecast's known changes
};

// Budget against actual (docs/budgets.md) for every scope a budget line names (and every cost center with cost
// and no budget: status no_budget), for the month and for its year: columns scope_kind, scope_id, horizon
// (month, year), period, budget (the year: its budgeted months), actual (the month; the year to the month:
// cloud + licenses + labor), cloud (the statement's, after allocation), licenses (license contracts' month, as
// the statement adds them), labor (ledger lines in the cost pool Staffing; an application's: its TCO labor),
// forecast_end_of_period (actual, plus for a month not complete the rest forecast, and for the year each
// budgeted month after the period projected: cloud moved as the scope's forecast, each license row carried until
// its contract (unless it renews itself) or entitlement term ends, labor carried),
// variance (forecast_end_of_period - budget), variance_pct, status (over_budget, under_budget by the rules'
// thresholds, on_track, no_budget), owner, currency. Throws kNotFound before a bill is loaded.
[[nodiscard]] ReportTable BudgetReport(store::Connection& connection, const BudgetOptions& options);

// The budget alerts (`crosswalk alerts`): the rows of BudgetReport over_budget or under_budget, with columns
// alert_key (scope_kind:scope_id:horizon:period:status:currency, what makes an alert one), scope_kind, scope_id,
// horizon, period, status, budget, forecast_end_of_period, variance, variance_pct, owner (to notify), message,
// currency.
[[nodiscard]] ReportTable AlertsReport(store::Connection& connection, const BudgetOptions& options);

struct CommitmentsOptions {
    std::optional<Period> period; // default: the latest month with cost lines
    rules::VendorRules vendors;   // who is the provider and who a marketplace publisher (the shipped defaults apply)
};

// Commitment discounts and provider commitments in the month (docs/commitments.md). Columns kind, commitment_id,
// name, provider, type, used, unused, commitment_cost, utilization_pct, covered_contracted, eligible_contracted,
// coverage_pct, savings_vs_list, savings_vs_contracted, esr_pct, esr_list_pct, marketplace, counted_from,
// straight_line_to_date, currency. Kinds:
// - commitment_discount, per CommitmentDiscountId with Used or Unused lines: used and unused (their EffectiveCost),
//   commitment_cost (the sum), utilization_pct (used / commitment_cost), covered_contracted (ContractedCost of
//   the Used lines: the on-demand equivalent), eligible_contracted (ContractedCost of the usage it could cover:
//   same provider, billing account, service and consumed unit, not spot), coverage_pct, savings_vs_list and
//   savings_vs_contracted (ListCost / ContractedCost of the Used lines - commitment_cost: net of the unused part),
//   esr_pct (the effective savings rate: savings_vs_contracted / eligible_contracted), esr_list_pct (over
//   ListCost);
// - provider_commitment, per contract of type cloud_commitment (an EDP, a MACC) in term: commitment_cost its value,
//   used the provider's own services' BilledCost (without tax) from counted_from (its start, or the provider's first
//   billed day when the bill begins later) to the month's end, marketplace what it billed for other publishers, unused
//   what is left, straight_line_to_date (the value spread over the term by day, over the same days) and utilization_pct
//   ((used + marketplace) / straight_line_to_date: 100 is on pace);
// - marketplace, per provider commitment and publisher: used the month's purchases, marketplace those to date.
// Totals per currency over the commitment discounts, each eligible line once. A prepaid SaaS contract the bill
// draws as its CommitmentDiscountId is `report prepaid`'s, not here.
[[nodiscard]] ReportTable CommitmentsReport(store::Connection& connection, const CommitmentsOptions& options);

struct KpiOptions;

// The KPIs of the month (docs/governance.md), one row per KPI and currency: columns kpi, area, period, value, threshold
// (rules/policy.yaml thresholds:, else the default the seeds or the FinOps Foundation give), direction (at least,
// at most), status (met, missed, no_data: the data does not show it), numerator, denominator, formula, evidence,
// threshold_rule (policy.yaml:LINE or the default's source), currency. Each KPI is read from the report that shows
// its parts (chargeback, tags, commitments, reconcile-inventory, anomalies, forecast, license-position,
// reconcile-ledger), so the numbers agree.
[[nodiscard]] ReportTable KpisReport(store::Connection& connection, const KpiOptions& options);

// The crawl / walk / run scorecard (docs/governance.md): one row per area (inventory, licensing, services, contracts,
// taxonomy: seed 000's FinOps-ITAM-CMDB stages; finops_allocation, finops_commitments, finops_forecasting: the
// FinOps stage targets), columns area, question, stage (none, crawl, walk, run), score (0..3), evidence (the
// figures it was rated on), to_next_stage (what would move it up; empty at run), period. Totals: overall, the
// lowest of the five seed areas.
[[nodiscard]] ReportTable MaturityReport(store::Connection& connection, const KpiOptions& options);

struct PolicyOptions {
    std::optional<Period> period; // default: the latest month with cost lines
    rules::PolicyRules policy;    // rules/policy.yaml
    rules::TagRules tags;         // the tag rules, to read the tags and (unless the policy lists some) required:
    rules::LicensingRules licensing;
    rules::VendorRules vendors;
};

// Policy violations in the month (docs/governance.md), one row each: columns kind, item, provider, account, owner,
// cost_center, detail, cost, currency, rule (policy.yaml:LINE, tags.yaml:LINE or the default). Kinds:
// byol_without_rights (the license findings': a cloud VM's BYOL license whose product has no entitlement with
// the right), missing_tag (a billed resource, or an on-premises asset in use whose register and CI lack the field
// a required key stands for: cost_center, owner, environment, business_unit, application), region_not_allowed,
// provider_not_allowed, marketplace_unapproved (a purchase another provider bills for a publisher not on
// approved_publishers), denied_product (an installation of a denied product), no_budget (a resource first billed
// in the month on a cost center with no budget for it; unless require_budget is set, only once budgets are loaded).
// Totals: the count and cost per currency (on-premises rows have none), an item's cost once however many rules it
// breaks.
[[nodiscard]] ReportTable PolicyReport(store::Connection& connection, const PolicyOptions& options);

// Warnings for rules/policy.yaml against the loaded data (`crosswalk rules check`): a region, provider, publisher or
// denied product no loaded row names (a typo would silently pass or never fire), a required tag the tag rules do not
// define.
[[nodiscard]] std::vector<rules::RuleWarning>
CheckPolicyRules(store::Connection& connection, const rules::PolicyRules& policy, const rules::TagRules& tags);

namespace detail {
// An estimate (a forecast, an expected cost) as money text: rounded to the cent, "0.00" never signed.
[[nodiscard]] std::string EstimateText(double value);
// A query of one row (cloud_cost_with_ci, cloud_cost, resources_with_ci, resources as text) for the month of
// `as_of` in `currency`: the CMDB coverage of cloud cost as InventoryReconciliationReport counts it.
[[nodiscard]] std::string InventoryCoverageSql(const std::string& as_of, const std::string& currency);
// The tag sets as a table expression (tags, key, value, source, original_key): the pipeline's tag_set once a run
// has made it, else the tag rules compiled now.
[[nodiscard]] std::string TagSetSource(store::Connection& connection, const rules::TagRules& rules);
// A ratio (0.123) as a percentage with one decimal ("12.3").
[[nodiscard]] std::string RatioPercentText(double ratio);
// YYYY-MM-DD as days since 1970-01-01. Throws kInvalidInput for anything else, naming `option`.
[[nodiscard]] int32_t DayNumberOf(store::Connection& connection, const std::string& date, std::string_view option);
} // namespace detail

struct ReportRequest {
    std::filesystem::path workspace_root; // for reports that read the workspace's rules
    std::optional<Period> period;
    std::optional<std::string> product;     // license-position only
    std::optional<std::string> as_of;       // license and depreciation reports: YYYY-MM-DD
    std::optional<int> idle_days;           // license-findings only
    std::optional<int> lag;                 // reconcile-ledger only: months
    std::optional<int> year;                // vendor-spend and TCO reports
    std::optional<std::string> application; // TCO reports
    std::optional<std::string> asset;       // depreciation reports only: an asset_tag
    std::optional<int> fiscal_year_start;
    std::optional<analyze::DepreciationConvention> convention;
    std::optional<std::string> by;          // forecast, anomalies: the dimension of the series
    std::optional<int> horizon;             // forecast: months ahead
    std::optional<std::string> cost_center; // lines only
    std::optional<std::string> provider;    // lines only
    std::optional<std::string> service;     // lines only
};

struct ReportInfo {
    std::string name;        // "tags"
    std::string description; // one line, for --help
    std::function<ReportTable(store::Connection&, const ReportRequest&)> run;
    std::vector<std::string> workbook_with;          // the reports whose sheets follow this one's in its XLSX workbook
    std::vector<std::string> options = {"--period"}; // the options it takes, as `crosswalk report` spells them
};

// Every report, in the order --help lists them.
[[nodiscard]] std::span<const ReportInfo> Reports();

// The report called `name`. Throws kInvalidInput naming the known reports (and the nearest, if one is close).
[[nodiscard]] const ReportInfo& FindReport(std::string_view name);

} // namespace crosswalk::report
