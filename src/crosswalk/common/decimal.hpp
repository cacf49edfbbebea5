// Exact decimal numbers for money: an unscaled 128-bit integer and a scale (digits after the point), the
// same representation as DuckDB's DECIMAL(38, s). Money never passes through a binary float in crosswalk.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace crosswalk {

__extension__ using Int128 = __int128;

// The largest precision DuckDB's DECIMAL holds.
inline constexpr int kMaxDecimalDigits = 38;

// A value type; thread-compatible.
class Decimal {
public:
    Decimal() = default;

    // REQUIRES: scale <= 38 and |unscaled| < 10^38.
    Decimal(Int128 unscaled, int scale);

    // Parses "-123.4500", "+7", ".5", "1e-3", "1.5E+2" exactly (an exponent shifts the scale, never rounds).
    // Leading and trailing spaces are not accepted. Returns nullopt for anything else, or for a value needing
    // more than 38 significant digits or a scale above 38.
    [[nodiscard]] static std::optional<Decimal> TryParse(std::string_view text);

    // As TryParse, throwing ErrorKind::kInvalidInput naming the text.
    [[nodiscard]] static Decimal Parse(std::string_view text);

    [[nodiscard]] Int128 Unscaled() const noexcept { return unscaled_; }

    [[nodiscard]] int Scale() const noexcept { return scale_; }

    // The same value with exactly `scale` digits after the point. Throws ErrorKind::kInvalidInput if that would
    // drop non-zero digits or overflow 38 digits: rescaling is exact or it fails.
    [[nodiscard]] Decimal Rescaled(int scale) const;

    // Plain notation with all `Scale()` digits: "-0.0100" for (-100, 4).
    [[nodiscard]] std::string ToString() const;

    // Exact sum at the larger scale; throws ErrorKind::kInvalidInput on overflow of 38 digits.
    [[nodiscard]] Decimal operator+(const Decimal& other) const;

    [[nodiscard]] Decimal operator-() const { return Decimal(-unscaled_, scale_); }

    // Compares values, not representations: 1.50 == 1.5.
    [[nodiscard]] bool operator==(const Decimal& other) const;
    [[nodiscard]] bool operator<(const Decimal& other) const;

private:
    Int128 unscaled_ = 0;
    int scale_ = 0;
};

// 10^exponent for 0 <= exponent <= 38.
[[nodiscard]] Int128 PowerOfTen(int exponent);

// Decimal text of a 128-bit integer.
[[nodiscard]] std::string Int128ToString(Int128 value);

} // namespace crosswalk
