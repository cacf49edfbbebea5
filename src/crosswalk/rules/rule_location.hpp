// Where a rule was written, for every message and every provenance a rule gives.
#pragma once

#include <cstdint>
#include <string>

namespace crosswalk::rules {

// The file as the user knows it (relative to the workspace, "rules/tags.yaml") and its 1-based line and column.
struct RuleLocation {
    std::string file;
    int64_t line = 0;
    int64_t column = 0;

    // "tags.yaml:14": the file's name without its folder, and the line (the provenance form).
    [[nodiscard]] std::string Provenance() const;
    // "rules/tags.yaml:14:5" (the error form).
    [[nodiscard]] std::string ToString() const;
};

} // namespace crosswalk::rules
