// The summary `crosswalk demo` prints after loading the generated company: spend by provider and month, the
// application tags as found, what no tag attributes, the license inventory, and where to look next. Each
// pipeline stage that exists adds its part here.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "crosswalk/store/connection.hpp"
#include "crosswalk/workspace/workspace.hpp"

namespace crosswalk::report {

// One table of the summary: its title and the query that makes it.
struct SummarySection {
    std::string title;
    std::string sql;
};

// The summary's tables, in print order, for the data `connection` sees (the month columns depend on it). Tests
// run these queries to check their result types (no money as DOUBLE).
[[nodiscard]] std::vector<SummarySection> DemoSummarySections(store::Connection& connection);

void WriteDemoSummary(workspace::Workspace& workspace, std::ostream& out);

} // namespace crosswalk::report
