// The month a report covers: cost lines whose ChargePeriodStart falls in it (UTC; the store keeps TIMESTAMPs in
// UTC). When the user names none, the latest month that has cost lines.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "crosswalk/store/connection.hpp"

namespace crosswalk::report {

struct Period {
    int year = 0;
    int month = 0; // 1..12

    // "2026-11". Throws kInvalidInput for anything but YYYY-MM with a month 01..12, naming the text.
    [[nodiscard]] static Period Parse(std::string_view text);

    [[nodiscard]] std::string ToString() const; // "2026-11"
    [[nodiscard]] Period Next() const;          // the month after
    [[nodiscard]] bool operator==(const Period& other) const = default;
};

struct ResolvedPeriod {
    Period period;
    bool latest = false; // chosen as the latest month with cost lines, not named by the user

    // "period 2026-11 (the latest month with cost lines)" or "period 2026-11".
    [[nodiscard]] std::string Describe() const;

    // A SQL condition on `column` (a TIMESTAMP): in the month, start included, end excluded.
    [[nodiscard]] std::string Condition(std::string_view column = "ChargePeriodStart") const;
};

// `requested` if given, or the month of the latest ChargePeriodStart in cost_line. Throws kNotFound when no
// month is requested and cost_line is empty (nothing loaded yet).
[[nodiscard]] ResolvedPeriod ResolvePeriod(store::Connection& connection, const std::optional<Period>& requested);

// As ResolvePeriod, for a report that only means something for a billed month: throws kNotFound "no cost lines
// are loaded for 2030-01: WHAT covers the months the bill covers (2026-01 to 2026-06)" for a month without any.
[[nodiscard]] ResolvedPeriod ResolveBilledPeriod(store::Connection& connection, const std::optional<Period>& requested,
                                                 std::string_view what);

} // namespace crosswalk::report
