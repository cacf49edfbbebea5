// The rules of a workspace (rules/tags.yaml, rules/naming.yaml), read strictly: every error names the file,
// line and column, unknown keys get a did-you-mean, duplicate keys are refused. Each rule remembers where it
// was written, so every value it produces can say `rule:tags.yaml:14`. See docs/rules.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "crosswalk/common/error.hpp"

namespace crosswalk::rules {

// Where a rule was written: the file as the user knows it (relative to the workspace, "rules/tags.yaml") and
// its 1-based line and column.
struct RuleLocation {
    std::string file;
    int64_t line = 0;
    int64_t column = 0;

    // "tags.yaml:14": the file's name without its folder, and the line (the provenance form).
    [[nodiscard]] std::string Provenance() const;
    // "rules/tags.yaml:14:5" (the error form).
    [[nodiscard]] std::string ToString() const;
};

// One entry of a value map: `from` (already folded like the values it is compared with) → `to`.
struct ValueMapEntry {
    std::string from;
    std::string to;
    RuleLocation where;
};

enum class CaseFold { kPreserve, kLower, kUpper };

// One canonical tag key: the spellings that mean it, how its values are folded, and its value map.
struct TagKeyRule {
    std::string key;                  // the canonical key, e.g. application
    std::vector<std::string> aliases; // other spellings, matched without regard to case
    std::vector<RuleLocation> alias_where;
    CaseFold fold = CaseFold::kPreserve;
    bool trim = true; // strip the ends and collapse inner runs of white space to one space
    std::vector<ValueMapEntry> values;
    RuleLocation where;
};

struct TagRules {
    std::vector<TagKeyRule> keys;
    std::vector<std::string> required; // the tag policy: keys every resource must carry
    RuleLocation required_where;
    std::string file; // "rules/tags.yaml", empty when the workspace has none
};

enum class NameField { kResourceName, kResourceId };

// One naming-standard pattern: a regular expression with named groups over a resource's name or id.
struct NamingPattern {
    std::string name; // "pattern-1" unless the rule names it
    NameField field = NameField::kResourceName;
    std::string regex;                                        // as written
    std::string re2;                                          // RE2 syntax: (?<g>...) written as (?P<g>...)
    std::vector<std::string> groups;                          // the named groups, in order: the dimensions it extracts
    std::map<std::string, std::vector<ValueMapEntry>> values; // per group
    RuleLocation where;
};

struct NamingRules {
    std::vector<NamingPattern> patterns;
    std::string file; // "rules/naming.yaml", empty when the workspace has none
};

struct RuleSet {
    TagRules tags;
    NamingRules naming;
    std::string sha256; // of every rule file read (name and bytes), hex; empty when there were none
};

// Parses the text of a tags file. `file` is the name used in messages and provenance ("rules/tags.yaml").
// Throws crosswalk::Error (kInvalidInput) at the first error, with its line and column.
[[nodiscard]] TagRules ParseTagRules(const std::string& file, std::string_view text);

// Parses the text of a naming file; every pattern is compiled (by DuckDB's RE2) so a bad one fails here.
[[nodiscard]] NamingRules ParseNamingRules(const std::string& file, std::string_view text);

// The result of reading a workspace's rules/ folder: the rules, or one error per broken file.
struct LoadResult {
    RuleSet rules;
    std::vector<Error> errors;
};

// Reads `workspace_root`/rules/tags.yaml and naming.yaml (each optional). Other files in rules/ belong to
// stages that read them themselves. Never throws for a broken file: its error is in `errors`.
[[nodiscard]] LoadResult LoadRuleSet(const std::filesystem::path& workspace_root);

// As LoadRuleSet, but throws the first error.
[[nodiscard]] RuleSet LoadRuleSetOrThrow(const std::filesystem::path& workspace_root);

// Fixes `(?<name>` into RE2's `(?P<name>` and lists the named groups in order. Throws kInvalidInput (at
// `where`) for a group name that is not a lower-case identifier or appears twice.
struct TranslatedPattern {
    std::string re2;
    std::vector<std::string> groups;
};

[[nodiscard]] TranslatedPattern TranslateNamedGroups(std::string_view regex, const SourceLocation& where);

} // namespace crosswalk::rules
