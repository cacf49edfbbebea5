// The compiled account defaults and taxonomy overrides run by DuckDB over a hand-made enrichment_key and
// tag_set: a SubAccountId entry beats a BillingAccountId entry, the first override in file order wins per
// field, tag.<key> conditions read tag_set; and ledger and asset overrides beat the shipped default rows.
#include <gtest/gtest.h>

#include "crosswalk/enrich/default_mapping.hpp"
#include "crosswalk/model/migrator.hpp"
#include "crosswalk/model/taxonomy_data.hpp"
#include "crosswalk/rules/rule_set.hpp"
#include "crosswalk/rules/sql_dialect.hpp"
#include "crosswalk/store/transaction.hpp"

#include "support/store_fixture.hpp"

namespace crosswalk::rules {
namespace {

// The rows of a query (as text), each row its columns joined by '|' (NULL as "-"), in the query's order.
std::vector<std::string> Rows(store::Connection& connection, const std::string& sql) {
    std::vector<std::string> rows;
    store::Result result = connection.Query("SELECT COLUMNS(*)::VARCHAR FROM (" + sql + ")");
    while (auto chunk = result.NextChunk()) {
        for (uint64_t row = 0; row < chunk->Size(); ++row) {
            std::string line;
            for (uint64_t column = 0; column < chunk->ColumnCount(); ++column) {
                const store::ColumnView& view = chunk->Column(column);
                line += (column == 0 ? "" : "|") + (view.IsValid(row) ? std::string(view.String(row)) : "-");
            }
            rows.push_back(line);
        }
    }
    return rows;
}

class EnrichmentSqlTest : public testing::StoreTest {
protected:
    void SetUp() override {
        connection_.Execute(R"sql(
CREATE TABLE enrichment_key (key_id BIGINT, ProviderName VARCHAR, BillingAccountId VARCHAR, SubAccountId VARCHAR,
    ResourceId VARCHAR, ResourceName VARCHAR, Tags VARCHAR, ServiceCategory VARCHAR, ServiceSubcategory VARCHAR,
    ServiceName VARCHAR, SkuId VARCHAR, ResourceType VARCHAR);
INSERT INTO enrichment_key (key_id, ProviderName, BillingAccountId, SubAccountId, Tags, ServiceName) VALUES
    (1, 'AWS', '999', '111', '{"env":"dev"}', 'Amazon Elastic Kubernetes Service'),
    (2, 'AWS', '999', '222', '{"env":"prd"}', 'Amazon Elastic Kubernetes Service'),
    (3, 'AWS', '999', '222', NULL, 'Amazon Simple Storage Service'),
    (4, 'Microsoft', '999', '333', '{"env":"dev"}', 'Azure Kubernetes Service'),
    (5, 'aws', '888', NULL, NULL, 'AWS Lambda');
CREATE TABLE tag_set (tags VARCHAR, key VARCHAR, value VARCHAR, source VARCHAR, original_key VARCHAR);
INSERT INTO tag_set VALUES ('{"env":"dev"}', 'environment', 'Development', 'tag:env', 'env'),
                           ('{"env":"prd"}', 'environment', 'production', 'rule:tags.yaml:3', 'env');
)sql");
    }

    std::vector<std::string> Accounts(const std::string& yaml) {
        const AccountRules rules = ParseAccountRules("rules/accounts.yaml", yaml);
        return Rows(connection_, "SELECT * FROM (" + DuckDbDialect().AccountDefaults(rules, "enrichment_key") +
                                     ") ORDER BY ProviderName, SubAccountId, dimension");
    }

    std::vector<std::string> Overrides(const std::string& yaml) {
        const TaxonomyRules rules = ParseTaxonomyRules("rules/taxonomy.yaml", yaml);
        return Rows(connection_, "SELECT * FROM (" + DuckDbDialect().TaxonomyOverrides(rules, "enrichment_key") +
                                     ") ORDER BY key_id");
    }
};

TEST_F(EnrichmentSqlTest, ASubAccountEntryBeatsABillingAccountEntry) {
    EXPECT_EQ(
        Accounts(R"(accounts:
  - account: "999"
    application: APP-SHARED
    cost_center: CC-1
  - account: "222"
    provider: aws
    application: APP-PAY
  - account: "888"
    provider: Microsoft
    owner: nobody
)"),
        (std::vector<std::string>{
            // ProviderName, BillingAccountId, SubAccountId, dimension, value, source
            "AWS|999|111|application|APP-SHARED|account:999", "AWS|999|111|cost_center|CC-1|account:999",
            "AWS|999|222|application|APP-PAY|account:222", // the sub account wins its dimension
            "AWS|999|222|cost_center|CC-1|account:999",    // and the billing account gives the rest
            "Microsoft|999|333|application|APP-SHARED|account:999", "Microsoft|999|333|cost_center|CC-1|account:999",
            // 888 is billed by aws, not Microsoft: no row
        }));
}

TEST_F(EnrichmentSqlTest, AProviderEntryBeatsAnAnyProviderEntryThenTheFirstWins) {
    EXPECT_EQ(Accounts(R"(accounts:
  - {account: "111", owner: first}
  - {account: "111", provider: AWS, owner: aws}
  - {account: "888", owner: lambda}
)"),
              (std::vector<std::string>{"AWS|999|111|owner|aws|account:111", "aws|888|-|owner|lambda|account:888"}));
    EXPECT_TRUE(Accounts("").empty()); // no rules: a typed, empty relation
}

TEST_F(EnrichmentSqlTest, TheFirstOverrideThatNamesAFieldWinsIt) {
    EXPECT_EQ(Overrides(R"(cloud:
  - match: {ServiceName: amazon elastic kubernetes service}
    tower: Compute
    sub_tower: Servers
  - match: {ProviderName: AWS}
    tower: Application
    sub_tower: Container Orchestration
    cost_pool: Cloud Services
  - match: {SubAccountId: "222", ServiceName: Amazon Simple Storage Service}
    solution: Data Warehouse
    cost_pool: Hardware
)"),
              (std::vector<std::string>{
                  // key_id, cost_pool, its source, tower, sub_tower, its source, solution, its source
                  "1|Cloud Services|rule:taxonomy.yaml:5|Compute|Servers|rule:taxonomy.yaml:2|-|-",
                  "2|Cloud Services|rule:taxonomy.yaml:5|Compute|Servers|rule:taxonomy.yaml:2|-|-",
                  "3|Cloud Services|rule:taxonomy.yaml:5|Application|Container Orchestration|rule:taxonomy.yaml:5|"
                  "Data Warehouse|rule:taxonomy.yaml:9",
                  "5|Cloud Services|rule:taxonomy.yaml:5|Application|Container Orchestration|rule:taxonomy.yaml:5|-|-",
              }));
    EXPECT_TRUE(Overrides("").empty());
}

TEST_F(EnrichmentSqlTest, ATagConditionComparesTheNormalizedValue) {
    EXPECT_EQ(Overrides(R"(cloud:
  - match: {tag.environment: development, ServiceName: Amazon Elastic Kubernetes Service}
    solution: Developer Platform
  - match: {tag.environment: production}
    tower: Application
    sub_tower: Container Orchestration
  - match: {tag.env: dev}
    solution: never
)"),
              (std::vector<std::string>{
                  "1|-|-|-|-|-|Developer Platform|rule:taxonomy.yaml:2",
                  "2|-|-|Application|Container Orchestration|rule:taxonomy.yaml:4|-|-",
                  // key 4 is development but not EKS; 'env' is no canonical key in tag_set
              }));
}

// Ledger and asset overrides on a migrated database holding the shipped default rows.
class OverrideMappingTest : public testing::StoreTest {
protected:
    void SetUp() override {
        (void)model::Migrate(connection_);
        (void)model::LoadShippedTaxonomy(connection_);
        connection_.Execute(R"sql(
INSERT INTO ledger_line (entry_id, posting_period, account, account_name, amount, currency)
SELECT account, DATE '2026-01-01', account, account_name, 10.5, 'EUR'
FROM (VALUES ('6100', 'Cloud hosting'), ('6200', 'Software licences'), ('7000', 'Cloud hosting'))
    AS t(account, account_name);
INSERT INTO asset (asset_tag, category, asset_type)
VALUES ('A1', 'hardware', 'laptop'), ('A2', 'hardware', 'server'), ('A3', 'cloud', 'virtual machine');
)sql");
    }
};

TEST_F(OverrideMappingTest, LedgerAndAssetOverridesComeBeforeTheDefaults) {
    const TaxonomyRules rules = ParseTaxonomyRules("rules/taxonomy.yaml", R"(ledger:
  - account: '6[0-9]{3}'
    account_name: 'CLOUD'
    cost_pool: Outside Services
    cost_sub_pool: Managed Services
assets:
  - category: hardware
    asset_type: 'laptop|desktop'
    tower: End User
    sub_tower: Workspace
  - category: hardware
    asset_type: 'laptop'
    tower: Compute
    sub_tower: Servers
    cost_pool: Hardware
    cost_sub_pool: Lease
)");
    {
        store::Transaction transaction(connection_);
        const enrich::MappingSummary ledger = enrich::MapLedgerAccountsToCostPools(transaction, rules);
        const enrich::MappingSummary assets = enrich::MapAssetTypesToTowers(transaction, rules);
        EXPECT_EQ(ledger.keys, 3);
        EXPECT_EQ(assets.keys, 3);
        transaction.Commit();
    }
    EXPECT_EQ(Rows(connection_, "SELECT account, cost_pool, cost_sub_pool, cost_pool_source FROM "
                                "ledger_account_taxonomy ORDER BY account"),
              (std::vector<std::string>{
                  "6100|Outside Services|Managed Services|rule:taxonomy.yaml:2",
                  "6200|Software & SaaS|Licensing|default:ledger-account_to_tbm.csv:9",
                  "7000|Cloud Services|Cloud Service Provider|default:ledger-account_to_tbm.csv:7", // not 6xxx
              }));
    // The first override names the tower; the second, the first to name a cost pool, the pool.
    EXPECT_EQ(
        Rows(connection_, "SELECT tower, sub_tower, tower_source, cost_pool, cost_sub_pool, cost_pool_source "
                          "FROM asset_type_taxonomy WHERE asset_type = 'laptop'"),
        (std::vector<std::string>{"End User|Workspace|rule:taxonomy.yaml:7|Hardware|Lease|rule:taxonomy.yaml:11"}));
    // The other types match no override and keep their default rows.
    EXPECT_EQ(Rows(connection_, "SELECT asset_type, cost_pool_source FROM asset_type_taxonomy WHERE asset_type <> "
                                "'laptop' ORDER BY asset_type"),
              (std::vector<std::string>{"server|default:asset-type_to_tbm.csv:2",
                                        "virtual machine|default:asset-type_to_tbm.csv:3"}));
    EXPECT_EQ(Rows(connection_, "SELECT count(*) FROM asset_type_taxonomy WHERE asset_type <> 'laptop' AND "
                                "tower_source LIKE 'rule:%'"),
              (std::vector<std::string>{"0"}));
    // Without overrides the same keys take the defaults only.
    store::Transaction transaction(connection_);
    (void)enrich::MapLedgerAccountsToCostPools(transaction, {});
    EXPECT_EQ(Rows(connection_, "SELECT cost_pool_source FROM ledger_account_taxonomy WHERE account = '6100'"),
              (std::vector<std::string>{"default:ledger-account_to_tbm.csv:7"}));
}

} // namespace
} // namespace crosswalk::rules
