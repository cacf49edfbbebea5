// Reading rules/allocation.yaml strictly: every method's keys, effective dates and provenance lines; errors at
// their line and column for fixed weights that do not add up to 100, unknown methods, pool columns and target
// dimensions (with a did-you-mean), a proportional_to naming no earlier step, a step that gives its pool back to
// itself (a cycle), duplicate names and bad months. The template `crosswalk init` writes parses uncommented.
#include <fstream>

#include <gtest/gtest.h>

#include "crosswalk/common/error.hpp"
#include "crosswalk/rules/rule_set.hpp"

namespace crosswalk::rules {
namespace {

std::string AllocationError(const std::string& text) {
    try {
        (void)ParseAllocationRules("rules/allocation.yaml", text);
    } catch (const Error& error) {
        EXPECT_EQ(error.Kind(), ErrorKind::kInvalidInput);
        return error.what();
    }
    ADD_FAILURE() << "no error for:\n" << text;
    return "";
}

TEST(AllocationRulesTest, ReadsEveryMethodWithItsDatesAndLines) {
    const AllocationRules rules = ParseAllocationRules("rules/allocation.yaml", R"(steps:
  - name: support
    pool: {ServiceSubcategory: Support}
    to: application
    method: proportional
  - name: kubernetes
    pool:
      application: APP-K8S
      ProviderName: [AWS, ~]
    to: application
    method: driver
    driver: {file: drivers/k8s.csv, target: app, quantity: cpu_hours}
    from: 2026-01
    until: 2026-05
  - name: by-cpu
    pool: {application: null}
    to: application
    method: proportional
    proportional_to: kubernetes
    targets: [APP-WEB, APP-PAY]
  - name: tax
    pool: {ChargeCategory: Tax}
    to: cost_center
    method: fixed
    weights: {CC-1: 33.34, CC-2: 33.33, CC-3: 33.33}
  - name: tools
    to: business_unit
    method: even
    targets: [BU-A, BU-B]
)");
    ASSERT_EQ(rules.steps.size(), 5U);
    const AllocationStep& support = rules.steps[0];
    EXPECT_EQ(support.method, AllocationMethod::kProportional);
    EXPECT_TRUE(support.proportional_to.empty());
    EXPECT_EQ(support.where.Provenance(), "allocation.yaml:2");
    const AllocationStep& kubernetes = rules.steps[1];
    EXPECT_EQ(kubernetes.method, AllocationMethod::kDriver);
    EXPECT_EQ(kubernetes.driver.file, "drivers/k8s.csv");
    EXPECT_EQ(kubernetes.driver.date_column, "date");
    EXPECT_EQ(kubernetes.driver.target_column, "app");
    EXPECT_EQ(kubernetes.from, "2026-01");
    EXPECT_EQ(kubernetes.until, "2026-05");
    ASSERT_EQ(kubernetes.pool.size(), 2U);
    EXPECT_EQ(kubernetes.pool[1].column, "ProviderName");
    ASSERT_EQ(kubernetes.pool[1].values.size(), 2U);
    EXPECT_EQ(kubernetes.pool[1].values[0], "AWS");
    EXPECT_FALSE(kubernetes.pool[1].values[1].has_value()); // ~ is null: the column is missing
    EXPECT_EQ(rules.steps[2].proportional_to, "kubernetes");
    EXPECT_EQ(rules.steps[2].targets, (std::vector<std::string>{"APP-WEB", "APP-PAY"}));
    ASSERT_EQ(rules.steps[3].weights.size(), 3U);
    EXPECT_EQ(rules.steps[3].weights[0].percent, "33.34");
    EXPECT_EQ(rules.steps[3].weights[0].where.line, 25);
    EXPECT_TRUE(rules.steps[4].pool.empty()); // no pool: all cost
    EXPECT_EQ(MethodName(rules.steps[4].method), "even");
}

TEST(AllocationRulesTest, AnEmptyFileHasNoSteps) {
    EXPECT_TRUE(ParseAllocationRules("rules/allocation.yaml", "# nothing yet\n").steps.empty());
    EXPECT_TRUE(ParseAllocationRules("rules/allocation.yaml", "steps:\n").steps.empty());
}

TEST(AllocationRulesTest, FixedWeightsMustAddUpToExactlyOneHundred) {
    EXPECT_EQ(AllocationError(R"(steps:
  - name: tax
    to: cost_center
    method: fixed
    weights: {CC-1: 33.33, CC-2: 33.33, CC-3: 33.33}
)"),
              "rules/allocation.yaml:5:14: fixed weights must add up to exactly 100; these add up to 99.99");
    EXPECT_NE(AllocationError("steps:\n  - {name: t, to: cost_center, method: fixed, weights: {CC-1: -5, CC-2: 105}}\n")
                  .find("must be a percent >= 0, not '-5'"),
              std::string::npos);
    EXPECT_NE(AllocationError("steps:\n  - {name: t, to: cost_center, method: fixed}\n").find("'weights' must map"),
              std::string::npos);
}

TEST(AllocationRulesTest, UnknownWordsGetADidYouMean) {
    EXPECT_EQ(AllocationError("steps:\n  - {name: a, to: application, method: evn, targets: [X]}\n"),
              "rules/allocation.yaml:2:40: unknown method 'evn' (did you mean 'even'?); one of even, proportional, "
              "fixed, driver");
    EXPECT_NE(AllocationError("steps:\n  - {name: a, to: aplication, method: even, targets: [X]}\n")
                  .find("unknown target dimension 'aplication' (did you mean 'application'?)"),
              std::string::npos);
    EXPECT_NE(AllocationError("steps:\n  - {name: a, pool: {Application: X}, to: cost_center, method: even, "
                              "targets: [X]}\n")
                  .find("unknown pool column 'Application' (did you mean 'application'?)"),
              std::string::npos);
    EXPECT_NE(AllocationError("steps:\n  - {name: a, to: cost_center, method: even, targets: [X], weights: {X: 100}}\n")
                  .find("weights"),
              std::string::npos);
}

TEST(AllocationRulesTest, ProportionalToNamesAnEarlierStep) {
    EXPECT_NE(AllocationError(R"(steps:
  - {name: first, to: application, method: proportional, proportional_to: second}
  - {name: second, to: application, method: even, targets: [X]}
)")
                  .find("rules/allocation.yaml:2:"),
              std::string::npos);
    EXPECT_NE(AllocationError("steps:\n  - {name: a, to: application, method: proportional, proportional_to: a}\n")
                  .find("names no earlier step"),
              std::string::npos);
}

TEST(AllocationRulesTest, AStepThatGivesItsPoolBackToItselfIsACycle) {
    EXPECT_EQ(AllocationError(R"(steps:
  - name: platform
    pool: {application: APP-K8S}
    to: application
    method: even
    targets: [APP-WEB, APP-K8S]
)"),
              "rules/allocation.yaml:6:24: step 'platform' would spread the cost of application 'APP-K8S' back onto "
              "'APP-K8S': a cycle (drop it from the targets)");
}

TEST(AllocationRulesTest, NamesAreUniqueAndMonthsAreMonths) {
    EXPECT_NE(AllocationError("steps:\n  - {name: a, to: application, method: proportional}\n  - {name: a, to: "
                              "application, method: proportional}\n")
                  .find("rules/allocation.yaml:3:12: step 'a' is already defined on line 2"),
              std::string::npos);
    EXPECT_NE(AllocationError("steps:\n  - {name: a, to: application, method: proportional, from: 2026-13}\n")
                  .find("'from' must be a month, YYYY-MM, not '2026-13'"),
              std::string::npos);
    EXPECT_NE(
        AllocationError("steps:\n  - {name: a, to: application, method: proportional, from: 2026-06, until: 2026-05}\n")
            .find("'until' 2026-05 is before 'from' 2026-06"),
        std::string::npos);
    EXPECT_NE(AllocationError("steps:\n  - {name: a, to: application, method: driver, driver: {file: /etc/passwd, "
                              "target: t, quantity: q}}\n")
                  .find("a path relative to the workspace"),
              std::string::npos);
}

// The commented examples of workspace/templates/rules/allocation.yaml, lines "# ..." after the first "#" line.
TEST(AllocationRulesTest, TheTemplateParsesOnceUncommented) {
    std::ifstream in(std::filesystem::path(CROSSWALK_REPOSITORY_DIR) /
                     "src/crosswalk/workspace/templates/rules/allocation.yaml");
    std::string text;
    std::string line;
    bool examples = false;
    while (std::getline(in, line)) {
        if (line == "#") {
            examples = true;
        } else if (examples && line.rfind("# ", 0) == 0) {
            text += line.substr(2) + "\n";
        }
    }
    const AllocationRules rules = ParseAllocationRules("rules/allocation.yaml", text);
    ASSERT_EQ(rules.steps.size(), 4U);
    EXPECT_EQ(rules.steps[2].until, "2026-05");
}

} // namespace
} // namespace crosswalk::rules
