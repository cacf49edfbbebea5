// Expands what a user names on `crosswalk ingest` (files, folders, globs) into the input files to load, each
// with its format, in a stable order. A folder or glob is one load: a provider's partitioned export of one
// billing period arrives as several part files.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace crosswalk::ingest {

enum class FileFormat { kCsv, kCsvGzip, kParquet, kJson, kNdjson };

// "csv", "csv.gz", "parquet", "json", "ndjson": the names source_file.format uses.
[[nodiscard]] std::string_view FileFormatName(FileFormat format);

struct InputFile {
    std::filesystem::path path; // as found (absolute when the pattern was)
    FileFormat format;
    uint64_t size_bytes = 0;
};

// A file a folder or glob held that is not read, and why ("not a .csv, .csv.gz, .parquet file").
struct SkippedInput {
    std::filesystem::path path;
    std::string reason;
};

// The format of `path` from its name (.csv, .csv.gz, .parquet, .json, .ndjson/.jsonl); nullopt if unknown.
[[nodiscard]] std::optional<FileFormat> FormatOf(const std::filesystem::path& path);

// Expands each pattern: an existing file is taken as it is (its format must be known and accepted); a folder is
// searched recursively for files of the accepted formats; anything else is a glob (*, ?, [..]). Relative
// patterns are taken from `base`. The result is sorted by path and without duplicates. Throws kNotFound when a
// pattern matches nothing, kInvalidInput for a named file of an unknown or unaccepted format. The files a folder
// or glob holds that are not taken (another format, not a regular file: a broken link) go to `skipped` when
// given, sorted by path, so that a caller can list them instead of ignoring them silently.
[[nodiscard]] std::vector<InputFile> ExpandInputs(std::span<const std::string> patterns,
                                                  const std::filesystem::path& base,
                                                  std::span<const FileFormat> accepted,
                                                  std::vector<SkippedInput>* skipped = nullptr);

} // namespace crosswalk::ingest
