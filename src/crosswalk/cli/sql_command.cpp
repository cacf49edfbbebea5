// crosswalk sql QUERY: read-only SQL over the workspace's database.
#include <iostream>
#include <iterator>

#include "crosswalk/cli/command.hpp"
#include "crosswalk/report/query_output.hpp"
#include "crosswalk/workspace/workspace.hpp"

namespace crosswalk::cli {
namespace {

struct SqlOptions {
    std::string workspace = ".";
    std::string query;
    std::string format = "auto";
    uint64_t max_rows = 1000;
};

int RunSql(const SqlOptions& options, const Terminal& terminal) {
    std::string query = options.query;
    if (query == "-") {
        query.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    }
    report::QueryOutputOptions output;
    output.max_table_rows = options.max_rows;
    if (options.format == "csv") {
        output.format = report::OutputFormat::kCsv;
    } else if (options.format == "json") {
        output.format = report::OutputFormat::kJson;
    } else if (options.format == "table" || terminal.out_is_terminal) {
        output.format = report::OutputFormat::kTable;
    } else {
        output.format = report::OutputFormat::kCsv;
    }
    workspace::Workspace workspace = workspace::Workspace::Open(options.workspace, workspace::AccessMode::kReadOnly);
    store::Connection connection = workspace.Connect();
    report::WriteQueryResult(connection, query, output, terminal.out);
    return 0;
}

} // namespace

Command AddSqlCommand(CLI::App& app) {
    auto options = std::make_shared<SqlOptions>();
    auto* command = app.add_subcommand("sql", "Run one read-only SQL query over the workspace's database and print "
                                              "the result. Every table of the data model is queryable.");
    AddWorkspaceOption(*command, options->workspace);
    command
        ->add_option("QUERY", options->query,
                     "The query (SELECT, WITH, DESCRIBE, SHOW, SUMMARIZE); - reads it "
                     "from standard input")
        ->required();
    command
        ->add_option("--format", options->format,
                     "table (aligned), csv or json; default: table on a terminal, csv otherwise")
        ->check(CLI::IsMember({"auto", "table", "csv", "json"}));
    command->add_option("--max-rows", options->max_rows, "Rows a table shows at most (csv and json print all)")
        ->check(CLI::PositiveNumber);
    command->footer("Example: crosswalk sql -w demo \"SELECT table_name FROM duckdb_tables() ORDER BY 1\"");
    return Command{command, [options](const Terminal& terminal) {
                       return RunSql(*options, terminal);
                   }};
}

} // namespace crosswalk::cli
