// Licensing rules (docs/licensing.md): how each product's consumption is counted, per kind of host, and how a
// cloud bill shows that the license is paid in the cloud charge (license-included). The shipped defaults
// (rules/data/licensing.yaml, each rule with its vendor source) apply unless the workspace's
// rules/licensing.yaml gives a rule for the same product, which replaces it; its other products are added.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crosswalk/rules/rule_location.hpp"

namespace crosswalk::rules {

// How one kind of host counts: licenses = max(ceil(units x core factor / per_license), the minimums), where units
// are the host's cores, vCPUs, processors, users or 1 (an installation). With `round_total`, the fraction is
// kept per host and the product's total is rounded up instead (one subscription per two VMs).
struct HostCount {
    std::string units = "cores";                                   // cores | vcpus | processors | users | installations
    std::string core_factor = "1";                                 // exact decimal; cores only
    std::vector<std::pair<std::string, std::string>> core_factors; // processor model prefix -> factor
    std::string per_license = "1"; // exact decimal, or "threads_per_core" (vCPUs per license = threads)
    int64_t min_per_processor = 0; // physical hosts: processors x this
    int64_t min_per_server = 0;    // physical hosts
    int64_t min_per_vm = 0;        // virtual and cloud hosts
    bool covers_vms = false;       // physical: a counted host covers the on-premises VMs on it (Datacenter)
    RuleLocation where;
};

// One condition on a cloud resource's bill lines: `column` (a FOCUS column of cost_line, or an x_ column of the
// provider's export, x_SkuDetails.ImageType for a key inside one) compared with `values`.
struct BillCondition {
    std::string column;
    enum class Test { kIn, kNotIn, kLike, kPriced } test = Test::kIn;
    std::vector<std::string> values;
};

// The license is in the cloud charge when some bill line of the resource, of `provider`, meets every condition.
struct LicenseIncludedSignal {
    std::string provider;
    std::vector<BillCondition> conditions;
    RuleLocation where;
};

struct LicensingRule {
    std::string product; // matches installation.product and entitlement.product exactly
    std::string publisher;
    std::string metric;                    // as entitlement.metric: per_core, per_processor, per_user, ...
    std::string source;                    // the vendor document the rule follows
    std::optional<HostCount> physical;     // a hardware asset
    std::optional<HostCount> virtual_host; // an on-premises virtual machine
    std::optional<HostCount> cloud;        // a cloud VM, when the license is brought (BYOL)
    bool round_total = false;
    std::vector<LicenseIncludedSignal> license_included;
    // The entitlement right a cloud VM's BYOL license needs (license_mobility, hybrid_benefit or byol_allowed),
    // per provider (ProviderName), else `byol_right_otherwise`; "" for a product whose every entitlement may be
    // brought to a cloud.
    std::vector<std::pair<std::string, std::string>> byol_rights;
    std::string byol_right_otherwise;
    RuleLocation where;

    // The right a BYOL VM of `provider` needs, "" for none.
    [[nodiscard]] const std::string& ByolRight(const std::string& provider) const;
};

struct LicensingRules {
    std::vector<LicensingRule> products;
    std::string file; // empty when the workspace has none
};

// Parses a licensing rules file (the workspace's or the shipped one). Throws kInvalidInput at file:line:column.
[[nodiscard]] LicensingRules ParseLicensingRules(const std::string& file, std::string_view text);

// The shipped defaults (rules/data/licensing.yaml), parsed once.
[[nodiscard]] const LicensingRules& ShippedLicensingRules();

// The rules that apply: the shipped ones, each replaced by the workspace's rule for the same product, then the
// workspace's other products, in file order.
[[nodiscard]] std::vector<LicensingRule> EffectiveLicensingRules(const LicensingRules& workspace);

} // namespace crosswalk::rules
