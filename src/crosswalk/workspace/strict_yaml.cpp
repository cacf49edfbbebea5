#include "crosswalk/workspace/strict_yaml.hpp"

#include <algorithm>
#include <charconv>

#include "crosswalk/common/text.hpp"

namespace crosswalk::workspace {
namespace {

size_t EditDistance(std::string_view a, std::string_view b) {
    std::vector<size_t> previous(b.size() + 1);
    std::vector<size_t> current(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) {
        previous[j] = j;
    }
    for (size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
        }
        std::swap(previous, current);
    }
    return previous[b.size()];
}

} // namespace

SourceLocation LocationOf(const std::string& file, const YAML::Node& node) {
    const YAML::Mark mark = node.Mark();
    if (mark.is_null()) {
        return SourceLocation{file, 0, ""};
    }
    return SourceLocation{file, mark.line + 1, std::to_string(mark.column + 1)};
}

YAML::Node ParseYaml(const std::string& file, std::string_view text) {
    try {
        return YAML::Load(std::string(text));
    } catch (const YAML::Exception& error) {
        ThrowAt(ErrorKind::kInvalidInput,
                SourceLocation{file, error.mark.line + 1, std::to_string(error.mark.column + 1)}, "YAML syntax: {}",
                error.msg);
    }
}

std::string NearestWord(std::string_view word, const std::vector<std::string>& candidates) {
    std::string best;
    size_t best_distance = std::max<size_t>(2, word.size() / 3) + 1;
    for (const std::string& candidate : candidates) {
        const size_t distance = EditDistance(word, candidate);
        if (distance < best_distance) {
            best_distance = distance;
            best = candidate;
        }
    }
    return best;
}

StrictMap::StrictMap(std::string file, const YAML::Node& node, std::string what)
    : file_(std::move(file)), node_(node), what_(std::move(what)) {
    if (!node_.IsMap()) {
        ThrowAt(ErrorKind::kInvalidInput, Where(), "{} must be a mapping of keys to values", what_);
    }
    std::set<std::string> seen;
    // Iteration yields every pair, duplicates included (yaml-cpp keeps them and lookups see only the first).
    for (const auto& pair : node_) {
        if (!pair.first.IsScalar()) {
            ThrowAt(ErrorKind::kInvalidInput, LocationOf(file_, pair.first), "{} has a key that is not text", what_);
        }
        if (!seen.insert(pair.first.Scalar()).second) {
            ThrowAt(ErrorKind::kInvalidInput, LocationOf(file_, pair.first), "duplicate key '{}' in {}",
                    pair.first.Scalar(), what_);
        }
    }
}

bool StrictMap::Has(std::string_view key) const {
    return static_cast<bool>(node_[std::string(key)]);
}

SourceLocation StrictMap::Where(std::string_view key) const {
    for (const auto& pair : node_) {
        if (pair.first.Scalar() == key) {
            return LocationOf(file_, pair.second);
        }
    }
    return Where();
}

YAML::Node StrictMap::Node(std::string_view key) {
    return node_[std::string(key)];
}

YAML::Node StrictMap::Scalar(std::string_view key) {
    YAML::Node value = node_[std::string(key)];
    if (value && !value.IsScalar() && !value.IsNull()) {
        ThrowAt(ErrorKind::kInvalidInput, Where(key), "'{}' must be a single value, not a list or mapping", key);
    }
    return value;
}

std::optional<std::string> StrictMap::String(std::string_view key) {
    const YAML::Node value = Scalar(key);
    if (!value || value.IsNull()) {
        return std::nullopt;
    }
    return value.Scalar();
}

std::string StrictMap::RequiredString(std::string_view key) {
    auto value = String(key);
    if (!value || value->empty()) {
        ThrowAt(ErrorKind::kInvalidInput, Where(), "{} needs '{}'", what_, key);
    }
    return *value;
}

std::optional<int64_t> StrictMap::Integer(std::string_view key) {
    const auto text = String(key);
    if (!text) {
        return std::nullopt;
    }
    int64_t value = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || end != text->data() + text->size()) {
        ThrowAt(ErrorKind::kInvalidInput, Where(key), "'{}' must be a whole number, not '{}'", key, *text);
    }
    return value;
}

std::optional<bool> StrictMap::Boolean(std::string_view key) {
    const auto text = String(key);
    if (!text) {
        return std::nullopt;
    }
    if (*text == "true") {
        return true;
    }
    if (*text == "false") {
        return false;
    }
    ThrowAt(ErrorKind::kInvalidInput, Where(key), "'{}' must be true or false, not '{}'", key, *text);
}

std::optional<std::string> StrictMap::OneOf(std::string_view key, const std::vector<std::string>& allowed) {
    auto text = String(key);
    if (!text) {
        return std::nullopt;
    }
    if (std::find(allowed.begin(), allowed.end(), *text) == allowed.end()) {
        const std::string nearest = NearestWord(*text, allowed);
        ThrowAt(ErrorKind::kInvalidInput, Where(key), "'{}' must be one of {}, not '{}'{}", key, Join(allowed), *text,
                nearest.empty() ? "" : fmt::format(" (did you mean '{}'?)", nearest));
    }
    return text;
}

void StrictMap::RejectUnknownKeys(const std::vector<std::string>& known) const {
    for (const auto& pair : node_) {
        const std::string& key = pair.first.Scalar();
        if (std::find(known.begin(), known.end(), key) != known.end()) {
            continue;
        }
        const std::string nearest = NearestWord(key, known);
        ThrowAt(ErrorKind::kInvalidInput, LocationOf(file_, pair.first), "unknown key '{}' in {}{}", key, what_,
                nearest.empty() ? "" : fmt::format(" (did you mean '{}'?)", nearest));
    }
}

} // namespace crosswalk::workspace
