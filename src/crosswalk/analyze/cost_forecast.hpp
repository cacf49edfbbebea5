// Cost forecasts per series of a dimension (docs/forecasts.md): the bill's daily cost per provider, account,
// service, application, cost center or business unit (and the whole bill, series "(all)"), forecast by the
// model of forecast.hpp, back-tested month by month, with known changes the user declares applied ahead.
//
// What is forecast how: cost billed per day (usage whose charge period is a day or less) by the daily model;
// cost billed per month or longer (recurring fees, monthly usage lines, tax) carried at the last month's value;
// one-time charges (credits, adjustments, purchases) are in the actuals but never forecast.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "crosswalk/common/decimal.hpp"
#include "crosswalk/rules/budget_rules.hpp"
#include "crosswalk/rules/evaluate.hpp"
#include "crosswalk/store/connection.hpp"

namespace crosswalk::analyze::forecast {

struct CostForecastOptions {
    std::string by = "provider";                // provider, account, service, application, cost_center, business_unit
    int horizon_months = 3;                     // whole months after the last month with cost
    std::optional<int32_t> last_day;            // days since 1970-01-01: forecast as if the bill ended that day
    std::vector<rules::ForecastChange> changes; // rules/budgets.yaml forecast_changes
    bool with_total = true;                     // add the series "(all)"
};

// The dimensions `by` accepts, in the order messages list them.
[[nodiscard]] const std::vector<std::string>& ForecastDimensions();

struct MonthForecast {
    std::string period;             // YYYY-MM
    std::optional<Decimal> actual;  // the month's EffectiveCost (to the last day for a partial month); none ahead
    std::optional<double> forecast; // none for a month of history before the back-test starts
    std::optional<double> naive;    // a back-tested month's naive seasonal forecast
    std::optional<double> lower;    // the 80 % interval from the back-test's monthly errors; none untested
    std::optional<double> upper;
    bool backtest = false; // a month of history forecast from its first day
    bool partial = false;  // the month of the last day, not complete: actual to date + forecast of the rest
    std::string method;    // how the forecast was made (a back-tested month: the choice at its origin)
    std::string change;    // the known changes applied ("rules/budgets.yaml:12"), comma-separated
};

struct CostSeriesForecast {
    std::string series;   // the dimension's value; "(unassigned)" for cost without one; "(all)" for the bill
    std::string currency; // BillingCurrency
    std::vector<MonthForecast> months;
    double mape = -1;       // the back-test's; -1 when no month could be tested
    double mape_daily = -1; // the back-tested days' (cost billed per day)
    double mape_daily_naive = -1;
    double mape_naive = -1;
    double bias = 0;
    std::string method;
};

struct CostForecast {
    std::string last_day;                   // YYYY-MM-DD, the last day of cost the forecasts start after
    std::vector<CostSeriesForecast> series; // by currency, then the largest actual first; "(all)" last per currency
};

// Warnings for the known changes of rules/budgets.yaml against the loaded bill (`crosswalk rules check`): a
// change naming a series no cost line has, which would change nothing.
[[nodiscard]] std::vector<rules::RuleWarning> CheckForecastChanges(store::Connection& connection,
                                                                   const rules::BudgetRules& rules);

// Throws kInvalidInput for an unknown `by` (with the dimensions), kNotFound when the bill has no cost line.
[[nodiscard]] CostForecast ForecastCost(store::Connection& connection, const CostForecastOptions& options);

} // namespace crosswalk::analyze::forecast
