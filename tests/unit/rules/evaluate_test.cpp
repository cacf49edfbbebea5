// Compiled rules run by DuckDB on constructed tag sets and names: aliases, case and white-space folding,
// value maps and their provenance, naming patterns, one result row per distinct key, and the never-match
// warnings of `rules check`.
#include <map>

#include <gtest/gtest.h>

#include "crosswalk/rules/evaluate.hpp"
#include "crosswalk/rules/rule_set.hpp"
#include "crosswalk/rules/sql_dialect.hpp"
#include "crosswalk/store/connection.hpp"
#include "crosswalk/store/database.hpp"
#include "crosswalk/store/transaction.hpp"

namespace crosswalk::rules {
namespace {

constexpr const char* kTags = R"(keys:
  application:
    aliases: [app, Application-Name]
    case: lower
    values:
      payments: APP-PAY
      pay: APP-PAY
  environment:
    aliases: [env]
    case: lower
    values:
      prd: production
      prod: production
      stage: staging
  owner:
    aliases: [Owner-Email]
    trim: false
required: [application]
)";

constexpr const char* kNaming = R"(patterns:
  - name: standard
    regex: '^(?<environment>prd|stg|dev)-(?<application>[a-z0-9]+)-'
    values:
      environment:
        prd: production
      application:
        pay: APP-PAY
  - name: legacy
    regex: '^(?<application>[a-z]+)box'
  - name: from-id
    field: ResourceId
    regex: '/projects/(?<project>[a-z-]+)/'
)";

class RulesEvaluateTest : public ::testing::Test {
protected:
    RulesEvaluateTest() : database_(store::Database::OpenInMemory()), connection_(database_) {
        connection_.Execute("CREATE TABLE cost_line (ProviderName VARCHAR, ResourceId VARCHAR, ResourceName VARCHAR, "
                            "Tags JSON)");
        rules_.tags = ParseTagRules("rules/tags.yaml", kTags);
        rules_.naming = ParseNamingRules("rules/naming.yaml", kNaming);
        rules_.sha256 = "abc";
    }

    // Inserts `copies` rows of one resource with one tag set.
    void AddRows(const std::string& tags, int copies, const std::string& name = "x", const std::string& id = "id") {
        auto insert = connection_.Prepare("INSERT INTO cost_line SELECT 'AWS', ?, ?, ?::JSON FROM range(?)");
        (void)insert.Execute(id, name, tags, static_cast<int64_t>(copies));
    }

    Evaluation Evaluate() {
        store::Transaction transaction(connection_);
        Evaluation evaluation = EvaluateRules(transaction, rules_);
        transaction.Commit();
        return evaluation;
    }

    // key -> "value (source)" of one tag set.
    std::map<std::string, std::string> Normalized(const std::string& tags) {
        std::map<std::string, std::string> out;
        auto query = connection_.Prepare("SELECT key || '=' || value || ' (' || source || ')' FROM tag_set WHERE "
                                         "tags = ?::JSON::VARCHAR ORDER BY key");
        store::Result result = query.Execute(tags);
        while (auto chunk = result.NextChunk()) {
            for (uint64_t row = 0; row < chunk->Size(); ++row) {
                const std::string text(chunk->Column(0).String(row));
                out[text.substr(0, text.find('='))] = text.substr(text.find('=') + 1);
            }
        }
        return out;
    }

    int64_t Count(const std::string& sql) { return connection_.Query(sql).ScalarInt64().value_or(-1); }

    store::Database database_;
    store::Connection connection_;
    RuleSet rules_;
};

TEST_F(RulesEvaluateTest, AliasesFoldingAndValueMapsNormalizeEachTagSet) {
    AddRows(R"({"App":"Pay","env":"PRD"})", 3);
    AddRows(R"({"Application-Name":"  Payments ","Environment":"Prod"})", 2);
    AddRows(R"({"application":"Web   Shop","ENV":"stage","team":" Core "})", 1);
    AddRows(R"({"Owner-Email":" Ann@X.com "})", 1);
    (void)Evaluate();
    EXPECT_EQ(Normalized(R"({"App":"Pay","env":"PRD"})"),
              (std::map<std::string, std::string>{{"application", "APP-PAY (rule:tags.yaml:7)"},
                                                  {"environment", "production (rule:tags.yaml:12)"}}));
    EXPECT_EQ(Normalized(R"({"Application-Name":"  Payments ","Environment":"Prod"})"),
              (std::map<std::string, std::string>{{"application", "APP-PAY (rule:tags.yaml:6)"},
                                                  {"environment", "production (rule:tags.yaml:13)"}}));
    // No map entry: the folded value and the key it came from; an unconfigured key passes through as written.
    EXPECT_EQ(Normalized(R"({"application":"Web   Shop","ENV":"stage","team":" Core "})"),
              (std::map<std::string, std::string>{{"application", "web shop (tag:application)"},
                                                  {"environment", "staging (rule:tags.yaml:14)"},
                                                  {"team", " Core  (tag:team)"}}));
    // trim: false and case preserve keep the value as written.
    EXPECT_EQ(Normalized(R"({"Owner-Email":" Ann@X.com "})"),
              (std::map<std::string, std::string>{{"owner", " Ann@X.com  (tag:Owner-Email)"}}));
}

TEST_F(RulesEvaluateTest, TwoSpellingsOfOneKeyInOneTagSetGiveOneRowTheCanonicalSpellingFirst) {
    AddRows(R"({"app":"pay","Application":"checkout","Application-Name":"x"})", 1);
    AddRows(R"({"Application-Name":"x","app":"pay"})", 1);
    (void)Evaluate();
    EXPECT_EQ(Normalized(R"({"app":"pay","Application":"checkout","Application-Name":"x"})"),
              (std::map<std::string, std::string>{{"application", "checkout (tag:Application)"}}));
    EXPECT_EQ(Normalized(R"({"Application-Name":"x","app":"pay"})"), // aliases in the order the rule lists them
              (std::map<std::string, std::string>{{"application", "APP-PAY (rule:tags.yaml:7)"}}));
}

TEST_F(RulesEvaluateTest, EvaluationIsOncePerDistinctTagSetAndName) {
    // 10,000 rows, 4 distinct tag sets (one NULL), 3 distinct resources.
    AddRows(R"({"app":"pay"})", 4000, "prd-pay-db-01", "a");
    AddRows(R"({"app":"pay","env":"prd"})", 3000, "prd-pay-db-01", "a");
    AddRows(R"({"team":"x"})", 2000, "stg-web-vm-02", "b");
    connection_.Execute("INSERT INTO cost_line SELECT 'AWS', 'c', 'legacybox', NULL FROM range(1000)");
    const Evaluation evaluation = Evaluate();
    EXPECT_EQ(evaluation.tag_sets, 3);
    EXPECT_EQ(evaluation.names, 3);
    EXPECT_EQ(evaluation.tag_rows, 4); // {app}, {app, env}, {team}
    EXPECT_EQ(Count("SELECT count(*) FROM tag_set"), Count("SELECT count(DISTINCT (tags, key)) FROM tag_set"));
    EXPECT_EQ(Count("SELECT count(DISTINCT tags) FROM tag_set"), 3);
    EXPECT_EQ(Count("SELECT count(*) FROM name_dimension"),
              Count("SELECT count(DISTINCT (provider, resource_id, resource_name, dimension)) FROM name_dimension"));
    // Joined back by equality on the tag set, every row finds its tags.
    EXPECT_EQ(Count("SELECT count(*) FROM cost_line c JOIN tag_set t ON c.Tags::VARCHAR = t.tags AND t.key = "
                    "'application'"),
              7000);
    EXPECT_EQ(Count("SELECT count(*) FROM rule_evaluation WHERE rules_sha256 = 'abc'"), 2);
    EXPECT_EQ(Count("SELECT input_keys FROM rule_evaluation WHERE kind = 'tags'"), 3);
}

TEST_F(RulesEvaluateTest, NamingPatternsExtractDimensionsWithProvenance) {
    AddRows("{}", 1, "prd-pay-db-01", "arn:1");
    AddRows("{}", 1, "dev-web-vm-02", "arn:2");
    AddRows("{}", 1, "paybox", "arn:3");
    AddRows("{}", 1, "Server 7", "//x/projects/nw-prd-data/instances/1");
    (void)Evaluate();
    const auto dimensions = [&](const std::string& name) {
        std::map<std::string, std::string> out;
        auto query = connection_.Prepare("SELECT dimension, value || ' (' || source || ')' FROM name_dimension "
                                         "WHERE resource_name = ?");
        store::Result result = query.Execute(name);
        while (auto chunk = result.NextChunk()) {
            for (uint64_t row = 0; row < chunk->Size(); ++row) {
                out[std::string(chunk->Column(0).String(row))] = std::string(chunk->Column(1).String(row));
            }
        }
        return out;
    };
    EXPECT_EQ(dimensions("prd-pay-db-01"),
              (std::map<std::string, std::string>{{"environment", "production (rule:naming.yaml:6)"},
                                                  {"application", "APP-PAY (rule:naming.yaml:8)"}}));
    EXPECT_EQ(dimensions("dev-web-vm-02"),
              (std::map<std::string, std::string>{{"environment", "dev (name:standard)"},
                                                  {"application", "web (name:standard)"}}));
    EXPECT_EQ(dimensions("paybox"), (std::map<std::string, std::string>{{"application", "pay (name:legacy)"}}));
    EXPECT_EQ(dimensions("Server 7"), (std::map<std::string, std::string>{{"project", "nw-prd-data (name:from-id)"}}));
}

TEST_F(RulesEvaluateTest, CheckWarnsAboutRulesThatCanNeverMatch) {
    AddRows(R"({"app":"pay","env":"prd"})", 5, "prd-pay-db-01");
    std::vector<std::string> warnings;
    for (const RuleWarning& warning : CheckRules(connection_, rules_)) {
        warnings.push_back(warning.ToString());
    }
    EXPECT_EQ(warnings, (std::vector<std::string>{
                            "rules/tags.yaml:3:20: warning: alias 'Application-Name' of 'application' is in no tag set",
                            "rules/tags.yaml:6:7: warning: no 'application' value is 'payments' once folded, so this "
                            "entry never applies",
                            "rules/tags.yaml:13:7: warning: no 'environment' value is 'prod' once folded, so this "
                            "entry never applies",
                            "rules/tags.yaml:14:7: warning: no 'environment' value is 'stage' once folded, so this "
                            "entry never applies",
                            "rules/tags.yaml:16:15: warning: alias 'Owner-Email' of 'owner' is in no tag set",
                            "rules/naming.yaml:9:5: warning: pattern 'legacy' matches no ResourceName",
                            "rules/naming.yaml:11:5: warning: pattern 'from-id' matches no ResourceId",
                        }));
}

TEST_F(RulesEvaluateTest, NoRulesCompileToQueriesThatPassTagsThrough) {
    AddRows(R"({"App":"Pay"})", 2, "prd-pay-db-01");
    rules_ = LoadRuleSetOrThrow(std::filesystem::temp_directory_path() / "crosswalk-no-rules");
    const Evaluation evaluation = Evaluate();
    EXPECT_EQ(evaluation.tag_rows, 1);
    EXPECT_EQ(Normalized(R"({"App":"Pay"})"), (std::map<std::string, std::string>{{"App", "Pay (tag:App)"}}));
    EXPECT_EQ(evaluation.name_rows, 0);
}

} // namespace
} // namespace crosswalk::rules
