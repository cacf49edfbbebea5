// Pins what DuckDB 1.4.4's read_csv does with bad values, which the FOCUS ingester relies on (STYLE.md 3.2).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "crosswalk/store/sql_quote.hpp"

#include "support/store_fixture.hpp"
#include "support/temp_dir.hpp"

namespace crosswalk {
namespace {

class ReadCsvRejectsTest : public testing::StoreTest {
protected:
    testing::TempDir directory_;

    std::string WriteCsv(const std::string& text) {
        const auto path = directory_ / "input.csv";
        testing::WriteFile(path, text);
        return store::QuoteLiteral(path.string());
    }
};

TEST_F(ReadCsvRejectsTest, BadDecimalAndExtraFieldAreRejectedWithLineAndColumn) {
    const std::string file = WriteCsv("id,amount\n1,1.50\n2,abc\n3,2.00,extra\n4,3.25\n");
    connection_.Execute("CREATE TABLE t AS SELECT * FROM read_csv(" + file +
                        ", header = true, columns = {'id': 'INTEGER', 'amount': 'DECIMAL(18,2)'}, "
                        "store_rejects = true)");
    EXPECT_EQ(Count("t"), 2);
    store::Result rejects = connection_.Query(
        "SELECT line, coalesce(column_name, ''), error_type::VARCHAR FROM reject_errors ORDER BY line");
    std::vector<std::string> seen;
    while (auto chunk = rejects.NextChunk()) {
        for (uint64_t row = 0; row < chunk->Size(); ++row) {
            seen.push_back(fmt::format("{}:{}:{}", chunk->Column(0).Int64(row), chunk->Column(1).String(row),
                                       chunk->Column(2).String(row)));
        }
    }
    EXPECT_EQ(seen, (std::vector<std::string>{"3:amount:CAST", "4::TOO MANY COLUMNS"}));
}

// The trap: an unparsable TIMESTAMPTZ becomes NULL with no reject, while TIMESTAMP rejects it. FOCUS
// date-times are therefore read as TIMESTAMP (or text with an explicit checked cast).
TEST_F(ReadCsvRejectsTest, BadTimestamptzBecomesNullSilentlyButTimestampRejects) {
    const std::string file = WriteCsv("id,happened\n1,2024-09-01T00:00:00Z\n2,not-a-date\n");
    connection_.Execute(
        "CREATE TABLE with_tz AS SELECT * FROM read_csv(" + file +
        ", header = true, columns = {'id': 'INTEGER', 'happened': 'TIMESTAMPTZ'}, store_rejects = true)");
    EXPECT_EQ(Count("with_tz"), 2);
    EXPECT_EQ(connection_.Query("SELECT count(*) FROM with_tz WHERE happened IS NULL").ScalarInt64(), 1);
    EXPECT_EQ(Count("reject_errors"), 0);

    connection_.Execute("CREATE TABLE without_tz AS SELECT * FROM read_csv(" + file +
                        ", header = true, columns = {'id': 'INTEGER', 'happened': 'TIMESTAMP'}, store_rejects = true)");
    EXPECT_EQ(Count("without_tz"), 1);
    EXPECT_EQ(connection_.Query("SELECT line FROM reject_errors").ScalarInt64(), 3);
}

} // namespace
} // namespace crosswalk
