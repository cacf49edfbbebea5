// Shared by the enterprise ingest tests: where the fixtures and shipped mappings are, and a workspace fixture
// that loads files and reads the store back as text.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "crosswalk/ingest/enterprise/enterprise_ingest.hpp"

#include "support/workspace_fixture.hpp"

namespace crosswalk::testing {

// tests/data/enterprise. From the source folder CMake passes, not __FILE__: with ccache's base_dir, __FILE__ is
// relative to the build folder, and ctest runs the tests elsewhere.
inline std::filesystem::path EnterpriseData(const std::string& relative = "") {
    const std::filesystem::path root = std::filesystem::path(CROSSWALK_SOURCE_DIR) / "tests" / "data" / "enterprise";
    return relative.empty() ? root : root / relative;
}

// The shipped mapping files (mappings/ at the repository root).
inline std::filesystem::path ShippedMapping(const std::string& name) {
    return std::filesystem::path(CROSSWALK_SOURCE_DIR) / "mappings" / name;
}

class EnterpriseTest : public WorkspaceTest {
protected:
    ingest::IngestSummary Ingest(const std::string& kind, const std::vector<std::string>& files,
                                 const std::string& mapping = "", bool append = false) {
        ingest::EnterpriseIngestOptions options;
        options.mapping = mapping;
        options.append = append;
        std::vector<std::string> command_line = {"ingest", kind};
        command_line.insert(command_line.end(), files.begin(), files.end());
        return ingest::IngestEnterprise(Workspace(), kind, files, options, command_line);
    }

    ingest::IngestSummary IngestData(const std::string& kind, const std::string& file, bool append = false) {
        return Ingest(kind, {EnterpriseData(file).string()}, "", append);
    }

    // Every row of a query, columns joined by '|', NULL as "NULL"; DuckDB formats the values (decimals exactly).
    std::vector<std::string> Rows(const std::string& sql) {
        store::Connection connection = Workspace().Connect();
        store::Result result =
            connection.Query("SELECT coalesce(CAST(COLUMNS(*) AS VARCHAR), 'NULL') FROM (" + sql + ")");
        std::vector<std::string> rows;
        while (auto chunk = result.NextChunk()) {
            for (uint64_t row = 0; row < chunk->Size(); ++row) {
                std::string line;
                for (uint64_t column = 0; column < chunk->ColumnCount(); ++column) {
                    line += (column == 0 ? "" : "|") + std::string(chunk->Column(column).String(row));
                }
                rows.push_back(std::move(line));
            }
        }
        return rows;
    }

    // "rule_id column rows first_row" per rule of one file's outcome, in the outcome's order.
    static std::vector<std::string> RuleLines(const ingest::FileOutcome& file) {
        std::vector<std::string> lines;
        for (const ingest::RuleCount& rule : file.rules) {
            lines.push_back(rule.rule_id + " " + rule.column + " " + rule.action + " " + std::to_string(rule.rows) +
                            " " + std::to_string(rule.first_row));
        }
        return lines;
    }
};

} // namespace crosswalk::testing
