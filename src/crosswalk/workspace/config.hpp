// crosswalk.yaml: the workspace's settings (database path, DuckDB limits, the sources to load). Read strictly:
// unknown or duplicate keys are errors naming file, line and column.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "crosswalk/common/error.hpp"

namespace crosswalk::workspace {

inline constexpr std::string_view kConfigFileName = "crosswalk.yaml";
inline constexpr int64_t kConfigVersion = 1;

// The kinds of input a workspace can load; `crosswalk ingest KIND` uses the same names.
[[nodiscard]] const std::vector<std::string>& SourceKinds();

// One entry of `sources:`: where files of one kind are found.
struct SourceConfig {
    std::string kind;     // one of SourceKinds()
    std::string path;     // file, folder or glob, relative to the workspace root
    std::string mapping;  // optional column-mapping file for other tools' exports
    std::string provider; // optional: the provider a billing export comes from
    SourceLocation where; // for messages
};

struct WorkspaceConfig {
    int64_t version = kConfigVersion;
    std::string name;
    std::filesystem::path database = "crosswalk.duckdb"; // relative to the workspace root unless absolute
    std::optional<int> threads;                          // DuckDB threads; default all cores
    std::string memory_limit;                            // DuckDB memory limit, e.g. "8GB"; default 80% of RAM
    std::vector<SourceConfig> sources;
};

// Reads and validates `file`. Throws kNotFound when it does not exist, kInvalidInput when it is wrong.
[[nodiscard]] WorkspaceConfig LoadConfig(const std::filesystem::path& file);

// Parses the text of a crosswalk.yaml; `file` is used in messages.
[[nodiscard]] WorkspaceConfig ParseConfig(const std::string& file, std::string_view text);

// The commented crosswalk.yaml that `crosswalk init` writes.
[[nodiscard]] std::string DefaultConfigText(std::string_view name);

} // namespace crosswalk::workspace
