#include <utility>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "crosswalk/common/error.hpp"
#include "crosswalk/store/result.hpp"

#include "support/store_fixture.hpp"

namespace crosswalk {
namespace {

using ResultTest = testing::StoreTest;

// Run under ASan: a double destroy or a leak of the duckdb_result would be reported.
TEST_F(ResultTest, IsDestroyedExactlyOnceUnderMoves) {
    store::Result first = connection_.Query("SELECT 42");
    store::Result second = std::move(first);
    store::Result third = connection_.Query("SELECT 7");
    third = std::move(second); // destroys the "SELECT 7" result, takes over "SELECT 42"
    std::vector<store::Result> results;
    results.push_back(std::move(third));
    results.push_back(connection_.Query("SELECT 1"));
    results.reserve(16); // moves again
    EXPECT_EQ(results[0].ScalarInt64(), 42);
    EXPECT_EQ(results[1].ScalarInt64(), 1);
}

TEST_F(ResultTest, ReadsEveryChunkAndEveryNull) {
    store::Result result =
        connection_.Query("SELECT i, CASE WHEN i % 3 = 0 THEN NULL ELSE 'v' || i END AS s FROM range(5000) t(i)");
    uint64_t rows = 0;
    uint64_t nulls = 0;
    int64_t sum = 0;
    while (auto chunk = result.NextChunk()) {
        for (uint64_t row = 0; row < chunk->Size(); ++row) {
            sum += chunk->Column(0).Int64(row);
            if (!chunk->Column(1).IsValid(row)) {
                ++nulls;
            } else {
                EXPECT_EQ(chunk->Column(1).String(row), fmt::format("v{}", chunk->Column(0).Int64(row)));
            }
            ++rows;
        }
    }
    EXPECT_EQ(rows, 5000U);
    EXPECT_EQ(nulls, 1667U);
    EXPECT_EQ(sum, 4999 * 5000 / 2);
}

// The validity mask is 64-bit words; bits past 31 need a 64-bit shift (the header's example is wrong there).
TEST_F(ResultTest, NullMaskIsReadCorrectlyPastBit31) {
    store::Result result =
        connection_.Query("SELECT CASE WHEN i IN (31, 32, 33, 63, 64) THEN NULL ELSE i END FROM range(70) t(i)");
    std::vector<uint64_t> null_rows;
    while (auto chunk = result.NextChunk()) {
        for (uint64_t row = 0; row < chunk->Size(); ++row) {
            if (!chunk->Column(0).IsValid(row)) {
                null_rows.push_back(row);
            }
        }
    }
    EXPECT_EQ(null_rows, (std::vector<uint64_t>{31, 32, 33, 63, 64}));
}

TEST_F(ResultTest, ReadsDatesTimestampsAndBooleans) {
    store::Result result =
        connection_.Query("SELECT DATE '1970-01-02', TIMESTAMP '1970-01-01 00:00:01.5', true, 2.5::DOUBLE");
    auto chunk = result.NextChunk();
    ASSERT_TRUE(chunk);
    EXPECT_EQ(chunk->Column(0).DateDays(0), 1);
    EXPECT_EQ(chunk->Column(1).TimestampMicros(0), 1'500'000);
    EXPECT_TRUE(chunk->Column(2).Bool(0));
    EXPECT_DOUBLE_EQ(chunk->Column(3).Double(0), 2.5);
}

TEST_F(ResultTest, ReadingAColumnAsTheWrongTypeIsAnInternalError) {
    store::Result result = connection_.Query("SELECT 'text'");
    auto chunk = result.NextChunk();
    ASSERT_TRUE(chunk);
    try {
        (void)chunk->Column(0).Int64(0);
        FAIL();
    } catch (const Error& error) {
        EXPECT_EQ(error.Kind(), ErrorKind::kInternal);
    }
}

TEST_F(ResultTest, FailedQueryCarriesDuckDbsMessageAndTheStatement) {
    try {
        connection_.Execute("SELECT * FROM missing_table");
        FAIL();
    } catch (const Error& error) {
        const std::string message = error.what();
        EXPECT_NE(message.find("missing_table"), std::string::npos) << message;
        EXPECT_NE(message.find("[in: SELECT * FROM missing_table]"), std::string::npos) << message;
        EXPECT_EQ(error.Kind(), ErrorKind::kStore);
    }
}

TEST_F(ResultTest, ConversionErrorsAreTheInputsFault) {
    try {
        connection_.Execute("SELECT '9.99'::DECIMAL(1,0)");
        FAIL();
    } catch (const Error& error) {
        EXPECT_EQ(error.Kind(), ErrorKind::kInvalidInput) << error.what();
    }
}

} // namespace
} // namespace crosswalk
