// Depreciation schedules (docs/reconciliation.md, "Depreciation"; DOMAIN.md section 4.1): straight line and
// declining balance with the switch to straight line, salvage, and the month conventions, in whole minor
// units of the asset's currency so that every schedule adds up to cost - salvage exactly.
//
// Computed here, not in SQL: declining balance carries each year's book value into the next, a recursion SQL
// expresses poorly, and a schedule is per asset (thousands), not per billing row.
#pragma once

#include <optional>
#include <vector>

#include "crosswalk/common/decimal.hpp"

namespace crosswalk::analyze {

enum class DepreciationMethod { kStraightLine, kDecliningBalance };

// Which part of the month an asset is placed in service counts.
enum class DepreciationConvention {
    kFullMonth, // the whole month: the first of the useful life (the demo company's convention)
    kMidMonth,  // half of it; the other half month falls after the last full month of the life
    kNextMonth, // none: the life starts the month after
};

// A month as year * 12 + (month - 1), so that months subtract.
using MonthIndex = int;

[[nodiscard]] constexpr MonthIndex ToMonthIndex(int year, int month) {
    return year * 12 + (month - 1);
}

struct DepreciableAsset {
    Decimal cost;    // acquisition cost
    Decimal salvage; // what it is worth at the end of its life; never depreciated
    int scale = 2;   // the currency's minor units: amounts are whole units of 10^-scale
    DepreciationMethod method = DepreciationMethod::kStraightLine;
    Decimal factor{2, 0}; // declining balance: 2 is double declining
    int useful_life_months = 0;
    MonthIndex in_service = 0;
    std::optional<MonthIndex> retired; // the last month it depreciates; what is left then is written off
};

struct DepreciationMonth {
    MonthIndex month = 0;
    Int128 amount = 0;      // units of 10^-scale
    Int128 accumulated = 0; // from the first month through this one
    Int128 book_value = 0;  // cost - accumulated
};

struct DepreciationSchedule {
    std::vector<DepreciationMonth> months; // every month that depreciates, in order
    Int128 cost = 0;                       // the cost in units
    Int128 written_off = 0;                // book value left when it was retired before the end of its life
    std::optional<MonthIndex> retired;     // the asset's: after it, the asset is off the books
};

// The schedule of one asset. Straight line spreads cost - salvage evenly (each month its share of the running
// total, rounded, so the months add up exactly). Declining balance takes factor / life-in-years of the book
// value each year of service (pro rata for a part year), or straight line on what is left once that is larger,
// never going below salvage, and spreads each year's amount evenly over its months. Throws kInvalidInput for a
// life that is not positive, salvage above cost, a factor that is not positive, or amounts beyond 38 digits.
[[nodiscard]] DepreciationSchedule Schedule(const DepreciableAsset& asset, DepreciationConvention convention);

} // namespace crosswalk::analyze
