#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests: run as root, it runs the server as user `postgres`
# on 127.0.0.1, on a free port, in a temporary folder.
#   scripts/postgres.sh start   -> prints "URL DIR" (URL: postgres://postgres@127.0.0.1:PORT/dossier_test)
#   scripts/postgres.sh stop DIR
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[[ -n $bin ]] || { echo "PostgreSQL is not installed (scripts/install-deps.sh installs it)" >&2; exit 1; }
as_postgres() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-}" in
start)
  dir=$(mktemp -d /tmp/dossier-pg.XXXXXX)
  [[ $(id -u) -eq 0 ]] && chown postgres "$dir"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  as_postgres "$bin/initdb" -D "$dir/data" -U postgres -A trust --no-sync >"$dir/initdb.log" 2>&1
  as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
  as_postgres "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres dossier_test
  echo "postgres://postgres@127.0.0.1:$port/dossier_test $dir"
  ;;
stop)
  dir=${2:?usage: scripts/postgres.sh stop DIR}
  as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  ;;
*)
  echo "usage: scripts/postgres.sh start | stop DIR" >&2; exit 2 ;;
esac
