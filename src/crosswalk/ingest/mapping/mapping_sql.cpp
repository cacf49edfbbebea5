#include "crosswalk/ingest/mapping/mapping_sql.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include "crosswalk/common/text.hpp"
#include "crosswalk/store/sql_quote.hpp"

namespace crosswalk::ingest::mapping {
namespace {

// Lower case, surrounding spaces removed, inner runs of spaces as one space, non-breaking spaces as spaces and
// typographic apostrophes as "'": exports of one tool differ in these between versions and languages.
std::string FoldedHeader(std::string_view text) {
    std::string spaced;
    for (size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
            spaced += ' '; // U+00A0
            ++i;
        } else if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
                   (static_cast<unsigned char>(text[i + 2]) == 0x98 ||
                    static_cast<unsigned char>(text[i + 2]) == 0x99)) {
            spaced += '\''; // U+2018, U+2019
            i += 2;
        } else if (std::isspace(c) != 0) {
            spaced += ' ';
        } else {
            spaced += static_cast<char>(std::tolower(c));
        }
    }
    std::string folded;
    for (const char c : spaced) {
        if (c == ' ' && (folded.empty() || folded.back() == ' ')) {
            continue;
        }
        folded += c;
    }
    while (!folded.empty() && folded.back() == ' ') {
        folded.pop_back();
    }
    return folded;
}

// A value as `values` keys are compared: trimmed, lower case.
std::string Folded(std::string_view text) {
    size_t begin = 0;
    size_t end = text.size();
    while (begin < end && std::isspace(static_cast<unsigned char>(text[begin])) != 0) {
        ++begin;
    }
    while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1])) != 0) {
        --end;
    }
    return ToLower(text.substr(begin, end - begin));
}

// trim() removes spaces only; exports also pad with tabs and non-breaking spaces.
std::string Trimmed(const std::string& text) {
    return fmt::format("NULLIF(regexp_replace({}, '^[\\s\\x{{00A0}}]+|[\\s\\x{{00A0}}]+$', '', 'g'), '')", text);
}

// The non-empty lines of a cell, trimmed, as a list.
std::string Lines(const std::string& text) {
    return fmt::format("list_filter(list_transform(string_split(regexp_replace({}, '\\r\\n?', '\\n', 'g'), "
                       "chr(10)), lambda line: {}), lambda line: line IS NOT NULL)",
                       text, Trimmed("line"));
}

std::string Coalesced(const std::vector<std::string>& items) {
    if (items.empty()) {
        return "NULL::VARCHAR";
    }
    if (items.size() == 1) {
        return items.front();
    }
    std::string joined;
    for (const std::string& item : items) {
        joined += (joined.empty() ? "" : ", ") + item;
    }
    return fmt::format("COALESCE({})", joined);
}

// Whether `text` matches `pattern`, where '*' stands for any run of characters (both folded).
bool GlobMatch(std::string_view pattern, std::string_view text) {
    const size_t star = pattern.find('*');
    if (star == std::string_view::npos) {
        return pattern == text;
    }
    if (text.substr(0, star) != pattern.substr(0, star)) {
        return false;
    }
    const std::string_view rest = pattern.substr(star + 1);
    for (size_t at = star; at <= text.size(); ++at) {
        if (GlobMatch(rest, text.substr(at))) {
            return true;
        }
    }
    return false;
}

} // namespace

std::vector<std::string> FindSourceColumns(std::span<const std::string> file_columns,
                                           std::span<const std::string> candidates) {
    std::vector<std::string> found;
    for (const std::string& candidate : candidates) {
        const std::string wanted = FoldedHeader(candidate);
        for (const std::string& column : file_columns) {
            if (GlobMatch(wanted, FoldedHeader(column)) &&
                std::find(found.begin(), found.end(), column) == found.end()) {
                found.push_back(column);
                break;
            }
        }
    }
    return found;
}

std::string SourceText(std::span<const std::string> sources, MultiValue multi_value) {
    std::vector<std::string> texts;
    for (const std::string& source : sources) {
        const std::string text = fmt::format("CAST({} AS VARCHAR)", source);
        switch (multi_value) {
        case MultiValue::kAsIs:
            texts.push_back(Trimmed(text));
            break;
        case MultiValue::kFirst:
            texts.push_back(fmt::format("{}[1]", Lines(text)));
            break;
        case MultiValue::kJoin:
            texts.push_back(fmt::format("NULLIF(array_to_string({}, '; '), '')", Lines(text)));
            break;
        }
    }
    return Coalesced(texts);
}

std::string KeyText(const std::string& text, std::span<const std::pair<std::string, std::string>> key_values) {
    if (key_values.empty()) {
        return text;
    }
    std::string cases;
    for (const auto& [from, to] : key_values) {
        cases += fmt::format(" WHEN {} THEN {}", store::QuoteLiteral(Folded(from)), store::QuoteLiteral(to));
    }
    return fmt::format("(CASE lower({0}){1} ELSE {0} END)", text, cases);
}

std::string UnmappedValuesSql(const ColumnMapping& column, std::span<const std::string> sources,
                              MultiValue multi_value) {
    if (column.values.empty() || !column.otherwise || !column.otherwise->empty() || column.constant) {
        return "";
    }
    ColumnMapping extracted;
    extracted.extract = column.extract;
    const std::string value = ValueExpression(&extracted, sources, multi_value);
    std::string keys;
    for (const auto& [from, to] : column.values) {
        keys += (keys.empty() ? "" : ", ") + store::QuoteLiteral(Folded(from));
    }
    return fmt::format("SELECT v, count(*) AS n FROM (SELECT {} AS v FROM temp.crosswalk_raw) WHERE v IS NOT NULL "
                       "AND lower(v) NOT IN ({}) GROUP BY v ORDER BY n DESC, v",
                       value, keys);
}

std::string DerivedKeyExpression(std::span<const DeriveRule> rules, std::span<const std::vector<std::string>> inputs) {
    std::vector<std::string> keys;
    for (size_t i = 0; i < rules.size() && i < inputs.size(); ++i) {
        const DeriveRule& rule = rules[i];
        std::string any;
        std::string parts;
        for (const std::string& input : inputs[i]) {
            any += (any.empty() ? "" : ", ") + input;
            // Empty inputs keep their place, so ("a", "", "b") and ("a", "b", "") differ.
            parts += (parts.empty() ? "" : ", ") + fmt::format("coalesce({}, '')", input);
        }
        if (inputs[i].empty()) {
            continue;
        }
        const std::string joined =
            rule.hash ? fmt::format("concat_ws(chr(31), {})", parts) : fmt::format("concat_ws('|', {})", parts);
        const std::string key = rule.hash ? fmt::format("substr(sha256({}), 1, 16)", joined) : joined;
        keys.push_back(fmt::format("CASE WHEN COALESCE({}) IS NOT NULL THEN {} || {} END", any,
                                   store::QuoteLiteral(rule.prefix), key));
    }
    return Coalesced(keys);
}

std::string ValueExpression(const ColumnMapping* column, std::span<const std::string> sources, MultiValue multi_value,
                            const std::string& derived) {
    if (column != nullptr && column->constant) {
        return column->constant->empty() ? std::string("NULL::VARCHAR") : store::QuoteLiteral(*column->constant);
    }
    std::string value = SourceText(sources, multi_value);
    if (column == nullptr) {
        return value;
    }
    if (!column->extract.empty()) {
        // Keep the first group where the pattern matches, the value itself where it does not.
        value = fmt::format("COALESCE(NULLIF(regexp_extract({0}, {1}, 1), ''), {0})", value,
                            store::QuoteLiteral(column->extract));
    }
    if (!column->values.empty()) {
        std::string cases;
        std::string keys;
        for (const auto& [from, to] : column->values) {
            const std::string key = store::QuoteLiteral(Folded(from));
            cases += fmt::format(" WHEN {} THEN {}", key, to.empty() ? std::string("NULL") : store::QuoteLiteral(to));
            keys += (keys.empty() ? "" : ", ") + key;
        }
        const std::string others = !column->otherwise           ? value
                                   : column->otherwise->empty() ? std::string("NULL")
                                                                : store::QuoteLiteral(*column->otherwise);
        value = fmt::format("(CASE WHEN {0} IS NULL THEN NULL WHEN lower({0}) IN ({1}) THEN CASE lower({0}){2} END "
                            "ELSE {3} END)",
                            value, keys, cases, others);
    }
    if (column->multiply) {
        // Whole numbers only, exactly (years -> months); anything else passes unchanged and is checked later.
        value =
            fmt::format("(CASE WHEN regexp_full_match({0}, '[+-]?[0-9]{{1,18}}') THEN CAST(CAST({0} AS HUGEINT) * {1} "
                        "AS VARCHAR) ELSE {0} END)",
                        value, *column->multiply);
    }
    if (!derived.empty() && !column->number_repeats) {
        value = fmt::format("COALESCE({}, {})", value, derived);
    } else if (!derived.empty()) {
        // Rows of the same derived key are told apart by their order in the file: -2, -3... so that no row is
        // refused as a duplicate of another that merely looks the same.
        const std::string ordinal =
            fmt::format("row_number() OVER (PARTITION BY ({0}) IS NULL, {1} ORDER BY rowid)", value, derived);
        value = fmt::format("COALESCE({0}, {1} || CASE WHEN {2} > 1 THEN '-' || CAST({2} AS VARCHAR) ELSE '' END)",
                            value, derived, ordinal);
    }
    if (column->default_value) {
        value = fmt::format("COALESCE({}, {})", value,
                            column->default_value->empty() ? std::string("NULL::VARCHAR")
                                                           : store::QuoteLiteral(*column->default_value));
    }
    return value;
}

} // namespace crosswalk::ingest::mapping
