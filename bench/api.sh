#!/usr/bin/env bash
# The dashboard API under load: serves a workspace (authentication on, a token of a user made for the run and
# removed after), then bench/api_load.mjs: CLIENTS clients for SECONDS over the overview, statement and license
# pages' API calls, p50/p95/p99 per page beside the static baseline measured in the same run.
#   bench/api.sh WORKSPACE [CLIENTS] [SECONDS]      e.g. bench/api.sh demo 50 60
# A workspace of 10M billing rows: crosswalk demo --scale 300 DIR (about 12 minutes). Build first: scripts/test.sh.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CROSSWALK="$ROOT/build/release/apps/crosswalk/crosswalk"
workspace="${1:?usage: bench/api.sh WORKSPACE [CLIENTS] [SECONDS]}"
clients="${2:-50}"
seconds="${3:-60}"
[[ -x "$CROSSWALK" ]] || { echo "build first: $CROSSWALK is missing" >&2; exit 2; }

user="bench-load-$$"
"$CROSSWALK" user add "$user" --role viewer -w "$workspace" > /dev/null
token="$("$CROSSWALK" token create "$user" -w "$workspace" 2> /dev/null)"
log="$(mktemp)"
"$CROSSWALK" serve -w "$workspace" --port 0 > "$log" 2>&1 &
server=$!
cleanup() {
    kill "$server" 2> /dev/null || true
    wait "$server" 2> /dev/null || true
    "$CROSSWALK" user remove "$user" -w "$workspace" > /dev/null || true
    # Leave authentication as it was: an access file of no users is none.
    if [[ -f "$workspace/.crosswalk/access.json" ]] && ! grep -q '"name"' "$workspace/.crosswalk/access.json"; then
        rm -f "$workspace/.crosswalk/access.json"
    fi
    rm -f "$log"
}
trap cleanup EXIT
for _ in $(seq 1 600); do
    port="$(sed -n 's/.*on port \([0-9]*\).*/\1/p' "$log")"
    [[ -n "$port" ]] && break
    kill -0 "$server" 2> /dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.1
done
rows="$("$CROSSWALK" sql -w "$workspace" "SELECT count(*) FROM cost_line" | tail -1)"
echo "workspace $workspace: $rows billing rows"
node "$ROOT/bench/api_load.mjs" "http://127.0.0.1:$port" "$token" --clients "$clients" --seconds "$seconds"
