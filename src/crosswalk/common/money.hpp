// Exact money arithmetic: the C++ twin of the SQL macros of model/migrations/0004_money.sql (money_mul,
// money_div, money_round, minor_units, money_split), with the same rounding, tested to agree. See
// docs/architecture.md, "Money arithmetic".
//
// Rounding is half away from zero everywhere (as DuckDB's ROUND and DECIMAL casts), applied once, to the exact
// result. Nothing passes through a binary float. Results that do not fit 38 digits throw
// ErrorKind::kInvalidInput; nothing wraps. All functions are pure and thread-safe.
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "crosswalk/common/decimal.hpp"

namespace crosswalk::money {

// The store's scale for money, prices and quantities: DECIMAL(38,18).
inline constexpr int kStoreScale = 18;

// One row of the ISO 4217 minor-unit table (common/data/iso4217_minor_units.csv): the currencies whose minor
// unit is not 2. `minor_units` is nullopt where ISO 4217 defines none ("N.A.": XAU, XDR, XTS, ...).
struct MinorUnitEntry {
    std::string_view currency;
    std::optional<int> minor_units;
};

// The shipped table, sorted by currency.
[[nodiscard]] std::span<const MinorUnitEntry> MinorUnitTable();

// Digits after the point of an ISO 4217 currency: 0 for JPY, 2 for USD (and every code not in the table), 3 for
// KWD, 4 for CLF; nullopt where ISO 4217 defines none. Throws kInvalidInput unless `currency` is three
// upper-case letters.
[[nodiscard]] std::optional<int> MinorUnits(std::string_view currency);

// `value` at `scale` (0..38), rounded half away from zero when digits are dropped.
[[nodiscard]] Decimal Round(const Decimal& value, int scale);

// `amount` rounded half away from zero to its currency's minor units, at that scale ("2.675" USD -> "2.68").
// Throws kInvalidInput for a currency without minor units.
[[nodiscard]] Decimal RoundToCurrency(const Decimal& amount, std::string_view currency);

// `value` in whole units of 10^-scale, rounded half away from zero: ToUnits(12.345, 2) == 1235.
[[nodiscard]] Int128 ToUnits(const Decimal& value, int scale);

// `units` units of 10^-scale: FromUnits(1235, 2) == 12.35.
[[nodiscard]] Decimal FromUnits(Int128 units, int scale);

// a * b at `scale` (0..38): the exact product (computed on 256 bits), rounded once half away from zero. Throws
// kInvalidInput when the result needs more than 38 digits. SQL's money_mul(a, b) is Multiply(a, b, 18) of
// its arguments at scale 18.
[[nodiscard]] Decimal Multiply(const Decimal& a, const Decimal& b, int scale);

// a / b at `scale` (0..38), rounded half away from zero from the exact quotient. Throws kInvalidInput when b is
// zero or the result needs more than 38 digits. SQL's money_div(a, b, s) is Divide(a, b, s) (s <= 18),
// returned at scale 18.
[[nodiscard]] Decimal Divide(const Decimal& a, const Decimal& b, int scale);

// Splits `pool_units` (whole minor units, or any unit the caller chose) among targets in proportion to
// `weights` (integers >= 0, in one unit), by the largest-remainder method: each target first gets
// floor(|pool| * weight / total) units; the units left over (fewer than the targets) go one each to the
// largest remainders, ties to the earlier target (pass targets in key order). A negative pool is split as its
// magnitude, then negated. The parts add up exactly to the pool, each is less than one unit from its exact
// share, and zero weights get nothing. Throws kInvalidInput for no targets, a negative weight, weights that are
// all zero, or weights whose total exceeds 127 bits. SQL's money_split is this, per pool.
[[nodiscard]] std::vector<Int128> SplitLargestRemainder(Int128 pool_units, std::span<const Int128> weights);

// `values` rounded to `scale` (0..38) so that they still add up to their sum rounded half away from zero: a
// column of a statement shown to the cent whose lines equal its rounded total exactly. Each value becomes its
// floor or its ceiling at `scale` (less than one unit from itself); the units the floors leave short of the
// rounded sum go one each to the largest remainders, ties to the earlier value. Throws kInvalidInput when a
// value or the sum does not fit 38 digits.
[[nodiscard]] std::vector<Decimal> RoundKeepingSum(std::span<const Decimal> values, int scale);

} // namespace crosswalk::money
