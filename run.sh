#!/usr/bin/env bash
# Runs LiveWatch on this machine. With no arguments: a short demo of the livewatch tool on the benign sample
# pictures (hash one, then find a rotated copy in a demo bank). With arguments: runs `livewatch ARGS...`.
# Installs ffmpeg with apt-get if it is missing and this runs as root; otherwise says what to install.
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-deps.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet build src/Cli/LiveWatch.Cli.csproj -c Release -nologo -clp:ErrorsOnly -v:quiet >&2
livewatch() { dotnet src/Cli/bin/Release/net10.0/livewatch.dll "$@"; }

if (($#)); then
  livewatch "$@"
  exit $?
fi

samples=tests/fixtures/pdq/images
echo "\$ livewatch hash $samples/bridge-mods/aaa-orig.jpg"
livewatch hash "$samples/bridge-mods/aaa-orig.jpg"
echo
echo "\$ livewatch match $samples/dih/bridge-3-rotate-180.jpg --bank samples/demo-bank.csv --dihedral"
livewatch match "$samples/dih/bridge-3-rotate-180.jpg" --bank samples/demo-bank.csv --dihedral || true
echo
echo "More: ./run.sh --help, ./run.sh hash --help, ./run.sh match --help (see README.md)."
