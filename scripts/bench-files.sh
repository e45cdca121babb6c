#!/usr/bin/env bash
# Evidence files (issue 16): time and peak memory of `dossier attach`, the upload (`dossier sync`) and the download
# (`dossier fetch --all`) of one SIZE_MB file of random bytes over loopback, on a SQLite and a PostgreSQL server (and one
# with `serve --blob-cache`, whose downloads read the copy the upload left on its disk), against a
# plain disk-to-disk copy of the same file on the same filesystem (`cp` then `sync FILE`, i.e. an fsync like attach's;
# also `dd bs=1M conv=fsync`, which moves the bytes through user space as a hashing copy must), with the SHA-256 speed
# of `sha256sum` and `openssl dgst` on the same file for reference. Prints a table and each target's verdict.
# Run as root from the project root (a PostgreSQL cluster runs as user `postgres`; clear_refs needs it too). Safe to run
# again: it starts over in WORK each time and only reuses the source file when it has the right size (about 4 × SIZE_MB
# of disk at the peak).
#   BIN=/work/rel-build/release scripts/bench-files.sh       # 1 GiB, median of 3, both stores (~4 min; REPS=5 ~6 min)
#   SIZE_MB=100 REPS=1 STORES=sqlite scripts/bench-files.sh  # a quick look
# Environment: SIZE_MB (1024), REPS (3), OUT (results folder, /tmp/dossier-bench-results: writes OUT/files.txt, the table,
#   and OUT/files-raw.tsv, one line per timed step), BIN (folder holding release builds of dossier and dossier-server;
#   default `swift build -c release --show-bin-path`), STORES ("sqlite postgres postgres-cache"), PG_URL (a PostgreSQL server to make
#   databases in, e.g. bench.sh's; default: a throwaway cluster with fsync and synchronous_commit on), WORK (/tmp/dossier-bench-files).
# What is measured: wall time of each command (python3 perf_counter around the child) and the child's peak RSS
# (getrusage(RUSAGE_CHILDREN).ru_maxrss). Each upload and fetch runs against a server started fresh for it, and the
# server's VmHWM is reset (/proc/PID/clear_refs) just before the step, so "server peak" is that step's peak RSS of the
# dossier-server process (PostgreSQL's own processes are not counted). Nothing is dropped from the page cache (that needs
# a privilege a shared VM does not give): the source file is read from memory by the copy and by attach alike.
# Before each timed step everything dirty is written out (`sync`, and a PostgreSQL CHECKPOINT), untimed, so a step does
# not pay for the previous one's writes. The fetched file's SHA-256 is checked against the source's on every repetition.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
SIZE_MB=${SIZE_MB:-1024}; REPS=${REPS:-3}; OUT=${OUT:-/tmp/dossier-bench-results}; STORES=${STORES:-"sqlite postgres postgres-cache"}
WORK=${WORK:-/tmp/dossier-bench-files}
BIN=${BIN:-$(swift build -c release --show-bin-path)}
dossier=$BIN/dossier; server=$BIN/dossier-server
for tool in "$dossier" "$server"; do [[ -x $tool ]] || { echo "bench-files: $tool is missing (build it with swift build -c release)" >&2; exit 1; }; done
# One run at a time on the machine: two would share the disk and the CPUs (and the same WORK would delete each other's files).
exec 9>/tmp/dossier-bench-files.lock
flock -n 9 || { echo "bench-files: waiting for another run of bench-files.sh to finish" >&2; flock 9; }
mkdir -p "$OUT" "$WORK"; rm -rf "$WORK"/run-* # a failed run leaves its folder (logs, replicas) until the next
raw=$OUT/files-raw.tsv; log=$WORK/commands.log
: >"$log"; : >"$WORK/checks.txt"
printf 'rep\tstep\tstore\tseconds\tclient_peak_kib\tserver_peak_kib\tserver_idle_kib\tload1\n' >"$raw"

server_pid=""; pg_dir=""; made_pg=""
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
cleanup() {
  if [[ -n $server_pid ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [[ -n $made_pg ]]; then
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
}
trap cleanup EXIT

# measure CMD...: runs CMD (its output to the log), prints its wall seconds and peak RSS in KiB.
measure() {
  python3 -c '
import resource, subprocess, sys, time
with open(sys.argv[1], "ab") as log:
    start = time.perf_counter()
    done = subprocess.run(sys.argv[2:], stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
    took = time.perf_counter() - start
if done.returncode:
    sys.exit(f"bench-files: {sys.argv[2:]} failed with status {done.returncode}; see {sys.argv[1]}")
print(f"{took:.3f} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}")
' "$log" "$@"
}
record() { # record REP STEP STORE "SECONDS PEAK" [SERVER_PEAK SERVER_IDLE]
  local seconds peak; read -r seconds peak <<<"$4"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$seconds" "$peak" "${5:--}" "${6:--}" "$(cut -d' ' -f1 /proc/loadavg)" >>"$raw"
  printf '  rep %s %-8s %-9s %8ss  client %s KiB  server %s KiB\n' "$1" "$2" "$3" "$seconds" "$peak" "${5:--}" >&2
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
kib() { awk -v key="$1:" '$1 == key {print $2}' "/proc/$server_pid/status"; }
start_server() { # start_server STORE PORT LOGFILE [SERVE OPTION...]
  "$server" serve --store "$1" --port "$2" --log-level warning "${@:4}" >>"$3" 2>&1 &
  server_pid=$!
  for _ in $(seq 600); do
    grep -q "listening on .*:$2 " "$3" 2>/dev/null && return 0
    kill -0 "$server_pid" 2>/dev/null || { echo "bench-files: dossier-server exited; see $3" >&2; exit 1; }
    sleep 0.1
  done
  echo "bench-files: dossier-server did not start; see $3" >&2; exit 1
}
stop_server() { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""; }
# Before each timed step: what earlier steps left dirty (the page cache, PostgreSQL's buffers and its checkpoint of the
# last run's gigabytes) is written out first, so no step pays for another's writes.
settle() {
  if [[ -n ${PG_URL:-} ]]; then "$pg_bin/psql" "$PG_URL" -qc CHECKPOINT >/dev/null 2>&1 || true; fi
  sync
}

# PostgreSQL: the given server, or a cluster of our own with the durable defaults (as bench.sh's).
if [[ " $STORES " == *" postgres"* && -z ${PG_URL:-} ]]; then
  [[ -n $pg_bin ]] || { echo "bench-files: PostgreSQL is not installed (scripts/install-deps.sh --tests)" >&2; exit 1; }
  pg_dir=$(mktemp -d /tmp/dossier-bench-files-pg.XXXXXX); chown postgres "$pg_dir"; made_pg=1
  pg_port=$(free_port)
  runuser -u postgres -- "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust >"$pg_dir/initdb.log"
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
    -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c timezone=UTC" start >/dev/null
  PG_URL="postgres://postgres@127.0.0.1:$pg_port/postgres"
fi

# The file: random bytes (incompressible, like video), made once.
source_file=$WORK/video.bin; bytes=$((SIZE_MB * 1048576))
if [[ ! -f $source_file || $(stat -c %s "$source_file") -ne $bytes ]]; then
  echo "bench-files: writing $SIZE_MB MiB of random bytes to $source_file" >&2
  head -c "$bytes" /dev/urandom >"$source_file.tmp" && mv "$source_file.tmp" "$source_file"
fi
cat "$source_file" >/dev/null # in the page cache for every step alike
sha=$(sha256sum "$source_file" | cut -d' ' -f1)

# Reference points on the same (cached) file: the SHA-256 speed of coreutils and of OpenSSL (one thread).
settle
record 0 sha256sum - "$(measure sha256sum "$source_file")"
record 0 openssl - "$(measure openssl dgst -sha256 "$source_file")"

for rep in $(seq "$REPS"); do
  # The baseline: a plain copy on the same filesystem, made durable like attach's file. `cp` copies inside the kernel
  # (copy_file_range); `dd` moves the bytes through a 1 MiB buffer in user space, as any copy that hashes them must.
  rm -f "$WORK/copy.bin"; settle
  record "$rep" copy - "$(measure sh -c 'cp -- "$1" "$2" && sync -- "$2"' sh "$source_file" "$WORK/copy.bin")"
  rm -f "$WORK/copy.bin"; settle
  record "$rep" copy-dd - "$(measure dd if="$source_file" of="$WORK/copy.bin" bs=1M conv=fsync status=none)"
  rm -f "$WORK/copy.bin"

  for store in $STORES; do
    run=$WORK/run-$rep-$store; rm -rf "$run"; mkdir -p "$run"
    serve_options=()
    case $store in
      sqlite) location=sqlite:$run/server.sqlite ;;
      postgres|postgres-cache)
        name=bench_files_${rep}_${store//-/_}_$$
        if [[ $store == postgres-cache ]]; then serve_options=(--blob-cache "$run/blob-cache"); fi
        "$pg_bin/createdb" --maintenance-db="$PG_URL" "$name"
        location=${PG_URL%/*}/$name ;;
      *) echo "bench-files: unknown store $store" >&2; exit 2 ;;
    esac
    port=$(free_port); url=http://127.0.0.1:$port
    "$server" team add kabul --store "$location" >>"$log" 2>&1
    for who in amina omar; do
      "$server" user add "$who" --team kabul --role editor --store "$location" --invite "$run/$who.json" --server-url "$url" >>"$log" 2>&1
    done
    start_server "$location" "$port" "$run/server-setup.log"
    "$dossier" init --invite "$run/amina.json" --replica "$run/a.sqlite" >>"$log" 2>&1
    "$dossier" init --invite "$run/omar.json" --replica "$run/o.sqlite" >>"$log" 2>&1
    id=$("$dossier" incident add --title "Airport attack" --date 2021-08-26 --place Kabul \
      --event-type "Explosions/Remote violence" --replica "$run/a.sqlite" 2>>"$log" | tail -n 1)
    stop_server

    # attach: client only (no server involved), so measured in each store's run and pooled.
    settle
    record "$rep" attach client "$(measure "$dossier" attach "$id" "$source_file" --kind video --replica "$run/a.sqlite")"

    # upload: alice's sync sends the file, then the records that name it.
    settle
    start_server "$location" "$port" "$run/server-upload.log" "${serve_options[@]}"; idle=$(kib VmRSS); echo 5 >"/proc/$server_pid/clear_refs"
    timing=$(measure "$dossier" sync --replica "$run/a.sqlite")
    record "$rep" upload "$store" "$timing" "$(kib VmHWM)" "$idle"
    stop_server

    # PostgreSQL's own floor: the server itself reads the same file and stores it in 1 MiB rows of a table shaped like
    # blob_chunks (bytea stored out of line, uncompressed), one statement, committed durably. No client, no network,
    # no hashing: what any store that keeps the bytes in this cluster pays at the least.
    if [[ $store == postgres ]]; then
      "$pg_bin/psql" "$location" -qc "CREATE TABLE floor_chunks (position BIGINT PRIMARY KEY, data BYTEA NOT NULL);
        ALTER TABLE floor_chunks ALTER COLUMN data SET STORAGE EXTERNAL" >>"$log" 2>&1
      settle
      record "$rep" pg-floor "$store" "$(measure "$pg_bin/psql" "$location" -qc "INSERT INTO floor_chunks
        SELECT i::BIGINT * 1048576, pg_read_binary_file('$source_file', i::BIGINT * 1048576, 1048576)
        FROM generate_series(0, $SIZE_MB - 1) AS i")"
      "$pg_bin/psql" "$location" -qc "DROP TABLE floor_chunks" >>"$log" 2>&1
    fi

    # fetch: omar's replica learns of the file (untimed sync), then downloads it.
    start_server "$location" "$port" "$run/server-fetch.log" "${serve_options[@]}"
    "$dossier" sync --replica "$run/o.sqlite" >>"$log" 2>&1
    settle
    idle=$(kib VmRSS); echo 5 >"/proc/$server_pid/clear_refs"
    timing=$(measure "$dossier" fetch --all --replica "$run/o.sqlite")
    record "$rep" fetch "$store" "$timing" "$(kib VmHWM)" "$idle"
    stop_server

    fetched=$run/o.sqlite-evidence/${sha:0:2}/$sha
    got=$(sha256sum "$fetched" | cut -d' ' -f1)
    [[ $got == "$sha" ]] || { echo "bench-files: the fetched file's SHA-256 is $got, not $sha" >&2; exit 1; }
    echo "  rep $rep $store: fetched file checked, sha256 $got" >&2
    printf 'rep %s %s: fetched %s bytes, sha256 %s (matches the source)\n' "$rep" "$store" "$(stat -c %s "$fetched")" "$got" >>"$WORK/checks.txt"
    rm -rf "$run"
    if [[ $store == postgres* ]]; then "$pg_bin/dropdb" --maintenance-db="$PG_URL" "$name"; fi
  done
done

# The table: medians (attach: of 2×REPS, one per store); MiB/s; the copy's time over the step's (≥ 0.5 is the
# issue's target); peaks in MiB (median and max). The memory verdict uses the largest peak of any repetition.
{
  echo "Evidence files: $SIZE_MB MiB of random bytes, median of $REPS, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, $(uname -r)"
  echo "dossier: $dossier (built $(date -u -r "$dossier" +%Y-%m-%dT%H:%MZ); checkout at $(git rev-parse --short HEAD 2>/dev/null || echo ?))"
  python3 - "$raw" "$SIZE_MB" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
size = float(sys.argv[2])
def med(values):
    values = [float(v) for v in values if v != "-"]
    return statistics.median(values) if values else None
groups = {}
for row in rows:
    groups.setdefault((row["step"], row["store"]), []).append(row)
copy = med(r["seconds"] for r in groups[("copy", "-")])
dd = med(r["seconds"] for r in groups[("copy-dd", "-")])
mib = lambda kib: "-" if kib is None else f"{kib / 1024:.1f}"
print()
print("| step | store | n | seconds, median (min–max) | MiB/s | ratio to copy (cp) | ratio to dd | client peak RSS MiB | server peak RSS MiB (idle) |")
print("|---|---|---|---|---|---|---|---|---|")
for (step, store), group in groups.items():
    seconds = [float(r["seconds"]) for r in group]
    s = statistics.median(seconds)
    spread = f"{s:.2f} ({min(seconds):.2f}–{max(seconds):.2f})" if len(seconds) > 1 else f"{s:.2f}"
    server = med(r["server_peak_kib"] for r in group)
    idle = med(r["server_idle_kib"] for r in group)
    top = max((float(r["server_peak_kib"]) for r in group if r["server_peak_kib"] != "-"), default=None)
    served = "-" if server is None else f"{mib(server)} (max {mib(top)}; idle {mib(idle)})"
    client = f"{mib(med(r['client_peak_kib'] for r in group))} (max {mib(max(float(r['client_peak_kib']) for r in group))})"
    print(f"| {step} | {store} | {len(group)} | {spread} | {size / s:.0f} | {copy / s:.2f} | {dd / s:.2f} | {client} | {served} |")
print()
limit = 64e6 / 1024  # the issue's 64 MB, in KiB (61.0 MiB)
for (step, store), group in groups.items():
    if step not in ("attach", "upload", "fetch"):
        continue
    s = med(r["seconds"] for r in group)
    client = max(float(r["client_peak_kib"]) for r in group)
    server = [float(r["server_peak_kib"]) for r in group if r["server_peak_kib"] != "-"]
    memory = client < limit and all(v < limit for v in server)
    speed = copy / s >= 0.5
    print(f"{step} {store}: memory < 64 MB each side: {'met' if memory else 'MISSED'} (client max {mib(client)} MiB"
          + (f", server max {mib(max(server))} MiB" if server else "") + f"); ≥ 50% of the copy: {'met' if speed else 'MISSED'}"
          + f" ({100 * copy / s:.0f}% of cp, {100 * dd / s:.0f}% of dd)")
floor = med(r["seconds"] for r in groups.get(("pg-floor", "postgres"), []))
if floor:
    upload = med(r["seconds"] for r in groups[("upload", "postgres")])
    print(f"PostgreSQL's own floor (the server inserting the file itself): {floor:.2f} s = {100 * copy / floor:.0f}% of cp;"
          + f" the PostgreSQL upload takes {upload / floor:.2f}× that floor")
PY
  echo
  cat "$WORK/checks.txt"
} | tee "$OUT/files.txt"
rm -f "$WORK/checks.txt"
