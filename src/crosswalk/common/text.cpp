#include "crosswalk/common/text.hpp"

#include <algorithm>

namespace crosswalk {

std::string ToLower(std::string_view text) {
    std::string lowered(text);
    for (char& c : lowered) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return lowered;
}

std::string ToUpper(std::string_view text) {
    std::string uppered(text);
    for (char& c : uppered) {
        if (c >= 'a' && c <= 'z') {
            c = static_cast<char>(c - 'a' + 'A');
        }
    }
    return uppered;
}

std::string FirstLine(std::string_view text) {
    return std::string(text.substr(0, text.find('\n')));
}

std::string WithThousands(int64_t value) {
    return WithThousands(std::string_view(std::to_string(value)));
}

std::string WithThousands(std::string_view decimal) {
    std::string text(decimal);
    const size_t sign = !text.empty() && (text[0] == '-' || text[0] == '+') ? 1 : 0;
    const size_t end = std::min(text.find('.'), text.size());
    for (size_t i = sign; i < end; ++i) {
        if (text[i] < '0' || text[i] > '9') {
            return text;
        }
    }
    for (size_t i = end; i > sign + 3; i -= 3) {
        text.insert(i - 3, ",");
    }
    return text;
}

} // namespace crosswalk
