#include <gtest/gtest.h>

#include "crosswalk/common/error.hpp"
#include "crosswalk/store/appender.hpp"
#include "crosswalk/store/sql_quote.hpp"
#include "crosswalk/store/transaction.hpp"

#include "support/store_fixture.hpp"
#include "support/temp_dir.hpp"

namespace crosswalk {
namespace {

using TransactionTest = testing::StoreTest;

TEST_F(TransactionTest, CommitKeepsTheChanges) {
    connection_.Execute("CREATE TABLE t (id INTEGER)");
    store::Transaction transaction(connection_);
    connection_.Execute("INSERT INTO t VALUES (1), (2)");
    transaction.Commit();
    EXPECT_EQ(Count("t"), 2);
}

TEST_F(TransactionTest, ExceptionRollsBackAppenderCopyAndDdl) {
    testing::TempDir directory;
    testing::WriteFile(directory / "rows.csv", "id\n10\n11\n12\n");
    connection_.Execute("CREATE TABLE t (id INTEGER)");
    connection_.Execute("INSERT INTO t VALUES (1)");
    try {
        store::Transaction transaction(connection_);
        store::Appender appender(transaction, "t");
        appender.Append(2);
        appender.EndRow();
        appender.Close();
        connection_.Execute("COPY t FROM " + store::QuoteLiteral((directory / "rows.csv").string()) + " (HEADER)");
        connection_.Execute("CREATE TABLE created_inside (x INTEGER)");
        connection_.Execute("ALTER TABLE t ADD COLUMN note VARCHAR");
        EXPECT_EQ(Count("t"), 5);
        throw std::runtime_error("fail before commit");
    } catch (const std::runtime_error&) {
    }
    EXPECT_EQ(Count("t"), 1);
    EXPECT_EQ(
        connection_.Query("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'created_inside'").ScalarInt64(), 0);
    EXPECT_EQ(connection_.Query("SELECT count(*) FROM duckdb_columns() WHERE table_name = 't'").ScalarInt64(), 1);
}

TEST_F(TransactionTest, FailedStatementInsideRollsBackEverything) {
    connection_.Execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
    EXPECT_THROW(
        {
            store::Transaction transaction(connection_);
            connection_.Execute("INSERT INTO t VALUES (1)");
            connection_.Execute("INSERT INTO t VALUES (1)"); // duplicate key
            transaction.Commit();
        },
        Error);
    EXPECT_EQ(Count("t"), 0);
    // The connection is usable afterwards.
    connection_.Execute("INSERT INTO t VALUES (3)");
    EXPECT_EQ(Count("t"), 1);
}

} // namespace
} // namespace crosswalk
