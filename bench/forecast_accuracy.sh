#!/usr/bin/env bash
# The forecast's back-tested accuracy on a workspace, beside the naive seasonal baseline's, for docs/forecasts.md:
# per dimension, the mean over its series of the monthly and the daily MAPE, and the whole bill's.
#   bench/forecast_accuracy.sh [WORKSPACE]     default: a six-month demo made in $TMPDIR (crosswalk demo)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CROSSWALK="$ROOT/build/release/apps/crosswalk/crosswalk"
work="${1:-${TMPDIR:-/tmp}/crosswalk-forecast-accuracy}"
[[ -x "$CROSSWALK" ]] || { echo "build first: $CROSSWALK is missing" >&2; exit 2; }
[[ -f "$work/crosswalk.duckdb" ]] || "$CROSSWALK" demo "$work" > /dev/null

echo "| series | monthly MAPE, model | naive seasonal | daily MAPE, model | naive seasonal |"
echo "| --- | --- | --- | --- | --- |"
for by in provider account service application cost_center business_unit; do
    "$CROSSWALK" report forecast -w "$work" --by "$by" --horizon 1 --format csv > "$work/forecast-$by.csv"
    "$CROSSWALK" sql -w "$work" --format csv "
        WITH s AS (SELECT series, any_value(mape_backtest)::DOUBLE AS m, any_value(mape_naive)::DOUBLE AS n,
                          any_value(mape_daily)::DOUBLE AS d, any_value(mape_daily_naive)::DOUBLE AS dn
                   FROM read_csv('$work/forecast-$by.csv', all_varchar = true) GROUP BY series)
        SELECT '| $by (' || count(*) FILTER (WHERE series <> '(all)' AND m IS NOT NULL) || ' series, mean) | ' ||
               printf('%.2f %%', avg(m) FILTER (WHERE series <> '(all)')) || ' | ' ||
               printf('%.2f %%', avg(n) FILTER (WHERE series <> '(all)')) || ' | ' ||
               printf('%.2f %%', avg(d) FILTER (WHERE series <> '(all)')) || ' | ' ||
               printf('%.2f %%', avg(dn) FILTER (WHERE series <> '(all)')) || ' |'
        FROM s" | tail -1 | tr -d '"'
done
"$CROSSWALK" sql -w "$work" --format csv "
    SELECT '| (all), the whole bill | ' || any_value(mape_backtest) || ' % | ' || any_value(mape_naive) || ' % | ' ||
           any_value(mape_daily) || ' % | ' || any_value(mape_daily_naive) || ' % |'
    FROM read_csv('$work/forecast-provider.csv', all_varchar = true) WHERE series = '(all)'" | tail -1 | tr -d '"'

# The budget's year projection made at the end of March against what the budgeted months then cost.
"$CROSSWALK" report budget -w "$work" --period 2026-03 --format csv > "$work/budget-03.csv"
"$CROSSWALK" report budget -w "$work" --format csv > "$work/budget-latest.csv"
"$CROSSWALK" sql -w "$work" --format csv "
    SELECT 'budget year projection as of 2026-03 against the actual: ' || count(*) || ' scopes, mean error ' ||
           printf('%.2f', avg(abs(a.forecast_end_of_period::DOUBLE - b.actual::DOUBLE) / b.actual::DOUBLE) * 100) ||
           ' %, worst ' ||
           printf('%.2f', max(abs(a.forecast_end_of_period::DOUBLE - b.actual::DOUBLE) / b.actual::DOUBLE) * 100) || ' %'
    FROM read_csv('$work/budget-03.csv', all_varchar = true) AS a
    JOIN read_csv('$work/budget-latest.csv', all_varchar = true) AS b USING (scope_kind, scope_id, horizon)
    WHERE horizon = 'year' AND a.budget IS NOT NULL" | tail -1 | tr -d '"'
