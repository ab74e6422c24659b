#!/usr/bin/env bash
# Makes sure the system tools LiveWatch needs are present: the .NET 10 SDK (never installed here: it is the one
# prerequisite), ffmpeg/ffprobe, the PostgreSQL server binaries (the storage tests start a throwaway cluster with
# initdb/pg_ctl on 127.0.0.1; no server needs to be running) and redis-server (the cluster tests and
# scripts/cluster.sh start their own on loopback) and chromium (the dashboard tests drive Debian's browser with
# Playwright; no browser is ever downloaded). Missing packages are installed with apt-get when running
# as root on Debian/Ubuntu.
# Usage: scripts/ensure-deps.sh [--tests]  (sourced or run; exits non-zero with a message saying what is missing;
#                                          --tests also wants what only the tests need: chromium)
set -euo pipefail

missing_packages=()

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET 10 SDK is not installed (no 'dotnet' on PATH)." >&2
  echo "       Install it from your distribution or Microsoft's packages, e.g. 'apt-get install dotnet-sdk-10.0', then run this again." >&2
  exit 1
fi
if ! dotnet --list-sdks 2>/dev/null | grep -qE '^10\.'; then
  echo "error: LiveWatch needs the .NET 10 SDK; found: $(dotnet --list-sdks | tr '\n' ' ')" >&2
  exit 1
fi

command -v ffmpeg >/dev/null 2>&1 || missing_packages+=(ffmpeg)
command -v ffprobe >/dev/null 2>&1 || { [[ " ${missing_packages[*]} " == *" ffmpeg "* ]] || missing_packages+=(ffmpeg); }

# pg_ctl is not on PATH on Debian: it lives in /usr/lib/postgresql/<version>/bin.
compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' >/dev/null || command -v pg_ctl >/dev/null 2>&1 || missing_packages+=(postgresql)

# Debian's redis-server package brings redis-cli too; its own service is not needed (tests start private servers).
command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1 || missing_packages+=(redis-server)

# The dashboard tests (tests/Dashboard.Tests) drive /usr/bin/chromium headless; only test.sh asks for it (--tests).
if [[ ${1:-} == --tests ]]; then
  [[ -x /usr/bin/chromium ]] || missing_packages+=(chromium)
fi

if ((${#missing_packages[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing missing system packages: ${missing_packages[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends "${missing_packages[@]}" >&2
  else
    echo "error: missing system packages: ${missing_packages[*]}" >&2
    echo "       Install them with: sudo apt-get install ${missing_packages[*]}" >&2
    exit 1
  fi
fi
