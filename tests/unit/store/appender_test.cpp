// Pins the appender traps of DuckDB 1.4.4 (STYLE.md 3.3) and shows the wrapper's answer to each.
#include <gtest/gtest.h>

#include "crosswalk/common/error.hpp"
#include "crosswalk/store/appender.hpp"

#include "support/store_fixture.hpp"

namespace crosswalk {
namespace {

using AppenderTest = testing::StoreTest;

// The raw C API: a failed append mid-row, then close, reports success yet drops the rows buffered before it.
// This is the DuckDB behaviour the wrapper exists to guard against; if DuckDB fixes it, this test says so.
TEST_F(AppenderTest, RawCApiSilentlyDropsBufferedRowsAfterAFailedAppend) {
    connection_.Execute("CREATE TABLE t (id INTEGER, amount DECIMAL(18,2))");
    duckdb_appender appender = nullptr;
    ASSERT_EQ(duckdb_appender_create(connection_.Handle(), nullptr, "t", &appender), DuckDBSuccess);
    ASSERT_EQ(duckdb_append_int32(appender, 1), DuckDBSuccess);
    ASSERT_EQ(duckdb_append_varchar(appender, "1.50"), DuckDBSuccess);
    ASSERT_EQ(duckdb_appender_end_row(appender), DuckDBSuccess);
    ASSERT_EQ(duckdb_append_int32(appender, 2), DuckDBSuccess);
    EXPECT_EQ(duckdb_append_varchar(appender, "not a number"), DuckDBError);
    EXPECT_EQ(duckdb_appender_close(appender), DuckDBSuccess); // claims success...
    duckdb_appender_destroy(&appender);
    EXPECT_EQ(Count("t"), 0); // ...but row 1 is gone
}

TEST_F(AppenderTest, FailedAppendThrowsNamingTableRowAndColumnAndPoisons) {
    connection_.Execute("CREATE TABLE t (id INTEGER, amount DECIMAL(18,2))");
    {
        store::Transaction transaction(connection_);
        store::Appender appender(transaction, "t");
        appender.Append(1).Append("1.50");
        appender.EndRow();
        appender.Append(2);
        try {
            appender.Append("not a number");
            FAIL() << "expected the append to throw";
        } catch (const Error& error) {
            const std::string message = error.what();
            EXPECT_NE(message.find("table t"), std::string::npos) << message;
            EXPECT_NE(message.find("row 2"), std::string::npos) << message;
            EXPECT_NE(message.find("column amount"), std::string::npos) << message;
        }
        EXPECT_THROW(appender.Close(), Error); // never a silent success
    }
    EXPECT_EQ(Count("t"), 0); // the transaction rolled back, the table is unchanged
}

TEST_F(AppenderTest, DestroyedDuringUnwindingLeavesNothingBehind) {
    connection_.Execute("CREATE TABLE t (id INTEGER)");
    try {
        store::Transaction transaction(connection_);
        store::Appender appender(transaction, "t");
        appender.Append(1);
        appender.EndRow();
        throw std::runtime_error("failure after appending");
    } catch (const std::runtime_error&) {
    }
    // The appender's destructor flushed into the transaction; the transaction's destructor rolled it back.
    EXPECT_EQ(Count("t"), 0);
}

TEST_F(AppenderTest, ConstraintViolationsSurfaceAtClose) {
    connection_.Execute("CREATE TABLE t (id INTEGER NOT NULL, kind VARCHAR CHECK (kind IN ('a', 'b')))");
    store::Transaction transaction(connection_);
    store::Appender appender(transaction, "t");
    appender.AppendNull().Append("a");
    appender.EndRow();
    try {
        appender.Close();
        FAIL() << "expected Close to throw";
    } catch (const Error& error) {
        EXPECT_EQ(error.Kind(), ErrorKind::kInvalidInput);
        EXPECT_NE(std::string(error.what()).find("NOT NULL"), std::string::npos) << error.what();
    }
}

// duckdb_append_hugeint into a DECIMAL column means an integer, not unscaled digits.
TEST_F(AppenderTest, RawHugeintIntoDecimalIsAnIntegerNotUnscaledDigits) {
    connection_.Execute("CREATE TABLE t (v DECIMAL(38,10))");
    duckdb_appender appender = nullptr;
    ASSERT_EQ(duckdb_appender_create(connection_.Handle(), nullptr, "t", &appender), DuckDBSuccess);
    duckdb_hugeint value{1234567, 0};
    ASSERT_EQ(duckdb_append_hugeint(appender, value), DuckDBSuccess);
    ASSERT_EQ(duckdb_appender_end_row(appender), DuckDBSuccess);
    ASSERT_EQ(duckdb_appender_close(appender), DuckDBSuccess);
    duckdb_appender_destroy(&appender);
    EXPECT_EQ(connection_.Query("SELECT v::VARCHAR FROM t").ScalarString(), "1234567.0000000000");
}

TEST_F(AppenderTest, SubsetOfColumnsLeavesTheRestToTheirDefaults) {
    connection_.Execute("CREATE TABLE t (id INTEGER, label VARCHAR DEFAULT 'none', amount DECIMAL(18,2))");
    store::Transaction transaction(connection_);
    const std::vector<std::string> columns = {"id", "amount"};
    store::Appender appender(transaction, "t", columns);
    appender.Append(7).Append(Decimal::Parse("-3.25"));
    appender.EndRow();
    appender.Close();
    transaction.Commit();
    EXPECT_EQ(connection_.Query("SELECT label || ' ' || amount FROM t").ScalarString(), "none -3.25");
}

TEST_F(AppenderTest, CloseInTheMiddleOfARowThrows) {
    connection_.Execute("CREATE TABLE t (id INTEGER, label VARCHAR)");
    store::Transaction transaction(connection_);
    store::Appender appender(transaction, "t");
    appender.Append(1);
    EXPECT_THROW(appender.Close(), Error);
}

TEST_F(AppenderTest, UnknownTableIsAClearError) {
    store::Transaction transaction(connection_);
    try {
        store::Appender appender(transaction, "no_such_table");
        FAIL();
    } catch (const Error& error) {
        EXPECT_NE(std::string(error.what()).find("no_such_table"), std::string::npos) << error.what();
    }
}

} // namespace
} // namespace crosswalk
