// `crosswalk report budget`: budget against actual and the projection to the end of the month and of the year,
// per scope the budget file names (cost center, business unit, application, tower). docs/budgets.md.
#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "crosswalk/analyze/cost_forecast.hpp"
#include "crosswalk/common/error.hpp"
#include "crosswalk/report/allocation_ledger.hpp"
#include "crosswalk/report/reports.hpp"
#include "crosswalk/store/sql_quote.hpp"

namespace crosswalk::report {
namespace {

using detail::EstimateText;

// What a scope costs in a month: the statement's cloud (after allocation) and license contracts, and the
// ledger's labor (the cost pool Staffing) booked to it.
struct MonthCost {
    std::optional<Decimal> budget;
    Decimal cloud{0, 0};
    Decimal licenses{0, 0};
    Decimal labor{0, 0};
    Decimal cloud_base{0, 0}; // the cloud without credits and adjustments: what the projection grows

    [[nodiscard]] Decimal Actual() const { return cloud + licenses + labor; }
};

struct ScopeKey {
    std::string kind;
    std::string id;
    std::string currency;
    auto operator<=>(const ScopeKey&) const = default;
};

double AsDouble(const Decimal& value) {
    return static_cast<double>(value.Unscaled()) / std::pow(10.0, value.Scale()); // a ratio's input only
}

Decimal Cents(double value) {
    return Decimal::Parse(EstimateText(value));
}

std::string MonthsList(int year, int through) {
    std::string list;
    for (int month = 1; month <= through; ++month) {
        list += fmt::format("{}'{:04}-{:02}'", list.empty() ? "" : ", ", year, month);
    }
    return list;
}

} // namespace

ReportTable BudgetReport(store::Connection& connection, const BudgetOptions& options) {
    const ResolvedPeriod resolved = ResolvePeriod(connection, options.period);
    const Period period = resolved.period;
    const store::Result::TextRow budgets =
        connection
            .Query(fmt::format("SELECT strftime(min(period), '%Y-%m'), strftime(max(period), '%Y-%m'), "
                               "CAST(count(*) FILTER (WHERE year(period) = {}) AS VARCHAR) FROM budget",
                               period.year))
            .TextRows()
            .at(0);
    if (!budgets[0]) {
        Throw(ErrorKind::kNotFound, "no budget is loaded: add a source of kind budgets (period, scope_kind, scope_id, "
                                    "amount, currency) to crosswalk.yaml and run crosswalk ingest (docs/budgets.md)");
    }
    if (budgets[2] == "0") {
        Throw(ErrorKind::kNotFound, "no budget line is for {}: the budgets cover {} to {}", period.year, *budgets[0],
              *budgets[1]);
    }
    if (connection.Query("SELECT count(*) FROM allocation_result").ScalarInt64().value_or(0) == 0) {
        Throw(ErrorKind::kNotFound, "nothing is allocated yet: run crosswalk run first (the budget compares the cost "
                                    "the statements charge)");
    }
    const std::optional<std::string> last_billed =
        connection.Query("SELECT strftime(max(ChargePeriodStart), '%Y-%m') FROM cost_line").ScalarString();
    const std::string months = MonthsList(period.year, 12);
    std::string licenses;
    for (int month = 1; month <= 12; ++month) {
        const Period m{period.year, month};
        if (!last_billed || m.ToString() > *last_billed) {
            break;
        }
        licenses += fmt::format("{}SELECT '{}' AS month, * FROM ({})", licenses.empty() ? "" : " UNION ALL ",
                                m.ToString(), detail::LicenseCostSql(m));
    }
    if (licenses.empty()) {
        licenses = "SELECT NULL::VARCHAR AS month, NULL::VARCHAR AS cost_center, NULL::VARCHAR AS application, "
                   "NULL::VARCHAR AS currency, NULL::DECIMAL(38,18) AS amount WHERE false";
    }
    // One row per scope, month and currency of the year: budget, cloud, licenses, labor.
    const std::string sql = fmt::format(R"(
WITH budget_month AS (
    SELECT scope_kind, scope_id, strftime(period, '%Y-%m') AS month, currency, sum(amount) AS amount
    FROM budget WHERE strftime(period, '%Y-%m') IN ({months}) GROUP BY ALL
),
allocated AS (
    SELECT *, CASE WHEN ChargeCategory IN ('Credit', 'Adjustment') THEN 0 ELSE effective_cost END AS base_cost
    FROM allocation_result WHERE period IN ({months})
),
cloud AS (
    SELECT 'cost_center' AS scope_kind, cost_center AS scope_id, period AS month, currency, effective_cost AS amount,
           base_cost FROM allocated WHERE cost_center IS NOT NULL
    UNION ALL SELECT 'business_unit', business_unit, period, currency, effective_cost, base_cost
    FROM allocated WHERE business_unit IS NOT NULL
    UNION ALL SELECT 'application', application, period, currency, effective_cost, base_cost
    FROM allocated WHERE application IS NOT NULL
    UNION ALL SELECT 'tower', tower, period, currency, effective_cost, base_cost FROM allocated WHERE tower IS NOT NULL
),
license AS (
    SELECT l.month, l.cost_center, l.application, cc.business_unit_id, l.currency, l.amount
    FROM ({licenses}) AS l LEFT JOIN cost_center AS cc ON cc.cost_center_id = l.cost_center
),
licenses AS (
    SELECT 'cost_center' AS scope_kind, cost_center AS scope_id, month, currency, amount FROM license
    WHERE cost_center IS NOT NULL
    UNION ALL SELECT 'business_unit', business_unit_id, month, currency, amount FROM license
    WHERE business_unit_id IS NOT NULL
    UNION ALL SELECT 'application', application, month, currency, amount FROM license WHERE application IS NOT NULL
),
staff AS (
    SELECT l.cost_center_id, cc.business_unit_id, strftime(l.posting_period, '%Y-%m') AS month, l.currency, l.amount
    FROM ledger_line_enriched AS l LEFT JOIN cost_center AS cc USING (cost_center_id)
    WHERE l.cost_pool = 'Staffing' AND strftime(l.posting_period, '%Y-%m') IN ({months}) AND l.amount IS NOT NULL
),
labor AS (
    SELECT 'cost_center' AS scope_kind, cost_center_id AS scope_id, month, currency, amount FROM staff
    WHERE cost_center_id IS NOT NULL
    UNION ALL SELECT 'business_unit', business_unit_id, month, currency, amount FROM staff
    WHERE business_unit_id IS NOT NULL
    UNION ALL SELECT 'application', application, period, currency, amount FROM tco_part
    WHERE col = 'labor' AND period IN ({months})
),
parts AS (
    SELECT scope_kind, scope_id, month, currency, amount AS budget, NULL AS cloud, NULL AS licenses,
           NULL AS labor, NULL AS cloud_base FROM budget_month
    UNION ALL SELECT scope_kind, scope_id, month, currency, NULL, amount, NULL, NULL, base_cost FROM cloud
    UNION ALL SELECT scope_kind, scope_id, month, currency, NULL, NULL, amount, NULL, NULL FROM licenses
    UNION ALL SELECT scope_kind, scope_id, month, currency, NULL, NULL, NULL, amount, NULL FROM labor
)
SELECT scope_kind, scope_id, month, currency, CAST(sum(budget) AS DECIMAL(38,10)) AS budget,
       CAST(coalesce(sum(cloud), 0) AS DECIMAL(38,10)) AS cloud,
       CAST(coalesce(sum(licenses), 0) AS DECIMAL(38,10)) AS licenses,
       CAST(coalesce(sum(labor), 0) AS DECIMAL(38,10)) AS labor,
       CAST(coalesce(sum(cloud_base), 0) AS DECIMAL(38,10)) AS cloud_base
FROM parts WHERE scope_id IS NOT NULL AND currency IS NOT NULL
GROUP BY ALL ORDER BY ALL)",
                                        fmt::arg("months", months), fmt::arg("licenses", licenses));

    std::map<ScopeKey, std::vector<MonthCost>> scopes;
    store::Result result = connection.Query(sql);
    while (std::optional<store::DataChunk> chunk = result.NextChunk()) {
        for (uint64_t r = 0; r < chunk->Size(); ++r) {
            ScopeKey key{std::string(chunk->Column(0).String(r)), std::string(chunk->Column(1).String(r)),
                         std::string(chunk->Column(3).String(r))};
            std::vector<MonthCost>& year = scopes[key];
            year.resize(12);
            const int month = std::stoi(std::string(chunk->Column(2).String(r)).substr(5, 2));
            MonthCost& cost = year[static_cast<size_t>(month - 1)];
            if (chunk->Column(4).IsValid(r)) {
                cost.budget = chunk->Column(4).DecimalValue(r);
            }
            cost.cloud = chunk->Column(5).DecimalValue(r);
            cost.licenses = chunk->Column(6).DecimalValue(r);
            cost.labor = chunk->Column(7).DecimalValue(r);
            cost.cloud_base = chunk->Column(8).DecimalValue(r);
        }
    }

    // Licenses ahead: the period's license rows, each until its contract ends (one that renews itself goes on),
    // an entitlement's until its term ends.
    std::map<ScopeKey, std::vector<double>> licenses_ahead;
    {
        const std::string ahead_sql = fmt::format(R"(
WITH l AS (SELECT cost_center, application, currency, amount, substr(service, 10) AS paid_by FROM ({licenses}))
SELECT l.cost_center, cc.business_unit_id, l.application, l.currency, CAST(l.amount AS VARCHAR) AS amount,
       CAST(CASE WHEN coalesce(k.auto_renew, false) THEN NULL ELSE coalesce(k.end_date, e.term_end) END AS VARCHAR)
           AS ends
FROM l LEFT JOIN contract AS k ON k.contract_id = l.paid_by
LEFT JOIN entitlement AS e ON e.entitlement_id = l.paid_by
LEFT JOIN cost_center AS cc ON cc.cost_center_id = l.cost_center
WHERE l.currency IS NOT NULL)",
                                                  fmt::arg("licenses", detail::LicenseCostSql(period)));
        for (const auto& row : connection.Query(ahead_sql).TextRows()) {
            const double amount = AsDouble(Decimal::Parse(row[4].value_or("0")));
            for (size_t m = static_cast<size_t>(period.month); m < 12; ++m) {
                const std::string first = fmt::format("{:04}-{:02}-01", period.year, m + 1);
                if (row[5] && *row[5] < first) {
                    continue; // ended before the month
                }
                const std::pair<const char*, size_t> scope_columns[] = {
                    {"cost_center", 0}, {"business_unit", 1}, {"application", 2}};
                for (const auto& [kind, column] : scope_columns) {
                    if (row[column]) {
                        std::vector<double>& months_ahead = licenses_ahead[ScopeKey{kind, *row[column], *row[3]}];
                        months_ahead.resize(12, 0.0);
                        months_ahead[m] += amount;
                    }
                }
            }
        }
    }

    // The projection: each scope's cloud moves as its direct cost's forecast, as of the period's last billed day;
    // licenses as above; labor (payroll) carried at the period's month.
    const int32_t last_day = static_cast<int32_t>(
        connection
            .Query(fmt::format("SELECT CAST(least(max(ChargePeriodStart)::DATE, CAST(DATE '{}' + INTERVAL 1 MONTH - "
                               "INTERVAL 1 DAY AS DATE)) - DATE '1970-01-01' AS BIGINT) FROM cost_line",
                               period.ToString() + "-01"))
            .ScalarInt64()
            .value_or(0));
    // The period is the bill's last month, and the bill stops before its last day.
    const bool period_partial =
        connection
            .Query(fmt::format("SELECT CAST(strftime(max(ChargePeriodStart), '%Y-%m') = '{0}' AND "
                               "max(ChargePeriodStart)::DATE < CAST(DATE '{0}-01' + INTERVAL 1 MONTH - INTERVAL 1 DAY "
                               "AS DATE) AS VARCHAR) FROM cost_line",
                               period.ToString()))
            .ScalarString()
            .value_or("false") == "true";
    // growth[kind][(id, currency)][month - 1]: the forecast month over the period month (direct cost).
    std::map<std::string, std::map<std::pair<std::string, std::string>, std::vector<double>>> growth;
    const int months_left = 12 - period.month;
    const size_t p = static_cast<size_t>(period.month - 1); // the period's index in a year of months
    const int64_t bill_first =
        connection.Query("SELECT CAST(min(ChargePeriodStart)::DATE - DATE '1970-01-01' AS BIGINT) FROM cost_line")
            .ScalarInt64()
            .value_or(last_day);
    // A period that ends before the bill starts has nothing to forecast from: its months ahead are carried.
    const std::vector<std::string> forecast_kinds =
        last_day < bill_first ? std::vector<std::string>{}
                              : std::vector<std::string>{"cost_center", "business_unit", "application"};
    for (const std::string& kind : forecast_kinds) {
        analyze::forecast::CostForecastOptions forecast_options;
        forecast_options.by = kind;
        forecast_options.horizon_months = months_left;
        forecast_options.last_day = last_day;
        forecast_options.changes = options.rules.changes;
        forecast_options.with_total = false;
        const analyze::forecast::CostForecast forecast = analyze::forecast::ForecastCost(connection, forecast_options);
        for (const analyze::forecast::CostSeriesForecast& series : forecast.series) {
            std::vector<double>& factors = growth[kind][{series.series, series.currency}];
            factors.assign(12, 1.0);
            // The model's own month for the period (a back-tested month: its forecast, which leaves one-time charges
            // out; else the actual), so a credit in the period does not turn the year's projection over.
            // The period month as the model sees it whole: a partial month's forecast to its end, a back-tested
            // month's forecast (which leaves one-time charges out, so a credit in the period does not turn the
            // year over), else its actual. factors[period] is a partial month's whole over its days so far.
            double base = 0;
            for (const analyze::forecast::MonthForecast& month : series.months) {
                if (month.period != period.ToString()) {
                    continue;
                }
                if (month.partial && month.forecast && month.actual && AsDouble(*month.actual) > 0) {
                    base = *month.forecast;
                    factors[p] = *month.forecast / AsDouble(*month.actual);
                } else if (month.backtest && month.forecast) {
                    base = *month.forecast;
                } else if (month.actual) {
                    base = AsDouble(*month.actual);
                }
            }
            for (const analyze::forecast::MonthForecast& month : series.months) {
                const int year = std::stoi(month.period.substr(0, 4));
                const int number = std::stoi(month.period.substr(5, 2));
                if (year == period.year && number > period.month && month.forecast && base > 0) {
                    factors[static_cast<size_t>(number - 1)] = *month.forecast / base;
                }
            }
        }
    }

    ReportTable table;
    table.name = "budget";
    table.columns = {
        {"scope_kind", ColumnType::kText, 0, ""}, {"scope_id", ColumnType::kText, 0, ""},
        {"horizon", ColumnType::kText, 0, ""},    {"period", ColumnType::kText, 0, ""},
        {"budget", ColumnType::kMoney, 2, "-"},   {"actual", ColumnType::kMoney, 2, "-"},
        {"cloud", ColumnType::kMoney, 2, "-"},    {"licenses", ColumnType::kMoney, 2, "-"},
        {"labor", ColumnType::kMoney, 2, "-"},    {"forecast_end_of_period", ColumnType::kMoney, 2, "-"},
        {"variance", ColumnType::kMoney, 2, "-"}, {"variance_pct", ColumnType::kPercentage, 1, "-"},
        {"status", ColumnType::kText, 0, ""},     {"owner", ColumnType::kText, 0, "(none)"},
        {"currency", ColumnType::kText, 0, ""},
    };
    std::map<std::pair<std::string, std::string>, std::string> owners;
    for (const auto& row : connection
                               .Query("SELECT 'cost_center', cost_center_id, owner FROM cost_center UNION ALL SELECT "
                                      "'business_unit', business_unit_id, owner FROM business_unit UNION ALL SELECT "
                                      "'application', ci_id, owner FROM ci WHERE class = 'application'")
                               .TextRows()) {
        if (row[1] && row[2]) {
            owners[{*row[0], *row[1]}] = *row[2];
        }
    }
    const auto status_of = [&](const std::optional<Decimal>& budget, const Decimal& projected,
                               std::optional<double>& pct) -> std::string {
        if (!budget) {
            return "no_budget";
        }
        const double base = AsDouble(*budget);
        if (base == 0) {
            return AsDouble(projected) > 0 ? "over_budget" : "on_track";
        }
        pct = (AsDouble(projected) - base) / std::abs(base) * 100.0;
        if (*pct > AsDouble(options.rules.overspend_pct)) {
            return "over_budget";
        }
        if (*pct < -AsDouble(options.rules.underspend_pct)) {
            return "under_budget";
        }
        return "on_track";
    };
    for (const auto& scope : scopes) {
        // Named, not bound: the lambdas below capture them (clang 14 cannot capture a structured binding).
        const ScopeKey& key = scope.first;
        const std::vector<MonthCost>& year = scope.second;
        const bool budgeted =
            std::any_of(year.begin(), year.end(), [](const MonthCost& m) { return m.budget.has_value(); });
        if (!budgeted && key.kind != "cost_center") {
            continue; // a scope kind no budget names
        }
        const auto found = growth.find(key.kind);
        const std::vector<double>* factors = nullptr;
        if (found != growth.end()) {
            const auto series = found->second.find({key.id, key.currency});
            if (series != found->second.end()) {
                factors = &series->second;
            }
        }
        const auto factor = [&](size_t month) {
            return factors ? (*factors)[month] : 1.0;
        };
        const MonthCost& now = year[p];
        // The month.
        const Decimal month_actual = now.Actual();
        const Decimal month_projected =
            period_partial ? Cents(AsDouble(now.cloud) + std::max(0.0, AsDouble(now.cloud_base)) * (factor(p) - 1) +
                                   AsDouble(now.licenses) + AsDouble(now.labor))
                           : month_actual;
        // The year: what is booked to the period, then the budgeted months after it projected.
        Decimal year_actual{0, 0}, year_cloud{0, 0}, year_licenses{0, 0}, year_labor{0, 0};
        std::optional<Decimal> year_budget;
        for (size_t m = 0; m < 12; ++m) {
            if (year[m].budget) {
                year_budget = year_budget ? *year_budget + *year[m].budget : *year[m].budget;
            }
            if (m <= p) {
                year_actual = year_actual + year[m].Actual();
                year_cloud = year_cloud + year[m].cloud;
                year_licenses = year_licenses + year[m].licenses;
                year_labor = year_labor + year[m].labor;
            }
        }
        const auto license_rows = licenses_ahead.find(key);
        double ahead = period_partial ? AsDouble(month_projected) - AsDouble(month_actual) : 0.0;
        for (size_t m = p + 1; m < 12; ++m) {
            if (year[m].budget) {
                const double license_cost = license_rows == licenses_ahead.end() ? 0.0 : license_rows->second[m];
                // The period's cloud as a whole month (a partial one scaled to its end), moved as the forecast.
                ahead += std::max(0.0, AsDouble(now.cloud_base)) * (period_partial ? factor(p) : 1.0) * factor(m) +
                         license_cost + AsDouble(now.labor);
            }
        }
        const Decimal year_projected = year_actual + Cents(ahead);
        const auto owner = owners.find({key.kind, key.id});
        const Cell owner_cell = owner == owners.end() ? Cell{} : Cell{owner->second};
        const auto add = [&](const char* span, const std::string& label, const std::optional<Decimal>& budget,
                             const Decimal& actual, const Decimal& cloud, const Decimal& license_cost,
                             const Decimal& labor, const Decimal& projected) {
            std::optional<double> pct;
            const std::string status = status_of(budget, projected, pct);
            if (status == "no_budget" && AsDouble(actual) == 0) {
                return;
            }
            table.rows.push_back({key.kind, key.id, span, label, budget ? Cell{budget->ToString()} : Cell{},
                                  actual.ToString(), cloud.ToString(), license_cost.ToString(), labor.ToString(),
                                  projected.ToString(), budget ? Cell{(projected + -*budget).ToString()} : Cell{},
                                  pct ? Cell{fmt::format("{:.1f}", std::round(*pct * 10) / 10 + 0.0)} : Cell{}, status,
                                  owner_cell, key.currency});
        };
        add("month", period.ToString(), now.budget, month_actual, now.cloud, now.licenses, now.labor, month_projected);
        add("year", std::to_string(period.year), year_budget, year_actual, year_cloud, year_licenses, year_labor,
            year_projected);
    }
    AlignDecimals(table);
    table.title = fmt::format("budget against actual and the projection to the end of the month and of {}, {}{}; "
                              "over_budget above +{} %, under_budget below -{} % ({})",
                              period.year, resolved.Describe(), period_partial ? ", the month not yet complete" : "",
                              options.rules.overspend_pct.ToString(), options.rules.underspend_pct.ToString(),
                              options.rules.overspend_where.line == 0 && options.rules.underspend_where.line == 0
                                  ? "the defaults; rules/budgets.yaml sets them"
                                  : options.rules.file);
    return table;
}

} // namespace crosswalk::report
