// rules/budgets.yaml: thresholds, the webhook, the forecast's known changes, and the errors a user meets.
#include <gtest/gtest.h>

#include "crosswalk/common/error.hpp"
#include "crosswalk/rules/budget_rules.hpp"

namespace crosswalk::rules {
namespace {

std::string ErrorOf(std::string_view text) {
    try {
        (void)ParseBudgetRules("rules/budgets.yaml", text);
    } catch (const Error& error) {
        return error.what();
    }
    return "";
}

TEST(BudgetRulesTest, ThresholdsWebhookAndChangesWithTheirLines) {
    const BudgetRules rules = ParseBudgetRules("rules/budgets.yaml", "alerts:\n"
                                                                     "  overspend_pct: 2.5\n"
                                                                     "  webhook: http://127.0.0.1:9/hook\n"
                                                                     "forecast_changes:\n"
                                                                     "  - by: application\n"
                                                                     "    series: APP-ERP\n"
                                                                     "    from: 2026-08\n"
                                                                     "    until: 2026-12\n"
                                                                     "    percent: -40\n"
                                                                     "  - by: provider\n"
                                                                     "    series: AWS\n"
                                                                     "    from: 2027-01\n"
                                                                     "    amount: 1200.50\n"
                                                                     "    reason: renewal\n");
    EXPECT_EQ(rules.overspend_pct.ToString(), "2.5");
    EXPECT_EQ(rules.underspend_pct.ToString(), "15");
    EXPECT_EQ(rules.overspend_where.line, 2);
    EXPECT_EQ(rules.webhook.value_or(""), "http://127.0.0.1:9/hook");
    ASSERT_EQ(rules.changes.size(), 2U);
    EXPECT_EQ(rules.changes[0].series, "APP-ERP");
    EXPECT_EQ(rules.changes[0].percent->ToString(), "-40");
    EXPECT_EQ(rules.changes[0].until, "2026-12");
    EXPECT_EQ(rules.changes[0].where.Provenance(), "budgets.yaml:5");
    EXPECT_FALSE(rules.changes[1].percent.has_value());
    EXPECT_EQ(rules.changes[1].amount->ToString(), "1200.50");
    EXPECT_EQ(rules.changes[1].reason, "renewal");
}

TEST(BudgetRulesTest, AnEmptyFileHoldsTheDefaults) {
    const BudgetRules rules = ParseBudgetRules("rules/budgets.yaml", "# nothing yet\n");
    EXPECT_EQ(rules.overspend_pct.ToString(), "5");
    EXPECT_FALSE(rules.webhook.has_value());
    EXPECT_TRUE(rules.changes.empty());
}

TEST(BudgetRulesTest, ErrorsNameTheLineAndWhatIsWrong) {
    EXPECT_NE(ErrorOf("alerts:\n  overspend_pct: -1\n").find("rules/budgets.yaml:2"), std::string::npos);
    EXPECT_NE(ErrorOf("alerts:\n  overspend_pct: -1\n").find("non-negative number"), std::string::npos);
    EXPECT_NE(ErrorOf("alerts:\n  webhook: ftp://x\n").find("http:// or https://"), std::string::npos);
    EXPECT_NE(ErrorOf("alerts:\n  overspnd_pct: 1\n").find("overspend_pct"), std::string::npos);
    EXPECT_NE(ErrorOf("forecast_changes:\n  - by: application\n    series: A\n    from: 2026-13\n    percent: 1\n")
                  .find("YYYY-MM"),
              std::string::npos);
    EXPECT_NE(
        ErrorOf("forecast_changes:\n  - by: application\n    series: A\n    from: 2026-01\n").find("needs 'percent'"),
        std::string::npos);
    EXPECT_NE(ErrorOf("forecast_changes:\n  - by: application\n    series: A\n    from: 2026-01\n    percent: 1\n"
                      "    amount: 2\n")
                  .find("rules/budgets.yaml:6:13: a forecast change gives 'percent' or 'amount', not both"),
              std::string::npos);
    EXPECT_NE(ErrorOf("forecast_changes:\n  - by: app\n    series: A\n    from: 2026-01\n    percent: 1\n")
                  .find("application"),
              std::string::npos);
    EXPECT_NE(ErrorOf("forecast_changes:\n  - by: provider\n    series: A\n    from: 2026-05\n    until: 2026-04\n"
                      "    percent: 1\n")
                  .find("before"),
              std::string::npos);
}

} // namespace
} // namespace crosswalk::rules
