// The budget alerts (`crosswalk alerts`, docs/budgets.md): the scopes the budget report projects over or
// under budget by more than the rules' thresholds, with the owner to notify and a sentence to send.
#include <fmt/format.h>

#include "crosswalk/common/money.hpp"
#include "crosswalk/report/reports.hpp"

namespace crosswalk::report {

ReportTable AlertsReport(store::Connection& connection, const BudgetOptions& options) {
    const ReportTable budget = BudgetReport(connection, options);
    ReportTable table;
    table.name = "alerts";
    table.columns = {
        {"alert_key", ColumnType::kText, 0, ""},   {"scope_kind", ColumnType::kText, 0, ""},
        {"scope_id", ColumnType::kText, 0, ""},    {"horizon", ColumnType::kText, 0, ""},
        {"period", ColumnType::kText, 0, ""},      {"status", ColumnType::kText, 0, ""},
        {"budget", ColumnType::kMoney, 2, "-"},    {"forecast_end_of_period", ColumnType::kMoney, 2, "-"},
        {"variance", ColumnType::kMoney, 2, "-"},  {"variance_pct", ColumnType::kPercentage, 1, "-"},
        {"owner", ColumnType::kText, 0, "(none)"}, {"message", ColumnType::kText, 0, ""},
        {"currency", ColumnType::kText, 0, ""},
    };
    const auto at = [&](const ReportRow& row, const char* column) -> const Cell& {
        return row[budget.ColumnIndex(column)];
    };
    for (const ReportRow& row : budget.rows) {
        const std::string status = at(row, "status").value_or("");
        if (status != "over_budget" && status != "under_budget") {
            continue;
        }
        const std::string scope = at(row, "scope_id").value_or("");
        const std::string horizon = at(row, "horizon").value_or("");
        const std::string period = at(row, "period").value_or("");
        const std::string currency = at(row, "currency").value_or("");
        const std::string pct = at(row, "variance_pct").value_or("");
        const std::string key = fmt::format("{}:{}:{}:{}:{}:{}", at(row, "scope_kind").value_or(""), scope, horizon,
                                            period, status, currency);
        const auto amount = [&](const char* column) {
            const Cell& cell = at(row, column);
            return cell ? money::RoundToCurrency(Decimal::Parse(*cell), currency).ToString() : std::string("-");
        };
        const std::string how_much =
            pct.empty() ? "" : fmt::format(" {} %", pct.starts_with('-') ? pct.substr(1) : pct);
        const std::string message = fmt::format(
            "{} {}{} {} its {} budget for {}: {} {} against {} {}", scope, horizon == "month" ? "is" : "is projected",
            how_much, status == "over_budget" ? "over" : "under", horizon == "month" ? "monthly" : "yearly", period,
            amount("forecast_end_of_period"), currency, amount("budget"), currency);
        table.rows.push_back({key, at(row, "scope_kind"), scope, horizon, period, status, at(row, "budget"),
                              at(row, "forecast_end_of_period"), at(row, "variance"), at(row, "variance_pct"),
                              at(row, "owner"), message, currency});
    }
    table.title = "budget alerts: " + budget.title.substr(budget.title.find("period"));
    return table;
}

} // namespace crosswalk::report
