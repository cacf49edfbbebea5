#include <gtest/gtest.h>

#include "crosswalk/model/migrator.hpp"
#include "crosswalk/workspace/workspace.hpp"

#include "support/temp_dir.hpp"

namespace crosswalk {
namespace {

namespace fs = std::filesystem;

ErrorKind KindOfOpening(const fs::path& root, std::string* message = nullptr) {
    try {
        (void)workspace::Workspace::Open(root);
    } catch (const Error& error) {
        if (message != nullptr) {
            *message = error.what();
        }
        return error.Kind();
    }
    ADD_FAILURE() << "opening " << root << " succeeded";
    return ErrorKind::kInternal;
}

TEST(WorkspaceTest, InitCreatesEverythingAndIsIdempotent) {
    testing::TempDir directory;
    const fs::path root = directory / "acme";
    const auto first = workspace::InitWorkspace(root);
    EXPECT_FALSE(first.already_initialized);
    EXPECT_TRUE(fs::exists(root / "crosswalk.yaml"));
    EXPECT_TRUE(fs::exists(root / "rules" / "tags.yaml"));
    EXPECT_TRUE(fs::exists(root / "crosswalk.duckdb"));
    EXPECT_EQ(testing::ReadFile(root / ".gitignore"), "crosswalk.duckdb\ncrosswalk.duckdb.wal\n.crosswalk/\n");
    EXPECT_EQ(first.schema_version, model::LatestSchemaVersion());

    testing::WriteFile(root / "rules" / "tags.yaml", "# my own rules\n");
    const auto second = workspace::InitWorkspace(root);
    EXPECT_TRUE(second.already_initialized);
    EXPECT_TRUE(second.created.empty());
    EXPECT_EQ(testing::ReadFile(root / "rules" / "tags.yaml"), "# my own rules\n"); // never overwritten
}

TEST(WorkspaceTest, InitRecreatesAMissingDatabase) {
    testing::TempDir directory;
    workspace::InitWorkspace(directory.Path());
    fs::remove(directory / "crosswalk.duckdb");
    const auto again = workspace::InitWorkspace(directory.Path());
    EXPECT_EQ(again.created, (std::vector<std::string>{"crosswalk.duckdb"}));
}

TEST(WorkspaceTest, OpenGivesTheDatabaseWithTheLatestSchema) {
    testing::TempDir directory;
    workspace::InitWorkspace(directory.Path());
    workspace::Workspace opened = workspace::Workspace::Open(directory.Path(), workspace::AccessMode::kReadOnly);
    store::Connection connection = opened.Connect();
    EXPECT_EQ(model::CurrentSchemaVersion(connection), model::LatestSchemaVersion());
    EXPECT_THROW(connection.Execute("CREATE TABLE x (a INTEGER)"), Error); // read-only
}

TEST(WorkspaceTest, MissingFolderConfigOrDatabaseIsNotFound) {
    testing::TempDir directory;
    std::string message;
    EXPECT_EQ(KindOfOpening(directory / "nowhere", &message), ErrorKind::kNotFound);
    EXPECT_NE(message.find("does not exist"), std::string::npos) << message;
    EXPECT_EQ(KindOfOpening(directory.Path(), &message), ErrorKind::kNotFound);
    EXPECT_NE(message.find("is not a crosswalk workspace"), std::string::npos) << message;
    workspace::InitWorkspace(directory.Path());
    fs::remove(directory / "crosswalk.duckdb");
    EXPECT_EQ(KindOfOpening(directory.Path(), &message), ErrorKind::kNotFound);
    EXPECT_NE(message.find("crosswalk init"), std::string::npos) << message;
}

TEST(WorkspaceTest, DamagedDatabaseIsAOneLineIoError) {
    testing::TempDir directory;
    workspace::InitWorkspace(directory.Path());
    testing::WriteFile(directory / "crosswalk.duckdb", std::string(8192, 'x'));
    std::string message;
    EXPECT_EQ(KindOfOpening(directory.Path(), &message), ErrorKind::kIo);
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    EXPECT_NE(message.find("cannot open database"), std::string::npos) << message;
}

TEST(WorkspaceTest, DatabaseFromANewerCrosswalkIsRefused) {
    testing::TempDir directory;
    workspace::InitWorkspace(directory.Path());
    {
        auto database = store::Database::Open(directory / "crosswalk.duckdb");
        store::Connection connection(database);
        connection.Execute("INSERT INTO schema_version (version, name, crosswalk_version) VALUES (999, 'x', '9')");
    }
    std::string message;
    EXPECT_EQ(KindOfOpening(directory.Path(), &message), ErrorKind::kUnsupported);
    EXPECT_NE(message.find("upgrade crosswalk"), std::string::npos) << message;
}

TEST(WorkspaceTest, ConfigMayPlaceTheDatabaseElsewhere) {
    testing::TempDir directory;
    testing::WriteFile(directory / "crosswalk.yaml", "version: 1\ndatabase: state/books.duckdb\n");
    fs::create_directories(directory / "state");
    const auto result = workspace::InitWorkspace(directory.Path());
    EXPECT_TRUE(fs::exists(directory / "state" / "books.duckdb"));
    EXPECT_EQ(testing::ReadFile(directory / ".gitignore"), "books.duckdb\nbooks.duckdb.wal\n.crosswalk/\n");
    (void)result;
}

} // namespace
} // namespace crosswalk
