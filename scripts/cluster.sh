#!/usr/bin/env bash
# A LiveWatch cluster on this machine, for trying the cluster mode and for rehearsing operations (docs/operations.md):
# Redis (membership, grain state, reminders) and PostgreSQL (moderation store) on loopback, N silos as real processes,
# optionally M ingest workers. Everything lives in one directory; nothing is installed or started system-wide.
#
#   scripts/cluster.sh start N [--workers M]   start Redis, PostgreSQL, migrate the store, start N silos (and M workers)
#   scripts/cluster.sh status                  what runs, on which ports, and whether each silo is ready
#   scripts/cluster.sh restart I               SIGTERM silo I and start it again on its ports (a rolling-upgrade step)
#   scripts/cluster.sh load [FLAGS...]         synthetic load on the running cluster: the load tool's cluster scenario,
#                                              an Orleans client sending frame batches to stream grains as ingest workers
#                                              do (e.g. --streams 1000 --seconds 30 --rate 2000; see docs/performance.md)
#   scripts/cluster.sh stop [--clean]          SIGTERM everything (SIGKILL after a grace period); --clean also deletes
#                                              the directory (databases, Redis data, logs, keys)
#
# Directory: ${LIVEWATCH_CLUSTER_DIR:-/tmp/livewatch-cluster}. `start` writes cluster.env there (pids, ports,
# connection strings, the API address): `source "$LIVEWATCH_CLUSTER_DIR/cluster.env"` to use it. The first silo's API
# is on http://127.0.0.1:8080 unless that port is taken (then the next free one). Data survives `stop`: a later
# `start` reuses the databases, the Redis data and the evidence key.
# LIVEWATCH_CLUSTER_PORT_BASE=P takes every port from P up instead (HTTP P+1.., silo P+101.., gateway P+201.., Redis
# P+300, PostgreSQL P+301, worker metrics P+401..), so that a second cluster (a test's) never meets the first.
# LIVEWATCH_CONFIGURATION (default Release) picks the build the processes run.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
dir=${LIVEWATCH_CLUSTER_DIR:-/tmp/livewatch-cluster}
env_file=$dir/cluster.env
configuration=${LIVEWATCH_CONFIGURATION:-Release}
silo_dll=$root/src/Silo/bin/$configuration/net10.0/LiveWatch.Silo.dll
ingest_dll=$root/src/Ingest/bin/$configuration/net10.0/LiveWatch.Ingest.dll
port_base=${LIVEWATCH_CLUSTER_PORT_BASE:-}
[[ -z $port_base || $port_base =~ ^[1-9][0-9]*$ ]] || { echo "error: LIVEWATCH_CLUSTER_PORT_BASE must be a port number" >&2; exit 2; }
grace_seconds=${LIVEWATCH_CLUSTER_GRACE:-30}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

usage() { sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
die() { echo "error: $*" >&2; exit 1; }

pg_bin() {
  local found
  found=$(compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' | sort -V | tail -n1 || true)
  if [[ -n ${LIVEWATCH_PG_BINDIR:-} ]]; then echo "$LIVEWATCH_PG_BINDIR"
  elif [[ -n $found ]]; then dirname "$found"
  elif command -v pg_ctl >/dev/null 2>&1; then dirname "$(command -v pg_ctl)"
  else die "no PostgreSQL server binaries (pg_ctl, initdb); run scripts/ensure-deps.sh as root or 'apt-get install postgresql'"
  fi
}

# initdb and postgres refuse to run as root: run them as the postgres user, which then owns the data directory.
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

taken=()
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# Sets variable $1 to the first port from $2 up (from the port base plus $3 when one is set) that nothing listens on
# and that this run has not handed out yet.
free_port() {
  local port=$2
  if [[ -n $port_base ]]; then port=$((port_base + $3)); fi
  while port_in_use "$port" || [[ " ${taken[*]:-} " == *" $port "* ]]; do port=$((port + 1)); done
  taken+=("$port")
  printf -v "$1" '%s' "$port"
}

alive() { [[ -n ${1:-} ]] && kill -0 "$1" 2>/dev/null; }

wait_ready() { # url pid name log
  local deadline=$((SECONDS + 180))
  until curl -sf -o /dev/null "$1/health/ready"; do
    alive "$2" || die "$3 exited during start; see $4"
    ((SECONDS < deadline)) || die "$3 was not ready within 180 s; see $4"
    sleep 1
  done
}

# SIGTERM, then SIGKILL if the process is still there after the grace period.
stop_pid() { # pid name
  local pid=$1 deadline
  alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  deadline=$((SECONDS + grace_seconds))
  while alive "$pid" && ((SECONDS < deadline)); do sleep 0.5; done
  if alive "$pid"; then
    echo "  $2 (pid $pid) still running after ${grace_seconds} s: SIGKILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
  else
    echo "  $2 (pid $pid) stopped" >&2
  fi
}

# Exported, so that a shell that sources the file runs the silo binary (e.g. `db status`) against this cluster.
emit() { printf 'export %s=%q\n' "$1" "$2" >>"$env_file"; }

# Starts silo $1 on its ports ($2 http, $3 silo, $4 gateway) with the cluster's settings; sets $silo_pid.
start_silo() {
  local i=$1 http=$2 silo_port=$3 gateway_port=$4
  mkdir -p "$dir/silo-$i"
  LiveWatch__DataDirectory=$dir/silo-$i LiveWatch__SiloPort=$silo_port LiveWatch__GatewayPort=$gateway_port \
    LiveWatch__Cluster__Clustering=Redis ConnectionStrings__Redis=127.0.0.1:$redis_port \
    Storage__Provider=Postgres ConnectionStrings__LiveWatch=$store LiveWatch__Evidence__Key=$(cat "$dir/evidence.key") \
    setsid nohup dotnet "$silo_dll" --urls "http://127.0.0.1:$http" >>"$dir/silo-$i/silo.log" 2>&1 </dev/null &
  silo_pid=$!
}

start() {
  local silos=${1:-}; shift || true
  local workers=0
  while (($#)); do
    case $1 in
      --workers) workers=${2:?--workers needs a number}; shift 2 ;;
      *) usage ;;
    esac
  done
  [[ $silos =~ ^[1-9][0-9]*$ ]] || usage
  [[ $workers =~ ^[0-9]+$ ]] || usage
  command -v redis-server >/dev/null 2>&1 || die "redis-server is missing; run scripts/ensure-deps.sh as root or 'apt-get install redis-server'"
  command -v curl >/dev/null 2>&1 || die "curl is missing; 'apt-get install curl'"
  if [[ -f $env_file ]]; then
    # shellcheck disable=SC1090
    source "$env_file"
    if alive "${REDIS_PID:-}" || alive "${SILO_1_PID:-}"; then die "a cluster already runs from $dir; 'scripts/cluster.sh stop' first"; fi
  fi

  if [[ ! -f $silo_dll ]]; then
    echo "Building the silo ($configuration)..." >&2
    dotnet build "$root/src/Silo/LiveWatch.Silo.csproj" -c "$configuration" -nologo -clp:ErrorsOnly\;NoSummary -v:quiet >&2
  fi

  mkdir -p "$dir/redis" "$dir/pg"
  : >"$env_file"
  chmod 600 "$env_file"
  emit LIVEWATCH_CLUSTER_DIR "$dir"

  # Redis: append-only file with an fsync per write, so a Redis restart keeps membership, grain state and reminders.
  local redis_port; free_port redis_port 6380 300
  redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$dir/redis" --daemonize yes \
    --pidfile "$dir/redis/redis.pid" --logfile "$dir/redis/redis.log" --appendonly yes --appendfsync always --save ''
  local deadline=$((SECONDS + 30))
  until redis-cli -p "$redis_port" ping >/dev/null 2>&1; do ((SECONDS < deadline)) || die "Redis did not start; see $dir/redis/redis.log"; sleep 0.2; done
  local redis_pid; redis_pid=$(cat "$dir/redis/redis.pid")
  echo "Redis      127.0.0.1:$redis_port (pid $redis_pid)" >&2
  emit REDIS_PID "$redis_pid"
  emit REDIS_PORT "$redis_port"
  emit ConnectionStrings__Redis "127.0.0.1:$redis_port"

  # PostgreSQL: a cluster of its own in the directory, initialized once.
  local bin; bin=$(pg_bin)
  local pg_port; free_port pg_port 5433 301
  if [[ $(id -u) -eq 0 ]]; then chown postgres:postgres "$dir/pg"; fi
  if [[ ! -f $dir/pg/data/PG_VERSION ]]; then
    as_pg "$bin/initdb" -D "$dir/pg/data" -U postgres -A trust -E UTF8 --no-locale >"$dir/pg/initdb.log" 2>&1 \
      || die "initdb failed; see $dir/pg/initdb.log"
  fi
  as_pg "$bin/pg_ctl" -D "$dir/pg/data" -l "$dir/pg/server.log" -w -t 60 \
    -o "-p $pg_port -c listen_addresses=127.0.0.1 -k $dir/pg" start >/dev/null || die "PostgreSQL did not start; see $dir/pg/server.log"
  local pg_pid; pg_pid=$(head -n1 "$dir/pg/data/postmaster.pid")
  "$bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres livewatch 2>/dev/null || true
  local store="Host=127.0.0.1;Port=$pg_port;Database=livewatch;Username=postgres"
  echo "PostgreSQL 127.0.0.1:$pg_port (pid $pg_pid, data $dir/pg/data)" >&2
  emit PG_BIN "$bin"
  emit PG_DATA "$dir/pg/data"
  emit PG_PID "$pg_pid"
  emit PG_PORT "$pg_port"
  emit Storage__Provider Postgres
  emit ConnectionStrings__LiveWatch "$store"

  # One evidence key for every silo: each must decrypt what any other encrypted. Kept across restarts.
  if [[ ! -f $dir/evidence.key ]]; then
    (umask 077; head -c 32 /dev/urandom | base64 >"$dir/evidence.key")
  fi
  emit LiveWatch__Cluster__Clustering Redis

  # The schema first, once: silos of a cluster do not migrate on start.
  Storage__Provider=Postgres ConnectionStrings__LiveWatch=$store dotnet "$silo_dll" db migrate >"$dir/migrate.log" 2>&1 \
    || die "db migrate failed; see $dir/migrate.log"
  echo "Migrated   $(tail -n1 "$dir/migrate.log")" >&2

  local i http silo_port gateway_port silo_pid pids=() urls=()
  for ((i = 1; i <= silos; i++)); do
    free_port http $((8079 + i)) "$i"
    free_port silo_port $((11110 + i)) $((100 + i))
    free_port gateway_port $((29999 + i)) $((200 + i))
    start_silo "$i" "$http" "$silo_port" "$gateway_port"
    pids+=("$silo_pid"); urls+=("http://127.0.0.1:$http")
    emit "SILO_${i}_PID" "$silo_pid"
    emit "SILO_${i}_HTTP" "http://127.0.0.1:$http"
    emit "SILO_${i}_HTTP_PORT" "$http"
    emit "SILO_${i}_SILO_PORT" "$silo_port"
    emit "SILO_${i}_GATEWAY_PORT" "$gateway_port"
    echo "Silo $i     http://127.0.0.1:$http  silo port $silo_port  gateway $gateway_port (pid $silo_pid)" >&2
    # The first silo alone first: it creates the operator key, which the others then find in the store.
    if ((i == 1)); then wait_ready "${urls[0]}" "${pids[0]}" "silo 1" "$dir/silo-1/silo.log"; fi
  done
  emit SILOS "$silos"
  for ((i = 2; i <= silos; i++)); do wait_ready "${urls[i - 1]}" "${pids[i - 1]}" "silo $i" "$dir/silo-$i/silo.log"; done
  if [[ -f $dir/silo-1/admin-api-key ]]; then
    install -m 600 "$dir/silo-1/admin-api-key" "$dir/admin-api-key"
  fi
  emit LIVEWATCH_API "${urls[0]}/api/v1"
  emit LIVEWATCH_ADMIN_KEY_FILE "$dir/admin-api-key"

  # --- Ingest workers (issue 6): Orleans clients of the silos' gateways, as separate processes. ---
  emit WORKERS 0
  if ((workers > 0)); then
    # Only an executable build has a runtimeconfig; src/Ingest is also built as a library of the silo.
    if [[ -f ${ingest_dll%.dll}.runtimeconfig.json ]]; then
      for ((i = 1; i <= workers; i++)); do
        local gateway_var="SILO_$(((i - 1) % silos + 1))_GATEWAY_PORT"
        mkdir -p "$dir/worker-$i"
        # shellcheck disable=SC1090
        gateway_port=$(source "$env_file"; echo "${!gateway_var}")
        free_port metrics_port $((9464 + i)) $((400 + i))
        LiveWatch__GatewayPort=$gateway_port LiveWatch__Cluster__Clustering=Redis ConnectionStrings__Redis=127.0.0.1:$redis_port \
          LiveWatch__Ingest__Worker__WorkerId=worker-$i LiveWatch__Ingest__Worker__MetricsPort=$metrics_port \
          setsid nohup dotnet "$ingest_dll" >"$dir/worker-$i/worker.log" 2>&1 </dev/null &
        emit "WORKER_${i}_PID" "$!"
        emit "WORKER_${i}_METRICS" "http://127.0.0.1:$metrics_port/metrics"
        echo "Worker $i   gateway $gateway_port, metrics http://127.0.0.1:$metrics_port/metrics (pid $!)" >&2
      done
      emit WORKERS "$workers"
    else
      echo "Workers    not started: $ingest_dll is not an executable build yet (build src/Ingest in Release once it has a host)" >&2
    fi
  fi

  echo >&2
  echo "Ready. Settings and pids: $env_file" >&2
  echo "  source $env_file; curl -s \$SILO_1_HTTP/health/ready; ADMIN=\$(cat \$LIVEWATCH_ADMIN_KEY_FILE)" >&2
  cat "$env_file"
}

status() {
  [[ -f $env_file ]] || { echo "no cluster in $dir (no cluster.env)"; return 0; }
  # shellcheck disable=SC1090
  source "$env_file"
  local state i pid http ready
  state=$(alive "${REDIS_PID:-}" && echo running || echo stopped)
  echo "redis       $state  127.0.0.1:${REDIS_PORT:-?}  pid ${REDIS_PID:-?}"
  state=$(alive "${PG_PID:-}" && echo running || echo stopped)
  echo "postgresql  $state  127.0.0.1:${PG_PORT:-?}  pid ${PG_PID:-?}"
  for ((i = 1; i <= ${SILOS:-0}; i++)); do
    pid=SILO_${i}_PID; http=SILO_${i}_HTTP
    if alive "${!pid}"; then
      ready=$(curl -s -o /dev/null -w '%{http_code}' "${!http}/health/ready" || true)
      echo "silo-$i      running  ${!http}  pid ${!pid}  ready: $([[ $ready == 200 ]] && echo yes || echo "no ($ready)")"
    else
      echo "silo-$i      stopped  ${!http}  pid ${!pid}"
    fi
  done
  for ((i = 1; i <= ${WORKERS:-0}; i++)); do
    pid=WORKER_${i}_PID
    echo "worker-$i    $(alive "${!pid}" && echo running || echo stopped)  pid ${!pid}"
  done
}

# One silo of a running cluster: SIGTERM (its grains move to the other silos), then the current build on the same
# ports. Rehearses a rolling upgrade: restart 1, wait for ready, restart 2, ...
restart() {
  local i=${1:-}
  [[ $i =~ ^[1-9][0-9]*$ ]] || usage
  [[ -f $env_file ]] || die "no cluster in $dir"
  # shellcheck disable=SC1090
  source "$env_file"
  ((i <= ${SILOS:-0})) || die "there is no silo $i (the cluster has ${SILOS:-0})"
  local pid_var=SILO_${i}_PID http_var=SILO_${i}_HTTP_PORT silo_var=SILO_${i}_SILO_PORT gateway_var=SILO_${i}_GATEWAY_PORT
  local redis_port=$REDIS_PORT store=$ConnectionStrings__LiveWatch silo_pid
  stop_pid "${!pid_var}" "silo $i"
  start_silo "$i" "${!http_var}" "${!silo_var}" "${!gateway_var}"
  sed -i "s/^export SILO_${i}_PID=.*/export SILO_${i}_PID=$silo_pid/" "$env_file"
  echo "  silo $i restarted (pid $silo_pid)" >&2
  wait_ready "http://127.0.0.1:${!http_var}" "$silo_pid" "silo $i" "$dir/silo-$i/silo.log"
  echo "  silo $i ready" >&2
}

stop() {
  local clean=false
  case ${1:-} in --clean) clean=true ;; '') ;; *) usage ;; esac
  if [[ -f $env_file ]]; then
    # shellcheck disable=SC1090
    source "$env_file"
    local i pid
    # Workers first (they hold leases on streams), then silos (each hands its grains over as it leaves), then the
    # services they depend on.
    for ((i = 1; i <= ${WORKERS:-0}; i++)); do pid=WORKER_${i}_PID; stop_pid "${!pid}" "worker $i"; done
    local silo_pids=()
    for ((i = 1; i <= ${SILOS:-0}; i++)); do pid=SILO_${i}_PID; silo_pids+=("${!pid}"); done
    # In parallel: the grace period is per silo, not their sum.
    for ((i = 1; i <= ${#silo_pids[@]}; i++)); do stop_pid "${silo_pids[i - 1]}" "silo $i" & done
    wait
    stop_pid "${REDIS_PID:-}" redis
    if [[ -n ${PG_DATA:-} && -f $PG_DATA/postmaster.pid ]]; then
      as_pg "${PG_BIN:-$(pg_bin)}/pg_ctl" -D "$PG_DATA" -m fast -w -t "$grace_seconds" stop >/dev/null 2>&1 \
        || stop_pid "${PG_PID:-}" postgresql
      # pg_ctl returns once the pid file is gone; the postmaster exits a moment later.
      local deadline=$((SECONDS + grace_seconds))
      while alive "${PG_PID:-}" && ((SECONDS < deadline)); do sleep 0.2; done
      echo "  postgresql stopped" >&2
    fi
  else
    echo "no cluster.env in $dir: nothing to stop" >&2
  fi
  if $clean; then
    rm -rf "$dir"
    echo "removed $dir" >&2
  fi
}

load() {
  [[ -f $env_file ]] || die "no cluster.env in $dir: start the cluster first"
  local tool=$root/bench/LiveWatch.LoadTest/bin/$configuration/net10.0/LiveWatch.LoadTest.dll
  dotnet build "$root/bench/LiveWatch.LoadTest" -c "$configuration" -nologo -clp:ErrorsOnly\;NoSummary -v:quiet >&2
  exec dotnet "$tool" --scenario cluster --cluster-env "$env_file" "$@"
}

case ${1:-} in
  start) shift; start "$@" ;;
  status) shift; status ;;
  load) shift; load "$@" ;;
  restart) shift; restart "$@" ;;
  stop) shift; stop "$@" ;;
  *) usage ;;
esac
