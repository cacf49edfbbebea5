#include "crosswalk/analyze/depreciation.hpp"

#include <algorithm>

#include "crosswalk/common/error.hpp"
#include "crosswalk/common/money.hpp"

namespace crosswalk::analyze {
namespace {

// The schedule runs on half months, so that the mid-month convention is whole slots: a life of n months is 2n
// slots, a year of service 24.
constexpr int kSlotsPerMonth = 2;
constexpr int kSlotsPerYear = 24;

// a * b / c rounded half away from zero, for a >= 0, b >= 0, c > 0 (amounts below 10^38 and slot counts).
Int128 MulDivRound(Int128 a, Int128 b, Int128 c) {
    const Int128 whole = a / c * b;
    const Int128 rest = a % c * b; // < c * b: no overflow for slot counts and factors
    return whole + (2 * rest + c) / (2 * c);
}

// `amount` spread over `slots` slots: slot s gets its share of the running total, so the slots add up to it.
void Spread(Int128 amount, int slots, std::vector<Int128>& out) {
    Int128 before = 0;
    for (int s = 1; s <= slots; ++s) {
        const Int128 through = MulDivRound(amount, s, slots);
        out.push_back(through - before);
        before = through;
    }
}

} // namespace

DepreciationSchedule Schedule(const DepreciableAsset& asset, DepreciationConvention convention) {
    if (asset.useful_life_months <= 0) {
        Throw(ErrorKind::kInvalidInput, "a useful life must be at least one month, not {}", asset.useful_life_months);
    }
    DepreciationSchedule schedule;
    schedule.retired = asset.retired;
    schedule.cost = money::ToUnits(asset.cost, asset.scale);
    const Int128 salvage = money::ToUnits(asset.salvage, asset.scale);
    if (schedule.cost < 0 || salvage < 0 || salvage > schedule.cost) {
        Throw(ErrorKind::kInvalidInput, "salvage {} must be between 0 and the cost {}", asset.salvage.ToString(),
              asset.cost.ToString());
    }
    const int total_slots = asset.useful_life_months * kSlotsPerMonth;
    const Int128 depreciable = schedule.cost - salvage;
    std::vector<Int128> slots;
    slots.reserve(static_cast<size_t>(total_slots));
    if (asset.method == DepreciationMethod::kStraightLine) {
        Spread(depreciable, total_slots, slots);
    } else {
        constexpr int kFactorScale = 4;
        const Int128 factor = money::ToUnits(asset.factor, kFactorScale);
        if (factor <= 0) {
            Throw(ErrorKind::kInvalidInput, "a declining balance factor must be above 0, not {}",
                  asset.factor.ToString());
        }
        Int128 book_value = schedule.cost;
        for (int start = 0; start < total_slots; start += kSlotsPerYear) {
            const int year_slots = std::min(kSlotsPerYear, total_slots - start);
            const int remaining = total_slots - start;
            const Int128 left = book_value - salvage;
            Int128 year = left; // the last year takes what is left
            if (year_slots < remaining) {
                // factor / life-in-years of the book value for a year: book value * factor * 24 / (2n) per 24 slots.
                const Int128 declining =
                    MulDivRound(book_value, factor * year_slots, PowerOfTen(kFactorScale) * total_slots);
                const Int128 straight = MulDivRound(left, year_slots, remaining);
                year = std::min(std::max(declining, straight), left);
            }
            Spread(year, year_slots, slots);
            book_value -= year;
        }
    }
    // The slots by month: the first slot is the first half of the in-service month, its second half (mid-month)
    // or the first half of the month after (next month).
    const int first_slot = convention == DepreciationConvention::kFullMonth  ? 0
                           : convention == DepreciationConvention::kMidMonth ? 1
                                                                             : kSlotsPerMonth;
    Int128 accumulated = 0;
    for (size_t i = 0; i < slots.size(); ++i) {
        const MonthIndex month = asset.in_service + (first_slot + static_cast<int>(i)) / kSlotsPerMonth;
        if (asset.retired && month > *asset.retired) {
            schedule.written_off = schedule.cost - accumulated;
            break;
        }
        accumulated += slots[i];
        if (schedule.months.empty() || schedule.months.back().month != month) {
            schedule.months.push_back(DepreciationMonth{month, 0, 0, 0});
        }
        DepreciationMonth& current = schedule.months.back();
        current.amount += slots[i];
        current.accumulated = accumulated;
        current.book_value = schedule.cost - accumulated;
    }
    return schedule;
}

} // namespace crosswalk::analyze
