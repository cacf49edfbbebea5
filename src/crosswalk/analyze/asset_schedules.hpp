// The depreciation schedule of every depreciable asset in the register, by analyze::Schedule: what the
// depreciation reports list and what TCO charges each month (docs/reconciliation.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "crosswalk/analyze/depreciation.hpp"
#include "crosswalk/store/connection.hpp"

namespace crosswalk::analyze {

struct AssetSchedule {
    std::string asset_tag;
    std::string currency;
    int scale = 2; // the currency's minor units
    analyze::DepreciationSchedule schedule;
    analyze::MonthIndex in_service = 0;
};

struct AssetSchedules {
    std::vector<AssetSchedule> assets; // by asset_tag
    int64_t skipped = 0;               // a depreciation method but no cost, life, date or currency
};

// The depreciable assets (a method other than none, cost, life, in-service or acquisition date, currency), with
// their schedules; `asset` narrows to one (kNotFound when it is not depreciable). A retired or disposed asset
// stops at its retired_date. Throws kInvalidInput naming the asset whose figures no schedule can have.
[[nodiscard]] AssetSchedules LoadAssetSchedules(store::Connection& connection, const std::optional<std::string>& asset,
                                                analyze::DepreciationConvention convention);

// "2026-02" for a month index, and the month of "2026-02-28" (or "2026-02").
[[nodiscard]] std::string MonthText(analyze::MonthIndex month);
[[nodiscard]] analyze::MonthIndex MonthOf(const std::string& date);

} // namespace crosswalk::analyze
