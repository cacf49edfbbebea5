#include <gtest/gtest.h>

#include "crosswalk/common/error.hpp"
#include "crosswalk/model/migrator.hpp"

#include "support/store_fixture.hpp"

namespace crosswalk {
namespace {

using MigratorTest = testing::StoreTest;

const std::vector<model::Migration> kVersion1 = {
    {1, "0001_first.sql", "CREATE TABLE a (x INTEGER); CREATE TABLE b (y INTEGER)"},
};
const std::vector<model::Migration> kVersion2 = {
    {1, "0001_first.sql", "CREATE TABLE a (x INTEGER); CREATE TABLE b (y INTEGER)"},
    {2, "0002_second.sql", "ALTER TABLE a ADD COLUMN z VARCHAR DEFAULT 'new'"},
};

TEST_F(MigratorTest, EmptyDatabaseGetsEveryMigration) {
    EXPECT_EQ(model::CurrentSchemaVersion(connection_), 0);
    EXPECT_EQ(model::Migrate(connection_, kVersion2), 2);
    EXPECT_EQ(model::CurrentSchemaVersion(connection_), 2);
    EXPECT_EQ(connection_.Query("SELECT string_agg(name, ',' ORDER BY version) FROM schema_version").ScalarString(),
              "0001_first.sql,0002_second.sql");
}

TEST_F(MigratorTest, OlderDatabaseIsMigratedKeepingItsData) {
    model::Migrate(connection_, kVersion1);
    connection_.Execute("INSERT INTO a VALUES (5)");
    EXPECT_EQ(model::Migrate(connection_, kVersion2), 1);
    EXPECT_EQ(connection_.Query("SELECT x || z FROM a").ScalarString(), "5new");
    EXPECT_EQ(model::Migrate(connection_, kVersion2), 0); // idempotent
}

TEST_F(MigratorTest, NewerDatabaseIsRefusedClearly) {
    model::Migrate(connection_, kVersion2);
    try {
        model::Migrate(connection_, kVersion1);
        FAIL();
    } catch (const Error& error) {
        EXPECT_EQ(error.Kind(), ErrorKind::kUnsupported);
        EXPECT_NE(std::string(error.what()).find("schema version 2, newer than the 1"), std::string::npos)
            << error.what();
    }
}

TEST_F(MigratorTest, FailedMigrationLeavesTheLastGoodVersion) {
    const std::vector<model::Migration> broken = {
        kVersion1[0],
        {2, "0002_broken.sql", "CREATE TABLE c (x INTEGER); CREATE TABLE oops ("},
    };
    EXPECT_THROW(model::Migrate(connection_, broken), Error);
    EXPECT_EQ(model::CurrentSchemaVersion(connection_), 1);
    EXPECT_EQ(connection_.Query("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'c'").ScalarInt64(), 0);
}

TEST_F(MigratorTest, ForeignDatabaseIsRefused) {
    connection_.Execute("CREATE TABLE somebody_elses (x INTEGER)");
    EXPECT_THROW((void)model::CurrentSchemaVersion(connection_), Error);
}

TEST_F(MigratorTest, ShippedMigrationsCreateTheWholeDataModel) {
    model::Migrate(connection_);
    EXPECT_EQ(model::CurrentSchemaVersion(connection_), model::LatestSchemaVersion());
    const std::vector<std::string> tables = {
        "cost_line",   "source_file",    "rejected_row",    "resource",
        "asset",       "entitlement",    "installation",    "ci",
        "ci_relation", "contract",       "ledger_line",     "budget",
        "cost_center", "business_unit",  "business_metric", "taxonomy_node",
        "run",         "schema_version",
    };
    for (const std::string& table : tables) {
        EXPECT_EQ(
            connection_.Query("SELECT count(*) FROM duckdb_tables() WHERE table_name = '" + table + "'").ScalarInt64(),
            1)
            << table;
    }
    // Money is never a binary float anywhere in the model.
    EXPECT_EQ(connection_
                  .Query("SELECT count(*) FROM duckdb_columns() WHERE data_type IN ('DOUBLE', 'FLOAT', "
                         "'REAL') AND table_name IN (SELECT table_name FROM duckdb_tables())")
                  .ScalarInt64(),
              0);
}

} // namespace
} // namespace crosswalk
