#!/usr/bin/env bash
# The main job, end to end: installs what is needed, builds crosswalk, creates a workspace and queries it.
#
#   scripts/demo.sh [DIR]     DIR defaults to ./demo
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEMO_DIR="${1:-$ROOT/demo}"

bash "$ROOT/scripts/setup.sh"
cmake --preset release -S "$ROOT" >/dev/null
cmake --build --preset release
CROSSWALK="$ROOT/build/release/apps/crosswalk/crosswalk"

"$CROSSWALK" init "$DEMO_DIR"
echo
echo "The unified data model (tables and their column counts):"
"$CROSSWALK" sql -w "$DEMO_DIR" --format table "
    SELECT t.table_name AS \"table\", count(*) AS columns, t.comment AS note
    FROM duckdb_tables() t JOIN duckdb_columns() c USING (database_name, schema_name, table_name)
    WHERE t.database_name = current_database()
    GROUP BY ALL ORDER BY 1"
echo
echo "Where to look:"
echo "  workspace:  $DEMO_DIR (crosswalk.yaml, rules/)"
echo "  database:   $DEMO_DIR/crosswalk.duckdb"
echo "  query it:   $CROSSWALK sql -w $DEMO_DIR \"SELECT * FROM schema_version\""
