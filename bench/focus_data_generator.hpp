// Writes synthetic FOCUS 1.2 billing data of any size for benchmarks, with DuckDB doing the writing (COPY), so
// generating 10 million rows takes seconds and no memory beyond DuckDB's streaming buffers. Values vary the way
// real exports do: several providers, accounts, services and regions, hourly charge periods, decimals with up
// to 10 places, tags on most rows, some commitment-discount rows. CSV holds text, as CSV exports do; Parquet holds
// the types providers' FOCUS Parquet exports use: DECIMAL(38,18) amounts, TIMESTAMP WITH TIME ZONE (UTC)
// date-times, Tags as MAP(VARCHAR, VARCHAR), VARCHAR for the rest.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "crosswalk/store/connection.hpp"

namespace crosswalk::bench {

enum class BenchFormat { kCsv, kParquet };

// Writes `rows` rows to `path`. Same rows for the same count: the values are functions of the row number.
void WriteFocusData(store::Connection& connection, const std::filesystem::path& path, int64_t rows, BenchFormat format);

} // namespace crosswalk::bench
