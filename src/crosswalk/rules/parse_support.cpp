#include "crosswalk/rules/parse_support.hpp"

#include <algorithm>
#include <cctype>

#include "crosswalk/store/prepared_statement.hpp"
#include "crosswalk/workspace/strict_yaml.hpp"

namespace crosswalk::rules::detail {

RuleLocation ToRule(const SourceLocation& location) {
    int64_t column = 0;
    if (!location.column.empty()) {
        column = std::stoll(location.column);
    }
    return RuleLocation{location.file, location.row, column};
}

std::optional<YAML::Node> Root(const std::string& file, std::string_view text) {
    const YAML::Node root = workspace::ParseYaml(file, text);
    if (!root || root.IsNull()) {
        return std::nullopt;
    }
    return root;
}

std::string Lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

// Checked by hand: std::regex trips GCC 12's -Wmaybe-uninitialized under ASan.
bool IsMonth(const std::string& text) {
    const auto digit = [](char c) {
        return c >= '0' && c <= '9';
    };
    if (text.size() != 7 || text[4] != '-' || !std::all_of(text.begin(), text.begin() + 4, digit) || !digit(text[5]) ||
        !digit(text[6])) {
        return false;
    }
    const int month = (text[5] - '0') * 10 + (text[6] - '0');
    return month >= 1 && month <= 12;
}

std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates) {
    const std::string nearest = workspace::NearestWord(word, candidates);
    return nearest.empty() ? "" : fmt::format(" (did you mean '{}'?)", nearest);
}

store::Connection& ScratchDatabase::Get() {
    if (!database_) {
        database_.emplace(store::Database::OpenInMemory());
        connection_.emplace(*database_);
    }
    return *connection_;
}

void ScratchDatabase::CheckRegex(const std::string& re2, const SourceLocation& where) {
    try {
        (void)Get().Prepare("SELECT regexp_matches('', ?)").Execute(re2);
    } catch (const Error& error) {
        // DuckDB says "Invalid Input Error: missing ): ... [in: SELECT ...]": keep RE2's own words.
        std::string reason = error.Message();
        if (const size_t kind = reason.find("Error: "); kind != std::string::npos) {
            reason.erase(0, kind + 7);
        }
        if (const size_t context = reason.find(" [in: "); context != std::string::npos) {
            reason.erase(context);
        }
        ThrowAt(ErrorKind::kInvalidInput, where, "invalid regular expression: {}", reason);
    }
}

// A list of scalars (`[a, b]` or a block list).
std::vector<std::pair<std::string, SourceLocation>> ScalarList(const std::string& file, const YAML::Node& node,
                                                               std::string_view what) {
    std::vector<std::pair<std::string, SourceLocation>> items;
    if (!node || node.IsNull()) {
        return items;
    }
    if (!node.IsSequence()) {
        ThrowAt(ErrorKind::kInvalidInput, workspace::LocationOf(file, node), "'{}' must be a list", what);
    }
    for (const YAML::Node& item : node) {
        if (!item.IsScalar() || item.Scalar().empty()) {
            ThrowAt(ErrorKind::kInvalidInput, workspace::LocationOf(file, item),
                    "each entry of '{}' must be a non-empty text", what);
        }
        items.emplace_back(item.Scalar(), workspace::LocationOf(file, item));
    }
    return items;
}

} // namespace crosswalk::rules::detail
