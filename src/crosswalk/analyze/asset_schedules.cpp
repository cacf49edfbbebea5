#include "crosswalk/analyze/asset_schedules.hpp"

#include <fmt/format.h>

#include "crosswalk/common/error.hpp"
#include "crosswalk/store/sql_quote.hpp"

namespace crosswalk::analyze {

using store::QuoteLiteral;

std::string MonthText(analyze::MonthIndex month) {
    return fmt::format("{:04}-{:02}", month / 12, month % 12 + 1);
}

analyze::MonthIndex MonthOf(const std::string& date) {
    return analyze::ToMonthIndex(std::stoi(date.substr(0, 4)), std::stoi(date.substr(5, 2)));
}

AssetSchedules LoadAssetSchedules(store::Connection& connection, const std::optional<std::string>& asset_tag,
                                  analyze::DepreciationConvention convention) {
    const std::string filter = asset_tag ? fmt::format("AND asset_tag = {}", QuoteLiteral(*asset_tag)) : "";
    AssetSchedules loaded;
    const std::string complete = "acquisition_cost IS NOT NULL AND useful_life_months IS NOT NULL AND "
                                 "coalesce(in_service_date, acquisition_date) IS NOT NULL AND currency IS NOT NULL";
    loaded.skipped = connection
                         .Query(fmt::format("SELECT count(*) FROM asset WHERE depreciation_method IN "
                                            "('straight_line', 'declining_balance') AND NOT ({}) {}",
                                            complete, filter))
                         .ScalarInt64()
                         .value_or(0);
    const auto rows = connection
                          .Query(fmt::format(R"(
SELECT asset_tag, depreciation_method, coalesce(declining_balance_factor, 2)::VARCHAR,
       useful_life_months::VARCHAR, coalesce(in_service_date, acquisition_date)::VARCHAR,
       CASE WHEN lifecycle_state IN ('retired', 'disposed') THEN retired_date::VARCHAR END,
       acquisition_cost::VARCHAR, coalesce(salvage_value, 0)::VARCHAR, currency, minor_units(currency)::VARCHAR
FROM asset
WHERE depreciation_method IN ('straight_line', 'declining_balance') AND {} {}
ORDER BY asset_tag)",
                                             complete, filter))
                          .TextRows();
    for (const auto& row : rows) {
        analyze::DepreciableAsset asset;
        asset.method = *row[1] == "declining_balance" ? analyze::DepreciationMethod::kDecliningBalance
                                                      : analyze::DepreciationMethod::kStraightLine;
        asset.factor = Decimal::Parse(*row[2]);
        asset.useful_life_months = std::stoi(*row[3]);
        asset.in_service = MonthOf(*row[4]);
        if (row[5]) {
            asset.retired = MonthOf(*row[5]);
        }
        asset.cost = Decimal::Parse(*row[6]);
        asset.salvage = Decimal::Parse(*row[7]);
        asset.scale = row[9] ? std::stoi(*row[9]) : 2;
        try {
            loaded.assets.push_back(
                AssetSchedule{*row[0], *row[8], asset.scale, analyze::Schedule(asset, convention), asset.in_service});
        } catch (const Error& error) {
            Throw(ErrorKind::kInvalidInput, "asset {}: {}", *row[0], error.what());
        }
    }
    if (asset_tag && loaded.assets.empty()) {
        Throw(ErrorKind::kNotFound,
              "asset '{}' is not depreciable: it is not in the register, or has no "
              "depreciation method, cost, useful life, in-service date or currency",
              *asset_tag);
    }
    return loaded;
}

} // namespace crosswalk::analyze
