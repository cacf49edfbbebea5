#!/usr/bin/env bash
# The main job, end to end: installs what is needed, builds crosswalk, generates the demo company into a
# workspace, loads every source, runs each pipeline stage, and prints a summary and where to look.
#
#   scripts/demo.sh [--serve] [--port P] [DIR]   DIR defaults to ./demo; running it again regenerates DIR;
#                                                 --serve then leaves the dashboard serving (Ctrl-C stops it)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SERVE=0
PORT=8080
DEMO_DIR="$ROOT/demo"
while [ "$#" -gt 0 ]; do
    case "$1" in
    --serve) SERVE=1 ;;
    --port) PORT="$2"; shift ;;
    -h | --help) sed -n '2,8p' "$0"; exit 0 ;;
    *) DEMO_DIR="$1" ;;
    esac
    shift
done

bash "$ROOT/scripts/setup.sh"
cmake --preset release -S "$ROOT" >/dev/null
cmake --build --preset release
CROSSWALK="$ROOT/build/release/apps/crosswalk/crosswalk"

echo
"$CROSSWALK" demo "$DEMO_DIR"
echo "  the binary     $CROSSWALK"
if [ "$SERVE" -eq 1 ]; then
    echo
    exec "$CROSSWALK" serve -w "$DEMO_DIR" --port "$PORT"
fi
echo "  serve it       scripts/demo.sh --serve   (or: $CROSSWALK serve -w $DEMO_DIR)"
