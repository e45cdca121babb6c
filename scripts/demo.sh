#!/usr/bin/env bash
# Runs the demo: installs the native packages, builds, and runs `dossier demo` (an embedded team server,
# three researchers, the seed articles, every merge rule, and the proof of convergence).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build --product dossier
.build/debug/dossier demo "$@"
