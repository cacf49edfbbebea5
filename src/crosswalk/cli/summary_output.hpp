// How the CLI prints what a load did (per file, the counts and the rules that fired) and how long work is going.
#pragma once

#include <ostream>

#include "crosswalk/cli/cli.hpp"
#include "crosswalk/common/progress.hpp"
#include "crosswalk/ingest/ingest_summary.hpp"
#include "crosswalk/pipeline/pipeline.hpp"

namespace crosswalk::cli {

void PrintIngestSummary(const ingest::IngestSummary& summary, std::ostream& out);

// What a pipeline run did: per stage, one line (`detailed`: every load's per-file summary too).
void PrintRunResult(const pipeline::RunResult& result, bool detailed, std::ostream& out);

// Draws progress on one self-overwriting line of `terminal.err` when it is a terminal; empty (silent) when it is
// a pipe or a CI log.
[[nodiscard]] ProgressCallback TerminalProgress(const Terminal& terminal);

} // namespace crosswalk::cli
