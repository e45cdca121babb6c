#!/usr/bin/env bash
# Runs every test: installs native dependencies, starts a throwaway PostgreSQL for the store tests,
# builds, and runs `swift test`. Extra arguments go to `swift test` (e.g. --filter Convergence).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --tests
read -r url dir < <(scripts/postgres.sh start)
trap 'scripts/postgres.sh stop "$dir"' EXIT
export DOSSIER_TEST_POSTGRES_URL="$url"
echo "PostgreSQL for tests: $url" >&2
swift build --build-tests
swift test --skip-build "$@"
