// The price of a cloud VM of an instance type from the bill's VMs of that type. docs/licensing.md.
#include "crosswalk/report/instance_price.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "crosswalk/analyze/license_counting.hpp"
#include "crosswalk/common/error.hpp"
#include "crosswalk/store/sql_quote.hpp"

namespace crosswalk::report {

using store::QuoteLiteral;

std::string EscapeSqlText(const std::string& text) {
    const std::string quoted = QuoteLiteral(text);
    return quoted.substr(1, quoted.size() - 2);
}

InstanceType ParseInstanceType(store::Connection& connection, const std::string& text, const std::string& option) {
    const size_t colon = text.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) {
        Throw(ErrorKind::kInvalidInput, "{} takes PROVIDER:INSTANCE_TYPE, e.g. AWS:m6i.xlarge, not '{}'", option, text);
    }
    InstanceType instance{text.substr(0, colon), text.substr(colon + 1)};
    std::vector<std::string> providers;
    for (const auto& row :
         connection.Query("SELECT DISTINCT ProviderName FROM cost_line WHERE ProviderName IS NOT NULL ORDER BY 1")
             .TextRows()) {
        providers.push_back(*row[0]);
    }
    if (std::find(providers.begin(), providers.end(), instance.provider) == providers.end()) {
        Throw(ErrorKind::kInvalidInput, "no bill line has ProviderName '{}'; the providers in the bill are: {}",
              instance.provider, fmt::join(providers, ", "));
    }
    return instance;
}

// Azure names the type in SkuMeter, Google Cloud as "TYPE Instance Core", AWS in x_UsageType (BoxUsage:TYPE, with
// a region prefix outside us-east-1).
std::string InstanceOfTypeSql(const InstanceType& instance) {
    return fmt::format("ProviderName = {0} AND (SkuMeter = {1} OR starts_with(SkuMeter, {1} || ' ') OR "
                       "json_extract_string(x_columns, '$.x_UsageType') = {1} OR "
                       "ends_with(json_extract_string(x_columns, '$.x_UsageType'), ':' || {1}))",
                       QuoteLiteral(instance.provider), QuoteLiteral(instance.type));
}

int InstanceVcpus(store::Connection& connection, const InstanceType& instance) {
    return static_cast<int>(connection
                                .Query(fmt::format("SELECT max(TRY_CAST(json_extract_string(SkuPriceDetails, "
                                                   "'$.CoreCount') AS INTEGER)) FROM cost_line WHERE {}",
                                                   InstanceOfTypeSql(instance)))
                                .ScalarInt64()
                                .value_or(0));
}

bool AnyLicenseSignal(const std::vector<rules::LicensingRule>& rules, const std::vector<std::string>& products,
                      const std::string& provider) {
    return std::any_of(rules.begin(), rules.end(), [&](const rules::LicensingRule& rule) {
        return std::find(products.begin(), products.end(), rule.product) != products.end() &&
               std::any_of(rule.license_included.begin(), rule.license_included.end(),
                           [&](const rules::LicenseIncludedSignal& signal) { return signal.provider == provider; });
    });
}

std::string LicenseMatchSql(const std::vector<rules::LicensingRule>& rules, const std::vector<std::string>& products,
                            const std::string& provider, bool included) {
    // Per product, whether any line of the VM shows one of its signals; `included` needs each listed product
    // that has a signal with the provider shown, BYOL needs no signal of any product shown.
    std::vector<std::string> each;
    std::string any;
    for (const rules::LicensingRule& rule : rules) {
        std::string shown;
        for (const rules::LicenseIncludedSignal& signal : rule.license_included) {
            if (signal.provider == provider) {
                shown += (shown.empty() ? "" : " OR ") + ("(" + analyze::licensing::SignalSql(signal) + ")");
            }
        }
        if (shown.empty()) {
            continue;
        }
        any += (any.empty() ? "" : " OR ") + shown;
        if (std::find(products.begin(), products.end(), rule.product) != products.end()) {
            each.push_back("coalesce(bool_or(" + shown + "), false)");
        }
    }
    const std::string none = any.empty() ? "true" : "NOT coalesce(bool_or(" + any + "), false)";
    if (!included || each.empty()) {
        return none;
    }
    return fmt::format("{}", fmt::join(each, " AND "));
}

std::string InstancePriceSql(const InstanceType& instance, const std::string& license_match, bool included,
                             const std::optional<std::string>& hourly_price, const std::string& price_source) {
    if (hourly_price) {
        return fmt::format(R"(price AS (
    SELECT (SELECT mode(BillingCurrency) FROM cost_line WHERE ProviderName = {provider}) AS currency,
           {hourly}::DECIMAL(38,18) AS hourly, {hourly_text} AS basis
))",
                           fmt::arg("provider", QuoteLiteral(instance.provider)), fmt::arg("hourly", *hourly_price),
                           fmt::arg("hourly_text", QuoteLiteral(price_source + " " + *hourly_price)));
    }
    return fmt::format(R"(typed AS MATERIALIZED (
    SELECT l.ResourceId, sum(l.ConsumedQuantity) AS hours
    FROM cost_line AS l, month AS m
    WHERE {of_type} AND l.ChargePeriodStart >= m.month_start AND l.ChargePeriodStart < m.month_end
    GROUP BY l.ResourceId
),
vm_cost AS MATERIALIZED (
    SELECT l.ResourceId, l.BillingCurrency AS currency, any_value(t.hours) AS hours,
           sum(l.EffectiveCost) FILTER (WHERE coalesce(l.PricingUnit, l.ConsumedUnit) ILIKE 'hour%') AS cost,
           {license_match} AS matching
    FROM cost_line AS l JOIN typed AS t USING (ResourceId), month AS m
    WHERE l.ChargePeriodStart >= m.month_start AND l.ChargePeriodStart < m.month_end
    GROUP BY l.ResourceId, l.BillingCurrency
),
priced AS (
    SELECT currency, count(*) AS vms, sum(cost) AS cost, sum(hours) AS hours
    FROM vm_cost WHERE hours > 0 AND matching
    GROUP BY currency
),
price AS MATERIALIZED (
    SELECT currency, money_div(cost, hours, 18) AS hourly,
           vms || ' {provider_text} VM' || CASE WHEN vms = 1 THEN '' ELSE 's' END || ' of {type_text} billed '
               || CASE WHEN {included} THEN 'with' ELSE 'without' END || ' the license in '
               || strftime((SELECT month_start FROM month), '%Y-%m') || ': their hourly lines per hour, x 730 hours'
               AS basis
    FROM priced
))",
                       fmt::arg("of_type", InstanceOfTypeSql(instance)), fmt::arg("license_match", license_match),
                       fmt::arg("included", included ? "true" : "false"),
                       fmt::arg("provider_text", EscapeSqlText(instance.provider)),
                       fmt::arg("type_text", EscapeSqlText(instance.type)));
}

} // namespace crosswalk::report
