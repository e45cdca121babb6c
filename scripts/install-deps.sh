#!/usr/bin/env bash
# Installs the native packages Dossier builds with on Debian: SQLite and libcurl headers (and pkg-config), and exiftool
# (libimage-exiftool-perl), which `dossier show` and `export --strip-metadata` run for photos and videos.
# With --tests it also installs what the tests use: PostgreSQL 15 (a throwaway cluster), curl, openssl, microsocks (a SOCKS5 proxy)
# pandas (Debian's python3-pandas, for scripts/check-acled-csv.py), and chromium with python3-venv for the team view's
# browser tests (scripts/browser-test.sh installs Playwright from PyPI into .build/browser-venv).
# Skips apt-get when everything is already there.
set -euo pipefail
packages=(libsqlite3-dev libcurl4-openssl-dev pkgconf libimage-exiftool-perl)
[[ ${1:-} == --tests ]] && packages+=(postgresql curl openssl microsocks python3-pandas unzip chromium python3-venv)
need=()
for pkg in "${packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if ((${#need[@]})); then
  sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  echo "installing: ${need[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
