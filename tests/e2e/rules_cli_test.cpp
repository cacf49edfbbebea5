// `crosswalk rules check` and `crosswalk rules compile` through the built binary: exit codes, one
// file:line:column error per broken file, never-match warnings once data is loaded, and the compiled SQL.
#include <filesystem>

#include <gtest/gtest.h>

#include "support/crosswalk_cli.hpp"
#include "support/generated_workspace.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace crosswalk {
namespace {

namespace fs = std::filesystem;
using testing::ProcessResult;

using testing::Crosswalk;

class RulesCliTest : public ::testing::Test {
protected:
    void SetUp() override {
        const ProcessResult init = Crosswalk({"init", workspace_.string()});
        ASSERT_EQ(init.exit_code, 0) << init.err;
    }

    testing::TempDir directory_;
    fs::path workspace_ = directory_ / "acme";
};

TEST_F(RulesCliTest, TheTemplatesThatInitWritesAreValid) {
    EXPECT_TRUE(fs::exists(workspace_ / "rules" / "naming.yaml"));
    const ProcessResult result = Crosswalk({"rules", "check", "-w", workspace_.string()});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(
        result.out.find("rules: 0 tag keys, 0 naming patterns, 0 account defaults, 0 taxonomy overrides, "
                        "precedence tag > cmdb > account > name, 0 allocation steps, 7 licensing products (0 from "
                        "rules/licensing.yaml), 0 warnings"),
        std::string::npos)
        << result.out;
}

TEST_F(RulesCliTest, ABrokenFileFailsWithOneLocatedErrorPerFile) {
    testing::WriteFile(workspace_ / "rules" / "tags.yaml",
                       "keys:\n  application:\n    aliases: [app]\n    case: lower\n    vaules: {prd: production}\n");
    testing::WriteFile(workspace_ / "rules" / "naming.yaml", "patterns:\n  - name: std\n    regex: '^(?<env>prd'\n");
    const ProcessResult result = Crosswalk({"rules", "check", "-w", workspace_.string()});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.out, "");
    EXPECT_EQ(result.err.substr(0, result.err.find('\n') + 1),
              "rules/tags.yaml:5:5: unknown key 'vaules' in tag key 'application' (did you mean 'values'?)\n");
    EXPECT_NE(result.err.find("\nrules/naming.yaml:3:12: invalid regular expression: "), std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find("rules: 2 errors\n"), std::string::npos) << result.err;
    // compile refuses broken rules the same way.
    const ProcessResult compile = Crosswalk({"rules", "compile", "-w", workspace_.string()});
    EXPECT_EQ(compile.exit_code, 1);
    EXPECT_NE(compile.err.find("rules/tags.yaml:5:5: unknown key 'vaules'"), std::string::npos) << compile.err;
}

TEST_F(RulesCliTest, CheckWarnsAboutRulesThatMatchNothingAndCompilePrintsTheSql) {
    testing::WriteFile(workspace_ / "rules" / "tags.yaml",
                       "keys:\n  application:\n    aliases: [app, Application-Name]\n    case: lower\n");
    testing::WriteFile(workspace_ / "rules" / "naming.yaml",
                       "patterns:\n  - name: std\n    regex: '^(?<env>prd|dev)-(?<application>[a-z]+)-'\n");
    const ProcessResult check = Crosswalk({"rules", "check", "-w", workspace_.string()});
    EXPECT_EQ(check.exit_code, 0) << check.err;
    // An empty database: nothing can match yet.
    EXPECT_NE(check.err.find("rules/tags.yaml:3:15: warning: alias 'app' of 'application' is in no tag set"),
              std::string::npos)
        << check.err;
    EXPECT_NE(check.err.find("rules/naming.yaml:2:5: warning: pattern 'std' matches no ResourceName"),
              std::string::npos)
        << check.err;
    EXPECT_NE(check.out.find("1 tag key, 1 naming pattern, 0 account defaults, 0 taxonomy overrides, precedence "
                             "tag > cmdb > account > name, 0 allocation steps, 7 licensing products (0 from "
                             "rules/licensing.yaml), 3 warnings; sha256 "),
              std::string::npos)
        << check.out;

    const ProcessResult compile = Crosswalk({"rules", "compile", "-w", workspace_.string()});
    EXPECT_EQ(compile.exit_code, 0) << compile.err;
    EXPECT_NE(compile.out.find("('application-name', 'application', 2, 'lower', true)"), std::string::npos)
        << compile.out;
    EXPECT_NE(compile.out.find("regexp_extract(resource_name, '^(?P<env>prd|dev)-(?P<application>[a-z]+)-', "
                               "['env', 'application'])"),
              std::string::npos)
        << compile.out;
}

TEST_F(RulesCliTest, CheckCountsAndChecksAccountsTaxonomyAndPrecedence) {
    testing::WriteFile(workspace_ / "rules" / "accounts.yaml",
                       "accounts:\n  - account: '210987654321'\n    application: APP-PAY\n");
    testing::WriteFile(workspace_ / "rules" / "taxonomy.yaml",
                       "cloud:\n  - match: {ServiceName: Amazon Elastic Kubernetes Service}\n    tower: Compute\n"
                       "    sub_tower: Servers\n");
    testing::WriteFile(
        workspace_ / "rules" / "enrichment.yaml",
        "precedence: [cmdb, tag, account, name]\ndimensions:\n  environment: [name, tag, cmdb, account]\n");
    const ProcessResult check = Crosswalk({"rules", "check", "-w", workspace_.string()});
    EXPECT_EQ(check.exit_code, 0) << check.err;
    EXPECT_NE(check.err.find("rules/accounts.yaml:2:5: warning: account '210987654321' is in no cost line"),
              std::string::npos)
        << check.err;
    EXPECT_NE(check.err.find("rules/taxonomy.yaml:2:5: warning: override matches no cost line (ServiceName = "
                             "'Amazon Elastic Kubernetes Service')"),
              std::string::npos)
        << check.err;
    EXPECT_NE(check.out.find("0 naming patterns, 1 account default, 1 taxonomy override, precedence cmdb > tag > "
                             "account > name (1 per dimension), 0 allocation steps, 7 licensing products (0 from "
                             "rules/licensing.yaml), 2 warnings"),
              std::string::npos)
        << check.out;
    const ProcessResult compile = Crosswalk({"rules", "compile", "-w", workspace_.string()});
    EXPECT_EQ(compile.exit_code, 0) << compile.err;
    EXPECT_NE(compile.out.find("(1, NULL::VARCHAR, '210987654321', 'application', 'APP-PAY', 'account:210987654321')"),
              std::string::npos)
        << compile.out;
    EXPECT_NE(compile.out.find("SELECT * FROM counted ORDER BY installation_id;"), std::string::npos) << compile.out;
    EXPECT_NE(compile.out.find("lower(k.\"ServiceName\") = lower('Amazon Elastic Kubernetes Service')"),
              std::string::npos)
        << compile.out;

    testing::WriteFile(workspace_ / "rules" / "taxonomy.yaml",
                       "cloud:\n  - match: {ServiceName: x}\n    tower: Compte\n");
    const ProcessResult broken = Crosswalk({"rules", "check", "-w", workspace_.string()});
    EXPECT_EQ(broken.exit_code, 1);
    EXPECT_NE(broken.err.find("rules/taxonomy.yaml:3:12: unknown tower 'Compte'"), std::string::npos) << broken.err;
}

// A fixed step whose weights do not add up to 100 is refused by `rules check` and fails `crosswalk run` before
// anything is loaded, naming the file and line.
TEST_F(RulesCliTest, AFixedStepThatDoesNotAddUpToOneHundredIsRefused) {
    testing::WriteFile(workspace_ / "rules" / "allocation.yaml",
                       "steps:\n  - name: tax\n    to: cost_center\n    method: fixed\n"
                       "    weights: {CC-1: 60, CC-2: 30}\n");
    const std::string message =
        "rules/allocation.yaml:5:14: fixed weights must add up to exactly 100; these add up to 90\n";
    const ProcessResult check = Crosswalk({"rules", "check", "-w", workspace_.string()});
    EXPECT_EQ(check.exit_code, 1);
    EXPECT_EQ(check.err, message + "rules: 1 error\n");
    const ProcessResult run = Crosswalk({"run", "-w", workspace_.string()});
    EXPECT_EQ(run.exit_code, 1);
    EXPECT_NE(run.err.find(message.substr(0, message.size() - 1)), std::string::npos) << run.err;
}

// With data loaded, `rules check` also checks what allocation.yaml names against it, as `run` would: an unknown
// fixed target and an unknown application in a driver file are errors naming their file and line.
TEST(GeneratedRulesCliTest, CheckFindsUnknownAllocationTargetsAndBadDriverRows) {
    testing::TempDir directory;
    const fs::path workspace = directory / "demo";
    testing::CopyFolder(testing::LoadedWorkspace(), workspace);
    const ProcessResult good = Crosswalk({"rules", "check", "-w", workspace.string()});
    EXPECT_EQ(good.exit_code, 0) << good.err;
    const fs::path rules = workspace / "rules" / "allocation.yaml";
    std::string text = testing::ReadFile(rules);
    text.replace(text.find("weights: {CC-1200: 100}"), 23, "weights: {CC-1201: 100}");
    testing::WriteFile(rules, text);
    testing::WriteFile(workspace / "drivers" / "k8s-cpu-hours.csv",
                       "date,cluster,namespace,application_ci_id,cpu_hours\n2026-01-01,x,y,APP-CHEKOUT,1\n");
    const ProcessResult bad = Crosswalk({"rules", "check", "-w", workspace.string()});
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_NE(bad.err.find("rules/allocation.yaml:16:15: step 'unused-commitments': unknown cost_center 'CC-1201' "
                           "(did you mean 'CC-1200'?)"),
              std::string::npos)
        << bad.err;
    EXPECT_NE(bad.err.find("drivers/k8s-cpu-hours.csv:2:application_ci_id: unknown application 'APP-CHEKOUT' (did "
                           "you mean 'APP-CHECKOUT'?)"),
              std::string::npos)
        << bad.err;
    EXPECT_NE(bad.err.find("rules: 2 errors\n"), std::string::npos) << bad.err;
}

} // namespace
} // namespace crosswalk
