// Exact arithmetic on the generator's fixed scales (prices at 7 decimals, quantities at 3, fees at 2). Only
// what the generator needs; rounding is half away from zero, like DuckDB's ROUND on DECIMAL.
#pragma once

#include <string_view>

#include "crosswalk/common/decimal.hpp"

namespace crosswalk::generate {

inline constexpr int kPriceScale = 7;
inline constexpr int kQuantityScale = 3;
inline constexpr int kCentScale = 2;

// "0.192" at `scale` (exact; the text must not have more decimals than `scale`).
[[nodiscard]] Decimal DecimalAt(std::string_view text, int scale);

// `value` x numerator / denominator, rounded half away from zero to `scale`.
[[nodiscard]] Decimal MultiplyRatio(const Decimal& value, int64_t numerator, int64_t denominator, int scale);

// The exact product, at the sum of the scales.
[[nodiscard]] Decimal Multiply(const Decimal& a, const Decimal& b);

// `value` at `scale`, rounded up (towards +infinity) when digits are dropped.
[[nodiscard]] Decimal RoundUp(const Decimal& value, int scale);

// `value` at `scale`, rounded half away from zero.
[[nodiscard]] Decimal RoundHalfAway(const Decimal& value, int scale);

} // namespace crosswalk::generate
