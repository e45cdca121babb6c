#!/usr/bin/env bash
# The crash tests at full strength, with the real binaries: `dossier sync` killed with SIGKILL at random points
# 120 times, and the team server killed with SIGKILL mid-push 25 times; then every change must be on the server
# exactly once and every replica converged. CI runs the same tests (Tests/DossierEndToEndTests/Faults/CrashTests.swift)
# with smaller counts. Set DOSSIER_CRASH_KILLS / DOSSIER_SERVER_KILLS to change the counts, DOSSIER_CRASH_SEED=N to
# replay a run (each test prints its seed). Extra arguments go to `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOSSIER_CRASH_KILLS="${DOSSIER_CRASH_KILLS:-120}"
export DOSSIER_SERVER_KILLS="${DOSSIER_SERVER_KILLS:-25}"
echo "crash-test: DOSSIER_CRASH_KILLS=$DOSSIER_CRASH_KILLS DOSSIER_SERVER_KILLS=$DOSSIER_SERVER_KILLS on $(uname -srm), $(nproc) cores" >&2
swift build --build-tests
start=$(date +%s)
swift test --skip-build --filter 'DossierEndToEndTests.CrashTests' "$@"
echo "crash-test: passed in $(( $(date +%s) - start )) s" >&2
