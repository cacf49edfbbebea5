// What a cloud VM of an instance type costs, read from the bill's VMs of that type: shared by what-if migrate
// (one host to one VM) and what-if onboard (a planned workload's instances). docs/licensing.md.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "crosswalk/rules/licensing_rules.hpp"
#include "crosswalk/store/connection.hpp"

namespace crosswalk::report {

struct InstanceType {
    std::string provider; // as the bill's ProviderName
    std::string type;     // as the bill names it: AWS x_UsageType, Azure SkuMeter, Google Cloud "TYPE Instance Core"
};

// Parses PROVIDER:INSTANCE_TYPE, checking the provider is in the bill. Throws kInvalidInput naming `option`.
[[nodiscard]] InstanceType ParseInstanceType(store::Connection& connection, const std::string& text,
                                             const std::string& option);

// A SQL condition on a cost_line row: a line of a VM of the type.
[[nodiscard]] std::string InstanceOfTypeSql(const InstanceType& instance);

// The type's vCPUs (CoreCount in the bill's SkuPriceDetails), 0 when no line shows it.
[[nodiscard]] int InstanceVcpus(store::Connection& connection, const InstanceType& instance);

// A SQL condition on a cost_line row: its provider's bill shows the license of one of `products` (their
// license-included signals for the provider), "false" when none has one.
[[nodiscard]] std::string LicenseShownSql(const std::vector<rules::LicensingRule>& rules,
                                          const std::vector<std::string>& products, const std::string& provider);

// CTEs (no leading WITH; after a CTE `month` with month_start and month_end) ending in `price` (currency, hourly,
// basis): `hourly_price` when given, else the hourly lines per hour of the month's VMs of the type billed with
// (`included`) or without the license.
[[nodiscard]] std::string InstancePriceSql(const InstanceType& instance, const std::string& shows_license,
                                           bool included, const std::optional<std::string>& hourly_price);

// `text` for inside a SQL string literal: quotes doubled.
[[nodiscard]] std::string EscapeSqlText(const std::string& text);

} // namespace crosswalk::report
