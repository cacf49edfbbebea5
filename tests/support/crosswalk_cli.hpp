// The built `crosswalk` binary as the end-to-end tests run it (CROSSWALK_BINARY comes from the e2e target).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "support/process.hpp"

namespace crosswalk::testing {

// Runs `crosswalk ARGUMENTS...`, feeding `input` on stdin.
inline ProcessResult Crosswalk(const std::vector<std::string>& arguments, const std::string& input = "") {
    return RunProcess(CROSSWALK_BINARY, arguments, "", input);
}

// `crosswalk sql -w WORKSPACE --format csv QUERY`: its output, expecting exit 0.
inline std::string CrosswalkSql(const std::filesystem::path& workspace, const std::string& query) {
    const ProcessResult result = Crosswalk({"sql", "-w", workspace.string(), "--format", "csv", query});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return result.out;
}

} // namespace crosswalk::testing
