#!/usr/bin/env bash
# One benchmark's series for the README: how its time grows with distinct keys and with rows.
#   bench/series.sh NAME [ROWS_MAX] [THREADS]
# Runs build/bench/bench/crosswalk_NAME_bench (each case in its own process, so the peak RSS is its own):
# ROWS_MAX rows (default 10,000,000) with 1k, 10k and 100k distinct resources, then 10k resources with a tenth
# and a third of ROWS_MAX rows. Build first: cmake --preset bench && cmake --build --preset bench
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/build/bench/bench/crosswalk_${1:?usage: bench/series.sh NAME [ROWS_MAX] [THREADS]}_bench"
rows="${2:-10000000}"
threads="${3:-2}"
[[ -x "$BENCH" ]] || { echo "build the bench preset first: $BENCH is missing" >&2; exit 2; }

echo "== by distinct resources, $rows rows =="
for keys in 1000 10000 100000; do
    "$BENCH" "$rows" "$keys" "$threads"
done
echo "== by rows, 10000 resources =="
for part in 10 3; do
    "$BENCH" "$((rows / part))" 10000 "$threads"
done
