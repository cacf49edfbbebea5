// A fresh workspace in a temporary folder for each test, with helpers to query it.
#pragma once

#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "crosswalk/workspace/workspace.hpp"

#include "support/temp_dir.hpp"

namespace crosswalk::testing {

class WorkspaceTest : public ::testing::Test {
protected:
    WorkspaceTest() {
        workspace::InitWorkspace(directory_.Path());
        workspace_.emplace(workspace::Workspace::Open(directory_.Path()));
    }

    workspace::Workspace& Workspace() { return *workspace_; }

    // The single value a query returns, as text ("NULL" for null).
    std::string Scalar(const std::string& sql) {
        store::Connection connection = workspace_->Connect();
        return connection.Query("SELECT CAST((" + sql + ") AS VARCHAR)").ScalarString().value_or("NULL");
    }

    TempDir directory_;
    std::optional<workspace::Workspace> workspace_;
};

} // namespace crosswalk::testing
