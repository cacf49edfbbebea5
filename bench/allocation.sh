#!/usr/bin/env bash
# The allocation series for the README (allocate time grows with positions and pools x targets, not rows):
#   bench/allocation.sh [ROWS_MAX] [THREADS]      see bench/series.sh
exec "$(dirname "${BASH_SOURCE[0]}")/series.sh" allocation "$@"
