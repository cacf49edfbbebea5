// A strict reader over yaml-cpp for crosswalk's own files (crosswalk.yaml, rules/*.yaml). yaml-cpp accepts
// duplicate keys silently and reads `yes`/`on` as booleans and money through double; this layer makes
// duplicate and unknown keys errors (with a did-you-mean), reads scalars as text for our own strict parsers,
// and puts file:line:column into every message.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "crosswalk/common/error.hpp"

namespace crosswalk::workspace {

// Where `node` starts in `file` (yaml-cpp marks are 0-based; ours 1-based).
[[nodiscard]] SourceLocation LocationOf(const std::string& file, const YAML::Node& node);

// Parses YAML text; a syntax error becomes kInvalidInput at its line and column.
[[nodiscard]] YAML::Node ParseYaml(const std::string& file, std::string_view text);

// One YAML mapping read key by key. Not thread-safe.
class StrictMap {
public:
    // Throws kInvalidInput if `node` is not a mapping, or has a duplicate or non-scalar key. `what` names the
    // mapping in messages ("crosswalk.yaml", "source").
    StrictMap(std::string file, const YAML::Node& node, std::string what);

    [[nodiscard]] bool Has(std::string_view key) const;

    // A scalar, as written. Throws kInvalidInput when the value is a list or a mapping.
    [[nodiscard]] std::optional<std::string> String(std::string_view key);
    [[nodiscard]] std::string RequiredString(std::string_view key);

    // An integer written in decimal digits.
    [[nodiscard]] std::optional<int64_t> Integer(std::string_view key);

    // Only `true` or `false`: YAML 1.1's yes/no/on/off are refused as ambiguous.
    [[nodiscard]] std::optional<bool> Boolean(std::string_view key);

    // A value of one of `allowed`.
    [[nodiscard]] std::optional<std::string> OneOf(std::string_view key, const std::vector<std::string>& allowed);

    // The raw node of a key (a nested mapping or list), or an undefined node when absent.
    [[nodiscard]] YAML::Node Node(std::string_view key);

    [[nodiscard]] SourceLocation Where(std::string_view key) const;

    [[nodiscard]] SourceLocation Where() const { return LocationOf(file_, node_); }

    // Throws kInvalidInput for the first key that no accessor asked for, suggesting the nearest known key.
    void RejectUnknownKeys(const std::vector<std::string>& known) const;

    [[nodiscard]] const std::string& File() const noexcept { return file_; }

private:
    [[nodiscard]] YAML::Node Scalar(std::string_view key);

    std::string file_;
    YAML::Node node_;
    std::string what_;
};

// The candidate nearest to `word` by edit distance, if close enough to be a likely typo; else empty.
[[nodiscard]] std::string NearestWord(std::string_view word, const std::vector<std::string>& candidates);

} // namespace crosswalk::workspace
