#!/usr/bin/env bash
# Makes sure the system tools LiveWatch needs are present: the .NET 10 SDK (never installed here: it is the one
# prerequisite) and ffmpeg/ffprobe (installed with apt-get when running as root on Debian/Ubuntu).
# Usage: scripts/ensure-deps.sh            (sourced or run; exits non-zero with a message saying what is missing)
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
