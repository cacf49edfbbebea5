#!/usr/bin/env bash
# Measures FOCUS ingest against DuckDB's own reader, each side in its own process under /usr/bin/time -v:
#   bench/run.sh ROWS csv|parquet [RUNS] [WORK_DIR]
# Generates ROWS rows once, then runs the baseline and crosswalk RUNS times each (default 2), alternating, and
# prints every run and the best time and peak RSS of each side. The generated file and databases are deleted at
# the end. Build first: cmake --preset bench && cmake --build --preset bench
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/build/bench/bench/crosswalk_focus_ingest_bench"
rows="${1:?usage: bench/run.sh ROWS csv|parquet [RUNS] [WORK_DIR]}"
format="${2:?usage: bench/run.sh ROWS csv|parquet [RUNS] [WORK_DIR]}"
runs="${3:-2}"
work="${4:-${TMPDIR:-/tmp}/crosswalk-bench-$rows-$format}"

[[ -x "$BENCH" ]] || { echo "build the bench preset first: $BENCH is missing" >&2; exit 2; }
rm -rf "$work"
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
data="$work/focus.$format"
"$BENCH" generate "$rows" "$format" "$data"

# One measured run: prints "seconds peak_rss_mb" (the program's own timer; the kernel's peak RSS).
measure() {
    local side="$1" out
    out="$(/usr/bin/time -v "$BENCH" "$side" "$data" "$work" 2> "$work/time.txt")"
    local seconds rss
    seconds="$(sed -E 's/^[a-z]+ ([0-9.]+) s.*/\1/' <<< "$out")"
    rss="$(awk -F': ' '/Maximum resident set size/ { printf "%d", $2 / 1024 }' "$work/time.txt")"
    echo "$side run: $out (time -v: peak RSS $rss MB)" >&2
    echo "$seconds $rss"
}

best_duckdb="" best_crosswalk="" rss_duckdb=0 rss_crosswalk=0
for ((run = 1; run <= runs; run++)); do
    read -r seconds rss < <(measure duckdb)
    if [[ -z "$best_duckdb" ]] || awk "BEGIN { exit !($seconds < $best_duckdb) }"; then best_duckdb="$seconds"; fi
    (( rss > rss_duckdb )) && rss_duckdb="$rss"
    read -r seconds rss < <(measure crosswalk)
    if [[ -z "$best_crosswalk" ]] || awk "BEGIN { exit !($seconds < $best_crosswalk) }"; then best_crosswalk="$seconds"; fi
    (( rss > rss_crosswalk )) && rss_crosswalk="$rss"
done
megabytes="$(du -m --apparent-size "$data" | cut -f1)"
ratio="$(awk "BEGIN { printf \"%.2f\", $best_crosswalk / $best_duckdb }")"
echo "| $format, $rows rows, $megabytes MB | $best_duckdb s | $rss_duckdb MB | $best_crosswalk s | $rss_crosswalk MB | ${ratio}x |"
