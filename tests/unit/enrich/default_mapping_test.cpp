// The default taxonomy mapping on real databases: every FOCUS 1.2 ServiceCategory / ServiceSubcategory maps
// to an existing tower, the precedence ServiceName > ServiceSubcategory > ServiceCategory holds, each result
// row is one distinct key and names the default row that decided it, and on the generated demo every billed
// service, ledger account and asset type lands in the taxonomy.
#include <set>

#include <gtest/gtest.h>

#include "crosswalk/enrich/default_mapping.hpp"
#include "crosswalk/generate/generate.hpp"
#include "crosswalk/ingest/configured_sources.hpp"
#include "crosswalk/model/focus_columns.hpp"
#include "crosswalk/store/prepared_statement.hpp"
#include "crosswalk/store/result.hpp"
#include "crosswalk/workspace/workspace.hpp"

#include "support/temp_dir.hpp"

namespace crosswalk::enrich {
namespace {

using crosswalk::testing::TempDir;

constexpr const char* kKeysOfTheBill =
    "DELETE FROM enrichment_key; INSERT INTO enrichment_key (ProviderName, ServiceCategory, ServiceSubcategory, "
    "ServiceName) SELECT DISTINCT ProviderName, ServiceCategory, ServiceSubcategory, ServiceName FROM cost_line";

int64_t Count(store::Connection& connection, const std::string& sql) {
    return connection.Query(sql).ScalarInt64().value_or(-1);
}

class DefaultMappingTest : public ::testing::Test {
protected:
    void SetUp() override {
        (void)workspace::InitWorkspace(directory_.Path());
        workspace_ = std::make_unique<workspace::Workspace>(workspace::Workspace::Open(directory_.Path()));
        connection_ = std::make_unique<store::Connection>(workspace_->Connect());
    }

    // One cost line per key; only the key columns matter here.
    void Bill(std::string_view provider, std::optional<std::string_view> category,
              std::optional<std::string_view> subcategory, std::optional<std::string_view> name) {
        store::PreparedStatement insert = connection_->Prepare(
            "INSERT INTO cost_line (source_file_id, source_row, ProviderName, ServiceCategory, ServiceSubcategory, "
            "ServiceName) VALUES (1, $1, $2, $3, $4, $5)");
        insert.Bind(1, ++row_);
        insert.Bind(2, provider);
        const auto bind = [&](uint64_t index, std::optional<std::string_view> value) {
            value ? insert.Bind(index, *value) : insert.BindNull(index);
        };
        bind(3, category);
        bind(4, subcategory);
        bind(5, name);
        (void)insert.Execute();
    }

    // "tower/sub_tower <- source" of one key, or "unmapped".
    std::string Tower(std::string_view provider, std::string_view name, std::string_view subcategory) {
        store::PreparedStatement query = connection_->Prepare(
            "SELECT coalesce(tower || '/' || sub_tower || ' <- ' || tower_source, 'unmapped') FROM "
            "cloud_service_taxonomy WHERE ProviderName = $1 AND ServiceName = $2 AND ServiceSubcategory = $3");
        return query.Execute(provider, name, subcategory).ScalarString().value_or("no such key");
    }

    // Runs one mapping in its own transaction and commits it.
    template <typename Map, typename... Rules>
    MappingSummary Mapped(Map map, const Rules&... rules) {
        store::Transaction transaction(*connection_);
        // The distinct keys of the bill, as the enrich stage keeps them.
        connection_->Execute(kKeysOfTheBill);
        const MappingSummary summary = map(transaction, rules...);
        transaction.Commit();
        return summary;
    }

    TempDir directory_;
    std::unique_ptr<workspace::Workspace> workspace_;
    std::unique_ptr<store::Connection> connection_;
    int64_t row_ = 0;
};

TEST_F(DefaultMappingTest, EveryFocusCategoryAndSubcategoryMapsToAnExistingTower) {
    for (std::string_view subcategory : model::AllowedValues("ServiceSubcategory")) {
        Bill("Any Cloud", model::ServiceCategoryOf(subcategory), subcategory, "a service nobody names");
    }
    for (std::string_view category : model::AllowedValues("ServiceCategory")) {
        Bill("Any Cloud", category, std::nullopt, "a service nobody names"); // FOCUS 1.0: no subcategory
    }
    const MappingSummary summary = Mapped(MapCloudServicesToTaxonomy);
    const int64_t values = static_cast<int64_t>(model::AllowedValues("ServiceSubcategory").size() +
                                                model::AllowedValues("ServiceCategory").size());
    EXPECT_EQ(summary.keys, values);
    EXPECT_EQ(values, 82 + 19);
    // Only Other / Other (Other) is left unmapped on purpose (it goes to the unmapped report); every cloud
    // charge gets a cost pool.
    EXPECT_EQ(summary.with_tower, values - 2);
    EXPECT_EQ(summary.with_cost_pool, values);
    EXPECT_EQ(Count(*connection_, "SELECT count(*) FROM cloud_service_taxonomy WHERE tower IS NULL AND "
                                  "(ServiceCategory <> 'Other' OR tower_source IS NOT NULL)"),
              0);
    EXPECT_EQ(Count(*connection_, R"sql(
        SELECT count(*) FROM cloud_service_taxonomy m WHERE m.tower IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM taxonomy_node n WHERE n.taxonomy = 'tbm' AND n.taxonomy_version = '5.0.1'
               AND n.layer = 'sub_tower' AND n.parent_name = m.tower AND n.name = m.sub_tower))sql"),
              0);
    // A subcategory key is decided by its subcategory row, a category-only key by its category row.
    EXPECT_EQ(Count(*connection_, "SELECT count(*) FROM cloud_service_taxonomy WHERE ServiceSubcategory IS NOT NULL "
                                  "AND tower_source NOT LIKE 'default:focus-servicesubcategory_to_tbm.csv:%'"),
              0);
    EXPECT_EQ(Count(*connection_, "SELECT count(*) FROM cloud_service_taxonomy WHERE ServiceSubcategory IS NULL "
                                  "AND tower_source NOT LIKE 'default:focus-servicecategory_to_tbm.csv:%'"),
              0);
}

TEST_F(DefaultMappingTest, ServiceNameBeatsSubcategoryWhichBeatsCategory) {
    Bill("AWS", "Compute", "Virtual Machines", "Amazon Elastic Compute Cloud");
    Bill("AWS", "Storage", "Block Storage", "Amazon Elastic Compute Cloud"); // EBS: the subcategory decides
    Bill("AWS", "Other", std::nullopt, "Amazon Elastic Container Service");  // FOCUS 1.0 sample: name decides
    Bill("AWS", "Compute", std::nullopt, "AWS Lambda");
    Bill("AWS", "Compute", std::nullopt, "Amazon Elastic Compute Cloud");
    Bill("Microsoft", "Compute", "Virtual Machines", "Virtual Machines Licenses");
    Bill("Datadog", "Management and Governance", "Observability", "Datadog Logs");
    Bill("AWS", "Other", "Other (Other)", "Something new");
    Bill("AWS", "Other", "Other (Other)", "Something new"); // the same key twice: one result row
    const MappingSummary summary = Mapped(MapCloudServicesToTaxonomy);
    EXPECT_EQ(summary.keys, 8);
    EXPECT_EQ(Tower("AWS", "Amazon Elastic Compute Cloud", "Virtual Machines"),
              "Compute/Servers <- default:cloud-servicename_to_tbm.csv:2");
    EXPECT_EQ(Tower("AWS", "Amazon Elastic Compute Cloud", "Block Storage"),
              "Storage/Online Storage <- default:focus-servicesubcategory_to_tbm.csv:76");
    EXPECT_EQ(Tower("Datadog", "Datadog Logs", "Observability"),
              "Delivery/Operations Center <- default:focus-servicesubcategory_to_tbm.csv:50");
    EXPECT_EQ(Tower("AWS", "Something new", "Other (Other)"), "unmapped");
    const auto row = [&](std::string_view sql) {
        return connection_->Query(sql).ScalarString().value_or("NULL");
    };
    EXPECT_EQ(row("SELECT tower || '/' || sub_tower FROM cloud_service_taxonomy WHERE ServiceName = "
                  "'Amazon Elastic Container Service'"),
              "Application/Container Orchestration");
    EXPECT_EQ(row("SELECT tower || '/' || sub_tower FROM cloud_service_taxonomy WHERE ServiceName = 'AWS Lambda'"),
              "Compute/Serverless");
    EXPECT_EQ(row("SELECT tower || '/' || sub_tower || ' ' || tower_source FROM cloud_service_taxonomy WHERE "
                  "ServiceName = 'Amazon Elastic Compute Cloud' AND ServiceSubcategory IS NULL"),
              "Compute/Servers default:cloud-servicename_to_tbm.csv:2");
    // The cost pool is decided on its own: a SaaS provider or a license keeps the subcategory's tower.
    EXPECT_EQ(row("SELECT cost_pool || '/' || cost_sub_pool FROM cloud_service_taxonomy WHERE ProviderName = "
                  "'Datadog'"),
              "Software & SaaS/SaaS");
    EXPECT_EQ(row("SELECT cost_pool || '/' || cost_sub_pool || ' ' || tower FROM cloud_service_taxonomy WHERE "
                  "ServiceName = 'Virtual Machines Licenses'"),
              "Software & SaaS/Licensing Compute");
    EXPECT_EQ(row("SELECT cost_pool || '/' || cost_sub_pool || ' ' || cost_pool_source FROM cloud_service_taxonomy "
                  "WHERE ServiceName = 'Something new'"),
              "Cloud Services/Other Operating default:focus-servicesubcategory_to_tbm.csv:83");
    // Rebuilding replaces the table.
    EXPECT_EQ(Mapped(MapCloudServicesToTaxonomy).keys, 8);
    EXPECT_EQ(Count(*connection_, "SELECT count(*) FROM cloud_service_taxonomy"), 8);
}

// The generated demo company, loaded as `crosswalk demo` loads it.
class DemoMappingTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        directory_ = new TempDir();
        generate::GenerateOptions options;
        options.months = 2;
        (void)generate::GenerateWorkspace(directory_->Path(), options);
        workspace_ = new workspace::Workspace(workspace::Workspace::Open(directory_->Path()));
        (void)ingest::IngestConfiguredSources(*workspace_, "", {});
        store::Connection connection = workspace_->Connect();
        store::Transaction transaction(connection);
        connection.Execute(kKeysOfTheBill);
        cloud_ = MapCloudServicesToTaxonomy(transaction);
        ledger_ = MapLedgerAccountsToCostPools(transaction, {});
        assets_ = MapAssetTypesToTowers(transaction, {});
        transaction.Commit();
    }

    static void TearDownTestSuite() {
        delete workspace_;
        delete directory_;
    }

    static std::string Value(const std::string& sql) {
        store::Connection connection = workspace_->Connect();
        return connection.Query(sql).ScalarString().value_or("NULL");
    }

    static TempDir* directory_;
    static workspace::Workspace* workspace_;
    static MappingSummary cloud_;
    static MappingSummary ledger_;
    static MappingSummary assets_;
};

TempDir* DemoMappingTest::directory_ = nullptr;
workspace::Workspace* DemoMappingTest::workspace_ = nullptr;
MappingSummary DemoMappingTest::cloud_;
MappingSummary DemoMappingTest::ledger_;
MappingSummary DemoMappingTest::assets_;

TEST_F(DemoMappingTest, EveryBilledServiceMapsOncePerDistinctKey) {
    store::Connection connection = workspace_->Connect();
    const int64_t keys = Count(connection, "SELECT count(*) FROM (SELECT DISTINCT ProviderName, ServiceCategory, "
                                           "ServiceSubcategory, ServiceName FROM cost_line)");
    EXPECT_GT(keys, 20);
    EXPECT_EQ(cloud_.keys, keys);
    EXPECT_EQ(Count(connection, "SELECT count(*) FROM cloud_service_taxonomy"), keys);
    EXPECT_EQ(Count(connection, "SELECT count(*) FROM (SELECT DISTINCT ProviderName, ServiceCategory, "
                                "ServiceSubcategory, ServiceName FROM cloud_service_taxonomy)"),
              keys);
    EXPECT_EQ(cloud_.with_tower, keys) << "every billed service lands on a tower";
    EXPECT_EQ(cloud_.with_cost_pool, keys);
    // Every cost line finds its key (NULLs included), so the join the pipeline will do loses nothing.
    EXPECT_EQ(Count(connection, R"sql(
        SELECT count(*) FROM cost_line c LEFT JOIN cloud_service_taxonomy m
          ON m.ProviderName IS NOT DISTINCT FROM c.ProviderName
         AND m.ServiceCategory IS NOT DISTINCT FROM c.ServiceCategory
         AND m.ServiceSubcategory IS NOT DISTINCT FROM c.ServiceSubcategory
         AND m.ServiceName IS NOT DISTINCT FROM c.ServiceName
        WHERE m.tower IS NULL)sql"),
              0);
}

TEST_F(DemoMappingTest, TheHandPickedServicesLandWhereDomainMdSays) {
    const auto tower = [](std::string_view provider, std::string_view name, std::string_view subcategory) {
        return Value(fmt::format("SELECT tower || '/' || sub_tower FROM cloud_service_taxonomy WHERE ProviderName = "
                                 "'{}' AND ServiceName = '{}' AND ServiceSubcategory = '{}'",
                                 provider, name, subcategory));
    };
    EXPECT_EQ(tower("AWS", "Amazon Elastic Compute Cloud", "Virtual Machines"), "Compute/Servers");
    EXPECT_EQ(tower("AWS", "Amazon Elastic Compute Cloud", "Block Storage"), "Storage/Online Storage");
    EXPECT_EQ(tower("AWS", "Amazon Simple Storage Service", "Object Storage"), "Storage/Online Storage");
    EXPECT_EQ(tower("AWS", "AWS Lambda", "Serverless Compute"), "Compute/Serverless");
    EXPECT_EQ(tower("AWS", "Amazon Elastic Kubernetes Service", "Containers"), "Application/Container Orchestration");
    EXPECT_EQ(tower("AWS", "Amazon Relational Database Service", "Relational Databases"), "Data/Database");
    EXPECT_EQ(tower("AWS", "Amazon CloudFront", "Content Delivery"), "Network/WAN");
    EXPECT_EQ(tower("AWS", "Elastic Load Balancing", "Application Networking"), "Network/LAN");
    EXPECT_EQ(tower("Microsoft", "Virtual Machines", "Virtual Machines"), "Compute/Servers");
    EXPECT_EQ(tower("Microsoft", "SQL Database", "Relational Databases"), "Data/Database");
    EXPECT_EQ(tower("Microsoft", "Storage", "Object Storage"), "Storage/Online Storage");
    EXPECT_EQ(tower("Google Cloud", "Compute Engine", "Virtual Machines"), "Compute/Servers");
    EXPECT_EQ(tower("Google Cloud", "BigQuery", "Data Warehouses"), "Data/Database");
    EXPECT_EQ(tower("Google Cloud", "Cloud Storage", "Object Storage"), "Storage/Online Storage");
    EXPECT_EQ(Value("SELECT DISTINCT cost_pool || '/' || cost_sub_pool FROM cloud_service_taxonomy WHERE "
                    "ProviderName = 'AWS' AND ServiceName = 'Amazon Elastic Compute Cloud'"),
              "Cloud Services/Cloud Service Provider");
}

TEST_F(DemoMappingTest, LedgerAccountsAndAssetTypesLandInTheSameTaxonomy) {
    store::Connection connection = workspace_->Connect();
    EXPECT_EQ(ledger_.keys, Count(connection, "SELECT count(*) FROM (SELECT DISTINCT account, account_name FROM "
                                              "ledger_line)"));
    EXPECT_EQ(ledger_.with_cost_pool, ledger_.keys) << "every demo account has a cost pool";
    const auto pool = [](std::string_view name) {
        return Value(fmt::format("SELECT cost_pool || '/' || cost_sub_pool FROM ledger_account_taxonomy WHERE "
                                 "account_name = '{}'",
                                 name));
    };
    EXPECT_EQ(pool("IT salaries & benefits"), "Staffing/Internal Labor");
    EXPECT_EQ(pool("IT contractors"), "Staffing/Staff Augmentation");
    EXPECT_EQ(pool("Cloud services"), "Cloud Services/Cloud Service Provider");
    EXPECT_EQ(pool("Hardware maintenance & support"), "Hardware/Maintenance & Support");
    EXPECT_EQ(pool("SaaS subscriptions"), "Software & SaaS/SaaS");
    EXPECT_EQ(pool("Depreciation - IT hardware"), "Hardware/Depreciation & Amortization");
    EXPECT_EQ(Value("SELECT cost_pool_source FROM ledger_account_taxonomy WHERE account_name = 'IT contractors'"),
              "default:ledger-account_to_tbm.csv:13");

    EXPECT_EQ(assets_.keys,
              Count(connection, "SELECT count(*) FROM (SELECT DISTINCT category, asset_type FROM asset)"));
    EXPECT_EQ(assets_.with_tower, assets_.keys) << "every demo asset type has a tower";
    const auto tower = [](std::string_view category, std::string_view type) {
        return Value(fmt::format("SELECT tower || '/' || sub_tower FROM asset_type_taxonomy WHERE category = '{}' "
                                 "AND asset_type = '{}'",
                                 category, type));
    };
    EXPECT_EQ(tower("hardware", "ESX host"), "Compute/Servers");
    EXPECT_EQ(tower("hardware", "database server"), "Compute/Servers");
    EXPECT_EQ(tower("hardware", "storage array"), "Storage/Online Storage");
    EXPECT_EQ(tower("hardware", "network switch"), "Network/LAN");
    EXPECT_EQ(tower("virtual", "virtual machine"), "Compute/Servers");
    EXPECT_EQ(Value("SELECT cost_pool || '/' || cost_sub_pool FROM asset_type_taxonomy WHERE asset_type = "
                    "'storage array'"),
              "Hardware/Depreciation & Amortization");
}

} // namespace
} // namespace crosswalk::enrich
