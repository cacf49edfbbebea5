// How the CLI prints what a load did: per file, the counts and the rules that fired.
#pragma once

#include <ostream>

#include "crosswalk/ingest/ingest_summary.hpp"

namespace crosswalk::cli {

void PrintIngestSummary(const ingest::IngestSummary& summary, std::ostream& out);

} // namespace crosswalk::cli
