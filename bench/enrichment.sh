#!/usr/bin/env bash
# The enrichment series for the README (enrich time grows with distinct keys, not with rows):
#   bench/enrichment.sh [ROWS_MAX] [THREADS]      see bench/series.sh
exec "$(dirname "${BASH_SOURCE[0]}")/series.sh" enrichment "$@"
