#!/usr/bin/env bash
# Runs every test: installs native dependencies, starts a throwaway PostgreSQL for the store tests,
# builds, runs `swift test`, then the team view's browser tests (scripts/browser-test.sh). Extra arguments go to
# `swift test` (e.g. --filter Convergence), and skip the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --tests
read -r url dir < <(scripts/postgres.sh start)
trap 'scripts/postgres.sh stop "$dir"' EXIT
export DOSSIER_TEST_POSTGRES_URL="$url"
echo "PostgreSQL for tests: $url" >&2
swift build --build-tests
swift test --skip-build "$@"
# The team view in a real headless browser (issue 18); screenshots in .build/artefacts/browser.
[[ $# -gt 0 ]] || scripts/browser-test.sh
