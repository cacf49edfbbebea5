#include "crosswalk/rules/rule_set.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <openssl/evp.h>
#include <set>
#include <sstream>

#include "crosswalk/rules/parse_support.hpp"
#include "crosswalk/workspace/strict_yaml.hpp"

namespace crosswalk::rules {
namespace {

using detail::Lower;
using detail::Root;
using detail::ScalarList;
using detail::ToRule;
using workspace::LocationOf;
using workspace::StrictMap;

std::string Upper(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return out;
}

bool IsSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// The folding the SQL applies to a value (DuckDB's lower/upper are Unicode-aware; value-map keys written in
// ASCII fold the same way, and others are compared as written after the same trim).
std::string Fold(std::string_view text, CaseFold fold, bool trim) {
    std::string out;
    if (trim) {
        bool space = false;
        for (const char c : text) {
            if (IsSpace(c)) {
                space = !out.empty();
                continue;
            }
            if (space) {
                out.push_back(' ');
                space = false;
            }
            out.push_back(c);
        }
    } else {
        out = std::string(text);
    }
    return fold == CaseFold::kLower ? Lower(out) : fold == CaseFold::kUpper ? Upper(out) : out;
}

bool IsIdentifier(std::string_view name) {
    if (name.empty() || !(std::islower(static_cast<unsigned char>(name[0])) != 0 || name[0] == '_')) {
        return false;
    }
    return std::all_of(name.begin(), name.end(), [](char c) {
        return std::islower(static_cast<unsigned char>(c)) != 0 || std::isdigit(static_cast<unsigned char>(c)) != 0 ||
               c == '_';
    });
}

// A value map `{from: to, ...}`; `from` is folded as the values it is compared with.
std::vector<ValueMapEntry> ValueMap(const std::string& file, const YAML::Node& node, std::string_view what,
                                    CaseFold fold, bool trim) {
    std::vector<ValueMapEntry> entries;
    if (!node || node.IsNull()) {
        return entries;
    }
    const StrictMap map(file, node, std::string(what)); // refuses duplicates and non-text keys
    std::map<std::string, int64_t> folded_lines;
    for (const auto& pair : node) {
        if (!pair.second.IsScalar() || pair.second.Scalar().empty()) {
            ThrowAt(ErrorKind::kInvalidInput, LocationOf(file, pair.second),
                    "the value '{}' maps to must be a non-empty text", pair.first.Scalar());
        }
        const SourceLocation where = LocationOf(file, pair.first);
        ValueMapEntry entry{Fold(pair.first.Scalar(), fold, trim), pair.second.Scalar(), ToRule(where)};
        if (const auto [it, inserted] = folded_lines.emplace(entry.from, where.row); !inserted) {
            ThrowAt(ErrorKind::kInvalidInput, where, "'{}' is the same value as the entry on line {} once folded",
                    pair.first.Scalar(), it->second);
        }
        entries.push_back(std::move(entry));
    }
    return entries;
}

std::string FileName(const std::string& file) {
    return std::filesystem::path(file).filename().string();
}

std::string HexDigest(std::string_view bytes) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int size = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &size, EVP_sha256(), nullptr) != 1) {
        Throw(ErrorKind::kInternal, "OpenSSL SHA-256 failed");
    }
    std::string hex;
    for (unsigned int i = 0; i < size; ++i) {
        hex += fmt::format("{:02x}", digest[i]);
    }
    return hex;
}

} // namespace

std::string RuleLocation::Provenance() const {
    return fmt::format("{}:{}", FileName(file), line);
}

std::string RuleLocation::ToString() const {
    return column > 0 ? fmt::format("{}:{}:{}", file, line, column) : fmt::format("{}:{}", file, line);
}

const std::vector<DimensionSource>& PrecedenceRules::For(const std::string& dimension) const {
    const auto found = per_dimension.find(dimension);
    return found == per_dimension.end() ? order : found->second;
}

TagRules ParseTagRules(const std::string& file, std::string_view text) {
    TagRules rules;
    rules.file = file;
    const std::optional<YAML::Node> root = Root(file, text);
    if (!root) {
        return rules;
    }
    StrictMap map(file, *root, "the tags file");
    std::map<std::string, std::string> claimed; // lower-case spelling -> canonical key
    if (const YAML::Node keys = map.Node("keys"); keys && !keys.IsNull()) {
        const StrictMap keys_map(file, keys, "'keys'");
        for (const auto& pair : keys) {
            TagKeyRule rule;
            rule.key = pair.first.Scalar();
            rule.where = ToRule(LocationOf(file, pair.first));
            if (rule.key.empty()) {
                ThrowAt(ErrorKind::kInvalidInput, LocationOf(file, pair.first), "a tag key must not be empty");
            }
            const auto claim = [&](const std::string& spelling, const SourceLocation& where) {
                const auto [it, inserted] = claimed.emplace(Lower(spelling), rule.key);
                if (!inserted) {
                    ThrowAt(ErrorKind::kInvalidInput, where,
                            "'{}' already means '{}' (keys match without regard to case)", spelling, it->second);
                }
            };
            claim(rule.key, LocationOf(file, pair.first));
            if (!pair.second.IsNull()) {
                StrictMap settings(file, pair.second, fmt::format("tag key '{}'", rule.key));
                for (const auto& [alias, where] : ScalarList(file, settings.Node("aliases"), "aliases")) {
                    if (Lower(alias) == Lower(rule.key)) {
                        ThrowAt(ErrorKind::kInvalidInput, where,
                                "'{}' is the key itself (keys match without regard to case); remove it", alias);
                    }
                    claim(alias, where);
                    rule.aliases.push_back(alias);
                    rule.alias_where.push_back(ToRule(where));
                }
                const std::string fold = settings.OneOf("case", {"preserve", "lower", "upper"}).value_or("preserve");
                rule.fold = fold == "lower"   ? CaseFold::kLower
                            : fold == "upper" ? CaseFold::kUpper
                                              : CaseFold::kPreserve;
                rule.trim = settings.Boolean("trim").value_or(true);
                rule.values = ValueMap(file, settings.Node("values"), "values", rule.fold, rule.trim);
                settings.RejectUnknownKeys({"aliases", "case", "trim", "values"});
            }
            rules.keys.push_back(std::move(rule));
        }
    }
    if (map.Has("required")) {
        rules.required_where = ToRule(map.Where("required"));
        std::set<std::string> seen;
        for (const auto& [key, where] : ScalarList(file, map.Node("required"), "required")) {
            if (!seen.insert(key).second) {
                ThrowAt(ErrorKind::kInvalidInput, where, "'{}' is listed twice", key);
            }
            rules.required.push_back(key);
        }
    }
    map.RejectUnknownKeys({"keys", "required"});
    return rules;
}

TranslatedPattern TranslateNamedGroups(std::string_view regex, const SourceLocation& where) {
    TranslatedPattern out;
    for (size_t i = 0; i < regex.size(); ++i) {
        const char c = regex[i];
        if (c == '\\' && i + 1 < regex.size()) {
            out.re2 += regex.substr(i, 2);
            ++i;
            continue;
        }
        size_t name_start = std::string_view::npos;
        if (regex.substr(i, 4) == "(?P<") {
            name_start = i + 4;
        } else if (regex.substr(i, 3) == "(?<" && i + 3 < regex.size() && regex[i + 3] != '=' && regex[i + 3] != '!') {
            name_start = i + 3;
        }
        if (name_start == std::string_view::npos) {
            out.re2.push_back(c);
            continue;
        }
        const size_t end = regex.find('>', name_start);
        if (end == std::string_view::npos) {
            ThrowAt(ErrorKind::kInvalidInput, where, "a named group in '{}' is not closed with '>'", regex);
        }
        const std::string name(regex.substr(name_start, end - name_start));
        if (!IsIdentifier(name)) {
            ThrowAt(ErrorKind::kInvalidInput, where,
                    "group name '{}' must be lower case letters, digits and '_' (it becomes a dimension)", name);
        }
        if (std::find(out.groups.begin(), out.groups.end(), name) != out.groups.end()) {
            ThrowAt(ErrorKind::kInvalidInput, where, "group name '{}' appears twice", name);
        }
        out.groups.push_back(name);
        out.re2 += "(?P<" + name + ">";
        i = end;
    }
    return out;
}

NamingRules ParseNamingRules(const std::string& file, std::string_view text) {
    NamingRules rules;
    rules.file = file;
    const std::optional<YAML::Node> root = Root(file, text);
    if (!root) {
        return rules;
    }
    StrictMap map(file, *root, "the naming file");
    const YAML::Node patterns = map.Node("patterns");
    map.RejectUnknownKeys({"patterns"});
    if (!patterns || patterns.IsNull()) {
        return rules;
    }
    if (!patterns.IsSequence()) {
        ThrowAt(ErrorKind::kInvalidInput, map.Where("patterns"), "'patterns' must be a list");
    }
    detail::ScratchDatabase scratch; // RE2 as DuckDB runs it validates each pattern
    std::set<std::string> names;
    for (const YAML::Node& entry : patterns) {
        StrictMap rule(file, entry, "pattern");
        NamingPattern pattern;
        pattern.where = ToRule(rule.Where());
        pattern.name = rule.String("name").value_or(fmt::format("pattern-{}", rules.patterns.size() + 1));
        if (pattern.name.empty() || !std::all_of(pattern.name.begin(), pattern.name.end(), [](char c) {
                return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.';
            })) {
            ThrowAt(ErrorKind::kInvalidInput, rule.Where("name"),
                    "pattern name '{}' must be letters, digits, '-', '_' or '.'", pattern.name);
        }
        if (!names.insert(pattern.name).second) {
            ThrowAt(ErrorKind::kInvalidInput, rule.Has("name") ? rule.Where("name") : rule.Where(),
                    "pattern name '{}' is used twice", pattern.name);
        }
        const std::string field = rule.OneOf("field", {"ResourceName", "ResourceId"}).value_or("ResourceName");
        pattern.field = field == "ResourceId" ? NameField::kResourceId : NameField::kResourceName;
        if (!rule.Has("regex")) {
            ThrowAt(ErrorKind::kInvalidInput, rule.Where(), "pattern needs 'regex'");
        }
        pattern.regex = rule.RequiredString("regex");
        const SourceLocation regex_where = rule.Where("regex");
        TranslatedPattern translated = TranslateNamedGroups(pattern.regex, regex_where);
        if (translated.groups.empty()) {
            ThrowAt(ErrorKind::kInvalidInput, regex_where,
                    "the regex has no named group; name what it extracts, e.g. (?<application>[a-z]+)");
        }
        pattern.re2 = std::move(translated.re2);
        pattern.groups = std::move(translated.groups);
        scratch.CheckRegex(pattern.re2, regex_where);
        if (const YAML::Node values = rule.Node("values"); values && !values.IsNull()) {
            const StrictMap by_group(file, values, "'values'");
            for (const auto& pair : values) {
                const std::string& group = pair.first.Scalar();
                if (std::find(pattern.groups.begin(), pattern.groups.end(), group) == pattern.groups.end()) {
                    const std::string nearest = workspace::NearestWord(group, pattern.groups);
                    ThrowAt(ErrorKind::kInvalidInput, LocationOf(file, pair.first), "the regex has no group '{}'{}",
                            group, nearest.empty() ? "" : fmt::format(" (did you mean '{}'?)", nearest));
                }
                pattern.values[group] =
                    ValueMap(file, pair.second, fmt::format("values of '{}'", group), CaseFold::kPreserve, false);
            }
        }
        rule.RejectUnknownKeys({"name", "field", "regex", "values"});
        rules.patterns.push_back(std::move(pattern));
    }
    return rules;
}

LoadResult LoadRuleSet(const std::filesystem::path& workspace_root) {
    LoadResult result;
    std::string hashed;
    const auto read = [&](const std::string& name) -> std::optional<std::string> {
        const std::filesystem::path path = workspace_root / "rules" / name;
        if (!std::filesystem::exists(path)) {
            return std::nullopt;
        }
        std::ifstream in(path, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        if (!in) {
            result.errors.emplace_back(ErrorKind::kIo, fmt::format("cannot read {}", path.string()));
            return std::nullopt;
        }
        hashed += fmt::format("rules/{}\n{}\n{}", name, text.str().size(), text.str());
        return text.str();
    };
    if (const auto text = read("tags.yaml")) {
        try {
            result.rules.tags = ParseTagRules("rules/tags.yaml", *text);
        } catch (const Error& error) {
            result.errors.push_back(error);
        }
    }
    if (const auto text = read("naming.yaml")) {
        try {
            result.rules.naming = ParseNamingRules("rules/naming.yaml", *text);
        } catch (const Error& error) {
            result.errors.push_back(error);
        }
    }
    const auto parse = [&](const std::string& name, auto parser, auto& into) {
        if (const auto text = read(name)) {
            try {
                into = parser("rules/" + name, *text);
            } catch (const Error& error) {
                result.errors.push_back(error);
            }
        }
    };
    parse("accounts.yaml", ParseAccountRules, result.rules.accounts);
    parse("taxonomy.yaml", ParseTaxonomyRules, result.rules.taxonomy);
    parse("enrichment.yaml", ParsePrecedenceRules, result.rules.precedence);
    parse("allocation.yaml", ParseAllocationRules, result.rules.allocation);
    parse("licensing.yaml", ParseLicensingRules, result.rules.licensing);
    parse("vendors.yaml", ParseVendorRules, result.rules.vendors);
    parse("budgets.yaml", ParseBudgetRules, result.rules.budgets);
    parse("policy.yaml", ParsePolicyRules, result.rules.policy);
    result.rules.sha256 = hashed.empty() ? "" : HexDigest(hashed);
    return result;
}

RuleSet LoadRuleSetOrThrow(const std::filesystem::path& workspace_root) {
    LoadResult result = LoadRuleSet(workspace_root);
    if (!result.errors.empty()) {
        throw result.errors.front();
    }
    return std::move(result.rules);
}

} // namespace crosswalk::rules
