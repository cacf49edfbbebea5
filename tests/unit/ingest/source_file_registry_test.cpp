// The source_file registry: counts are checked when recorded (rows read = rows loaded + rows rejected, with
// loaded counted from the rows stored), and FOCUS's "ever loaded" look-up sees replaced files too.
#include <gtest/gtest.h>

#include "crosswalk/common/error.hpp"
#include "crosswalk/ingest/run_log.hpp"
#include "crosswalk/ingest/source_file_registry.hpp"

#include "support/workspace_fixture.hpp"

namespace crosswalk {
namespace {

class SourceFileRegistryTest : public testing::WorkspaceTest {
protected:
    int64_t Register(store::Connection& connection, const std::string& sha) {
        const int64_t run = ingest::StartRun(connection, "test", {});
        return ingest::RegisterFile(connection, run, "focus",
                                    ingest::InputFile{"bill.csv", ingest::FileFormat::kCsv, 10}, sha);
    }
};

TEST_F(SourceFileRegistryTest, CountsThatDoNotAddUpAreRefused) {
    store::Connection connection = Workspace().Connect();
    const int64_t id = Register(connection, std::string(64, 'a'));
    ingest::RowCounts counts;
    counts.read = 10;
    counts.loaded = 9; // one row lost: neither stored nor rejected
    counts.rejected = 0;
    EXPECT_THROW(ingest::RecordCounts(connection, id, counts), Error);
    counts.rejected = 1;
    EXPECT_NO_THROW(ingest::RecordCounts(connection, id, counts));
}

TEST_F(SourceFileRegistryTest, EverLoadedSeesReplacedFilesAndActiveDoesNot) {
    store::Connection connection = Workspace().Connect();
    const std::string sha(64, 'b');
    const int64_t id = Register(connection, sha);
    connection.Execute("UPDATE source_file SET status = 'replaced' WHERE id = " + std::to_string(id));
    EXPECT_FALSE(ingest::FindLoadedFile(connection, "focus", sha, ingest::LoadedFiles::kActive).has_value());
    EXPECT_EQ(ingest::FindLoadedFile(connection, "focus", sha, ingest::LoadedFiles::kEver), id);
    EXPECT_FALSE(ingest::FindLoadedFile(connection, "focus", sha, ingest::LoadedFiles::kOfRun, 999).has_value());
}

} // namespace
} // namespace crosswalk
