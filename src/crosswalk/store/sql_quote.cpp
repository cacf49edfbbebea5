#include "crosswalk/store/sql_quote.hpp"

#include "crosswalk/common/error.hpp"

namespace crosswalk::store {
namespace {

std::string Quote(std::string_view text, char quote) {
    if (text.find('\0') != std::string_view::npos) {
        Throw(ErrorKind::kInvalidInput, "text with a NUL byte cannot be used in SQL");
    }
    std::string quoted;
    quoted.reserve(text.size() + 2);
    quoted.push_back(quote);
    for (const char c : text) {
        quoted.push_back(c);
        if (c == quote) {
            quoted.push_back(quote);
        }
    }
    quoted.push_back(quote);
    return quoted;
}

} // namespace

std::string QuoteIdentifier(std::string_view name) {
    return Quote(name, '"');
}

std::string QuoteLiteral(std::string_view text) {
    return Quote(text, '\'');
}

} // namespace crosswalk::store
