-- Version 10: minor_units without a table alias a caller's query can capture. A macro's argument is bound
-- inside the macro's subquery, so version 4's alias `m` made minor_units(m.currency), called from a query
-- with its own alias `m`, compare the lookup table's column with itself (and money_round round to the wrong
-- scale). The lookup now names its table in full, with a name no query of the product uses.
CREATE OR REPLACE MACRO minor_units(code) AS CASE WHEN code IS NULL THEN NULL
    WHEN NOT regexp_full_match(CAST(code AS VARCHAR), '[A-Z]{3}')
        THEN error('minor_units: ''' || code || ''' is not an ISO 4217 currency code (three capital letters, e.g. USD)')
    ELSE (SELECT CASE WHEN count(*) = 0 THEN 2 ELSE any_value(currency_minor_unit__lookup.minor_units) END
          FROM currency_minor_unit AS currency_minor_unit__lookup
          WHERE currency_minor_unit__lookup.currency = code) END;
