#!/usr/bin/env bash
# The team view in a real headless browser (issue 18): Debian's chromium (installed by install-deps.sh --tests) driven by
# Playwright (from PyPI, in .build/browser-venv), against `dossier demo --keep` on loopback. Screenshots go to
# ${ARTEFACTS:-.build/artefacts/browser}. Run after a build (scripts/test.sh runs it).
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.build/browser-venv
[[ -x $venv/bin/python ]] || python3 -m venv "$venv"
"$venv/bin/python" -c "import playwright" 2>/dev/null || "$venv/bin/pip" install -q "playwright==1.65.2"
bin=$(swift build --show-bin-path)
log=$(mktemp)
"$bin/dossier" demo --keep >"$log" 2>&1 &
demo=$!
trap 'kill "$demo" 2>/dev/null || true; wait "$demo" 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 240); do
  grep -q "sign in as" "$log" && break
  kill -0 "$demo" 2>/dev/null || { cat "$log" >&2; echo "dossier demo --keep ended early" >&2; exit 1; }
  sleep 0.5
done
url=$(grep -o "http://127.0.0.1:[0-9]*" "$log" | tail -n 1)
token=$(tail -n 1 "$log" | tr -d ' ')
"$venv/bin/python" Tests/Browser/team_view.py "$url" "$token" Client/DossierDemo/Resources/seed-records.json \
  "${ARTEFACTS:-.build/artefacts/browser}"
