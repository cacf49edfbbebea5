#!/usr/bin/env bash
# The reconciliation, license and TCO reports on a generated company, each in its own process under /usr/bin/time -v,
# beside a baseline measured in the same run: one plain DuckDB aggregate of the month's cost lines per resource
# (through `crosswalk sql`, so the process start and the database open are the same), the scan no report of a
# month can avoid.
#   bench/reports.sh [SCALE] [WORK_DIR]      SCALE 1 is about 33,000 billing rows over 6 months; 300 about 10 million
#   REPORTS="kpis policy" bench/reports.sh 30   only those reports (each entry a report and its options, ';'-separated)
# Generates and loads the company once (crosswalk demo), then runs each report twice and keeps the best time.
# Build first: scripts/test.sh (or cmake --preset release && cmake --build --preset release).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CROSSWALK="$ROOT/build/release/apps/crosswalk/crosswalk"
scale="${1:-30}"
work="${2:-${TMPDIR:-/tmp}/crosswalk-reports-$scale}"
[[ -x "$CROSSWALK" ]] || { echo "build first: $CROSSWALK is missing" >&2; exit 2; }

if [[ ! -f "$work/crosswalk.duckdb" ]]; then
    start=$(date +%s)
    "$CROSSWALK" demo --scale "$scale" "$work" > /dev/null
    echo "demo --scale $scale (generate, load, run): $(( $(date +%s) - start )) s" >&2
fi
rows="$("$CROSSWALK" sql -w "$work" "SELECT count(*) FROM cost_line" | tail -1)"
month="$("$CROSSWALK" sql -w "$work" "SELECT strftime(max(ChargePeriodStart), '%Y-%m') FROM cost_line" | tail -1)"

# Best of two runs: "seconds peak_rss_mb".
measure() {
    local best="" rss=0 seconds peak
    for _ in 1 2; do
        /usr/bin/time -v "$@" > /dev/null 2> "$work/time.txt"
        seconds="$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = t[n] + (n > 1 ? t[n-1] * 60 : 0); printf "%.2f", s }' "$work/time.txt")"
        peak="$(awk -F': ' '/Maximum resident set size/ { printf "%d", $2 / 1024 }' "$work/time.txt")"
        if [[ -z "$best" ]] || awk "BEGIN { exit !($seconds < $best) }"; then best="$seconds"; fi
        (( peak > rss )) && rss="$peak"
    done
    echo "$best $rss"
}

echo "| $rows billing rows | time | peak RSS | vs baseline |"
echo "| --- | --- | --- | --- |"
read -r base base_rss < <(measure "$CROSSWALK" sql -w "$work" \
    "SELECT ProviderName, ResourceId, sum(EffectiveCost) FROM cost_line WHERE strftime(ChargePeriodStart, '%Y-%m') = '$month' GROUP BY ALL")
echo "| baseline: the month's cost per resource, plain SQL | $base s | $base_rss MB | 1.00x |"
year="${month%-*}"
default_reports="reconcile-ledger;reconcile-inventory;vendor-spend;depreciation;license-position;license-findings;chargeback"
default_reports+=";tco;tco --year $year;unit-cost;commitments;kpis;maturity;policy"
IFS=';' read -r -a entries <<< "${REPORTS:-$default_reports}"
for entry in "${entries[@]}"; do
    read -r -a report <<< "$entry"
    read -r seconds rss < <(measure "$CROSSWALK" report "${report[@]}" -w "$work" --format csv)
    echo "| report $entry | $seconds s | $rss MB | $(awk "BEGIN { printf \"%.2f\", $seconds / $base }")x |"
done
