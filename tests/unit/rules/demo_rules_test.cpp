// The rules `crosswalk generate` writes, evaluated on the generated demo: the four application-tag spellings
// all become `application`, and the naming standard finds the application of resources that only their name
// attributes (expected.json's ground truth).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "crosswalk/generate/generate.hpp"
#include "crosswalk/ingest/configured_sources.hpp"
#include "crosswalk/rules/evaluate.hpp"
#include "crosswalk/rules/rule_set.hpp"
#include "crosswalk/rules/sql_dialect.hpp"
#include "crosswalk/store/transaction.hpp"
#include "crosswalk/workspace/workspace.hpp"

#include "support/temp_dir.hpp"

namespace crosswalk::rules {
namespace {

class DemoRulesTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        directory_ = new testing::TempDir();
        generate::GenerateOptions options;
        options.months = 1;
        (void)generate::GenerateWorkspace(directory_->Path(), options);
        workspace_ = new workspace::Workspace(workspace::Workspace::Open(directory_->Path()));
        (void)ingest::IngestConfiguredSources(*workspace_, "focus", {});
        const LoadResult loaded = LoadRuleSet(directory_->Path());
        ASSERT_TRUE(loaded.errors.empty()) << loaded.errors.front().what();
        rules_ = new RuleSet(loaded.rules);
        store::Connection connection = workspace_->Connect();
        store::Transaction transaction(connection);
        evaluation_ = new Evaluation(EvaluateRules(transaction, loaded.rules));
        transaction.Commit();
    }

    static void TearDownTestSuite() {
        delete evaluation_;
        delete rules_;
        delete workspace_;
        delete directory_;
    }

    static int64_t Count(const std::string& sql) {
        store::Connection connection = workspace_->Connect();
        return connection.Query(sql).ScalarInt64().value_or(-1);
    }

    static testing::TempDir* directory_;
    static workspace::Workspace* workspace_;
    static Evaluation* evaluation_;
    static RuleSet* rules_;
};

testing::TempDir* DemoRulesTest::directory_ = nullptr;
workspace::Workspace* DemoRulesTest::workspace_ = nullptr;
Evaluation* DemoRulesTest::evaluation_ = nullptr;
RuleSet* DemoRulesTest::rules_ = nullptr;

TEST_F(DemoRulesTest, TheFourApplicationTagSpellingsAllBecomeApplication) {
    const std::string spellings = "('app', 'App', 'application', 'Application-Name')";
    for (const char* spelling : {"app", "App", "application", "Application-Name"}) {
        EXPECT_GT(Count(fmt::format("SELECT count(*) FROM tag_set WHERE key = 'application' AND original_key = '{}'",
                                    spelling)),
                  0)
            << spelling;
    }
    // Every distinct tag set with any spelling has exactly one application, always a CMDB application id.
    const int64_t tagged = Count(fmt::format("SELECT count(*) FROM (SELECT DISTINCT Tags FROM cost_line) s WHERE "
                                             "EXISTS (SELECT 1 FROM unnest(json_keys(s.Tags)) u(k) WHERE k IN {})",
                                             spellings));
    EXPECT_GT(tagged, 20);
    EXPECT_EQ(Count("SELECT count(*) FROM tag_set WHERE key = 'application'"), tagged);
    EXPECT_EQ(Count("SELECT count(*) FROM tag_set WHERE key = 'application' AND value NOT LIKE 'APP-%'"), 0);
    EXPECT_EQ(Count("SELECT count(*) FROM tag_set WHERE key IN ('app', 'App', 'Application-Name')"), 0);
    // env/Environment and CostCenter/cost-center fold the same way.
    EXPECT_EQ(Count("SELECT count(*) FROM tag_set WHERE key = 'environment' AND value NOT IN ('production', "
                    "'staging', 'development')"),
              0);
    EXPECT_EQ(Count("SELECT count(*) FROM tag_set WHERE key = 'cost_center' AND value NOT LIKE 'CC-%'"), 0);
    // Once per distinct tag set, not per row.
    EXPECT_EQ(evaluation_->tag_sets, Count("SELECT count(DISTINCT Tags) FROM cost_line"));
    EXPECT_LT(evaluation_->tag_sets * 20, Count("SELECT count(*) FROM cost_line"));
}

TEST_F(DemoRulesTest, TheNamingStandardFindsTheApplicationOfUntaggedResources) {
    const nlohmann::json expected = nlohmann::json::parse(testing::ReadFile(directory_->Path() / "expected.json"));
    store::Connection connection = workspace_->Connect();
    auto query = connection.Prepare("SELECT value FROM name_dimension WHERE dimension = 'application' AND "
                                    "resource_id = ? AND resource_name = ?");
    int by_name = 0;
    for (const auto& resource : expected.at("tags").at("untagged_resources")) {
        if (resource.at("found_by") != "name") {
            continue;
        }
        ++by_name;
        const auto value =
            query
                .Execute(resource.at("resource_id").get<std::string>(), resource.at("resource_name").get<std::string>())
                .ScalarString();
        EXPECT_EQ(value.value_or("(none)"), resource.at("application").get<std::string>())
            << resource.at("resource_name");
    }
    EXPECT_GT(by_name, 0);
    // Legacy names (test-box-12, instance ids) match no pattern; every match carries its provenance.
    EXPECT_EQ(Count("SELECT count(*) FROM name_dimension WHERE resource_name LIKE 'test-box-%'"), 0);
    EXPECT_EQ(Count("SELECT count(*) FROM name_dimension WHERE source NOT LIKE 'rule:naming.yaml:%' AND source <> "
                    "'name:standard'"),
              0);
}

TEST_F(DemoRulesTest, AccountDefaultsGiveTheApplicationOfUntaggedResourcesInDedicatedAccounts) {
    // One entry per account dedicated to one application (prd-platform, prd-reco, ...), none for shared ones.
    EXPECT_GE(rules_->accounts.accounts.size(), 3U);
    for (const AccountDefault& account : rules_->accounts.accounts) {
        EXPECT_EQ(Count(fmt::format("SELECT count(DISTINCT ResourceId) FROM cost_line WHERE SubAccountId = '{}'",
                                    account.account)) > 0,
                  true)
            << account.account;
        EXPECT_EQ(account.dimensions.count("application"), 1U);
        EXPECT_EQ(account.dimensions.count("cost_center"), 1U);
    }
    store::Connection connection = workspace_->Connect();
    store::Transaction transaction(connection);
    connection.Execute("CREATE TEMP TABLE account_default AS " +
                       DuckDbDialect().AccountDefaults(rules_->accounts, "cost_line"));
    auto query = connection.Prepare(
        "SELECT DISTINCT a.value FROM account_default a JOIN cost_line c ON a.SubAccountId = c.SubAccountId AND "
        "a.ProviderName = c.ProviderName WHERE a.dimension = 'application' AND c.ResourceId = ?");
    const nlohmann::json expected = nlohmann::json::parse(testing::ReadFile(directory_->Path() / "expected.json"));
    int by_account = 0;
    for (const auto& resource : expected.at("tags").at("untagged_resources")) {
        if (resource.at("found_by") != "account") {
            continue;
        }
        ++by_account;
        EXPECT_EQ(query.Execute(resource.at("resource_id").get<std::string>()).ScalarString().value_or("(none)"),
                  resource.at("application").get<std::string>())
            << resource.at("resource_id");
    }
    EXPECT_GT(by_account, 0);
}

TEST_F(DemoRulesTest, TheTaxonomyOverridesAndThePrecedenceFitTheDemo) {
    ASSERT_EQ(rules_->taxonomy.cloud.size(), 2U);
    EXPECT_EQ(rules_->taxonomy.cloud[0].tower, "Application");
    EXPECT_EQ(rules_->precedence.order, PrecedenceRules().order); // the default, written out
    store::Connection connection = workspace_->Connect();
    // No rule of the demo is dead: every account is billed and every override matches a cost line.
    for (const RuleWarning& warning : CheckRules(connection, *rules_)) {
        EXPECT_EQ(warning.where.file.find("accounts.yaml"), std::string::npos) << warning.ToString();
        EXPECT_EQ(warning.where.file.find("taxonomy.yaml"), std::string::npos) << warning.ToString();
    }
}

} // namespace
} // namespace crosswalk::rules
