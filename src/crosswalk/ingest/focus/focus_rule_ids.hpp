// The ids of the FOCUS 1.2 requirements model rules that crosswalk's conformance checks report, per column
// (e.g. "ChargeCategory-C-003-M": ChargeCategory MUST be one of the allowed values). Derived from the model by
// scripts/derive_focus_rule_ids.py; an empty id means the model has no such rule for the column.
#pragma once

#include <span>
#include <string_view>

namespace crosswalk::ingest::focus {

struct FocusRuleIds {
    std::string_view column;
    std::string_view presence;       // the column MUST (or should) be present in the dataset
    std::string_view type;           // MUST be of type String/Decimal/Date/Time
    std::string_view format;         // MUST conform to NumericFormat/DateTimeFormat/KeyValueFormat/CurrencyFormat
    std::string_view not_null;       // MUST NOT be null
    std::string_view allowed_values; // MUST be one of the allowed values
    std::string_view valid_decimal;  // MUST be a valid decimal value
    std::string_view end_bound;      // MUST be the exclusive end bound (so later than the start)
};

[[nodiscard]] std::span<const FocusRuleIds> AllFocusRuleIds();

// The rule ids of one column; every id empty for a column the model does not know.
[[nodiscard]] const FocusRuleIds& RuleIdsOf(std::string_view column);

} // namespace crosswalk::ingest::focus
