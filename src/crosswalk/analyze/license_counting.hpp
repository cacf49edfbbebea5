// The license count per installation and the position per product, as SQL: the licensing rules
// (rules/licensing.yaml over the shipped defaults) compiled once into CTEs that the license reports
// (position, explain, findings, what-if) build on, so they count alike. docs/licensing.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crosswalk/rules/licensing_rules.hpp"
#include "crosswalk/store/connection.hpp"

namespace crosswalk::analyze::licensing {

// "rules/licensing.yaml:8" for the workspace's rules, "shipped licensing.yaml:17" for the defaults.
[[nodiscard]] std::string RuleRef(const rules::RuleLocation& where);

// A signal's provider and conditions as one SQL condition on a cost_line row.
[[nodiscard]] std::string SignalSql(const rules::LicenseIncludedSignal& signal);

// A cloud VM that is not in the bill yet (what-if migrate, onboard): `bill` gets a row for each, from `provider`,
// showing every license-included signal of that provider when `included`, none otherwise.
struct SimulatedVm {
    std::string resource_id;
    std::string provider;
    bool included = false;
};

// Per-installation CTEs (no leading WITH): `as_of_date`, `hosts`, `bill_cost`, `bill`, ..., ending in `counted`
// (one row per installation: host_type physical/virtual/cloud, license_included and its evidence, the inputs,
// the formula, `licenses` (NULL when no rule counts that host), `byol_right` (the entitlement flag a cloud BYOL
// count needs, NULL for none)), `included_cost` (license-included cost per product and currency) and
// `unrighted` (per product: the BYOL licenses no entitlement with the right can cover). `host_overrides`, when
// not `installation`, is a table expression with installation's columns standing for it (what-if).
[[nodiscard]] std::string CountedSql(const std::vector<rules::LicensingRule>& rules, const std::string& as_of,
                                     std::string_view hosts_source = "installation",
                                     const std::vector<SimulatedVm>& simulated = {});

// CountedSql plus `product_positions`: one row per product with the position report's columns and unit_cost,
// without_rights, cost_center_id (the latest entitlement's) and has_rule.
[[nodiscard]] std::string PositionSql(const std::vector<rules::LicensingRule>& rules, const std::string& as_of,
                                      std::string_view hosts_source = "installation",
                                      const std::vector<SimulatedVm>& simulated = {});

// --as-of (YYYY-MM-DD), or the last day of the latest month with cost lines (today without a bill).
[[nodiscard]] std::string ResolveAsOf(store::Connection& connection, const std::optional<std::string>& as_of);

// Throws kNotFound "<none> 'PRODUCT'; <listed>: A, B" unless `products_sql` (a query of one column, product)
// names `product`.
void RequireProduct(store::Connection& connection, const std::string& product, std::string_view products_sql,
                    std::string_view none, std::string_view listed);

} // namespace crosswalk::analyze::licensing
