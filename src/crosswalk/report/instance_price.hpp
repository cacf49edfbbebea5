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

// Whether one of `products` has a license-included signal with the provider: else "license included" cannot be
// bought with the VM, and the VM is priced as BYOL.
[[nodiscard]] bool AnyLicenseSignal(const std::vector<rules::LicensingRule>& rules,
                                    const std::vector<std::string>& products, const std::string& provider);

// An aggregate over one VM's lines, true for a VM of the kind a price is read from: with `included`, one whose
// bill shows the license of each of `products` that has a license-included signal with the provider; without
// (BYOL, or no listed product has a signal), one whose bill shows no license at all (plain Linux: a Windows or Red
// Hat VM would price in a license the workload brings).
[[nodiscard]] std::string LicenseMatchSql(const std::vector<rules::LicensingRule>& rules,
                                          const std::vector<std::string>& products, const std::string& provider,
                                          bool included);

// CTEs (no leading WITH; after a CTE `month` with month_start and month_end) ending in `price` (currency, hourly,
// basis): `hourly_price` when given (the basis names it as `price_source` spells it), else the hourly lines per
// hour of the month's VMs of the type that `license_match` (LicenseMatchSql) accepts.
[[nodiscard]] std::string InstancePriceSql(const InstanceType& instance, const std::string& license_match,
                                           bool included, const std::optional<std::string>& hourly_price,
                                           const std::string& price_source);

// `text` for inside a SQL string literal: quotes doubled.
[[nodiscard]] std::string EscapeSqlText(const std::string& text);

} // namespace crosswalk::report
