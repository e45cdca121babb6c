#!/usr/bin/env bash
# Kinto and Dossier on the same machine, in one go, on the same workload (../shared/peers/kinto/RESULTS.md);
# prints the table and the ratios. Run as root from the project root (PostgreSQL runs as user `postgres`).
#   scripts/bench.sh                 # everything: Kinto (memory, postgresql) and Dossier (sqlite, postgres)
# Environment: NS (Dossier Ns, default "10000 100000"), KINTO_NS ("10000"), REPS (3), KINTO_REPS (REPS),
#   SCALE (1000000, the long log), CLIENTS (32), SKIP_KINTO=1, SKIP_BUILD=1, OUT (results folder, /tmp/dossier-bench-results),
#   CLI_N (10000, incidents in the CLI latency replica), CLI_REPS (9), SKIP_CLI=1,
#   FILES_MB (1024, the evidence file of step 5), SKIP_FILES=1, WEB_N (50000, incidents for the team view of step 6), SKIP_WEB=1.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
NS=${NS:-"10000 100000"}; KINTO_NS=${KINTO_NS:-10000}; REPS=${REPS:-3}; KINTO_REPS=${KINTO_REPS:-$REPS}
SCALE=${SCALE:-1000000}; CLIENTS=${CLIENTS:-32}; OUT=${OUT:-/tmp/dossier-bench-results}
KINTO_SRC=${KINTO_SRC:-$root/../shared/peers/kinto}; KINTO_DIR=${KINTO_DIR:-/tmp/kinto-peer}
mkdir -p "$OUT"
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pg_dir=""
cleanup() {
  [[ -n $pg_dir ]] && { runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1 || true; rm -rf "$pg_dir"; }
  [[ -x $KINTO_DIR/run_kinto.sh ]] && (cd "$KINTO_DIR" && ./run_kinto.sh stop >/dev/null 2>&1 || true)
}
trap cleanup EXIT

# 1. Kinto: a private copy of the peer (shared/ is read-only) with its own venv; its scripts run unchanged.
if [[ -z ${SKIP_KINTO:-} ]]; then
  if [[ ! -x $KINTO_DIR/.venv/bin/python ]]; then
    rm -rf "$KINTO_DIR"; cp -r "$KINTO_SRC" "$KINTO_DIR"; chmod -R u+w "$KINTO_DIR"
    python3 -m venv "$KINTO_DIR/.venv"; "$KINTO_DIR/.venv/bin/pip" install -q -r "$KINTO_DIR/requirements.lock.txt"
  fi
  (cd "$KINTO_DIR" && BACKENDS="memory postgresql" NS="$KINTO_NS" REPS="$KINTO_REPS" OUTDIR="$OUT/kinto" ./run_all.sh)
fi

# 2. Dossier, release build.
[[ -n ${SKIP_BUILD:-} ]] || swift build -c release --product dossier-bench --product dossier-server
bin=$(swift build -c release --show-bin-path)

# A PostgreSQL cluster with the same durable defaults as Kinto's (fsync and synchronous_commit on).
pg_dir=$(mktemp -d /tmp/dossier-bench-pg.XXXXXX); chown postgres "$pg_dir"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
runuser -u postgres -- "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust >"$pg_dir/initdb.log"
runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
  -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c timezone=UTC" start >/dev/null
runuser -u postgres -- "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U postgres dossier_bench
pg_url="postgres://postgres@127.0.0.1:$port/dossier_bench"

"$bin/dossier-bench" run --server "$bin/dossier-server" --stores sqlite,postgres --pg "$pg_url" \
  --ns "${NS// /,}" --reps "$REPS" --scale "$SCALE" --clients "$CLIENTS" --out "$OUT/dossier.json"

# 3. The table and the ratios, from this run's files.
python3 scripts/bench_summary.py "$OUT" | tee "$OUT/summary.md"

# 4. The daily commands' latency on a replica of CLI_N incidents, with the CLI built as it ships to laptops:
#    statically linked (no Swift runtime needed there), in a build folder of its own since the flag rebuilds everything.
if [[ -z ${SKIP_CLI:-} ]]; then
  [[ -n ${SKIP_BUILD:-} ]] || swift build -c release --static-swift-stdlib --scratch-path .build/static --product dossier
  "$bin/dossier-bench" cli --dossier .build/static/release/dossier --n "${CLI_N:-10000}" --reps "${CLI_REPS:-9}" --out "$OUT/cli.json"
fi

# 5. Evidence files (issue 16): attach, upload and fetch of a FILES_MB file on both stores, against a plain disk copy
#    of the same file (scripts/bench-files.sh); the table goes to $OUT/files.txt, the raw times to $OUT/files-raw.tsv.
if [[ -z ${SKIP_FILES:-} ]]; then
  [[ -n ${SKIP_BUILD:-} ]] || swift build -c release --product dossier
  BIN="$bin" PG_URL="$pg_url" OUT="$OUT" SIZE_MB="${FILES_MB:-1024}" REPS="$REPS" scripts/bench-files.sh
fi

# 6. The team's view (issue 18): each page's time to first byte at WEB_N incidents (default 50000) on both stores.
if [[ -z ${SKIP_WEB:-} ]]; then
  for store in sqlite postgres; do
    "$bin/dossier-bench" web --server "$bin/dossier-server" --stores "$store" --pg "$pg_url" --n "${WEB_N:-50000}" \
      --reps "${WEB_REPS:-5}" --out "$OUT/web-$store.json"
  done
fi
