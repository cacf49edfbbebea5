// Quoting for the few places that must splice a name or a literal into SQL text (table function arguments
// such as read_csv paths, which cannot be parameters). Everything else binds parameters.
#pragma once

#include <string>
#include <string_view>

namespace crosswalk::store {

// "name" with embedded double quotes doubled.
[[nodiscard]] std::string QuoteIdentifier(std::string_view name);

// 'text' with embedded single quotes doubled. Rejects NUL bytes (kInvalidInput), which SQL text cannot carry.
[[nodiscard]] std::string QuoteLiteral(std::string_view text);

} // namespace crosswalk::store
