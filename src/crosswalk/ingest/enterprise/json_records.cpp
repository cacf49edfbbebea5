#include "crosswalk/ingest/enterprise/json_records.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "crosswalk/common/error.hpp"
#include "crosswalk/common/text.hpp"

namespace crosswalk::ingest::enterprise {
namespace {

using Json = nlohmann::json;

// Collects records from SAX events. A record is an object at `record_depth` (1 inside a top-level array, 0 for
// one object per line); its members become columns. Values nested deeper are re-serialized as JSON text.
// Not thread-safe; one per parse.
class RecordCollector final : public nlohmann::json_sax<Json> {
public:
    RecordCollector(JsonRecords& out, std::unordered_map<std::string, size_t>& index, int record_depth)
        : out_(out), index_(index), record_depth_(record_depth) {}

    [[nodiscard]] const std::string& Problem() const noexcept { return problem_; }

    bool null() override { return Scalar(std::nullopt, "null"); }

    bool boolean(bool value) override { return Scalar(value ? "true" : "false", value ? "true" : "false"); }

    bool number_integer(number_integer_t value) override {
        const std::string text = std::to_string(value);
        return Scalar(text, text);
    }

    bool number_unsigned(number_unsigned_t value) override {
        const std::string text = std::to_string(value);
        return Scalar(text, text);
    }

    // `text` is the number exactly as the file writes it: the reason this reader exists.
    bool number_float(number_float_t /*value*/, const string_t& text) override { return Scalar(text, text); }

    bool string(string_t& value) override { return Scalar(value, Json(value).dump()); }

    bool binary(binary_t& /*value*/) override { return Fail("binary values are not JSON text"); }

    bool start_object(std::size_t /*elements*/) override {
        if (!nested_.empty() || AtFieldLevel()) {
            Open('{', true);
            return true;
        }
        if (!in_record_ && depth_ == record_depth_) {
            in_record_ = true;
            record_.assign(out_.columns.size(), std::nullopt);
            ++depth_;
            return true;
        }
        return Fail("expected an object");
    }

    bool key(string_t& name) override {
        if (!nested_.empty()) {
            Level& level = nested_.back();
            nested_text_ += level.count++ > 0 ? "," : "";
            nested_text_ += Json(name).dump() + ":";
            return true;
        }
        key_ = name;
        return true;
    }

    bool end_object() override {
        if (!nested_.empty()) {
            return Close('}');
        }
        --depth_;
        in_record_ = false;
        record_.resize(out_.columns.size());
        out_.rows.push_back(std::move(record_));
        record_.clear();
        return true;
    }

    bool start_array(std::size_t /*elements*/) override {
        if (!nested_.empty() || AtFieldLevel()) {
            Open('[', false);
            return true;
        }
        if (depth_ == 0 && record_depth_ == 1) {
            depth_ = 1;
            return true;
        }
        return Fail("expected an object, found a list");
    }

    bool end_array() override {
        if (!nested_.empty()) {
            return Close(']');
        }
        depth_ = 0;
        return true;
    }

    bool parse_error(std::size_t /*position*/, const std::string& /*last_token*/,
                     const nlohmann::detail::exception& error) override {
        // nlohmann's message reads "[json.exception.parse_error.101] parse error at line 1, column 9: ...".
        std::string message = error.what();
        const size_t start = message.find("] ");
        return Fail(start == std::string::npos ? message : message.substr(start + 2));
    }

private:
    struct Level {
        bool object;
        size_t count;
    };

    [[nodiscard]] bool AtFieldLevel() const noexcept { return in_record_ && depth_ == record_depth_ + 1; }

    bool Fail(std::string problem) {
        if (problem_.empty()) {
            problem_ = std::move(problem);
        }
        return false;
    }

    void BeforeNestedValue() {
        Level& level = nested_.back();
        if (!level.object && level.count++ > 0) {
            nested_text_ += ",";
        }
    }

    void Open(char bracket, bool object) {
        if (nested_.empty()) {
            nested_text_.clear();
        } else {
            BeforeNestedValue();
        }
        nested_text_ += bracket;
        nested_.push_back(Level{object, 0});
    }

    bool Close(char bracket) {
        nested_text_ += bracket;
        nested_.pop_back();
        if (nested_.empty()) {
            Set(nested_text_);
        }
        return true;
    }

    bool Scalar(std::optional<std::string> value, std::string_view json_text) {
        if (!nested_.empty()) {
            BeforeNestedValue();
            nested_text_ += json_text;
            return true;
        }
        if (!AtFieldLevel()) {
            return Fail(fmt::format("expected an object, found {}", json_text));
        }
        Set(std::move(value));
        return true;
    }

    void Set(std::optional<std::string> value) {
        auto found = index_.find(key_);
        if (found == index_.end()) {
            const std::string lowered = ToLower(key_);
            for (const std::string& column : out_.columns) {
                if (ToLower(column) == lowered) {
                    Fail(fmt::format("keys '{}' and '{}' differ only by case; column names ignore case", column, key_));
                    return;
                }
            }
            found = index_.emplace(key_, out_.columns.size()).first;
            out_.columns.push_back(key_);
            record_.resize(out_.columns.size());
        }
        record_[found->second] = std::move(value); // a repeated key: the last value wins, as in most parsers
    }

    JsonRecords& out_;
    std::unordered_map<std::string, size_t>& index_;
    int record_depth_;
    int depth_ = 0;
    bool in_record_ = false;
    std::string key_;
    std::vector<std::optional<std::string>> record_;
    std::vector<Level> nested_;
    std::string nested_text_;
    std::string problem_;
};

std::string_view WithoutByteOrderMark(std::string_view text) {
    constexpr std::string_view kBom = "\xEF\xBB\xBF";
    return text.substr(0, kBom.size()) == kBom ? text.substr(kBom.size()) : text;
}

bool IsBlank(std::string_view line) {
    return std::all_of(line.begin(), line.end(), [](unsigned char c) { return std::isspace(c) != 0; });
}

// One object per line; blank lines are skipped, line numbers count them.
void ParseLines(const std::string& file, std::string_view text, JsonRecords& records,
                std::unordered_map<std::string, size_t>& index) {
    int64_t line_number = 0;
    size_t start = 0;
    while (start < text.size()) {
        const size_t end = std::min(text.find('\n', start), text.size());
        const std::string_view line = text.substr(start, end - start);
        ++line_number;
        start = end + 1;
        if (IsBlank(line)) {
            continue;
        }
        RecordCollector collector(records, index, 0);
        if (!Json::sax_parse(line.begin(), line.end(), &collector) || !collector.Problem().empty()) {
            ThrowAt(ErrorKind::kInvalidInput, SourceLocation{file, line_number, ""},
                    "not one JSON object per line (NDJSON): {}", collector.Problem());
        }
    }
}

} // namespace

JsonRecords ParseJsonRecords(const std::string& file, std::string_view text) {
    text = WithoutByteOrderMark(text);
    const size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        Throw(ErrorKind::kInvalidInput, "{}: the file is empty", file);
    }
    JsonRecords records;
    std::unordered_map<std::string, size_t> index;
    if (text[first] == '[') {
        RecordCollector collector(records, index, 1);
        if (!Json::sax_parse(text.begin(), text.end(), &collector) || !collector.Problem().empty()) {
            Throw(ErrorKind::kInvalidInput, "{}: not a JSON array of objects: {}", file, collector.Problem());
        }
    } else if (text[first] == '{') {
        ParseLines(file, text, records, index);
    } else {
        Throw(ErrorKind::kInvalidInput,
              "{}: not JSON records: expected an array of objects, or one object per line (NDJSON)", file);
    }
    // Rows read before a key first appeared are shorter: pad them.
    for (auto& row : records.rows) {
        row.resize(records.columns.size());
    }
    return records;
}
} // namespace crosswalk::ingest::enterprise
