// Reading rules/tags.yaml and rules/naming.yaml strictly: errors at the right line and column, did-you-mean
// for unknown keys, duplicates refused, regular expressions validated, provenance lines remembered.
#include <gtest/gtest.h>

#include "crosswalk/common/error.hpp"
#include "crosswalk/rules/rule_set.hpp"

#include "support/temp_dir.hpp"

namespace crosswalk::rules {
namespace {

// The message of the error parsing `text` throws ("file:line:column: message").
template <typename Parse>
std::string ErrorOf(Parse parse, const std::string& text) {
    try {
        (void)parse("rules/x.yaml", text);
    } catch (const Error& error) {
        EXPECT_EQ(error.Kind(), ErrorKind::kInvalidInput);
        return error.what();
    }
    ADD_FAILURE() << "no error for:\n" << text;
    return "";
}

std::string TagError(const std::string& text) {
    return ErrorOf(ParseTagRules, text);
}

std::string NamingError(const std::string& text) {
    return ErrorOf(ParseNamingRules, text);
}

TEST(TagRulesTest, ReadsKeysAliasesFoldingValueMapsAndThePolicy) {
    const TagRules rules = ParseTagRules("rules/tags.yaml", R"(# comment
keys:
  application:
    aliases: [app, Application-Name]
    case: lower
    values:
      Payments: APP-PAY
      "  web   shop ": APP-WEB
  cost_center:
    case: upper
    trim: false
required: [application, cost_center]
)");
    ASSERT_EQ(rules.keys.size(), 2U);
    const TagKeyRule& application = rules.keys[0];
    EXPECT_EQ(application.key, "application");
    EXPECT_EQ(application.aliases, (std::vector<std::string>{"app", "Application-Name"}));
    EXPECT_EQ(application.fold, CaseFold::kLower);
    EXPECT_TRUE(application.trim);
    ASSERT_EQ(application.values.size(), 2U);
    EXPECT_EQ(application.values[0].from, "payments"); // folded like the values it is compared with
    EXPECT_EQ(application.values[0].where.Provenance(), "tags.yaml:7");
    EXPECT_EQ(application.values[1].from, "web shop");
    EXPECT_EQ(application.where.ToString(), "rules/tags.yaml:3:3");
    EXPECT_EQ(rules.keys[1].fold, CaseFold::kUpper);
    EXPECT_FALSE(rules.keys[1].trim);
    EXPECT_EQ(rules.required, (std::vector<std::string>{"application", "cost_center"}));
}

TEST(TagRulesTest, AnEmptyOrCommentedFileHasNoRules) {
    EXPECT_TRUE(ParseTagRules("rules/tags.yaml", "").keys.empty());
    EXPECT_TRUE(ParseTagRules("rules/tags.yaml", "# keys:\n#   application: {}\n").keys.empty());
}

TEST(TagRulesTest, AnUnknownKeySuggestsTheNearestOneAtItsLineAndColumn) {
    EXPECT_EQ(TagError("keys:\n  application:\n    alias: [app]\n"),
              "rules/x.yaml:3:5: unknown key 'alias' in tag key 'application' (did you mean 'aliases'?)");
    EXPECT_EQ(TagError("key:\n  application: {}\n"),
              "rules/x.yaml:1:1: unknown key 'key' in the tags file (did you mean 'keys'?)");
    EXPECT_EQ(TagError("required: [a]\nrequird: [b]\n"),
              "rules/x.yaml:2:1: unknown key 'requird' in the tags file (did you mean 'required'?)");
}

TEST(TagRulesTest, RefusesDuplicatesAndAmbiguousSpellings) {
    EXPECT_EQ(TagError("keys:\n  application: {}\n  application: {}\n"),
              "rules/x.yaml:3:3: duplicate key 'application' in 'keys'");
    EXPECT_EQ(TagError("keys:\n  application:\n    aliases: [app]\n  owner:\n    aliases: [App]\n"),
              "rules/x.yaml:5:15: 'App' already means 'application' (keys match without regard to case)");
    EXPECT_EQ(TagError("keys:\n  env:\n    case: lower\n    values:\n      PRD: production\n      prd: production\n"),
              "rules/x.yaml:6:7: 'prd' is the same value as the entry on line 5 once folded");
    EXPECT_EQ(TagError("keys:\n  env:\n    case: lowr\n"),
              "rules/x.yaml:3:11: 'case' must be one of preserve, lower, upper, not 'lowr' (did you mean "
              "'lower'?)");
    EXPECT_EQ(TagError("required: [a, a]\n"), "rules/x.yaml:1:15: 'a' is listed twice");
    EXPECT_NE(TagError("keys: [\n").find("rules/x.yaml:"), std::string::npos);
}

TEST(NamingRulesTest, TranslatesNamedGroupsAndRemembersThem) {
    const NamingRules rules = ParseNamingRules("rules/naming.yaml", R"(patterns:
  - regex: '^(?<env>prd|stg)-(?P<application>[a-z]+)-(?:x|y)\(?<no>'
  - name: by-id
    field: ResourceId
    regex: '/(?<application>[a-z]+)$'
    values:
      application:
        pay: APP-PAY
)");
    ASSERT_EQ(rules.patterns.size(), 2U);
    EXPECT_EQ(rules.patterns[0].name, "pattern-1");
    EXPECT_EQ(rules.patterns[0].re2, R"(^(?P<env>prd|stg)-(?P<application>[a-z]+)-(?:x|y)\(?<no>)");
    EXPECT_EQ(rules.patterns[0].groups, (std::vector<std::string>{"env", "application"}));
    EXPECT_EQ(rules.patterns[1].name, "by-id");
    EXPECT_EQ(rules.patterns[1].field, NameField::kResourceId);
    EXPECT_EQ(rules.patterns[1].values.at("application").at(0).where.Provenance(), "naming.yaml:8");
}

TEST(NamingRulesTest, AnInvalidRegexIsAnErrorAtItsLine) {
    const std::string message = NamingError("patterns:\n  - name: a\n    regex: '^(?<env>prd|stg'\n");
    EXPECT_EQ(message, "rules/x.yaml:3:12: invalid regular expression: missing ): ^(?P<env>prd|stg");
    EXPECT_EQ(NamingError("patterns:\n  - regex: '^prd-'\n"),
              "rules/x.yaml:2:12: the regex has no named group; name what it extracts, e.g. (?<application>[a-z]+)");
    EXPECT_EQ(NamingError("patterns:\n  - regex: '(?<App>x)'\n"),
              "rules/x.yaml:2:12: group name 'App' must be lower case letters, digits and '_' (it becomes a "
              "dimension)");
}

TEST(NamingRulesTest, UnknownKeysAndGroupsSuggestTheRightOne) {
    EXPECT_EQ(NamingError("patterns:\n  - regex: '(?<env>x)'\n    feild: ResourceName\n"),
              "rules/x.yaml:3:5: unknown key 'feild' in pattern (did you mean 'field'?)");
    EXPECT_EQ(NamingError("patterns:\n  - regex: '(?<env>x)'\n    field: ResourceNames\n"),
              "rules/x.yaml:3:12: 'field' must be one of ResourceName, ResourceId, not 'ResourceNames' (did you mean "
              "'ResourceName'?)");
    EXPECT_EQ(NamingError("patterns:\n  - regex: '(?<env>x)'\n    values:\n      evn: {x: y}\n"),
              "rules/x.yaml:4:7: the regex has no group 'evn' (did you mean 'env'?)");
    EXPECT_EQ(NamingError("patterns:\n  - {name: a, regex: '(?<e>x)'}\n  - {name: a, regex: '(?<e>x)'}\n"),
              "rules/x.yaml:3:12: pattern name 'a' is used twice");
}

TEST(LoadRuleSetTest, CollectsOneErrorPerFileAndHashesTheRules) {
    testing::TempDir directory;
    testing::WriteFile(directory / "rules" / "tags.yaml", "keys:\n  application:\n    aliases: [app]\n");
    testing::WriteFile(directory / "rules" / "naming.yaml", "patterns:\n  - regex: '(?<e>x)'\n");
    const LoadResult good = LoadRuleSet(directory.Path());
    EXPECT_TRUE(good.errors.empty());
    EXPECT_EQ(good.rules.sha256.size(), 64U);
    EXPECT_EQ(good.rules.tags.keys.size(), 1U);
    EXPECT_EQ(good.rules.naming.patterns.size(), 1U);

    testing::WriteFile(directory / "rules" / "tags.yaml", "keys:\n  application:\n    aliases: [App]\n");
    EXPECT_NE(LoadRuleSet(directory.Path()).rules.sha256, good.rules.sha256); // any byte changes the hash

    testing::WriteFile(directory / "rules" / "tags.yaml", "kyes: {}\n");
    testing::WriteFile(directory / "rules" / "naming.yaml", "patterns:\n  - regex: '(?<e>'\n");
    const LoadResult broken = LoadRuleSet(directory.Path());
    ASSERT_EQ(broken.errors.size(), 2U);
    EXPECT_EQ(std::string(broken.errors[0].what()).rfind("rules/tags.yaml:1:1: unknown key 'kyes'", 0), 0U);
    EXPECT_EQ(std::string(broken.errors[1].what()).rfind("rules/naming.yaml:2:12: invalid regular expression", 0), 0U);
    EXPECT_THROW((void)LoadRuleSetOrThrow(directory.Path()), Error);
}

} // namespace
} // namespace crosswalk::rules
