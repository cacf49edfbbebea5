// Pins the DuckDB behaviours the enterprise stage depends on (DuckDB 1.4.4).
#include <gtest/gtest.h>

#include "crosswalk/common/error.hpp"
#include "crosswalk/ingest/enterprise/raw_stage.hpp"
#include "crosswalk/store/sql_quote.hpp"

#include "support/store_fixture.hpp"
#include "support/temp_dir.hpp"

namespace crosswalk {
namespace {

class RawStageTest : public testing::StoreTest {
protected:
    testing::TempDir directory_;

    ingest::InputFile Write(const std::string& name, const std::string& text) {
        const auto path = directory_ / name;
        testing::WriteFile(path, text);
        return ingest::InputFile{path, *ingest::FormatOf(path), text.size()};
    }
};

// Why JSON does not go through read_json: numbers become doubles, even into a DECIMAL or VARCHAR column.
TEST_F(RawStageTest, DuckDbsJsonReaderLosesDigitsOfLargeNumbers) {
    const ingest::InputFile file = Write("a.json", R"([{"cost": 12345678901234567.891234}])");
    EXPECT_EQ(connection_
                  .Query("SELECT CAST(cost AS VARCHAR) FROM read_json(" + store::QuoteLiteral(file.path.string()) +
                         ", columns = {'cost': 'DECIMAL(38,6)'})")
                  .ScalarString(),
              "12345678901234567.741440");
    store::Transaction transaction(connection_);
    ingest::enterprise::StageRawFile(transaction, file, {});
    EXPECT_EQ(connection_.Query("SELECT cost FROM temp.crosswalk_raw").ScalarString(), "12345678901234567.891234");
}

// The data row number is the rowid's offset in the stage table, also for a large file read by several
// threads inside a transaction (where rowids start at a large transaction-local base).
TEST_F(RawStageTest, RowidsFollowTheFilesRowOrder) {
    std::string text = "n,text\n";
    for (int row = 1; row <= 200000; ++row) {
        text += std::to_string(row) + ",\"value " + std::to_string(row * 7) + "\"\n";
    }
    const ingest::InputFile file = Write("big.csv", text);
    connection_.Execute("SET threads = 4");
    store::Transaction transaction(connection_);
    const ingest::enterprise::RawStage stage = ingest::enterprise::StageRawFile(transaction, file, {});
    EXPECT_EQ(stage.rows, 200000);
    EXPECT_EQ(stage.columns, (std::vector<std::string>{"n", "text"}));
    EXPECT_EQ(connection_
                  .Query("SELECT count(*) FROM temp.crosswalk_raw WHERE rowid - (SELECT min(rowid) FROM "
                         "temp.crosswalk_raw) + 1 <> CAST(n AS BIGINT)")
                  .ScalarInt64(),
              0);
}

TEST_F(RawStageTest, CsvValuesStayTextAndTheDialectCanBeGiven) {
    const ingest::InputFile file = Write("semi.csv", "id;cost;note\n007;1 234,50;\"a; b\"\n");
    store::Transaction transaction(connection_);
    const ingest::enterprise::RawStage stage = ingest::enterprise::StageRawFile(transaction, file, {";", "\""});
    EXPECT_EQ(stage.columns, (std::vector<std::string>{"id", "cost", "note"}));
    EXPECT_EQ(connection_.Query("SELECT id || '|' || cost || '|' || note FROM temp.crosswalk_raw").ScalarString(),
              "007|1 234,50|a; b");
}

TEST_F(RawStageTest, ABrokenRowRefusesTheFileNamingItsLine) {
    const ingest::InputFile file = Write("bad.csv", "a,b\n1,2\n3\n4,5\n");
    store::Transaction transaction(connection_);
    try {
        ingest::enterprise::StageRawFile(transaction, file, {});
        FAIL();
    } catch (const Error& error) {
        EXPECT_EQ(error.Kind(), ErrorKind::kInvalidInput);
        EXPECT_EQ(error.Location()->row, 3);
        EXPECT_NE(std::string(error.what()).find("the CSV structure is broken"), std::string::npos) << error.what();
    }
}

} // namespace
} // namespace crosswalk
