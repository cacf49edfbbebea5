#!/usr/bin/env bash
# Forecasts and anomaly detection for the README: how their time grows with series x days, and that billing rows
# do not drive it. Each case in its own process (build/bench/bench/crosswalk_forecast_bench, so its peak RSS is
# its own): 1k and 10k series over two years, 10k over one year, and 1k over two years with ten lines a series
# a day (ten times the rows, the same points). The baseline, measured in the same run, is the plain DuckDB
# aggregate of the daily cost per series that any daily model must read.
#   bench/forecast.sh
# Build first: cmake --preset bench && cmake --build --preset bench
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/build/bench/bench/crosswalk_forecast_bench"
[[ -x "$BENCH" ]] || { echo "build the bench preset first: $BENCH is missing" >&2; exit 2; }

for args in "1000 730 1" "10000 365 1" "10000 730 1" "1000 730 10"; do
    # shellcheck disable=SC2086
    "$BENCH" $args
done
