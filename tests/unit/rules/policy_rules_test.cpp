// rules/policy.yaml: the guardrails with the line of each value, the KPI thresholds, and the errors a user meets.
#include <gtest/gtest.h>

#include "crosswalk/common/error.hpp"
#include "crosswalk/rules/policy_rules.hpp"

namespace crosswalk::rules {
namespace {

std::string ErrorOf(std::string_view text) {
    try {
        (void)ParsePolicyRules("rules/policy.yaml", text);
    } catch (const Error& error) {
        return error.what();
    }
    return "";
}

TEST(PolicyRulesTest, GuardrailsAndThresholdsWithTheirLines) {
    const PolicyRules rules = ParsePolicyRules("rules/policy.yaml", "required_tags: [application, owner]\n"
                                                                    "allowed_regions:\n"
                                                                    "  - us-east-1\n"
                                                                    "  - eastus\n"
                                                                    "approved_publishers: []\n"
                                                                    "denied_products: [WinRAR]\n"
                                                                    "require_budget: false\n"
                                                                    "thresholds:\n"
                                                                    "  idle_cost_pct: 2.5\n"
                                                                    "  anomaly_cost: 150\n");
    EXPECT_EQ(rules.required_tags.values, (std::vector<std::string>{"application", "owner"}));
    EXPECT_EQ(rules.allowed_regions.values, (std::vector<std::string>{"us-east-1", "eastus"}));
    EXPECT_EQ(rules.allowed_regions.where.line, 3); // where its value starts: the block list's first entry
    EXPECT_EQ(rules.allowed_regions.value_where[1].Provenance(), "policy.yaml:4");
    EXPECT_TRUE(rules.approved_publishers.Set()) << "an empty list is set: no publisher is approved";
    EXPECT_TRUE(rules.approved_publishers.values.empty());
    EXPECT_FALSE(rules.allowed_providers.Set());
    EXPECT_FALSE(rules.require_budget);
    EXPECT_EQ(rules.require_budget_where.line, 7);
    ASSERT_EQ(rules.thresholds.size(), 2U);
    EXPECT_EQ(rules.thresholds.at("idle_cost_pct").value.ToString(), "2.5");
    EXPECT_EQ(rules.thresholds.at("idle_cost_pct").where.Provenance(), "policy.yaml:9");
}

TEST(PolicyRulesTest, AnEmptyFileSetsNothing) {
    const PolicyRules rules = ParsePolicyRules("rules/policy.yaml", "# nothing yet\n");
    EXPECT_FALSE(rules.required_tags.Set());
    EXPECT_TRUE(rules.require_budget);
    EXPECT_TRUE(rules.thresholds.empty());
}

TEST(PolicyRulesTest, ErrorsNameTheLineAndTheNearestName) {
    EXPECT_NE(ErrorOf("alowed_regions: [x]\n").find("allowed_regions"), std::string::npos)
        << ErrorOf("alowed_regions: [x]\n");
    const std::string kpi = ErrorOf("thresholds:\n  idle_cost: 3\n");
    EXPECT_NE(kpi.find("rules/policy.yaml:2"), std::string::npos) << kpi;
    EXPECT_NE(kpi.find("idle_cost_pct"), std::string::npos) << kpi;
    const std::string number = ErrorOf("thresholds:\n  anomaly_cost: lots\n");
    EXPECT_NE(number.find("threshold 'anomaly_cost' must be a number, not 'lots'"), std::string::npos) << number;
    EXPECT_NE(ErrorOf("require_budget: maybe\n").find("rules/policy.yaml:1"), std::string::npos)
        << ErrorOf("require_budget: maybe\n");
    EXPECT_NE(ErrorOf("denied_products: {a: b}\n"), "");
}

} // namespace
} // namespace crosswalk::rules
