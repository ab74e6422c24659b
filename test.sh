#!/usr/bin/env bash
# Runs every LiveWatch test (unit, CLI-as-a-process, vectors) and ends with one line: N passed, N failed[, N skipped].
# Installs ffmpeg (and chromium for the dashboard tests) with apt-get if it is missing and this runs as root; otherwise says what to install.
set -uo pipefail
cd "$(dirname "$0")"
scripts/ensure-deps.sh --tests || exit 1

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
results=artifacts/test-results
rm -rf "$results"
mkdir -p "$results"

dotnet build LiveWatch.sln -c Release -nologo -clp:ErrorsOnly || { echo "error: the build failed (see above)." >&2; echo "0 passed, 1 failed"; exit 1; }
# One run per test project, each with its own result file (one solution-wide run can give two projects the same
# time-stamped file name, and one result would silently replace the other).
status=0
for project in tests/*/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  dotnet test "$project" -c Release --no-build -nologo --logger "trx;LogFileName=$name.trx" \
    --logger "console;verbosity=minimal" --results-directory "$results" || status=1
done

sum() { grep -ho "<Counters [^>]*" "$results"/*.trx 2>/dev/null | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' | awk '{s+=$1} END {print s+0}'; }
passed=$(sum passed); failed=$(sum failed); total=$(sum total); executed=$(sum executed)
skipped=$((total - executed))
if [[ $status -ne 0 && $failed -eq 0 ]]; then
  # The runner failed without a failed test (a crash, a missing result file): count it, never hide it.
  failed=1
fi
if ((skipped > 0)); then echo "$passed passed, $failed failed, $skipped skipped"; else echo "$passed passed, $failed failed"; fi
[[ $failed -eq 0 && $passed -gt 0 ]]
