// What the parsers of the rule files share (rules/*.cpp only; not part of the rules' public surface): the
// location conversion, the document root, and a regular-expression check by DuckDB's own RE2.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include "crosswalk/common/error.hpp"
#include "crosswalk/rules/rule_set.hpp"
#include "crosswalk/store/connection.hpp"
#include "crosswalk/store/database.hpp"

namespace crosswalk::rules::detail {

[[nodiscard]] RuleLocation ToRule(const SourceLocation& location);

// The document, or nullopt for an empty (or all-comment) file, which holds no rules.
[[nodiscard]] std::optional<YAML::Node> Root(const std::string& file, std::string_view text);

[[nodiscard]] std::string Lower(std::string_view text);

// YYYY-MM with a month 01..12.
[[nodiscard]] bool IsMonth(const std::string& text);

// " (did you mean 'x'?)" for the nearest of `candidates`, or "".
[[nodiscard]] std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates);

// A list of non-empty scalars (`[a, b]` or a block list) with where each is; an absent or null node is empty.
[[nodiscard]] std::vector<std::pair<std::string, SourceLocation>>
ScalarList(const std::string& file, const YAML::Node& node, std::string_view what);

// An in-memory DuckDB opened on first use, for checks that must agree with what the compiled SQL will do.
// Not thread-safe.
class ScratchDatabase {
public:
    [[nodiscard]] store::Connection& Get();

    // Throws kInvalidInput at `where` when DuckDB's RE2 refuses `re2`, with RE2's own words.
    void CheckRegex(const std::string& re2, const SourceLocation& where);

private:
    std::optional<store::Database> database_;
    std::optional<store::Connection> connection_;
};

} // namespace crosswalk::rules::detail
