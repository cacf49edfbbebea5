#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for a bounded time on a copy of its seed corpus.
#   scripts/fuzz.sh [SECONDS_PER_TARGET]     default 60
# A crash leaves its input in build/fuzz/findings/<target>/ and fails the script.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SECONDS_PER_TARGET="${1:-60}"

bash scripts/setup.sh
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz

status=0
for corpus in tests/fuzz/corpus/*/; do
    target="$(basename "$corpus")"
    work="build/fuzz/corpus/$target"
    findings="build/fuzz/findings/$target"
    mkdir -p "$work" "$findings"
    cp -n "$corpus"* "$work"/ 2>/dev/null || true
    echo "fuzz: $target for ${SECONDS_PER_TARGET}s"
    if ! "build/fuzz/tests/${target}_fuzz" -max_total_time="$SECONDS_PER_TARGET" -timeout=20 -rss_limit_mb=4096 \
        -artifact_prefix="$findings/" -print_final_stats=1 "$work" 2>"build/fuzz/$target.log"; then
        tail -40 "build/fuzz/$target.log" >&2
        echo "fuzz: $target FAILED; the input is in $findings/" >&2
        status=1
    else
        grep -E "stat::number_of_executed_units|Done" "build/fuzz/$target.log" | tail -2
    fi
done
exit "$status"
