// `crosswalk rules check` and `crosswalk rules compile` through the built binary: exit codes, one
// file:line:column error per broken file, never-match warnings once data is loaded, and the compiled SQL.
#include <filesystem>

#include <gtest/gtest.h>

#include "support/crosswalk_cli.hpp"
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
    EXPECT_NE(result.out.find("rules: 0 tag keys, 0 naming patterns, 0 warnings"), std::string::npos) << result.out;
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
    EXPECT_NE(check.out.find("1 tag key, 1 naming pattern, 3 warnings; sha256 "), std::string::npos) << check.out;

    const ProcessResult compile = Crosswalk({"rules", "compile", "-w", workspace_.string()});
    EXPECT_EQ(compile.exit_code, 0) << compile.err;
    EXPECT_NE(compile.out.find("('application-name', 'application', 2, 'lower', true)"), std::string::npos)
        << compile.out;
    EXPECT_NE(compile.out.find("regexp_extract(resource_name, '^(?P<env>prd|dev)-(?P<application>[a-z]+)-', "
                               "['env', 'application'])"),
              std::string::npos)
        << compile.out;
}

} // namespace
} // namespace crosswalk
