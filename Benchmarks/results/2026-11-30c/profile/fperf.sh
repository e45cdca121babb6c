#!/usr/bin/env bash
# sample the server's RssAnon/RssFile during a 1 GiB fetch (sqlite store); ENV passed to the server only
set -euo pipefail
B=/work/rel-build/release; W=/tmp/bf-prof/mem; SRC=/tmp/dossier-bench-files/video.bin
rm -rf $W; mkdir -p $W; LOC=sqlite:$W/server.sqlite
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
$B/dossier-server team add kabul --store "$LOC" >/dev/null 2>&1
for u in amina omar; do $B/dossier-server user add $u --team kabul --role editor --store "$LOC" --invite $W/$u.json --server-url http://127.0.0.1:$port >/dev/null 2>&1; done
start() { env ${SERVER_ENV:-X=1} $B/dossier-server serve --store "$LOC" --port $port --log-level warning > $W/server-$1.log 2>&1 & spid=$!; until grep -q listening $W/server-$1.log 2>/dev/null; do sleep 0.1; done; }
stop() { kill $spid; wait $spid || true; }
start setup
$B/dossier init --invite $W/amina.json --replica $W/a.sqlite >/dev/null 2>&1
$B/dossier init --invite $W/omar.json --replica $W/o.sqlite >/dev/null 2>&1
id=$($B/dossier incident add --title "Airport attack" --date 2021-08-26 --place Kabul --event-type "Explosions/Remote violence" --replica $W/a.sqlite 2>/dev/null | tail -1)
$B/dossier attach $id $SRC --kind video --replica $W/a.sqlite >/dev/null 2>&1
$B/dossier sync --replica $W/a.sqlite >/dev/null 2>&1
$B/dossier sync --replica $W/o.sqlite >/dev/null 2>&1
stop
for i in 1; do
  rm -rf $W/o.sqlite-evidence
  start fetch$i
  perf record -F 1999 -g -o $W/../fetch-client-$i.data $B/dossier fetch --all --replica $W/o.sqlite >/dev/null 2>&1 & cpid=$!
  max=0; while kill -0 $cpid 2>/dev/null; do l=$(awk '/RssAnon|RssFile/{printf "%s ", $2}' /proc/$spid/status); a=${l%% *}; ((a > max)) && max=$a && at="$l"; sleep 0.02; done
  echo "fetch $i: max RssAnon/RssFile KiB: $at  VmHWM $(awk '/VmHWM/{print $2}' /proc/$spid/status) threads $(ls /proc/$spid/task | wc -l)"
  stop
done
rm -rf $W
