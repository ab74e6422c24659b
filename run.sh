#!/usr/bin/env bash
# Runs LiveWatch on this machine.
#   ./run.sh [--no-demo] [--urls URL] [other host options]
#                                                 the single node: Orleans silo + REST API + dashboard on http://127.0.0.1:8080,
#                                                 SQLite store, grain state and keys in ./data (LIVEWATCH_DATA to move it);
#                                                 demo mode (demo tenant, Admin login printed once, demo bank, a synthetic
#                                                 RTMP stream on 127.0.0.1 with an incident within two minutes) unless --no-demo
#   ./run.sh users add --email E --role Moderator|Lead|Admin [--tenant T] [--password P]
#                                                 a dashboard account (an Admin without --tenant is platform-wide)
#   ./run.sh db migrate|status [--Key=value]     the moderation store's schema (PostgreSQL: run before starting silos;
#                                                 settings as for the silo, e.g. Storage__Provider=Postgres in the environment)
#   ./run.sh COMMAND ARGS...                     the livewatch tool: hash, match, scan (./run.sh --help for the list)
# Installs ffmpeg with apt-get if it is missing and this runs as root; otherwise says what to install.
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-deps.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if (($#)) && [[ $1 == db || $1 == users ]]; then
  dotnet build src/Silo/LiveWatch.Silo.csproj -c Release -nologo -clp:ErrorsOnly\;NoSummary -v:quiet >&2
  export LiveWatch__DataDirectory=${LIVEWATCH_DATA:-$PWD/data}
  exec dotnet src/Silo/bin/Release/net10.0/LiveWatch.Silo.dll "$@"
fi

if (($#)) && [[ $1 != --urls && $1 != --LiveWatch* && $1 != --no-demo ]]; then
  dotnet build src/Cli/LiveWatch.Cli.csproj -c Release -nologo -clp:ErrorsOnly\;NoSummary -v:quiet >&2
  exec dotnet src/Cli/bin/Release/net10.0/livewatch.dll "$@"
fi

dotnet build src/Silo/LiveWatch.Silo.csproj -c Release -nologo -clp:ErrorsOnly\;NoSummary -v:quiet >&2
data=${LIVEWATCH_DATA:-$PWD/data}
urls=http://127.0.0.1:8080
demo=true
while (($#)) && [[ $1 == --urls || $1 == --no-demo ]]; do
  if [[ $1 == --no-demo ]]; then demo=false; shift; else urls=$2; shift 2; fi
done
echo "LiveWatch single node on $urls (data: $data)" >&2
echo "  dashboard: $urls/dashboard   API: $urls/api/v1   OpenAPI: $urls/openapi/v1.json   health: $urls/health/ready" >&2
echo "  operator API key: written to $data/admin-api-key on first start (see README, 'First steps with curl')" >&2
export LiveWatch__DataDirectory=$data
$demo && echo "  demo mode: the login is printed below once the node is up (./run.sh --no-demo runs it clean)" >&2
# EF Core's every-statement log would bury the demo's login lines; settings given here still override it.
exec dotnet src/Silo/bin/Release/net10.0/LiveWatch.Silo.dll --urls "$urls" --LiveWatch:Demo:Enabled=$demo \
  --Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command=Warning "$@"
