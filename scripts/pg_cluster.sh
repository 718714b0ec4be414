#!/usr/bin/env bash
# Throwaway PostgreSQL 15 clusters on loopback ports, for the test suite and the replica test.
#
#   bash scripts/pg_cluster.sh run CMD ARGS…     start a cluster, run CMD with DATABASE_URL pointing at it,
#                                                stop and delete the cluster when CMD ends (its exit status)
#   bash scripts/pg_cluster.sh start             start a cluster; prints PGDATA=… and DATABASE_URL=… lines
#   bash scripts/pg_cluster.sh start --replica-of URL
#                                                a streaming replica of the cluster at URL (pg_basebackup -R)
#   bash scripts/pg_cluster.sh stop PGDATA       stop a cluster started with `start` and delete its folder
#
# Debian's postgresql-15 is installed with apt-get where its binaries are missing (as .ci/run does
# for chromium). Each cluster lives in its own temporary folder, listens on 127.0.0.1 only (its
# socket in that folder too) and trusts the one role `unionarchive` (a superuser: tests create and
# drop databases). Durability is switched off (fsync, full_page_writes): a test cluster is thrown
# away, never a place for data. initdb refuses to run as root, so as root the server runs as the
# `postgres` user the Debian package creates.
set -euo pipefail

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
ROLE=unionarchive

install_postgresql() {
  [ -x "$PG_BIN/initdb" ] && return
  echo "== installing Debian's postgresql-15" >&2
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq postgresql-15 >/dev/null
}

as_server_user() {  # run a PostgreSQL binary as a user that initdb accepts
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

new_folder() {
  local dir
  dir=$(mktemp -d "${TMPDIR:-/tmp}/unionarchive-pg-XXXXXX")
  chmod 755 "$dir"
  mkdir -m 700 "$dir/data"
  [ "$(id -u)" = 0 ] && chown -R postgres: "$dir"
  echo "$dir"
}

start_server() {  # folder port
  local dir=$1 port=$2
  as_server_user "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir" start >/dev/null \
    || { tail -20 "$dir/server.log" >&2; return 1; }
}

start_cluster() {  # prints PGDATA=… and DATABASE_URL=…
  install_postgresql
  local dir port
  dir=$(new_folder)
  port=$(free_port)
  as_server_user "$PG_BIN/initdb" -D "$dir/data" -U "$ROLE" --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; return 1; }
  cat >>"$dir/data/postgresql.conf" <<'CONF'
# throwaway test cluster (scripts/pg_cluster.sh): speed over durability
fsync = off
full_page_writes = off
synchronous_commit = off
max_connections = 200
CONF
  start_server "$dir" "$port"
  as_server_user "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U "$ROLE" "$ROLE"
  echo "PGDATA=$dir"
  echo "DATABASE_URL=postgres://$ROLE@127.0.0.1:$port/$ROLE"
}

start_replica() {  # URL of the primary; prints PGDATA=… and DATABASE_URL=…
  install_postgresql
  local primary=$1 dir port
  dir=$(new_folder)
  port=$(free_port)
  # -R writes standby.signal and primary_conninfo: the copy starts as a streaming replica.
  as_server_user "$PG_BIN/pg_basebackup" -d "$primary" -D "$dir/data" -R -X stream -c fast \
    >"$dir/basebackup.log" 2>&1 || { cat "$dir/basebackup.log" >&2; return 1; }
  start_server "$dir" "$port"
  echo "PGDATA=$dir"
  echo "DATABASE_URL=postgres://$ROLE@127.0.0.1:$port/${primary##*/}"
}

stop_cluster() {  # folder
  local dir=$1
  [ -f "$dir/data/PG_VERSION" ] || { echo "not a cluster folder: $dir" >&2; return 1; }
  as_server_user "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

case "${1:-}" in
  run)
    shift
    [ $# -gt 0 ] || { echo "usage: $0 run CMD [ARGS…]" >&2; exit 2; }
    cluster=$(start_cluster)
    pgdata=$(sed -n 's/^PGDATA=//p' <<<"$cluster")
    trap 'stop_cluster "$pgdata"' EXIT
    export DATABASE_URL
    DATABASE_URL=$(sed -n 's/^DATABASE_URL=//p' <<<"$cluster")
    echo "== PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') at $DATABASE_URL" >&2
    status=0
    "$@" || status=$?
    exit "$status"
    ;;
  start)
    if [ "${2:-}" = "--replica-of" ]; then start_replica "${3:?URL of the primary}"; else start_cluster; fi
    ;;
  stop)
    stop_cluster "${2:?PGDATA folder}"
    ;;
  *)
    sed -n '2,16p' "$0" >&2
    exit 2
    ;;
esac
