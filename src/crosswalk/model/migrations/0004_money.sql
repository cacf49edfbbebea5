-- Version 4: exact money arithmetic in SQL, the one home every stage and every `crosswalk sql` user shares
-- (docs/architecture.md, "Money arithmetic"; the C++ twin is src/crosswalk/common/money.hpp, tested to agree).
--
-- Why macros: DuckDB 1.4 types DECIMAL(38,18) * DECIMAL(38,18) as DECIMAL(38,36), which overflows once the
-- product reaches 100, and types every '/' (DECIMAL or HUGEINT) as DOUBLE. So money is never multiplied or
-- divided with the bare operators: these macros do it on HUGEINT with one stated rounding.
--
-- Rules, the same in C++:
--   * Amounts are DECIMAL(38,18). Every macro converts its money arguments to DECIMAL(38,18) first, and
--     refuses DOUBLE and FLOAT arguments with an error.
--   * Rounding is half away from zero (DuckDB's own ROUND and DECIMAL casts do the same), once, at the end.
--   * Arguments and results that do not fit are refused with an error naming the macro and the range, raised
--     with error() before any HUGEINT step could overflow; nothing wraps or degrades to DOUBLE.

-- ISO 4217 minor units (digits after the point) of the currencies that do not have 2; every other code has
-- 2. NULL: ISO 4217 gives no minor unit ("N.A.": precious metals, bond-market units, SDR, test codes). A copy
-- of src/crosswalk/common/data/iso4217_minor_units.csv, which names its source; a test keeps them equal.
CREATE TABLE currency_minor_unit (
    currency    VARCHAR NOT NULL CHECK (regexp_full_match(currency, '[A-Z]{3}')),
    minor_units INTEGER CHECK (minor_units BETWEEN 0 AND 4)
);
COMMENT ON TABLE currency_minor_unit IS 'ISO 4217 minor units of the currencies without 2 (NULL: none defined); any other code has 2';
INSERT INTO currency_minor_unit VALUES
    ('BHD', 3),
    ('BIF', 0),
    ('CLF', 4),
    ('CLP', 0),
    ('DJF', 0),
    ('GNF', 0),
    ('IQD', 3),
    ('ISK', 0),
    ('JOD', 3),
    ('JPY', 0),
    ('KMF', 0),
    ('KRW', 0),
    ('KWD', 3),
    ('LYD', 3),
    ('OMR', 3),
    ('PYG', 0),
    ('RWF', 0),
    ('TND', 3),
    ('UGX', 0),
    ('UYI', 0),
    ('UYW', 4),
    ('VND', 0),
    ('VUV', 0),
    ('XAF', 0),
    ('XAG', NULL),
    ('XAU', NULL),
    ('XBA', NULL),
    ('XBB', NULL),
    ('XBC', NULL),
    ('XBD', NULL),
    ('XDR', NULL),
    ('XOF', 0),
    ('XPD', NULL),
    ('XPF', 0),
    ('XPT', NULL),
    ('XSU', NULL),
    ('XTS', NULL),
    ('XUA', NULL),
    ('XXX', NULL);

-- 10^n as HUGEINT, 0 <= n <= 38 (DuckDB's power() is DOUBLE).
CREATE MACRO money_pow10(n) AS CASE
    WHEN n BETWEEN 0 AND 38 THEN ([
        1, 10, 100, 1000,
        10000, 100000, 1000000, 10000000,
        100000000, 1000000000, 10000000000, 100000000000,
        1000000000000, 10000000000000, 100000000000000, 1000000000000000,
        10000000000000000, 100000000000000000, 1000000000000000000, 10000000000000000000,
        100000000000000000000, 1000000000000000000000, 10000000000000000000000, 100000000000000000000000,
        1000000000000000000000000, 10000000000000000000000000, 100000000000000000000000000, 1000000000000000000000000000,
        10000000000000000000000000000, 100000000000000000000000000000, 1000000000000000000000000000000, 10000000000000000000000000000000,
        100000000000000000000000000000000, 1000000000000000000000000000000000, 10000000000000000000000000000000000, 100000000000000000000000000000000000,
        1000000000000000000000000000000000000, 10000000000000000000000000000000000000, 100000000000000000000000000000000000000
    ]::HUGEINT[])[n + 1]
    ELSE error('money_pow10: exponent ' || n || ' is outside 0..38') END;

-- x as DECIMAL(38,18), the store's money type; a binary float is refused, not converted. fn names the macro
-- in the error.
CREATE MACRO money__exact(x, fn) AS CASE
    WHEN typeof(x) IN ('DOUBLE', 'FLOAT')
        THEN error(fn || ': a ' || typeof(x) || ' is not money; keep amounts DECIMAL')
    ELSE CAST(x AS DECIMAL(38,18)) END;
CREATE MACRO money_exact(x) AS money__exact(x, 'money');

-- Whether x is a value DECIMAL(38,18) cannot hold (10^20 or more in magnitude, or text that is no number),
-- and the error that says so. The public macros check their arguments with it first, once each: the
-- helpers repeat their arguments, and DuckDB binds every copy (a check inside money__exact would multiply
-- the copies past DuckDB's expression depth limit when an argument is a subquery).
CREATE MACRO money__out_of_range(x) AS
    typeof(x) NOT IN ('DOUBLE', 'FLOAT') AND x IS NOT NULL AND TRY_CAST(x AS DECIMAL(38,18)) IS NULL;
CREATE MACRO money__range_error(x, fn) AS
    error(fn || ': ' || CAST(x AS VARCHAR) || ' is not an amount of DECIMAL(38,18) (a number below 10^20 in magnitude)');

-- The minor units of an ISO 4217 code: 0 for JPY, 2 for USD, 3 for BHD and KWD, 4 for CLF; NULL for NULL
-- and for codes that have none (XAU). A code that is not three capital letters is an error. A well-formed
-- code missing from the table has 2: the table lists every ISO 4217 code without 2, so 2 is ISO's answer for
-- every current code not listed; a code ISO does not assign at all (QQQ) also gets 2 rather than an error,
-- since the list of assigned codes changes and the store checks currencies where they are loaded.
CREATE MACRO minor_units(code) AS CASE WHEN code IS NULL THEN NULL
    WHEN NOT regexp_full_match(CAST(code AS VARCHAR), '[A-Z]{3}')
        THEN error('minor_units: ''' || code || ''' is not an ISO 4217 currency code (three capital letters, e.g. USD)')
    ELSE (SELECT CASE WHEN count(*) = 0 THEN 2 ELSE any_value(m.minor_units) END
          FROM currency_minor_unit m WHERE m.currency = code) END;

-- x in whole units of 10^-s (0 <= s <= 18) as HUGEINT, rounded half away from zero: money_units(12.345, 2)
-- is 1235 (cents). Integer part and fraction are scaled apart, so every DECIMAL(38,18) fits. fn names the
-- calling macro in errors (money__units); money_units is the public form.
CREATE MACRO money__units(x, s, fn) AS
    CAST(trunc(money__exact(x, fn)) AS HUGEINT) * money_pow10(s)
    + CAST((money__exact(x, fn) - trunc(money__exact(x, fn))) * money_pow10(s) AS HUGEINT);
CREATE MACRO money_units(x, s) AS money__units(x, s, 'money_units');

-- u units of 10^-s as DECIMAL(38,18): money_from_units(1235, 2) is 12.35. Exact.
CREATE MACRO money_from_units(u, s) AS
    CAST(CAST(u AS HUGEINT) // money_pow10(s) AS DECIMAL(38,18))
    + CAST((CAST(u AS HUGEINT) % money_pow10(s)) * money_pow10(18 - s) AS DECIMAL(38,0)) * 0.000000000000000001;

-- amount rounded half away from zero to its currency's minor units, as DECIMAL(38,18) (the one type that
-- holds every currency's scale): money_round(2.675, 'USD') = 2.68, money_round(2.5, 'JPY') = 3. A currency
-- without minor units is an error.
CREATE MACRO money_round(amount, currency) AS CASE
    WHEN currency IS NOT NULL AND minor_units(currency) IS NULL
        THEN error('money_round: ' || currency || ' has no minor unit in ISO 4217 (a metal, fund or test '
                   || 'code), so there is nothing to round to; use money_from_units(money_units(amount, s), s) '
                   || 'with the scale s you mean')
    WHEN money__out_of_range(amount) THEN money__range_error(amount, 'money_round')
    ELSE money_from_units(money__units(amount, minor_units(currency), 'money_round'), minor_units(currency)) END;

-- a * b as DECIMAL(38,18): the exact product, rounded once (half away from zero) at the 18th decimal, so it
-- is exact whenever the operands' decimals add up to at most 18. Range: any DECIMAL(38,18) operands whose
-- product is below 10^20 in magnitude (the range of the result type); beyond it, an error naming the product.
-- How: each operand is split into its integer part (< 10^20) and its 18 fraction digits (< 10^18) as
-- HUGEINT, and the four partial products (each < 10^38) are added at scale 18. The range check comes first:
-- a DOUBLE estimate of the product (used only to word the error and to keep the HUGEINT sum below 1.5 * 10^38,
-- never as the result) refuses products clearly beyond 10^20; the exact units then decide the edge.
CREATE MACRO money__int(x) AS CAST(trunc(abs(money__exact(x, 'money_mul'))) AS HUGEINT);
CREATE MACRO money__frac(x) AS
    CAST((abs(money__exact(x, 'money_mul')) - trunc(abs(money__exact(x, 'money_mul'))))
         * 1000000000000000000::HUGEINT AS HUGEINT);
CREATE MACRO money__mul_estimate(a, b) AS
    CAST(money__exact(a, 'money_mul') AS DOUBLE) * CAST(money__exact(b, 'money_mul') AS DOUBLE); -- check: float ok (a guard and the error's wording, never a result)
CREATE MACRO money__mul_error(a, b) AS
    error('money_mul: the product ' || printf('%.1e', abs(money__mul_estimate(a, b)))
          || ' is beyond the range of DECIMAL(38,18) (below 10^20 in magnitude)');
CREATE MACRO money__mul_units(a, b) AS
    money__int(a) * money__int(b) * 1000000000000000000::HUGEINT
    + money__int(a) * money__frac(b) + money__frac(a) * money__int(b)
    + (money__frac(a) * money__frac(b) + 500000000000000000::HUGEINT) // 1000000000000000000::HUGEINT;
CREATE MACRO money_mul(a, b) AS CASE
    WHEN money__out_of_range(a) THEN money__range_error(a, 'money_mul')
    WHEN money__out_of_range(b) THEN money__range_error(b, 'money_mul')
    WHEN abs(money__mul_estimate(a, b)) >= 1.5e20 THEN money__mul_error(a, b)
    WHEN money__mul_units(a, b) >= 100000000000000000000000000000000000000::HUGEINT THEN money__mul_error(a, b)
    ELSE money_from_units(
        sign(money__exact(a, 'money_mul')) * sign(money__exact(b, 'money_mul')) * money__mul_units(a, b), 18) END;

-- a / b rounded half away from zero to s decimals (0 <= s <= 18), as DECIMAL(38,18); never DOUBLE.
-- money_div(2, 3, 4) = 0.6667, money_div(-1, 8, 2) = -0.13. Dividing by zero is an error. Range: |b| < 10^13
-- and |a / b| < 10^19; beyond, an error naming the limit. How: long division of the HUGEINT units (scale 18) of
-- |a| and |b|, s + 1 digits in chunks of at most 7, the last digit deciding the rounding.
CREATE MACRO money__div_digits(s, chunk) AS
    least(greatest(s + 1 - 7 * (chunk - 1), 0), 7);
CREATE MACRO money__div_step(r, b, c) AS (r * money_pow10(c)) // b;
CREATE MACRO money__div_rest(r, b, c) AS (r * money_pow10(c)) % b;
CREATE MACRO money__div_units(a, b, s) AS (
    (((a // b) * money_pow10(money__div_digits(s, 1))
        + money__div_step(a % b, b, money__div_digits(s, 1))) * money_pow10(money__div_digits(s, 2))
        + money__div_step(money__div_rest(a % b, b, money__div_digits(s, 1)), b, money__div_digits(s, 2)))
    * money_pow10(money__div_digits(s, 3))
    + money__div_step(money__div_rest(money__div_rest(a % b, b, money__div_digits(s, 1)), b,
                                      money__div_digits(s, 2)), b, money__div_digits(s, 3)));
CREATE MACRO money_div(a, b, s) AS CASE
    WHEN NOT (s BETWEEN 0 AND 18) THEN error('money_div: scale ' || s || ' is outside 0..18')
    WHEN money__out_of_range(a) THEN money__range_error(a, 'money_div')
    WHEN money__out_of_range(b) THEN money__range_error(b, 'money_div')
    WHEN money__exact(b, 'money_div') = 0 THEN error('money_div: division by zero')
    WHEN abs(money__exact(b, 'money_div')) >= 10000000000000
        THEN error('money_div: the divisor ' || CAST(b AS VARCHAR)
                   || ' is beyond the supported range (below 10^13 in magnitude)')
    -- floor(|a| / |b|) >= 10^19, on the scale-18 units A and B: A // 10^19 >= B.
    WHEN abs(money__units(a, 18, 'money_div')) // 10000000000000000000::HUGEINT
             >= abs(money__units(b, 18, 'money_div'))
        THEN error('money_div: the quotient '
                   || printf('%.1e', abs(CAST(money__exact(a, 'money_div') AS DOUBLE) -- check: float ok (wording only)
                                         / CAST(money__exact(b, 'money_div') AS DOUBLE))) -- check: float ok (wording only)
                   || ' is beyond the supported range (below 10^19 in magnitude)')
    ELSE money_from_units(
        sign(money__exact(a, 'money_div')) * sign(money__exact(b, 'money_div'))
            * ((money__div_units(abs(money__units(a, 18, 'money_div')), abs(money__units(b, 18, 'money_div')), s)
                + 5) // 10),
        s) END;

-- Splits each pool among its targets by weight, in whole units, by the largest-remainder method. input names
-- a table, view or CTE with columns pool_key, target_key, currency, pool_amount (the same on every row of a
-- pool) and weight (>= 0). The pool is rounded (half away from zero) to units of 10^-scale: the currency's
-- minor units unless scale is given (0..18). Weights are taken in units of 10^-weight_scale (default 6).
-- Each target first gets floor(|pool| * weight / total weight) units; the units left over (fewer than the
-- targets) go one each to the largest remainders, ties to the smaller target_key. A negative pool (a credit)
-- is split as its magnitude, then negated. So the parts add up exactly to the rounded pool, each is less
-- than one unit from its exact share, a zero weight gets nothing, and the result is the same on every run.
-- A NULL pool_amount gives NULL parts. Errors: a NULL or negative weight, a DOUBLE or FLOAT weight (weights
-- are exact too: cast them to DECIMAL), a pool whose weights are all zero, a target twice in a pool, a
-- pool_amount or currency that differs within a pool, or |pool units| * weight units beyond HUGEINT.
-- Result: pool_key, target_key, currency, pool_amount, weight, part (DECIMAL(38,18)), part_units (HUGEINT),
-- unit_scale, ordered by pool_key, target_key.
CREATE MACRO money_split(input, scale := NULL, weight_scale := 6) AS TABLE
WITH given AS (
    SELECT pool_key, target_key, currency, pool_amount, weight,
           CAST(CASE WHEN typeof(weight) IN ('DOUBLE', 'FLOAT')
                    THEN error('money_split: weights must be exact (DECIMAL or INTEGER), not ' || typeof(weight)
                               || '; cast them, e.g. weight::DECIMAL(38,6)')
                    WHEN money__out_of_range(weight) THEN money__range_error(weight, 'money_split')
                    ELSE weight END AS DECIMAL(38,18)) AS exact_weight,
           CAST(coalesce(scale, minor_units(currency)) AS INTEGER) AS unit_scale,
           CASE WHEN money__out_of_range(pool_amount) THEN money__range_error(pool_amount, 'money_split')
                ELSE money__exact(pool_amount, 'money_split') END AS exact_pool,
           'money_split: pool ' || coalesce(CAST(pool_key AS VARCHAR), 'NULL') AS pool_label,
           ', target ' || coalesce(CAST(target_key AS VARCHAR), 'NULL') AS target_label
    FROM query_table(input)
), units AS (
    SELECT *, money__units(exact_pool, unit_scale, 'money_split') AS pool_units,
           money__units(exact_weight, weight_scale, 'money_split') AS weight_units,
           sum(money__units(exact_weight, weight_scale, 'money_split')) OVER (PARTITION BY pool_key) AS weight_total,
           count(*) OVER (PARTITION BY pool_key, target_key) AS target_rows,
           count(DISTINCT pool_amount) OVER (PARTITION BY pool_key)
               + count(DISTINCT currency) OVER (PARTITION BY pool_key) AS pool_variants
    FROM given
), shares AS (
    SELECT *, CASE
        WHEN unit_scale IS NULL
            THEN error(pool_label || ': currency ' || coalesce(currency, 'NULL') || ' has no minor unit')
        WHEN weight_units IS NULL THEN error(pool_label || target_label || ': no weight')
        WHEN weight_units < 0 THEN error(pool_label || target_label || ': negative weight ' || weight)
        WHEN weight_total = 0 THEN error(pool_label || ': every weight is zero')
        WHEN target_rows > 1 THEN error(pool_label || target_label || ': the target appears more than once')
        WHEN pool_variants > 2 THEN error(pool_label || ': pool_amount or currency differs between its rows')
        WHEN weight_units > 0 AND abs(pool_units) > 170141183460469231731687303715884105727::HUGEINT // weight_units
            THEN error(pool_label || target_label || ': pool units times weight units exceed HUGEINT; '
                       || 'give a smaller weight_scale or scale')
        ELSE abs(pool_units) * weight_units END AS numerator
    FROM units
), floors AS (
    SELECT *, numerator // weight_total AS floor_units, numerator % weight_total AS remainder FROM shares
), ranked AS (
    SELECT *, abs(pool_units) - sum(floor_units) OVER (PARTITION BY pool_key) AS leftover,
           row_number() OVER (PARTITION BY pool_key ORDER BY remainder DESC, target_key) AS remainder_rank
    FROM floors
), parts AS (
    SELECT *, sign(pool_units) * (floor_units + CASE WHEN remainder_rank <= leftover THEN 1 ELSE 0 END)
                  AS part_units
    FROM ranked
)
SELECT pool_key, target_key, currency, pool_amount, weight, money_from_units(part_units, unit_scale) AS part,
       part_units, unit_scale
FROM parts
ORDER BY pool_key, target_key;
