// rules/licensing.yaml: the shipped defaults parse, a workspace rule replaces the shipped one of its product and
// adds others, and mistakes are refused at their line with a clear message.
#include <gtest/gtest.h>

#include "crosswalk/common/error.hpp"
#include "crosswalk/rules/licensing_rules.hpp"

namespace crosswalk::rules {
namespace {

std::string ErrorOf(std::string_view text) {
    try {
        (void)ParseLicensingRules("rules/licensing.yaml", text);
    } catch (const Error& error) {
        return error.what();
    }
    return "";
}

TEST(LicensingRulesTest, TheShippedRulesParseWithTheirSources) {
    const LicensingRules& shipped = ShippedLicensingRules();
    ASSERT_GE(shipped.products.size(), 6U);
    for (const LicensingRule& rule : shipped.products) {
        EXPECT_FALSE(rule.source.empty()) << rule.product;
        EXPECT_FALSE(rule.metric.empty()) << rule.product;
    }
    const auto rhel = std::find_if(shipped.products.begin(), shipped.products.end(), [](const LicensingRule& rule) {
        return rule.product == "Red Hat Enterprise Linux Server";
    });
    ASSERT_NE(rhel, shipped.products.end());
    EXPECT_TRUE(rhel->round_total);
    ASSERT_TRUE(rhel->cloud);
    EXPECT_EQ(rhel->cloud->per_license, "2");
    EXPECT_EQ(rhel->ByolRight("AWS"), "byol_allowed");
    const auto sql = std::find_if(shipped.products.begin(), shipped.products.end(),
                                  [](const LicensingRule& rule) { return rule.product == "SQL Server Enterprise"; });
    ASSERT_NE(sql, shipped.products.end());
    EXPECT_EQ(sql->ByolRight("Microsoft"), "hybrid_benefit");
    EXPECT_EQ(sql->ByolRight("AWS"), "license_mobility");
}

// byol_right: one right for every cloud, a map of provider to right with `otherwise`, or `any` for none.
TEST(LicensingRulesTest, TheByolRightIsOnePerProviderOrOneForAll) {
    const LicensingRules own = ParseLicensingRules("rules/licensing.yaml", R"(products:
  - product: A
    cloud: {units: vcpus}
    byol_right: {Google Cloud: any, otherwise: license_mobility}
  - product: B
    cloud: {units: vcpus}
    byol_right: byol_allowed
  - product: C
    cloud: {units: vcpus}
)");
    EXPECT_EQ(own.products[0].ByolRight("Google Cloud"), "");
    EXPECT_EQ(own.products[0].ByolRight("AWS"), "license_mobility");
    EXPECT_EQ(own.products[1].ByolRight("Microsoft"), "byol_allowed");
    EXPECT_EQ(own.products[2].ByolRight("AWS"), "");
    EXPECT_EQ(ErrorOf("products:\n  - product: X\n    cloud: {}\n    byol_right: {AWS: mobility}\n"),
              "rules/licensing.yaml:4:23: a BYOL right is one of license_mobility, hybrid_benefit, byol_allowed, any "
              "(the entitlement's flag a cloud BYOL license needs), not 'mobility'");
    EXPECT_NE(ErrorOf("products:\n  - product: X\n    cloud: {}\n    byol_right: [a]\n").find("map of provider"),
              std::string::npos);
}

TEST(LicensingRulesTest, AWorkspaceRuleReplacesTheShippedOneAndAddsOthers) {
    const LicensingRules own = ParseLicensingRules("rules/licensing.yaml", R"(products:
  - product: SQL Server Standard
    metric: per_core
    virtual: {units: vcpus, min_per_vm: 2}
  - product: Tableau Server
    metric: per_user
    physical: {units: users}
)");
    const std::vector<LicensingRule> rules = EffectiveLicensingRules(own);
    ASSERT_EQ(rules.size(), ShippedLicensingRules().products.size() + 1);
    const auto standard = std::find_if(rules.begin(), rules.end(),
                                       [](const LicensingRule& rule) { return rule.product == "SQL Server Standard"; });
    ASSERT_NE(standard, rules.end());
    EXPECT_EQ(standard->where.file, "rules/licensing.yaml");
    EXPECT_EQ(standard->virtual_host->min_per_vm, 2);
    EXPECT_FALSE(standard->physical);
    EXPECT_EQ(rules.back().product, "Tableau Server");
}

TEST(LicensingRulesTest, MistakesAreRefusedAtTheirLine) {
    EXPECT_EQ(ErrorOf("products:\n  - product: X\n    metric: per_core\n"),
              "rules/licensing.yaml:2:5: product 'X' counts on no host: give physical, virtual or cloud");
    EXPECT_EQ(ErrorOf("products:\n  - product: X\n    physical: {units: cpus}\n"),
              "rules/licensing.yaml:3:23: 'units' must be one of cores, vcpus, processors, users, installations, not "
              "'cpus' (did you mean 'vcpus'?)");
    EXPECT_EQ(ErrorOf("products:\n  - product: X\n    physical: {core_factor: -1}\n"),
              "rules/licensing.yaml:3:29: 'core_factor' must be a number > 0, not '-1'");
    EXPECT_EQ(ErrorOf("products:\n  - product: X\n    cloud: {min_per_server: 16}\n"),
              "rules/licensing.yaml:3:29: min_per_processor and min_per_server apply to physical hosts");
    EXPECT_EQ(ErrorOf("products:\n  - product: X\n    cloud: {}\n    license_included:\n      - {provider: AWS, "
                      "x_Operation: []}\n"),
              "rules/licensing.yaml:5:38: 'x_Operation' needs a value or a list of values");
    EXPECT_NE(ErrorOf("products:\n  - product: X\n    cloud: {}\n    license_included:\n      - {provider: AWS, "
                      "ServiceNam: EC2}\n")
                  .find("'ServiceNam' is not a bill column a signal can test (did you mean 'ServiceName'?)"),
              std::string::npos);
    EXPECT_EQ(ErrorOf("products:\n  - product: X\n    cloud: {}\n  - product: X\n    cloud: {}\n"),
              "rules/licensing.yaml:4:5: product 'X' is already given on line 2");
    EXPECT_NE(ErrorOf("products:\n  - product: X\n    cloud: {}\n    clod: {}\n").find("clod"), std::string::npos);
}

} // namespace
} // namespace crosswalk::rules
