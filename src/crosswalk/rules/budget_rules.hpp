// rules/budgets.yaml (docs/forecasts.md): the thresholds at which a budget alerts, where alerts are posted, and
// the known changes the forecast applies ahead (a planned migration, a contract renewal).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crosswalk/common/decimal.hpp"
#include "crosswalk/rules/rule_location.hpp"

namespace crosswalk::rules {

// A change the history cannot show: from a month (until one, inclusive), a series' forecast moves by a
// percentage or by an amount a month.
struct ForecastChange {
    std::string by;                 // the dimension (provider, application, cost_center, ...)
    std::string series;             // its value
    std::string from;               // YYYY-MM
    std::string until;              // YYYY-MM, empty: open
    std::optional<Decimal> percent; // exactly one of percent and amount
    std::optional<Decimal> amount;  // a month, in the series' currency
    std::string reason;
    RuleLocation where;
};

struct BudgetRules {
    Decimal overspend_pct{5, 0};        // alert when the projected cost exceeds the budget by more than this
    Decimal underspend_pct{15, 0};      // ... or falls short of it by more than this
    std::optional<std::string> webhook; // a URL alerts are posted to (JSON), once each
    RuleLocation overspend_where;
    RuleLocation underspend_where;
    std::vector<ForecastChange> changes;
    std::string file; // "rules/budgets.yaml", empty when the workspace has none
};

// Parses the text of a budgets file. Throws kInvalidInput at the first error, naming line and column: a
// threshold that is not a non-negative number, a webhook that is not http:// or https://, a change without
// by/series/from, with both or neither of percent and amount, or a month that is not YYYY-MM.
[[nodiscard]] BudgetRules ParseBudgetRules(const std::string& file, std::string_view text);

} // namespace crosswalk::rules
