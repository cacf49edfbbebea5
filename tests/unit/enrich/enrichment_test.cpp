// Enrichment on a real workspace database: the declared precedence decides conflicts (a tag that disagrees
// with the CMDB, a CMDB link that disagrees with the name), reordering it changes the result as documented,
// every value records its source, the CMDB is followed from resource to CI to application to business
// service and cost center, and the keys are kept incrementally (new files add, restated ones drop).
#include <gtest/gtest.h>

#include "crosswalk/enrich/enrichment.hpp"
#include "crosswalk/store/prepared_statement.hpp"
#include "crosswalk/workspace/workspace.hpp"

#include "support/temp_dir.hpp"

namespace crosswalk::enrich {
namespace {

using crosswalk::testing::TempDir;

constexpr std::string_view kTags = R"(keys:
  application:
    aliases: [app]
    case: lower
    values:
      pay: APP-PAY
      web: APP-WEB
  environment:
    aliases: [env]
    case: lower
)";

constexpr std::string_view kNaming = R"(patterns:
  - name: standard
    regex: '^(?<environment>prd|dev)-(?<application>[a-z]+)-'
    values:
      environment: {prd: production, dev: development}
      application: {pay: APP-PAY, web: APP-WEB, chk: APP-CHECKOUT}
)";

class EnrichmentTest : public ::testing::Test {
protected:
    void SetUp() override {
        (void)workspace::InitWorkspace(directory_.Path());
        workspace_ = std::make_unique<workspace::Workspace>(workspace::Workspace::Open(directory_.Path()));
        connection_ = std::make_unique<store::Connection>(workspace_->Connect());
        rules_.tags = rules::ParseTagRules("rules/tags.yaml", kTags);
        rules_.naming = rules::ParseNamingRules("rules/naming.yaml", kNaming);
        connection_->Execute(R"sql(
            INSERT INTO ci (ci_id, class, name, owner, cost_center_id, business_unit_id, environment, resource_id)
            VALUES ('BS-SHOP', 'business_service', 'Online shop', 'ceo@x', NULL, NULL, NULL, NULL),
                   ('APP-PAY', 'application', 'Payments', 'pay-owner@x', 'CC-PAY', NULL, NULL, NULL),
                   ('APP-WEB', 'application', 'Web Storefront', 'web-owner@x', 'CC-WEB', NULL, NULL, NULL),
                   ('APP-CHECKOUT', 'application', 'Checkout', 'chk-owner@x', 'CC-CHK', NULL, NULL, NULL),
                   ('CI-1', 'cloud_resource', 'prd-pay-db-01', NULL, NULL, NULL, 'production', 'res-1'),
                   ('CI-2', 'cloud_resource', 'box-2', NULL, NULL, NULL, NULL, 'res-2'),
                   ('CI-3', 'database', 'shared-db', NULL, NULL, NULL, NULL, 'res-3'),
                   ('CI-4', 'virtual_machine', 'vm-4', NULL, 'CC-OWN', NULL, NULL, NULL);
            INSERT INTO ci_relation (parent_ci_id, child_ci_id, relation_type)
            VALUES ('BS-SHOP', 'APP-CHECKOUT', 'depends_on'),
                   ('APP-CHECKOUT', 'CI-1', 'runs_on'),
                   ('APP-PAY', 'CI-2', 'runs_on'),
                   ('APP-PAY', 'CI-3', 'runs_on'),
                   ('APP-WEB', 'CI-3', 'runs_on'),
                   ('APP-WEB', 'CI-4', 'runs_on');
            INSERT INTO asset (asset_tag, name, category, ci_id, resource_id)
            VALUES ('A-4', 'vm-4', 'cloud', 'CI-4', 'res-4');
            INSERT INTO cost_center (cost_center_id, business_unit_id) VALUES ('CC-CHK', 'BU-ONLINE');
        )sql");
    }

    // One FOCUS file with one cost line per (id, name, tags); returns its id.
    int64_t File(const std::vector<std::array<std::string, 3>>& lines) {
        const int64_t id = ++files_;
        connection_
            ->Prepare("INSERT INTO source_file (id, kind, path, content_sha256, size_bytes, format) VALUES ($1, "
                      "'focus', $2, repeat('a', 64), 1, 'csv')")
            .Execute(id, "bill-" + std::to_string(id) + ".csv");
        store::PreparedStatement insert = connection_->Prepare(
            "INSERT INTO cost_line (source_file_id, source_row, ProviderName, BillingAccountId, SubAccountId, "
            "ResourceId, ResourceName, Tags, ServiceCategory, ServiceName, BilledCost) VALUES ($1, $2, 'AWS', "
            "'111', '222', $3, $4, $5::JSON, 'Compute', 'Amazon Elastic Compute Cloud', 1.25)");
        int64_t row = 0;
        for (const auto& [resource_id, name, tags] : lines) {
            insert.Bind(1, id);
            insert.Bind(2, ++row);
            insert.Bind(3, resource_id);
            insert.Bind(4, name);
            tags.empty() ? insert.BindNull(5) : insert.Bind(5, tags);
            (void)insert.Execute();
        }
        return id;
    }

    // Each call stands for a run after the rules were edited (a new hash), so the stage always redoes its work.
    EnrichmentSummary Run() {
        rules_.sha256 = fmt::format("{:064}", ++runs_);
        store::Transaction transaction(*connection_);
        EnrichmentSummary summary = Enrich(transaction, rules_);
        transaction.Commit();
        return summary;
    }

    // "value <- source" of one dimension of one resource's lines (all of them must agree), or "none".
    std::string Dimension(std::string_view resource_id, std::string_view dimension) {
        return connection_
            ->Prepare(
                fmt::format("SELECT CASE WHEN count(DISTINCT {0}) > 1 THEN 'several' ELSE coalesce(any_value({0}) "
                            "|| ' <- ' || any_value({0}_source), 'none') END FROM cost_line_enriched WHERE "
                            "ResourceId = $1",
                            dimension))
            .Execute(resource_id)
            .ScalarString()
            .value_or("");
    }

    TempDir directory_;
    std::unique_ptr<workspace::Workspace> workspace_;
    std::unique_ptr<store::Connection> connection_;
    rules::RuleSet rules_;
    int64_t files_ = 0;
    int64_t runs_ = 0;
};

TEST_F(EnrichmentTest, ATagBeatsTheCmdbAndTheCmdbBeatsTheName) {
    (void)File({{"res-1", "prd-pay-db-01", R"({"App": "Web"})"}, {"res-9", "prd-pay-db-09", ""}});
    (void)File({{"res-1b", "prd-pay-db-01", ""}});
    connection_->Execute("UPDATE ci SET resource_id = 'res-1b' WHERE ci_id = 'CI-1'");
    (void)Run();
    // res-1 now has no CI: its tag decides (through the value map on line 7 of tags.yaml).
    EXPECT_EQ(Dimension("res-1", "application"), "APP-WEB <- rule:tags.yaml:7");
    // res-1b: untagged, linked by CI-1 to Checkout; its name says Payments; the CMDB is above the name.
    EXPECT_EQ(Dimension("res-1b", "application"), "APP-CHECKOUT <- cmdb:CI-1");
    // res-9: only the name.
    EXPECT_EQ(Dimension("res-9", "application"), "APP-PAY <- rule:naming.yaml:6");
    // The environment: res-1's CI says production, so does its name; the CMDB is first.
    EXPECT_EQ(Dimension("res-1b", "environment"), "production <- cmdb:CI-1");
    EXPECT_EQ(Dimension("res-9", "environment"), "production <- rule:naming.yaml:5");
}

TEST_F(EnrichmentTest, TheApplicationBringsItsCmdbCostCenterOwnerServiceAndBusinessUnit) {
    (void)File({{"res-1", "prd-chk-01", ""}, {"res-t", "x", R"({"app": "WEB"})"}});
    (void)Run();
    EXPECT_EQ(Dimension("res-1", "application"), "APP-CHECKOUT <- cmdb:CI-1");
    EXPECT_EQ(Dimension("res-1", "cost_center"), "CC-CHK <- cmdb:APP-CHECKOUT");
    EXPECT_EQ(Dimension("res-1", "owner"), "chk-owner@x <- cmdb:APP-CHECKOUT");
    EXPECT_EQ(Dimension("res-1", "business_service"), "BS-SHOP <- cmdb:APP-CHECKOUT");
    EXPECT_EQ(Dimension("res-1", "business_unit"), "BU-ONLINE <- org:CC-CHK");
    // An application named by a tag still takes its cost center from the CMDB.
    EXPECT_EQ(Dimension("res-t", "application"), "APP-WEB <- rule:tags.yaml:7");
    EXPECT_EQ(Dimension("res-t", "cost_center"), "CC-WEB <- cmdb:APP-WEB");
}

TEST_F(EnrichmentTest, ReorderingThePrecedenceChangesTheWinner) {
    (void)File({{"res-1", "prd-pay-db-01", R"({"app": "web"})"}});
    rules_.precedence.order = {rules::DimensionSource::kName, rules::DimensionSource::kCmdb,
                               rules::DimensionSource::kTag, rules::DimensionSource::kAccount};
    (void)Run();
    EXPECT_EQ(Dimension("res-1", "application"), "APP-PAY <- rule:naming.yaml:6");
    rules_.precedence.order = {rules::DimensionSource::kCmdb, rules::DimensionSource::kTag,
                               rules::DimensionSource::kName, rules::DimensionSource::kAccount};
    (void)Run();
    EXPECT_EQ(Dimension("res-1", "application"), "APP-CHECKOUT <- cmdb:CI-1");
    // A dimension's own order overrides the general one.
    rules_.precedence.per_dimension["application"] = {rules::DimensionSource::kTag};
    (void)Run();
    EXPECT_EQ(Dimension("res-1", "application"), "APP-WEB <- rule:tags.yaml:7");
}

TEST_F(EnrichmentTest, ACmdbLinkThroughAnAssetCountsAndASharedCiAttributesToNone) {
    (void)File({{"res-3", "shared", ""}, {"res-4", "vm", ""}});
    (void)Run();
    // CI-3 runs two applications at the same distance: the CMDB names no single one.
    EXPECT_EQ(Dimension("res-3", "application"), "none");
    // res-4 is the asset A-4, whose CI is CI-4; its own cost center beats its application's.
    EXPECT_EQ(Dimension("res-4", "application"), "APP-WEB <- cmdb:CI-4");
    EXPECT_EQ(Dimension("res-4", "cost_center"), "CC-OWN <- cmdb:CI-4");
}

TEST_F(EnrichmentTest, AValueNamingAnApplicationByItsNameBecomesItsCiId) {
    (void)File({{"res-x", "x", R"({"app": "Payments"})"}, {"res-y", "y", R"({"app": "unknown-app"})"}});
    (void)Run();
    EXPECT_EQ(Dimension("res-x", "application"), "APP-PAY <- tag:app");
    EXPECT_EQ(Dimension("res-y", "application"), "unknown-app <- tag:app");
}

TEST_F(EnrichmentTest, AnAccountDefaultRanksBelowTheCmdbAndAboveTheName) {
    (void)File({{"res-1", "prd-pay-db-01", ""}, {"res-9", "prd-pay-db-09", ""}, {"res-t", "t", R"({"app": "pay"})"}});
    rules_.accounts = rules::ParseAccountRules("rules/accounts.yaml", R"(accounts:
  - account: "222"
    application: APP-WEB
    environment: staging
)");
    (void)Run();
    EXPECT_EQ(Dimension("res-1", "application"), "APP-CHECKOUT <- cmdb:CI-1");
    EXPECT_EQ(Dimension("res-9", "application"), "APP-WEB <- account:222");
    EXPECT_EQ(Dimension("res-9", "environment"), "staging <- account:222");
    EXPECT_EQ(Dimension("res-t", "application"), "APP-PAY <- rule:tags.yaml:6");
    // The application an account names brings its CMDB cost center, which ranks above the account.
    EXPECT_EQ(Dimension("res-9", "cost_center"), "CC-WEB <- cmdb:APP-WEB");
}

TEST_F(EnrichmentTest, ATaxonomyOverrideBeatsTheShippedDefaultFieldByField) {
    (void)File({{"res-1", "a", ""}});
    (void)Run();
    const std::string pool = Dimension("res-1", "cost_pool");
    EXPECT_EQ(Dimension("res-1", "tower").substr(0, 7), "Compute") << Dimension("res-1", "tower");
    rules_.taxonomy = rules::ParseTaxonomyRules("rules/taxonomy.yaml", R"(cloud:
  - match: {ServiceName: Amazon Elastic Compute Cloud, SubAccountId: "222"}
    tower: Storage
    sub_tower: Online Storage
)");
    (void)Run();
    EXPECT_EQ(Dimension("res-1", "tower"), "Storage <- rule:taxonomy.yaml:2");
    EXPECT_EQ(Dimension("res-1", "sub_tower"), "Online Storage <- rule:taxonomy.yaml:2");
    // The override names no cost pool: the default's stays.
    EXPECT_EQ(Dimension("res-1", "cost_pool"), pool);
    EXPECT_NE(pool.find("<- default:"), std::string::npos) << pool;
}

TEST_F(EnrichmentTest, NothingIsRedoneWhenTheRulesAndInputsAreUnchanged) {
    (void)File({{"res-1", "a", ""}});
    rules_.sha256 = std::string(64, 'a');
    const auto enrich = [&] {
        store::Transaction transaction(*connection_);
        EnrichmentSummary summary = Enrich(transaction, rules_);
        transaction.Commit();
        return summary;
    };
    EXPECT_FALSE(enrich().unchanged);
    const EnrichmentSummary again = enrich();
    EXPECT_TRUE(again.unchanged);
    EXPECT_EQ(again.keys, 1);
    EXPECT_EQ(again.application_keys_by_source.at("cmdb"), 1);
    rules_.sha256 = std::string(64, 'b'); // an edited rule file
    EXPECT_FALSE(enrich().unchanged);
    (void)File({{"res-2", "b", ""}}); // a new bill
    EXPECT_FALSE(enrich().unchanged);
    EXPECT_TRUE(enrich().unchanged);
}

TEST_F(EnrichmentTest, KeysAreKeptIncrementally) {
    const int64_t first = File({{"res-1", "a", ""}, {"res-2", "b", ""}, {"res-2", "b", ""}});
    EnrichmentSummary summary = Run();
    EXPECT_EQ(summary.new_files, 1);
    EXPECT_EQ(summary.keys, 2);
    EXPECT_EQ(summary.keys_added, 2);
    summary = Run();
    EXPECT_EQ(summary.new_files, 0);
    EXPECT_EQ(summary.keys_added, 0);
    // A restatement replaces the first file: its keys go, the new file's come.
    const int64_t second = File({{"res-2", "b", ""}, {"res-5", "e", ""}});
    connection_->Execute(fmt::format("DELETE FROM cost_line WHERE source_file_id = {0}; UPDATE source_file SET "
                                     "status = 'replaced', replaced_by_file_id = {1} WHERE id = {0}",
                                     first, second));
    summary = Run();
    EXPECT_EQ(summary.new_files, 1);
    EXPECT_EQ(summary.keys, 2);
    EXPECT_EQ(summary.keys_added, 1);
    EXPECT_EQ(summary.keys_removed, 1);
    EXPECT_EQ(connection_->Query("SELECT count(*) FROM enrichment_key WHERE ResourceId = 'res-1'").ScalarInt64(), 0);
    EXPECT_EQ(Dimension("res-5", "application"), "none");
    EXPECT_EQ(connection_->Query("SELECT count(*) FROM cost_line_enriched").ScalarInt64(), 2);
}

} // namespace
} // namespace crosswalk::enrich
