// Fuzzes the exact decimal parser: it must never crash, and what it accepts must print back to a value that
// parses to the same number (exactness of money text).
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "crosswalk/common/decimal.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto value = crosswalk::Decimal::TryParse(text);
    if (!value) {
        return 0;
    }
    const auto again = crosswalk::Decimal::TryParse(value->ToString());
    if (!again || !(*again == *value) || again->ToString() != value->ToString()) {
        std::abort();
    }
    return 0;
}
