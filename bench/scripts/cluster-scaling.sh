#!/usr/bin/env bash
# The capacity model's silo scaling (issue 6, docs/performance.md "Cluster scaling"): for N = 1, 2, 3 silos, start a
# local cluster with scripts/cluster.sh (Redis + PostgreSQL + N silo processes), drive it with the load tool's cluster
# scenario as an Orleans client, and stop it. The bank is imported once (the first run) and kept between runs.
#
#   bench/scripts/cluster-scaling.sh [load-tool flags...]     e.g. --streams 1000 --seconds 30 --warmup 10 --bank-size 100000
#
# Output: one "## throughput" block per silo count, in $LIVEWATCH_CLUSTER_DIR/scaling-<N>.txt as well.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
export LIVEWATCH_CLUSTER_DIR=${LIVEWATCH_CLUSTER_DIR:-/tmp/livewatch-scaling}
dotnet build "$root/LiveWatch.sln" -c Release -v quiet -nologo >/dev/null
for silos in ${SILO_COUNTS:-1 2 3}; do
  "$root/scripts/cluster.sh" start "$silos" >/dev/null
  "$root/scripts/cluster.sh" load "$@" | tee "$LIVEWATCH_CLUSTER_DIR/scaling-$silos.txt"
  "$root/scripts/cluster.sh" stop >/dev/null
done
