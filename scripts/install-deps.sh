#!/usr/bin/env bash
# Installs the native packages Dossier builds and tests with (Debian): SQLite and libcurl headers,
# PostgreSQL 15 for the store tests. Skips apt-get when everything is already there.
set -euo pipefail
need=()
for pkg in libsqlite3-dev libcurl4-openssl-dev postgresql; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if ((${#need[@]})); then
  sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  echo "installing: ${need[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
