// What the reports over the allocation ledger share (report/ only).
#pragma once

#include <string>

#include "crosswalk/store/connection.hpp"

namespace crosswalk::report::detail {

// Throws kNotFound, saying how to make one, when no allocation has been made yet (allocation_run is empty).
void RequireAllocation(store::Connection& connection);

// Empty when the latest allocation has every loaded billing file in it; else a sentence saying how many were
// loaded after it (by `crosswalk ingest`) and that `crosswalk run` allocates them.
[[nodiscard]] std::string StaleAllocationNote(store::Connection& connection);

} // namespace crosswalk::report::detail
