// The shipped taxonomy: loaded with the right counts per layer, idempotent across re-opens, replaced when the
// shipped files change, and every name a default mapping row gives exists in taxonomy_node.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "crosswalk/model/taxonomy_data.hpp"
#include "crosswalk/store/connection.hpp"
#include "crosswalk/store/database.hpp"
#include "crosswalk/store/result.hpp"
#include "crosswalk/workspace/workspace.hpp"

#include "support/temp_dir.hpp"

namespace crosswalk::model {
namespace {

using crosswalk::testing::TempDir;

int64_t Count(store::Connection& connection, const std::string& sql) {
    return connection.Query(sql).ScalarInt64().value_or(-1);
}

class TaxonomyDataTest : public ::testing::Test {
protected:
    void SetUp() override { (void)workspace::InitWorkspace(directory_.Path()); }

    workspace::Workspace Open() { return workspace::Workspace::Open(directory_.Path()); }

    TempDir directory_;
};

TEST_F(TaxonomyDataTest, LoadsEveryLayerWithThePublishedCounts) {
    workspace::Workspace workspace = Open();
    store::Connection connection = workspace.Connect();
    const auto layer = [&](std::string_view version, std::string_view name) {
        return Count(connection, fmt::format("SELECT count(*) FROM taxonomy_node WHERE taxonomy = 'tbm' AND "
                                             "taxonomy_version = '{}' AND layer = '{}'",
                                             version, name));
    };
    // TBM 5.0.1: 9 pools / 40 sub-pool rows, 4 domains / 12 towers / 55 sub-towers, 6 / 32 / 141 solutions,
    // 4 consumers (the whitepaper's totals, shared/data/tbm/README.md).
    EXPECT_EQ(layer("5.0.1", "cost_pool"), 9);
    EXPECT_EQ(layer("5.0.1", "cost_sub_pool"), 40);
    EXPECT_EQ(layer("5.0.1", "domain"), 4);
    EXPECT_EQ(layer("5.0.1", "tower"), 12);
    EXPECT_EQ(layer("5.0.1", "sub_tower"), 55);
    EXPECT_EQ(layer("5.0.1", "solution_type"), 6);
    EXPECT_EQ(layer("5.0.1", "solution_category"), 32);
    EXPECT_EQ(layer("5.0.1", "solution"), 141);
    EXPECT_EQ(layer("5.0.1", "consumer"), 4);
    EXPECT_EQ(Count(connection, "SELECT count(*) FROM taxonomy_node WHERE layer = 'cost_sub_pool' AND "
                                "taxonomy_version = '5.0.1' AND expense_type = 'CapEx'"),
              9);
    // v4.x: 9 pools (4 known sub-pools), 11 towers, 43 sub-towers with their units.
    EXPECT_EQ(layer("4.x", "cost_pool"), 9);
    EXPECT_EQ(layer("4.x", "cost_sub_pool"), 4);
    EXPECT_EQ(layer("4.x", "tower"), 11);
    EXPECT_EQ(layer("4.x", "sub_tower"), 43);
    EXPECT_EQ(Count(connection, "SELECT count(*) FROM taxonomy_node WHERE layer = 'sub_tower' AND "
                                "taxonomy_version = '4.x' AND unit_of_measure IS NULL"),
              0);
    // Every parent exists in the layer above, in the same version.
    EXPECT_EQ(Count(connection, R"sql(
        SELECT count(*) FROM taxonomy_node c
        WHERE c.parent_name IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM taxonomy_node p
            WHERE p.taxonomy = c.taxonomy AND p.taxonomy_version = c.taxonomy_version AND p.name = c.parent_name
              AND p.layer = CASE c.layer WHEN 'cost_sub_pool' THEN 'cost_pool' WHEN 'tower' THEN 'domain'
                                         WHEN 'sub_tower' THEN 'tower' WHEN 'solution_category' THEN 'solution_type'
                                         WHEN 'solution' THEN 'solution_category' END))sql"),
              0);
    // Provenance: the shipped file and its line (the header is line 1).
    EXPECT_EQ(connection
                  .Query("SELECT source || ':' || source_row FROM taxonomy_node WHERE layer = 'sub_tower' AND "
                         "taxonomy_version = '5.0.1' AND name = 'Servers'")
                  .ScalarString(),
              "tbm-v5.0.1_towers.csv:9");
    EXPECT_EQ(connection.Query("SELECT release FROM reference_data WHERE name = 'tbm'").ScalarString(),
              std::string(kShippedTaxonomyRelease));
    EXPECT_TRUE(ShippedTaxonomyIsCurrent(connection));
}

TEST_F(TaxonomyDataTest, ReopeningLoadsNothingTwice) {
    int64_t rows = 0;
    int64_t max_id = 0;
    {
        workspace::Workspace workspace = Open();
        store::Connection connection = workspace.Connect();
        rows = Count(connection, "SELECT count(*) FROM taxonomy_node");
        max_id = Count(connection, "SELECT max(id) FROM taxonomy_node");
        EXPECT_EQ(LoadShippedTaxonomy(connection), 0) << "already current: nothing to load";
    }
    (void)workspace::InitWorkspace(directory_.Path());
    workspace::Workspace workspace = workspace::Workspace::Open(directory_.Path(), workspace::AccessMode::kReadOnly);
    store::Connection connection = workspace.Connect();
    EXPECT_EQ(Count(connection, "SELECT count(*) FROM taxonomy_node"), rows);
    EXPECT_EQ(Count(connection, "SELECT max(id) FROM taxonomy_node"), max_id) << "the rows were not reloaded";
    EXPECT_EQ(Count(connection, "SELECT count(*) FROM reference_data"), 1);
    EXPECT_EQ(Count(connection, "SELECT count(*) FROM (SELECT DISTINCT taxonomy, taxonomy_version, layer, "
                                "parent_name, name FROM taxonomy_node)"),
              rows)
        << "the natural key is unique";
}

TEST_F(TaxonomyDataTest, AnOlderShippedCopyIsReplacedAndUserRowsAreKept) {
    {
        workspace::Workspace workspace = Open();
        store::Connection connection = workspace.Connect();
        // What an older binary would have left: another fingerprint, a stale row, and a user's extension.
        connection.Execute("UPDATE reference_data SET fingerprint = 'older', release = 'older'");
        connection.Execute("INSERT INTO taxonomy_node (taxonomy, taxonomy_version, layer, name, parent_name, source, "
                           "source_row) VALUES ('tbm', '5.0.1', 'sub_tower', 'Retired', 'Compute', "
                           "'tbm-v5.0.1_towers.csv', 99), ('tbm', '5.0.1', 'sub_tower', 'Edge', 'Compute', "
                           "'rules/taxonomy.yaml', 3)");
    }
    workspace::Workspace workspace = Open();
    store::Connection connection = workspace.Connect();
    EXPECT_EQ(Count(connection, "SELECT count(*) FROM taxonomy_node WHERE name = 'Retired'"), 0);
    EXPECT_EQ(Count(connection, "SELECT count(*) FROM taxonomy_node WHERE name = 'Edge'"), 1);
    EXPECT_EQ(Count(connection, "SELECT count(*) FROM taxonomy_node WHERE layer = 'sub_tower' AND "
                                "taxonomy_version = '5.0.1' AND source = 'tbm-v5.0.1_towers.csv'"),
              55);
    EXPECT_EQ(connection.Query("SELECT fingerprint FROM reference_data").ScalarString(), ShippedTaxonomyFingerprint());
    EXPECT_EQ(Count(connection, "SELECT count(*) FROM reference_data"), 1);
}

TEST_F(TaxonomyDataTest, V4NamesAreAliasesOfV5Nodes) {
    workspace::Workspace workspace = Open();
    store::Connection connection = workspace.Connect();
    const auto targets = [&](std::string_view layer, std::string_view name) {
        return connection
            .Query(fmt::format("SELECT string_agg(coalesce(n.parent_name || '/', '') || n.name, ', ' ORDER BY n.name) "
                               "FROM taxonomy_alias a JOIN taxonomy_node n ON n.id = a.node_id "
                               "WHERE a.alias_layer = '{}' AND a.alias_name = '{}'",
                               layer, name))
            .ScalarString()
            .value_or("");
    };
    EXPECT_EQ(targets("sub_tower", "IT Help Desk"), "End User/Help Desk");
    EXPECT_EQ(targets("sub_tower", "LAN/WAN"), "Network/LAN, Network/WAN");
    EXPECT_EQ(targets("sub_tower", "Database"), "Data/Database");
    EXPECT_EQ(targets("tower", "Platform"), "Application/Application, Application/Data");
    EXPECT_EQ(targets("cost_pool", "Internal Labor"), "Staffing/Internal Labor");
    EXPECT_EQ(targets("cost_pool", "Hardware"), "Hardware");
    EXPECT_EQ(targets("cost_sub_pool", "Cloud Service Providers"), "Cloud Services/Cloud Service Provider");
    // Every alias points at a v5.0.1 node, and every v4 sub-tower has one.
    EXPECT_EQ(Count(connection, "SELECT count(*) FROM taxonomy_alias a JOIN taxonomy_node n ON n.id = a.node_id "
                                "WHERE n.taxonomy_version <> '5.0.1'"),
              0);
    EXPECT_EQ(Count(connection, "SELECT count(*) FROM taxonomy_node v4 WHERE v4.taxonomy_version = '4.x' AND "
                                "v4.layer = 'sub_tower' AND NOT EXISTS (SELECT 1 FROM taxonomy_alias a WHERE "
                                "a.alias_layer = 'sub_tower' AND a.alias_name = v4.name AND "
                                "a.alias_parent_name = v4.parent_name)"),
              0);
}

// What a process killed right after opening leaves behind: the file and its WAL, never checkpointed. DuckDB
// 1.4.4 cannot replay migration 2 from a WAL, so OpenDatabase checkpoints the migrations; the taxonomy load
// after them replays fine.
TEST(TaxonomyDataCrashTest, ADatabaseLeftByAKilledProcessOpensAgain) {
    TempDir directory;
    const std::filesystem::path path = directory / "crosswalk.duckdb";
    const workspace::WorkspaceConfig config;
    store::Database database = workspace::OpenDatabase(path, config, workspace::AccessMode::kReadWrite);
    std::filesystem::create_directories(directory / "copy");
    std::filesystem::copy_file(path, directory / "copy" / "crosswalk.duckdb");
    if (std::filesystem::exists(path.string() + ".wal")) {
        std::filesystem::copy_file(path.string() + ".wal", directory / "copy" / "crosswalk.duckdb.wal");
    }
    store::Database copy =
        workspace::OpenDatabase(directory / "copy" / "crosswalk.duckdb", config, workspace::AccessMode::kReadWrite);
    store::Connection connection(copy);
    EXPECT_EQ(Count(connection, "SELECT count(*) FROM taxonomy_node WHERE layer = 'sub_tower' AND "
                                "taxonomy_version = '5.0.1'"),
              55);
}

// A typo in a shipped default row (a tower, sub-tower, cost pool or sub-pool that TBM 5.0.1 does not have)
// fails here, naming the row.
TEST_F(TaxonomyDataTest, EveryDefaultRowNamesExistingNodes) {
    workspace::Workspace workspace = Open();
    store::Connection connection = workspace.Connect();
    // Ledger rules name no tower: give them NULL ones so that one query checks all three tables.
    for (const char* table : {"default_cloud_service_rule", "default_asset_rule",
                              "(SELECT *, NULL::VARCHAR AS tower, NULL::VARCHAR AS sub_tower FROM "
                              "default_ledger_account_rule)"}) {
        const std::optional<std::string> bad = connection
                                                   .Query(fmt::format(R"sql(
            SELECT string_agg(source, ', ') FROM {0} r
            WHERE ((r.tower IS NULL) <> (r.sub_tower IS NULL))
               OR (r.tower IS NOT NULL AND NOT EXISTS (
                      SELECT 1 FROM taxonomy_node n WHERE n.taxonomy_version = '5.0.1' AND n.layer = 'sub_tower'
                         AND n.parent_name = r.tower AND n.name = r.sub_tower))
               OR (r.cost_pool IS NOT NULL AND NOT EXISTS (
                      SELECT 1 FROM taxonomy_node n WHERE n.taxonomy_version = '5.0.1' AND n.layer = 'cost_sub_pool'
                         AND n.parent_name = r.cost_pool AND n.name = r.cost_sub_pool))
               OR (r.cost_pool IS NULL AND r.cost_sub_pool IS NOT NULL))sql",
                                                                      table))
                                                   .ScalarString();
        EXPECT_FALSE(bad.has_value()) << table << ": rows naming nodes that do not exist: " << bad.value_or("");
    }
    EXPECT_EQ(Count(connection, "SELECT count(*) FROM default_cloud_service_rule"), 101 + 82 + 19);
    EXPECT_EQ(Count(connection, "SELECT count(*) FROM default_ledger_account_rule"), 18);
    EXPECT_EQ(Count(connection, "SELECT count(*) FROM default_asset_rule"), 17);
}

// The shipped TBM tables are the transcriptions in shared/data/tbm, unchanged (the two FOCUS mapping files
// are ours and were edited; model/data/README.md says how).
TEST(TaxonomyDataFilesTest, TbmTablesAreTheSharedTranscriptions) {
    const auto read = [](const std::string& path) {
        std::ifstream in(path, std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        return text.str();
    };
    int compared = 0;
    for (const EmbeddedFile& file : TaxonomyDataFiles()) {
        const std::string name(file.path);
        if (!name.starts_with("tbm/tbm-")) {
            continue;
        }
        const std::string shared = read(std::string(CROSSWALK_SHARED_DATA_DIR) + "/" + name);
        if (shared.empty()) {
            FAIL() << "shared/data/tbm is not beside the repository: " << name;
        }
        EXPECT_EQ(file.bytes, shared) << name;
        ++compared;
    }
    EXPECT_EQ(compared, 7);
}

} // namespace
} // namespace crosswalk::model
