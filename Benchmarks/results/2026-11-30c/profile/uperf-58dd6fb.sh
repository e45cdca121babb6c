#!/usr/bin/env bash
set -euo pipefail
B=/tmp/files-bench-helper/bin-58dd6fb; W=/tmp/files-bench-helper/up; SRC=/tmp/files-bench-helper/work/video.bin
rm -rf $W; mkdir -p $W; LOC=sqlite:$W/server.sqlite
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
$B/dossier-server team add kabul --store "$LOC" >/dev/null 2>&1
$B/dossier-server user add amina --team kabul --role editor --store "$LOC" --invite $W/amina.json --server-url http://127.0.0.1:$port >/dev/null 2>&1
$B/dossier-server serve --store "$LOC" --port $port --log-level warning > $W/server.log 2>&1 & spid=$!; until grep -q listening $W/server.log 2>/dev/null; do sleep 0.1; done
$B/dossier init --invite $W/amina.json --replica $W/a.sqlite >/dev/null 2>&1
id=$($B/dossier incident add --title "Airport attack" --date 2021-08-26 --place Kabul --event-type "Explosions/Remote violence" --replica $W/a.sqlite 2>/dev/null | tail -1)
$B/dossier attach $id $SRC --kind video --replica $W/a.sqlite >/dev/null 2>&1
perf record -F 1999 -g -p $spid -o /tmp/files-bench-helper/upload-server-58dd6fb.data > /dev/null 2>&1 & ppid=$!
sleep 0.5
s0=$(awk '{print $14+$15}' /proc/$spid/stat)
/usr/bin/time -f "client %e s user %U sys %S" perf record -F 1999 -g -o /tmp/files-bench-helper/upload-client-58dd6fb.data $B/dossier sync --replica $W/a.sqlite >/dev/null 2>$W/time.txt
echo "server cpu ticks $(( $(awk '{print $14+$15}' /proc/$spid/stat) - s0 ))"; tail -1 $W/time.txt
kill -INT $ppid; wait $ppid || true
kill $spid; wait $spid || true
rm -rf $W
