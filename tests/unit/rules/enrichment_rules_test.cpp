// Reading rules/accounts.yaml, rules/taxonomy.yaml and rules/enrichment.yaml strictly: errors at their line and
// column with a did-you-mean, duplicates refused, taxonomy names checked against the shipped TBM (v4 names
// translated to v5), regular expressions compiled, and the three files in LoadRuleSet's hash.
#include <fstream>

#include <gtest/gtest.h>

#include "crosswalk/common/error.hpp"
#include "crosswalk/rules/rule_set.hpp"

#include "support/temp_dir.hpp"

namespace crosswalk::rules {
namespace {

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

std::string AccountError(const std::string& text) {
    return ErrorOf(ParseAccountRules, text);
}

std::string TaxonomyError(const std::string& text) {
    return ErrorOf(ParseTaxonomyRules, text);
}

std::string PrecedenceError(const std::string& text) {
    return ErrorOf(ParsePrecedenceRules, text);
}

TEST(AccountRulesTest, ReadsEntriesWithTheirDimensionsAndLines) {
    const AccountRules rules = ParseAccountRules("rules/accounts.yaml", R"(accounts:
  - account: "210987654321"
    provider: AWS
    application: APP-PAY
    cost_center: CC-1200
  - account: 012345
    environment: production
)");
    ASSERT_EQ(rules.accounts.size(), 2U);
    EXPECT_EQ(rules.accounts[0].account, "210987654321");
    EXPECT_EQ(rules.accounts[0].provider, "AWS");
    EXPECT_EQ(rules.accounts[0].dimensions,
              (std::map<std::string, std::string>{{"application", "APP-PAY"}, {"cost_center", "CC-1200"}}));
    EXPECT_EQ(rules.accounts[0].where.ToString(), "rules/accounts.yaml:2:5");
    EXPECT_EQ(rules.accounts[0].dimension_where.at("cost_center").line, 5);
    EXPECT_EQ(rules.accounts[1].account, "012345"); // unquoted: the scalar's text, leading zero kept
    EXPECT_EQ(rules.accounts[1].provider, "");
    EXPECT_TRUE(ParseAccountRules("rules/accounts.yaml", "# accounts: []\n").accounts.empty());
}

TEST(AccountRulesTest, RefusesUnknownDimensionsEmptyEntriesAndDuplicates) {
    EXPECT_EQ(AccountError("accounts:\n  - account: '1'\n    aplication: APP-PAY\n"),
              "rules/x.yaml:3:5: unknown dimension 'aplication' in account '1' (did you mean 'application'?)");
    EXPECT_EQ(AccountError("accounts:\n  - account: '1'\n    provider: AWS\n"),
              "rules/x.yaml:2:5: account '1' gives no dimension; name at least one of application, business_service, "
              "cost_center, business_unit, owner, environment");
    EXPECT_EQ(AccountError("accounts:\n  - application: APP-PAY\n"), "rules/x.yaml:2:5: account entry needs 'account'");
    EXPECT_EQ(AccountError("accounts:\n  - {account: '1', provider: AWS, owner: a}\n"
                           "  - {account: '2', owner: b}\n"
                           "  - {account: '1', provider: aws, owner: c}\n"),
              "rules/x.yaml:4:15: account '1' of provider 'aws' is already given on line 2");
    EXPECT_EQ(AccountError("accounts:\n  - {account: '1', owner: a}\n  - {account: '1', owner: b}\n"),
              "rules/x.yaml:3:15: account '1' (any provider) is already given on line 2");
    EXPECT_EQ(AccountError("acounts: []\n"),
              "rules/x.yaml:1:1: unknown key 'acounts' in the accounts file (did you mean 'accounts'?)");
    // The same account for one provider and for any provider are two entries.
    EXPECT_EQ(ParseAccountRules("f", "accounts:\n  - {account: '1', owner: a}\n  - {account: '1', provider: AWS, "
                                     "owner: b}\n")
                  .accounts.size(),
              2U);
}

TEST(TaxonomyRulesTest, ReadsCloudLedgerAndAssetOverrides) {
    const TaxonomyRules rules = ParseTaxonomyRules("rules/taxonomy.yaml", R"(cloud:
  - match: {ServiceName: Amazon Elastic Kubernetes Service}
    tower: Compute
    sub_tower: Servers
  - match: {SubAccountId: "444455556666", tag.environment: development}
    cost_pool: cloud services
    solution: Developer Platform
ledger:
  - account: '6[0-9]{3}'
    account_name: 'cloud'
    cost_pool: Cloud Services
    cost_sub_pool: Cloud Service Provider
assets:
  - category: hardware
    asset_type: 'laptop|desktop'
    tower: End User
    sub_tower: Workspace
)");
    ASSERT_EQ(rules.cloud.size(), 2U);
    EXPECT_EQ(rules.cloud[0].match,
              (std::vector<std::pair<std::string, std::string>>{{"ServiceName", "Amazon Elastic Kubernetes Service"}}));
    EXPECT_EQ(rules.cloud[0].tower, "Compute");
    EXPECT_EQ(rules.cloud[0].sub_tower, "Servers");
    EXPECT_EQ(rules.cloud[0].where.Provenance(), "taxonomy.yaml:2");
    EXPECT_EQ(rules.cloud[1].match[1].first, "tag.environment");
    EXPECT_EQ(rules.cloud[1].cost_pool, "Cloud Services"); // written in another case: the taxonomy's spelling
    EXPECT_EQ(rules.cloud[1].tower, "");
    EXPECT_EQ(rules.cloud[1].solution, "Developer Platform");
    ASSERT_EQ(rules.ledger.size(), 1U);
    EXPECT_EQ(rules.ledger[0].account_pattern, "6[0-9]{3}");
    EXPECT_EQ(rules.ledger[0].account_name_pattern, "cloud");
    EXPECT_EQ(rules.ledger[0].cost_sub_pool, "Cloud Service Provider");
    ASSERT_EQ(rules.assets.size(), 1U);
    EXPECT_EQ(rules.assets[0].category, "hardware");
    EXPECT_EQ(rules.assets[0].sub_tower, "Workspace");
    EXPECT_EQ(rules.assets[0].where.Provenance(), "taxonomy.yaml:14");
}

TEST(TaxonomyRulesTest, TranslatesTbmV4NamesToV5) {
    const TaxonomyRules rules = ParseTaxonomyRules("rules/taxonomy.yaml", R"(cloud:
  - match: {ServiceName: Amazon RDS}
    tower: Platform
    sub_tower: Database
  - match: {ServiceName: Amazon EKS}
    tower: Platform
    sub_tower: Container Orchestration
ledger:
  - account_name: cloud
    cost_pool: Outside Services
    cost_sub_pool: Cloud Service Providers
  - account_name: contractor
    cost_pool: External Labor
)");
    EXPECT_EQ(rules.cloud[0].tower, "Data"); // v4 Platform / Database is v5 Data / Database
    EXPECT_EQ(rules.cloud[0].sub_tower, "Database");
    EXPECT_EQ(rules.cloud[1].tower, "Application");
    EXPECT_EQ(rules.cloud[1].sub_tower, "Container Orchestration");
    EXPECT_EQ(rules.ledger[0].cost_pool, "Cloud Services"); // the v4 pair as the brief writes it
    EXPECT_EQ(rules.ledger[0].cost_sub_pool, "Cloud Service Provider");
    EXPECT_EQ(rules.ledger[1].cost_pool, "Staffing");
    EXPECT_EQ(rules.ledger[1].cost_sub_pool, "");
}

TEST(TaxonomyRulesTest, RefusesUnknownAmbiguousAndMisplacedNames) {
    EXPECT_EQ(TaxonomyError("cloud:\n  - match: {ServiceName: x}\n    tower: Compte\n"),
              "rules/x.yaml:3:12: unknown tower 'Compte' (not in TBM v5.0.1 nor v4) (did you mean 'Compute'?)");
    EXPECT_EQ(TaxonomyError("cloud:\n  - match: {ServiceName: x}\n    tower: Compute\n    sub_tower: Servrs\n"),
              "rules/x.yaml:4:16: unknown sub_tower 'Servrs' of tower 'Compute' (did you mean 'Servers'?)");
    EXPECT_EQ(TaxonomyError("cloud:\n  - match: {ServiceName: x}\n    tower: Compute\n    sub_tower: Database\n"),
              "rules/x.yaml:4:16: sub_tower 'Database' belongs to tower 'Data', not to 'Compute'");
    EXPECT_EQ(TaxonomyError("cloud:\n  - match: {ServiceName: x}\n    sub_tower: Servers\n"),
              "rules/x.yaml:3:16: a sub_tower needs its tower");
    EXPECT_EQ(TaxonomyError("cloud:\n  - match: {ServiceName: x}\n    tower: Platform\n"),
              "rules/x.yaml:3:12: 'Platform' is a TBM v4 tower that stands for several v5 ones (Application, Data); "
              "write the v5 name you mean");
    EXPECT_EQ(TaxonomyError("ledger:\n  - account: '6'\n    cost_pool: Outside Servics\n"),
              "rules/x.yaml:3:16: unknown cost_pool 'Outside Servics' (not in TBM v5.0.1 nor v4) (did you mean "
              "'Outside Services'?)");
}

TEST(TaxonomyRulesTest, RefusesBadMatchesRegexesAndEmptyOverrides) {
    EXPECT_EQ(TaxonomyError("cloud:\n  - match: {ServiceNme: x}\n    tower: Compute\n"),
              "rules/x.yaml:2:13: cannot match on 'ServiceNme': use one of ProviderName, BillingAccountId, "
              "SubAccountId, ServiceCategory, ServiceSubcategory, ServiceName, SkuId, ResourceType or tag.<key> "
              "(did you mean 'ServiceName'?)");
    EXPECT_EQ(TaxonomyError("cloud:\n  - match: {tag.: x}\n    tower: Compute\n"),
              "rules/x.yaml:2:13: 'tag.' needs a tag key, e.g. tag.environment");
    EXPECT_EQ(TaxonomyError("cloud:\n  - match: {ServiceName: x, ServiceName: y}\n    tower: Compute\n"),
              "rules/x.yaml:2:29: duplicate key 'ServiceName' in 'match'");
    EXPECT_EQ(TaxonomyError("cloud:\n  - tower: Compute\n"),
              "rules/x.yaml:2:5: cloud override needs 'match' (e.g. {ServiceName: ...})");
    EXPECT_EQ(TaxonomyError("cloud:\n  - match: {ServiceName: x}\n"),
              "rules/x.yaml:2:5: cloud override sets nothing: name a tower, cost_pool or solution");
    EXPECT_EQ(TaxonomyError("cloud:\n  - match: {ServiceName: x}\n    towr: Compute\n"),
              "rules/x.yaml:3:5: unknown key 'towr' in cloud override (did you mean 'tower'?)");
    EXPECT_EQ(TaxonomyError("ledger:\n  - account: '6[0-9'\n    cost_pool: Hardware\n"),
              "rules/x.yaml:2:14: invalid regular expression: missing ]: [0-9");
    EXPECT_EQ(TaxonomyError("ledger:\n  - cost_pool: Hardware\n"),
              "rules/x.yaml:2:5: ledger override needs 'account' or 'account_name'");
    EXPECT_EQ(TaxonomyError("assets:\n  - category: hardware\n"),
              "rules/x.yaml:2:5: asset override sets nothing: name a tower or cost_pool");
    EXPECT_EQ(TaxonomyError("asset:\n  - category: hardware\n"),
              "rules/x.yaml:1:1: unknown key 'asset' in the taxonomy file (did you mean 'assets'?)");
}

TEST(PrecedenceRulesTest, ReadsTheDefaultAndPerDimensionOrders) {
    const PrecedenceRules defaults = ParsePrecedenceRules("rules/enrichment.yaml", "");
    EXPECT_EQ(defaults.order, (std::vector<DimensionSource>{DimensionSource::kTag, DimensionSource::kCmdb,
                                                            DimensionSource::kAccount, DimensionSource::kName}));
    const PrecedenceRules rules =
        ParsePrecedenceRules("rules/enrichment.yaml", R"(precedence: [cmdb, tag, account, name]
dimensions:
  environment: [name, tag, cmdb, account]
)");
    EXPECT_EQ(rules.order.front(), DimensionSource::kCmdb);
    EXPECT_EQ(rules.For("environment"),
              (std::vector<DimensionSource>{DimensionSource::kName, DimensionSource::kTag, DimensionSource::kCmdb,
                                            DimensionSource::kAccount}));
    EXPECT_EQ(rules.For("application"), rules.order);
    EXPECT_EQ(SourceName(DimensionSource::kAccount), "account");
}

TEST(PrecedenceRulesTest, EveryOrderNamesEverySourceOnce) {
    EXPECT_EQ(PrecedenceError("precedence: [tag, cmdb, acount, name]\n"),
              "rules/x.yaml:1:25: unknown source 'acount' in 'precedence' (did you mean 'account'?)");
    EXPECT_EQ(PrecedenceError("precedence: [tag, cmdb, tag, name]\n"),
              "rules/x.yaml:1:25: source 'tag' is listed twice in 'precedence'");
    EXPECT_EQ(PrecedenceError("precedence: [tag, cmdb]\n"),
              "rules/x.yaml:1:13: 'precedence' must name every source once; it lacks account, name");
    EXPECT_EQ(PrecedenceError("dimensions:\n  enviroment: [tag, cmdb, account, name]\n"),
              "rules/x.yaml:2:3: unknown dimension 'enviroment' (did you mean 'environment'?)");
    EXPECT_EQ(PrecedenceError("dimensions:\n  owner: [tag]\n"),
              "rules/x.yaml:2:10: the precedence of 'owner' must name every source once; it lacks cmdb, account, "
              "name");
}

TEST(LoadRuleSetTest, ReadsTheThreeFilesAndHashesThem) {
    const testing::TempDir directory;
    std::filesystem::create_directories(directory.Path() / "rules");
    const auto write = [&](const std::string& name, const std::string& text) {
        std::ofstream(directory.Path() / "rules" / name) << text;
    };
    write("accounts.yaml", "accounts:\n  - {account: '1', owner: a}\n");
    const std::string before = LoadRuleSetOrThrow(directory.Path()).sha256;
    write("taxonomy.yaml", "cloud:\n  - match: {ServiceName: x}\n    tower: Compute\n");
    write("enrichment.yaml", "precedence: [account, tag, cmdb, name]\n");
    const RuleSet rules = LoadRuleSetOrThrow(directory.Path());
    EXPECT_EQ(rules.accounts.accounts.size(), 1U);
    EXPECT_EQ(rules.accounts.file, "rules/accounts.yaml");
    EXPECT_EQ(rules.taxonomy.cloud.size(), 1U);
    EXPECT_EQ(rules.precedence.order.front(), DimensionSource::kAccount);
    EXPECT_NE(rules.sha256, before);
    write("taxonomy.yaml", "cloud: 3\n");
    const LoadResult broken = LoadRuleSet(directory.Path());
    ASSERT_EQ(broken.errors.size(), 1U);
    EXPECT_EQ(std::string(broken.errors[0].what()), "rules/taxonomy.yaml:1:8: 'cloud' must be a list");
}

// The commented examples `crosswalk init` writes (workspace/templates/rules/) parse once uncommented: lines
// "# key: ..." after the first blank comment line lose their "# ".
std::string Uncommented(const std::string& name) {
    std::ifstream in(std::filesystem::path(CROSSWALK_REPOSITORY_DIR) / "src/crosswalk/workspace/templates/rules" /
                     name);
    std::string text;
    std::string line;
    bool examples = false;
    while (std::getline(in, line)) {
        if (line == "#") {
            examples = true;
            continue;
        }
        if (examples && line.rfind("# ", 0) == 0) {
            text += line.substr(2) + "\n";
        }
    }
    EXPECT_FALSE(text.empty()) << name;
    return text;
}

TEST(RuleTemplatesTest, TheCommentedExamplesParseOnceUncommented) {
    const AccountRules accounts = ParseAccountRules("rules/accounts.yaml", Uncommented("accounts.yaml"));
    EXPECT_EQ(accounts.accounts.size(), 2U);
    const TaxonomyRules taxonomy = ParseTaxonomyRules("rules/taxonomy.yaml", Uncommented("taxonomy.yaml"));
    EXPECT_EQ(taxonomy.cloud.size(), 2U);
    EXPECT_EQ(taxonomy.ledger.size(), 1U);
    EXPECT_EQ(taxonomy.assets.size(), 1U);
    const PrecedenceRules precedence = ParsePrecedenceRules("rules/enrichment.yaml", Uncommented("enrichment.yaml"));
    EXPECT_EQ(precedence.per_dimension.size(), 1U);
}

} // namespace
} // namespace crosswalk::rules
