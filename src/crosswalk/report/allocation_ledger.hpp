// What the reports over the allocation ledger share (report/ only).
#pragma once

#include "crosswalk/store/connection.hpp"

namespace crosswalk::report::detail {

// Throws kNotFound, saying how to make one, when no allocation has been made yet (allocation_run is empty).
void RequireAllocation(store::Connection& connection);

} // namespace crosswalk::report::detail
