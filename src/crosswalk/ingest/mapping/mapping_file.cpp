#include "crosswalk/ingest/mapping/mapping_file.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "crosswalk/workspace/strict_yaml.hpp"

namespace crosswalk::ingest::mapping {
namespace {

using workspace::LocationOf;
using workspace::StrictMap;

// A scalar or a list of scalars, as a list. Throws for mappings, nested lists and empty text.
std::vector<std::string> ScalarOrList(const std::string& file, const YAML::Node& node, std::string_view what) {
    std::vector<std::string> items;
    if (node.IsScalar()) {
        items.push_back(node.Scalar());
    } else if (node.IsSequence()) {
        for (const YAML::Node& item : node) {
            if (!item.IsScalar()) {
                ThrowAt(ErrorKind::kInvalidInput, LocationOf(file, item), "{} must be text or a list of texts", what);
            }
            items.push_back(item.Scalar());
        }
    } else {
        ThrowAt(ErrorKind::kInvalidInput, LocationOf(file, node), "{} must be text or a list of texts", what);
    }
    if (items.empty() || std::any_of(items.begin(), items.end(), [](const std::string& s) { return s.empty(); })) {
        ThrowAt(ErrorKind::kInvalidInput, LocationOf(file, node), "{} must not be empty", what);
    }
    return items;
}

std::vector<std::pair<std::string, std::string>> ValueMap(const std::string& file, const YAML::Node& node,
                                                          std::string_view target) {
    const std::string what = fmt::format("'values' of column '{}'", target);
    StrictMap map(file, node, what); // refuses duplicate keys, which yaml-cpp would keep silently
    std::vector<std::pair<std::string, std::string>> values;
    for (const auto& pair : node) {
        const YAML::Node& value = pair.second;
        if (!value.IsScalar() && !value.IsNull()) {
            ThrowAt(ErrorKind::kInvalidInput, LocationOf(file, value),
                    "{} maps '{}' to a list or mapping; "
                    "write one value",
                    what, pair.first.Scalar());
        }
        values.emplace_back(pair.first.Scalar(), value.IsNull() ? std::string() : value.Scalar());
    }
    return values;
}

std::optional<MultiValue> ParseMultiValue(StrictMap& map) {
    const std::optional<std::string> text = map.OneOf("multi_value", {"as_is", "first", "join"});
    if (!text) {
        return std::nullopt;
    }
    return *text == "first" ? MultiValue::kFirst : *text == "join" ? MultiValue::kJoin : MultiValue::kAsIs;
}

DeriveRule ParseDeriveRule(const std::string& file, const YAML::Node& node, std::string_view target) {
    DeriveRule rule;
    rule.where = LocationOf(file, node);
    const std::string what = fmt::format("'derive' of column '{}'", target);
    StrictMap map(file, node, what);
    const YAML::Node from = map.Node("from");
    if (!from) {
        ThrowAt(ErrorKind::kInvalidInput, rule.where, "{} needs 'from': the schema columns the key is made of", what);
    }
    rule.from = ScalarOrList(file, from, fmt::format("'from' of {}", what));
    rule.hash = map.Boolean("hash").value_or(true);
    rule.prefix = map.String("prefix").value_or("");
    map.RejectUnknownKeys({"from", "hash", "prefix"});
    return rule;
}

// `derive:` is one rule (a mapping), a list of rules, or a list of column names (one hashed rule).
std::vector<DeriveRule> ParseDerive(const std::string& file, const YAML::Node& node, std::string_view target) {
    std::vector<DeriveRule> rules;
    if (node.IsMap()) {
        rules.push_back(ParseDeriveRule(file, node, target));
    } else if (node.IsSequence() && node.size() > 0 && node[0].IsScalar()) {
        DeriveRule rule;
        rule.where = LocationOf(file, node);
        rule.from = ScalarOrList(file, node, fmt::format("'derive' of column '{}'", target));
        rules.push_back(std::move(rule));
    } else if (node.IsSequence() && node.size() > 0) {
        for (const YAML::Node& item : node) {
            rules.push_back(ParseDeriveRule(file, item, target));
        }
    } else {
        ThrowAt(ErrorKind::kInvalidInput, LocationOf(file, node),
                "'derive' of column '{}' must be a list of columns, a mapping with from/hash/prefix, or a list of "
                "those mappings",
                target);
    }
    return rules;
}

ColumnMapping ParseColumn(const std::string& file, const std::string& target, const YAML::Node& node) {
    ColumnMapping column;
    column.target = target;
    column.where = LocationOf(file, node);
    if (node.IsScalar() || node.IsSequence()) {
        column.from = ScalarOrList(file, node, fmt::format("the source of column '{}'", target));
        return column;
    }
    if (!node.IsMap()) {
        ThrowAt(ErrorKind::kInvalidInput, column.where,
                "column '{}' must name a source column, a list of them, or a mapping with from/value/default", target);
    }
    StrictMap map(file, node, fmt::format("column '{}'", target));
    if (const YAML::Node from = map.Node("from")) {
        column.from = ScalarOrList(file, from, fmt::format("'from' of column '{}'", target));
    }
    column.constant = map.String("value");
    column.default_value = map.String("default");
    column.extract = map.String("extract").value_or("");
    if (const YAML::Node values = map.Node("values")) {
        column.values = ValueMap(file, values, target);
    }
    if (const YAML::Node key_values = map.Node("key_values")) {
        column.key_values = ValueMap(file, key_values, target);
    }
    if (const YAML::Node otherwise = map.Node("otherwise"); otherwise && otherwise.IsNull()) {
        column.otherwise = ""; // `otherwise: ~`, as a value mapped to ~: empty
    } else {
        column.otherwise = map.String("otherwise");
    }
    if (const YAML::Node formats = map.Node("date_format")) {
        column.date_formats = ScalarOrList(file, formats, fmt::format("'date_format' of column '{}'", target));
    }
    column.multiply = map.Integer("multiply");
    column.multi_value = ParseMultiValue(map);
    if (const YAML::Node derive = map.Node("derive")) {
        column.derive = ParseDerive(file, derive, target);
    }
    if (const std::optional<std::string> repeats = map.OneOf("repeats", {"number", "reject"})) {
        if (column.derive.empty()) {
            ThrowAt(ErrorKind::kInvalidInput, map.Where("repeats"), "'repeats' needs 'derive' in column '{}'", target);
        }
        column.number_repeats = *repeats == "number";
    }
    map.RejectUnknownKeys({"from", "value", "default", "extract", "values", "key_values", "otherwise", "date_format",
                           "multiply", "multi_value", "derive", "repeats"});

    if (column.constant && (!column.from.empty() || column.default_value || !column.values.empty() ||
                            column.otherwise || !column.extract.empty() || column.multiply || !column.derive.empty())) {
        ThrowAt(ErrorKind::kInvalidInput, column.where,
                "column '{}' has a constant 'value'; it cannot also take 'from', 'default', 'values', 'otherwise', "
                "'extract', 'multiply' or 'derive'",
                target);
    }
    if (!column.constant && column.from.empty() && !column.default_value && column.derive.empty()) {
        ThrowAt(ErrorKind::kInvalidInput, column.where, "column '{}' needs 'from', 'value', 'default' or 'derive'",
                target);
    }
    if (column.otherwise && column.values.empty()) {
        ThrowAt(ErrorKind::kInvalidInput, map.Where("otherwise"), "'otherwise' needs 'values' in column '{}'", target);
    }
    if (column.multiply && *column.multiply <= 0) {
        ThrowAt(ErrorKind::kInvalidInput, map.Where("multiply"), "'multiply' must be a whole number above 0");
    }
    if (!column.extract.empty() && column.extract.find('(') == std::string::npos) {
        ThrowAt(ErrorKind::kInvalidInput, map.Where("extract"),
                "'extract' must be a regular expression with a group, e.g. '\\((\\w+)\\)$'");
    }
    return column;
}

FileFormatOptions ParseFormat(const std::string& file, const YAML::Node& node) {
    StrictMap map(file, node, "format");
    FileFormatOptions format;
    format.delimiter = map.String("delimiter").value_or("");
    format.quote = map.String("quote").value_or("");
    format.decimal_separator = map.String("decimal_separator").value_or("");
    format.thousands_separator = map.String("thousands_separator").value_or("");
    if (const YAML::Node formats = map.Node("date_format")) {
        format.date_formats = ScalarOrList(file, formats, "'date_format'");
    }
    format.encoding = map.OneOf("encoding", {"utf-8", "utf-16", "latin-1"}).value_or("");
    if (const YAML::Node symbols = map.Node("currency_symbol")) {
        format.currency_symbols = ScalarOrList(file, symbols, "'currency_symbol'");
    }
    format.multi_value = ParseMultiValue(map).value_or(MultiValue::kAsIs);
    map.RejectUnknownKeys({"delimiter", "quote", "decimal_separator", "thousands_separator", "date_format", "encoding",
                           "currency_symbol", "multi_value"});
    if (format.delimiter.size() > 1 && format.delimiter != "\\t") {
        ThrowAt(ErrorKind::kInvalidInput, map.Where("delimiter"), "'delimiter' must be one character");
    }
    if (format.quote.size() > 1) {
        ThrowAt(ErrorKind::kInvalidInput, map.Where("quote"), "'quote' must be one character");
    }
    if ((format.decimal_separator.size() > 1 && format.decimal_separator != "auto") ||
        format.thousands_separator.size() > 1) {
        ThrowAt(ErrorKind::kInvalidInput, map.Where(),
                "number separators must be one character each (decimal_separator may also be auto)");
    }
    if (!format.decimal_separator.empty() && format.decimal_separator == format.thousands_separator) {
        ThrowAt(ErrorKind::kInvalidInput, map.Where(), "the decimal and thousands separators must differ");
    }
    return format;
}

} // namespace

Mapping LoadMapping(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        Throw(ErrorKind::kNotFound, "mapping file {} not found", path.string());
    }
    std::ostringstream text;
    text << in.rdbuf();
    return ParseMapping(path.string(), text.str());
}

Mapping ParseMapping(const std::string& file, std::string_view text) {
    const YAML::Node root = workspace::ParseYaml(file, text);
    if (!root || root.IsNull()) {
        ThrowAt(ErrorKind::kInvalidInput, SourceLocation{file, 0, ""},
                "the mapping file is empty; it needs 'kind' and 'columns'");
    }
    StrictMap map(file, root, "mapping file");
    map.RejectUnknownKeys({"kind", "description", "format", "columns"});
    Mapping mapping;
    mapping.file = file;
    mapping.kind = map.RequiredString("kind");
    mapping.description = map.String("description").value_or("");
    if (const YAML::Node format = map.Node("format")) {
        mapping.format = ParseFormat(file, format);
    }
    const YAML::Node columns = map.Node("columns");
    if (!columns || !columns.IsMap() || columns.size() == 0) {
        ThrowAt(ErrorKind::kInvalidInput, columns ? LocationOf(file, columns) : map.Where(),
                "'columns' must map schema columns to the export's columns");
    }
    StrictMap column_map(file, columns, "columns");
    std::vector<std::string> targets;
    for (const auto& pair : columns) {
        mapping.columns.push_back(ParseColumn(file, pair.first.Scalar(), pair.second));
        targets.push_back(pair.first.Scalar());
    }
    // A derived key is made of other columns of the mapping (their text as read), never of itself.
    for (const ColumnMapping& column : mapping.columns) {
        for (const DeriveRule& rule : column.derive) {
            for (const std::string& input : rule.from) {
                if (input == column.target) {
                    ThrowAt(ErrorKind::kInvalidInput, rule.where, "column '{}' cannot be derived from itself",
                            column.target);
                }
                if (std::find(targets.begin(), targets.end(), input) == targets.end()) {
                    const std::string nearest = workspace::NearestWord(input, targets);
                    ThrowAt(ErrorKind::kInvalidInput, rule.where,
                            "'derive' of column '{}' names '{}', which the mapping does not map{}", column.target,
                            input, nearest.empty() ? "" : fmt::format("; did you mean '{}'?", nearest));
                }
            }
        }
    }
    return mapping;
}

const ColumnMapping* FindColumn(const Mapping& mapping, std::string_view target) {
    for (const ColumnMapping& column : mapping.columns) {
        if (column.target == target) {
            return &column;
        }
    }
    return nullptr;
}

} // namespace crosswalk::ingest::mapping
