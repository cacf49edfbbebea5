// The bill's cost per series and day, read once for the forecasts and the anomaly detection: one pass of DuckDB
// over cost_line_enriched, grouped by the series' key, currency, day and how the line is billed, streamed into
// one dense vector per series (so the cost grows with series x days, not with billing rows).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "crosswalk/common/decimal.hpp"
#include "crosswalk/store/connection.hpp"

namespace crosswalk::analyze {

struct DailyCostSeries {
    std::vector<std::string> key; // one value per key expression ("(unassigned)" for NULL); empty for the total
    std::string currency;
    std::vector<double> daily;        // cost billed per day (usage, charge period a day or less), per day of the window
    std::vector<double> monthly;      // cost billed per month or longer (recurring, monthly usage, tax), per month
    std::vector<char> monthly_billed; // whether the month has such lines
    std::vector<Decimal> actual;      // every line's EffectiveCost (one-time charges too), exactly, per month
    int first_line = -1;              // the index of the first day with a line

    [[nodiscard]] bool IsTotal() const noexcept { return key.empty(); }
};

struct DailyCost {
    int32_t first_day = 0;                       // days since 1970-01-01: the first day with a line
    int32_t last_day = 0;                        // the last day (the last with a line, or the one asked for)
    std::vector<std::chrono::year_month> months; // the months of the window, first to last
    std::vector<DailyCostSeries> series;         // by key and currency; the totals (per currency) last

    [[nodiscard]] int Days() const noexcept { return last_day - first_day + 1; }

    // The index (relative to first_day) of the first day of months[m]; negative for a first month begun earlier.
    [[nodiscard]] int MonthStart(size_t m) const;
};

// Grouped by `key_expressions` (SQL over cost_line_enriched's columns), through `last_day` when given; with a
// total series per currency when `with_total`. Daily values are doubles: the models' input, never shown as
// amounts (`actual` is). Throws kNotFound when no cost line is in the window.
[[nodiscard]] DailyCost LoadDailyCost(store::Connection& connection, const std::vector<std::string>& key_expressions,
                                      std::optional<int32_t> last_day, bool with_total);

// Days since 1970-01-01 of a date, and back; "YYYY-MM" of a month; "YYYY-MM-DD" of a day.
[[nodiscard]] int32_t DayNumber(std::chrono::year_month_day date);
[[nodiscard]] std::chrono::year_month_day DateOf(int32_t day);
[[nodiscard]] std::string MonthText(std::chrono::year_month month);
[[nodiscard]] std::string DayText(int32_t day);

// A decimal as a double, for statistics only.
[[nodiscard]] double ToDouble(const Decimal& value);

} // namespace crosswalk::analyze
