// The summary `crosswalk demo` prints after loading the generated company: spend by provider and month, the
// application tags as found, what no tag attributes, the license inventory, and where to look next. Each
// pipeline stage that exists adds its part here.
#pragma once

#include <ostream>

#include "crosswalk/workspace/workspace.hpp"

namespace crosswalk::report {

void WriteDemoSummary(workspace::Workspace& workspace, std::ostream& out);

} // namespace crosswalk::report
