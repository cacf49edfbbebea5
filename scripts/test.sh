#!/usr/bin/env bash
# Builds crosswalk and runs every test (unit and end-to-end). Installs what it needs first (scripts/setup.sh).
#
#   scripts/test.sh              release build, all tests but those labelled slow
#   scripts/test.sh --slow       release build, the tests labelled slow (more than a few seconds each)
#   scripts/test.sh --sanitize   AddressSanitizer + UndefinedBehaviorSanitizer build, unit and end-to-end tests
#                                but those labelled slow
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

preset=test
case "${1:-}" in
    "") ;;
    --slow) preset=slow ;;
    --sanitize) preset=asan ;;
    *) echo "usage: scripts/test.sh [--slow | --sanitize]" >&2; exit 2 ;;
esac

bash scripts/setup.sh
cmake --workflow --preset "$preset"
