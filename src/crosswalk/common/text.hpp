// Small text helpers used across the library: joining a list, ASCII case folding, the first line of a message.
#pragma once

#include <string>
#include <string_view>

#include <fmt/format.h>

namespace crosswalk {

// The items with `separator` between them: Join({"a", "b"}, ", ") is "a, b"; an empty range gives "". Items
// are formatted with fmt ("{}"), so strings, string views and numbers all join.
template <typename Range>
[[nodiscard]] std::string Join(const Range& items, std::string_view separator = ", ") {
    return fmt::format("{}", fmt::join(items, separator));
}

// The same, with each item turned into text by `text_of` first: Join(ids, ", ", QuoteLiteral).
template <typename Range, typename TextOf>
[[nodiscard]] std::string Join(const Range& items, std::string_view separator, TextOf&& text_of) {
    std::string joined;
    bool first = true;
    for (const auto& item : items) {
        if (!first) {
            joined += separator;
        }
        first = false;
        joined += text_of(item);
    }
    return joined;
}

// ASCII case folding: 'A'-'Z' become 'a'-'z' (ToUpper: the other way); every other byte, UTF-8 included, is
// kept as it is, whatever the process's locale.
[[nodiscard]] std::string ToLower(std::string_view text);
[[nodiscard]] std::string ToUpper(std::string_view text);

// The text up to its first line break (all of it when it has none). DuckDB's messages put context such as a
// caret under the query on the lines after the first.
[[nodiscard]] std::string FirstLine(std::string_view text);

// Digits grouped by thousands for people: 1234567 -> "1,234,567"; "-1234.5678" -> "-1,234.5678" (a decimal's
// integer part only; text that is not a number comes back as it is).
[[nodiscard]] std::string WithThousands(int64_t value);
[[nodiscard]] std::string WithThousands(std::string_view decimal);

} // namespace crosswalk
