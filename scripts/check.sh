#!/usr/bin/env bash
# Static checks that need no build: formatting (clang-format 14), the layering rule of docs/architecture.md,
# and a ban on binary floats for money in the library.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
status=0

mapfile -t sources < <(git ls-files 'src/*.cpp' 'src/*.hpp' 'apps/*.cpp' 'tests/*.cpp' 'tests/*.hpp' 'bench/*.cpp')

# Formatting.
if command -v clang-format-14 >/dev/null 2>&1 || command -v clang-format >/dev/null 2>&1; then
    format="$(command -v clang-format-14 || command -v clang-format)"
    if ! "$format" --dry-run --Werror "${sources[@]}"; then
        echo "check: formatting differs; run: $format -i <files>" >&2
        status=1
    fi
else
    echo "check: clang-format not installed; formatting not checked" >&2
fi

# Layering: dependencies point one way. A module may include only the modules listed for it.
declare -A allowed=(
    [common]="common"
    [store]="common store"
    [model]="common store model"
    [workspace]="common store model workspace"
    [ingest]="common store model workspace ingest"
    [generate]="common store model workspace generate"
    [enrich]="common store model workspace ingest enrich"
    [allocate]="common store model workspace enrich allocate"
    [analyze]="common store model workspace enrich allocate analyze"
    [report]="common store model workspace enrich allocate analyze report"
    [api]="common store model workspace ingest enrich allocate analyze report api"
    [cli]="common store model workspace ingest generate enrich allocate analyze report api cli"
)
for file in $(git ls-files 'src/crosswalk/*'); do
    module="$(echo "$file" | cut -d/ -f3)"
    [ -n "${allowed[$module]:-}" ] || continue
    while IFS= read -r included; do
        target="$(echo "$included" | sed -E 's|.*"crosswalk/([a-z_]+)/.*|\1|')"
        if [[ " ${allowed[$module]} " != *" $target "* ]]; then
            echo "check: $file includes crosswalk/$target/, which $module/ may not depend on" >&2
            status=1
        fi
    done < <(grep -E '^#include "crosswalk/' "$file" || true)
done

# Money never passes through a binary float.
if git grep -nE 'duckdb_decimal_to_double|duckdb_append_double|duckdb_bind_double' -- 'src/*' ; then
    echo "check: a decimal-to-double path is used in the library" >&2
    status=1
fi

[ "$status" -eq 0 ] && echo "check: formatting, layering and money checks passed"
exit "$status"
