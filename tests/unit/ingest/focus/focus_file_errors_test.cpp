// A FOCUS CSV that cannot be read is refused with one line that names the file and says what is wrong in the
// user's terms (truncated gzip, unclosed quote, empty file), never with DuckDB's sniffer advice or the
// statement crosswalk ran.
#include <zlib.h>

#include <gtest/gtest.h>

#include "crosswalk/common/error.hpp"
#include "crosswalk/ingest/focus/focus_ingest.hpp"

#include "support/focus_csv.hpp"
#include "support/workspace_fixture.hpp"

namespace crosswalk {
namespace {

namespace fs = std::filesystem;

class FocusFileErrorsTest : public testing::WorkspaceTest {
protected:
    fs::path Path(const std::string& name) { return directory_ / "inputs" / name; }

    std::string Write(const std::string& name, const std::string& text) {
        testing::WriteFile(Path(name), text);
        return Path(name).string();
    }

    std::string WriteGzip(const std::string& name, const std::string& text) {
        fs::create_directories(Path(name).parent_path());
        gzFile out = gzopen(Path(name).c_str(), "wb");
        EXPECT_NE(out, nullptr);
        EXPECT_EQ(gzwrite(out, text.data(), static_cast<unsigned>(text.size())), static_cast<int>(text.size()));
        gzclose(out);
        return Path(name).string();
    }

    // The message of the refused load, checked to be one line without the internal query.
    std::string Refused(const std::string& file) {
        try {
            (void)ingest::IngestFocus(Workspace(), std::vector<std::string>{file}, {}, {"test"});
        } catch (const Error& error) {
            const std::string message = error.what();
            EXPECT_EQ(error.Kind(), ErrorKind::kInvalidInput) << message;
            EXPECT_EQ(message.find('\n'), std::string::npos) << message;
            EXPECT_EQ(message.find("[in:"), std::string::npos) << message;
            EXPECT_EQ(message.find("sniff"), std::string::npos) << message;
            return message;
        }
        ADD_FAILURE() << "the load of " << file << " was not refused";
        return "";
    }
};

TEST_F(FocusFileErrorsTest, TruncatedGzipSaysSo) {
    const std::string gz = WriteGzip("truncated.csv.gz", testing::FocusCsv(2000).Text());
    const std::string bytes = testing::ReadFile(gz);
    for (const size_t keep : {bytes.size() / 2, bytes.size() - 4, size_t{20}}) {
        testing::WriteFile(gz, bytes.substr(0, keep));
        const std::string message = Refused(gz);
        EXPECT_EQ(message, gz + ": cannot be read as csv.gz: the gzip data is truncated or corrupt") << keep;
    }
}

TEST_F(FocusFileErrorsTest, CorruptGzipSaysSo) {
    const std::string gz = WriteGzip("corrupt.csv.gz", testing::FocusCsv(200).Text());
    std::string bytes = testing::ReadFile(gz);
    for (size_t i = bytes.size() / 3; i < bytes.size() / 3 + 64; ++i) {
        bytes[i] = static_cast<char>(bytes[i] ^ 0x5A);
    }
    testing::WriteFile(gz, bytes);
    EXPECT_EQ(Refused(gz), gz + ": cannot be read as csv.gz: the gzip data is truncated or corrupt");
    const std::string plain = Write("plain.csv.gz", testing::FocusCsv(2).Text());
    EXPECT_EQ(Refused(plain), plain + ": cannot be read as csv.gz: it is not gzip data (its name ends in .gz)");
}

TEST_F(FocusFileErrorsTest, CompleteGzipStillLoads) {
    const std::string gz = WriteGzip("whole.csv.gz", testing::FocusCsv(3).Text());
    // Two members, as `cat a.gz b.gz` gives: the check reads both.
    const std::string text = testing::FocusCsv(4000).Text();
    const size_t half = text.find('\n', text.size() / 2) + 1;
    const std::string first = testing::ReadFile(WriteGzip("first.gz", text.substr(0, half)));
    const std::string second = testing::ReadFile(WriteGzip("second.gz", text.substr(half)));
    const std::string joined = Write("joined.csv.gz", first + second);
    const auto summary = ingest::IngestFocus(Workspace(), std::vector<std::string>{gz, joined}, {}, {"test"});
    ASSERT_EQ(summary.files.size(), 2U);
    EXPECT_EQ(summary.files.at(0).counts.loaded + summary.files.at(1).counts.loaded, 4003);
}

TEST_F(FocusFileErrorsTest, UnclosedQuoteNamesItsLine) {
    std::string text = testing::FocusCsv(5).Text();
    // Line 1 is the header; the quote opens the first field of line 4 and is never closed.
    size_t at = 0;
    for (int line = 1; line < 4; ++line) {
        at = text.find('\n', at) + 1;
    }
    text.insert(at, "\"unterminated,");
    const std::string file = Write("quote.csv", text);
    const std::string message = Refused(file);
    EXPECT_EQ(message.rfind(file + ": cannot be read as csv: an unclosed quote starting at line 4", 0), 0U) << message;
    // A quote left open to the end of the file.
    const std::string open = Write("open.csv", "BilledCost,BillingCurrency\n1.00,USD\n2.00,\"USD\n3.00,EUR\n");
    EXPECT_EQ(Refused(open), open + ": cannot be read as csv: an unclosed quote starting at line 3");
    // A quote closed in the middle of a field.
    const std::string text_after = Write("after.csv", "BilledCost,BillingCurrency\n1.00,\"US\"D\n2.00,EUR\n");
    EXPECT_EQ(
        Refused(text_after).rfind(text_after + ": cannot be read as csv: an unclosed quote starting at line 2", 0), 0U);
}

TEST_F(FocusFileErrorsTest, EmptyFileHasNoHeaderRow) {
    const std::string file = Write("empty.csv", "");
    EXPECT_EQ(Refused(file), file + ": cannot be read as csv: the file is empty: no header row");
    const std::string gz = WriteGzip("empty.csv.gz", "");
    EXPECT_EQ(Refused(gz), gz + ": cannot be read as csv.gz: the file is empty: no header row");
}

} // namespace
} // namespace crosswalk
