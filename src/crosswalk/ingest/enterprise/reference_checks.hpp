// Links between sources that can be checked at load time: an installation's host in the asset register or in
// billing, a relation's CIs in the CMDB, a cost center in the org, an entitlement's contract. A link that does
// not resolve is a warning with a count, never a dropped row: the sources disagree, and showing where is the
// reconciliation report's job. A link into a kind that is not loaded at all is not checked (and a note says so).
#pragma once

#include <cstdint>

#include "crosswalk/ingest/enterprise/source_schema.hpp"
#include "crosswalk/ingest/ingest_summary.hpp"
#include "crosswalk/store/connection.hpp"

namespace crosswalk::ingest::enterprise {

// Checks the rows loaded from `outcome.source_file_id` and adds a RuleCount (action "warn") per link that does
// not always resolve, plus a note with an example. Run after every file of the load is in.
void CheckReferences(store::Connection& connection, const KindSpec& kind, FileOutcome& outcome);

} // namespace crosswalk::ingest::enterprise
