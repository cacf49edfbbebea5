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
    const ingest::enterprise::RawStage stage = ingest::enterprise::StageRawFile(transaction, file, {";", "\"", ""});
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

// Old Mac Excel ends lines with CR alone, even inside quoted fields: DuckDB's sniffer reads that as it is, so the
// stage needs no rewriting of the file.
TEST_F(RawStageTest, CrOnlyLineEndingsAndMultiLineFieldsAreReadAsTheyAre) {
    const ingest::InputFile file =
        Write("mac.csv", "Asset Tag,Notes,Purchase Cost\rA-1,\"line 1\rline 2\",\"$1,299.00\"\r"
                         "A-2,plain,\"$5.00\"\r");
    store::Transaction transaction(connection_);
    const ingest::enterprise::RawStage stage = ingest::enterprise::StageRawFile(transaction, file, {});
    EXPECT_EQ(stage.columns, (std::vector<std::string>{"Asset Tag", "Notes", "Purchase Cost"}));
    EXPECT_EQ(stage.rows, 2);
    EXPECT_EQ(connection_.Query("SELECT Notes FROM temp.crosswalk_raw WHERE \"Asset Tag\" = 'A-1'").ScalarString(),
              "line 1\rline 2");
    EXPECT_TRUE(stage.notes.empty());
}

// GLPI ends every line with its delimiter: the empty column that makes is dropped and noted; a BOM is skipped.
TEST_F(RawStageTest, AnEmptyTrailingColumnIsDroppedAndNoted) {
    const ingest::InputFile file =
        Write("glpi.csv", "\xEF\xBB\xBF\"Nom\";\"Lieu\";\n\"pc-1\";\"Paris\nLyon\";\n\"pc-2\";\"\";\n");
    store::Transaction transaction(connection_);
    const ingest::enterprise::RawStage stage = ingest::enterprise::StageRawFile(transaction, file, {";", "", ""});
    EXPECT_EQ(stage.columns, (std::vector<std::string>{"Nom", "Lieu"}));
    EXPECT_EQ(stage.rows, 2);
    EXPECT_EQ(stage.notes, (std::vector<std::string>{
                               "an empty column at the end of every line (a trailing delimiter) was ignored"}));
}

TEST_F(RawStageTest, ALatin1FileIsReadWithItsEncoding) {
    const ingest::InputFile file = Write("latin1.csv", "Nom;Lieu\nPC \xE9t\xE9;Num\xE9ro 5\n");
    store::Transaction transaction(connection_);
    try {
        (void)ingest::enterprise::StageRawFile(transaction, file, {";", "", ""});
        FAIL();
    } catch (const Error& error) {
        EXPECT_NE(std::string(error.what())
                      .find(":2: the file is not UTF-8, and 1 more line(s); save it as UTF-8, or say its encoding in a "
                            "mapping: `format: {encoding: latin-1}` (or utf-16)"),
                  std::string::npos)
            << error.what();
    }
    (void)ingest::enterprise::StageRawFile(transaction, file, {";", "", "latin-1"});
    EXPECT_EQ(connection_.Query("SELECT Nom || '|' || Lieu FROM temp.crosswalk_raw").ScalarString(),
              "PC \u00e9t\u00e9|Num\u00e9ro 5");
}

} // namespace
} // namespace crosswalk
