// The prepaid drawdown (a contract paid up front, drawn down by usage) as SQL CTEs, shared by `report prepaid`
// and the license findings (a SaaS subscription drawing ahead of or behind its straight line).
#pragma once

#include <string>
#include <string_view>

namespace crosswalk::report {

// CTEs (no leading WITH) ending in `prepaid_positions`: one row per prepaid contract whose term overlaps the
// month from `first_day` to `next_first` (SQL expressions of a DATE), with prepaid, paid_to_date, drawn,
// drawn_to_date, straight_line_to_date, projected_at_term_end, elapsed_units, term_units, by_month, currency.
[[nodiscard]] std::string PrepaidPositionsSql(std::string_view first_day, std::string_view next_first);

} // namespace crosswalk::report
