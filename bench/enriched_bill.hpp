// The bill the enrichment and allocation benchmarks share, in one in-memory DuckDB: ROWS cost lines over
// DISTINCT_RESOURCES resources (each its own name and tag set, one of four spellings of the application key;
// one in eight untagged, half of those linked to a CI of their application), 40 applications on 10 cost
// centers, 20 sub accounts, 6 services, one month; and the tag and naming rules that read it.
#pragma once

#include <cstdint>

#include "crosswalk/rules/rule_set.hpp"
#include "crosswalk/store/connection.hpp"

namespace crosswalk::bench {

// Writes the bill into `connection` (a migrated store).
void GenerateEnrichedBill(store::Connection& connection, int64_t rows, int64_t resources);

// The tag and naming rules that read the bill's application and environment.
[[nodiscard]] rules::RuleSet BenchRules();

} // namespace crosswalk::bench
