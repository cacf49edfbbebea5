#!/usr/bin/env bash
# The main job, end to end: installs what is needed, builds crosswalk, generates the demo company into a
# workspace, loads every source, runs each pipeline stage, and prints a summary and where to look.
#
#   scripts/demo.sh [DIR]     DIR defaults to ./demo; running it again regenerates DIR
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEMO_DIR="${1:-$ROOT/demo}"

bash "$ROOT/scripts/setup.sh"
cmake --preset release -S "$ROOT" >/dev/null
cmake --build --preset release
CROSSWALK="$ROOT/build/release/apps/crosswalk/crosswalk"

echo
"$CROSSWALK" demo "$DEMO_DIR"
echo "  the binary     $CROSSWALK"
