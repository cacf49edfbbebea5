#!/usr/bin/env bash
# Builds crosswalk and runs every test (unit and end-to-end). Installs what it needs first (scripts/setup.sh).
#
#   scripts/test.sh              release build, all tests but those labelled slow
#   scripts/test.sh --sanitize   AddressSanitizer + UndefinedBehaviorSanitizer build, unit tests
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

preset=test
case "${1:-}" in
    "") ;;
    --sanitize) preset=asan ;;
    *) echo "usage: scripts/test.sh [--sanitize]" >&2; exit 2 ;;
esac

bash scripts/setup.sh
cmake --workflow --preset "$preset"
