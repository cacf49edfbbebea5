// A check any test can run on a query or a Result: no column whose name looks like money is a binary float
// (docs/architecture.md, "Money arithmetic"). Header-only.
//
//   EXPECT_TRUE(testing::NoFloatMoney(connection, "SELECT ... AS effective_cost FROM cost_line"));
#pragma once

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "crosswalk/store/connection.hpp"

namespace crosswalk::testing {

// Parts of a column name that say it holds money (case-insensitive): BilledCost, effective_cost, unit_price,
// amount, total, spend, percent_of_spend (a share of money is computed from money), ...
inline constexpr std::array<std::string_view, 14> kMoneyNameParts = {
    "cost",   "amount", "price",  "billed", "effective", "spend", "total",
    "charge", "fee",    "saving", "budget", "value",     "money", "balance",
};

[[nodiscard]] inline bool LooksLikeMoney(std::string_view column_name) {
    std::string lower(column_name);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    return std::any_of(kMoneyNameParts.begin(), kMoneyNameParts.end(),
                       [&](std::string_view part) { return lower.find(part) != std::string::npos; });
}

// "name TYPE" of every column of `result` that looks like money and is DOUBLE or FLOAT.
[[nodiscard]] inline std::vector<std::string> FloatMoneyColumns(store::Result& result) {
    std::vector<std::string> found;
    for (uint64_t i = 0; i < result.ColumnCount(); ++i) {
        const duckdb_type type = result.ColumnType(i);
        if ((type == DUCKDB_TYPE_DOUBLE || type == DUCKDB_TYPE_FLOAT) && LooksLikeMoney(result.ColumnName(i))) {
            found.push_back(result.ColumnName(i) + (type == DUCKDB_TYPE_DOUBLE ? " DOUBLE" : " FLOAT"));
        }
    }
    return found;
}

// Success when no money-like column of `result` is a binary float; otherwise names them.
[[nodiscard]] inline ::testing::AssertionResult NoFloatMoney(store::Result& result, std::string_view what = "") {
    const std::vector<std::string> found = FloatMoneyColumns(result);
    if (found.empty()) {
        return ::testing::AssertionSuccess();
    }
    std::string names;
    for (const std::string& name : found) {
        names += (names.empty() ? "" : ", ") + name;
    }
    return ::testing::AssertionFailure() << "money as a binary float in " << (what.empty() ? "the result" : what)
                                         << ": " << names;
}

// Runs `sql` and checks its result.
[[nodiscard]] inline ::testing::AssertionResult NoFloatMoney(store::Connection& connection, const std::string& sql) {
    store::Result result = connection.Query(sql);
    return NoFloatMoney(result, sql.substr(0, 200));
}

} // namespace crosswalk::testing
