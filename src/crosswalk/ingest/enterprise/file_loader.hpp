// Loads one registered enterprise file inside the caller's transaction: stage its text, bind its columns,
// type and check every row in SQL, insert the good rows into the kind's table(s) and the bad ones into
// rejected_row, and count what happened.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "crosswalk/ingest/enterprise/source_schema.hpp"
#include "crosswalk/ingest/ingest_summary.hpp"
#include "crosswalk/ingest/input_files.hpp"
#include "crosswalk/ingest/mapping/mapping_file.hpp"
#include "crosswalk/store/transaction.hpp"

namespace crosswalk::ingest::enterprise {

struct FileLoad {
    RowCounts counts;
    std::vector<RuleCount> rules;      // rejects by rule and column, most frequent first
    std::vector<std::string> warnings; // columns not read, mapped columns the file lacks
};

// REQUIRES: `source_file_id` is the registered source_file of `file`; `mapping` may be null. Throws
// crosswalk::Error naming the file when it cannot be read as a whole (the caller's transaction then rolls back).
// `restate` (an --append load of a kind with a restated_period): the rows already loaded for the months the
// file contains are deleted first (a re-extracted month replaces the earlier extract), with a warning saying
// which months and how many rows; files left with no rows are marked replaced by this one.
FileLoad LoadFile(store::Transaction& transaction, const KindSpec& kind, const InputFile& file,
                  const mapping::Mapping* mapping, int64_t source_file_id, int64_t run_id, bool restate = false);

} // namespace crosswalk::ingest::enterprise
