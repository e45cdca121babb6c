#!/usr/bin/env bash
# ad-hoc profile of one store: STORE=sqlite|postgres; system-wide perf record per step
set -euo pipefail
B=/work/rel-build/release; W=/tmp/bf-prof/run-$STORE; P=/tmp/bf-prof/$STORE; SRC=/tmp/dossier-bench-files/video.bin
rm -rf "$W" "$P"; mkdir -p "$W" "$P"
if [[ $STORE == postgres ]]; then
  pgb=/usr/lib/postgresql/15/bin; dir=$(mktemp -d /tmp/bf-prof-pg.XXXXXX); chown postgres $dir; echo "$dir" > "$W/pgdir"
  pgp=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  runuser -u postgres -- $pgb/initdb -D $dir/data -U postgres -A trust >/dev/null
  runuser -u postgres -- $pgb/pg_ctl -D $dir/data -l $dir/server.log -w -o "-p $pgp -k $dir -c listen_addresses=127.0.0.1" start >/dev/null
  $pgb/createdb -h 127.0.0.1 -p $pgp -U postgres prof
  LOC=postgres://postgres@127.0.0.1:$pgp/prof
else LOC=sqlite:$W/server.sqlite; fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
$B/dossier-server team add kabul --store "$LOC" >/dev/null 2>&1
for u in amina omar; do $B/dossier-server user add $u --team kabul --role editor --store "$LOC" --invite $W/$u.json --server-url http://127.0.0.1:$port >/dev/null 2>&1; done
start() { $B/dossier-server serve --store "$LOC" --port $port --log-level warning > $W/server-$1.log 2>&1 & spid=$!; until grep -q listening $W/server-$1.log; do sleep 0.1; done; }
stop() { kill $spid; wait $spid || true; }
start setup
$B/dossier init --invite $W/amina.json --replica $W/a.sqlite >/dev/null 2>&1
$B/dossier init --invite $W/omar.json --replica $W/o.sqlite >/dev/null 2>&1
id=$($B/dossier incident add --title "Airport attack" --date 2021-08-26 --place Kabul --event-type "Explosions/Remote violence" --replica $W/a.sqlite 2>/dev/null | tail -1)
stop
cpu() { # total utime+stime ticks of processes whose comm matches $1
  local t=0; for f in /proc/[0-9]*/stat; do read -r line < "$f" 2>/dev/null || continue; c=${line#*(}; c=${c%%)*}; [[ $c == $1* ]] || continue; rest=${line##*) }; set -- $1 $rest; t=$((t + ${12} + ${13})); done; echo $t; }
step() { # step NAME CMD...
  local name=$1; shift
  local pg0=$(cpu postgres)
  perf record -a -F 499 -o $P/$name.data -- "$@" > $P/$name.out 2>&1
  local pg1=$(cpu postgres)
  echo "$name: postgres cpu ticks (live processes) $((pg1-pg0))" >> $P/summary.txt
}
step attach /usr/bin/time -v $B/dossier attach $id $SRC --kind video --replica $W/a.sqlite
start upload; s0=$(awk '{print $14+$15}' /proc/$spid/stat)
step upload /usr/bin/time -v $B/dossier sync --replica $W/a.sqlite
echo "upload: server cpu ticks $(( $(awk '{print $14+$15}' /proc/$spid/stat) - s0 ))" >> $P/summary.txt
stop
start fetch; $B/dossier sync --replica $W/o.sqlite >/dev/null 2>&1; s0=$(awk '{print $14+$15}' /proc/$spid/stat)
step fetch /usr/bin/time -v $B/dossier fetch --all --replica $W/o.sqlite
echo "fetch: server cpu ticks $(( $(awk '{print $14+$15}' /proc/$spid/stat) - s0 ))" >> $P/summary.txt
stop
[[ $STORE == postgres ]] && /work/main/scripts/postgres.sh stop "$(cat $W/pgdir)"
rm -rf "$W"
