#!/usr/bin/env bash
# Measures how long a hash added to (or removed from) a bank through the REST API takes to change matching, end to
# end on a running node: the operator's call returns, then pushed hashes are sent every 20 ms until the answer flips.
# Usage: bench/scripts/bank-delta-latency.sh [BASE_URL] [ROUNDS]   (node started with ./run.sh; needs curl, python3)
set -euo pipefail
cd "$(dirname "$0")/../.."
base=${1:-http://127.0.0.1:8080}/api/v1
rounds=${2:-20}
admin=$(cat "${LIVEWATCH_DATA:-data}/admin-api-key")
tenant=delta-$RANDOM$RANDOM
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
post() { curl -sf -X POST "$base$1" -H "Authorization: Bearer $2" -H 'Content-Type: application/json' -d "$3"; }
post /admin/tenants "$admin" "{\"id\":\"$tenant\",\"name\":\"delta latency\"}" >/dev/null
key=$(post "/admin/tenants/$tenant/keys" "$admin" '{"name":"bench"}' | json '["token"]')
bank=$(post "/admin/tenants/$tenant/banks" "$admin" '{"name":"delta"}' | json '["id"]')
post /streams "$key" '{"streamId":"probe"}' >/dev/null
push() { # prints 1 if the hash matched; a random hash goes first, or the monitor would skip the probe as a near-duplicate
  seq=$(( $(date +%s%N) / 1000 * 2 ))   # runs in a subshell: sequences come from the clock, not a counter
  filler=$(python3 -c "import secrets; print(secrets.token_hex(32))")
  post /streams/probe/hashes "$key" "{\"runId\":\"bench\",\"hashes\":[{\"sequence\":$((seq - 1)),\"hash\":\"$filler\",\"quality\":100},{\"sequence\":$seq,\"hash\":\"$1\",\"quality\":100}]}" | json '["matched"]'
}
now() { date +%s%N; }
added=() removed=()
for round in $(seq "$rounds"); do
  hash=$(python3 -c "import secrets; print(secrets.token_hex(32))")
  entry=$(post "/admin/tenants/$tenant/banks/$bank/entries" "$admin" "{\"hash\":\"$hash\"}" | json '["id"]')
  start=$(now); until [[ $(push "$hash") == 1 ]]; do sleep 0.02; done
  added+=($(( ($(now) - start) / 1000000 )))
  curl -sf -X DELETE "$base/admin/tenants/$tenant/banks/$bank/entries/$entry" -H "Authorization: Bearer $admin"
  start=$(now); until [[ $(push "$hash") == 0 ]]; do sleep 0.02; done
  removed+=($(( ($(now) - start) / 1000000 )))
done
stats() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {printf "min %d ms, median %d ms, max %d ms (%d rounds)\n", a[1], a[int((NR+1)/2)], a[NR], NR}'; }
echo "added -> matches:        $(stats "${added[@]}")"
echo "removed -> stops matching: $(stats "${removed[@]}")"
