// Exact money through every write path (appender text, appender value, data chunk, prepared parameter) and
// every DECIMAL storage width (int16, int32, int64, hugeint), read back through data chunks.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "crosswalk/common/error.hpp"
#include "crosswalk/store/appender.hpp"
#include "crosswalk/store/chunk_writer.hpp"

#include "support/store_fixture.hpp"

namespace crosswalk {
namespace {

struct WidthCase {
    int width;
    int scale;
    std::vector<std::string> values;
};

const std::vector<WidthCase>& Cases() {
    static const std::vector<WidthCase> cases = {
        {4, 2, {"0.01", "-99.99", "99.99", "0.00"}},
        {9, 4, {"12345.6789", "-0.0001", "99999.9999"}},
        {18, 10, {"12345678.0123456789", "-99999999.9999999999", "0.0000000001"}},
        {38,
         18,
         {"12345678901234567890.123456789012345678", "-99999999999999999999.999999999999999999", "0.000000000000000001",
          "20.520226728990000000"}},
        {38, 38, {"0.12345678901234567890123456789012345678", "-0.99999999999999999999999999999999999999"}},
    };
    return cases;
}

class DecimalRoundTripTest : public testing::StoreTest {
protected:
    void CreateTable(const WidthCase& c) {
        connection_.Execute(fmt::format("CREATE OR REPLACE TABLE amounts (v DECIMAL({},{}))", c.width, c.scale));
    }

    std::vector<std::string> ReadBack() {
        std::vector<std::string> values;
        store::Result result = connection_.Query("SELECT v FROM amounts ORDER BY rowid");
        while (auto chunk = result.NextChunk()) {
            for (uint64_t row = 0; row < chunk->Size(); ++row) {
                values.push_back(chunk->Column(0).DecimalValue(row).ToString());
            }
        }
        return values;
    }

    static std::vector<std::string> Expected(const WidthCase& c) {
        std::vector<std::string> expected;
        for (const std::string& value : c.values) {
            expected.push_back(Decimal::Parse(value).Rescaled(c.scale).ToString());
        }
        return expected;
    }
};

TEST_F(DecimalRoundTripTest, AppenderAsText) {
    for (const WidthCase& c : Cases()) {
        CreateTable(c);
        store::Transaction transaction(connection_);
        store::Appender appender(transaction, "amounts");
        for (const std::string& value : c.values) {
            appender.Append(std::string_view(value));
            appender.EndRow();
        }
        appender.Close();
        transaction.Commit();
        EXPECT_EQ(ReadBack(), Expected(c)) << "DECIMAL(" << c.width << "," << c.scale << ")";
    }
}

TEST_F(DecimalRoundTripTest, AppenderAsDecimalValue) {
    for (const WidthCase& c : Cases()) {
        CreateTable(c);
        store::Transaction transaction(connection_);
        store::Appender appender(transaction, "amounts");
        for (const std::string& value : c.values) {
            appender.Append(Decimal::Parse(value));
            appender.EndRow();
        }
        appender.Close();
        transaction.Commit();
        EXPECT_EQ(ReadBack(), Expected(c)) << "DECIMAL(" << c.width << "," << c.scale << ")";
    }
}

TEST_F(DecimalRoundTripTest, DataChunkAsUnscaledIntegers) {
    for (const WidthCase& c : Cases()) {
        CreateTable(c);
        store::Transaction transaction(connection_);
        store::ChunkWriter writer(transaction, "amounts");
        for (const std::string& value : c.values) {
            writer.SetDecimal(0, Decimal::Parse(value));
            writer.EndRow();
        }
        writer.Close();
        transaction.Commit();
        EXPECT_EQ(ReadBack(), Expected(c)) << "DECIMAL(" << c.width << "," << c.scale << ")";
    }
}

TEST_F(DecimalRoundTripTest, PreparedParameter) {
    for (const WidthCase& c : Cases()) {
        CreateTable(c);
        store::PreparedStatement insert = connection_.Prepare("INSERT INTO amounts VALUES ($1)");
        for (const std::string& value : c.values) {
            insert.Execute(Decimal::Parse(value));
        }
        EXPECT_EQ(ReadBack(), Expected(c)) << "DECIMAL(" << c.width << "," << c.scale << ")";
    }
}

TEST_F(DecimalRoundTripTest, ChunkWriterRefusesDigitsTheColumnCannotHold) {
    connection_.Execute("CREATE TABLE amounts (v DECIMAL(4,2))");
    store::Transaction transaction(connection_);
    store::ChunkWriter writer(transaction, "amounts");
    EXPECT_THROW(writer.SetDecimal(0, Decimal::Parse("0.001")), Error);  // would round
    EXPECT_THROW(writer.SetDecimal(0, Decimal::Parse("100.00")), Error); // wider than 4 digits
}

TEST_F(DecimalRoundTripTest, SumsOverManyChunksStayExact) {
    connection_.Execute("CREATE TABLE amounts (v DECIMAL(38,18))");
    store::Transaction transaction(connection_);
    store::ChunkWriter writer(transaction, "amounts");
    Decimal expected(0, 18);
    constexpr int kRows = 5000; // more than two chunks of 2048
    for (int i = 0; i < kRows; ++i) {
        const Decimal value = Decimal::Parse(fmt::format("{}.{:018d}", i, i));
        writer.SetDecimal(0, value);
        writer.EndRow();
        expected = expected + value;
    }
    writer.Close();
    transaction.Commit();
    EXPECT_EQ(Count("amounts"), kRows);
    EXPECT_EQ(connection_.Query("SELECT sum(v) FROM amounts").ScalarDecimal()->ToString(), expected.ToString());
}

} // namespace
} // namespace crosswalk
