// Runs the built `crosswalk` binary as a user would: exit codes, stdout, and one-line error messages.
#include <filesystem>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "crosswalk/model/migrator.hpp"

#include "support/crosswalk_cli.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace crosswalk {
namespace {

namespace fs = std::filesystem;
using testing::ProcessResult;

using testing::Crosswalk;

// One line on stderr, starting "crosswalk: error: ".
void ExpectOneLineError(const ProcessResult& result, int exit_code, const std::string& fragment) {
    EXPECT_EQ(result.exit_code, exit_code) << result.err;
    EXPECT_EQ(result.err.rfind("crosswalk: error: ", 0), 0U) << result.err;
    EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
    EXPECT_NE(result.err.find(fragment), std::string::npos) << result.err;
    EXPECT_EQ(result.out, "");
}

class CliTest : public ::testing::Test {
protected:
    void SetUp() override {
        const ProcessResult init = Crosswalk({"init", workspace_.string()});
        ASSERT_EQ(init.exit_code, 0) << init.err;
    }

    testing::TempDir directory_;
    fs::path workspace_ = directory_ / "acme";
};

TEST_F(CliTest, InitReportsWhatItCreatedAndIsIdempotent) {
    testing::TempDir other;
    const ProcessResult first = Crosswalk({"init", (other / "ws").string()});
    EXPECT_EQ(first.exit_code, 0) << first.err;
    EXPECT_NE(first.out.find("created workspace"), std::string::npos) << first.out;
    EXPECT_NE(first.out.find("+ crosswalk.yaml"), std::string::npos) << first.out;
    EXPECT_NE(first.out.find("+ rules/tags.yaml"), std::string::npos) << first.out;
    EXPECT_NE(first.out.find(fmt::format("schema version {}", model::LatestSchemaVersion())), std::string::npos)
        << first.out;
    const ProcessResult second = Crosswalk({"init", (other / "ws").string()});
    EXPECT_EQ(second.exit_code, 0) << second.err;
    EXPECT_NE(second.out.find("already initialized"), std::string::npos) << second.out;
}

TEST_F(CliTest, InitDefaultsToTheCurrentFolder) {
    testing::TempDir other;
    const ProcessResult result = testing::RunProcess(CROSSWALK_BINARY, {"init"}, other.Path().string());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_TRUE(fs::exists(other / "crosswalk.yaml"));
}

TEST_F(CliTest, SqlPrintsCsvWhenPipedWithExactDecimals) {
    const ProcessResult result = Crosswalk(
        {"sql", "-w", workspace_.string(), "SELECT 20.52022672899::DECIMAL(38,18) AS cost, 'a,b' AS label, NULL AS n"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "cost,label,n\n20.520226728990000000,\"a,b\",\n");
}

TEST_F(CliTest, SqlPrintsAnAlignedTable) {
    const ProcessResult result = Crosswalk({"sql", "-w", workspace_.string(), "--format", "table",
                                            "SELECT * FROM (VALUES ('aws', 12.5), ('azure', 7.25)) t(provider, cost)"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "provider   cost\n"
                          "--------  -----\n"
                          "aws       12.50\n"
                          "azure      7.25\n"
                          "(2 rows)\n");
}

TEST_F(CliTest, SqlPrintsJson) {
    const ProcessResult result = Crosswalk({"sql", "-w", workspace_.string(), "--format", "json",
                                            "SELECT 1 AS id, 0.1::DECIMAL(38,18) AS amount, 'x\"y' AS s"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "[\n{\"id\":1,\"amount\":0.100000000000000000,\"s\":\"x\\\"y\"}\n]\n");
}

TEST_F(CliTest, SqlSeesTheDataModel) {
    const ProcessResult result =
        Crosswalk({"sql", "-w", workspace_.string(),
                   "SELECT count(*) FROM duckdb_tables() WHERE table_name IN ('cost_line', 'asset', 'ledger_line')"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "count_star()\n3\n");
}

TEST_F(CliTest, SqlReadsTheQueryFromStdin) {
    const ProcessResult result = Crosswalk({"sql", "-w", workspace_.string(), "-"}, "SELECT 42 AS answer;\n");
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "answer\n42\n");
}

TEST_F(CliTest, SqlDefaultsToTheCurrentFolder) {
    const ProcessResult result = testing::RunProcess(CROSSWALK_BINARY, {"sql", "SELECT 1 AS one"}, workspace_.string());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "one\n1\n");
}

TEST_F(CliTest, SqlRefusesWrites) {
    ExpectOneLineError(Crosswalk({"sql", "-w", workspace_.string(), "DELETE FROM cost_line"}), 1,
                       "runs one read-only query");
    ExpectOneLineError(Crosswalk({"sql", "-w", workspace_.string(), "CREATE TABLE t (x INTEGER)"}), 1,
                       "runs one read-only query");
}

TEST_F(CliTest, SqlRefusesEveryWriteBeforeBindingIt) {
    // An INSERT with the wrong columns would otherwise fail with DuckDB's binder error.
    for (const char* statement :
         {"INSERT INTO run VALUES (1)", "  insert into run VALUES (1)", "-- note\nUPDATE run SET run_id = 1",
          "/* x */ COPY run TO 'x.csv'", "ATTACH 'other.db'", "PRAGMA version", "EXPLAIN SELECT 1"}) {
        ExpectOneLineError(Crosswalk({"sql", "-w", workspace_.string(), statement}), 1,
                           "crosswalk sql runs one read-only query (SELECT, WITH, FROM, VALUES, DESCRIBE, SHOW, "
                           "SUMMARIZE), not: ");
    }
    for (const char* query : {"(SELECT 1 AS one)", "  -- a comment\nselect 1 AS one", "FROM (SELECT 1 AS one)",
                              "VALUES (1)", "/* c */ WITH t AS (SELECT 1 AS one) SELECT * FROM t"}) {
        const ProcessResult result = Crosswalk({"sql", "-w", workspace_.string(), "--format", "csv", query});
        EXPECT_EQ(result.exit_code, 0) << query << ": " << result.err;
    }
}

// An error raised while the query runs shows DuckDB's message and the user's own query, not the wrapper that
// crosswalk sql runs it in (with its doubled quotes, cut short).
TEST_F(CliTest, SqlRunTimeErrorsShowTheUsersQuery) {
    for (const char* format : {"table", "csv", "json"}) {
        const ProcessResult result = Crosswalk(
            {"sql", "-w", workspace_.string(), "--format", format, "SELECT money_round(1.5, 'XXX') AS rounded"});
        ExpectOneLineError(result, 1, "money_round: XXX has no minor unit in ISO 4217");
        EXPECT_NE(result.err.find("[in: SELECT money_round(1.5, 'XXX') AS rounded]"), std::string::npos) << result.err;
        EXPECT_EQ(result.err.find("query("), std::string::npos) << result.err;
        EXPECT_EQ(result.err.find("''XXX''"), std::string::npos) << result.err;
        EXPECT_EQ(result.err.find("COLUMNS(*)"), std::string::npos) << result.err;
    }
    const ProcessResult mul =
        Crosswalk({"sql", "-w", workspace_.string(),
                   "SELECT money_mul(123456789012.123456::DECIMAL(38,18), 98765432109.987654::DECIMAL(38,18))"});
    ExpectOneLineError(mul, 1, "money_mul: the product 1.2e+22 is beyond the range of DECIMAL(38,18)");
    EXPECT_EQ(mul.err.find("INT128"), std::string::npos) << mul.err;
}

// An error found while binding keeps DuckDB's position lines: they point into the user's own text.
TEST_F(CliTest, SqlBindErrorsKeepTheirPositionInTheUsersText) {
    const ProcessResult result = Crosswalk({"sql", "-w", workspace_.string(), "SELECT 1 +* 2"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("Catalog Error: Scalar Function with name +* does not exist"), std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find("LINE 1: SELECT 1 +* 2"), std::string::npos) << result.err;
    EXPECT_EQ(result.err.find("query("), std::string::npos) << result.err;
}

TEST_F(CliTest, SqlErrorsPointIntoTheQuery) {
    const ProcessResult result = Crosswalk({"sql", "-w", workspace_.string(), "SELECT * FROM no_such_table"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("no_such_table"), std::string::npos) << result.err;
    EXPECT_EQ(result.err.rfind("crosswalk: error: Catalog Error", 0), 0U) << result.err;
}

TEST_F(CliTest, MissingWorkspaceIsAOneLineUserError) {
    ExpectOneLineError(Crosswalk({"sql", "-w", (directory_ / "nowhere").string(), "SELECT 1"}), 1,
                       "does not exist; create one with `crosswalk init");
}

TEST_F(CliTest, FolderWithoutConfigIsAOneLineUserError) {
    ExpectOneLineError(Crosswalk({"sql", "-w", directory_.Path().string(), "SELECT 1"}), 1,
                       "is not a crosswalk workspace");
}

TEST_F(CliTest, MissingDatabaseIsAOneLineUserError) {
    fs::remove(workspace_ / "crosswalk.duckdb");
    ExpectOneLineError(Crosswalk({"sql", "-w", workspace_.string(), "SELECT 1"}), 1, "does not exist");
}

TEST_F(CliTest, DamagedDatabaseIsAOneLineUserError) {
    testing::WriteFile(workspace_ / "crosswalk.duckdb", std::string(10000, '\x7f'));
    ExpectOneLineError(Crosswalk({"sql", "-w", workspace_.string(), "SELECT 1"}), 1, "cannot open database");
}

TEST_F(CliTest, DamagedConfigNamesFileLineAndColumn) {
    testing::WriteFile(workspace_ / "crosswalk.yaml", "version: 1\ndatabase: crosswalk.duckdb\ndatabase: x\n");
    ExpectOneLineError(Crosswalk({"sql", "-w", workspace_.string(), "SELECT 1"}), 1,
                       "crosswalk.yaml:3:1: duplicate key 'database'");
}

TEST_F(CliTest, DatabaseLockedByAnotherProcessNamesIt) {
    testing::BackgroundProcess holder(CROSSWALK_LOCK_HOLDER, {(workspace_ / "crosswalk.duckdb").string()});
    ASSERT_EQ(holder.ReadLine(), "ready");
    const ProcessResult result = Crosswalk({"sql", "-w", workspace_.string(), "SELECT 1"});
    ExpectOneLineError(result, 1, "is in use by another process");
    EXPECT_NE(result.err.find("PID " + std::to_string(holder.Pid())), std::string::npos) << result.err;
    EXPECT_EQ(holder.Stop(), 0);
    EXPECT_EQ(Crosswalk({"sql", "-w", workspace_.string(), "SELECT 1"}).exit_code, 0);
}

TEST_F(CliTest, HelpWorksOnEveryCommand) {
    for (const std::vector<std::string>& arguments :
         {std::vector<std::string>{"--help"}, {"init", "--help"}, {"sql", "--help"}}) {
        const ProcessResult result = Crosswalk(arguments);
        EXPECT_EQ(result.exit_code, 0) << arguments[0];
        EXPECT_NE(result.out.find("Usage"), std::string::npos) << result.out;
    }
    EXPECT_NE(Crosswalk({"sql", "--help"}).out.find("--workspace"), std::string::npos);
    EXPECT_NE(Crosswalk({"init", "--help"}).out.find("--workspace"), std::string::npos);
}

TEST_F(CliTest, BadArgumentsAreUserErrors) {
    EXPECT_EQ(Crosswalk({}).exit_code, 1);
    EXPECT_EQ(Crosswalk({"no-such-command"}).exit_code, 1);
    EXPECT_EQ(Crosswalk({"sql", "-w", workspace_.string()}).exit_code, 1); // QUERY missing
    EXPECT_EQ(Crosswalk({"sql", "-w", workspace_.string(), "--format", "xml", "SELECT 1"}).exit_code, 1);
}

TEST_F(CliTest, VersionPrintsTheVersion) {
    const ProcessResult result = Crosswalk({"--version"});
    EXPECT_EQ(result.exit_code, 0);
    EXPECT_EQ(result.out, "0.1.0\n");
}

} // namespace
} // namespace crosswalk
