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

# Layering: dependencies point one way. A module may include only the modules listed for it (the table in
# docs/architecture.md). A folder under src/crosswalk/ that is not in the table fails the check: a new module is
# added here on purpose, with its place in the layering.
declare -A allowed=(
    [common]="common"
    [store]="common store"
    [model]="common store model"
    [workspace]="common store model workspace"
    [ingest]="common store model workspace ingest"
    [rules]="common store model workspace rules"
    [generate]="common store model workspace generate"
    [rules]="common store model workspace rules"
    [enrich]="common store model workspace ingest rules enrich"
    [allocate]="common store model workspace rules enrich allocate"
    [analyze]="common store model workspace rules enrich allocate analyze"
    [pipeline]="common store model workspace ingest rules enrich allocate analyze pipeline"
    [report]="common store model workspace rules enrich allocate analyze report"
    [api]="common store model workspace ingest rules enrich allocate analyze pipeline report api"
    [cli]="common store model workspace ingest generate rules enrich allocate analyze pipeline report api cli"
)
# Tracked files and new ones not yet added (but not ignored), so a new folder is caught before its first commit.
for file in $(git ls-files --cached --others --exclude-standard 'src/crosswalk/*'); do
    module="$(echo "$file" | cut -d/ -f3)"
    if [ -z "${allowed[$module]:-}" ]; then
        echo "check: $file is in src/crosswalk/$module/, a module the layering table does not know;" \
            "add it to scripts/check.sh and docs/architecture.md" >&2
        status=1
        continue
    fi
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

# SQL over money never yields a binary float (docs/architecture.md, "Money arithmetic"): in src/, no cast to
# DOUBLE/FLOAT/REAL, no avg() of a money column, and no '/' with a money column on either side (DuckDB types
# every '/' as DOUBLE; use money_div). '//' (HUGEINT division), paths ("a/cost.csv": no space or parenthesis
# after the slash) and comment lines are not matched. A line that
# must do it anyway says why and carries "check: float ok".
money_word='[A-Za-z_]*(cost|amount|price|billed|spend)[A-Za-z_]*'
float_sql="(::[[:space:]]*(double|float|real|float4|float8)([^a-z0-9_(]|$))|(\\bas[[:space:]]+(double|float|real)[[:space:]]*\\))"
float_sql+="|(\\bavg[[:space:]]*\\([^)]*(cost|amount|price|billed|spend))"
float_sql+="|(${money_word}\\)*[[:space:]]*/[[:space:](])"
float_sql+="|([[:alnum:]_)][[:space:]]*/[[:space:](]+((sum|select[[:space:]]+sum)[[:space:]]*\\()*${money_word})"
if git grep -nEi "$float_sql" -- 'src/*.cpp' 'src/*.hpp' 'src/*.sql' | grep -vE '^[^:]+:[0-9]+:[[:space:]]*(//|--|\*)' |
    grep -v 'check: float ok'; then
    echo "check: SQL over money above can yield DOUBLE; use money_mul/money_div/money_round (migration 0003)" >&2
    status=1
fi

[ "$status" -eq 0 ] && echo "check: formatting, layering and money checks passed"
exit "$status"
