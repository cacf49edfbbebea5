#include "crosswalk/common/decimal.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include "crosswalk/common/error.hpp"

namespace crosswalk {
namespace {

constexpr Int128 MakePowerOfTen(int exponent) {
    Int128 value = 1;
    for (int i = 0; i < exponent; ++i) {
        value *= 10;
    }
    return value;
}

constexpr Int128 kDecimalLimit = MakePowerOfTen(kMaxDecimalDigits); // exclusive bound of |unscaled|

Int128 Abs(Int128 value) {
    return value < 0 ? -value : value;
}

// Brings both values to the larger scale; returns false on overflow.
bool Align(const Decimal& a, const Decimal& b, Int128& a_out, Int128& b_out, int& scale_out) {
    scale_out = std::max(a.Scale(), b.Scale());
    a_out = a.Unscaled();
    b_out = b.Unscaled();
    const Int128 a_factor = PowerOfTen(scale_out - a.Scale());
    const Int128 b_factor = PowerOfTen(scale_out - b.Scale());
    if (Abs(a_out) >= kDecimalLimit / a_factor || Abs(b_out) >= kDecimalLimit / b_factor) {
        return false;
    }
    a_out *= a_factor;
    b_out *= b_factor;
    return true;
}

} // namespace

Int128 PowerOfTen(int exponent) {
    CROSSWALK_ASSERT(exponent >= 0 && exponent <= kMaxDecimalDigits, "power of ten out of range");
    static constexpr auto kTable = [] {
        std::array<Int128, kMaxDecimalDigits + 1> table{};
        for (int i = 0; i <= kMaxDecimalDigits; ++i) {
            table[static_cast<size_t>(i)] = MakePowerOfTen(i);
        }
        return table;
    }();
    return kTable[static_cast<size_t>(exponent)];
}

std::string Int128ToString(Int128 value) {
    if (value == 0) {
        return "0";
    }
    const bool negative = value < 0;
    // Work with the negative magnitude so that the most negative value does not overflow.
    Int128 rest = negative ? value : -value;
    std::string digits;
    while (rest != 0) {
        digits.push_back(static_cast<char>('0' - static_cast<int>(rest % 10)));
        rest /= 10;
    }
    if (negative) {
        digits.push_back('-');
    }
    std::reverse(digits.begin(), digits.end());
    return digits;
}

Decimal::Decimal(Int128 unscaled, int scale) : unscaled_(unscaled), scale_(scale) {
    CROSSWALK_ASSERT(scale >= 0 && scale <= kMaxDecimalDigits, "decimal scale out of range");
    CROSSWALK_ASSERT(Abs(unscaled) < kDecimalLimit, "decimal wider than 38 digits");
}

std::optional<Decimal> Decimal::TryParse(std::string_view text) {
    size_t pos = 0;
    bool negative = false;
    if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        negative = text[pos] == '-';
        ++pos;
    }
    std::string digits; // significant digits, integer part then fraction
    int fraction_digits = 0;
    bool seen_digit = false;
    bool seen_point = false;
    for (; pos < text.size(); ++pos) {
        const char c = text[pos];
        if (c >= '0' && c <= '9') {
            seen_digit = true;
            if (!(digits.empty() && c == '0')) {
                digits.push_back(c);
            }
            if (seen_point) {
                ++fraction_digits;
            }
        } else if (c == '.' && !seen_point) {
            seen_point = true;
        } else {
            break;
        }
    }
    if (!seen_digit) {
        return std::nullopt;
    }
    int exponent = 0;
    if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
        ++pos;
        const char* begin = text.data() + pos;
        const char* end = text.data() + text.size();
        if (begin != end && *begin == '+') {
            ++begin;
        }
        const auto [ptr, ec] = std::from_chars(begin, end, exponent);
        if (ec != std::errc() || ptr != end || begin == end) {
            return std::nullopt;
        }
        pos = text.size();
    }
    if (pos != text.size()) {
        return std::nullopt;
    }
    // Leading zeros of the fraction were skipped above, so `digits` holds the significant digits only.
    int scale = fraction_digits - exponent;
    // Trailing fraction zeros carry no value: drop them while the scale or the digit count is too large
    // ("1.000…0" with 45 zeros is 1 at scale 37).
    while ((scale > kMaxDecimalDigits || digits.size() > static_cast<size_t>(kMaxDecimalDigits)) && scale > 0 &&
           !digits.empty() && digits.back() == '0') {
        digits.pop_back();
        --scale;
    }
    if (scale > kMaxDecimalDigits) {
        if (!digits.empty()) {
            return std::nullopt;
        }
        scale = kMaxDecimalDigits; // zero with a long fraction
    }
    if (scale < 0) {
        if (!digits.empty()) {
            digits.append(static_cast<size_t>(-scale), '0');
        }
        scale = 0;
    }
    if (digits.size() > static_cast<size_t>(kMaxDecimalDigits)) {
        return std::nullopt;
    }
    Int128 unscaled = 0;
    for (const char c : digits) {
        unscaled = unscaled * 10 + (c - '0');
    }
    return Decimal(negative ? -unscaled : unscaled, scale);
}

Decimal Decimal::Parse(std::string_view text) {
    if (auto value = TryParse(text)) {
        return *value;
    }
    Throw(ErrorKind::kInvalidInput, "'{}' is not a decimal number of at most 38 digits", text);
}

Decimal Decimal::Rescaled(int scale) const {
    if (scale < 0 || scale > kMaxDecimalDigits) {
        Throw(ErrorKind::kInvalidInput, "decimal scale {} is out of range 0..38", scale);
    }
    if (scale >= scale_) {
        const Int128 factor = PowerOfTen(scale - scale_);
        if (Abs(unscaled_) >= kDecimalLimit / factor) {
            Throw(ErrorKind::kInvalidInput, "{} does not fit 38 digits at scale {}", ToString(), scale);
        }
        return Decimal(unscaled_ * factor, scale);
    }
    const Int128 factor = PowerOfTen(scale_ - scale);
    if (unscaled_ % factor != 0) {
        Throw(ErrorKind::kInvalidInput, "{} has more than {} digits after the point", ToString(), scale);
    }
    return Decimal(unscaled_ / factor, scale);
}

std::string Decimal::ToString() const {
    std::string digits = Int128ToString(Abs(unscaled_));
    if (scale_ > 0) {
        if (digits.size() <= static_cast<size_t>(scale_)) {
            digits.insert(0, static_cast<size_t>(scale_) + 1 - digits.size(), '0');
        }
        digits.insert(digits.size() - static_cast<size_t>(scale_), 1, '.');
    }
    return unscaled_ < 0 ? "-" + digits : digits;
}

Decimal Decimal::operator+(const Decimal& other) const {
    Int128 a = 0;
    Int128 b = 0;
    int scale = 0;
    if (!Align(*this, other, a, b, scale) || Abs(a + b) >= kDecimalLimit) {
        Throw(ErrorKind::kInvalidInput, "decimal overflow adding {} and {}", ToString(), other.ToString());
    }
    return Decimal(a + b, scale);
}

bool Decimal::operator==(const Decimal& other) const {
    Int128 a = 0;
    Int128 b = 0;
    int scale = 0;
    return Align(*this, other, a, b, scale) && a == b;
}

bool Decimal::operator<(const Decimal& other) const {
    Int128 a = 0;
    Int128 b = 0;
    int scale = 0;
    if (Align(*this, other, a, b, scale)) {
        return a < b;
    }
    // One side is too large to align: compare the integer parts, which then differ.
    return unscaled_ / PowerOfTen(scale_) < other.unscaled_ / PowerOfTen(other.scale_);
}

} // namespace crosswalk
