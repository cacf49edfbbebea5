// Writes synthetic FOCUS 1.2 billing data of any size for benchmarks, with DuckDB doing the writing (COPY), so
// generating 10 million rows takes seconds and no memory beyond DuckDB's streaming buffers. Values vary the way
// real exports do: several providers, accounts, services and regions, hourly charge periods, decimals with up
// to 10 places, tags on most rows, some commitment-discount rows.
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
