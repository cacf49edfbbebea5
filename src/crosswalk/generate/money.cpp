#include "crosswalk/generate/money.hpp"

namespace crosswalk::generate {
namespace {

// n / d rounded half away from zero, for d > 0.
Int128 DivideRounded(Int128 n, Int128 d) {
    const Int128 half = d / 2;
    return n >= 0 ? (n + half) / d : -((-n + half) / d);
}

} // namespace

Decimal DecimalAt(std::string_view text, int scale) {
    return Decimal::Parse(text).Rescaled(scale);
}

Decimal MultiplyRatio(const Decimal& value, int64_t numerator, int64_t denominator, int scale) {
    Int128 n = value.Unscaled() * numerator;
    Int128 d = denominator;
    if (scale >= value.Scale()) {
        n *= PowerOfTen(scale - value.Scale());
    } else {
        d *= PowerOfTen(value.Scale() - scale);
    }
    return Decimal(DivideRounded(n, d), scale);
}

Decimal Multiply(const Decimal& a, const Decimal& b) {
    return Decimal(a.Unscaled() * b.Unscaled(), a.Scale() + b.Scale());
}

Decimal RoundUp(const Decimal& value, int scale) {
    if (scale >= value.Scale()) {
        return value.Rescaled(scale);
    }
    const Int128 d = PowerOfTen(value.Scale() - scale);
    const Int128 n = value.Unscaled();
    const Int128 q = n / d;
    return Decimal(n > q * d ? q + 1 : q, scale); // C++ division truncates towards zero
}

Decimal RoundHalfAway(const Decimal& value, int scale) {
    return MultiplyRatio(value, 1, 1, scale);
}

} // namespace crosswalk::generate
